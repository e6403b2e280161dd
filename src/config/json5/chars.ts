// Character classes exactly as the json5 package defines them. We reuse its
// generated Unicode tables so that our tokenizer and json5.parse can never
// disagree about which characters are spaces or identifier characters.
import * as unicode from 'json5/lib/unicode.js';

const SPACE_SEPARATOR: RegExp = unicode.Space_Separator;
const ID_START: RegExp = unicode.ID_Start;
const ID_CONTINUE: RegExp = unicode.ID_Continue;

/** Whitespace between tokens: JSON5 WhiteSpace and LineTerminator. */
export function isWhitespace(c: string): boolean {
  switch (c) {
    case '\t':
    case '\v':
    case '\f':
    case ' ':
    case '\u00A0':
    case '\uFEFF':
    case '\n':
    case '\r':
    case '\u2028':
    case '\u2029':
      return true;
  }
  return SPACE_SEPARATOR.test(c);
}

export function isIdStartChar(c: string): boolean {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '$' || c === '_' || ID_START.test(c);
}

export function isIdContinueChar(c: string): boolean {
  return (
    (c >= 'a' && c <= 'z') ||
    (c >= 'A' && c <= 'Z') ||
    (c >= '0' && c <= '9') ||
    c === '$' ||
    c === '_' ||
    c === '\u200C' ||
    c === '\u200D' ||
    ID_CONTINUE.test(c)
  );
}

export function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

export function isHexDigit(c: string | undefined): boolean {
  return c !== undefined && ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'));
}

/** Keys we may write without quotes: a conservative ASCII IdentifierName. */
export function isPlainIdentifier(key: string): boolean {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key);
}

/**
 * Keys whose quoting shows the writer's habit: identifiers that could go
 * unquoted. "$include", "$schema" and the like are quoted by convention, and
 * "a/b" must be, so neither says anything.
 */
export function isHabitKey(key: string): boolean {
  return isPlainIdentifier(key) && !key.startsWith('$');
}
