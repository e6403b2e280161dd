/**
 * The newcomer's first run in a real terminal (tmux, 80×24, empty HOME, a
 * machine with no GPU), pressing only Enter (issue 16):
 * - with a local server on a port the test injects: the walk ends in a
 *   config that uses that server's model;
 * - with nothing running: a "start a server first" screen with the
 *   commands, never a paid-plan-only endpoint, and nothing written.
 * Also: keys sent in one `send-keys` burst all count.
 * Skips (with the reason) when tmux is not installed.
 */
import {spawn, spawnSync, type ChildProcess} from 'node:child_process';
import {existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, join, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';
import JSON5 from 'json5';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const tmuxMissing = spawnSync('tmux', ['-V']).status !== 0;
const reason = tmuxMissing ? ' [SKIPPED: tmux is not installed; apt-get install -y tmux]' : '';
if (tmuxMissing)
  process.stderr.write('test/e2e/firstrun.test.ts: skipped: tmux is not installed (apt-get install -y tmux)\n');

const sh = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
const CLI = `${sh(join(root, 'node_modules/.bin/tsx'))} ${sh(join(root, 'src/cli.ts'))}`;
// A laptop with no GPU: the estimate alone says "hosted only".
const HARDWARE = {platform: 'linux', ramGB: 16};

describe('first run at 80×24, Enter only', () => {
  let dir = '';
  let sock = '';
  let fake: ChildProcess | undefined;
  let port = '';
  let origin = '';
  const tmux = (...args: string[]) => spawnSync('tmux', ['-S', sock, ...args], {encoding: 'utf8'});
  // With the scrollback: the doctor's report is taller than 24 rows.
  const screen = (t: string) => tmux('capture-pane', '-p', '-t', t, '-S', '-200').stdout ?? '';
  async function waitFor(t: string, pattern: RegExp, timeoutMs = 40_000): Promise<string> {
    const start = Date.now();
    for (;;) {
      const s = screen(t);
      if (pattern.test(s)) return s;
      if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${pattern}; screen:\n${s}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  async function enter(t: string, expect: RegExp): Promise<string> {
    // A screen subscribes to keys just after its first frame: a key sent in that instant (a loaded CI box) is dropped.
    await new Promise((r) => setTimeout(r, 250));
    tmux('send-keys', '-t', t, 'Enter');
    return waitFor(t, expect);
  }
  function start(t: string, home: string, ports: string) {
    const env = [
      `HOME=${sh(home)}`,
      `OPENCLAW_LOCAL_DOCTOR_PORTS=${ports}`,
      `OPENCLAW_LOCAL_DOCTOR_LOG_DIR=${sh(dir)}`,
      `OPENCLAW_LOCAL_DOCTOR_HARDWARE_FILE=${sh(join(dir, 'hardware.json'))}`,
      'TERM=xterm-256color',
    ].join(' ');
    const cmd = `env -u CI -u OPENCLAW_BIN -u OPENCLAW_CONFIG_PATH -u OPENCLAW_STATE_DIR ${env} timeout --foreground 150 ${CLI}; echo __EXIT=$?; sleep 60`;
    const r = tmux('new-session', '-d', '-s', t, '-x', '80', '-y', '24', cmd);
    expect(r.status, r.stderr).toBe(0);
  }

  beforeAll(async () => {
    if (tmuxMissing) return;
    dir = mkdtempSync(join(tmpdir(), 'old-firstrun-'));
    sock = join(dir, 'tmux.sock');
    writeFileSync(join(dir, 'hardware.json'), JSON.stringify(HARDWARE));
    fake = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        join(root, 'test/fakes/serve.ts'),
        'lmstudio',
        '--port',
        '0',
        '--model',
        'qwen3-coder-30b:32768',
      ],
      {
        cwd: root,
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    origin = await new Promise<string>((res, rej) => {
      let out = '';
      const timer = setTimeout(() => rej(new Error(`fake LM Studio did not start: ${out}`)), 30_000);
      fake!.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('\n')) {
          clearTimeout(timer);
          res(out.split('\n')[0].trim());
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
    `with a local server running: ends in a config that uses that server's model${reason}`,
    async () => {
      const home = join(dir, 'home-server');
      mkdirSync(home, {recursive: true});
      const t = 'server';
      start(t, home, port);
      await waitFor(t, /❯ Set up a local model/);
      let s = await enter(t, /\(recommended\)/);
      expect(s).toMatch(/❯ [^\n]*LM Studio[^\n]*\(recommended\)/);
      expect(s).not.toMatch(/Regional[^\n]*\(recommended\)/);
      s = await enter(t, new RegExp(`❯ qwen3-coder-30b · LM Studio on :${port}`));
      s = await enter(t, /❯ Context\s+32768/);
      s = await enter(t, /❯ Max tokens/);
      s = await enter(t, /Fallbacks/);
      s = await enter(t, /❯ Write it/);
      s = await enter(t, /Doctor/);
      await waitFor(t, /\d+ checks: \d+ ✔/, 60_000);
      const cfg = JSON5.parse(readFileSync(join(home, '.openclaw/openclaw.json'), 'utf8'));
      expect(cfg.agents.defaults.model.primary).toBe('lmstudio/qwen3-coder-30b');
      expect(cfg.models.providers.lmstudio.baseUrl).toBe(`${origin}/v1`);
      expect(JSON.stringify(cfg)).not.toMatch(/openrouter/);
      tmux('send-keys', '-t', t, 'q');
      await waitFor(t, /__EXIT=0/);
    },
    200_000,
  );

  it.skipIf(tmuxMissing)(
    `with nothing running: "start a server first" with the commands, nothing written${reason}`,
    async () => {
      const home = join(dir, 'home-none');
      mkdirSync(home, {recursive: true});
      const t = 'none';
      start(t, home, '');
      await waitFor(t, /❯ Set up a local model/);
      let s = await enter(t, /Start a local model server first/);
      expect(s).toMatch(/\$ lms server start/);
      expect(s).toMatch(/\$ ollama serve/);
      expect(s).toMatch(/\$ llama-server -m \S+ --port 8080/);
      expect(s).toMatch(/❯ Rescan/);
      // Enter again: a rescan (still nothing), never a hosted endpoint.
      s = await enter(t, /Start a local model server first/);
      await new Promise((r) => setTimeout(r, 500));
      s = screen(t);
      expect(s).toMatch(/Start a local model server first/);
      expect(s).not.toMatch(/OpenRouter|region/i);
      expect(existsSync(join(home, '.openclaw/openclaw.json'))).toBe(false);
      tmux('send-keys', '-t', t, 'C-c');
      await waitFor(t, /__EXIT=130/);
    },
    200_000,
  );

  it.skipIf(tmuxMissing)(
    `keys in one send-keys burst all count: Down Down Enter on the home menu opens the third item${reason}`,
    async () => {
      const home = join(dir, 'home-burst');
      mkdirSync(home, {recursive: true});
      const t = 'burst';
      start(t, home, '');
      await waitFor(t, /❯ Set up a local model/);
      // Let the menu settle (the config read), then one burst.
      await new Promise((r) => setTimeout(r, 500));
      tmux('send-keys', '-t', t, 'Down', 'Down', 'Enter');
      const s = await waitFor(t, /Your hardware/);
      expect(s).not.toMatch(/Start a local model server first|Run the doctor/);
      tmux('send-keys', '-t', t, 'C-c');
      await waitFor(t, /__EXIT=130/);
    },
    200_000,
  );
});
