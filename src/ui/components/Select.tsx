/**
 * A menu with a theme-aware pointer and an optional dim hint after each
 * label (the "one line of why"). Hints are looked up by label, so labels
 * must be unique. Our own instead of ink-select-input: that one reads its
 * index from a stale closure, so keys that arrive in one chunk (a fast
 * typist, tmux send-keys, a paste of arrows) moved once (see useKeys).
 */
import {useMemo, useRef, useState} from 'react';
import {Box, Text} from 'ink';
import {useTerminalSize} from '../hooks/useTerminalSize.js';
import {useKeys} from '../hooks/useKeys.js';
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
  const renderItem = (isSelected: boolean, label: string) => {
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
  };
  const n = props.items.length;
  const [index, setIndex] = useState(() => Math.max(0, Math.min(props.initialIndex ?? 0, n - 1)));
  // The index a key in the same burst must see, before React has re-rendered.
  const current = useRef(index);
  const chose = useRef(false);
  chose.current = false;
  current.current = Math.min(current.current, Math.max(0, n - 1));
  const move = (delta: number) => {
    if (!n) return;
    const next = (current.current + delta + n) % n;
    current.current = next;
    setIndex(next);
    props.onHighlight?.(props.items[next].value);
  };
  useKeys(
    (_input, key) => {
      if (key.upArrow) move(-1);
      else if (key.downArrow) move(1);
      else if (key.return && n && !chose.current) {
        // One choice per render: a second Enter in the same burst must not choose again from a menu that is going away.
        chose.current = true;
        props.onSelect(props.items[current.current].value);
      }
    },
    {isActive: props.isFocused !== false},
  );
  const shown = Math.min(index, Math.max(0, n - 1));
  const limit = props.limit && props.limit < n ? props.limit : n;
  // A window that keeps the pointer in view (no wrap-around reordering).
  const first = Math.max(0, Math.min(shown - Math.floor(limit / 2), n - limit));
  return (
    <Box flexDirection="column">
      {props.items.slice(first, first + limit).map((item, i) => {
        const isSelected = first + i === shown;
        return (
          <Box key={item.label}>
            <Box marginRight={1}>
              <Text color={isSelected ? theme.accent : undefined}>{isSelected ? '❯' : ' '}</Text>
            </Box>
            {renderItem(isSelected, item.label)}
          </Box>
        );
      })}
    </Box>
  );
}
