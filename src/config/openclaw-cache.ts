/**
 * OpenClaw's verdict without OpenClaw's cost. `openclaw config validate` starts a Node 24 process that loads all
 * of OpenClaw (≈1.4 s quiet, 8 s on a busy 2-core box, ~320 MiB). Its verdict depends on the installed OpenClaw,
 * the file's bytes and the environment it substitutes (`${VAR}`), so we keep the verdict keyed by exactly those:
 * the binary (real path, mtime, size), its version, the config path and text, and the values of the variables
 * the text names plus every OPENCLAW_* variable (hashed, never stored). A file with `$include` is never served
 * from the cache (its included files can change without its own bytes changing), nor is a verdict that is not one
 * (a timeout, a crash). Entries expire after a day (OpenClaw plugins installed meanwhile can change a verdict).
 *
 * The version is read from the package.json next to the resolved binary (npm links `openclaw` to
 * node_modules/openclaw/openclaw.mjs; a wrapper script names that path), never by starting OpenClaw, where possible.
 */
import {createHash} from 'node:crypto';
import {readFileSync, realpathSync, statSync} from 'node:fs';
import path from 'node:path';
import {readState, writeState} from '../process/state.js';
import type {OpenClawValidation} from '../core/types/config.js';

export const VERDICT_CACHE_FILE = 'openclaw-verdicts.json';
const MAX_VERDICTS = 32;
const VERDICT_TTL_MS = 24 * 3600 * 1000;
const MAX_WRAPPER_BYTES = 16 * 1024;
const MAX_ISSUES = 50;

export interface OpenclawIdentity {
  /** The binary after symlinks. */
  realPath: string;
  mtimeMs: number;
  size: number;
  /** From package.json next to the entry script, when found without running OpenClaw. */
  version?: string;
  packageDir?: string;
}

function readPackageVersion(dir: string): string | undefined {
  try {
    const text = readFileSync(path.join(dir, 'package.json'), 'utf8');
    if (text.length > 256 * 1024) return undefined;
    const pkg = JSON.parse(text) as {name?: unknown; version?: unknown};
    if (pkg.name !== 'openclaw' || typeof pkg.version !== 'string') return undefined;
    return /^\d{4}\.\d+\.\d+(?:[-.][\w.]+)?$/.test(pkg.version) ? pkg.version : undefined;
  } catch {
    return undefined;
  }
}

/** The openclaw package folder a binary runs: its own folder, or the openclaw.mjs a small wrapper script names. */
function packageDirOf(realPath: string): string | undefined {
  const own = path.dirname(realPath);
  if (readPackageVersion(own)) return own;
  try {
    if (statSync(realPath).size > MAX_WRAPPER_BYTES) return undefined;
    const text = readFileSync(realPath, 'utf8');
    for (const m of text.matchAll(/["']?((?:[A-Za-z]:)?[^\s"'`$]*[\\/]openclaw[\\/]openclaw\.mjs)["']?/g)) {
      const dir = path.dirname(path.resolve(path.dirname(realPath), m[1]));
      if (readPackageVersion(dir)) return dir;
    }
  } catch {
    return undefined;
  }
  return undefined;
}

/** Who the binary is, cheaply (stat + a package.json read); undefined when it cannot be stat'ed. */
export function openclawIdentity(bin: string): OpenclawIdentity | undefined {
  try {
    const realPath = realpathSync(bin);
    const st = statSync(realPath);
    const packageDir = packageDirOf(realPath);
    const version = packageDir ? readPackageVersion(packageDir) : undefined;
    return {realPath, mtimeMs: st.mtimeMs, size: st.size, ...(version ? {version, packageDir} : {})};
  } catch {
    return undefined;
  }
}

const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

/** The variables a verdict can depend on: those the text names as ${VAR}, and OpenClaw's own. */
function envPart(text: string, env: NodeJS.ProcessEnv): [string, string | null][] {
  const names = new Set<string>();
  for (const m of text.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g)) names.add(m[1]);
  for (const k of Object.keys(env)) if (k.startsWith('OPENCLAW_')) names.add(k);
  return [...names].sort().map((k) => [k, env[k] ?? null]);
}

