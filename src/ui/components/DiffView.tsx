import React from 'react';
import {Box, Text} from 'ink';
import {useTheme} from '../theme.js';

/** A unified diff, `rows` lines from `offset`; + and - prefixes carry the meaning. */
export function DiffView({diff, rows, offset}: {diff: string; rows: number; offset: number}) {
  const theme = useTheme();
  const lines = diff.replace(/\n$/, '').split('\n');
  const start = Math.max(0, Math.min(offset, Math.max(0, lines.length - rows)));
  const shown = lines.slice(start, start + rows);
  const below = lines.length - start - shown.length;
  return (
    <Box flexDirection="column">
      {start > 0 ? <Text dimColor={theme.dim}>  ↑ {start} more line{start === 1 ? '' : 's'} (PgUp)</Text> : null}
      {shown.map((line, i) => {
        const color = line.startsWith('+') && !line.startsWith('+++')
          ? theme.added
          : line.startsWith('-') && !line.startsWith('---')
            ? theme.removed
            : line.startsWith('@@')
              ? theme.accent
              : undefined;
        return (
          <Text key={start + i} color={color} wrap="truncate-end">
            {line || ' '}
          </Text>
        );
      })}
      {below > 0 ? <Text dimColor={theme.dim}>  ↓ {below} more line{below === 1 ? '' : 's'} (PgDn)</Text> : null}
    </Box>
  );
}

export function diffLineCount(diff: string): number {
  return diff.replace(/\n$/, '').split('\n').length;
}
