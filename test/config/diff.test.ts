import {execFileSync} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import fc from 'fast-check';
import {afterAll, describe, expect, it} from 'vitest';
import {unifiedDiff} from '../../src/config/diff.js';

/** Apply a unified diff (ours) to text: an independent check that hunks are right. */
function applyUnified(before: string, diff: string): string {
  const src = before === '' ? [] : before.split('\n');
  const endsWithNewline = before.endsWith('\n');
  if (endsWithNewline) src.pop();
  const out: string[] = [];
  let srcIndex = 0;
  let outNoEol = !endsWithNewline && before !== '';
  const diffLines = diff.split('\n');
  let i = 2;
  let lastKind = '';
  while (i < diffLines.length) {
    const header = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@$/.exec(diffLines[i]!);
    if (!header) {
      i++;
      continue;
    }
    const aStart = Number(header[1]);
    const aLen = header[2] === undefined ? 1 : Number(header[2]);
    const from = aLen === 0 ? aStart : aStart - 1;
    while (srcIndex < from) out.push(src[srcIndex++]!);
    i++;
    while (i < diffLines.length && !diffLines[i]!.startsWith('@@')) {
      const l = diffLines[i]!;
      if (l.startsWith('\\')) {
        if (lastKind === '+' || lastKind === ' ') outNoEol = true;
      } else if (l.startsWith(' ')) {
        out.push(src[srcIndex++]!);
        outNoEol = false;
      } else if (l.startsWith('-')) {
        srcIndex++;
      } else if (l.startsWith('+')) {
        out.push(l.slice(1));
        outNoEol = false;
      }
      if (l.length > 0) lastKind = l[0]!;
      i++;
    }
  }
  while (srcIndex < src.length) out.push(src[srcIndex++]!);
  if (
    srcIndex === src.length &&
    !endsWithNewline &&
    before !== '' &&
    out.length > 0 &&
    lastKind !== '+' &&
    lastKind !== '\\'
  )
    outNoEol = true;
  return out.join('\n') + (out.length > 0 && !outNoEol ? '\n' : '');
}

const dir = mkdtempSync(join(tmpdir(), 'diff-test-'));
afterAll(() => rmSync(dir, {recursive: true, force: true}));

function hasPatch(): boolean {
  try {
    execFileSync('patch', ['--version'], {stdio: 'ignore'});
    return true;
  } catch {
    return false;
  }
}

describe('unifiedDiff', () => {
  it("is '' for equal texts", () => {
    expect(unifiedDiff('a\nb\n', 'a\nb\n', 'x')).toBe('');
    expect(unifiedDiff('', '', 'x')).toBe('');
  });

  it('prints headers, hunks and 3 lines of context', () => {
    const before = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10'].join('\n') + '\n';
    const after = before.replace('5\n', 'five\n');
    expect(unifiedDiff(before, after, 'openclaw.json')).toBe(
      [
        '--- a/openclaw.json',
        '+++ b/openclaw.json',
        '@@ -2,7 +2,7 @@',
        ' 2',
        ' 3',
        ' 4',
        '-5',
        '+five',
        ' 6',
        ' 7',
        ' 8',
        '',
      ].join('\n'),
    );
  });

  it('splits far-apart changes into separate hunks and joins close ones', () => {
    const before = Array.from({length: 30}, (_, i) => `l${i}`).join('\n') + '\n';
    const far = before.replace('l2\n', 'L2\n').replace('l25\n', 'L25\n');
    expect(unifiedDiff(before, far, 'f').match(/^@@/gm)).toHaveLength(2);
    const close = before.replace('l2\n', 'L2\n').replace('l8\n', 'L8\n');
    expect(unifiedDiff(before, close, 'f').match(/^@@/gm)).toHaveLength(1);
  });

  it('handles insertions at the start, deletions at the end and empty sides', () => {
    expect(unifiedDiff('', 'a\n', 'f')).toBe('--- a/f\n+++ b/f\n@@ -0,0 +1 @@\n+a\n');
    expect(unifiedDiff('a\n', '', 'f')).toBe('--- a/f\n+++ b/f\n@@ -1 +0,0 @@\n-a\n');
    expect(unifiedDiff('b\n', 'a\nb\n', 'f')).toBe('--- a/f\n+++ b/f\n@@ -1 +1,2 @@\n+a\n b\n');
  });

  it('marks a missing final newline', () => {
    expect(unifiedDiff('a\nb', 'a\nc', 'f')).toBe(
      '--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n',
    );
    expect(unifiedDiff('a', 'a\n', 'f')).toBe('--- a/f\n+++ b/f\n@@ -1 +1 @@\n-a\n\\ No newline at end of file\n+a\n');
  });

  it('shows CRLF files without carriage returns but still sees an EOL change', () => {
    const d = unifiedDiff('a\r\nb\r\nc\r\n', 'a\r\nB\r\nc\r\n', 'f');
    expect(d).toBe('--- a/f\n+++ b/f\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n');
    expect(unifiedDiff('a\r\n', 'a\n', 'f')).toBe('--- a/f\n+++ b/f\n@@ -1 +1 @@\n-a\n+a\n');
  });

  it('is fast and small on a 3000-line file with a few changes', () => {
    const before = Array.from({length: 3000}, (_, i) => `    "key${i}": ${i},`).join('\n') + '\n';
    const after = before.replace('"key100": 100', '"key100": 101').replace('    "key2900": 2900,\n', '');
    const d = unifiedDiff(before, after, 'big.json');
    expect(d.match(/^@@/gm)).toHaveLength(2);
    expect(d.split('\n').filter((l) => /^[-+][^-+]/.test(l))).toHaveLength(3);
    // Completely different files still give a correct diff.
    const other = Array.from({length: 3000}, (_, i) => `x${i}`).join('\n') + '\n';
    expect(applyUnified(before, unifiedDiff(before, other, 'f'))).toBe(other);
  });

  it('random edits: the diff turns before into after', () => {
    const linesArb = fc.array(fc.constantFrom('a', 'b', 'c', '{', '}', '  x: 1,', ''), {maxLength: 25});
    fc.assert(
      fc.property(linesArb, linesArb, fc.boolean(), fc.boolean(), (a, b, nlA, nlB) => {
        const before = a.join('\n') + (a.length > 0 && nlA ? '\n' : '');
        const after = b.join('\n') + (b.length > 0 && nlB ? '\n' : '');
        const d = unifiedDiff(before, after, 'f');
        if (before === after) expect(d).toBe('');
        else expect(applyUnified(before, d)).toBe(after);
      }),
      {numRuns: 300},
    );
  });

  it.skipIf(!hasPatch())('GNU patch accepts the diff (patch(1) available)', () => {
    const before = Array.from({length: 60}, (_, i) => `line ${i}`).join('\n') + '\n';
    const after = before.replace('line 3\n', '').replace('line 30\n', 'line 30\nnew\n').replace('line 59\n', 'last');
    writeFileSync(join(dir, 'f'), before);
    writeFileSync(join(dir, 'f.diff'), unifiedDiff(before, after, 'f'));
    execFileSync('patch', ['-s', join(dir, 'f'), join(dir, 'f.diff')]);
    expect(readFileSync(join(dir, 'f'), 'utf8')).toBe(after);
  });
});
