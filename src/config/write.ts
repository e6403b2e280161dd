/**
 * The only way this tool writes openclaw.json: refuse when unsafe, validate
 * (ours, then OpenClaw's when installed), back up, write a temp file in the
 * same directory, fsync, rename. The original is untouched until the rename.
 */
import {randomBytes} from 'node:crypto';
import {constants as fsConstants} from 'node:fs';
import {chmod, lstat, mkdir, open, readdir, readFile, readlink, rename, rm, stat} from 'node:fs/promises';
import path from 'node:path';
import {checkConfig, newIssues} from './check.js';
import {openclawValidate, rememberVerdict} from './openclaw.js';
import {parseConfigText} from './read.js';
import type {ConfigIssue, LoadedConfig, OpenClawValidation, WriteResult} from '../core/types/config.js';

export type ConfigWriteErrorCode =
  | 'read-only' // OPENCLAW_CONFIG_READONLY=1 / OPENCLAW_NIX_MODE=1
  | 'unreadable' // the original could not be read as a file
  | 'encoding' // the original is not UTF-8: rewriting would change bytes
  | 'changed' // the file on disk is not what was read
  | 'parse' // newText is not valid JSON5
  | 'invalid' // newText has error-level issues the original did not have
  | 'openclaw-rejected' // OpenClaw's own validator found new issues
  | 'io'; // the file system refused

export class ConfigWriteError extends Error {
  constructor(
    readonly code: ConfigWriteErrorCode,
    message: string,
    /** For 'invalid' / 'openclaw-rejected' / 'parse': what is wrong with the new text. */
    readonly issues: ConfigIssue[] = [],
    readonly openclawVerdict?: OpenClawValidation,
  ) {
    super(message);
    this.name = 'ConfigWriteError';
  }
}

const FILE_MODE_NEW = 0o600;
const DIR_MODE_NEW = 0o700;

/** `20261122T040506Z` */
export function backupStamp(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
}

/** Our backup name; never `openclaw.json.bak*` (OpenClaw rotates and deletes those). */
export function backupPathFor(configPath: string, now: Date, attempt = 0): string {
  return `${configPath}.local-doctor-${backupStamp(now)}${attempt > 0 ? `-${attempt + 1}` : ''}.bak`;
}

function readOnlyVar(env: NodeJS.ProcessEnv): string | undefined {
  for (const name of ['OPENCLAW_CONFIG_READONLY', 'OPENCLAW_NIX_MODE']) {
    const v = env[name]?.trim().toLowerCase();
    if (v === '1' || v === 'true' || v === 'yes') return name;
  }
  return undefined;
}

/** Follow a chain of symlinks to the file that is really written (it may not exist yet). */
async function resolveTarget(p: string): Promise<string> {
  let current = path.resolve(p);
  for (let hops = 0; hops < 40; hops++) {
    let st;
    try {
      st = await lstat(current);
    } catch {
      return current;
    }
    if (!st.isSymbolicLink()) return current;
    current = path.resolve(path.dirname(current), await readlink(current));
  }
  throw new ConfigWriteError('io', `too many symbolic links at ${p}`);
}

