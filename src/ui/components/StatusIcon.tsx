import {Text} from 'ink';
import {SYMBOL, useTheme, type Tone} from '../theme.js';

/** ✔ ⚠ ✖ ◌ •: the symbol carries the meaning, the colour only repeats it. */
export function StatusIcon({tone}: {tone: Tone}) {
  const theme = useTheme();
  return <Text color={theme.tone[tone]}>{SYMBOL[tone]}</Text>;
}
