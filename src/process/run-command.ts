/**
 * Spawns a program without a shell and kills its whole process group at the
 * timeout, so a hung nvidia-smi, systeminformation's own execSync children
 * or an OpenClaw wrapper script and its node child never block us. The one
 * bounded child-process runner of the tool.
 */
import {spawn, type ChildProcess} from 'node:child_process';

export interface CommandResult {
  /** Exited with code 0. */
  ok: boolean;
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  /** Spawn failure ("not found") or signal, when there is one. */
  error?: string;
  /** errno of a spawn failure (ENOENT, EACCES...): set only when the program did not start. */
  errorCode?: string;
  ms?: number;
}

export interface RunOptions {
  timeoutMs: number;
  env?: NodeJS.ProcessEnv;
  /** Stop reading after this many bytes of stdout (default 1 MiB). */
  maxBytes?: number;
}

const DEFAULT_MAX_BYTES = 1024 * 1024;
/** After the process exits, wait this long for its pipes to close (a grandchild may hold them). */
const CLOSE_GRACE_MS = 300;

function killGroup(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    if (process.platform !== 'win32') process.kill(-child.pid, 'SIGKILL');
    else child.kill('SIGKILL');
  } catch {
    try {
      child.kill('SIGKILL');
    } catch {
      // already gone
    }
  }
}

export function runCommand(file: string, args: string[], opts: RunOptions): Promise<CommandResult> {
  const started = Date.now();
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  return new Promise((resolve) => {
    let stdout = '';
    let stderr = '';
    let outBytes = 0;
    let timedOut = false;
    let settled = false;
    let child: ChildProcess;
    const timers: NodeJS.Timeout[] = [];
    const finish = (code: number | null, error?: string, errorCode?: string): void => {
      if (settled) return;
      settled = true;
      for (const t of timers) clearTimeout(t);
      child?.stdout?.destroy();
      child?.stderr?.destroy();
      resolve({
        ok: !timedOut && !error && code === 0,
        code,
        stdout,
        stderr,
        timedOut,
        ...(error ? {error} : {}),
        ...(errorCode ? {errorCode} : {}),
        ms: Date.now() - started,
      });
    };
    try {
      child = spawn(file, args, {
        env: opts.env ?? process.env,
        stdio: ['ignore', 'pipe', 'pipe'],
        windowsHide: true,
        // Own process group, so the timeout kills grandchildren too.
        detached: process.platform !== 'win32',
      });
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      resolve({
        ok: false,
        code: null,
        stdout: '',
        stderr: '',
        timedOut: false,
        error: e?.message ?? String(err),
        errorCode: e?.code ?? 'ESPAWN',
        ms: 0,
      });
      return;
    }
    child.stdout?.setEncoding('utf8');
    child.stderr?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      if (outBytes >= maxBytes) return;
      outBytes += Buffer.byteLength(chunk);
      stdout += chunk;
      if (outBytes >= maxBytes) killGroup(child);
    });
    child.stderr?.on('data', (chunk: string) => {
      if (stderr.length < 64 * 1024) stderr += chunk;
    });
    timers.push(
      setTimeout(() => {
        timedOut = true;
        killGroup(child);
        // If even the kill does not produce 'close', give up waiting.
        timers.push(setTimeout(() => finish(null, `timed out after ${opts.timeoutMs} ms`), CLOSE_GRACE_MS));
      }, opts.timeoutMs),
    );
    child.on('error', (err: NodeJS.ErrnoException) => {
      finish(null, err.code === 'ENOENT' ? 'not found' : err.message, err.code ?? 'ESPAWN');
    });
    child.on('exit', (code) => {
      timers.push(setTimeout(() => finish(code), CLOSE_GRACE_MS));
    });
    child.on('close', (code, signal) => {
      finish(code, timedOut ? `timed out after ${opts.timeoutMs} ms` : signal ? `killed by ${signal}` : undefined);
    });
  });
}
