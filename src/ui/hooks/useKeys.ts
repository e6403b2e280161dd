/**
 * useInput that counts every key of a burst. Ink 6.8 splits a chunk such as
 * `ESC[B ESC[B CR` into one event per key (build/input-parser.js) and emits
 * them one after another in the same tick; React (legacy root) re-renders
 * after each, but ink's useInput re-subscribes the new handler only in a
 * passive effect, so the 2nd and 3rd key ran the first render's closure
 * (`Down Down Enter` moved once and picked item 1). Here the handler lives
 * in a ref set on every render: each key sees the state the previous one
 * left.
 *
 * A burst made only of plain characters (`+++`, `\r\r`) is not split by Ink
 * (use-input.js passes it whole, as it would a paste): here each character
 * is one key, so single-key bindings count every press. Text fields are not
 * affected: ink-text-input has its own useInput and still gets a paste whole.
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
    if (!active.current) return;
    const keys = plainBurst(input, key);
    if (!keys) return ref.current(input, key);
    for (const [one, k] of keys) if (active.current) ref.current(one, k);
  }, []);
  useInput(stable, {isActive: options.isActive});
}

/** A key as Ink's useInput would report that one character alone: CR/LF is Return (input ''), TAB is Tab. */
function plainKey(ch: string, key: Key): [string, Key] {
  const base: Key = {...key, return: false, tab: false, shift: /[A-Z]/.test(ch)};
  if (ch === '\r' || ch === '\n') return ['', {...base, return: true}];
  if (ch === '\t') return ['', {...base, tab: true}];
  return [ch, base];
}

/** The keys of a chunk of two or more plain characters (printable, CR, LF, TAB), or undefined for anything else. */
export function plainBurst(input: string, key: Key): [string, Key][] | undefined {
  if (input.length < 2 || key.ctrl || key.meta || key.escape) return undefined;
  const chars = [...input];
  if (!chars.every((c) => c === '\r' || c === '\n' || c === '\t' || (c >= ' ' && c !== '\x7f'))) return undefined;
  return chars.map((c) => plainKey(c, key));
}
