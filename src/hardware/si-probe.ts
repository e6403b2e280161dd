/**
 * Runs systeminformation in a child process. Its graphics() calls execSync
 * with no timeout, so in-process a hung driver would freeze the event loop;
 * a child can be killed.
 *
 * How the child finds systeminformation:
 * 1. When it resolves from this module (npm install, tsx, tests): spawn
 *    `node -e <small CommonJS script> <path of systeminformation>`.
 * 2. Otherwise (the single-file bundle has it inlined): spawn this same entry
 *    file as `<node> <entry> hardware` with OPENCLAW_LOCAL_DOCTOR_HW_PROBE=1;
 *    the hardware command then prints the raw probe JSON and exits.
 */
import {createRequire} from 'node:module';
import {existsSync} from 'node:fs';
import {runCommand} from '../process/run-command.js';
import {trimSnapshot, type SiProbeResult} from './sources.js';

export const PROBE_ENV_FLAG = 'OPENCLAW_LOCAL_DOCTOR_HW_PROBE';
const MAX_PROBE_BYTES = 4 * 1024 * 1024;

/** The five calls, written once for the in-process (bundle) mode. */
export interface SiLike {
  graphics(): Promise<unknown>;
  mem(): Promise<unknown>;
  cpu(): Promise<unknown>;
  osInfo(): Promise<unknown>;
  system(): Promise<unknown>;
}

export async function collectSi(si: SiLike): Promise<unknown[]> {
  return Promise.all([si.graphics(), si.mem(), si.cpu(), si.osInfo(), si.system()]);
}

// Plain CommonJS so it runs under `node -e` on any Node version; exits as soon as it has printed.
const CHILD_SCRIPT = `
const si = require(process.argv[1]);
Promise.all([si.graphics(), si.mem(), si.cpu(), si.osInfo(), si.system()]).then(
  (r) => process.stdout.write(JSON.stringify(r) + '\\n', () => process.exit(0)),
  (e) => { process.stderr.write(String(e && e.message || e)); process.exit(3); },
);
`;

export function resolveSystemInformation(): string | undefined {
  try {
    return createRequire(import.meta.url).resolve('systeminformation');
  } catch {
    return undefined;
  }
}

export interface ProbeLaunch {
  file: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  mode: 'module' | 'entry';
}

export function probeLaunch(
  env: NodeJS.ProcessEnv = process.env,
  modulePath = resolveSystemInformation(),
): ProbeLaunch | undefined {
  const childEnv = {...env};
  delete childEnv.NODE_OPTIONS; // a --inspect or loader there must not follow us
  if (modulePath)
    return {file: process.execPath, args: ['-e', CHILD_SCRIPT, modulePath], env: childEnv, mode: 'module'};
  const entry = process.argv[1];
  if (entry && existsSync(entry)) {
    const execArgv = process.execArgv.filter((a) => !/^--inspect|^--debug/.test(a));
    return {
      file: process.execPath,
      args: [...execArgv, entry, 'hardware'],
      env: {...childEnv, [PROBE_ENV_FLAG]: '1'},
      mode: 'entry',
    };
  }
  return undefined;
}

/** Last line of output that parses as a JSON array (the child may print warnings before it). */
function parseProbeOutput(stdout: string): unknown[] | undefined {
  const lines = stdout
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  for (let i = lines.length - 1; i >= 0; i--) {
    if (!lines[i].startsWith('[')) continue;
    try {
      const v = JSON.parse(lines[i]) as unknown;
      if (Array.isArray(v)) return v;
    } catch {
      // keep looking
    }
  }
  return undefined;
}

export async function liveSiSnapshot(opts: {
  timeoutMs: number;
  env?: NodeJS.ProcessEnv;
  modulePath?: string;
}): Promise<SiProbeResult> {
  const launch = probeLaunch(opts.env, opts.modulePath ?? resolveSystemInformation());
  if (!launch) return {ok: false, timedOut: false, error: 'systeminformation is not available to a child process'};
  const res = await runCommand(launch.file, launch.args, {
    timeoutMs: opts.timeoutMs,
    env: launch.env,
    maxBytes: MAX_PROBE_BYTES,
  });
  // Output that arrived before a kill still counts (the child may linger on open handles).
  const parsed = parseProbeOutput(res.stdout);
  if (parsed) return {ok: true, snapshot: trimSnapshot(parsed), ms: res.ms};
  if (res.timedOut)
    return {ok: false, timedOut: true, error: `systeminformation probe killed after ${opts.timeoutMs} ms`, ms: res.ms};
  const why = res.error ?? (res.stderr.trim().split('\n').pop() || `exit code ${res.code}`);
  return {ok: false, timedOut: false, error: `systeminformation probe failed: ${why}`, ms: res.ms};
}
