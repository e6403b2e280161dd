/**
 * `doctor --rehearse` in a real terminal (tmux): the live progress line, then Ctrl+C mid-answer stops the request and
 * the report still shows what was measured. The CLI runs from the sources (tsx) against an in-process streaming fake
 * on a random port. Skips (with the reason) when tmux is not installed.
 */
import {spawnSync} from 'node:child_process';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, join, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterAll, describe, expect, it} from 'vitest';
import {startStreamingFake} from '../fakes/streaming.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const tmuxMissing = spawnSync('tmux', ['-V']).status !== 0;
const sh = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
const dir = mkdtempSync(join(tmpdir(), 'rehearse-tty-'));
const sock = join(dir, 'tmux.sock');
afterAll(() => {
  spawnSync('tmux', ['-S', sock, 'kill-server']);
  rmSync(dir, {recursive: true, force: true});
});

const tmux = (...args: string[]) => spawnSync('tmux', ['-S', sock, ...args], {encoding: 'utf8'});
const screen = () => tmux('capture-pane', '-p', '-t', 'r', '-S', '-200').stdout;

async function waitFor(re: RegExp, ms: number): Promise<string> {
  const until = Date.now() + ms;
  for (;;) {
    const s = screen();
    if (re.test(s)) return s;
    if (Date.now() > until) throw new Error(`timed out waiting for ${re}; screen:\n${s}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe.skipIf(tmuxMissing)('doctor --rehearse in a terminal', () => {
  it('shows a live progress line; Ctrl+C stops the answer and prints what was measured (exit 1)', async () => {
    const fake = await startStreamingFake({
      prefillTokensPerSecond: 200_000,
      decodeTokensPerSecond: 20,
      outputTokens: 4000,
    });
    try {
      const config = join(dir, 'openclaw.json');
      writeFileSync(
        config,
        JSON.stringify({
          models: {
            providers: {
              vllm: {
                baseUrl: `${fake.url}/v1`,
                api: 'openai-completions',
                models: [{id: 'Qwen/Qwen3-8B', name: 'q', maxTokens: 8192}],
              },
            },
          },
          agents: {defaults: {model: {primary: 'vllm/Qwen/Qwen3-8B'}}},
          logging: {file: join(dir, 'openclaw.log')},
        }),
      );
      writeFileSync(
        join(dir, 'hw.json'),
        JSON.stringify({platform: 'linux', ramGB: 64, gpus: [{name: 'RTX 4090', vramGB: 24}]}),
      );
      const env = `HOME=${sh(dir)} OPENCLAW_LOCAL_DOCTOR_STATE_DIR=${sh(join(dir, 'state'))} OPENCLAW_LOCAL_DOCTOR_HARDWARE_FILE=${sh(join(dir, 'hw.json'))} TERM=xterm-256color`;
      const cli = `${sh(join(root, 'node_modules/.bin/tsx'))} ${sh(join(root, 'src/cli.ts'))}`;
      const cmd = `env ${env} ${cli} doctor --rehearse --only config.parse --config ${sh(config)}; echo EXIT=$?; sleep 60`;
      expect(tmux('new-session', '-d', '-s', 'r', '-x', '110', '-y', '40', cmd).status).toBe(0);
      await waitFor(/Rehearsal \[2\/4\] streaming the answer · [\d.]+ s · \d+ tokens/, 60_000);
      tmux('send-keys', '-t', 'r', 'C-c');
      const s = await waitFor(/EXIT=\d+/, 30_000);
      expect(s).toMatch(/the rehearsal stopped early \(interrupted\)/);
      expect(s).toMatch(/Decode\s+[\d.]+ tok\/s/);
      expect(s).toMatch(/Time to first token [\d.]+ s/);
      expect(s).toContain('EXIT=1');
    } finally {
      await fake.close();
    }
  }, 120_000);
});
