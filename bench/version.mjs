// Process start-up timing: how long a whole command takes, as a user sees it.
import {spawnSync} from 'node:child_process';

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Runs `cmd args` `runs` times (after one warm-up) and returns the wall times in ms. */
export function timeCommand(cmd, args, {runs = 7, env = process.env, cwd = process.cwd(), expectStdout} = {}) {
  const once = () => {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(cmd, args, {env, cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000});
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (r.status !== 0)
      throw new Error(`${[cmd, ...args].join(' ')} exited ${r.status}: ${(r.stderr || '').trim().split('\n')[0]}`);
    if (expectStdout !== undefined && r.stdout.trim() !== expectStdout) {
      throw new Error(
        `${[cmd, ...args].join(' ')} printed ${JSON.stringify(r.stdout.trim())}, want ${JSON.stringify(expectStdout)}`,
      );
    }
    return ms;
  };
  once();
  const times = [];
  for (let i = 0; i < runs; i++) times.push(once());
  return times;
}

/**
 * `--version` of the built bin against bare `node -e 0` (target: at most 2x),
 * plus `--help`, which loads the whole bundle (no target; shows its cost).
 * Runs are interleaved so load on a shared machine hits both sides alike.
 */
export function versionRows({bin, version, runs = 7}) {
  const env = {...process.env, NODE_DISABLE_COMPILE_CACHE: '1'};
  const bare = [];
  const ver = [];
  const help = [];
  for (let i = 0; i < runs; i++) {
    bare.push(...timeCommand(process.execPath, ['-e', '0'], {runs: 1, env}));
    ver.push(...timeCommand(process.execPath, [bin, '--version'], {runs: 1, env, expectStdout: version}));
    help.push(...timeCommand(process.execPath, [bin, '--help'], {runs: 1, env}));
  }
  const base = median(bare);
  return [
    {name: 'node -e 0 (baseline)', medianMs: base, runs, note: `Node ${process.versions.node}`},
    {name: '--version', medianMs: median(ver), runs, ratio: median(ver) / base, targetRatio: 2},
    {name: '--help (loads the bundle)', medianMs: median(help), runs, ratio: median(help) / base},
  ];
}
