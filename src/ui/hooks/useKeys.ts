/**
 * useInput that counts every key of a burst. Ink 6.8 splits a chunk such as
 * `ESC[B ESC[B CR` into one event per key (build/input-parser.js) and emits
 * them one after another in the same tick; React (legacy root) re-renders
 * after each, but ink's useInput re-subscribes the new handler only in a
 * passive effect, so the 2nd and 3rd key ran the first render's closure
 * (`Down Down Enter` moved once and picked item 1). Here the handler lives
 * in a ref set on every render: each key sees the state the previous one
 * left.
 */
import {useCallback, useRef} from 'react';
import {useInput, type Key} from 'ink';

export type KeyHandler = (input: string, key: Key) => void;

export function useKeys(handler: KeyHandler, options: {isActive?: boolean} = {}): void {
  const ref = useRef(handler);
  ref.current = handler;
  const active = useRef(options.isActive !== false);
  active.current = options.isActive !== false;
  const stable = useCallback<KeyHandler>((input, key) => {
    if (active.current) ref.current(input, key);
  }, []);
  useInput(stable, {isActive: options.isActive});
}
