/**
 * OpenClaw itself as the validation oracle: `openclaw config validate --json`
 * (offline, schema-only, writes nothing) and `openclaw --version`. Bounded in
 * time and output size; a missing or unusable binary is `available: false`.
 */
import {accessSync, constants as fsConstants, readFileSync, statSync} from 'node:fs';
import path from 'node:path';
import {runCommand} from '../process/run-command.js';
import {cachedVerdict, openclawIdentity, storeVerdict, verdictKey} from './openclaw-cache.js';
import type {OpenClawValidation} from '../core/types/config.js';

export const DEFAULT_VALIDATE_TIMEOUT_MS = 20_000;
const MAX_OUTPUT_BYTES = 4 * 1024 * 1024;
/** What of OpenClaw's output reaches our messages: a noisy binary once put 4.2 MB into one error line. */
export const MAX_ISSUES_KEPT = 20;
export const MAX_MESSAGE_CHARS = 300;

/** One line, at most MAX_MESSAGE_CHARS: the first non-empty line, with "…" when anything was cut. */
export function clipMessage(text: string, max = MAX_MESSAGE_CHARS): string {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
  const first = lines[0] ?? '';
  const cut = first.length > max || lines.length > 1;
  return cut ? `${first.slice(0, max).trimEnd()}…` : first;
}

/** OpenClawValidation plus the raw version line ("OpenClaw 2026.9.6 (eb377ac)"). */
export interface OpenClawVerdict extends OpenClawValidation {
  versionLine?: string;
  /** The binary that was run. */
  bin?: string;
}

function isExecutableFile(p: string): boolean {
  try {
    if (!statSync(p).isFile()) return false;
    accessSync(p, fsConstants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The openclaw binary to use: `explicit` (null disables), else OPENCLAW_BIN,
 * else `openclaw` on PATH. Undefined when none.
 */
export function findOpenclawBin(env: NodeJS.ProcessEnv, explicit?: string | null): string | undefined {
  if (explicit === null) return undefined;
  if (explicit !== undefined) return explicit;
  const fromEnv = env.OPENCLAW_BIN?.trim();
  if (fromEnv) return fromEnv;
  const exts = process.platform === 'win32' ? (env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';') : [''];
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    for (const ext of exts) {
      const candidate = path.join(dir, `openclaw${ext}`);
      if (isExecutableFile(candidate)) return candidate;
    }
  }
  return undefined;
}

interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  /** Set only when the program did not start (ENOENT, EACCES...). */
  spawnError?: {code?: string; message: string};
}

/** Test-runner variables make OpenClaw take test shortcuts; never pass them on. */
function childEnv(env: NodeJS.ProcessEnv, extra: Record<string, string>): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(env))
    if (v !== undefined && !k.startsWith('VITEST') && k !== 'OPENCLAW_TEST_FAST') out[k] = v;
  return {...out, NO_COLOR: '1', ...extra};
}

