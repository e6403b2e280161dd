import {useRef} from 'react';
import {Box, Text} from 'ink';
import {useKeys} from '../hooks/useKeys.js';
import TextInput from 'ink-text-input';
import {useTheme} from '../theme.js';
import {StatusIcon} from './StatusIcon.js';

/** A labelled text input with its validation message underneath. */
export function Field(props: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  onSubmit: () => void;
  focus: boolean;
  placeholder?: string;
  error?: string;
  labelWidth?: number;
}) {
  const theme = useTheme();
  // Ctrl+U clears the field, as in a shell. TextInput also sees the key and
  // would insert a "u": changes during that same key are turned into ''.
  const clearing = useRef(false);
  useKeys(
    (input, key) => {
      if (key.ctrl && input === 'u') {
        clearing.current = true;
        props.onChange('');
        setImmediate(() => (clearing.current = false));
      }
    },
    {isActive: props.focus},
  );
  const onChange = (v: string) => {
    if (clearing.current) return props.onChange('');
    // Text and Enter in one chunk (a paste ending in a newline, a fast burst) arrive as one input with the CR in it:
    // the text goes in, the Enter submits.
    if (/[\r\n]/.test(v)) {
      props.onChange(v.replace(/[\r\n]+/g, ''));
      props.onSubmit();
      return;
    }
    props.onChange(v);
  };
  return (
    <Box flexDirection="column">
      <Box>
        <Text bold={props.focus}>{`${props.focus ? '❯' : ' '} ${props.label}`.padEnd(props.labelWidth ?? 14)}</Text>
        {props.focus ? (
          <TextInput
            value={props.value}
            onChange={onChange}
            onSubmit={() => props.onSubmit()}
            placeholder={props.placeholder}
          />
        ) : (
          <Text dimColor={theme.dim}>{props.value || props.placeholder || ''}</Text>
        )}
      </Box>
      {props.focus && props.error ? (
        <Text>
          {'  '}
          <StatusIcon tone="fail" /> {props.error}
        </Text>
      ) : null}
    </Box>
  );
}
