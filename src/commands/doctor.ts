/**
 * `doctor`: the troubleshooting checklist. Text or --json report; --fix applies
 * the config fixes until the re-check of the new text finds nothing new
 * (app/fix), shows one diff, asks (or --yes; --dry-run stops there), writes
 * once through app/change with one backup, runs the checks again and prints
 * before → after.
 */
import type {CommandContext} from '../cli/context.js';
import {CliError, UsageError} from '../cli/errors.js';
import {askYesNo} from '../cli/prompt.js';
import {choiceFlag, intFlag, listFlag} from '../cli/flags.js';
import {hardwareFileDetector, liveDetector, type HardwareDetector} from '../hardware/index.js';
import {snapshotOf} from '../app/snapshot.js';
import {commitChange, proposeText} from '../app/change.js';
import {doctorFor, planFixes} from '../app/fix.js';
import {ConfigWriteError, hardLinkNote, WRITE_ERROR_EXIT} from '../config/index.js';
import {maskUrlSecrets} from '../core/mask-diff.js';
import {closestIds} from '../core/findings/closest.js';
import {checkRef} from '../core/stacks/answers.js';
import {textWidth} from '../core/text/index.js';
import {
  allChecks,
  collectConfigFixGroups,
  renderDoctorText,
  renderSummary,
  STATUS_SYMBOL,
  changeInWords,
  selectChecks,
  unknownIds,
  type CheckResult,
  type CreateDoctorContextInput,
  type DoctorOptions,
  type DoctorReport,
} from '../doctor/index.js';
import {printable, printableJson, printableLines} from '../core/sanitize.js';

export interface DoctorCommandDeps {
  /** Extra injections for createDoctorContext (tests, the UI). */
  context?: Partial<Omit<CreateDoctorContextInput, 'location' | 'loaded' | 'env' | 'options'>>;
}

export function doctorOptionsFromFlags(values: CommandContext['values']): DoctorOptions {
  return {
    probe: Boolean(values.probe),
    includeHosted: Boolean(values['include-hosted']),
    timeoutMs: intFlag(values, 'timeout-ms', {min: 100, max: 120_000}) ?? 3000,
    timeoutExplicit: values['timeout-ms'] !== undefined,
    nodes: intFlag(values, 'nodes', {min: 1, max: 64}),
    only: listFlag(values, 'only'),
    skip: listFlag(values, 'skip'),
    severityMin: choiceFlag(values, 'severity-min', ['info', 'warning', 'error'] as const) ?? 'error',
    addFallback: addFallbackFlag(values['add-fallback']),
  };
}

