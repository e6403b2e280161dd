/** Gathering fixes from results: config ops for --fix, commands to print. */
import type {PatchOp} from '../core/types/config.js';
import type {CheckResult, Fix} from './types.js';

const key = (op: PatchOp): string => JSON.stringify(op.path);

/**
 * Config fixes of every warn/fail result, in report order, each with the ops
 * still needed. Identical ops are kept once; a fix that would set a path an
 * earlier fix already sets differently is dropped whole (first finding wins),
 * so the combined patch is never self-contradictory.
 */
export function collectConfigFixGroups(results: CheckResult[]): {result: CheckResult; ops: PatchOp[]}[] {
  const out: {result: CheckResult; ops: PatchOp[]}[] = [];
  const seen = new Set<string>();
  const setPaths = new Set<string>();
  for (const r of results) {
    if (r.status !== 'warn' && r.status !== 'fail') continue;
    const fix = r.fix;
    if (fix?.kind !== 'config' || !fix.patch?.length) continue;
    const ops = fix.patch;
    if (ops.some((op) => op.op !== 'append-unique' && setPaths.has(key(op)) && !seen.has(JSON.stringify(op)))) continue;
    const fresh: PatchOp[] = [];
    for (const op of ops) {
      const id = JSON.stringify(op);
      if (seen.has(id)) continue;
      seen.add(id);
      if (op.op !== 'append-unique') setPaths.add(key(op));
      fresh.push(op);
    }
    if (fresh.length) out.push({result: r, ops: fresh});
  }
  return out;
}

/** Server-side commands to print, deduplicated, with what they fix. */
export function commandFixes(results: CheckResult[]): {checkId: string; provider?: string; fix: Fix}[] {
  const out: {checkId: string; provider?: string; fix: Fix}[] = [];
  const seen = new Set<string>();
  for (const r of results) {
    if (r.status !== 'warn' && r.status !== 'fail') continue;
    for (const f of [r.fix, ...(r.alternatives ?? [])]) {
      if (f?.kind !== 'command' || !f.command || seen.has(f.command)) continue;
      seen.add(f.command);
      out.push({checkId: r.id, provider: r.provider, fix: f});
    }
  }
  return out;
}

/**
 * Where a patch path leaves the main file: the $include value met on the way
 * (the setting lives in that file), or undefined when the main file holds it.
 */
export function includedAt(root: unknown, path: (string | number)[]): string | undefined {
  let cur: unknown = root;
  for (const key of path) {
    if (typeof cur !== 'object' || cur === null) return undefined;
    const o = cur as Record<string | number, unknown>;
    if (!(key in o) && '$include' in o) {
      const inc = o.$include;
      return Array.isArray(inc) ? inc.map(String).join(', ') : String(inc);
    }
    cur = o[key];
  }
  return undefined;
}

/**
 * --fix edits only the main file: a config fix whose setting lives in an
 * $include'd file becomes a fix to make by hand, naming that file.
 */
export function pinIncludedFixes(results: CheckResult[], root: unknown): CheckResult[] {
  return results.map((r) => {
    const f = r.fix;
    if (f?.kind !== 'config' || !f.patch?.length) return r;
    const file = f.patch.map((op) => includedAt(root, op.path)).find((x) => x !== undefined);
    if (!file) return r;
    const {patch: _patch, ...rest} = f;
    return {...r, fix: {...rest, description: `${f.description}, in ${file} (--fix edits only the main file)`}};
  });
}
