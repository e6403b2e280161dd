/**
 * Doctor runner: runDoctor streams results as checks finish so the UI can
 * show them live.
 */
import type {Check, DoctorContext, DoctorReport} from './types.js';
import {builtinChecks} from './checks/index.js';
import {runChecks, type RunDoctorOptions} from './runner.js';
export * from './types.js';
export type {RunDoctorOptions} from './runner.js';
export {selectChecks, unknownIds, isFinding, reportOk, matchesId} from './runner.js';
export {createDoctorContext, type CreateDoctorContextInput} from './context.js';
export {
  renderDoctorText,
  renderSummary,
  renderFixes,
  renderSkipped,
  changeInWords,
  STATUS_SYMBOL,
  type RenderOptions,
} from './render.js';
export {collectConfigFixGroups, commandFixes} from './fixes.js';
export {defineCheck, type Finding} from './define.js';

export function allChecks(): Check[] {
  return builtinChecks();
}

export async function runDoctor(ctx: DoctorContext, opts: RunDoctorOptions = {}): Promise<DoctorReport> {
  return runChecks(ctx, {...opts, allChecks: allChecks()});
}
