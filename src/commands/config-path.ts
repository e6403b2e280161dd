/**
 * `config path [--json]`: which openclaw.json OpenClaw would use, and why.
 * Always exits 0: a missing file is an answer (where it would be created).
 */
import type {CommandContext} from '../cli/context.js';
import {CliError} from '../cli/errors.js';
import {locateConfig, type ConfigLocation} from '../config/index.js';
import {printableJson} from '../core/sanitize.js';

export type LocationWithNotes = ConfigLocation & {notes?: string[]};

function locateFromContext(ctx: CommandContext): LocationWithNotes {
  try {
    return locateConfig({
      env: ctx.io.env,
      configPath: ctx.global.configPath,
      profile: ctx.global.profile,
      cwd: ctx.io.cwd,
    });
  } catch (err) {
    throw new CliError(`cannot work out the config path: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** The stable JSON shape of `config path --json` (documented in the README). */
export function locationJson(loc: LocationWithNotes): Record<string, unknown> {
  return {
    path: loc.path,
    exists: loc.exists,
    source: loc.source,
    reason: loc.reason,
    stateDir: loc.stateDir,
    home: loc.home,
    readOnly: loc.readOnly,
    ...(loc.readOnlyReason ? {readOnlyReason: loc.readOnlyReason} : {}),
    candidates: loc.candidates,
    legacyFound: loc.legacyFound,
    notes: loc.notes ?? [],
  };
}

export function locationText(loc: LocationWithNotes): string {
  const lines: string[] = [];
  lines.push(`Config:    ${loc.path}`);
  lines.push(`Status:    ${loc.exists ? 'exists' : 'does not exist yet'}`);
  lines.push(`Why:       ${loc.reason}`);
  lines.push(`State dir: ${loc.stateDir}`);
  lines.push(`Read-only: ${loc.readOnly ? `yes. ${loc.readOnlyReason ?? ''}`.trim() : 'no'}`);
  if (loc.candidates.length > 1) {
    lines.push('', 'Looked at, in order (the first that exists wins):');
    for (const c of loc.candidates) lines.push(`  ${c.exists ? 'found  ' : 'missing'}  ${c.path}`);
  }
  if (loc.legacyFound.length) {
    lines.push('', 'Old install files (current OpenClaw ignores them):');
    for (const p of loc.legacyFound) lines.push(`  ${p}`);
  }
  if (loc.notes?.length) {
    lines.push('', 'Notes:');
    for (const n of loc.notes) lines.push(`  - ${n}`);
  }
  return `${lines.join('\n')}\n`;
}

export async function run(ctx: CommandContext): Promise<number> {
  // Locating is all it does: no file is read, so there is no $include/.env/${VAR} to resolve (the snapshot
  // loader would read and parse the config for nothing); both go through the one locateConfig.
  const loc = locateFromContext(ctx);
  if (ctx.global.json) ctx.io.stdout.write(`${printableJson(locationJson(loc))}\n`);
  else ctx.io.stdout.write(locationText(loc));
  return 0;
}