async function runBounded(bin: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<RunResult> {
  const r = await runCommand(bin, args, {env, timeoutMs, maxBytes: MAX_OUTPUT_BYTES});
  return {
    code: r.code,
    stdout: r.stdout,
    stderr: r.stderr,
    timedOut: r.timedOut,
    ...(r.errorCode ? {spawnError: {code: r.errorCode, message: r.error ?? r.errorCode}} : {}),
  };
}

/** The last JSON object in a command's stdout (OpenClaw may log lines before it). */
export function extractJson(stdout: string): unknown {
  const trimmed = stdout.trim();
  if (!trimmed) return undefined;
  try {
    return JSON.parse(trimmed);
  } catch {
    // Fall back to the text from the first line that opens an object.
    const lines = trimmed.split('\n');
    for (let i = 0; i < lines.length; i++) {
      if (!lines[i].startsWith('{')) continue;
      try {
        return JSON.parse(lines.slice(i).join('\n'));
      } catch {
        // try a later line
      }
    }
    return undefined;
  }
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function issueList(v: unknown): {path: string; message: string}[] {
  if (!Array.isArray(v)) return [];
  const all = v.filter(isObj);
  const kept = all.slice(0, MAX_ISSUES_KEPT).map((i) => ({
    path: typeof i.path === 'string' ? clipMessage(i.path, 200) || '<root>' : '<root>',
    message: clipMessage(typeof i.message === 'string' ? i.message : JSON.stringify(i)),
  }));
  if (all.length > kept.length)
    kept.push({path: '<root>', message: `… and ${all.length - kept.length} more issue(s) not shown`});
  return kept;
}

function firstLine(s: string): string {
  return (
    s
      .split('\n')
      .map((l) => l.trim())
      .find((l) => l.length > 0) ?? ''
  );
}

function parseVersion(stdout: string): {version?: string; versionLine?: string} {
  const line = clipMessage(firstLine(stdout), 200);
  if (!line) return {};
  const m = /(\d{4}\.\d+\.\d+(?:[-.][\w.]+)?)/.exec(line);
  return {versionLine: line, ...(m ? {version: m[1]} : {})};
}

/** Run `openclaw config validate --json` on a file, bounded in time. */
export async function openclawValidate(
  filePath: string,
  opts: {env: NodeJS.ProcessEnv; bin?: string | null; timeoutMs?: number; cache?: boolean; nowMs?: number},
): Promise<OpenClawVerdict> {
  const bin = findOpenclawBin(opts.env, opts.bin);
  if (!bin)
    return {
      available: false,
      issues: [],
      error: opts.bin === null ? 'OpenClaw check disabled' : 'openclaw not found (set OPENCLAW_BIN or put it on PATH)',
    };
  const id = openclawIdentity(bin);
  // The same OpenClaw judged these same bytes (and environment) before: its verdict, without starting it again.
  const key = opts.cache && id ? keyFor(id, filePath, opts.env) : undefined;
  const nowMs = opts.nowMs ?? Date.now();
  if (key) {
    const hit = cachedVerdict(opts.env, key, nowMs);
    if (hit) return {...hit, bin, cached: true};
  }
  const verdict = await runValidate(bin, filePath, opts, id?.version);
  if (key) storeVerdict(opts.env, key, verdict, nowMs);
  return verdict;
}

/**
 * Keeps a verdict OpenClaw gave these bytes under another name (the write engine's temporary copy, in the same
 * folder) for the file they were written to: the re-check after a write then needs no OpenClaw start.
 */
export function rememberVerdict(
  filePath: string,
  text: string,
  verdict: OpenClawValidation,
  opts: {env: NodeJS.ProcessEnv; bin?: string | null; nowMs?: number},
): void {
  const bin = findOpenclawBin(opts.env, opts.bin);
  const id = bin ? openclawIdentity(bin) : undefined;
  const key = id ? verdictKey(id, filePath, text, opts.env) : undefined;
  if (key) storeVerdict(opts.env, key, verdict, opts.nowMs ?? Date.now());
}

function keyFor(
  id: NonNullable<ReturnType<typeof openclawIdentity>>,
  filePath: string,
  env: NodeJS.ProcessEnv,
): string | undefined {
  try {
    const text = readFileSync(filePath, 'utf8');
    return text.length > 4 * 1024 * 1024 ? undefined : verdictKey(id, filePath, text, env);
  } catch {
    return undefined;
  }
}

async function runValidate(
  bin: string,
  filePath: string,
  opts: {env: NodeJS.ProcessEnv; timeoutMs?: number},
  knownVersion: string | undefined,
): Promise<OpenClawVerdict> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_VALIDATE_TIMEOUT_MS;
  const env = childEnv(opts.env, {OPENCLAW_CONFIG_PATH: path.resolve(filePath)});
  // The version from package.json next to the binary spares a second OpenClaw start.
  const [run, ver] = await Promise.all([
    runBounded(bin, ['config', 'validate', '--json'], env, timeoutMs),
    knownVersion ? Promise.resolve(undefined) : runBounded(bin, ['--version'], env, timeoutMs),
  ]);
  if (run.spawnError) {
    const code = run.spawnError.code;
    const why =
      code === 'ENOENT' ? 'not found' : code === 'EACCES' ? 'not executable' : (code ?? run.spawnError.message);
    return {available: false, issues: [], bin, error: `cannot run ${bin}: ${why}`};
  }
  const version = knownVersion ? {version: knownVersion} : ver?.code === 0 ? parseVersion(ver.stdout) : {};
  const base = {bin, ...version};
  if (run.timedOut)
    return {
      available: true,
      issues: [],
      ...base,
      error: `openclaw config validate did not finish within ${Math.round(timeoutMs / 1000)} s`,
    };
  const json = extractJson(run.stdout);
  if (!isObj(json)) {
    // e.g. "openclaw: Node 20.20.2: node:sqlite is unavailable; use 24.16+" (exit 1, no JSON).
    const why = clipMessage(firstLine(run.stderr) || firstLine(run.stdout)) || `exit code ${run.code}`;
    return {available: false, issues: [], ...base, error: `openclaw config validate gave no verdict: ${why}`};
  }
  const warnings = issueList(json.warnings);
  if (json.valid === true) return {available: true, valid: true, issues: [], warnings, ...base};
  const issues = issueList(json.issues);
  // Without issues the error says why (e.g. "file not found"); with them it only repeats "invalid".
  const err =
    isObj(json.error) && typeof json.error.message === 'string' ? clipMessage(json.error.message) : 'invalid config';
  if (issues.length === 0) issues.push({path: '<root>', message: err});
  return {available: true, valid: false, issues, warnings, ...base};
}
