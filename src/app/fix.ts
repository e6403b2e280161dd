/**
 * Doctor runs and config fixes for both front-ends. `planFixes` applies every
 * config fix it can, re-checks the new text (not the file: nothing is written
 * yet) and repeats until nothing new is proposed, so one `doctor --fix` makes
 * one write and one backup, and a following run finds nothing left.
 */
import {applyPatch, parseConfigText} from '../config/index.js';
import type {LoadedConfig, OpenClawValidation, PatchOp} from '../core/types/config.js';
import {
  collectConfigFixGroups,
  createDoctorContext,
  runDoctor,
  type CreateDoctorContextInput,
  type RunDoctorOptions,
} from '../doctor/index.js';
import type {CheckResult, DoctorReport} from '../doctor/types.js';
import type {Snapshot} from './snapshot.js';

/** A fixpoint is reached in two or three rounds; the cap only stops a pair of fixes that undo each other. */
const MAX_ROUNDS = 5;

export interface FixPlan {
  newText: string;
  /** Each fix that landed, with the ops it added, in the order applied. */
  applied: {result: CheckResult; ops: PatchOp[]}[];
  /** Fixes the patcher refused (the file's shape), with why. */
  skipped: {result: CheckResult; error: string}[];
  rounds: number;
}

/**
 * Applies the config fixes of `results`; with `recheck`, checks the new text
 * again and applies what that finds, until nothing new comes. A path that an
 * earlier fix set is never set again (first finding wins), so the rounds end.
 */
export async function planFixes(
  loaded: LoadedConfig,
  results: CheckResult[],
  recheck?: (candidate: LoadedConfig) => Promise<CheckResult[]>,
): Promise<FixPlan> {
  let text = loaded.text;
  const applied: FixPlan['applied'] = [];
  const skipped: FixPlan['skipped'] = [];
  const seen = new Set<string>();
  const setPaths = new Set<string>();
  let current = results;
  let rounds = 0;
  while (rounds < MAX_ROUNDS) {
    rounds++;
    const before = text;
    for (const g of collectConfigFixGroups(current)) {
      const ops = g.ops.filter((op) => !seen.has(JSON.stringify(op)));
      if (!ops.length || ops.some((op) => op.op !== 'append-unique' && setPaths.has(JSON.stringify(op.path)))) continue;
      for (const op of ops) seen.add(JSON.stringify(op));
      try {
        text = applyPatch(text, ops);
        applied.push({result: g.result, ops});
        for (const op of ops) if (op.op !== 'append-unique') setPaths.add(JSON.stringify(op.path));
      } catch (e) {
        skipped.push({result: g.result, error: e instanceof Error ? e.message : String(e)});
      }
    }
    if (text === before || !recheck) break;
    current = await recheck(parseConfigText(text, loaded.path));
  }
  return {newText: text, applied, skipped, rounds};
}

export type DoctorInput = Omit<CreateDoctorContextInput, 'location' | 'loaded' | 'view' | 'env'>;

/**
 * The doctor over a snapshot, and a re-checker for planFixes that reuses this
 * run's server answers, hardware and OpenClaw lookups (only the text differs).
 */
export function doctorFor(snapshot: Snapshot, input: DoctorInput) {
  const base = {...input, detector: input.detector ?? {detect: () => snapshot.hardware()}};
  const first = createDoctorContext({
    ...base,
    location: snapshot.location,
    loaded: snapshot.loaded,
    view: snapshot.view,
    env: snapshot.env,
  });
  let validation: Promise<OpenClawValidation> | undefined;
  return {
    run: (opts?: RunDoctorOptions): Promise<DoctorReport> => runDoctor(first, opts),
    openclawVersion: (): Promise<string | null> => first.openclawVersion(),
    /** For planFixes: the checks on a text not yet written. */
    recheck: async (candidate: LoadedConfig): Promise<CheckResult[]> => {
      validation ??= first.openclawValidation?.() ?? Promise.resolve({available: false, issues: []});
      // OpenClaw validates files, not texts: the candidate keeps the file's verdict; the write validates it for real.
      const ctx = createDoctorContext({
        ...base,
        // The same server answers as the first run (no second probe), and no completion: nothing is cold-loaded twice.
        probe: (baseUrl, opts) => first.server(baseUrl, opts),
        options: {...input.options, probe: false},
        location: snapshot.location,
        loaded: candidate,
        env: snapshot.env,
        validate: () => validation!,
        openclawVersion: () => first.openclawVersion(),
        nodeVersion: () => first.nodeVersion?.() ?? Promise.resolve(null),
      });
      return (await runDoctor(ctx)).checks;
    },
  };
}
