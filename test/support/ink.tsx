/**
 * Driving Ink apps in tests without flakes (ink-testing-library 4 + Ink 6):
 * - wait a little before the first key (input subscribes in an effect);
 * - after each key, wait for the frame to change and then one more
 *   macrotask, so handlers re-subscribe with fresh state before the next key;
 * - a lone Escape is held back by Ink until it knows no sequence follows:
 *   give it longer;
 * - lastFrame() is empty once the app has exited: `finalFrame()` keeps the
 *   last non-empty one.
 * Frames come back without ANSI codes, so assertions read like the screen.
 */
import type {ReactElement} from 'react';
import {render} from 'ink-testing-library';

export const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export const KEY = {
  up: '\u001B[A',
  down: '\u001B[B',
  left: '\u001B[D',
  right: '\u001B[C',
  enter: '\r',
  escape: '\u001B',
  space: ' ',
  tab: '\t',
  backspace: '\u007F',
  pageUp: '\u001B[5~',
  pageDown: '\u001B[6~',
  ctrlC: '\u0003',
  ctrlU: '\u0015',
} as const;

import {stripAnsi} from '../../src/core/text/index.js';

export {stripAnsi};
/** Whitespace (line wraps included) collapsed to one space: for assertions that must not depend on the width. */
export const flat = (s: string) => s.replace(/\s+/g, ' ');

export interface Driven {
  /** Current frame, ANSI stripped ('' once the app has exited). */
  frame(): string;
  /** The last non-empty frame, also after exit. */
  finalFrame(): string;
  /** Every frame so far, ANSI stripped. */
  frames(): string[];
  /** One key; resolves once the frame reacted (or 300 ms passed) plus a macrotask. */
  press(key: string): Promise<void>;
  /** Text as one paste (per-character writes without gaps lose characters). */
  type(text: string): Promise<void>;
  /** Waits until the frame matches; throws with the frame when it does not in time. */
  waitFor(pattern: RegExp | string, timeoutMs?: number): Promise<string>;
  /** Waits until the frame no longer matches. */
  waitForGone(pattern: RegExp | string, timeoutMs?: number): Promise<string>;
  unmount(): void;
}

const matches = (pattern: RegExp | string, text: string) =>
  typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text);

export async function renderInk(
  node: ReactElement,
  opts: {readyMs?: number; columns?: number; rows?: number} = {},
): Promise<Driven> {
  const r = render(node);
  if (opts.columns !== undefined || opts.rows !== undefined) {
    // ink-testing-library's stdout is 100 columns with no rows: resize it like a terminal would.
    if (opts.columns !== undefined)
      Object.defineProperty(r.stdout, 'columns', {value: opts.columns, configurable: true});
    if (opts.rows !== undefined) Object.defineProperty(r.stdout, 'rows', {value: opts.rows, configurable: true});
    r.stdout.emit('resize');
  }
  const frame = () => stripAnsi(r.lastFrame() ?? '');
  const frames = () => r.frames.map(stripAnsi);
  const finalFrame = () => frames().findLast((f) => f.trim() !== '') ?? '';

  async function waitUntil(ok: (f: string) => boolean, what: string, timeoutMs: number): Promise<string> {
    const start = Date.now();
    while (!ok(frame())) {
      if (Date.now() - start > timeoutMs) {
        throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}; last frame:\n${finalFrame()}`);
      }
      await delay(5);
    }
    await delay(0);
    return frame();
  }

  async function press(key: string): Promise<void> {
    const before = r.frames.length;
    r.stdin.write(key);
    // A lone Escape is held back until Ink knows no sequence follows.
    if (key === KEY.escape) await delay(60);
    const start = Date.now();
    while (r.frames.length === before && Date.now() - start < 300) await delay(2);
    // One more macrotask: handlers re-subscribe with the new state after the commit.
    await delay(10);
  }

  await delay(opts.readyMs ?? 30);
  return {
    frame,
    finalFrame,
    frames,
    press,
    async type(text: string) {
      await press(text);
    },
    waitFor: (pattern, timeoutMs = 6000) => waitUntil((f) => matches(pattern, f), String(pattern), timeoutMs),
    waitForGone: (pattern, timeoutMs = 6000) =>
      waitUntil((f) => !matches(pattern, f), `${String(pattern)} to go`, timeoutMs),
    unmount: () => r.unmount(),
  };
}
