import {Text} from 'ink';
import {useTheme} from '../theme.js';

/** The footer line: "↑↓ move · enter choose · esc back · ? keys · q quit". */
export function KeyHints({hints}: {hints: string[]}) {
  const theme = useTheme();
  return (
    <Text dimColor={theme.dim} wrap="truncate-end">
      {hints.join(' · ')}
    </Text>
  );
}

export const NAV_HINTS = ['esc back', '? keys', 'q quit'];
