/** Number and text helpers for finding messages. Pure. */

/** 196608 → "196,608" (fixed locale so output is stable everywhere). */
export function fmt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Dotted path as OpenClaw prints it: models.providers.lmstudio.models[0].contextWindow */
export function dotted(path: (string | number)[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(p)) out += out ? `.${p}` : p;
    else out += `[${JSON.stringify(p)}]`;
  }
  return out;
}

/** Shell-quote one argument when needed (ids with spaces or quotes). */
export function shq(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

const ANSI = /\u001b\[[0-9;]*m/g;

/** Visible width of a line (colour codes take no columns). */
export function visibleLength(s: string): number {
  return s.replace(ANSI, '').length;
}

/**
 * Word-wraps one line to `width` columns; continuation lines start with
 * `indent`. Words are never split (a long URL overflows rather than breaks).
 */
export function wrapLine(line: string, width: number, indent: string): string[] {
  if (width <= 0 || visibleLength(line) <= width) return [line];
  const lead = /^\s*/.exec(line)![0];
  // Words and the spaces between them, so a line that is not broken keeps its spacing.
  const parts = line.slice(lead.length).split(/( +)/);
  const out: string[] = [];
  let cur = lead + (parts[0] ?? '');
  let curLen = visibleLength(cur);
  for (let i = 1; i + 1 < parts.length; i += 2) {
    const sep = parts[i];
    const word = parts[i + 1];
    const len = visibleLength(word);
    if (curLen + sep.length + len > width && curLen > indent.length) {
      out.push(cur);
      cur = indent + word;
      curLen = indent.length + len;
    } else {
      cur += sep + word;
      curLen += sep.length + len;
    }
  }
  out.push(cur);
  return out;
}
