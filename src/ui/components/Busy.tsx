import {Text} from 'ink';
import Spinner from 'ink-spinner';
import {useTheme} from '../theme.js';

/** A spinner with a label; the label says what is being waited for. */
export function Busy({label}: {label: string}) {
  const theme = useTheme();
  return (
    <Text>
      <Text color={theme.tone.pending}>
        <Spinner type="dots" />
      </Text>{' '}
      {label}
    </Text>
  );
}
