import {Box, Text} from 'ink';

const KEYS: [string, string][] = [
  ['↑ ↓', 'move'],
  ['enter', 'choose / next field'],
  ['esc', 'back one step (nothing is written)'],
  ['space', 'tick or untick (fallbacks, fixes)'],
  ['ctrl+u', 'clear a text field'],
  ['u / d', 'move a fallback up / down'],
  ['PgUp PgDn', 'scroll a diff'],
  ['+ / -', 'machines in a cluster (hardware)'],
  ['?', 'this help'],
  ['q, ctrl+c', 'quit; a write in progress finishes first, nothing half-done'],
];

export function Help() {
  return (
    <Box flexDirection="column" borderStyle="single" paddingX={1}>
      <Text bold>Keys</Text>
      {KEYS.map(([k, what]) => (
        <Text key={k}>
          {k.padEnd(11)} {what}
        </Text>
      ))}
      <Text>Letters are typed as text while a text field is active.</Text>
      <Text>Any key closes this help.</Text>
    </Box>
  );
}