async function readCurrent(p: string): Promise<Buffer | undefined> {
  try {
    return await readFile(p);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new ConfigWriteError('io', `cannot read ${p} again before writing: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
}

function assertUnchanged(loaded: LoadedConfig, current: Buffer | undefined, where: string): void {
  const expected = loaded.exists ? Buffer.from(loaded.text, 'utf8') : undefined;
  const same = expected === undefined ? current === undefined : current?.equals(expected);
  if (!same) {
    const what = current === undefined ? 'was deleted' : expected === undefined ? 'was created' : 'was changed';
    throw new ConfigWriteError('changed', `${where} ${what} since it was read (by OpenClaw or an editor?); read it again and retry`);
  }
}

/** Create missing parent directories with mode 0700 (only the ones we create). */
async function ensureDir(dir: string): Promise<void> {
  const missing: string[] = [];
  let d = dir;
  for (;;) {
    try {
      await stat(d);
      break;
    } catch {
      missing.unshift(d);
      const parent = path.dirname(d);
      if (parent === d) break;
      d = parent;
    }
  }
  for (const m of missing) {
    await mkdir(m, {mode: DIR_MODE_NEW}).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'EEXIST') throw err;
    });
    await chmod(m, DIR_MODE_NEW).catch(() => undefined);
  }
}

async function writeFileSynced(file: string, data: Buffer | string, mode: number, owner?: {uid: number; gid: number}): Promise<void> {
  const fh = await open(file, fsConstants.O_WRONLY | fsConstants.O_CREAT | fsConstants.O_EXCL, mode);
  try {
    await fh.writeFile(data);
    // umask may have narrowed the mode at creation; set it exactly.
    await fh.chmod(mode);
    if (owner && typeof process.getuid === 'function' && process.getuid() === 0) await fh.chown(owner.uid, owner.gid).catch(() => undefined);
    await fh.sync();
  } finally {
    await fh.close();
  }
}

async function syncDir(dir: string): Promise<void> {
  try {
    const fh = await open(dir, fsConstants.O_RDONLY);
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
  } catch {
    // Not supported everywhere (e.g. Windows); the rename itself is still atomic.
  }
}

function tempName(target: string, purpose: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.local-doctor-${purpose}-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Temp files of ours left by a process that died before its rename (their pid is gone). */
async function removeStaleTemps(target: string): Promise<void> {
  const dir = path.dirname(target);
  const prefix = `.${path.basename(target)}.local-doctor-`;
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const m = /^(?:write|check)-(\d+)-[0-9a-f]{8}\.tmp$/.exec(name.slice(prefix.length));
    if (m && Number(m[1]) !== process.pid && !processAlive(Number(m[1]))) await rm(path.join(dir, name), {force: true}).catch(() => undefined);
  }
}

function ioError(what: string, err: unknown): ConfigWriteError {
  if (err instanceof ConfigWriteError) return err;
  const e = err as NodeJS.ErrnoException;
  return new ConfigWriteError('io', `${what}: ${e.code ?? ''}${e.code ? ' ' : ''}${e.message ?? String(err)}`.trim());
}

function summarize(issues: ConfigIssue[]): string {
  const shown = issues.slice(0, 3).map((i) => `${i.path ? `${i.path}: ` : ''}${i.message}`);
  return shown.join('; ') + (issues.length > 3 ? ` (+${issues.length - 3} more)` : '');
}

/** OpenClaw's issues for the candidate that it did not report for the original. */
function newOpenclawIssues(original: OpenClawValidation | undefined, candidate: OpenClawValidation): {path: string; message: string}[] {
  const had = new Set((original?.issues ?? []).map((i) => `${i.path}\u0000${i.message}`));
  return candidate.issues.filter((i) => !had.has(`${i.path}\u0000${i.message}`));
}

export interface WriteOptions {
  env: NodeJS.ProcessEnv;
  now?: Date;
  /** Path of an `openclaw` binary to validate before renaming (undefined: look on PATH / OPENCLAW_BIN). */
  openclawBin?: string | null;
  /** Test hook: called after the temp file is written, before the rename. */
  beforeRename?: (tempPath: string) => void | Promise<void>;
}

async function openclawCheck(loaded: LoadedConfig, target: string, newText: string, opts: WriteOptions): Promise<OpenClawValidation | undefined> {
  if (opts.openclawBin === null) return undefined;
  const probe = tempName(target, 'check');
  // OpenClaw sees the candidate in the same directory, so $include paths resolve the same way.
  try {
    await writeFileSynced(probe, newText, FILE_MODE_NEW);
  } catch (err) {
    throw ioError(`cannot write a temporary file next to ${target}`, err);
  }
  try {
    const run = {env: opts.env, ...(opts.openclawBin !== undefined ? {bin: opts.openclawBin} : {})};
    const [original, candidate] = await Promise.all([
      // The file as it is now: the doctor usually judged these bytes already (openclaw-cache.ts).
      loaded.exists ? openclawValidate(target, {...run, cache: true}) : Promise.resolve(undefined),
      openclawValidate(probe, run),
    ]);
    if (!candidate.available || candidate.valid === undefined) return candidate; // no verdict: our own checks stand
    if (candidate.valid === false) {
      const fresh = newOpenclawIssues(original?.valid === undefined ? undefined : original, candidate);
      if (fresh.length > 0) {
        const issues: ConfigIssue[] = fresh.map((i) => ({severity: 'error', code: 'openclaw', message: i.message, path: i.path}));
        throw new ConfigWriteError('openclaw-rejected', `OpenClaw${candidate.version ? ` ${candidate.version}` : ''} rejects the new config: ${summarize(issues)}`, issues, candidate);
      }
    }
    return candidate;
  } finally {
    await rm(probe, {force: true}).catch(() => undefined);
  }
}

/**
 * Validate, back up, write atomically (temp + rename), keep mode; refuses when
 * read-only env is set or the file changed since `loaded` was read.
 * Throws ConfigWriteError (see its `code`). On success `newIssues` lists the
 * new warning/info issues (errors would have refused the write).
 */
export async function writeConfig(loaded: LoadedConfig, newText: string, opts: WriteOptions): Promise<WriteResult> {
  const env = opts.env ?? {};
  const ro = readOnlyVar(env);
  if (ro) throw new ConfigWriteError('read-only', `${ro}=${env[ro]} is set: the config is managed elsewhere, so it is not written`);
  if (loaded.readError) throw new ConfigWriteError('unreadable', loaded.readError);
  if (loaded.notUtf8) throw new ConfigWriteError('encoding', `${loaded.path} is not valid UTF-8; rewriting it would change bytes`);

  const configPath = path.resolve(loaded.path);
  const candidate = parseConfigText(newText, configPath);
  if (candidate.parseError) {
    const {message, line, column} = candidate.parseError;
    throw new ConfigWriteError('parse', `the new config is not valid JSON5: ${message} (line ${line}, column ${column})`, [
      {severity: 'error', code: 'parse', message, line, column},
    ]);
  }

  const before = checkConfig(loaded, {env});
  const after = checkConfig(candidate, {env});
  const added = newIssues(before, after);
  const addedErrors = added.filter((i) => i.severity === 'error');
  if (addedErrors.length > 0) {
    throw new ConfigWriteError('invalid', `the new config has ${addedErrors.length} new error(s): ${summarize(addedErrors)}`, addedErrors);
  }

  const target = await resolveTarget(configPath);
  assertUnchanged(loaded, await readCurrent(target), configPath);

  let original: {mode: number; uid: number; gid: number} | undefined;
  if (loaded.exists) {
    try {
      const st = await stat(target);
      original = {mode: st.mode & 0o7777, uid: st.uid, gid: st.gid};
    } catch (err) {
      throw ioError(`cannot stat ${target}`, err);
    }
    // A rename would replace it anyway (even as root); a file nobody may write is someone's "hands off".
    if ((original.mode & 0o222) === 0) {
      const mode = (original.mode & 0o777).toString(8).padStart(4, '0');
      throw new ConfigWriteError('read-only', `${target} is read-only (mode ${mode}); make it writable first (chmod u+w ${target}) if you want this tool to edit it`);
    }
  } else {
    try {
      await ensureDir(path.dirname(target));
    } catch (err) {
      throw ioError(`cannot create ${path.dirname(target)}`, err);
    }
  }

  const verdict = await openclawCheck(loaded, target, newText, opts);

  let backupPath: string | undefined;
  if (loaded.exists) {
    const now = opts.now ?? new Date();
    // Next to the path the user knows (the link, if it is one), with the bytes that were read.
    for (let attempt = 0; backupPath === undefined; attempt++) {
      const candidatePath = backupPathFor(configPath, now, attempt);
      try {
        await writeFileSynced(candidatePath, Buffer.from(loaded.text, 'utf8'), FILE_MODE_NEW);
        backupPath = candidatePath;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 50) throw ioError('cannot write the backup', err);
      }
    }
  }

  const temp = tempName(target, 'write');
  try {
    await writeFileSynced(temp, newText, original ? original.mode & 0o777 : FILE_MODE_NEW, original);
    if (opts.beforeRename) await opts.beforeRename(temp);
    // Last look: OpenClaw or an editor may have written meanwhile.
    assertUnchanged(loaded, await readCurrent(target), configPath);
    await rename(temp, target);
  } catch (err) {
    await rm(temp, {force: true}).catch(() => undefined);
    throw ioError(`cannot write ${target}`, err);
  }
  await syncDir(path.dirname(target));
  await removeStaleTemps(target);
  // OpenClaw judged these exact bytes (as the temporary copy): keep its verdict for the re-check that follows.
  if (verdict?.available && verdict.valid !== undefined) rememberVerdict(configPath, newText, verdict, {env, ...(opts.openclawBin !== undefined ? {bin: opts.openclawBin} : {})});

  return {
    path: configPath,
    targetPath: target,
    ...(backupPath ? {backupPath} : {}),
    created: !loaded.exists,
    newIssues: added,
    ...(verdict ? {openclawVerdict: verdict} : {}),
  };
}
