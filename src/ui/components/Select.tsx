/**
 * ink-select-input with a theme-aware pointer and an optional dim hint after
 * each label (the "one line of why"). Hints are looked up by label, so
 * labels must be unique.
 */
import React, {useMemo} from 'react';
import {Box, Text} from 'ink';
import SelectInput from 'ink-select-input';
import {useTheme} from '../theme.js';

export interface Choice<V> {
  label: string;
  value: V;
  hint?: string;
  /** Shown right after the label, e.g. "recommended". */
  tag?: string;
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
}) {
  const theme = useTheme();
  const byLabel = useMemo(() => new Map(props.items.map((i) => [i.label, i])), [props.items]);
  const labelWidth = props.labelWidth ?? 0;
  const Item = useMemo(
    () =>
      function Item({isSelected = false, label}: {isSelected?: boolean; label: string}) {
        const item = byLabel.get(label);
        const main = item?.tag ? `${label} (${item.tag})` : label;
        return (
          <Box>
            <Text color={isSelected ? theme.accent : undefined} bold={isSelected} wrap="truncate-end">
              {labelWidth ? main.padEnd(labelWidth) : main}
            </Text>
            {item?.hint ? (
              <Text dimColor={theme.dim} wrap="truncate-end">
                {'  '}
                {item.hint}
              </Text>
            ) : null}
          </Box>
        );
      },
    [byLabel, theme, labelWidth],
  );
  const Indicator = useMemo(
    () =>
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
