import type React from 'react';
import {Box, Text} from 'ink';
import {useTheme} from '../theme.js';
import {Wrap} from './Wrap.js';

/** "  • text" with wrapped lines hanging under the text, not under the bullet. */
export function Bullet({
  children,
  indent = 2,
  mark = '•',
  dim = true,
}: {
  children: React.ReactNode;
  indent?: number;
  mark?: string;
  dim?: boolean;
}) {
  const theme = useTheme();
  return (
    <Box marginLeft={indent}>
      <Box width={2} flexShrink={0}>
        <Text dimColor={dim && theme.dim}>{mark}</Text>
      </Box>
      <Box flexShrink={1}>
        <Wrap dimColor={dim && theme.dim}>{children}</Wrap>
      </Box>
    </Box>
  );
}
