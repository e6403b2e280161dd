/** A doctor run as it streams in, and what the results add up to. Pure. */
import type {CheckResult, CheckStatus, DoctorReport} from '../../doctor/types.js';

export interface RunningCheck {
  id: string;
  title: string;
}

export interface DoctorRunState {
  /** Bumped by each reset: a new run prints its checks afresh. */
  runId: number;
  phase: 'running' | 'done' | 'failed';
  running: RunningCheck[];
  /** In the order they finished (the order <Static> prints them). */
  results: CheckResult[];
  report?: DoctorReport;
  error?: string;
}

export type DoctorRunAction =
  | {type: 'start'; check: RunningCheck}
  | {type: 'result'; check: RunningCheck; results: CheckResult[]}
  | {type: 'finished'; report: DoctorReport}
  | {type: 'failed'; message: string}
  /** A new run starts from nothing. */
  | {type: 'reset'};

export const initialDoctorRun: DoctorRunState = {runId: 0, phase: 'running', running: [], results: []};

export function doctorRunReducer(state: DoctorRunState, action: DoctorRunAction): DoctorRunState {
  switch (action.type) {
    case 'start':
      if (state.running.some((r) => r.id === action.check.id)) return state;
      return {...state, running: [...state.running, action.check]};
    case 'result': {
      const running = state.running.filter((r) => r.id !== action.check.id);
      // A check with nothing to say still gets a line, so the list shows it ran.
      const results = action.results.length
        ? action.results
        : [
            {
              id: action.check.id,
              status: 'skip' as const,
              severity: 'info' as const,
              title: action.check.title,
              message: 'not applicable',
            },
          ];
      return {...state, running, results: [...state.results, ...results]};
    }
    case 'finished': {
      // Results the stream did not deliver (a runner that only reports at the end) are added here.
      const have = new Set(state.results.map(resultKey));
      const missing = action.report.checks.filter((c) => !have.has(resultKey(c)));
      return {...state, phase: 'done', running: [], report: action.report, results: [...state.results, ...missing]};
    }
    case 'failed':
      return {...state, phase: 'failed', running: [], error: action.message};
    case 'reset':
      return {...initialDoctorRun, runId: state.runId + 1};
  }
}

export function resultKey(r: CheckResult): string {
  return [r.id, r.provider ?? '', r.model ?? '', r.path ?? ''].join('|');
}

/** React keys for a list of results: resultKey, with "#2", "#3" for a check that reports several (logs.recent-errors). */
export function listKeys(results: CheckResult[]): string[] {
  const seen = new Map<string, number>();
  return results.map((r) => {
    const k = resultKey(r);
    const n = (seen.get(k) ?? 0) + 1;
    seen.set(k, n);
    return n === 1 ? k : `${k}#${n}`;
  });
}

export function isProblem(r: CheckResult): boolean {
  return r.status === 'fail' || r.status === 'warn' || r.status === 'crashed';
}

/** Commands the user may run (the fix itself, or alternatives to a config fix). */
export function commandsOf(r: CheckResult): {description: string; command: string}[] {
  const out: {description: string; command: string}[] = [];
  for (const f of [r.fix, ...(r.alternatives ?? [])]) {
    if (f?.kind === 'command' && f.command) out.push({description: f.description, command: f.command});
  }
  return out;
}

export interface DoctorSummary {
  counts: Record<CheckStatus, number>;
  problems: CheckResult[];
  configFixes: CheckResult[];
  commands: CheckResult[];
}

export function summarize(results: CheckResult[]): DoctorSummary {
  const counts: Record<CheckStatus, number> = {pass: 0, warn: 0, fail: 0, skip: 0, crashed: 0};
  for (const r of results) counts[r.status] += 1;
  const problems = results.filter(isProblem);
  return {
    counts,
    problems,
    configFixes: problems.filter((r) => r.fix?.kind === 'config' && (r.fix.patch?.length ?? 0) > 0),
    commands: problems.filter((r) => commandsOf(r).length > 0),
  };
}

/** "3 checks: 1 ✔ 1 ⚠ 1 ✖ · 2 problems · 1 config fix · 2 commands to run" */
export function summaryLine(s: DoctorSummary): string {
  const ran = Object.values(s.counts).reduce((a, b) => a + b, 0);
  const tally = [`${s.counts.pass} ✔`, `${s.counts.warn} ⚠`, `${s.counts.fail + s.counts.crashed} ✖`];
  if (s.counts.skip) tally.push(`${s.counts.skip} ◌`);
  const parts = [`${ran} check${ran === 1 ? '' : 's'}: ${tally.join(' ')}`];
  const n = s.problems.length;
  parts.push(n === 0 ? 'no problems' : `${n} problem${n === 1 ? '' : 's'}`);
  if (s.configFixes.length) parts.push(`${s.configFixes.length} config fix${s.configFixes.length === 1 ? '' : 'es'}`);
  if (s.commands.length) parts.push(`${s.commands.length} command${s.commands.length === 1 ? '' : 's'} to run`);
  return parts.join(' · ');
}

export interface Change {
  key: string;
  title: string;
  before?: CheckStatus;
  after?: CheckStatus;
}

/** Checks whose status changed between two runs (for "before → after"). */
export function compareRuns(before: CheckResult[], after: CheckResult[]): Change[] {
  const a = new Map(after.map((r) => [resultKey(r), r]));
  const b = new Map(before.map((r) => [resultKey(r), r]));
  // A result's key can change with the fix (a warning about a path, then a pass without one):
  // when a check has exactly one unmatched result on each side, they are the same result.
  const unmatched = (from: Map<string, CheckResult>, other: Map<string, CheckResult>) => {
    const byId = new Map<string, string[]>();
    for (const [key, r] of from) if (!other.has(key)) byId.set(r.id, [...(byId.get(r.id) ?? []), key]);
    return byId;
  };
  const goneById = unmatched(b, a);
  const newById = unmatched(a, b);
  const pairedAfter = new Map<string, string>();
  for (const [id, keys] of goneById) {
    const fresh = newById.get(id);
    if (keys.length === 1 && fresh?.length === 1) pairedAfter.set(keys[0], fresh[0]);
  }
  const paired = new Set(pairedAfter.values());
  const out: Change[] = [];
  for (const [key, r] of b) {
    const now = a.get(pairedAfter.get(key) ?? key);
    if (now?.status !== r.status) out.push({key, title: r.title, before: r.status, after: now?.status});
  }
  for (const [key, r] of a) if (!b.has(key) && !paired.has(key)) out.push({key, title: r.title, after: r.status});
  return out;
}

/** Said in words, one rule for the app and `doctor --fix`. */
export {changeInWords} from '../../core/findings/change-words.js';
