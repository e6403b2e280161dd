/**
 * The tool's own state directory: caches (OpenClaw's verdicts, its version, the hardware profile) and measurements
 * (rehearsal tok/s). Never openclaw.json. `$OPENCLAW_LOCAL_DOCTOR_STATE_DIR`, else `$XDG_STATE_HOME/openclaw-local-doctor`,
 * else `~/.local/state/openclaw-local-doctor`. Files are mode 0600 in a 0700 folder, written atomically, capped
 * in size, and every read is validated by its caller: a damaged or foreign file is ignored, never trusted.
 */
import {chmodSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync} from 'node:fs';
import path from 'node:path';

export const STATE_DIR_ENV = 'OPENCLAW_LOCAL_DOCTOR_STATE_DIR';
/** No state file is read or written above this size. */
export const MAX_STATE_FILE_BYTES = 4 * 1024 * 1024;

export function stateDir(env: NodeJS.ProcessEnv): string | undefined {
  const explicit = env[STATE_DIR_ENV]?.trim();
  if (explicit) return path.resolve(explicit);
  const xdg = env.XDG_STATE_HOME?.trim();
  if (xdg && path.isAbsolute(xdg)) return path.join(xdg, 'openclaw-local-doctor');
  // From the environment given, not os.homedir(): a caller with a bare env (a test, a sandbox) keeps no state.
  const home = env.HOME?.trim() || env.USERPROFILE?.trim();
  if (!home || !path.isAbsolute(home)) return undefined;
  return path.join(home, '.local', 'state', 'openclaw-local-doctor');
}

/** Reads and parses one state file; undefined when absent, too large, not ours to read, or not JSON. */
export function readState(env: NodeJS.ProcessEnv, name: string): unknown {
  const dir = stateDir(env);
  if (!dir) return undefined;
  const file = path.join(dir, name);
  try {
    const st = statSync(file);
    if (!st.isFile() || st.size > MAX_STATE_FILE_BYTES) return undefined;
    // Another user's file (a shared HOME, a sudo run) is not ours to believe.
    if (typeof process.getuid === 'function' && st.uid !== process.getuid()) return undefined;
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/** Writes one state file atomically (0600). A cache is best effort: failures are swallowed and reported false. */
export function writeState(env: NodeJS.ProcessEnv, name: string, value: unknown): boolean {
  const dir = stateDir(env);
  if (!dir) return false;
  const text = `${JSON.stringify(value)}\n`;
  if (Buffer.byteLength(text) > MAX_STATE_FILE_BYTES) return false;
  const file = path.join(dir, name);
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(dir, {recursive: true, mode: 0o700});
    writeFileSync(tmp, text, {mode: 0o600});
    chmodSync(tmp, 0o600);
    renameSync(tmp, file);
    return true;
  } catch {
    try {
      rmSync(tmp, {force: true});
    } catch {
      // nothing to clean
    }
    return false;
  }
}

/** Removes one state file (a cache the user or a test clears). */
export function clearState(env: NodeJS.ProcessEnv, name: string): void {
  const dir = stateDir(env);
  if (!dir) return;
  try {
    rmSync(path.join(dir, name), {force: true});
  } catch {
    // best effort
  }
}
