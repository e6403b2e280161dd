/** Word wrap and widths in terminal cells (a CJK character or an emoji takes two; colour codes none). */
import cliTruncate from 'cli-truncate';
import stringWidth from 'string-width';
import stripAnsi from 'strip-ansi';
import wrapAnsi from 'wrap-ansi';

export {stripAnsi};

/** Terminal cells a string takes: colour codes take none, wide characters two. */
export function cells(text: string): number {
  return stringWidth(text);
}

/** Cuts a line to `width` cells with an ellipsis at the end (colour codes kept intact). */
export function truncate(text: string, width: number): string {
  return cliTruncate(text, Math.max(1, width));
}

export interface WrapOptions {
  /** Continuation lines start with this (default: nothing). */
  indent?: string;
  /** The first line starts with this instead of the text's own leading spaces. */
  first?: string;
  /** A word too long for a line may be split after these characters (e.g. /[|,]/ in a list of allowed values). */
  breakAfter?: RegExp;
}

/**
 * Word-wraps one line of text to `width` terminal cells. Words are not split
 * (a long URL overflows rather than breaks) unless `breakAfter` says where a
 * long one may be. A width of 0 or less means no wrapping.
 */
export function wrapLine(text: string, width: number, opts: WrapOptions = {}): string[] {
  const indent = opts.indent ?? '';
  const lead = opts.first ?? /^\s*/.exec(text)![0];
  const body = opts.first === undefined ? text.slice(lead.length) : text.replace(/^\s+/, '');
  if (width <= 0 || cells(lead + body) <= width) return [lead + body];
  const wrap = (s: string, room: number) => wrapAnsi(s, Math.max(1, room), {hard: false, trim: true}).split('\n');
  const restRoom = width - cells(indent);
  let lines = wrap(body, width - cells(lead));
  // The first line's room differs from the others' when the indents differ: wrap the rest again at their room.
  if (lines.length > 1 && cells(lead) !== cells(indent))
    lines = [lines[0], ...wrap(lines.slice(1).join(' '), restRoom)];
  if (opts.breakAfter)
    lines = lines.flatMap((l, i) => splitLong(l, i === 0 ? width - cells(lead) : restRoom, opts.breakAfter!));
  return lines.map((l, i) => (i === 0 ? lead : indent) + l);
}

/** A line wider than `room` split after the last allowed character that fits, again and again. */
function splitLong(line: string, room: number, breakAfter: RegExp): string[] {
  const out: string[] = [];
  let rest = line;
  while (cells(rest) > room) {
    let cut = -1;
    for (let i = 0; i < rest.length && cells(rest.slice(0, i + 1)) <= room; i++)
      if (breakAfter.test(rest[i])) cut = i + 1;
    if (cut <= 0) break;
    out.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  out.push(rest);
  return out;
}

/** Reports are this wide off a terminal (a pipe, a file) and at most this wide on one: long lines are hard to read. */
export const TEXT_WIDTH = 80;
const MIN_WIDTH = 40;

/** The width to wrap a report at: the terminal's, between 40 and 80 cells; 80 when not writing to a terminal. */
export function textWidth(out: {isTTY?: boolean; columns?: number}): number {
  if (out.isTTY !== true || !out.columns || !Number.isFinite(out.columns)) return TEXT_WIDTH;
  return Math.max(MIN_WIDTH, Math.min(TEXT_WIDTH, Math.floor(out.columns)));
}
