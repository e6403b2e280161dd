import {describe, expect, it} from 'vitest';
import {readFileSync} from 'node:fs';
import {main} from '../src/cli/main.js';
import {memoryIo} from '../src/cli/io.js';
import {COMMANDS} from '../src/cli/spec.js';
import {VERSION} from '../src/version.js';

describe('cli', () => {
  it('prints the package version', async () => {
    const io = memoryIo();
    expect(await main(['--version'], io)).toBe(0);
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    expect(io.out().trim()).toBe(pkg.version);
    expect(VERSION).toBe(pkg.version);
  });

  it('help lists every command and global flag', async () => {
    const io = memoryIo();
    expect(await main(['--help'], io)).toBe(0);
    for (const c of COMMANDS) expect(io.out()).toContain(c.name);
    for (const f of ['--config', '--profile', '--no-color', '--version', '--json']) expect(io.out()).toContain(f);
  });

  it('command help lists the command flags', async () => {
    const io = memoryIo();
    expect(await main(['setup', '--help'], io)).toBe(0);
    expect(io.out()).toContain('--stack ID');
    expect(io.out()).toContain('--fallback REF');
  });

  it('rejects an unknown flag with one line and a hint, exit 2', async () => {
    const io = memoryIo();
    expect(await main(['--frobnicate'], io)).toBe(2);
    const lines = io.err().trim().split('\n');
    expect(lines[0]).toMatch(/^error: unknown option '--frobnicate'/);
    expect(lines[1]).toMatch(/--help/);
    expect(io.out()).toBe('');
  });

  it('rejects a flag that belongs to another command', async () => {
    const io = memoryIo();
    expect(await main(['config', 'path', '--stack', 'x'], io)).toBe(2);
    expect(io.err()).toMatch(/--stack does not apply to 'config path'/);
    expect(io.err()).toMatch(/config path --help/);
  });

  it('rejects an unknown command', async () => {
    const io = memoryIo();
    expect(await main(['frob'], io)).toBe(2);
    expect(io.err()).toMatch(/unknown command 'frob'/);
  });

  it('`config` alone lists its subcommands', async () => {
    const io = memoryIo();
    expect(await main(['config'], io)).toBe(2);
    expect(io.err()).not.toMatch(/unknown command/);
    expect(io.err()).toMatch(
      /'config' needs a subcommand:\n {2}config path {3}Show which openclaw\.json[^\n]*\n {2}config check {2}Parse and validate/,
    );
  });

  it('an unknown command with --json answers in JSON on stdout (and says it on stderr), exit 2', async () => {
    const io = memoryIo();
    expect(await main(['frob', '--json'], io)).toBe(2);
    expect(JSON.parse(io.out())).toMatchObject({
      ok: false,
      error: {kind: 'usage', message: expect.stringMatching(/unknown command 'frob'/)},
    });
    expect(io.err()).toMatch(/unknown command 'frob'/);
    const bad = memoryIo();
    expect(await main(['doctor', '--json', '--frobnicate'], bad)).toBe(2);
    expect(JSON.parse(bad.out()).error.kind).toBe('usage');
  });

  it('rejects a missing flag value and a bad profile name', async () => {
    let io = memoryIo();
    expect(await main(['config', 'path', '--config'], io)).toBe(2);
    expect(io.err()).toMatch(/--config/);
    io = memoryIo();
    expect(await main(['--profile', '../etc', 'config', 'path'], io)).toBe(2);
    expect(io.err()).toMatch(/invalid --profile/);
  });
});

describe('command modules', () => {
  it('every command in the table loads its module in-process', async () => {
    // `config path` is cheap and has no side effects: a real run proves the lazy import resolves.
    const io = memoryIo({
      env: {HOME: '/nonexistent-home-for-test', OPENCLAW_CONFIG_PATH: '/nonexistent-home-for-test/x.json'},
    });
    const code = await main(['config', 'path', '--json'], io);
    expect(code).toBe(0);
    expect(JSON.parse(io.out()).path).toBe('/nonexistent-home-for-test/x.json');
  });
});

describe('flag values', () => {
  it('a value that starts with a dash gets a hint, not parseArgs jargon', async () => {
    const io = memoryIo();
    expect(await main(['hardware', '--context', '-5'], io)).toBe(2);
    expect(io.err().split('\n')[0]).toBe(
      "error: --context is missing its value (for a value that starts with '-', write --context=-5)".replace(
        '=-5',
        '=VALUE',
      ),
    );
  });

  it('a missing value at the end names the flag', async () => {
    const io = memoryIo();
    expect(await main(['hardware', '--nodes'], io)).toBe(2);
    expect(io.err().split('\n')[0]).toBe('error: --nodes is missing its value');
  });

  it('limits are printed with thousands separators', async () => {
    const io = memoryIo();
    expect(await main(['hardware', '--context', '999999999999', '--json'], io)).toBe(2);
    expect(io.err()).toMatch(/at most [\d,]+,\d{3}, got 999,999,999,999/);
    expect(io.out()).toBe('');
  });
});

describe('bare setup', () => {
  it('off a terminal asks for --stack and says that a terminal gets the guided set-up', async () => {
    const io = memoryIo({env: {HOME: '/nonexistent-home-for-test'}});
    expect(await main(['setup'], io)).toBe(2);
    expect(io.err().split('\n')[0]).toMatch(
      /--stack is required off a terminal: lmstudio \| hybrid .*bare `setup` is guided/,
    );
  });
});
