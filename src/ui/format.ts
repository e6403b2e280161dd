/** Pure text helpers for the screens (no React, no I/O). */
import type {CheckStatus} from '../doctor/types.js';
import type {Accelerator, HardwareProfile} from '../core/types/hardware.js';
import type {Tone} from './theme.js';
import {GB_PER_GIB} from '../core/hardware/devices.js';
import {formatGB} from '../core/text/index.js';
import {baseUrlForApi, validateBaseUrl} from '../core/base-url.js';

/** Server names, numbers and sizes as the reports write them, so screens and reports agree. */
export {kindLabel, fmt as formatTokens, formatGB} from '../core/text/index.js';

/**
 * Memory as it is sold: a "512 GB" Mac or a "24 GB" card has 512 or 24 GiB,
 * which the engines carry as 549.8 or 25.8 GB (10^9 bytes). When a size is
 * within 1% of an even whole number of GiB, that number is what the owner
 * knows it by; undefined otherwise (then show the 10^9-byte figure).
 */
export function soldGB(gb: number): number | undefined {
  if (!Number.isFinite(gb) || gb < 1) return undefined;
  // Already a round decimal figure (a profile written in GB): keep it.
  if (Math.abs(gb - Math.round(gb)) < 0.05) return undefined;
  const gib = gb / GB_PER_GIB;
  const whole = Math.round(gib);
  // Sold sizes are even (8, 24, 36, 64, 80, 512); an odd whole is a measured total (Linux MemTotal), not a label.
  return whole >= 2 && whole % 2 === 0 && Math.abs(gib - whole) <= whole * 0.01 ? whole : undefined;
}

/** "512 GB" for a size as sold (see soldGB), else formatGB. */
export function formatSoldGB(gb: number): string {
  const sold = soldGB(gb);
  return sold !== undefined ? `${sold} GB` : formatGB(gb);
}

/** Where a number came from, in words: "as given", "estimated", "from nvidia-smi". */
export function sourceLabel(source: string): string {
  if (source === 'user') return 'as given';
  if (source === 'estimated') return 'estimated';
  if (source === 'unknown') return 'source unknown';
  return `from ${source}`;
}

/** /home/ann/.openclaw/openclaw.json → ~/.openclaw/openclaw.json */
export function tildePath(path: string, home: string | undefined): string {
  if (home && home !== '/' && (path === home || path.startsWith(home.endsWith('/') ? home : `${home}/`))) {
    return `~${path.slice(home.replace(/\/$/, '').length)}`;
  }
  return path;
}

/** Keep the end of a long path (the file name matters most): "…/b/openclaw.json". */
export function shortenLeft(text: string, max: number): string {
  if (max <= 1 || text.length <= max) return text;
  const kept = text.slice(text.length - max + 1);
  // Cut at a folder boundary when one is in reach: "…/openclaw.json", not "…enclaw/openclaw.json".
  const slash = kept.indexOf('/');
  return `…${slash >= 0 && slash < kept.length - 1 ? kept.slice(slash) : kept}`;
}

export function statusTone(status: CheckStatus): Tone {
  switch (status) {
    case 'pass':
      return 'ok';
    case 'warn':
      return 'warn';
    case 'fail':
    case 'crashed':
      return 'fail';
    default:
      return 'pending';
  }
}

/** A positive whole number typed by the user ("32768", "32,768", "32_768", "32k"). */
export function parseTokenCount(text: string): {value: number} | {error: string} {
  const t = text.trim().toLowerCase();
  if (t === '') return {error: 'enter a number of tokens'};
  const m = /^(\d[\d,_]*)(k)?$/.exec(t);
  if (!m) return {error: `not a whole number: ${JSON.stringify(text.trim())}`};
  const n = Number(m[1].replace(/[,_]/g, '')) * (m[2] ? 1024 : 1);
  if (!Number.isSafeInteger(n) || n <= 0) return {error: 'must be more than 0'};
  return {value: n};
}

