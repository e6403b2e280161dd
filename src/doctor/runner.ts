/** Runs checks in parallel; a check that throws or hangs is reported `crashed`, never kills the run. */
import type {Severity} from '../core/types/config.js';
import type {DefinedCheck} from './define.js';
import {severityFor} from './define.js';
import {pinIncludedFixes} from './fixes.js';
import type {Check, CheckResult, DoctorContext, DoctorOptions, DoctorReport} from './types.js';

export interface RunDoctorOptions {
  /** Called as each check starts / finishes (for live UI). */
  onStart?: (check: Check) => void;
  onResult?: (check: Check, results: CheckResult[]) => void;
  checks?: Check[];
}

const RANK: Record<Severity, number> = {info: 0, warning: 1, error: 2};

/** "config." matches every config check; a plain id matches itself. */
export function matchesId(id: string, pattern: string): boolean {
  if (pattern === id) return true;
  if (pattern.endsWith('.') || pattern.endsWith('*')) return id.startsWith(pattern.replace(/\*$/, ''));
  return id.startsWith(`${pattern}.`);
}

export function selectChecks<T extends Check>(checks: T[], options: Pick<DoctorOptions, 'only' | 'skip'>): T[] {
  return checks.filter(
    (c) =>
      (options.only.length === 0 || options.only.some((p) => matchesId(c.id, p))) &&
      !options.skip.some((p) => matchesId(c.id, p)),
  );
}

/** Ids in --only/--skip that match no check (a typo the user should hear about). */
export function unknownIds(checks: Check[], patterns: string[]): string[] {
  return patterns.filter((p) => !checks.some((c) => matchesId(c.id, p)));
}

/** True when a result counts against the exit code at this threshold. */
export function isFinding(r: CheckResult, min: Severity = 'error'): boolean {
  return (r.status === 'warn' || r.status === 'fail' || r.status === 'crashed') && RANK[r.severity] >= RANK[min];
}

export function reportOk(results: CheckResult[], min: Severity = 'error'): boolean {
  return !results.some((r) => isFinding(r, min));
}

function budgetFor(check: Check, options: DoctorOptions): number {
  const b = (check as DefinedCheck).budgetMs;
  return b ? b(options) : Math.max(10_000, options.timeoutMs * 4 + 5000);
}

async function runOne(check: Check, ctx: DoctorContext): Promise<CheckResult[]> {
  const started = Date.now();
  const budget = budgetFor(check, ctx.options);
  let timer: NodeJS.Timeout | undefined;
  const crashed = (message: string): CheckResult[] => [
    {
      id: check.id,
      title: check.title,
      status: 'crashed',
      severity: severityFor('crashed'),
      message,
      durationMs: Date.now() - started,
    },
  ];
  try {
    const results = await Promise.race([
      Promise.resolve().then(() => check.detect(ctx)),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new CheckTimeout(budget)), budget);
        timer.unref?.();
      }),
    ]);
    const ms = Date.now() - started;
    if (!Array.isArray(results)) return crashed('check returned no result list (a bug in this tool)');
    if (results.length === 0) {
      return [
        {
          id: check.id,
          title: check.title,
          status: 'skip',
          severity: 'info',
          message: 'not applicable to this setup',
          durationMs: ms,
        },
      ];
    }
    return results.map((r) => ({
      ...r,
      id: r.id ?? check.id,
      title: r.title ?? check.title,
      severity: r.severity ?? severityFor(r.status),
      durationMs: r.durationMs ?? ms,
    }));
  } catch (err) {
    if (err instanceof CheckTimeout) return crashed(`check did not finish within ${err.ms} ms`);
    const msg = err instanceof Error ? err.message : String(err);
    return crashed(
      `check crashed: ${msg.split('\n')[0].slice(0, 300)} (a bug in this tool; other checks are unaffected)`,
    );
  } finally {
    if (timer) clearTimeout(timer);
  }
}

class CheckTimeout extends Error {
  constructor(readonly ms: number) {
    super(`timed out after ${ms} ms`);
  }
}

export async function runChecks(
  ctx: DoctorContext,
  opts: RunDoctorOptions & {allChecks: Check[]},
): Promise<DoctorReport> {
  const started = Date.now();
  const checks = selectChecks(opts.checks ?? opts.allChecks, ctx.options);
  const perCheck = await Promise.all(
    checks.map(async (c) => {
      opts.onStart?.(c);
      const results = await runOne(c, ctx);
      try {
        opts.onResult?.(c, results);
      } catch {
        // a UI callback failing must not lose the report
      }
      return results;
    }),
  );
  const results = pinIncludedFixes(perCheck.flat(), ctx.loaded.value);
  return {
    schemaVersion: 1,
    ok: reportOk(results, ctx.options.severityMin ?? 'error'),
    configPath: ctx.location.path,
    checks: results,
    durationMs: Date.now() - started,
  };
}
