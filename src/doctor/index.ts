/**
 * Doctor runner. CONTRACT: runDoctor streams results as checks finish so the
 * UI can show them live.
 */
import type {Check, CheckResult, DoctorContext, DoctorReport} from './types.js';
export * from './types.js';

const todo = (name: string): never => {
  throw new Error(`${name} is not implemented yet`);
};

export interface RunDoctorOptions {
  /** Called as each check starts / finishes (for live UI). */
  onStart?: (check: Check) => void;
  onResult?: (check: Check, results: CheckResult[]) => void;
  checks?: Check[];
}

export function allChecks(): Check[] {
  return todo('allChecks');
}

export async function runDoctor(_ctx: DoctorContext, _opts: RunDoctorOptions = {}): Promise<DoctorReport> {
  return todo('runDoctor');
}
