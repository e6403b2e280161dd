/**
 * The only way this tool writes openclaw.json: refuse when unsafe, validate
 * (ours, then OpenClaw's when installed), back up, write a temp file in the
 * same directory, fsync, rename. The original is untouched until the rename.
 */
import {randomBytes} from 'node:crypto';
import {constants as fsConstants} from 'node:fs';
import {access, chmod, link, lstat, mkdir, open, readdir, readFile, readlink, rename, rm, stat} from 'node:fs/promises';
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
  | 'owner' // this user may not write the file, or writing it would change its owner or group
  | 'io'; // the file system refused

/**
 * The one exit code per refusal, for setup, doctor --fix and the app (README, setup: exit codes): not
 * written because of the file or the new text (it changed meanwhile, read-only, another owner's,
 * validation refused) → 1; the file cannot be read as UTF-8 text, or the file system failed → 2.
 */
export const WRITE_ERROR_EXIT: Record<ConfigWriteErrorCode, 1 | 2> = {
  parse: 1,
  invalid: 1,
  'openclaw-rejected': 1,
  'read-only': 1,
  changed: 1,
  owner: 1,
  unreadable: 2,
  encoding: 2,
  io: 2,
};

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
  return d
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}

/**
 * Our own backups of this config (`<file>.local-doctor-<stamp>.bak`), newest
 * first: what to point at when the file no longer parses. Never throws.
 */
export async function listBackups(configPath: string): Promise<string[]> {
  const dir = path.dirname(configPath);
  const prefix = `${path.basename(configPath)}.local-doctor-`;
  try {
    const names = (await readdir(dir)).filter((n) => n.startsWith(prefix) && n.endsWith('.bak'));
    // The stamp sorts as time; "-2" attempts after the plain one.
    return names
      .sort()
      .reverse()
      .slice(0, 20)
      .map((n) => path.join(dir, n));
  } catch {
    return [];
  }
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
    throw new ConfigWriteError('io', `cannot read ${p} again before writing: ${describeFsError(err)}`);
  }
}

function assertUnchanged(loaded: LoadedConfig, current: Buffer | undefined, where: string): void {
  const expected = loaded.exists ? Buffer.from(loaded.text, 'utf8') : undefined;
  const same = expected === undefined ? current === undefined : current?.equals(expected);
  if (!same) {
    const what = current === undefined ? 'was deleted' : expected === undefined ? 'was created' : 'was changed';
    throw new ConfigWriteError(
      'changed',
      `${where} ${what} since it was read (by OpenClaw or an editor?); read it again and retry`,
    );
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

async function writeFileSynced(
  file: string,
  data: Buffer | string,
  mode: number,
  owner?: {uid: number; gid: number},
  /** The file the temp file replaces (for messages). */
  replaces = file,
): Promise<void> {
  const fh = await open(file, fsConstants.O_WRONLY | fsConstants.O_CREAT | fsConstants.O_EXCL, mode);
  try {
    await fh.writeFile(data);
    if (owner) {
      // The replacement gets the original's owner and group before it takes its place (root may give any;
      // an owner may give a group it belongs to). If that is not allowed the rename would take the file over.
      const st = await fh.stat();
      if (st.uid !== owner.uid || st.gid !== owner.gid) {
        await fh.chown(owner.uid, owner.gid).catch((err: NodeJS.ErrnoException) => {
          throw new ConfigWriteError(
            'owner',
            `${replaces} belongs to uid ${owner.uid} / gid ${owner.gid}; ` +
              `writing it as uid ${st.uid} / gid ${st.gid} would change its owner or group (${describeFsError(err)}); run this as its owner`,
          );
        });
      }
    }
    // umask may have narrowed the mode at creation; set it exactly (after chown, which may clear set-id bits).
    await fh.chmod(mode);
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
  return path.join(
    path.dirname(target),
    `.${path.basename(target)}.local-doctor-${purpose}-${process.pid}-${randomBytes(4).toString('hex')}.tmp`,
  );
}

/** No write of ours takes this long (OpenClaw's check is bounded at 20 s): an older temp file is left over. */
const STALE_TEMP_MS = 10 * 60 * 1000;

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Temp files of ours (our name pattern, a plain file of this user) left by a
 * run killed before its rename: they hold the whole config, keys included.
 * Stale when their process is gone, or when they are older than any write takes
 * (the pid may have been reused). Runs before and after every write.
 */
export async function removeStaleTemps(target: string, nowMs = Date.now()): Promise<string[]> {
  const dir = path.dirname(target);
  const prefix = `.${path.basename(target)}.local-doctor-`;
  const removed: string[] = [];
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return removed;
  }
  const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const m = /^(?:write|check|backup)-(\d+)-[0-9a-f]{8}\.tmp$/.exec(name.slice(prefix.length));
    if (!m || Number(m[1]) === process.pid) continue;
    const p = path.join(dir, name);
    const st = await lstat(p).catch(() => undefined);
    if (!st?.isFile() || (uid !== undefined && uid !== 0 && st.uid !== uid)) continue;
    if (processAlive(Number(m[1])) && nowMs - st.mtimeMs < STALE_TEMP_MS) continue;
    await rm(p, {force: true}).then(
      () => removed.push(p),
      () => undefined,
    );
  }
  return removed;
}

const FS_ERRORS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  ENOENT: 'no such file or directory',
  ENOTDIR: 'a part of the path is not a directory',
  EISDIR: 'is a directory',
  EEXIST: 'already exists',
  EXDEV: 'on another file system',
  EMFILE: 'too many open files',
  EIO: 'input/output error',
};

