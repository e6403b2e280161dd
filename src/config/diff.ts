/**
 * Unified diff over lines (Myers' O(ND) algorithm after trimming the common
 * prefix and suffix). Lines are compared with their '\r', so an EOL change
 * shows up, but a trailing '\r' is not printed: CRLF files read like LF ones.
 */

const CONTEXT = 3;
/** Beyond this many differing lines the middle is shown as one replacement (still a correct diff). */
const MAX_EDIT_DISTANCE = 2000;

interface Line {
  text: string;
  /** Last line of a file that does not end with a newline. */
  noEol: boolean;
}

function splitLines(text: string): Line[] {
  if (text === '') return [];
  const parts = text.split('\n');
  const endsWithNewline = parts[parts.length - 1] === '';
  if (endsWithNewline) parts.pop();
  return parts.map((t, i) => ({text: t, noEol: !endsWithNewline && i === parts.length - 1}));
}

type Op = {kind: ' ' | '-' | '+'; line: Line; aIndex: number; bIndex: number};

/** Shortest edit script between a and b (arrays of interned line ids). */
function myers(a: Int32Array, b: Int32Array): ('=' | '-' | '+')[] | undefined {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d++) {
    if (d > MAX_EDIT_DISTANCE) return undefined;
    trace.push(v.slice(offset - d - 1, offset + d + 2));
    for (let k = -d; k <= d; k += 2) {
      let x =
        k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) return backtrack(trace, a.length, b.length, d);
    }
  }
  return undefined;
}

function backtrack(trace: Int32Array[], n: number, m: number, dEnd: number): ('=' | '-' | '+')[] {
  const script: ('=' | '-' | '+')[] = [];
  let x = n;
  let y = m;
  for (let d = dEnd; d > 0; d--) {
    // trace[d] holds V before round d, for k in [-d-1, d+1] at index k + d + 1.
    const vPrev = trace[d]!;
    const at = (k: number): number => vPrev[k + d + 1]!;
    const k = x - y;
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
    const prevK = down ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      script.push('=');
      x--;
      y--;
    }
    if (down) {
      script.push('+');
      y--;
    } else {
      script.push('-');
      x--;
    }
  }
  while (x > 0 && y > 0) {
    script.push('=');
    x--;
    y--;
  }
  return script.reverse();
}

function displayLine(kind: string, line: Line): string {
  const text = line.text.endsWith('\r') ? line.text.slice(0, -1) : line.text;
  return kind + text + '\n' + (line.noEol ? '\\ No newline at end of file\n' : '');
}

function range(start: number, count: number): string {
  // GNU style: an empty range names the line before it.
  const first = count === 0 ? start : start + 1;
  return count === 1 ? `${first}` : `${first},${count}`;
}

/** Unified diff (3 lines of context) between two texts, headed --- a/label +++ b/label; '' when equal. */
export function unifiedDiff(before: string, after: string, label: string): string {
  if (before === after) return '';
  const a = splitLines(before);
  const b = splitLines(after);
  const key = (l: Line): string => (l.noEol ? l.text + '\u0000' : l.text);
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && key(a[prefix]!) === key(b[prefix]!)) prefix++;
  let suffix = 0;
  while (
    suffix < a.length - prefix &&
    suffix < b.length - prefix &&
    key(a[a.length - 1 - suffix]!) === key(b[b.length - 1 - suffix]!)
  )
    suffix++;

  const ids = new Map<string, number>();
  const intern = (lines: Line[]): Int32Array =>
    Int32Array.from(lines, (l) => {
      const k = key(l);
      let id = ids.get(k);
      if (id === undefined) ids.set(k, (id = ids.size));
      return id;
    });
  const midA = a.slice(prefix, a.length - suffix);
  const midB = b.slice(prefix, b.length - suffix);
  const script = myers(intern(midA), intern(midB)) ?? [
    ...midA.map(() => '-' as const),
    ...midB.map(() => '+' as const),
  ];

  const ops: Op[] = [];
  for (let i = 0; i < prefix; i++) ops.push({kind: ' ', line: a[i]!, aIndex: i, bIndex: i});
  let ai = prefix;
  let bi = prefix;
  for (const s of script) {
    if (s === '=') ops.push({kind: ' ', line: a[ai]!, aIndex: ai++, bIndex: bi++});
    else if (s === '-') ops.push({kind: '-', line: a[ai]!, aIndex: ai++, bIndex: bi});
    else ops.push({kind: '+', line: b[bi]!, aIndex: ai, bIndex: bi++});
  }
  for (let i = 0; i < suffix; i++) ops.push({kind: ' ', line: a[ai]!, aIndex: ai++, bIndex: bi++});

  let out = `--- a/${label}\n+++ b/${label}\n`;
  let i = 0;
  while (i < ops.length) {
    if (ops[i]!.kind === ' ') {
      i++;
      continue;
    }
    // A hunk: from CONTEXT lines before this change to CONTEXT lines after the
    // last change that is within 2*CONTEXT unchanged lines of the previous one.
    const start = Math.max(0, i - CONTEXT);
    let end = i;
    let j = i;
    while (j < ops.length) {
      if (ops[j]!.kind !== ' ') {
        end = j;
        j++;
        continue;
      }
      let run = 0;
      while (j + run < ops.length && ops[j + run]!.kind === ' ') run++;
      if (j + run >= ops.length || run > 2 * CONTEXT) break;
      j += run;
    }
    const stop = Math.min(ops.length, end + 1 + CONTEXT);
    const hunk = ops.slice(start, stop);
    const aCount = hunk.filter((o) => o.kind !== '+').length;
    const bCount = hunk.filter((o) => o.kind !== '-').length;
    out += `@@ -${range(hunk[0]!.aIndex, aCount)} +${range(hunk[0]!.bIndex, bCount)} @@\n`;
    for (const o of hunk) out += displayLine(o.kind, o.line);
    i = stop;
  }
  return out;
}
