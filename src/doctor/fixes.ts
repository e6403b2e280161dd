/** Gathering fixes from results: config ops for --fix, commands to print. */
import type {PatchOp} from '../config/types.js';
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
    if (!fix || fix.kind !== 'config' || !fix.patch?.length) continue;
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

/** All config patch ops to apply for a report (what `doctor --fix` previews). */
export function collectConfigFixes(results: CheckResult[]): PatchOp[] {
  return collectConfigFixGroups(results).flatMap((g) => g.ops);
}

/** Server-side commands to print, deduplicated, with what they fix. */
export function commandFixes(results: CheckResult[]): {checkId: string; provider?: string; fix: Fix}[] {
  const out: {checkId: string; provider?: string; fix: Fix}[] = [];
  const seen = new Set<string>();
  for (const r of results) {
    if (r.status !== 'warn' && r.status !== 'fail') continue;
    for (const f of [r.fix, ...(r.alternatives ?? [])]) {
      if (!f || f.kind !== 'command' || !f.command || seen.has(f.command)) continue;
      seen.add(f.command);
      out.push({checkId: r.id, provider: r.provider, fix: f});
    }
  }
  return out;
}
