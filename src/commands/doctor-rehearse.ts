/**
 * The `doctor --rehearse` step of the command: a live progress line on a terminal (stderr), Ctrl+C stops the
 * request and keeps what was measured, the report as text or as the `rehearsal` object of --json.
 */
import type {CommandContext} from '../cli/context.js';
import {intFlag} from '../cli/flags.js';
import {textWidth} from '../core/text/index.js';
import {evaluateHardware} from '../core/hardware.js';
import type {ConfigView} from '../core/config-view.js';
import type {HardwareDetector} from '../hardware/index.js';
import {
  REHEARSAL_BUDGET_MS,
  REHEARSAL_WAIT_MS,
  rehearsalJson,
  rehearsalTarget,
  rehearse,
  type RehearsalReport,
} from '../doctor/rehearse.js';
import {progressLine, renderRehearsal, type RehearsalEstimate} from '../doctor/render-rehearsal.js';

export interface RehearsalStep {
  /** Text to print (empty with --json). */
  text: string;
  json: Record<string, unknown>;
  /** A finding at warn or fail. */
  problems: boolean;
}

async function estimateFor(
  detector: HardwareDetector | undefined,
  env: NodeJS.ProcessEnv,
  model: string,
  context?: number,
): Promise<RehearsalEstimate | undefined> {
  if (!detector) return undefined;
  try {
    const profile = await detector.detect({env, timeoutMs: 10_000});
    const t = evaluateHardware(profile, {model, ...(context ? {context} : {})}).fit?.tokensPerSecond;
    return t ? {low: t.low, high: t.high} : undefined;
  } catch {
    return undefined;
  }
}

export async function runRehearsalStep(
  ctx: CommandContext,
  view: ConfigView | undefined,
  rawConfig: unknown,
  detector: HardwareDetector | undefined,
): Promise<RehearsalStep> {
  const {io} = ctx;
  const target = rehearsalTarget(view, rawConfig);
  if (typeof target === 'string') {
    const json = {skipped: target};
    return {text: ctx.global.json ? '' : `\nRehearsal: skipped: ${target}\n`, json, problems: false};
  }
  const waitMs = intFlag(ctx.values, 'timeout-ms', {min: 100, max: 600_000}) ?? REHEARSAL_WAIT_MS;
  const live = Boolean(io.stderr.isTTY);
  const ac = new AbortController();
  const onSigint = (): void => ac.abort();
  process.once('SIGINT', onSigint);
  let report: RehearsalReport;
  try {
    report = await rehearse(target, {
      waitMs,
      budgetMs: REHEARSAL_BUDGET_MS,
      signal: ac.signal,
      env: io.env,
      nowDate: io.now,
      // One line, never wider than the terminal (a wrapped line cannot be redrawn with \r).
      ...(live
        ? {
            onProgress: (p) =>
              io.stderr.write(`\r\u001b[2K${progressLine(p).slice(0, Math.max(20, (io.stderr.columns ?? 80) - 1))}`),
          }
        : {}),
    });
  } finally {
    process.removeListener('SIGINT', onSigint);
    if (live) io.stderr.write('\r\u001b[2K');
  }
  const estimate = await estimateFor(detector, io.env, target.modelId, target.contextWindow);
  const json = {...rehearsalJson(report), ...(estimate ? {hardwareEstimateTokensPerSecond: estimate} : {})};
  const width = textWidth(io.stdout);
  const text = ctx.global.json ? '' : renderRehearsal(report, {width, ...(estimate ? {estimate} : {})});
  return {text, json, problems: report.findings.some((f) => f.severity === 'warn' || f.severity === 'fail')};
}
