/**
 * End to end: the real CLI in a real terminal (tmux), against a fake LM Studio
 * on a random port and a temp HOME. Goes through set-up with the recommended
 * stack, writes openclaw.json, and lands on the doctor.
 *
 * Runs `node dist/cli.js` when the bundle is newer than every source file,
 * else `tsx src/cli.ts` (TUI_E2E_CLI=bundle or =tsx forces one). Skips (with the reason) when tmux is not installed.
 */
import {spawn, spawnSync, type ChildProcess} from 'node:child_process';
import {existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, join, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';
import JSON5 from 'json5';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const tmuxMissing = spawnSync('tmux', ['-V']).status !== 0;
const reason = tmuxMissing ? ' [SKIPPED: tmux is not installed; apt-get install -y tmux]' : '';
if (tmuxMissing)
  process.stderr.write(`test/e2e/tui.test.ts: skipped: tmux is not installed (apt-get install -y tmux)\n`);

const CONFIG = `{
  // my gateway
  gateway: {mode: "local"},
  agents: {defaults: {model: {primary: "anthropic/claude-sonnet-4-5"}}},
}
`;
// A maxed-out Mac Studio: the tier that recommends the LM Studio stack.
const HARDWARE = {platform: 'darwin', ramGB: 512, chip: 'Apple M3 Ultra'};

function newestMtime(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, {withFileTypes: true})) {
    const p = join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** The command that runs the CLI: the bundle when it is up to date. */
function cliCommand(): string {
  const bundle = join(root, 'dist/openclaw-local-doctor.mjs');
  const built = existsSync(join(root, 'dist/cli.js')) && existsSync(bundle);
  // TUI_E2E_CLI=bundle|tsx forces one (e.g. CI right after `npm run build`).
  const force = process.env.TUI_E2E_CLI;
  if (force === 'bundle' && !built) throw new Error('TUI_E2E_CLI=bundle but dist/ has no bundle: run npm run build');
  if (force === 'bundle' || (force !== 'tsx' && built && statSync(bundle).mtimeMs > newestMtime(join(root, 'src')))) {
    return `node ${JSON.stringify(join(root, 'dist/cli.js'))}`;
  }
  return `${JSON.stringify(join(root, 'node_modules/.bin/tsx'))} ${JSON.stringify(join(root, 'src/cli.ts'))}`;
}

const sh = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

describe('interactive app in a terminal', () => {
  let dir = '';
  let sock = '';
  let fake: ChildProcess | undefined;
  let origin = '';
  let port = '';

  const tmux = (...args: string[]) => spawnSync('tmux', ['-S', sock, ...args], {encoding: 'utf8'});
  // Each run gets its own session: killing the last one would stop the tmux server and race the next start.
  let target = 'e2e';
  const screen = () => tmux('capture-pane', '-p', '-t', target, '-S', '-300').stdout ?? '';
  async function waitFor(pattern: RegExp, timeoutMs = 40_000): Promise<string> {
    const start = Date.now();
    for (;;) {
      const s = screen();
      if (pattern.test(s)) return s;
      if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${pattern}; screen:\n${s}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  /** One key per send-keys, then wait for the frame it should produce. */
  async function press(key: string, expect: RegExp): Promise<string> {
    tmux('send-keys', '-t', target, key);
    return waitFor(expect);
  }

  beforeAll(async () => {
    if (tmuxMissing) return;
    dir = mkdtempSync(join(tmpdir(), 'old-e2e-'));
    sock = join(dir, 'tmux.sock');
    mkdirSync(join(dir, 'home/.openclaw'), {recursive: true});
    writeFileSync(join(dir, 'home/.openclaw/openclaw.json'), CONFIG);
    writeFileSync(join(dir, 'hardware.json'), JSON.stringify(HARDWARE));
    fake = spawn(
      join(root, 'node_modules/.bin/tsx'),
      [join(root, 'test/fakes/serve.ts'), 'lmstudio', '--port', '0', '--model', 'minimax-m2.1-gs32:196608'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    origin = await new Promise<string>((res, rej) => {
      let out = '';
      const timer = setTimeout(() => rej(new Error(`fake LM Studio did not start: ${out}`)), 30_000);
      fake!.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        const line = out.split('\n')[0];
        if (out.includes('\n')) {
          clearTimeout(timer);
          res(line.trim());
        }
      });
      fake!.on('exit', (code) => rej(new Error(`fake LM Studio exited with ${code}`)));
    });
    port = new URL(origin).port;
  }, 60_000);

  afterAll(() => {
    if (sock) tmux('kill-server');
    fake?.kill();
    if (dir) rmSync(dir, {recursive: true, force: true});
  });

  it.skipIf(tmuxMissing)(
    `sets up the recommended stack against a fake LM Studio, writes openclaw.json, then runs the doctor${reason}`,
    async () => {
      const home = join(dir, 'home');
      const configPath = join(home, '.openclaw/openclaw.json');
      const env = [
        `HOME=${sh(home)}`,
        `OPENCLAW_CONFIG_PATH=${sh(configPath)}`,
        `OPENCLAW_LOCAL_DOCTOR_PORTS=${port}`,
        // OpenClaw's daily log in /tmp/openclaw is this machine's, shared with every other OpenClaw run: read an empty dir.
        `OPENCLAW_LOCAL_DOCTOR_LOG_DIR=${sh(dir)}`,
        `OPENCLAW_LOCAL_DOCTOR_HARDWARE_FILE=${sh(join(dir, 'hardware.json'))}`,
        'TERM=xterm-256color',
      ].join(' ');
      // env -u: CI would make the app (rightly) fall back to the report; timeout --foreground keeps the TTY.
      const cmd = `env -u CI -u OPENCLAW_BIN ${env} timeout --foreground 150 ${cliCommand()}; echo __EXIT=$?; sleep 60`;
      const started = tmux('new-session', '-d', '-s', 'e2e', '-x', '100', '-y', '40', cmd);
      expect(started.status, started.stderr).toBe(0);

      // Home: discovery found the fake; no local provider yet, so set-up is the default.
      let s = await waitFor(new RegExp(`LM Studio[^\\n]* on :${port}`));
      s = await waitFor(/❯ Set up a local model/);
      expect(s).toMatch(/config ~\/\.openclaw\/openclaw\.json/);
      expect(s).toMatch(/Full-size|Apple M3 Ultra/);

      await press('Enter', /❯ LM Studio[^\n]*\(recommended\)/);
      await press('Enter', new RegExp(`❯ minimax-m2\\.1-gs32 · LM Studio on :${port}`));
      s = await press('Enter', /❯ Context\s+196608/);
      expect(s).toMatch(/loaded with 196,608 tokens of context/);
      await press('Enter', /❯ Max tokens\s+8192/);
      s = await press('Enter', /Fallbacks[\s\S]*\[x\] 1\. anthropic\/claude-sonnet-4-5/);
      s = await press('Enter', /❯ Write it/);
      s = await waitFor(/our schema check passes/);
      expect(s).toMatch(/\+\s+models: \{/);
      expect(readFileSync(configPath, 'utf8')).toBe(CONFIG);

      await press('Enter', /Doctor/);
      s = await waitFor(/\d+ checks: \d+ ✔/, 60_000);
      expect(s).toMatch(/Wrote ~\/\.openclaw\/openclaw\.json/);
      expect(s).toMatch(new RegExp(`✔ [^\\n]*LM Studio at http://127\\.0\\.0\\.1:${port}/v1`));
      expect(s).toMatch(/✔ [^\n]*"minimax-m2\.1-gs32" is served/);

      // The file: the local provider, the old primary kept as the fallback, the comment kept.
      const text = readFileSync(configPath, 'utf8');
      expect(text).toContain('// my gateway');
      const cfg = JSON5.parse(text);
      expect(cfg.models.providers.lmstudio.baseUrl).toBe(`${origin}/v1`);
      expect(cfg.models.providers.lmstudio.models[0]).toMatchObject({
        id: 'minimax-m2.1-gs32',
        contextWindow: 196608,
        maxTokens: 8192,
      });
      expect(cfg.agents.defaults.model.primary).toBe('lmstudio/minimax-m2.1-gs32');
      expect(cfg.agents.defaults.model.fallbacks).toEqual(['anthropic/claude-sonnet-4-5']);
      const backups = readdirSync(join(home, '.openclaw')).filter(
        (f) => f !== 'openclaw.json' && f.includes('openclaw.json'),
      );
      expect(backups.length).toBeGreaterThan(0);
      expect(readFileSync(join(home, '.openclaw', backups[0]), 'utf8')).toBe(CONFIG);

      await press('q', /__EXIT=0/);
    },
    240_000,
  );

  it.skipIf(tmuxMissing)(
    `first run with no config: the recommended hosted fallback is offered and written, the doctor ends with only the machine's own warnings, Ctrl+C exits 130${reason}`,
    async () => {
      const home = join(dir, 'home-fresh');
      mkdirSync(home, {recursive: true});
      const configPath = join(home, '.openclaw/openclaw.json');
      target = 'fresh';
      const env = `HOME=${sh(home)} OPENCLAW_LOCAL_DOCTOR_PORTS=${port} OPENCLAW_LOCAL_DOCTOR_LOG_DIR=${sh(dir)} OPENCLAW_LOCAL_DOCTOR_HARDWARE_FILE=${sh(join(dir, 'hardware.json'))} TERM=xterm-256color`;
      const started = tmux(
        'new-session',
        '-d',
        '-s',
        target,
        '-x',
        '80',
        '-y',
        '30',
        `env -u CI -u OPENCLAW_BIN ${env} timeout --foreground 150 ${cliCommand()}; echo __EXIT=$?; sleep 60`,
      );
      expect(started.status, started.stderr).toBe(0);

      let s = await waitFor(/❯ Set up a local model/);
      // The machine as its owner knows it: the 512 GB as sold, once.
      s = await waitFor(/This machine\s+Apple M3 Ultra · 512 GB unified \(≈412 GB usable by the GPU\)/);
      expect(s).not.toMatch(/550 GB/);
      await press('Enter', /❯ LM Studio[^\n]*\(recommended\) · found on/);
      await press('Enter', new RegExp(`❯ minimax-m2\\.1-gs32 · LM Studio on :${port}`));
      await press('Enter', /❯ Context\s+196608/);
      await press('Enter', /❯ Max tokens\s+8192/);
      s = await press('Enter', /\[x\] 1\. anthropic\/claude-sonnet-4-5 \(recommended/);
      expect(s).not.toMatch(/none to offer/);
      s = await press('Enter', /❯ Write it/);
      await press('Enter', /Doctor/);
      s = await waitFor(/\d+ checks: \d+ ✔/, 60_000);
      s = await waitFor(/❯ Run again/);
      // Healthy: the only ⚠ or ✖ lines are about this machine's Node (dev and CI run Node 20).
      const bad = s.split('\n').filter((l) => /^[⚠✖]/.test(l) && !/^[⚠✖] Node is new enough/.test(l));
      expect(bad, s).toEqual([]);
      expect(s).toMatch(/✔ Tool calling can work/);
      expect(s).toMatch(/✔ A hosted fallback backs the local model/);

      const cfg = JSON5.parse(readFileSync(configPath, 'utf8'));
      expect(cfg.agents.defaults.model).toEqual({
        primary: 'lmstudio/minimax-m2.1-gs32',
        fallbacks: ['anthropic/claude-sonnet-4-5'],
      });
      // No key in the file: OpenClaw reads ANTHROPIC_API_KEY from the environment.
      expect(readFileSync(configPath, 'utf8')).not.toMatch(/sk-ant/);
      const oracle = process.env.OPENCLAW_BIN;
      if (oracle && existsSync(oracle)) {
        // Through the config engine, which runs OpenClaw with a clean environment (the test runner's would leak into it).
        const {openclawValidate} = await import('../../src/config/index.js');
        const v = await openclawValidate(configPath, {env: {OPENCLAW_BIN: oracle, HOME: home, PATH: process.env.PATH}});
        expect(v.available && v.valid, JSON.stringify(v)).toBe(true);
      } else {
        process.stderr.write(
          'test/e2e/tui.test.ts: OpenClaw validate of the written config skipped: OPENCLAW_BIN is not set\n',
        );
      }

      tmux('send-keys', '-t', target, 'C-c');
      await waitFor(/__EXIT=130/);
    },
    240_000,
  );

  it.skipIf(tmuxMissing)(
    `NO_COLOR and --no-color give a screen without colour codes; symbols stay${reason}`,
    async () => {
      const home = join(dir, 'home-colour');
      mkdirSync(join(home, '.openclaw'), {recursive: true});
      writeFileSync(join(home, '.openclaw/openclaw.json'), CONFIG);
      const env = `HOME=${sh(home)} OPENCLAW_CONFIG_PATH=${sh(join(home, '.openclaw/openclaw.json'))} OPENCLAW_LOCAL_DOCTOR_PORTS=${port} OPENCLAW_LOCAL_DOCTOR_LOG_DIR=${sh(dir)} OPENCLAW_LOCAL_DOCTOR_HARDWARE_FILE=${sh(join(dir, 'hardware.json'))} TERM=xterm-256color`;
      const colourCodes = /\u001B\[[0-9;]*(3[0-7]|9[0-7]|38;[0-9;]+)m/;
      const variants: [string, string, boolean][] = [
        ['colour', `env -u CI -u NO_COLOR -u FORCE_COLOR ${env}`, true],
        ['NO_COLOR', `env -u CI -u FORCE_COLOR NO_COLOR=1 ${env}`, false],
        ['--no-color', `env -u CI -u NO_COLOR -u FORCE_COLOR ${env}`, false],
      ];
      for (const [i, [name, prefix, coloured]] of variants.entries()) {
        target = `colour-${i}`;
        const flag = name === '--no-color' ? ' --no-color' : '';
        const started = tmux(
          'new-session',
          '-d',
          '-s',
          target,
          '-x',
          '100',
          '-y',
          '40',
          `${prefix} timeout --foreground 60 ${cliCommand()}${flag}; sleep 30`,
        );
        expect(started.status, started.stderr).toBe(0);
        await waitFor(new RegExp(`✔ LM Studio[^\\n]* on :${port}`));
        await waitFor(/❯ Set up a local model/);
        const withEscapes = tmux('capture-pane', '-e', '-p', '-t', target).stdout ?? '';
        expect(colourCodes.test(withEscapes), `${name}: colour codes ${coloured ? 'expected' : 'not expected'}`).toBe(
          coloured,
        );
        tmux('send-keys', '-t', target, 'q');
      }
    },
    240_000,
  );
});
