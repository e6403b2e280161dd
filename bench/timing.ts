/** What the benchmarks share: the median, and one timed child process (async: fakes may live in the caller). */
import {spawn} from 'node:child_process';

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export interface TimedRun {
  ms: number;
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `file args` once, killed after `killAfterMs`; wall time from spawn to close. */
export function timeOnce(
  file: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  killAfterMs = 60_000,
): Promise<TimedRun> {
  return new Promise((res, rej) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(file, args, {env, stdio: ['ignore', 'pipe', 'pipe']});
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const kill = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('error', rej);
    child.on('close', (code) => {
      clearTimeout(kill);
      res({ms: Number(process.hrtime.bigint() - t0) / 1e6, code, stdout, stderr});
    });
  });
}
