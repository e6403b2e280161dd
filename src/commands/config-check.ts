/**
 * `config check [--json]`: parse and validate openclaw.json (syntax, schema,
 * model references, allowlist), plus OpenClaw's own verdict when a binary is
 * available. Exit 0 ok, 1 error-level issues (ours or OpenClaw's), 2 when the
 * file cannot be read at all.
 */
import {cells, plural, TEXT_WIDTH, wrapLine} from '../core/text/index.js';
import {shq} from '../core/findings/format.js';
import type {CommandContext} from '../cli/context.js';
import {CliError, EXIT_ERROR, EXIT_FINDINGS, EXIT_OK} from '../cli/errors.js';
import {checkConfig, listBackups, openclawValidate, type ConfigIssue, type Severity} from '../config/index.js';
import {findOpenclawBin, type OpenClawVerdict} from '../config/openclaw.js';
import {snapshotOf} from '../app/snapshot.js';
import {printableJson, printableLines} from '../core/sanitize.js';
import {maskUrlSecrets} from '../core/mask-diff.js';

/** OpenClaw's check takes ~1.5 s; allow for a busy machine, never hang. */
const OPENCLAW_TIMEOUT_MS = 20_000;

const LABEL: Record<Severity, string> = {error: 'Errors', warning: 'Warnings', info: 'Info'};
const MARK: Record<Severity, string> = {error: 'ERROR', warning: 'WARN ', info: 'INFO '};

/** Wraps at the report width, every line prefixed with `indent`; a long list of allowed values splits at `|` or `,`. */
function wrap(text: string, indent: string): string[] {
  return wrapLine(text, TEXT_WIDTH, {first: indent, indent, breakAfter: /[|,]/});
}

function position(i: ConfigIssue): string {
  return i.line ? `line ${i.line}${i.column ? `, column ${i.column}` : ''}` : '';
}

/** "  ERROR [code] path (line L, column C)", the position on its own line when it does not fit. */
function issueHeader(i: ConfigIssue): string[] {
  const head = `  ${MARK[i.severity]} [${i.code}]${i.path ? ` ${i.path}` : ''}`;
  const pos = position(i);
  if (!pos) return [head];
  if (!i.path) return [`${head} ${pos}`];
  const oneLine = `${head} (${pos})`;
  return cells(oneLine) <= TEXT_WIDTH ? [oneLine] : [head, `        (${pos})`];
}

function counts(issues: ConfigIssue[]): Record<Severity, number> {
  const c = {error: 0, warning: 0, info: 0};
  for (const i of issues) c[i.severity]++;
  return c;
}

export function renderCheckText(
  file: {path: string; exists: boolean; reason: string; readOnlyReason?: string},
  issues: ConfigIssue[],
  verdict: OpenClawVerdict | undefined,
): string {
  const out: string[] = [`Config: ${file.path}`, ...wrap(file.reason, '        ')];
  if (file.readOnlyReason) out.push(...wrap(`Read-only: ${file.readOnlyReason}`, '        '));
  for (const sev of ['error', 'warning', 'info'] as const) {
    const group = issues.filter((i) => i.severity === sev);
    if (!group.length) continue;
    out.push('', `${LABEL[sev]} (${group.length})`);
    for (const i of group) {
      out.push(...issueHeader(i));
      out.push(...wrap(i.message, '        '));
    }
  }
  out.push('');
  if (verdict?.available && verdict.valid !== undefined) {
    const name = `OpenClaw ${verdict.version ?? '(unknown version)'}`;
    if (verdict.valid)
      out.push(
        `${name}: config valid${verdict.warnings?.length ? ` (${plural(verdict.warnings.length, 'warning')})` : ''}`,
      );
    else {
      out.push(`${name}: config INVALID (${plural(verdict.issues.length, 'issue')})`);
      for (const i of verdict.issues) out.push(...wrap(`- ${i.path}: ${i.message}`, '  '));
    }
    for (const w of verdict.warnings ?? []) out.push(...wrap(`~ ${w.path}: ${w.message}`, '  '));
  } else if (verdict?.available) {
    out.push(
      `OpenClaw${verdict.version ? ` ${verdict.version}` : ''}: no verdict (${verdict.error ?? 'unknown reason'})`,
    );
  } else if (verdict) {
    out.push(...wrap(`OpenClaw check skipped: ${verdict.error ?? 'not available'}`, ''));
  } else if (file.exists) {
    out.push('OpenClaw check skipped: openclaw not found (set OPENCLAW_BIN or put it on PATH).');
  }
  const c = counts(issues);
  const failed = c.error > 0 || verdict?.valid === false;
  out.push(
    `Result: ${failed ? 'FAIL' : 'OK'}: ${plural(c.error, 'error')}, ${plural(c.warning, 'warning')}, ${c.info} info`,
  );
  return `${out.join('\n')}\n`;
}

export async function run(ctx: CommandContext): Promise<number> {
  // The one loader every command reads the setup with; checkConfig resolves $include/${VAR} by the same rule.
  const snap = await snapshotOf(ctx).catch((err: unknown) => {
    throw new CliError(`cannot work out the config path: ${err instanceof Error ? err.message : String(err)}`);
  });
  const {location: loc, loaded} = snap;
  const issues = checkConfig(loaded, {env: snap.env});
  const {readError} = loaded;
  if (loaded.parseError && loaded.text.trim() !== '') {
    // A file that stopped parsing after an edit: our own backups are the way back.
    const [newest] = await listBackups(loc.path);
    if (newest) {
      issues.push({
        severity: 'info',
        code: 'backup',
        message: `this tool's backup from before its last write: ${newest}; to go back to it: cp ${shq(newest)} ${shq(loc.path)}`,
      });
    }
  }

  let verdict: OpenClawVerdict | undefined;
  const bin = findOpenclawBin(ctx.io.env);
  if (bin && loaded.exists && !readError) {
    if (!ctx.global.json && ctx.io.stderr.isTTY) ctx.io.stderr.write('Asking OpenClaw (config validate)...\n');
    verdict = await openclawValidate(loaded.path, {env: ctx.io.env, bin, timeoutMs: OPENCLAW_TIMEOUT_MS});
  }

  const c = counts(issues);
  const ok = c.error === 0 && verdict?.valid !== false;
  const code = readError ? EXIT_ERROR : ok ? EXIT_OK : EXIT_FINDINGS;
  if (ctx.global.json) {
    const json = {
      schemaVersion: 1,
      ok,
      path: loc.path,
      exists: loaded.exists,
      source: loc.source,
      readOnly: loc.readOnly,
      counts: c,
      issues: issues.map(({severity, code: issueCode, message, path, line, column}) => ({
        severity,
        code: issueCode,
        message,
        ...(path !== undefined ? {path} : {}),
        ...(line !== undefined ? {line, column} : {}),
      })),
      openclaw: verdict
        ? {
            available: verdict.available,
            ...(verdict.version ? {version: verdict.version} : {}),
            ...(verdict.valid !== undefined ? {valid: verdict.valid} : {}),
            issues: verdict.issues,
            warnings: verdict.warnings ?? [],
            ...(verdict.error ? {error: verdict.error} : {}),
          }
        : null,
    };
    ctx.io.stdout.write(`${maskUrlSecrets(printableJson(json))}\n`);
  } else {
    const file = {
      path: loc.path,
      exists: loaded.exists,
      reason: loc.reason,
      ...(loc.readOnly && loc.readOnlyReason ? {readOnlyReason: loc.readOnlyReason} : {}),
    };
    ctx.io.stdout.write(maskUrlSecrets(printableLines(renderCheckText(file, issues, verdict))));
  }
  return code;
}