/** One wording per file-system error ("permission denied (EACCES)"), never node's "EACCES: permission denied, open …" twice. */
export function describeFsError(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  if (e?.code && FS_ERRORS[e.code]) return `${FS_ERRORS[e.code]} (${e.code})`;
  if (e?.code) return e.code;
  return err instanceof Error ? err.message : String(err);
}

function ioError(what: string, err: unknown): ConfigWriteError {
  if (err instanceof ConfigWriteError) return err;
  return new ConfigWriteError('io', `${what}: ${describeFsError(err)}`);
}

function summarize(issues: ConfigIssue[]): string {
  const shown = issues.slice(0, 3).map((i) => `${i.path ? `${i.path}: ` : ''}${i.message}`);
  return shown.join('; ') + (issues.length > 3 ? ` (+${issues.length - 3} more)` : '');
}

/** OpenClaw's issues for the candidate that it did not report for the original. */
function newOpenclawIssues(
  original: OpenClawValidation | undefined,
  candidate: OpenClawValidation,
): {path: string; message: string}[] {
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

async function openclawCheck(
  loaded: LoadedConfig,
  target: string,
  newText: string,
  opts: WriteOptions,
): Promise<OpenClawValidation | undefined> {
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
        const issues: ConfigIssue[] = fresh.map((i) => ({
          severity: 'error',
          code: 'openclaw',
          message: i.message,
          path: i.path,
        }));
        throw new ConfigWriteError(
          'openclaw-rejected',
          `OpenClaw${candidate.version ? ` ${candidate.version}` : ''} rejects the new config: ${summarize(issues)}`,
          issues,
          candidate,
        );
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
  if (ro)
    throw new ConfigWriteError(
      'read-only',
      `${ro}=${env[ro]} is set: the config is managed elsewhere, so it is not written`,
    );
  if (loaded.readError) throw new ConfigWriteError('unreadable', loaded.readError);
  if (loaded.notUtf8)
    throw new ConfigWriteError('encoding', `${loaded.path} is not valid UTF-8; rewriting it would change bytes`);

  const configPath = path.resolve(loaded.path);
  const candidate = parseConfigText(newText, configPath);
  if (candidate.parseError) {
    const {message, line, column} = candidate.parseError;
    throw new ConfigWriteError(
      'parse',
      `the new config is not valid JSON5: ${message} (line ${line}, column ${column})`,
      [{severity: 'error', code: 'parse', message, line, column}],
    );
  }

  const before = checkConfig(loaded, {env});
  const after = checkConfig(candidate, {env});
  const added = newIssues(before, after);
  const addedErrors = added.filter((i) => i.severity === 'error');
  if (addedErrors.length > 0) {
    throw new ConfigWriteError(
      'invalid',
      `the new config has ${addedErrors.length} new error(s): ${summarize(addedErrors)}`,
      addedErrors,
    );
  }

  const target = await resolveTarget(configPath);
  // A run killed before its rename left a copy of the config (keys included): remove it now, whatever happens next.
  await removeStaleTemps(target);
  assertUnchanged(loaded, await readCurrent(target), configPath);

  let original: {mode: number; uid: number; gid: number; links: number} | undefined;
  if (loaded.exists) {
    try {
      const st = await stat(target);
      original = {mode: st.mode & 0o7777, uid: st.uid, gid: st.gid, links: st.nlink};
    } catch (err) {
      throw ioError(`cannot stat ${target}`, err);
    }
    // A rename would replace it anyway (even as root); a file nobody may write is someone's "hands off".
    if ((original.mode & 0o222) === 0) {
      const mode = (original.mode & 0o777).toString(8).padStart(4, '0');
      throw new ConfigWriteError(
        'read-only',
        `${target} is read-only (mode ${mode}); make it writable first (chmod u+w ${target}) if you want this tool to edit it`,
      );
    }
    await assertMayWrite(target, original);
  } else {
    try {
      await ensureDir(path.dirname(target));
    } catch (err) {
      throw ioError(`cannot create ${path.dirname(target)}`, err);
    }
  }

  const verdict = await openclawCheck(loaded, target, newText, opts);

  // The replacement is complete (owner, group and mode set, synced) before anything else happens.
  const temp = tempName(target, 'write');
  let backupPath: string | undefined;
  try {
    await writeFileSynced(temp, newText, original ? original.mode & 0o777 : FILE_MODE_NEW, original, target);
    if (opts.beforeRename) await opts.beforeRename(temp);
    // Last look: OpenClaw or an editor may have written meanwhile. Refused → no backup is made.
    assertUnchanged(loaded, await readCurrent(target), configPath);
    // The write goes ahead: back up the bytes that were read (never an empty file: there is nothing to keep).
    if (loaded.exists && loaded.text !== '')
      backupPath = await writeBackup(configPath, loaded.text, opts.now ?? new Date());
    await rename(temp, target);
  } catch (err) {
    await rm(temp, {force: true}).catch(() => undefined);
    // The original is untouched, so a backup made for this write is only clutter.
    if (backupPath) await rm(backupPath, {force: true}).catch(() => undefined);
    throw ioError(`cannot write ${target}`, err);
  }
  await syncDir(path.dirname(target));
  await removeStaleTemps(target);
  // OpenClaw judged these exact bytes (as the temporary copy): keep its verdict for the re-check that follows.
  if (verdict?.available && verdict.valid !== undefined)
    rememberVerdict(configPath, newText, verdict, {
      env,
      ...(opts.openclawBin !== undefined ? {bin: opts.openclawBin} : {}),
    });

  return {
    path: configPath,
    targetPath: target,
    ...(backupPath ? {backupPath} : {}),
    created: !loaded.exists,
    newIssues: added,
    ...(verdict ? {openclawVerdict: verdict} : {}),
    ...(original && original.links > 1 ? {hardLinksBroken: original.links - 1} : {}),
  };
}

/** What a broken hard link means for the user, in one sentence (setup, doctor --fix, the app). */
export function hardLinkNote(others: number): string {
  return (
    `the config had ${others} other hard link${others === 1 ? '' : 's'}; the safe write (a new file renamed into place) ` +
    `leaves ${others === 1 ? 'that name' : 'those names'} with the old text (use a symbolic link to share one config)`
  );
}

/**
 * This user may replace the file without taking it over: the file system lets
 * them write it (access(2), not just "some write bit"), and the replacement can
 * carry the same owner (only root can give a file away; checked again by chown on the temp file).
 */
async function assertMayWrite(target: string, original: {uid: number; gid: number; mode: number}): Promise<void> {
  try {
    await access(target, fsConstants.W_OK);
  } catch (err) {
    const mode = (original.mode & 0o777).toString(8).padStart(4, '0');
    throw new ConfigWriteError(
      'owner',
      `${target} is not writable by this user (owner uid ${original.uid}, mode ${mode}): ${describeFsError(err)}; run this as its owner`,
    );
  }
  const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
  if (uid !== undefined && uid !== 0 && uid !== original.uid) {
    throw new ConfigWriteError(
      'owner',
      `${target} belongs to uid ${original.uid}, not to this user (uid ${uid}); replacing it would make it yours, so it is not written; run this as its owner`,
    );
  }
}

/**
 * The backup, next to the path the user knows (the link, if it is one), with
 * the bytes that were read: written to a temp name and linked into place, so a
 * kill never leaves a partial or empty backup under the final name.
 */
async function writeBackup(configPath: string, text: string, now: Date): Promise<string> {
  const temp = tempName(configPath, 'backup');
  try {
    await writeFileSynced(temp, Buffer.from(text, 'utf8'), FILE_MODE_NEW);
    for (let attempt = 0; ; attempt++) {
      const candidate = backupPathFor(configPath, now, attempt);
      try {
        await link(temp, candidate);
        return candidate;
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'EEXIST' && attempt <= 50) continue;
        // No hard links on this file system: a rename is as good when the name is free.
        if (
          (code === 'EPERM' || code === 'ENOTSUP' || code === 'ENOSYS') &&
          !(await lstat(candidate).catch(() => undefined))
        ) {
          await rename(temp, candidate);
          return candidate;
        }
        throw ioError('cannot write the backup', err);
      }
    }
  } finally {
    await rm(temp, {force: true}).catch(() => undefined);
  }
}
