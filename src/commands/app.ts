/**
 * No command: the interactive app on a terminal; the doctor report
 * otherwise. Ink is imported only on the interactive path, so pipes, CI and
 * --json never pay for it (or trip over raw mode).
 */
import type {CommandContext} from '../cli/context.js';
import {VERSION} from '../version.js';

/** Flags that only make sense for the doctor's report: given one, run the report. */
const REPORT_FLAGS = ['fix', 'yes', 'probe', 'only', 'skip', 'severity-min', 'timeout-ms', 'include-hosted', 'nodes'];

export function inCi(env: NodeJS.ProcessEnv): boolean {
  const ci = env.CI;
  if (ci !== undefined) return ci !== '0' && ci !== 'false';
  return Boolean(env.CONTINUOUS_INTEGRATION || env.BUILD_NUMBER || env.GITHUB_ACTIONS);
}

/**
 * A launcher may print the "starting…" line itself before it loads the
 * bundle (that is the cheapest first frame there is); it then sets this so
 * the line is not printed twice.
 */
export const STARTING_SHOWN = Symbol.for('openclaw-local-doctor.starting-shown');

export type Mode = {kind: 'interactive'} | {kind: 'report'; why?: string};

export function chooseMode(ctx: CommandContext): Mode {
  if (ctx.global.json) return {kind: 'report'};
  if (REPORT_FLAGS.some((f) => ctx.values[f] !== undefined)) return {kind: 'report'};
  if (!ctx.io.stdin.isTTY || !ctx.io.stdout.isTTY) return {kind: 'report', why: 'not a terminal'};
  if (inCi(ctx.io.env)) return {kind: 'report', why: 'CI is set'};
  return {kind: 'interactive'};
}

export async function run(ctx: CommandContext): Promise<number> {
  const mode = chooseMode(ctx);
  if (mode.kind === 'report') {
    if (mode.why) {
      ctx.io.stderr.write(
        `openclaw-local-doctor: ${mode.why}, so no interactive app; running \`doctor\`. ` +
          'Also: setup --stack ID --yes, hardware, servers, config check (add --help to any).\n',
      );
    }
    return (await import('./doctor.js')).run(ctx);
  }
  // A cheap first frame while Ink and the engines load; the app draws over it.
  if (!(globalThis as Record<symbol, unknown>)[STARTING_SHOWN])
    ctx.io.stdout.write(`openclaw-local-doctor ${VERSION} · starting…`);
  try {
    const {runApp} = await import('../ui/run.js');
    return await runApp(ctx, {clearLine: true});
  } catch (err) {
    // End the "starting…" line so the error is not glued to it.
    ctx.io.stdout.write('\n');
    throw err;
  }
}
