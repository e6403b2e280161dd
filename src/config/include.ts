/**
 * Read-side resolution of `$include` and `${VAR}`, the way OpenClaw does it
 * before validating. Used for checks and views only: the result is never
 * written back (writes edit the original text).
 */
import {readFileSync, realpathSync, statSync} from 'node:fs';
import path from 'node:path';
import {parseJson5} from './json5/parser.js';
import {MAX_CONFIG_BYTES, MAX_CONFIG_SIZE_TEXT} from './read.js';
import {substituteEnvString} from '../core/config-view.js';
import type {ConfigIssue} from '../core/types/config.js';

export const INCLUDE_KEY = '$include';
export const MAX_INCLUDE_DEPTH = 10;
const MAX_INCLUDE_BYTES = MAX_CONFIG_BYTES;
const BLOCKED_KEYS = new Set(['__proto__', 'prototype', 'constructor']);

export interface ResolveOptions {
  /** Absolute path of the config file (includes are relative to it). */
  configPath: string;
  env: NodeJS.ProcessEnv;
  /** Extra include roots; default: OPENCLAW_INCLUDE_ROOTS from env. */
  includeRoots?: string[];
}

export interface ResolvedConfig {
  value: unknown;
  issues: ConfigIssue[];
  /** Files pulled in by $include (absolute). */
  includedFiles: string[];
  /** ${VAR} names that had no value (left as written). */
  missingVars: string[];
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Deep merge as OpenClaw's includes do: arrays concatenate, objects merge, other values: the later wins. */
export function mergeIncluded(base: unknown, over: unknown): unknown {
  if (Array.isArray(base) && Array.isArray(over)) return [...base, ...over];
  if (!isPlainObject(base) || !isPlainObject(over)) return over;
  const out: Record<string, unknown> = {...base};
  for (const [k, v] of Object.entries(over)) {
    if (BLOCKED_KEYS.has(k)) continue;
    out[k] = k in out ? mergeIncluded(out[k], v) : v;
  }
  return out;
}

function isInside(root: string, candidate: string): boolean {
  const rel = path.relative(root, candidate);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

function realOr(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
}

export function includeRootsFromEnv(env: NodeJS.ProcessEnv): string[] {
  const raw = env.OPENCLAW_INCLUDE_ROOTS?.trim();
  if (!raw) return [];
  const home = env.OPENCLAW_HOME?.trim() || env.HOME?.trim() || env.USERPROFILE?.trim() || '';
  const out: string[] = [];
  for (const entry of raw.split(path.delimiter)) {
    const t = entry.trim();
    if (!t) continue;
    const expanded = home ? t.replace(/^~(?=$|[\\/])/, () => home) : t;
    if (!path.isAbsolute(expanded)) continue;
    const p = path.normalize(expanded);
    if (!out.includes(p)) out.push(p);
  }
  return out;
}

class IncludeFailure extends Error {}

/** Replace every `{$include: ...}` object by the included content (siblings override). */
export function resolveIncludes(
  value: unknown,
  opts: ResolveOptions,
): {value: unknown; issues: ConfigIssue[]; includedFiles: string[]} {
  const issues: ConfigIssue[] = [];
  const includedFiles: string[] = [];
  const configDir = path.dirname(path.resolve(opts.configPath));
  const roots = [configDir, ...(opts.includeRoots ?? includeRootsFromEnv(opts.env))].map((r) => ({
    lexical: r,
    real: realOr(r),
  }));

  const loadFile = (spec: string, fromFile: string, chain: string[], dotted: string): unknown => {
    if (spec.includes('\0')) throw new IncludeFailure(`include path contains a NUL byte`);
    const resolved = path.normalize(path.resolve(path.dirname(fromFile), spec));
    if (!roots.some((r) => isInside(r.lexical, resolved))) {
      throw new IncludeFailure(
        `$include ${JSON.stringify(spec)} escapes the config directory (set OPENCLAW_INCLUDE_ROOTS to allow ${path.dirname(resolved)})`,
      );
    }
    const real = realOr(resolved);
    if (!roots.some((r) => isInside(r.real, real) || isInside(r.lexical, real))) {
      throw new IncludeFailure(
        `$include ${JSON.stringify(spec)} resolves outside the config directory through a symlink`,
      );
    }
    if (chain.includes(resolved))
      throw new IncludeFailure(`circular $include: ${[...chain, resolved].map((p) => path.basename(p)).join(' -> ')}`);
    if (chain.length > MAX_INCLUDE_DEPTH)
      throw new IncludeFailure(`$include nests deeper than ${MAX_INCLUDE_DEPTH} levels at ${JSON.stringify(spec)}`);
    let text: string;
    try {
      const st = statSync(resolved);
      if (!st.isFile()) throw new IncludeFailure(`$include ${JSON.stringify(spec)} is not a regular file`);
      if (st.size > MAX_INCLUDE_BYTES)
        throw new IncludeFailure(`$include ${JSON.stringify(spec)} is over the ${MAX_CONFIG_SIZE_TEXT} limit`);
      text = readFileSync(resolved, 'utf8');
    } catch (err) {
      if (err instanceof IncludeFailure) throw err;
      const code = (err as NodeJS.ErrnoException).code;
      throw new IncludeFailure(
        `cannot read $include ${JSON.stringify(spec)} (${code === 'ENOENT' ? 'file not found' : (code ?? 'error')}: ${resolved})`,
      );
    }
    let parsed: unknown;
    try {
      parsed = parseJson5(text).value;
    } catch (err) {
      throw new IncludeFailure(
        `cannot parse $include ${JSON.stringify(spec)}: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
    if (!includedFiles.includes(resolved)) includedFiles.push(resolved);
    return visit(parsed, resolved, [...chain, resolved], dotted);
  };

  const visit = (node: unknown, file: string, chain: string[], dotted: string): unknown => {
    if (Array.isArray(node)) return node.map((item, i) => visit(item, file, chain, join(dotted, i)));
    if (!isPlainObject(node)) return node;
    const rest: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) if (k !== INCLUDE_KEY) rest[k] = visit(v, file, chain, join(dotted, k));
    if (!(INCLUDE_KEY in node)) return rest;
    const spec = node[INCLUDE_KEY];
    try {
      let included: unknown;
      if (typeof spec === 'string') included = loadFile(spec, file, chain, dotted);
      else if (Array.isArray(spec)) {
        included = {};
        for (const item of spec) {
          if (typeof item !== 'string')
            throw new IncludeFailure(`$include array items must be strings, got ${typeof item}`);
          included = mergeIncluded(included, loadFile(item, file, chain, dotted));
        }
      } else
        throw new IncludeFailure(
          `$include must be a string or an array of strings, got ${spec === null ? 'null' : typeof spec}`,
        );
      if (Object.keys(rest).length === 0) return included;
      if (!isPlainObject(included))
        throw new IncludeFailure('keys next to $include need the included content to be an object');
      return mergeIncluded(included, rest);
    } catch (err) {
      if (!(err instanceof IncludeFailure)) throw err;
      issues.push({severity: 'error', code: 'include', message: err.message, path: join(dotted, INCLUDE_KEY)});
      return rest;
    }
  };

  const start = path.resolve(opts.configPath);
  return {value: visit(value, start, [start], ''), issues, includedFiles};
}

function join(base: string, key: string | number): string {
  return base === '' ? String(key) : `${base}.${key}`;
}

/** `${VAR}` → value, `$${VAR}` → literal `${VAR}`; a missing or empty var stays as written. Strings only, not keys. */
export const substituteString = substituteEnvString;

export function substituteEnv(
  value: unknown,
  env: NodeJS.ProcessEnv,
): {value: unknown; missing: {name: string; path: string}[]} {
  const missing: {name: string; path: string}[] = [];
  const visit = (node: unknown, dotted: string): unknown => {
    if (typeof node === 'string') return substituteString(node, env, (name) => missing.push({name, path: dotted}));
    if (Array.isArray(node)) return node.map((v, i) => visit(v, join(dotted, i)));
    if (isPlainObject(node)) {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(node)) out[k] = visit(v, join(dotted, k));
      return out;
    }
    return node;
  };
  return {value: visit(value, ''), missing};
}

/** `KEY=value` lines of a .env file (quotes stripped, comments skipped). */
export function parseDotEnv(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!m) continue;
    let v = m[2];
    if (
      (v.startsWith('"') && v.endsWith('"') && v.length >= 2) ||
      (v.startsWith("'") && v.endsWith("'") && v.length >= 2)
    )
      v = v.slice(1, -1);
    else v = v.replace(/\s+#.*$/, '');
    out[m[1]] = v;
  }
  return out;
}

function readDotEnv(file: string): Record<string, string> {
  try {
    const st = statSync(file);
    if (!st.isFile() || st.size > 1024 * 1024) return {};
    return parseDotEnv(readFileSync(file, 'utf8'));
  } catch {
    return {};
  }
}

/**
 * The variables OpenClaw would see: the process env first, then `.env` next to
 * the config, then config `env.vars`; an earlier source is never overridden.
 */
export function effectiveEnv(value: unknown, configPath: string, env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {...env};
  const add = (vars: Record<string, unknown>) => {
    for (const [k, v] of Object.entries(vars))
      if (typeof v === 'string' && (out[k] === undefined || out[k] === '')) out[k] = v;
  };
  add(readDotEnv(path.join(path.dirname(path.resolve(configPath)), '.env')));
  const envBlock = isPlainObject(value) ? value.env : undefined;
  if (isPlainObject(envBlock) && isPlainObject(envBlock.vars)) add(envBlock.vars);
  return out;
}

/** $include, then ${VAR}: the value OpenClaw validates. Never throws. */
export function resolveConfigValue(value: unknown, opts: ResolveOptions): ResolvedConfig {
  try {
    const inc = resolveIncludes(value, opts);
    const env = effectiveEnv(inc.value, opts.configPath, opts.env);
    const sub = substituteEnv(inc.value, env);
    const names = [...new Set(sub.missing.map((m) => m.name))];
    const issues: ConfigIssue[] = [...inc.issues];
    for (const m of sub.missing) {
      issues.push({
        severity: 'warning',
        code: 'env-var',
        message: `\${${m.name}} is not set (or empty), so OpenClaw keeps the text as written`,
        path: m.path,
      });
    }
    return {value: sub.value, issues, includedFiles: inc.includedFiles, missingVars: names};
  } catch (err) {
    return {
      value,
      issues: [
        {
          severity: 'error',
          code: 'include',
          message: `could not resolve $include/\${VAR}: ${err instanceof Error ? err.message : String(err)}`,
        },
      ],
      includedFiles: [],
      missingVars: [],
    };
  }
}
