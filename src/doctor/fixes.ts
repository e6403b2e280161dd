/** Gathering fixes from results: config ops for --fix, commands to print. */
import type {PatchOp} from '../config/types.js';
import type {CheckResult, Fix} from './types.js';

const key = (op: PatchOp): string => JSON.stringify(op.path);

/**
 * Config patch ops from the primary fix of every warn/fail result, in report
 * order. Identical ops are kept once; a later op on a path an earlier fix
 * already sets is dropped (first finding wins), so the combined patch is
 * never self-contradictory.
 */
export function collectConfigFixes(results: CheckResult[]): PatchOp[] {
  const out: PatchOp[] = [];
  const seen = new Set<string>();
  const setPaths = new Set<string>();
  for (const r of results) {
    if (r.status !== 'warn' && r.status !== 'fail') continue;
    const fix = r.fix;
    if (!fix || fix.kind !== 'config' || !fix.patch?.length) continue;
    const ops = fix.patch;
    // Whole fix or nothing: a fix half-applied could make things worse.
    if (ops.some((op) => op.op !== 'append-unique' && setPaths.has(key(op)) && !seen.has(JSON.stringify(op)))) continue;
    for (const op of ops) {
      const id = JSON.stringify(op);
      if (seen.has(id)) continue;
      seen.add(id);
      if (op.op !== 'append-unique') setPaths.add(key(op));
      out.push(op);
    }
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
      if (!f || f.kind !== 'command' || !f.command || seen.has(f.command)) continue;
      seen.add(f.command);
      out.push({checkId: r.id, provider: r.provider, fix: f});
    }
  }
  return out;
}