/** --add-fallback REF: provider/model, no spaces, never something that looks like an API key. */
function addFallbackFlag(raw: unknown): string | undefined {
  if (raw === undefined) return undefined;
  try {
    return checkRef(raw, 'fallbacks', '--add-fallback');
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
}

function fileDetector(env: NodeJS.ProcessEnv): HardwareDetector | undefined {
  try {
    return hardwareFileDetector(env);
  } catch (e) {
    throw new CliError(e instanceof Error ? e.message : String(e));
  }
}

function toJson(report: DoctorReport, extra: Record<string, unknown> = {}): string {
  const checks = report.checks.map((c) => {
    const o: Record<string, unknown> = {
      id: c.id,
      status: c.status,
      severity: c.severity,
      title: c.title,
      message: c.message,
    };
    for (const k of ['provider', 'model', 'path', 'evidence', 'fix', 'alternatives', 'durationMs'] as const)
      if (c[k] !== undefined) o[k] = c[k];
    return o;
  });
  // A baseUrl with user:password@ or ?api_key= shows up in many messages: one mask over the whole report.
  return `${maskUrlSecrets(printableJson({schemaVersion: 1, ok: report.ok, configPath: report.configPath, checks, durationMs: report.durationMs, ...extra}))}\n`;
}

const resultKey = (r: CheckResult): string => `${r.id}|${r.provider ?? ''}|${r.model ?? ''}|${r.path ?? ''}`;

/** Lines "id [subject]: ✖ → ✔" for every result whose status changed. */
export function beforeAfter(before: DoctorReport, after: DoctorReport): string[] {
  const afterByKey = new Map<string, CheckResult[]>();
  for (const r of after.checks) afterByKey.set(resultKey(r), [...(afterByKey.get(resultKey(r)) ?? []), r]);
  const lines: string[] = [];
  const seen = new Set<string>();
  for (const r of before.checks) {
    if (r.status !== 'warn' && r.status !== 'fail') continue;
    const k = resultKey(r);
    if (seen.has(k)) continue;
    seen.add(k);
    // No result with the same key: judge by the check's other results for this provider (none left means it passes).
    const now = afterByKey.get(k) ?? after.checks.filter((a) => a.id === r.id && a.provider === r.provider);
    const st = now.length ? worst(now) : 'pass';
    if (st === r.status) continue;
    const subj = r.provider ? ` [${r.provider}${r.model ? `/${r.model}` : ''}]` : '';
    lines.push(
      `  ${r.id}${subj}: ${STATUS_SYMBOL[r.status]} ${r.status} → ${STATUS_SYMBOL[st]} ${st}: ${changeInWords({before: r.status, after: st})}`,
    );
  }
  return lines;
}

function worst(rs: CheckResult[]): CheckResult['status'] {
  const order: CheckResult['status'][] = ['crashed', 'fail', 'warn', 'pass', 'skip'];
  return order.find((s) => rs.some((r) => r.status === s)) ?? 'pass';
}

export async function runDoctorCommand(ctx: CommandContext, deps: DoctorCommandDeps = {}): Promise<number> {
  const {io} = ctx;
  const json = ctx.global.json;
  const options = doctorOptionsFromFlags(ctx.values);
  const fix = Boolean(ctx.values.fix);
  const yes = Boolean(ctx.values.yes);
  const dryRun = Boolean(ctx.values['dry-run']);
  if (yes && !fix) throw new UsageError('--yes only applies with --fix', 'doctor');
  if (dryRun && !fix) throw new UsageError('--dry-run only applies with --fix', 'doctor');
  if (dryRun && yes) throw new UsageError('--dry-run and --yes do not go together', 'doctor');
  const rehearseFlag = Boolean(ctx.values.rehearse);
  if (rehearseFlag && fix)
    throw new UsageError('--rehearse and --fix run separately: fix first, then rehearse', 'doctor');
  const checks = allChecks();
  const unknown = unknownIds(checks, [...options.only, ...options.skip]);
  if (unknown.length) {
    const ids = checks.map((c) => c.id);
    const near = closestIds(unknown[0], ids, 1).ids[0];
    throw new UsageError(
      `unknown check id${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `"${u}"`).join(', ')}${near ? `; did you mean "${near}"?` : ''} (ids: ${ids.join(', ')}; a prefix like "config." selects a group)`,
      'doctor',
    );
  }
  if (selectChecks(checks, options).length === 0) {
    const what = options.only.length
      ? `--only ${options.only.join(',')} with --skip ${options.skip.join(',')}`
      : `--skip ${options.skip.join(',')}`;
    throw new UsageError(`${what} leaves no check left to run`, 'doctor');
  }
  const detector = deps.context?.detector ?? fileDetector(io.env);
  const doctorOf = async () => {
    const snapshot = await snapshotOf(ctx, detector ? {detector} : {});
    return {snapshot, doctor: doctorFor(snapshot, {now: io.now, ...deps.context, detector, options})};
  };
  const {snapshot, doctor} = await doctorOf();
  const {location, loaded} = snapshot;
  const before = await doctor.run();
  const color = ctx.global.color && Boolean(io.stdout.isTTY);
  const width = textWidth(io.stdout);

  if (!fix) {
    // Loaded only when asked: a plain doctor run does not pay for the rehearsal's modules.
    const rehearsal = rehearseFlag
      ? await (await import('./doctor-rehearse.js')).runRehearsalStep(
          ctx,
          snapshot.view,
          snapshot.value ?? loaded.value,
          detector ?? liveDetector(io.env),
        )
      : undefined;
    if (json) io.stdout.write(toJson(before, rehearsal ? {rehearsal: rehearsal.json} : {}));
    else io.stdout.write(maskUrlSecrets(renderDoctorText(before, {color, width}) + (rehearsal?.text ?? '')));
    return before.ok && !rehearsal?.problems ? 0 : 1;
  }

  // --fix
  const say = (s: string) => (json ? io.stderr : io.stdout).write(maskUrlSecrets(s));
  if (!json) say(renderDoctorText(before, {color, width, fixing: true}));
  const groups = collectConfigFixGroups(before.checks);
  if (groups.length === 0 || !loaded.exists) {
    say(`\n${loaded.exists ? 'No config fixes to apply.' : 'No config file to fix.'}\n`);
    if (json) io.stdout.write(toJson(before, {fix: {applied: false, reason: 'nothing to fix'}}));
    return before.ok ? 0 : 1;
  }
  // Every fix, then the fixes the re-check of the new text asks for, until none is left: one write, one backup.
  const {newText, applied, skipped} = await planFixes(loaded, before.checks, doctor.recheck);
  for (const s of skipped) io.stderr.write(`warning: cannot apply the fix for ${s.result.id}: ${s.error}\n`);
  if (applied.length === 0 || newText === loaded.text) {
    say('\nNo config change results from the fixes.\n');
    if (json) io.stdout.write(toJson(before, {fix: {applied: false, reason: 'no change'}}));
    return before.ok ? 0 : 1;
  }
  const proposal = await proposeText(loaded, newText, {env: io.env, now: io.now()});
  const diff = proposal.diff;
  say(
    `\nConfig fixes (${applied.length}):\n${applied.map(({result: r}) => `  - ${r.id}: ${printable(r.fix!.description)}`).join('\n')}\n\n${printableLines(diff)}${diff.endsWith('\n') ? '' : '\n'}`,
  );
  if (dryRun) {
    say('Dry run: nothing written.\n');
    if (json) io.stdout.write(toJson(before, {fix: {applied: false, reason: 'dry run', diff}}));
    return before.ok ? 0 : 1;
  }
  if (!yes) {
    const interactive = Boolean(io.stdin.isTTY) && Boolean(io.stdout.isTTY) && !json;
    if (!interactive) {
      io.stderr.write('Not on a terminal: nothing written. Re-run with --fix --yes to apply these changes.\n');
      if (json) io.stdout.write(toJson(before, {fix: {applied: false, reason: 'needs --yes', diff}}));
      return 1;
    }
    if (!(await askYesNo(io, `Apply these changes to ${location.path}? [y/N] `, io.stdout))) {
      say('Nothing written.\n');
      return before.ok ? 0 : 1;
    }
  }
  let written;
  try {
    written = await commitChange(proposal, {env: io.env});
  } catch (e) {
    if (e instanceof ConfigWriteError) {
      for (const i of e.issues) io.stderr.write(`${i.path ? `${i.path}: ` : ''}${i.message}\n`);
      throw new CliError(`not written: ${e.message}`, WRITE_ERROR_EXIT[e.code]);
    }
    throw e;
  }
  if (written.hardLinksBroken) io.stderr.write(`note: ${hardLinkNote(written.hardLinksBroken)}\n`);
  say(`\nWrote ${written.path}${written.backupPath ? ` (backup: ${written.backupPath})` : ''}\n`);
  const after = await (await doctorOf()).doctor.run();
  const changes = beforeAfter(before, after);
  say(`\nBefore → after:\n${changes.join('\n') || '  (no status changed)'}\n${renderSummary(after)}\n`);
  // A fix can uncover the next problem (or the servers changed meanwhile): say so rather than imply all is done.
  const more = collectConfigFixGroups(after.checks).length;
  if (more)
    say(
      `The re-check found ${more} more config ${more === 1 ? 'fix' : 'fixes'}: run doctor --fix again to review ${more === 1 ? 'it' : 'them'}.\n`,
    );
  if (json) {
    io.stdout.write(
      toJson(after, {
        fix: {
          applied: true,
          path: written.path,
          backupPath: written.backupPath ?? null,
          fixed: applied.map(({result: r}) => r.id),
          diff,
        },
      }),
    );
  }
  return after.ok ? 0 : 1;
}

export async function run(ctx: CommandContext): Promise<number> {
  return runDoctorCommand(ctx);
}