/** The cache key of a verdict, or undefined when the file cannot be judged from its own bytes ($include). */
export function verdictKey(
  id: OpenclawIdentity,
  configPath: string,
  text: string,
  env: NodeJS.ProcessEnv,
): string | undefined {
  if (/["']?\$include["']?\s*:/.test(text)) return undefined;
  const pkgMtime = ((): number | null => {
    try {
      return id.packageDir ? statSync(path.join(id.packageDir, 'package.json')).mtimeMs : null;
    } catch {
      return null;
    }
  })();
  return sha256(
    JSON.stringify([
      1,
      id.realPath,
      id.mtimeMs,
      id.size,
      id.version ?? null,
      pkgMtime,
      path.resolve(configPath),
      text,
      envPart(text, env),
    ]),
  );
}

interface StoredVerdict {
  key: string;
  at: number;
  verdict: OpenClawValidation;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function issues(v: unknown): {path: string; message: string}[] | undefined {
  if (!Array.isArray(v) || v.length > MAX_ISSUES) return undefined;
  const out: {path: string; message: string}[] = [];
  for (const i of v) {
    if (!isObj(i) || typeof i.path !== 'string' || typeof i.message !== 'string') return undefined;
    out.push({path: i.path.slice(0, 500), message: i.message.slice(0, 2000)});
  }
  return out;
}

/** Validates one stored entry; anything odd is dropped. */
function parseEntry(e: unknown): StoredVerdict | undefined {
  if (
    !isObj(e) ||
    typeof e.key !== 'string' ||
    !/^[0-9a-f]{64}$/.test(e.key) ||
    typeof e.at !== 'number' ||
    !isObj(e.verdict)
  )
    return undefined;
  const v = e.verdict;
  const iss = issues(v.issues);
  const warn = v.warnings === undefined ? [] : issues(v.warnings);
  if (typeof v.valid !== 'boolean' || !iss || !warn) return undefined;
  if (v.version !== undefined && (typeof v.version !== 'string' || v.version.length > 64)) return undefined;
  return {
    key: e.key,
    at: e.at,
    verdict: {
      available: true,
      valid: v.valid,
      issues: iss,
      warnings: warn,
      ...(typeof v.version === 'string' ? {version: v.version} : {}),
    },
  };
}

function readEntries(env: NodeJS.ProcessEnv): StoredVerdict[] {
  const raw = readState(env, VERDICT_CACHE_FILE);
  if (!isObj(raw) || raw.schemaVersion !== 1 || !Array.isArray(raw.entries)) return [];
  return raw.entries
    .slice(0, MAX_VERDICTS)
    .map(parseEntry)
    .filter((e): e is StoredVerdict => e !== undefined);
}

export function cachedVerdict(env: NodeJS.ProcessEnv, key: string, nowMs: number): OpenClawValidation | undefined {
  const hit = readEntries(env).find((e) => e.key === key);
  if (!hit || nowMs - hit.at > VERDICT_TTL_MS || hit.at > nowMs + 60_000) return undefined;
  return hit.verdict;
}

/** Keeps a real verdict (valid true/false); errors and timeouts are never cached. */
export function storeVerdict(env: NodeJS.ProcessEnv, key: string, verdict: OpenClawValidation, nowMs: number): void {
  if (!verdict.available || verdict.valid === undefined || verdict.error !== undefined) return;
  if (verdict.issues.length > MAX_ISSUES || (verdict.warnings?.length ?? 0) > MAX_ISSUES) return;
  const entry: StoredVerdict = {
    key,
    at: nowMs,
    verdict: {
      available: true,
      valid: verdict.valid,
      issues: verdict.issues,
      warnings: verdict.warnings ?? [],
      ...(verdict.version ? {version: verdict.version} : {}),
    },
  };
  const rest = readEntries(env).filter((e) => e.key !== key && nowMs - e.at <= VERDICT_TTL_MS);
  writeState(env, VERDICT_CACHE_FILE, {schemaVersion: 1, entries: [entry, ...rest].slice(0, MAX_VERDICTS)});
}
