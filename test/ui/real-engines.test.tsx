/**
 * The set-up flow over the real config and stack engines (locate, read,
 * planStack, applyPatch, unifiedDiff, checkConfig, writeConfig) on a temp
 * file; only hardware, discovery and the doctor are fakes.
 */
import {mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, mkdirSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import JSON5 from 'json5';
import {afterEach, describe, expect, it} from 'vitest';
import {memoryIo} from '../../src/cli/io.js';
import {App} from '../../src/ui/App.js';
import {realServices} from '../../src/ui/real-services.js';
import type {Services} from '../../src/ui/services.js';
import {KEY, flat, renderInk} from '../support/ink.js';
import {PROFILE, fakeServices, lmStudio} from './fakes.js';

const CONFIG = `// OpenClaw config (hand-written)
{
  gateway: {mode: 'local'}, // keep local
  agents: {
    defaults: {
      model: {primary: "anthropic/claude-sonnet-4-5"},
    },
  },
}
`;

let dir = '';
afterEach(() => {
  if (dir) rmSync(dir, {recursive: true, force: true});
});

function servicesFor(path: string, home: string): Services {
  const io = memoryIo({env: {HOME: home, OPENCLAW_CONFIG_PATH: path}, now: () => new Date('2026-11-22T10:15:00Z')});
  const real = realServices({io, global: {color: false, json: false}, values: {}, args: []});
  const fake = fakeServices({
    servers: [lmStudio(1234, [{id: 'minimax-m2.1-gs32', state: 'loaded', loadedContext: 65536, maxContext: 196608}])],
  });
  return {
    ...real,
    openclawVersion: async () => null,
    detectHardware: async () => ({...PROFILE, usableAcceleratorMemoryGB: 400}),
    evaluate: fake.evaluate,
    discover: fake.discover,
    runDoctor: fake.runDoctor,
    openclawValidate: async () => ({available: false, issues: []}),
  };
}

describe('set-up over the real engines', () => {
  it('patches the file in place: comments and quotes kept, backup made where the review said', async () => {
    dir = mkdtempSync(join(tmpdir(), 'old-ui-real-'));
    const home = join(dir, 'home');
    mkdirSync(join(home, '.openclaw'), {recursive: true});
    const path = join(home, '.openclaw/openclaw.json');
    writeFileSync(path, CONFIG);
    const app = await renderInk(
      <App services={servicesFor(path, home)} version="0.1.0" home={home} initialRoute={{screen: 'setup'}} />,
    );
    await app.waitFor(/Choose a stack/);
    await app.waitFor(/\(recommended\)/);
    // Pick the LM Studio stack wherever the recommendation put the pointer.
    for (let i = 0; i < 8 && !/❯ LM Studio/.test(app.frame()); i++) await app.press(KEY.up);
    await app.press(KEY.enter);
    await app.waitFor(/❯ minimax-m2\.1-gs32 · LM Studio on :1234/);
    await app.press(KEY.enter);
    await app.waitFor(/❯ Context\s+65536/);
    await app.press(KEY.enter);
    await app.press(KEY.enter);
    await app.waitFor(/Fallbacks/);
    await app.press(KEY.enter);
    let f = await app.waitFor(/❯ Write it/);
    f = await app.waitFor(/our schema check/);
    // The backup path comes from its own lookup: wait for it too (slow under load).
    f = await app.waitFor(/Backup: ~/);
    // The backup path shown is the one the write uses.
    const shown = /Backup: ~\/\.openclaw\/(\S+)/.exec(f)?.[1];
    expect(shown).toMatch(/^openclaw\.json\.local-doctor-.+\.bak$/);
    // The real diff: the untouched comment is context, never removed.
    expect(f).toMatch(/^@@ -\d+,\d+ \+\d+,\d+ @@/m);
    expect(f).not.toMatch(/^-.*hand-written/m);
    expect(readFileSync(path, 'utf8')).toBe(CONFIG);
    expect(readdirSync(join(home, '.openclaw'))).toEqual(['openclaw.json']);
    await app.press(KEY.enter);
    f = await app.waitFor(/parsed, valid/);
    expect(flat(f)).toMatch(/Wrote ~\/\.openclaw\/openclaw\.json · backup ~\/\.openclaw\//);
    app.unmount();

    const text = readFileSync(path, 'utf8');
    expect(text).toContain('// OpenClaw config (hand-written)');
    expect(text).toContain("gateway: {mode: 'local'}, // keep local");
    const cfg = JSON5.parse(text);
    expect(cfg.models.providers.lmstudio.baseUrl).toBe('http://127.0.0.1:1234/v1');
    expect(cfg.models.providers.lmstudio.models[0]).toMatchObject({
      id: 'minimax-m2.1-gs32',
      contextWindow: 65536,
      maxTokens: 8192,
    });
    expect(cfg.agents.defaults.model.primary).toBe('lmstudio/minimax-m2.1-gs32');
    expect(cfg.agents.defaults.model.fallbacks).toContain('anthropic/claude-sonnet-4-5');
    const backups = readdirSync(join(home, '.openclaw')).filter((n) => n !== 'openclaw.json');
    expect(backups).toEqual([shown]);
    expect(readFileSync(join(home, '.openclaw', backups[0]), 'utf8')).toBe(CONFIG);
  });

  it('configFixes: the doctor keeps the first of two contradicting fixes, and the list says so', async () => {
    const io = memoryIo({env: {}});
    const services = realServices({io, global: {color: false, json: false}, values: {}, args: []});
    const path = ['models', 'providers', 'lmstudio', 'models', 0, 'contextWindow'];
    const r = (id: string, value: number) => ({
      id,
      title: id,
      status: 'fail' as const,
      severity: 'error' as const,
      message: '',
      fix: {
        kind: 'config' as const,
        description: `contextWindow → ${value}`,
        patch: [{op: 'set' as const, path, value}],
      },
    });
    const {parseConfigText} = await import('../../src/config/index.js');
    const loaded = parseConfigText(
      '{models: {providers: {lmstudio: {models: [{id: "m", contextWindow: 196608}]}}}}\n',
      '/x/openclaw.json',
    );
    const plan = await services.configFixes(loaded, [r('a', 32768), r('b', 65536)]);
    expect(plan.newText).toContain('contextWindow: 32768');
    expect(plan.fixed).toEqual([{id: 'a', description: 'contextWindow → 32768'}]);
  });
});

describe('the doctor screen’s hosted fallback over the real engines (issue 11)', () => {
  const LOCAL_ONLY = `// mine
{
  agents: {defaults: {model: "lmstudio/minimax-m2.1-gs32", modelPolicy: {allow: ["lmstudio/minimax-m2.1-gs32"]}}},
}
`;

  it('builds the same patch as --add-fallback: primary kept, ref allowed, comment kept', async () => {
    dir = mkdtempSync(join(tmpdir(), 'old-ui-fallback-'));
    const home = join(dir, 'home');
    mkdirSync(join(home, '.openclaw'), {recursive: true});
    const path = join(home, '.openclaw/openclaw.json');
    writeFileSync(path, LOCAL_ONLY);
    const services = servicesFor(path, home);
    const {loaded} = await services.loadConfig();
    const plan = await services.addFallback(loaded, 'openai/gpt-5.1');
    expect(plan.newText).toMatch(/^\/\/ mine/);
    const value = JSON5.parse(plan.newText);
    expect(value.agents.defaults.model).toEqual({primary: 'lmstudio/minimax-m2.1-gs32', fallbacks: ['openai/gpt-5.1']});
    expect(value.agents.defaults.modelPolicy.allow).toContain('openai/gpt-5.1');
    expect(plan.fixed[0].description).toMatch(/add openai\/gpt-5\.1 as a hosted fallback/);
    // The --add-fallback rule refuses a key and a ref with spaces; nothing is prepared.
    await expect(services.addFallback(loaded, 'sk-ant-api03-abcdefghijklmnopqrstuvwxyz0123456789')).rejects.toThrow(
      /looks like an API key/,
    );
    await expect(services.addFallback(loaded, 'openai/gpt 5')).rejects.toThrow(/must not contain spaces/);
    expect(readFileSync(path, 'utf8')).toBe(LOCAL_ONLY);
  });
});
