import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, beforeEach, describe, expect, it} from 'vitest';
import {memoryIo} from '../../src/cli/io.js';
import {main} from '../../src/cli/main.js';
import {makeFakeOpenclaw} from './openclaw-fake.js';

const roots: string[] = [];
let fake: string;
beforeAll(() => {
  fake = makeFakeOpenclaw();
  roots.push(path.dirname(fake));
});
afterAll(() => {
  for (const r of roots) rmSync(r, {recursive: true, force: true});
});

let home: string;
beforeEach(() => {
  home = mkdtempSync(path.join(os.tmpdir(), 'cmd-home-'));
  roots.push(home);
});

function config(text: string, rel = '.openclaw/openclaw.json'): string {
  const p = path.join(home, rel);
  mkdirSync(path.dirname(p), {recursive: true});
  writeFileSync(p, text);
  return p;
}

async function run(args: string[], env: NodeJS.ProcessEnv = {}) {
  const io = memoryIo({env: {HOME: home, ...env}, cwd: home});
  const code = await main(args, io);
  return {code, out: io.out(), err: io.err()};
}

/** Lines wider than 80 columns that could have been wrapped (a single long token is fine). */
const wideLines = (text: string) =>
  text.split('\n').filter((l) => l.length > 80 && /\s\S+\s/.test(l.trim().slice(0, 80)));

const GOOD = `{
  gateway: {mode: "local"},
  models: {providers: {lmstudio: {baseUrl: "http://127.0.0.1:1234/v1", api: "openai-responses",
    models: [{id: "qwen/qwen3-8b", name: "Qwen3 8B", contextWindow: 32768}]}}},
  agents: {defaults: {model: {primary: "lmstudio/qwen/qwen3-8b"}}},
}
`;
const BAD = `{
  models: {providers: {lmstudio: {baseUrl: "http://127.0.0.1:1234/v1", api: "bogus",
    models: [{id: "qwen/qwen3-8b"}]}}},
  agents: {defaults: {model: {primary: "lmstudio/qwen/qwen3-8b"}, compaction: {reserveTokens: 1}, mystery: 1}},
}
`;

describe('config path', () => {
  it('prints the path, why, and the candidates', async () => {
    const p = config('{}');
    const r = await run(['config', 'path']);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`Config:    ${p}`);
    expect(r.out).toContain('Status:    exists');
    expect(r.out).toContain('Why:       The default location; it exists.');
    expect(r.out).toMatch(/found\s+.*\.openclaw\/openclaw\.json/);
    expect(r.out).toMatch(/missing\s+.*\.clawdbot\/clawdbot\.json/);
    expect(r.out).not.toMatch(/\u001b\[/);
    expect(wideLines(r.out)).toEqual([]);
    expect(r.err).toBe('');
  });

  it('--json is stable; --profile and read-only are honoured', async () => {
    config('{}', '.moltbot/moltbot.json');
    const r = await run(['--profile', 'work', 'config', 'path', '--json'], {OPENCLAW_NIX_MODE: '1'});
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(Object.keys(json)).toEqual([
      'path',
      'exists',
      'source',
      'reason',
      'stateDir',
      'home',
      'readOnly',
      'readOnlyReason',
      'candidates',
      'legacyFound',
      'notes',
    ]);
    expect(json).toMatchObject({
      path: path.join(home, '.openclaw-work', 'openclaw.json'),
      exists: false,
      source: 'profile',
      readOnly: true,
      legacyFound: [path.join(home, '.moltbot', 'moltbot.json')],
      notes: [],
    });
  });

  it('--config wins and shows in text', async () => {
    const r = await run(['--config', 'elsewhere.json5', 'config', 'path']);
    expect(r.out).toContain(path.join(home, 'elsewhere.json5'));
    expect(r.out).toContain('--config was given');
    expect(r.out).toContain('does not exist yet');
  });
});

