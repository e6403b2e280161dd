/**
 * ink-select-input with a theme-aware pointer and an optional dim hint after
 * each label (the "one line of why"). Hints are looked up by label, so
 * labels must be unique.
 */
import {useMemo} from 'react';
import {Box, Text} from 'ink';
import {useTerminalSize} from '../hooks/useTerminalSize.js';
import SelectInput from 'ink-select-input';
import {useTheme} from '../theme.js';

export interface Choice<V> {
  label: string;
  value: V;
  hint?: string;
  /** Shown right after the label, e.g. "recommended". */
  tag?: string;
  /** A short fact after the label and tag, e.g. "found on :1234". */
  note?: string;
}

export function Select<V>(props: {
  items: Choice<V>[];
  onSelect: (value: V) => void;
  onHighlight?: (value: V) => void;
  initialIndex?: number;
  isFocused?: boolean;
  limit?: number;
  /** Width of the label column (hints line up after it). */
  labelWidth?: number;
  /** 'stacked': the hint goes on its own line under the label (long hints; wrapped when highlighted). */
  layout?: 'columns' | 'stacked';
  /** Stacked only: show the hint of the highlighted item alone (small terminals). */
  compact?: boolean;
}) {
  const theme = useTheme();
  const byLabel = useMemo(() => new Map(props.items.map((i) => [i.label, i])), [props.items]);
  const labelWidth = props.labelWidth ?? 0;
  const stacked = props.layout === 'stacked';
  const compact = Boolean(props.compact);
  const terminal = useTerminalSize();
  // The pointer takes two columns; Ink does not clip a row to the terminal by itself.
  const width = Math.max(20, terminal.columns - 3);
  const Item = useMemo(
    () =>
      // biome-ignore lint/correctness/noComponentHookFactories: ink-select-input takes a component; memoised, so it keeps its identity between renders.
      function Item({isSelected = false, label}: {isSelected?: boolean; label: string}) {
        const item = byLabel.get(label);
        const main = `${label}${item?.tag ? ` (${item.tag})` : ''}${item?.note ? ` · ${item.note}` : ''}`;
        if (stacked) {
          return (
            <Box flexDirection="column" width={width}>
              <Text color={isSelected ? theme.accent : undefined} bold={isSelected} wrap="truncate-end">
                {main}
              </Text>
              {item?.hint && (isSelected || !compact) ? (
                <Box marginLeft={2}>
                  <Text dimColor={theme.dim} wrap={isSelected ? 'wrap' : 'truncate-end'}>
                    {item.hint}
                  </Text>
                </Box>
              ) : null}
            </Box>
          );
        }
        return (
          <Box width={width}>
            <Box width={labelWidth || undefined} flexShrink={0}>
              <Text color={isSelected ? theme.accent : undefined} bold={isSelected} wrap="truncate-end">
                {main}
              </Text>
            </Box>
            {item?.hint ? (
              <Box flexShrink={1} marginLeft={2}>
                <Text dimColor={theme.dim} wrap="truncate-end">
                  {item.hint}
                </Text>
              </Box>
            ) : null}
          </Box>
        );
      },
    [byLabel, theme, labelWidth, stacked, compact, width],
  );
  const Indicator = useMemo(
    () =>
      // biome-ignore lint/correctness/noComponentHookFactories: as for Item above.
      function Indicator({isSelected = false}: {isSelected?: boolean}) {
        return (
          <Box marginRight={1}>
            <Text color={isSelected ? theme.accent : undefined}>{isSelected ? '❯' : ' '}</Text>
          </Box>
        );
      },
    [theme],
  );
  return (
    <SelectInput
      items={props.items.map((i) => ({key: i.label, label: i.label, value: i.value}))}
      onSelect={(item) => props.onSelect(item.value)}
      onHighlight={props.onHighlight ? (item) => props.onHighlight!(item.value) : undefined}
      initialIndex={Math.max(0, Math.min(props.initialIndex ?? 0, props.items.length - 1))}
      isFocused={props.isFocused}
      limit={props.limit}
      itemComponent={Item}
      indicatorComponent={Indicator}
    />
  );
}
