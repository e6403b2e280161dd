/**
 * Runs the real `openclaw agent --local -m hi --json` hermetically: a temp HOME, OPENCLAW_STATE_DIR and
 * OPENCLAW_CONFIG_PATH, no gateway (--local runs the embedded agent), no hosted fallback in the config, a clean
 * environment (no proxy, no keys) and a hard timeout. Needs OPENCLAW_BIN (scripts/install-oracle.sh); callers skip
 * with a reason when it is unset. Runs are bounded to two at a time (CI has 2 cores).
 */
import {spawn} from 'node:child_process';
import {existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

export const OPENCLAW_BIN = process.env.OPENCLAW_BIN;
export const openclawAvailable = Boolean(OPENCLAW_BIN && existsSync(OPENCLAW_BIN));
export const skipReason = openclawAvailable
  ? ''
  : ' (skipped: set OPENCLAW_BIN to an installed OpenClaw, see scripts/install-oracle.sh)';

export interface OpenClawOutcome {
  /** The call reached the model and the fake's answer came back. */
  works: boolean;
  code: number | null;
  text?: string;
  /** What OpenClaw said went wrong (payload text, error, or stderr tail). */
  error?: string;
  ms: number;
  /** OpenClaw's own pre-prompt estimate of the prompt, in tokens. */
  estimatedPromptTokens?: number;
  contextTokens?: number;
}

/** The fakes answer "Hello!" (test/fakes/handlers.ts): anything else is not a working call. */
export const FAKE_ANSWER = 'Hello!';

const MAX_PARALLEL = 2;
let running = 0;
const waiting: (() => void)[] = [];
async function slot<T>(fn: () => Promise<T>): Promise<T> {
  if (running >= MAX_PARALLEL) await new Promise<void>((r) => waiting.push(r));
  running++;
  try {
    return await fn();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

/** Where OpenClaw keeps its state: HOME, OPENCLAW_STATE_DIR and the config file (a TempSetup fits). */
export interface OpenClawHome {
  dir: string;
  stateDir: string;
  configPath: string;
}

export function openclawHome(): OpenClawHome & {cleanup(): void} {
  const dir = mkdtempSync(join(tmpdir(), 'ocld-agree-'));
  const stateDir = join(dir, 'state');
  mkdirSync(stateDir, {recursive: true});
  return {
    dir,
    stateDir,
    configPath: join(stateDir, 'openclaw.json'),
    cleanup: () => rmSync(dir, {recursive: true, force: true}),
  };
}

export function runOpenClaw(
  home: OpenClawHome,
  opts: {message?: string; timeoutMs?: number} = {},
): Promise<OpenClawOutcome> {
  return slot(() => runOnce(home, opts));
}

function runOnce(home: OpenClawHome, opts: {message?: string; timeoutMs?: number}): Promise<OpenClawOutcome> {
  const started = Date.now();
  const env: NodeJS.ProcessEnv = {
    HOME: home.dir,
    OPENCLAW_HOME: home.dir,
    OPENCLAW_STATE_DIR: home.stateDir,
    OPENCLAW_CONFIG_PATH: home.configPath,
    OPENCLAW_NO_AUTO_UPDATE: '1',
    OPENCLAW_SKIP_CHANNELS: '1',
    OPENCLAW_SKIP_CRON: '1',
    PATH: '/usr/bin:/bin',
    TMPDIR: tmpdir(),
  };
  const args = ['agent', '--local', '-m', opts.message ?? 'hi', '--json', '--timeout', '90'];
  return new Promise((resolve) => {
    const child = spawn(OPENCLAW_BIN!, args, {env, cwd: home.dir, stdio: ['ignore', 'pipe', 'pipe'], detached: true});
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out = (out + c.toString('utf8')).slice(-2_000_000)));
    child.stderr.on('data', (c: Buffer) => (err = (err + c.toString('utf8')).slice(-20_000)));
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        /* gone */
      }
    }, opts.timeoutMs ?? 150_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      const ms = Date.now() - started;
      let json: any;
      try {
        json = JSON.parse(out.slice(out.indexOf('{')));
      } catch {
        json = undefined;
      }
      const text = json?.payloads?.map((p: {text?: string}) => p.text ?? '').join('\n');
      const budget = json?.meta?.agentMeta?.contextBudgetStatus;
      const works = code === 0 && typeof text === 'string' && text.includes(FAKE_ANSWER);
      const errLine = err
        .split('\n')
        .filter((l) => /error|fail|refus|No models|context/i.test(l))
        .slice(-3)
        .join(' | ');
      resolve({
        works,
        code,
        text,
        error: works ? undefined : (text || errLine || err.slice(-400)).slice(0, 600),
        ms,
        estimatedPromptTokens: budget?.estimatedPromptTokens,
        contextTokens: json?.meta?.agentMeta?.contextTokens,
      });
    });
  });
}

export function writeHomeConfig(home: OpenClawHome, text: string): void {
  writeFileSync(home.configPath, text);
}