describe('config check', () => {
  it('a good config exits 0', async () => {
    config(GOOD);
    const r = await run(['config', 'check']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Result: OK: 0 errors, 0 warnings, 0 info/);
    expect(r.out).toMatch(/OpenClaw check skipped: openclaw not found/);
  });

  it('issues grouped by severity with path, line and column; exit 1', async () => {
    config(BAD);
    const r = await run(['config', 'check']);
    expect(r.code).toBe(1);
    const errorsAt = r.out.indexOf('Errors (3)');
    const warningsAt = r.out.indexOf('Warnings (1)');
    expect(errorsAt).toBeGreaterThan(0);
    expect(warningsAt).toBeGreaterThan(errorsAt);
    expect(r.out).toContain('ERROR [schema] models.providers.lmstudio.api (line 2, column 72)');
    expect(r.out).toContain('ERROR [schema] models.providers.lmstudio.models.0.name (line 3, column 14)');
    expect(r.out).toContain(
      'ERROR [unknown-key] agents.defaults.compaction.reserveTokens\n        (line 4, column 80)',
    );
    expect(r.out).toContain('WARN  [unknown-key] agents.defaults.mystery');
    expect(r.out).toMatch(/Result: FAIL: 3 errors, 1 warning, 0 info/);
    expect(r.out).toMatch(/^ {8}"openai-completions"\|"openai-responses"\|/m);
    expect(r.out.split('\n').filter((l) => l.length > 80)).toEqual([]);
    expect(r.out).not.toMatch(/\u001b\[/);
  });

  it('--json: stable shape with counts and positions', async () => {
    config(BAD);
    const r = await run(['config', 'check', '--json']);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.out);
    expect(Object.keys(json)).toEqual([
      'schemaVersion',
      'ok',
      'path',
      'exists',
      'source',
      'readOnly',
      'counts',
      'issues',
      'openclaw',
    ]);
    expect(json).toMatchObject({
      schemaVersion: 1,
      ok: false,
      exists: true,
      source: 'default',
      readOnly: false,
      counts: {error: 3, warning: 1, info: 0},
      openclaw: null,
    });
    expect(json.issues[0]).toEqual({
      severity: 'error',
      code: 'schema',
      message: expect.stringMatching(/^Invalid option: expected one of "openai-completions"/),
      path: 'models.providers.lmstudio.api',
      line: 2,
      column: 72,
    });
    expect(r.err).toBe('');
  });

  it('says when the config is read-only', async () => {
    config(GOOD);
    const r = await run(['config', 'check'], {OPENCLAW_CONFIG_READONLY: '1'});
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Read-only: OPENCLAW_CONFIG_READONLY=1 is set/);
    expect(JSON.parse((await run(['config', 'check', '--json'], {OPENCLAW_CONFIG_READONLY: '1'})).out).readOnly).toBe(
      true,
    );
  });

  it('a syntax error is an error with its position', async () => {
    config('{\n  a: 1\n  b: 2\n}');
    const r = await run(['config', 'check', '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out).issues).toEqual([
      {
        severity: 'error',
        code: 'parse',
        message: "JSON5 syntax error: invalid character 'b'; probably a comma missing at the end of line 2",
        line: 3,
        column: 3,
      },
    ]);
  });

  it('a missing config exits 1; an unreadable one (a directory) exits 2', async () => {
    const missing = await run(['config', 'check']);
    expect(missing.code).toBe(1);
    expect(missing.out).toMatch(/no config file at/);
    // Says how to get one.
    expect(missing.out.replace(/\s+/g, ' ')).toContain('openclaw-local-doctor setup --stack lmstudio');
    mkdirSync(path.join(home, '.openclaw', 'openclaw.json'), {recursive: true});
    const dir = await run(['config', 'check']);
    expect(dir.code).toBe(2);
    expect(dir.out).toMatch(/is a directory/);
  });

  it('adds OpenClaw\u2019s own verdict when a binary is available', async () => {
    config(GOOD);
    const ok = await run(['config', 'check'], {OPENCLAW_BIN: fake, PATH: process.env.PATH});
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('OpenClaw 2026.9.6: config valid');

    // OpenClaw rejects what our slice of the schema passes: its verdict decides the exit code.
    config(GOOD.replace('gateway: {mode: "local"}', 'gateway: {mode: "local", x: "FORBIDDEN"}'));
    const bad = await run(['config', 'check'], {OPENCLAW_BIN: fake, PATH: process.env.PATH});
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('OpenClaw 2026.9.6: config INVALID (1 issue)');
    expect(bad.out).toContain('- <root>: Unrecognized key: "FORBIDDEN"');
    const json = JSON.parse(
      (await run(['config', 'check', '--json'], {OPENCLAW_BIN: fake, PATH: process.env.PATH})).out,
    );
    expect(json.ok).toBe(false);
    expect(json.counts.error).toBe(0);
    expect(json.openclaw).toEqual({
      available: true,
      version: '2026.9.6',
      valid: false,
      issues: [{path: '<root>', message: 'Unrecognized key: "FORBIDDEN"'}],
      warnings: [],
    });
  });

  it('an OpenClaw that cannot run is reported, not fatal', async () => {
    config(GOOD);
    const r = await run(['config', 'check'], {
      OPENCLAW_BIN: path.join(home, 'missing-openclaw'),
      PATH: process.env.PATH,
    });
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/OpenClaw check skipped: cannot run \S*missing-openclaw: not\sfound/);
  });
});
