import {Box, Text} from 'ink';
import {useTheme} from '../theme.js';

export interface DiffRow {
  text: string;
  kind: 'add' | 'del' | 'hunk' | 'head' | 'ctx';
}

/**
 * Diff lines cut into rows of `width` (long lines are wrapped, never cut
 * short: the change may be at the end). Continuation rows keep the +/- mark.
 */
export function diffRows(diff: string, width: number): DiffRow[] {
  const w = Math.max(10, width);
  const rows: DiffRow[] = [];
  for (const line of diff.replace(/\n$/, '').split('\n')) {
    const kind: DiffRow['kind'] =
      line.startsWith('+++') || line.startsWith('---')
        ? 'head'
        : line.startsWith('+')
          ? 'add'
          : line.startsWith('-')
            ? 'del'
            : line.startsWith('@@')
              ? 'hunk'
              : 'ctx';
    const chars = [...line];
    if (chars.length <= w) {
      rows.push({text: line, kind});
      continue;
    }
    const mark = kind === 'add' || kind === 'del' ? chars[0] : ' ';
    rows.push({text: chars.slice(0, w).join(''), kind});
    for (let i = w; i < chars.length; i += w - 2)
      rows.push({text: `${mark}↪${chars.slice(i, i + w - 2).join('')}`, kind});
  }
  return rows;
}

/** Lines added and removed, and in how many places (runs of changed lines): for "12 lines added in 2 places". */
export function diffStats(diff: string): {added: number; removed: number; places: number} {
  let added = 0;
  let removed = 0;
  let places = 0;
  let inRun = false;
  for (const line of diff.split('\n')) {
    const head = line.startsWith('+++') || line.startsWith('---');
    const add = !head && line.startsWith('+');
    const del = !head && line.startsWith('-');
    if (add) added++;
    if (del) removed++;
    if ((add || del) && !inRun) places++;
    inRun = add || del;
  }
  return {added, removed, places};
}

export function diffStatsText(s: {added: number; removed: number; places: number}): string {
  const n = (k: number, what: string) => `${k} line${k === 1 ? '' : 's'} ${what}`;
  const parts = [s.added ? n(s.added, 'added') : '', s.removed ? n(s.removed, 'removed') : ''].filter(Boolean);
  return `${parts.join(', ') || 'no lines changed'}${s.places ? ` in ${s.places} place${s.places === 1 ? '' : 's'}` : ''}`;
}

export function visibleDiffRows(diff: string, width: number): DiffRow[] {
  return diffRows(diff, width).filter((r) => r.kind !== 'head');
}

/** A unified diff, `rows` screen rows from `offset`; + and - prefixes carry the meaning. */
export function DiffView({diff, rows, offset, width}: {diff: string; rows: number; offset: number; width: number}) {
  const theme = useTheme();
  // The ---/+++ header only repeats the file name shown above the diff.
  const all = visibleDiffRows(diff, width);
  const start = Math.max(0, Math.min(offset, Math.max(0, all.length - rows)));
  const shown = all.slice(start, start + rows);
  const below = all.length - start - shown.length;
  const color = (k: DiffRow['kind']) =>
    k === 'add' ? theme.added : k === 'del' ? theme.removed : k === 'hunk' ? theme.accent : undefined;
  return (
    <Box flexDirection="column">
      {start > 0 ? <Text dimColor={theme.dim}>{`  ↑ ${start} more line${start === 1 ? '' : 's'} (PgUp)`}</Text> : null}
      {shown.map((r, i) => (
        <Text key={start + i} color={color(r.kind)} wrap="truncate-end">
          {r.text || ' '}
        </Text>
      ))}
      {below > 0 ? <Text dimColor={theme.dim}>{`  ↓ ${below} more line${below === 1 ? '' : 's'} (PgDn)`}</Text> : null}
    </Box>
  );
}
