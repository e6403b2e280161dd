/**
 * `setup` in-process on real temp files: main([...], memoryIo({env: {HOME}})).
 */
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {PassThrough} from 'node:stream';
import JSON5 from 'json5';
import {main as cliMain} from '../../src/cli/main.js';

// No server runs for these tests: --offline keeps setup from asking the default ports (test/setup/grounded.test.ts asks fakes).
const main = (argv: string[], io: Parameters<typeof cliMain>[1]) =>
  cliMain(argv.includes('--stack') ? [...argv, '--offline'] : argv, io);
import {memoryIo} from '../../src/cli/io.js';
import type {Io} from '../../src/cli/io.js';

let home: string;
let cfgDir: string;
let cfgPath: string;

beforeEach(() => {
  home = mkdtempSync(path.join(tmpdir(), 'setup-cmd-'));
  cfgDir = path.join(home, '.openclaw');
  cfgPath = path.join(cfgDir, 'openclaw.json');
});
afterEach(() => rmSync(home, {recursive: true, force: true}));

function fixture(name: string): string {
  return readFileSync(new URL(`../fixtures/configs/${name}`, import.meta.url), 'utf8');
}

function install(text: string): void {
  mkdirSync(cfgDir, {recursive: true});
  writeFileSync(cfgPath, text);
}

function io(extra: Partial<Io> = {}) {
  return memoryIo({env: {HOME: home}, cwd: home, now: () => new Date('2026-11-22T04:05:06Z'), ...extra});
}

function files(): string[] {
  return readdirSync(cfgDir).sort();
}

const COMMENTED = fixture('004-truestrength-whatsapp.json5');

