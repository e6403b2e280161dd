import type React from 'react';
import {Box} from 'ink';
import type {Tone} from '../theme.js';
import {StatusIcon} from './StatusIcon.js';
import {Wrap} from './Wrap.js';

/**
 * "✔ text" with wrapped lines hanging under the text, never under the
 * symbol and never at column 0: every line of a note starts at the same
 * column. `indent` shifts the whole note.
 */
export function Note({
  tone,
  children,
  indent = 0,
  dim = false,
}: {
  tone: Tone;
  children: React.ReactNode;
  indent?: number;
  dim?: boolean;
}) {
  return (
    <Box marginLeft={indent}>
      <Box width={2} flexShrink={0}>
        <StatusIcon tone={tone} />
      </Box>
      <Box flexShrink={1}>
        <Wrap dimColor={dim}>{children}</Wrap>
      </Box>
    </Box>
  );
}
