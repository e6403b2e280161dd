import type React from 'react';
import {Text, Transform} from 'ink';

type TextProps = React.ComponentProps<typeof Text>;

// Colour codes may come before the space.
const BREAK_SPACE = /^((?:\u001B\[[0-9;]*m)*) /;

/**
 * Ink wraps with `trim: false`: when a word ends exactly at the edge, the
 * space after it starts the next line, so that line sits one column right of
 * the others. Drop that one space from continuation lines.
 */
export function dropBreakSpace(line: string, index: number): string {
  return index > 0 ? line.replace(BREAK_SPACE, '$1') : line;
}

/** <Text wrap="wrap"> whose wrapped lines all start at the same column. */
export function Wrap({children, ...props}: Omit<TextProps, 'wrap'>) {
  return (
    <Transform transform={dropBreakSpace}>
      <Text {...props} wrap="wrap">
        {children}
      </Text>
    </Transform>
  );
}