describe('setup command', () => {
  it('--dry-run prints the diff, writes nothing, exit 0', async () => {
    install(COMMENTED);
    const m = io();
    expect(await main(['setup', '--stack', 'lmstudio', '--dry-run'], m)).toBe(0);
    expect(m.out()).toContain('--- a/openclaw.json');
    expect(m.out()).toMatch(/^\+.*lmstudio/m);
    expect(m.out()).toContain('Primary: lmstudio/minimax-m2.1-gs32');
    expect(m.err()).toContain('Dry run: nothing written.');
    expect(readFileSync(cfgPath, 'utf8')).toBe(COMMENTED);
    expect(files()).toEqual(['openclaw.json']);
  });

  it('--yes writes in place, keeps comments, makes a backup with the old bytes', async () => {
    install(COMMENTED);
    const m = io();
    expect(
      await main(['setup', '--stack', 'ollama', '--model', 'qwen3-coder:30b', '--context', '65536', '--yes'], m),
    ).toBe(0);
    const text = readFileSync(cfgPath, 'utf8');
    const value = JSON5.parse(text);
    expect(value.models.providers.ollama).toMatchObject({baseUrl: 'http://127.0.0.1:11434', api: 'ollama'});
    expect(value.agents.defaults.model.primary).toBe('ollama/qwen3-coder:30b');
    for (const line of COMMENTED.split('\n').filter((l) => l.trim().startsWith('//')))
      expect(text).toContain(line.trim());
    const backups = files().filter((f) => f !== 'openclaw.json');
    expect(backups).toHaveLength(1);
    expect(backups[0]).toMatch(/^openclaw\.json\.local-doctor-.*\.bak$/);
    expect(readFileSync(path.join(cfgDir, backups[0]), 'utf8')).toBe(COMMENTED);
    expect(m.out()).toContain(`Wrote ${cfgPath}`);
    expect(m.out()).toContain(`Backup: ${path.join(cfgDir, backups[0])}`);
    expect(m.out()).toMatch(/drops comments/);
    expect(m.out()).toContain('openclaw-local-doctor doctor');
    // No OpenClaw here: said once, plainly, without nested parentheses.
    expect(m.err()).toContain(
      "OpenClaw's own check did not run: openclaw not found (set OPENCLAW_BIN or put it on PATH); checked with this tool's schema only.",
    );

    // Second run: nothing to change, no new backup.
    const again = io();
    expect(
      await main(['setup', '--stack', 'ollama', '--model', 'qwen3-coder:30b', '--context', '65536', '--yes'], again),
    ).toBe(0);
    expect(again.out()).toMatch(/Nothing to change/);
    expect(files()).toHaveLength(2);
    expect(readFileSync(cfgPath, 'utf8')).toBe(text);
  });

  it('refuses to write off a terminal without --yes (exit 1)', async () => {
    install(COMMENTED);
    const m = io();
    expect(await main(['setup', '--stack', 'hybrid'], m)).toBe(1);
    expect(m.out()).toContain('+++ b/openclaw.json');
    expect(m.err()).toMatch(/not on a terminal.*--yes/);
    expect(readFileSync(cfgPath, 'utf8')).toBe(COMMENTED);
    expect(files()).toEqual(['openclaw.json']);
  });

  for (const [answer, code] of [
    ['y\n', 0],
    ['n\n', 1],
    ['', 1],
  ] as const) {
    it(`asks on a terminal; answer ${JSON.stringify(answer)} → exit ${code}`, async () => {
      install(COMMENTED);
      const stdin = Object.assign(new PassThrough(), {isTTY: true});
      const m = io({stdin});
      m.stdout.isTTY = true;
      const done = main(['setup', '--stack', 'lmstudio'], m);
      setTimeout(() => stdin.end(answer), 20);
      expect(await done).toBe(code);
      expect(m.err()).toContain('Write these changes? [y/N]');
      const changed = readFileSync(cfgPath, 'utf8') !== COMMENTED;
      expect(changed).toBe(code === 0);
    });
  }

  it('creates a missing config (with gateway.mode local)', async () => {
    const m = io();
    expect(await main(['setup', '--stack', 'lmstudio', '--yes'], m)).toBe(0);
    const value = JSON5.parse(readFileSync(cfgPath, 'utf8'));
    expect(value.gateway).toEqual({mode: 'local'});
    expect(value.models.providers.lmstudio.models[0].id).toBe('minimax-m2.1-gs32');
    expect(m.out()).toContain(`Created ${cfgPath}`);
    expect(m.out()).not.toContain('Backup:');
  });

  it('honours --config', async () => {
    const other = path.join(home, 'elsewhere.json5');
    writeFileSync(other, '{}\n');
    const m = io();
    expect(await main(['--config', other, 'setup', '--stack', 'llamacpp', '--model', 'm', '--yes'], m)).toBe(0);
    expect(JSON5.parse(readFileSync(other, 'utf8')).models.providers.llamacpp.baseUrl).toBe('http://127.0.0.1:8080/v1');
  });

  for (const name of [
    '022-BAD-es6-unicode-escape.json5',
    '035-BAD-hash-comments-vllm.json5',
    '036-BAD-missing-comma-large.json5',
  ])
    it(`reports unparsable ${name} with line and column, writes nothing, exit 1`, async () => {
      const bad = fixture(name);
      install(bad);
      const m = io();
      expect(await main(['setup', '--stack', 'lmstudio', '--yes'], m)).toBe(1);
      expect(m.err()).toMatch(/^error: cannot parse .*openclaw\.json \(line \d+, column \d+\)/);
      // The likely cause, and the position only once.
      expect(m.err()).toMatch(/comma missing at the end of line 696|not #|\\uXXXX/);
      expect(m.err()).not.toMatch(/ at \d+:\d+/);
      expect(m.err().trim().split('\n')).toHaveLength(1);
      expect(m.out()).toBe('');
      expect(readFileSync(cfgPath, 'utf8')).toBe(bad);
      expect(files()).toEqual(['openclaw.json']);
    });

  it('refuses a read-only config (exit 1)', async () => {
    install('{}\n');
    const m = io({env: {HOME: home, OPENCLAW_CONFIG_READONLY: '1'}});
    expect(await main(['setup', '--stack', 'lmstudio', '--yes'], m)).toBe(1);
    expect(m.err()).toMatch(/Not written: .*OPENCLAW_CONFIG_READONLY/);
    expect(m.err()).not.toContain('..');
    expect(readFileSync(cfgPath, 'utf8')).toBe('{}\n');
  });

  it('warns about duplicate keys and edits the one OpenClaw reads', async () => {
    install('{\n  "models": {"mode": "replace"},\n  "models": {"mode": "merge"}\n}\n');
    const m = io();
    expect(await main(['setup', '--stack', 'lmstudio', '--yes'], m)).toBe(0);
    expect(m.err()).toMatch(/warning: models appears more than once/);
    expect(JSON5.parse(readFileSync(cfgPath, 'utf8')).models.providers.lmstudio).toBeDefined();
  });

  it('prints the replace-mode warning and keeps the mode', async () => {
    install('{"models": {"mode": "replace"}}\n');
    const m = io();
    expect(await main(['setup', '--stack', 'lmstudio', '--yes'], m)).toBe(0);
    expect(m.err()).toMatch(/warning: models.mode is "replace"/);
    // Says how to switch with what a CLI user has (there is no --mode flag).
    expect(m.err()).toMatch(/set models\.mode to "merge" by hand/);
    expect(JSON5.parse(readFileSync(cfgPath, 'utf8')).models.mode).toBe('replace');
  });

  it('--json gives one JSON document on stdout', async () => {
    install('{}\n');
    const m = io();
    expect(await main(['--json', 'setup', '--stack', 'regional', '--region', 'eu', '--dry-run'], m)).toBe(0);
    const doc = JSON.parse(m.out());
    expect(doc).toMatchObject({
      stack: 'regional',
      changed: true,
      written: false,
      dryRun: true,
      primary: 'openrouter/minimax/minimax-m2.1',
    });
    expect(doc.diff).toContain('eu.openrouter.ai');
    expect(doc.ops.length).toBeGreaterThan(0);
  });

  const badFlags: [string[], RegExp][] = [
    [['setup'], /--stack is required/],
    [['setup', '--stack', 'nope'], /--stack must be one of/],
    [['setup', '--stack', 'lmstudio', '--context', 'abc'], /--context expects a whole number/],
    [['setup', '--stack', 'lmstudio', '--context', '0'], /--context must be at least 1/],
    [['setup', '--stack', 'lmstudio', '--api', 'bogus'], /--api must be one of/],
    [
      ['setup', '--stack', 'lmstudio', '--base-url', 'ftp://127.0.0.1/v1'],
      /--base-url: base URL must use http or https/,
    ],
    [['setup', '--stack', 'lmstudio', '--max-tokens', '300000'], /--max-tokens: max tokens \(300000\) must be smaller/],
    [['setup', '--stack', 'ollama'], /--model: the ollama stack needs a model id/],
    [['setup', '--stack', 'regional'], /--region: the regional stack needs a region/],
    [
      ['setup', '--stack', 'hybrid', '--fallback', 'nope'],
      /--fallback: fallback "nope" must look like provider\/model/,
    ],
    [['setup', '--stack', 'lmstudio', '--provider-id', 'LM Studio'], /--provider-id/],
    [['setup', '--stack', 'lmstudio', 'extra'], /takes no arguments/],
    [
      ['setup', '--stack', 'lmstudio', '--name', 'sk-ant-api03-abcdefghijklmnopqrstuvwxyz0123456789'],
      /--name: .*looks like an API key/,
    ],
    [
      ['setup', '--stack', 'lmstudio', '--provider-id', 'sk-abcdefghijklmnopqrstuvwxyz0123456789'],
      /--provider-id: .*looks like an API key/,
    ],
    [
      [
        'setup',
        '--stack',
        'lmstudio',
        '--base-url',
        'http://127.0.0.1:1234/v1/sk-abcdefghijklmnopqrstuvwxyz0123456789',
      ],
      /--base-url: .*looks like an API key/,
    ],
    [
      ['setup', '--stack', 'lmstudio', '--base-url', 'localhost:1234'],
      /--base-url: base URL "localhost:1234" has no http:\/\/ or https:\/\/; did you mean http:\/\/localhost:1234\/v1\?/,
    ],
    [
      ['setup', '--stack', 'ollama', '--model', 'q', '--base-url', '127.0.0.1:11434'],
      /did you mean http:\/\/127\.0\.0\.1:11434\?/,
    ],
    [
      ['setup', '--stack', 'llamacpp', '--model', 'q', '--base-url', 'mybox:8080/v1'],
      /did you mean http:\/\/mybox:8080\/v1\?/,
    ],
  ];
  for (const [argv, msg] of badFlags) {
    it(`bad flags: ${argv.slice(1).join(' ')} → exit 2, one error line`, async () => {
      install(COMMENTED);
      const m = io();
      expect(await main(argv, m)).toBe(2);
      const lines = m.err().trim().split('\n');
      expect(lines[0]).toMatch(/^error: /);
      expect(lines[0]).toMatch(msg);
      expect(m.err()).not.toMatch(/\n\s+at /);
      expect(lines.filter((l) => l.startsWith('error:'))).toHaveLength(1);
      expect(m.err()).not.toMatch(/abcdefghijklmnopqrstuvwxyz0123456789/);
      expect(readFileSync(cfgPath, 'utf8')).toBe(COMMENTED);
    });
  }
});

describe('setup through the real entry point', () => {
  it('dispatches via main in a child process (dry run)', async () => {
    install(COMMENTED);
    const {spawnSync} = await import('node:child_process');
    const entry = new URL('../../src/cli.ts', import.meta.url).pathname;
    const r = spawnSync(process.execPath, ['--import', 'tsx', entry, 'setup', '--stack', 'lmstudio', '--dry-run'], {
      env: {HOME: home, PATH: process.env.PATH ?? ''},
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.stderr).toContain('Dry run: nothing written.');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('+++ b/openclaw.json');
    expect(readFileSync(cfgPath, 'utf8')).toBe(COMMENTED);
  }, 60_000);
});

describe('setup on an empty file', () => {
  it('fills an existing empty file like a new config', async () => {
    install('\n');
    const m = io();
    expect(await main(['setup', '--stack', 'lmstudio', '--yes'], m)).toBe(0);
    expect(m.err()).toContain('is empty; setup will fill it');
    const value = JSON5.parse(readFileSync(cfgPath, 'utf8'));
    expect(value.agents.defaults.model.primary).toBe('lmstudio/minimax-m2.1-gs32');
    expect(files().filter((f) => f.endsWith('.bak'))).toHaveLength(1);
  });
});

describe('setup and OpenClaw profiles', () => {
  it('--profile NAME writes ~/.openclaw-NAME/openclaw.json', async () => {
    const m = io();
    expect(await main(['--profile', 'work', 'setup', '--stack', 'lmstudio', '--yes'], m)).toBe(0);
    const written = path.join(home, '.openclaw-work', 'openclaw.json');
    expect(JSON5.parse(readFileSync(written, 'utf8')).agents.defaults.model.primary).toBe('lmstudio/minimax-m2.1-gs32');
  });
});

describe('setup never prints secrets', () => {
  it('masks keys that show up as diff context', async () => {
    const secret = 'sk-or-v1-0123456789abcdef0123456789abcdef0123456789abcdef';
    install(
      JSON.stringify(
        {models: {providers: {openrouter: {baseUrl: 'https://openrouter.ai/api/v1', apiKey: secret, models: []}}}},
        null,
        2,
      ),
    );
    const m = io();
    expect(await main(['--json', 'setup', '--stack', 'regional', '--region', 'eu', '--dry-run'], m)).toBe(0);
    expect(m.out() + m.err()).not.toContain(secret);
    expect(JSON.parse(m.out()).diff).toContain('<redacted');
    const human = io();
    expect(await main(['setup', '--stack', 'regional', '--region', 'eu', '--dry-run'], human)).toBe(0);
    expect(human.out() + human.err()).not.toContain(secret);
  });
});

describe("setup writes new blocks in the file's own style", () => {
  it('unquoted identifier keys and one-line input/cost like the sibling model (CRLF JSON5)', async () => {
    install(fixture('026-crlf-kingai-ollama-commented.json5'));
    const m = io();
    expect(await main(['setup', '--stack', 'lmstudio', '--yes'], m)).toBe(0);
    const text = readFileSync(cfgPath, 'utf8');
    expect(text).toContain('"lmstudio/minimax-m2.1-gs32": {\r\n          alias: "Minimax"\r\n');
    expect(text).toContain(
      '            input: ["text"],\r\n            cost: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 },\r\n            contextWindow: 196608,',
    );
    expect(text).not.toMatch(/[^\r]\n/);
  });

  it('a file OpenClaw wrote (JSON.stringify style) stays in that style', async () => {
    const before = {agents: {defaults: {model: {primary: 'anthropic/claude-sonnet-4-5'}}}, gateway: {mode: 'local'}};
    install(JSON.stringify(before, null, 2) + '\n');
    expect(await main(['setup', '--stack', 'lmstudio', '--yes'], io())).toBe(0);
    const text = readFileSync(cfgPath, 'utf8');
    expect(text).toBe(JSON.stringify(JSON.parse(text), null, 2) + '\n');
  });
});

describe('setup reports only problems it adds', () => {
  it('an old dangling alias whose message now lists one more model is not "new"', async () => {
    install(
      '{\n  agents: { defaults: { models: { "lmstudio/bar": { alias: "B" } } } },\n  models: { providers: { lmstudio: { baseUrl: "http://127.0.0.1:1234/v1", api: "openai-responses", models: [{ id: "foo", name: "Foo" }] } } },\n}\n',
    );
    const m = io();
    expect(await main(['--json', 'setup', '--stack', 'lmstudio', '--dry-run'], m)).toBe(0);
    expect(JSON.parse(m.out()).newIssues).toEqual([]);
    expect(m.err()).not.toContain('new warning');
  });
});

describe('setup says how to add a hosted fallback to a local-only chain', () => {
  it('no hosted model in the chain: a note with the flag to add one; --json has localOnly', async () => {
    install('{\n  agents: { defaults: { model: "ollama/llama3" } },\n}\n');
    const m = io();
    expect(await main(['setup', '--stack', 'lmstudio', '--dry-run'], m)).toBe(0);
    const note = m
      .err()
      .split('\n')
      .filter((l) => l.startsWith('note:'));
    expect(note).toHaveLength(1);
    expect(note[0]).toContain('--fallback anthropic/claude-sonnet-4-5');
    expect(note[0]).toContain('ANTHROPIC_API_KEY');
    const j = io();
    expect(await main(['--json', 'setup', '--stack', 'llamacpp', '--model', 'q', '--dry-run'], j)).toBe(0);
    expect(JSON.parse(j.out()).localOnly).toBe(true);
  });

  it('no note when a hosted model stays in the chain, or for hybrid/regional', async () => {
    install('{\n  agents: { defaults: { model: "openai/gpt-5" } },\n}\n');
    for (const argv of [
      ['--stack', 'lmstudio'],
      ['--stack', 'hybrid'],
      ['--stack', 'regional', '--region', 'eu'],
      ['--stack', 'ollama', '--model', 'q'],
    ]) {
      const m = io();
      expect(await main(['setup', ...argv, '--dry-run'], m)).toBe(0);
      expect(m.err()).not.toContain('note:');
      const j = io();
      expect(await main(['--json', 'setup', ...argv, '--dry-run'], j)).toBe(0);
      expect(JSON.parse(j.out()).localOnly).toBe(false);
    }
  });
});

describe('setup does not spring the allowlist trap on agents it does not touch', () => {
  it('agents with their own models get keys too when setup starts agents.defaults.models', async () => {
    install(
      '{\n  agents: {\n    list: [\n      { id: "a", model: "openai/gpt-5" },\n      { id: "b", model: { primary: "anthropic/claude-opus-4-1", fallbacks: ["google/gemini-2.5-pro"] } },\n    ],\n  },\n}\n',
    );
    const m = io();
    expect(await main(['--json', 'setup', '--stack', 'lmstudio', '--dry-run'], m)).toBe(0);
    const out = JSON.parse(m.out());
    expect(out.newIssues.filter((i: {code: string}) => i.code === 'allowlist')).toEqual([]);
    const keys = out.ops
      .filter((o: {path: string[]}) => o.path.join('.').startsWith('agents.defaults.models.'))
      .map((o: {path: string[]}) => o.path[3]);
    expect(keys).toEqual(
      expect.arrayContaining([
        'lmstudio/minimax-m2.1-gs32',
        'openai/gpt-5',
        'anthropic/claude-opus-4-1',
        'google/gemini-2.5-pro',
      ]),
    );
  });

  it('no extra keys once OpenClaw has recorded the migration', async () => {
    install(
      '{\n  meta: { migrations: { modelPolicyAllowlist: true } },\n  agents: { list: [{ id: "a", model: "openai/gpt-5" }] },\n}\n',
    );
    const m = io();
    expect(await main(['--json', 'setup', '--stack', 'lmstudio', '--dry-run'], m)).toBe(0);
    expect(JSON.parse(m.out()).ops.some((o: {path: string[]}) => o.path.includes('openai/gpt-5'))).toBe(false);
  });
});

describe('setup says what it wrote, and only the notes that apply', () => {
  it('no "drops comments" note for a file without comments; the note for one with comments', async () => {
    install(JSON.stringify({gateway: {mode: 'local'}}, null, 2) + '\n');
    const plain = io();
    expect(await main(['setup', '--stack', 'lmstudio', '--yes'], plain)).toBe(0);
    expect(plain.out()).not.toMatch(/drops comments/);
    install('{\n  // mine\n  gateway: { mode: "local" },\n}\n');
    const commented = io();
    expect(await main(['setup', '--stack', 'lmstudio', '--yes'], commented)).toBe(0);
    expect(commented.out()).toMatch(/drops comments/);
  });

  it('a config that is a symlink: names the file written through it', async () => {
    const target = path.join(home, 'dotfiles', 'openclaw.json5');
    mkdirSync(path.dirname(target), {recursive: true});
    writeFileSync(target, '{\n  gateway: { mode: "local" },\n}\n');
    mkdirSync(cfgDir, {recursive: true});
    symlinkSync(target, cfgPath);
    const m = io();
    expect(await main(['setup', '--stack', 'lmstudio', '--yes'], m)).toBe(0);
    expect(m.out()).toContain(`Wrote ${target} (through the link ${cfgPath})`);
  });
});
