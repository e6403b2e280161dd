import React from 'react';
import {Box, Text} from 'ink';
import {KeyHints, NAV_HINTS} from './KeyHints.js';
import {StatusIcon} from './StatusIcon.js';

/** A one-line failure with the way out under it (Esc goes back). */
export function Failure({children}: {children: React.ReactNode}) {
  return (
    <Box flexDirection="column">
      <Text wrap="wrap">
        <StatusIcon tone="fail" /> {children}
      </Text>
      <KeyHints hints={NAV_HINTS} />
    </Box>
  );
}
