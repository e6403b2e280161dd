import type React from 'react';
import {Box} from 'ink';
import {KeyHints, NAV_HINTS} from './KeyHints.js';
import {Note} from './Note.js';

/** A one-line failure with the way out under it (Esc goes back). */
export function Failure({children}: {children: React.ReactNode}) {
  return (
    <Box flexDirection="column">
      <Note tone="fail">{children}</Note>
      <KeyHints hints={NAV_HINTS} />
    </Box>
  );
}
