/**
 * Prints new values in a given style. Output always parses with json5 to the
 * same value; with a strict-JSON style it is also valid JSON (finite numbers).
 */
import {isPlainIdentifier} from './chars.js';
import type {FlatHabit, Quote} from './style.js';

export interface PrintStyle {
  eol: string;
  indentUnit: string;
  stringQuote: Quote;
  /** null: unquoted where the key is an identifier. */
  keyQuote: Quote | null;
  trailingComma: boolean;
  colon: string;
  /** Print containers on one line ("{ a: 1 }") instead of one item per line. */
  inline: boolean;
  /** Space inside the braces of inline objects. */
  padInline: boolean;
  /** Space inside the brackets of inline arrays. */
  padInlineArrays?: boolean;
  /** The file's layout of small containers: member values like it are written on one line too. */
  flat?: FlatHabit;
}

/** Longest line a small container is joined onto, following the file's habit. */
export const MAX_FLAT_LINE = 120;

function isFlatValue(value: unknown): value is unknown[] | Record<string, unknown> {
  const isScalar = (v: unknown): boolean => {
    const p = toPrintable(v);
    return p === null || typeof p !== 'object';
  };
  if (Array.isArray(value)) return value.length > 0 && value.every(isScalar);
  if (isPlainObject(value)) {
    const vals = Object.values(value).filter(
      (v) => toPrintable(v) !== undefined && typeof toPrintable(v) !== 'function',
    );
    return vals.length > 0 && vals.every(isScalar);
  }
  return false;
}

/**
 * Print the value of member `key` whose line already holds `lineSoFar`
 * characters: a small container goes on one line when the file writes that
 * key (or, failing that, that kind of container) on one line.
 */
export function printMemberValue(
  key: string,
  input: unknown,
  style: PrintStyle,
  indent: string,
  lineSoFar: number,
): string {
  const value = toPrintable(input);
  const habit = style.flat;
  if (habit && !style.inline && isFlatValue(value)) {
    const isArray = Array.isArray(value);
    if (habit.byKey.get(key) ?? (isArray ? habit.arrays : habit.objects)) {
      const pad = (isArray ? habit.padArrays : habit.padObjects) ? ' ' : '';
      const items = isArray
        ? value.map((v) => printValue(v, style, indent))
        : Object.entries(value)
            .filter(([, v]) => toPrintable(v) !== undefined && typeof toPrintable(v) !== 'function')
            .map(([k, v]) => printKey(k, style) + style.colon + printValue(v, style, indent));
      const oneLine = (isArray ? '[' : '{') + pad + items.join(', ') + pad + (isArray ? ']' : '}');
      if (lineSoFar + oneLine.length + 1 <= MAX_FLAT_LINE) return oneLine;
    }
  }
  return printValue(value, style, indent);
}

export class UnserializableValueError extends Error {}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Normalizes a value the way JSON.stringify would see it (toJSON); rejects what cannot be printed. */
export function toPrintable(value: unknown): unknown {
  if (value !== null && typeof value === 'object' && typeof (value as {toJSON?: unknown}).toJSON === 'function') {
    return (value as {toJSON: () => unknown}).toJSON();
  }
  return value;
}

export function quoteString(s: string, quote: Quote): string {
  let out = quote;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    const code = s.charCodeAt(i);
    if (c === quote || c === '\\') out += '\\' + c;
    else if (c === '\n') out += '\\n';
    else if (c === '\r') out += '\\r';
    else if (c === '\t') out += '\\t';
    else if (c === '\b') out += '\\b';
    else if (c === '\f') out += '\\f';
    // U+2028/2029 are legal in JSON5 strings but json5 warns about them; escape control chars too.
    else if (
      code < 0x20 ||
      code === 0x2028 ||
      code === 0x2029 ||
      (code >= 0xd800 && code <= 0xdfff && !isPairedSurrogate(s, i))
    ) {
      out += '\\u' + code.toString(16).padStart(4, '0');
    } else out += c;
    if (code >= 0xd800 && code <= 0xdbff && isPairedSurrogate(s, i)) {
      out += s[i + 1];
      i++;
    }
  }
  return out + quote;
}

function isPairedSurrogate(s: string, i: number): boolean {
  const code = s.charCodeAt(i);
  if (code >= 0xd800 && code <= 0xdbff) {
    const next = s.charCodeAt(i + 1);
    return next >= 0xdc00 && next <= 0xdfff;
  }
  if (code >= 0xdc00 && code <= 0xdfff) {
    const prev = s.charCodeAt(i - 1);
    return prev >= 0xd800 && prev <= 0xdbff;
  }
  return false;
}

export function printKey(key: string, style: PrintStyle): string {
  if (style.keyQuote === null && isPlainIdentifier(key)) return key;
  return quoteString(key, style.keyQuote ?? style.stringQuote);
}

function printNumber(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Infinity) return 'Infinity';
  if (n === -Infinity) return '-Infinity';
  if (Object.is(n, -0)) return '-0';
  return String(n);
}

/**
 * Print a value. `indent` is the indentation of the line the value starts on;
 * nested lines get one more indentUnit per level.
 */
export function printValue(input: unknown, style: PrintStyle, indent: string): string {
  const value = toPrintable(input);
  switch (typeof value) {
    case 'string':
      return quoteString(value, style.stringQuote);
    case 'number':
      return printNumber(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'undefined':
      return 'null';
    case 'object':
      break;
    default:
      throw new UnserializableValueError(`cannot write a ${typeof value} value into the config`);
  }
  if (value === null) return 'null';
  const inner = indent + style.indentUnit;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const items = value.map((v) => printValue(v, style, inner));
    if (style.inline) {
      const pad = style.padInlineArrays ? ' ' : '';
      return '[' + pad + items.join(', ') + pad + ']';
    }
    return (
      '[' +
      style.eol +
      items.map((s) => inner + s).join(',' + style.eol) +
      (style.trailingComma ? ',' : '') +
      style.eol +
      indent +
      ']'
    );
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(
    ([, v]) => toPrintable(v) !== undefined && typeof toPrintable(v) !== 'function',
  );
  if (entries.length === 0) return '{}';
  const members = entries.map(([k, v]) => {
    const head = printKey(k, style) + style.colon;
    return head + printMemberValue(k, v, style, inner, inner.length + head.length);
  });
  if (style.inline) {
    const pad = style.padInline ? ' ' : '';
    return '{' + pad + members.join(', ') + pad + '}';
  }
  return (
    '{' +
    style.eol +
    members.map((s) => inner + s).join(',' + style.eol) +
    (style.trailingComma ? ',' : '') +
    style.eol +
    indent +
    '}'
  );
}
