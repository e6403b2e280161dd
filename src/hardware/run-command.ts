/**
 * Spawns a program without a shell and kills its whole process group at the
 * timeout, so a hung nvidia-smi (or systeminformation's own execSync
 * children) never blocks us.
 */
import {spawn, type ChildProcess} from 'node:child_process';
import type {CommandResult, RunOptions} from './sources.js';

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
    const finish = (code: number | null, error?: string): void => {
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
      resolve({ok: false, code: null, stdout: '', stderr: '', timedOut: false, error: err instanceof Error ? err.message : String(err), ms: 0});
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
      finish(null, err.code === 'ENOENT' ? 'not found' : err.message);
    });
    child.on('exit', (code) => {
      timers.push(setTimeout(() => finish(code), CLOSE_GRACE_MS));
    });
    child.on('close', (code, signal) => {
      finish(code, timedOut ? `timed out after ${opts.timeoutMs} ms` : signal ? `killed by ${signal}` : undefined);
    });
  });
}
