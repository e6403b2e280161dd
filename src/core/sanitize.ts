/**
 * The one terminal sanitiser: every string a server, a config file, a flag or
 * another program gave us goes through here before it reaches a terminal.
 * Escape sequences (ESC), carriage returns and line feeds could rewrite or
 * forge lines ("FAKE ✔ line"); C1 controls act as escapes on some terminals;
 * bidi overrides reorder what is shown. Each becomes U+FFFD, visibly.
 */

// C0 controls, DEL, C1 controls, the Arabic letter mark, LRM/RLM, the bidi embeddings and
// overrides (U+202A-U+202E) and isolates (U+2066-U+2069), and the Unicode line/paragraph separators.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;
const UNSAFE_BUT_NEWLINE =
  /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;
/** What JSON.stringify leaves raw but a terminal still acts on (it escapes C0 itself). */
const UNSAFE_IN_JSON = /[\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;

export const REPLACEMENT = '\uFFFD';

/** One line of outside text, safe to print: every control (newlines included) becomes U+FFFD. */
export function printable(text: string): string {
  return text.replace(UNSAFE, REPLACEMENT);
}

/** Outside text that may span lines (a pasted error, a diff): as printable, but '\n' (and CRLF) stay line breaks. */
export function printableLines(text: string): string {
  return text.replace(/\r\n/g, '\n').replace(UNSAFE_BUT_NEWLINE, REPLACEMENT);
}

/** A deep copy of a JSON-like value with every string (keys too) made printable. */
export function printableDeep<T>(value: T): T {
  if (typeof value === 'string') return printable(value) as T;
  if (Array.isArray(value)) return value.map(printableDeep) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [printable(k), printableDeep(v)])) as T;
  }
  return value;
}

/**
 * JSON for stdout: JSON.stringify escapes C0 controls but leaves C1 controls and
 * bidi overrides raw; they are escaped too (\u202e), so the data stays exact and
 * the terminal sees only ASCII escapes.
 */
export function printableJson(value: unknown, indent = 2): string {
  return JSON.stringify(value, null, indent).replace(
    UNSAFE_IN_JSON,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
