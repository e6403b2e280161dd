/** Text rendering of a doctor report: symbols, not colour alone; numbers in the details; fixes last. */
import type {CheckResult, CheckStatus, DoctorReport, Fix} from './types.js';
import {collectConfigFixGroups, commandFixes} from './fixes.js';
import {paint, plural, TEXT_WIDTH, wrapLine, type Colour} from '../core/text/index.js';
import {printable} from '../core/sanitize.js';

export interface RenderOptions {
  color: boolean;
  /** Hide passing checks (the UI's compact mode). */
  onlyProblems?: boolean;
  /** Under --fix: the command lists the config fixes itself, with the diff. */
  fixing?: boolean;
  /** Results whose config fix --fix applies (set by renderDoctorText); others say why not. */
  applied?: Set<CheckResult>;
  /** Wrap prose at this many columns (commands to copy are never wrapped); 0 = no wrapping. Default 80. */
  width?: number;
}

const wrapAt = (opts: RenderOptions): number => opts.width ?? TEXT_WIDTH;

export const STATUS_SYMBOL: Record<CheckStatus, string> = {pass: '✔', warn: '⚠', fail: '✖', skip: '○', crashed: '✖'};
const COLOR: Record<CheckStatus, Colour> = {
  pass: 'green',
  warn: 'yellow',
  fail: 'red',
  skip: 'gray',
  crashed: 'magenta',
};

/** Provider and model ids come from the config and the servers: printable() before they reach the terminal. */
function subject(r: CheckResult): string {
  if (r.provider && r.model) return printable(`${r.provider}/${r.model}`);
  return printable(r.provider ?? '');
}

/** "models.providers.x.params.preload: false" for each op: what to change by hand. */
function byHand(f: Fix): string {
  return (f.patch ?? [])
    .map((op) => {
      const path = op.path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
      if (op.op === 'delete') return `delete ${path}`;
      if (op.op === 'append-unique') return `add ${JSON.stringify(op.value)} to ${path}`;
      return `${path}: ${JSON.stringify(op.value)}`;
    })
    .join('; ');
}

function fixLine(f: Fix, lead: string, opts: RenderOptions, main = true, dropped = false): string[] {
  const color = opts.color;
  // --fix applies only the main fix of a result; an alternative is for the user to choose.
  const note =
    f.kind === 'config' && f.patch?.length
      ? !main
        ? `  (by hand: ${byHand(f)})`
        : dropped
          ? '  (not applied by --fix: an earlier fix sets the same value)'
          : '  (doctor --fix applies this)'
      : '';
  const out = wrapLine(`${lead}${printable(f.description)}${note ? paint(color).gray(note) : ''}`, wrapAt(opts), {
    indent: ' '.repeat(lead.length),
  });
  if (f.command) out.push(`        $ ${printable(f.command)}`);
  return out;
}

export function renderResult(r: CheckResult, opts: RenderOptions): string[] {
  const sym = paint(opts.color)[COLOR[r.status]](STATUS_SYMBOL[r.status]);
  const subj = subject(r);
  const label = r.status === 'crashed' ? `${r.id} (crashed)` : r.id;
  const lines = wrapLine(
    `  ${sym} ${paint(opts.color).bold(label)}${subj ? ` [${subj}]` : ''}  ${printable(r.message)}`,
    wrapAt(opts),
    {indent: '      '},
  );
  if (r.status === 'warn' || r.status === 'fail') {
    if (r.fix)
      lines.push(...fixLine(r.fix, '      fix: ', opts, true, opts.applied !== undefined && !opts.applied.has(r)));
    for (const a of r.alternatives ?? []) lines.push(...fixLine(a, '      alt: ', opts, false));
  }
  return lines;
}

export function renderSummary(report: DoctorReport): string {
  const n = (s: CheckStatus) => report.checks.filter((c) => c.status === s).length;
  const parts = [
    `${n('pass')} passed`,
    `${n('warn')} ${n('warn') === 1 ? 'warning' : 'warnings'}`,
    `${n('fail')} failed`,
    `${n('skip')} skipped`,
  ];
  if (n('crashed')) parts.push(`${n('crashed')} crashed`);
  return `${plural(report.checks.length, 'result')}: ${parts.join(', ')} (${(report.durationMs / 1000).toFixed(1)} s)`;
}

/** Skipped checks, one line per reason: "○ 19 checks skipped: no config file (config.parse, …)". */
export function renderSkipped(results: CheckResult[], opts: RenderOptions): string[] {
  const byReason = new Map<string, string[]>();
  for (const r of results) {
    if (r.status !== 'skip') continue;
    const ids = byReason.get(r.message) ?? [];
    if (!ids.includes(r.id)) ids.push(r.id);
    byReason.set(r.message, ids);
  }
  if (!byReason.size) return [];
  const p = paint(opts.color);
  const sym = p[COLOR.skip](STATUS_SYMBOL.skip);
  const lines = ['', p.bold('skipped')];
  for (const [reason, ids] of byReason) {
    const text =
      ids.length === 1
        ? `  ${sym} ${ids[0]}  ${reason}`
        : `  ${sym} ${ids.length} checks: ${reason} ${p.gray(`(${ids.join(', ')})`)}`;
    lines.push(...wrapLine(text, wrapAt(opts), {indent: '      '}));
  }
  return lines;
}

export function renderFixes(report: DoctorReport, opts: RenderOptions): string[] {
  const lines: string[] = [];
  // Exactly the fixes --fix will apply (a fix that conflicts with an earlier one is dropped there too).
  const groups = opts.fixing ? [] : collectConfigFixGroups(report.checks);
  if (groups.length) {
    const descs = groups.map((g) => g.result);
    lines.push(
      '',
      paint(opts.color).bold('Config fixes') + ' (preview and apply: openclaw-local-doctor doctor --fix):',
    );
    for (const r of descs)
      lines.push(
        ...wrapLine(
          `  - ${r.id}${subject(r) ? ` [${subject(r)}]` : ''}: ${printable(r.fix!.description)}`,
          wrapAt(opts),
          {indent: '    '},
        ),
      );
  }
  const cmds = commandFixes(report.checks);
  if (cmds.length) {
    lines.push('', paint(opts.color).bold('Commands to run yourself') + ' (never run by this tool):');
    for (const c of cmds)
      lines.push(
        ...wrapLine(
          `  # ${c.checkId}${c.provider ? ` [${printable(c.provider)}]` : ''}: ${printable(c.fix.description).replace(/^or /, '')}`,
          wrapAt(opts),
          {indent: '  #   '},
        ),
        `  ${printable(c.fix.command ?? '')}`,
      );
  }
  return lines;
}

export function renderDoctorText(report: DoctorReport, opts: RenderOptions = {color: false}): string {
  opts = {...opts, applied: new Set(collectConfigFixGroups(report.checks).map((g) => g.result))};
  const lines: string[] = [`Doctor: ${printable(report.configPath)}`];
  let group = '';
  for (const r of report.checks) {
    // Skipped checks are folded below, one line per reason.
    if (r.status === 'skip' || (opts.onlyProblems && r.status === 'pass')) continue;
    const g = r.id.split('.')[0];
    if (g !== group) {
      group = g;
      lines.push('', paint(opts.color).bold(g));
    }
    lines.push(...renderResult(r, opts));
  }
  if (!opts.onlyProblems) lines.push(...renderSkipped(report.checks, opts));
  lines.push(...renderFixes(report, opts));
  lines.push('', renderSummary(report));
  return `${lines.join('\n')}\n`;
}

/** A before → after change in words (one rule for `doctor --fix` and the app). */
export {changeInWords} from '../core/findings/change-words.js';