/** A base URL the user typed: the one rule `setup --base-url` applies (core/base-url). */
export const checkBaseUrl = (text: string) => validateBaseUrl(text);
export {baseUrlForApi};

/** ":1234" style port label of a URL, or the host when it has no port. */
export function portLabel(baseUrl: string): string {
  try {
    const u = new URL(baseUrl);
    return u.port ? `:${u.port}` : u.host;
  } catch {
    return baseUrl;
  }
}

/** The accelerator whose memory is the system RAM (Apple Silicon, GB10, Strix Halo), if that is what this machine has. */
export function unifiedAccelerator(p: HardwareProfile): Accelerator | undefined {
  const acc = p.accelerators.filter((a) => a.kind !== 'other' || a.memoryGB);
  return acc.length === 1 && acc[0].unified && acc[0].count === 1 ? acc[0] : undefined;
}

type ParseError = {message: string; line: number; column: number; hint?: string};

/** "line 4, column 3: invalid character 'a'; a comma is missing…": the position once, then the hint. */
export function parseErrorText(e: ParseError): string {
  const what = e.message.replace(/ at \d+:\d+$/, '');
  return `line ${e.line}, column ${e.column}: ${what}${e.hint ? `; ${e.hint}` : ''}`;
}

/** An existing file with nothing in it is a new config, not a syntax error (as `setup` treats it). */
export function isEmptyConfig(loaded: {exists: boolean; text: string; parseError?: unknown}): boolean {
  return loaded.exists && loaded.parseError !== undefined && loaded.text.trim() === '';
}

/**
 * The line a parse error points at, with a caret under the column: `4 │ …`
 * and `  │   ^`. Long lines are cut around the column to fit `width`.
 */
export function errorExcerpt(text: string, line: number, column: number, width: number): string[] {
  const src = text.split(/\r?\n/)[line - 1];
  if (src === undefined) return [];
  const gutter = `${line} │ `;
  const room = Math.max(10, width - gutter.length);
  const flatSrc = src.replace(/\t/g, ' ');
  let start = 0;
  if (flatSrc.length > room) start = Math.max(0, Math.min(column - 1 - Math.floor(room / 2), flatSrc.length - room));
  let shown = flatSrc.slice(start, start + room);
  if (start > 0) shown = `…${shown.slice(1)}`;
  if (start + room < flatSrc.length) shown = `${shown.slice(0, -1)}…`;
  const caret = Math.max(0, column - 1 - start);
  return [`${gutter}${shown}`, `${' '.repeat(gutter.length - 2)}│ ${' '.repeat(caret)}^`];
}

/**
 * Why the config cannot be written, known before anyone answers a question:
 * the env var that marks it read-only, or a file nobody may write (the
 * config engine refuses those, even for root).
 */
export function notWritableReason(
  loaded: {exists: boolean; path: string; stat?: {mode: number}},
  location: {readOnly?: boolean; readOnlyReason?: string} | undefined,
  home?: string,
): string | undefined {
  if (location?.readOnly) return location.readOnlyReason ?? 'the config is marked read-only';
  if (loaded.exists && loaded.stat && (loaded.stat.mode & 0o222) === 0) {
    const mode = (loaded.stat.mode & 0o777).toString(8).padStart(4, '0');
    return `the file is read-only (mode ${mode}); to let this tool edit it: chmod u+w ${tildePath(loaded.path, home)}`;
  }
  return undefined;
}

/**
 * A shell command as lines that fit `width`, so the terminal never wraps it
 * mid-word (a hard-wrapped command pastes broken). Too long: one line per
 * step, split after "&&" (the shell reads on past a line ending in &&) or at
 * ";" (the same as a new line). A step still too long stays whole.
 */
export function commandLines(command: string, width: number): string[] {
  if (command.length <= width) return [command];
  const lines: string[] = [];
  for (const part of command.split(/\s*;\s*/)) {
    const steps = part.split(/\s+&&\s+/);
    steps.forEach((step, i) => lines.push(i < steps.length - 1 ? `${step} &&` : step));
  }
  return lines.filter((l) => l.trim() !== '');
}
