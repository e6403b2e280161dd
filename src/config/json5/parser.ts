/**
 * JSON5 tokenizer + parser producing a lossless CST (see cst.ts).
 *
 * It follows the json5 package's state machine character for character, so
 * the same texts are accepted, the same values come out, and syntax errors
 * carry the same message and line:column as json5.parse reports (lines are
 * counted at '\n' only; columns in UTF-16 code units, 1-based).
 */
import {isDigit, isHexDigit, isIdContinueChar, isIdStartChar, isWhitespace} from './chars.js';
import type {ArrayNode, ElementNode, Json5Document, MemberNode, ObjectNode, Token, TokenType, ValueNode} from './cst.js';

export class Json5SyntaxError extends SyntaxError {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
    /** Offset in the text where the problem was found. */
    readonly offset: number,
  ) {
    super(message);
    this.name = 'Json5SyntaxError';
  }
}

const CHAR_NAMES: Record<string, string> = {
  "'": "\\'",
  '"': '\\"',
  '\\': '\\\\',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\v': '\\v',
  '\0': '\\0',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

function formatChar(c: string): string {
  const named = CHAR_NAMES[c];
  if (named) return named;
  if (c < ' ') return '\\x' + c.charCodeAt(0).toString(16).padStart(2, '0');
  return c;
}

/** 1-based line of an offset, counting '\n' only (as json5 does). */
export function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** 1-based line and column of the character at offset. */
export function positionOf(text: string, offset: number): {line: number; column: number} {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return {line: lineOf(text, offset), column: offset - lineStart + 1};
}

class Parser {
  private pos = 0;
  readonly tokens: Token[] = [];

  constructor(
    private readonly text: string,
    private readonly keepTokens: boolean,
  ) {}

  parse(): Json5Document {
    this.skipTrivia();
    if (this.atEnd()) throw this.eofError();
    const root = this.parseValue();
    this.skipTrivia();
    if (!this.atEnd()) throw this.invalidChar(this.pos);
    return {text: this.text, root, tokens: this.tokens};
  }

  // --- characters -------------------------------------------------------

  private atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  /** The code point at offset as a string (json5's peek), or undefined at the end. */
  private charAt(offset: number): string | undefined {
    if (offset >= this.text.length) return undefined;
    return String.fromCodePoint(this.text.codePointAt(offset)!);
  }

  private peek(): string | undefined {
    return this.charAt(this.pos);
  }

  private push(type: TokenType, start: number, end: number): void {
    if (this.keepTokens) this.tokens.push({type, start, end});
  }

  // --- errors (positions exactly as json5 computes them) ----------------

  private invalidChar(offset: number): Json5SyntaxError {
    const c = this.charAt(offset);
    if (c === undefined) return this.eofError();
    const lineStart = this.text.lastIndexOf('\n', offset - 1) + 1;
    let line = lineOf(this.text, offset);
    let column = offset - lineStart + c.length;
    if (c === '\n') {
      line++;
      column = 0;
    }
    return new Json5SyntaxError(`JSON5: invalid character '${formatChar(c)}' at ${line}:${column}`, line, column, offset);
  }

  private eofError(): Json5SyntaxError {
    const end = this.text.length;
    const lineStart = this.text.lastIndexOf('\n', end - 1) + 1;
    const line = lineOf(this.text, end);
    const column = end - lineStart + 1;
    return new Json5SyntaxError(`JSON5: invalid end of input at ${line}:${column}`, line, column, end);
  }

  private invalidIdentifier(escapeStart: number): Json5SyntaxError {
    const {line, column} = positionOf(this.text, escapeStart);
    return new Json5SyntaxError(`JSON5: invalid identifier character at ${line}:${column}`, line, column, escapeStart);
  }

  // --- trivia -------------------------------------------------------------

  private skipTrivia(): void {
    const text = this.text;
    for (;;) {
      const start = this.pos;
      while (this.pos < text.length && isWhitespace(this.peek()!)) this.pos += this.peek()!.length;
      if (this.pos > start) this.push('whitespace', start, this.pos);
      if (text[this.pos] !== '/') return;
      const commentStart = this.pos;
      const next = text[this.pos + 1];
      if (next === '/') {
        this.pos += 2;
        while (this.pos < text.length) {
          const c = text[this.pos];
          if (c === '\n' || c === '\r' || c === '\u2028' || c === '\u2029') break;
          this.pos++;
        }
        this.push('lineComment', commentStart, this.pos);
      } else if (next === '*') {
        const close = text.indexOf('*/', this.pos + 2);
        if (close === -1) {
          this.pos = text.length;
          throw this.eofError();
        }
        this.pos = close + 2;
        this.push('blockComment', commentStart, this.pos);
      } else {
        throw this.invalidChar(this.pos + 1);
      }
    }
  }

  // --- values -------------------------------------------------------------

  private parseValue(): ValueNode {
    const start = this.pos;
    const c = this.peek();
    switch (c) {
      case undefined:
        throw this.eofError();
      case '{':
        return this.parseObject();
      case '[':
        return this.parseArray();
      case 'n':
        this.literal('null');
        return {type: 'null', start, end: this.pos, value: null};
      case 't':
        this.literal('true');
        return {type: 'boolean', start, end: this.pos, value: true};
      case 'f':
        this.literal('false');
        return {type: 'boolean', start, end: this.pos, value: false};
      case '"':
      case "'": {
        const value = this.readString();
        this.push('string', start, this.pos);
        return {type: 'string', start, end: this.pos, value, quote: c};
      }
    }
    if (c === '-' || c === '+' || c === '.' || c === 'I' || c === 'N' || isDigit(c)) {
      const value = this.readNumber();
      this.push('number', start, this.pos);
      return {type: 'number', start, end: this.pos, value};
    }
    throw this.invalidChar(start);
  }

  private literal(word: string): void {
    for (let i = 0; i < word.length; i++) {
      if (this.text[this.pos] !== word[i]) throw this.invalidChar(this.pos);
      this.pos++;
    }
    this.push('literal', this.pos - word.length, this.pos);
  }

  private readNumber(): number {
    const text = this.text;
    let sign = 1;
    let c = text[this.pos];
    if (c === '-' || c === '+') {
      if (c === '-') sign = -1;
      this.pos++;
      c = text[this.pos];
    }
    if (c === 'I') {
      this.pos++;
      this.expectWord('nfinity');
      return sign * Infinity;
    }
    if (c === 'N') {
      this.pos++;
      this.expectWord('aN');
      return NaN;
    }
    const digitsStart = this.pos;
    if (c === '.') {
      this.pos++;
      if (!isDigit(text[this.pos])) throw this.invalidChar(this.pos);
      this.skipDigits();
      this.readExponent();
    } else if (c === '0') {
      this.pos++;
      const d = text[this.pos];
      if (d === 'x' || d === 'X') {
        this.pos++;
        if (!isHexDigit(text[this.pos])) throw this.invalidChar(this.pos);
        while (isHexDigit(text[this.pos])) this.pos++;
        return sign * Number(text.slice(digitsStart, this.pos));
      }
      this.readFractionAndExponent();
    } else if (isDigit(c)) {
      this.skipDigits();
      this.readFractionAndExponent();
    } else {
      throw this.invalidChar(this.pos);
    }
    return sign * Number(text.slice(digitsStart, this.pos));
  }

  private expectWord(rest: string): void {
    for (let i = 0; i < rest.length; i++) {
      if (this.text[this.pos] !== rest[i]) throw this.invalidChar(this.pos);
      this.pos++;
    }
  }

  private skipDigits(): void {
    while (isDigit(this.text[this.pos])) this.pos++;
  }

  private readFractionAndExponent(): void {
    if (this.text[this.pos] === '.') {
      this.pos++;
      this.skipDigits();
    }
    this.readExponent();
  }

  private readExponent(): void {
    const e = this.text[this.pos];
    if (e !== 'e' && e !== 'E') return;
    this.pos++;
    const s = this.text[this.pos];
    if (s === '+' || s === '-') this.pos++;
    if (!isDigit(this.text[this.pos])) throw this.invalidChar(this.pos);
    this.skipDigits();
  }

  /** Reads a quoted string starting at the quote; returns its value. */
  private readString(): string {
    const text = this.text;
    const quote = text[this.pos];
    this.pos++;
    let out = '';
    let chunkStart = this.pos;
    for (;;) {
      const c = text[this.pos];
      if (c === undefined) throw this.eofError();
      if (c === quote) {
        out += text.slice(chunkStart, this.pos);
        this.pos++;
        return out;
      }
      if (c === '\n' || c === '\r') throw this.invalidChar(this.pos);
      if (c === '\\') {
        out += text.slice(chunkStart, this.pos);
        this.pos++;
        out += this.readEscape();
        chunkStart = this.pos;
        continue;
      }
      this.pos++;
    }
  }

  private readEscape(): string {
    const text = this.text;
    const c = this.peek();
    switch (c) {
      case undefined:
        throw this.eofError();
      case 'b':
        this.pos++;
        return '\b';
      case 'f':
        this.pos++;
        return '\f';
      case 'n':
        this.pos++;
        return '\n';
      case 'r':
        this.pos++;
        return '\r';
      case 't':
        this.pos++;
        return '\t';
      case 'v':
        this.pos++;
        return '\v';
      case '0':
        this.pos++;
        if (isDigit(text[this.pos])) throw this.invalidChar(this.pos);
        return '\0';
      case 'x':
        this.pos++;
        return String.fromCodePoint(this.readHex(2));
      case 'u':
        this.pos++;
        return String.fromCodePoint(this.readHex(4));
      case '\n':
      case '\u2028':
      case '\u2029':
        this.pos++;
        return '';
      case '\r':
        this.pos++;
        if (text[this.pos] === '\n') this.pos++;
        return '';
    }
    if (isDigit(c)) throw this.invalidChar(this.pos);
    this.pos += c.length;
    return c;
  }

  private readHex(count: number): number {
    const start = this.pos;
    for (let i = 0; i < count; i++) {
      if (!isHexDigit(this.text[this.pos])) throw this.invalidChar(this.pos);
      this.pos++;
    }
    return parseInt(this.text.slice(start, this.pos), 16);
  }

  /** IdentifierName key, with \uXXXX escapes. */
  private readIdentifier(): string {
    let out = '';
    let first = true;
    for (;;) {
      const c = this.peek();
      if (c === undefined) return out;
      if (c === '\\') {
        const escapeStart = this.pos;
        this.pos++;
        if (this.text[this.pos] !== 'u') throw this.invalidChar(this.pos);
        this.pos++;
        const u = String.fromCodePoint(this.readHex(4));
        const ok = first ? u === '$' || u === '_' || isIdStartChar(u) : u === '$' || u === '_' || u === '\u200C' || u === '\u200D' || isIdContinueChar(u);
        if (!ok) throw this.invalidIdentifier(escapeStart);
        out += u;
      } else if (first ? isIdStartChar(c) : isIdContinueChar(c)) {
        out += c;
        this.pos += c.length;
      } else {
        if (first) throw this.invalidChar(this.pos);
        return out;
      }
      first = false;
    }
  }

  private parseObject(): ObjectNode {
    const start = this.pos;
    this.push('punctuator', start, start + 1);
    this.pos++;
    const members: MemberNode[] = [];
    for (;;) {
      this.skipTrivia();
      const c = this.peek();
      if (c === undefined) throw this.eofError();
      if (c === '}') break;
      const keyStart = this.pos;
      let key: string;
      let keyQuote: '"' | "'" | null = null;
      if (c === '"' || c === "'") {
        key = this.readString();
        keyQuote = c;
        this.push('string', keyStart, this.pos);
      } else if (c === '\\' || isIdStartChar(c)) {
        key = this.readIdentifier();
        this.push('identifier', keyStart, this.pos);
      } else {
        throw this.invalidChar(this.pos);
      }
      const keyEnd = this.pos;
      this.skipTrivia();
      if (this.atEnd()) throw this.eofError();
      if (this.text[this.pos] !== ':') throw this.invalidChar(this.pos);
      const colon = this.pos;
      this.push('punctuator', colon, colon + 1);
      this.pos++;
      this.skipTrivia();
      const value = this.parseValue();
      this.skipTrivia();
      const member: MemberNode = {key, keyStart, keyEnd, keyQuote, colon, value, comma: -1};
      members.push(member);
      const after = this.text[this.pos];
      if (after === undefined) throw this.eofError();
      if (after === ',') {
        member.comma = this.pos;
        this.push('punctuator', this.pos, this.pos + 1);
        this.pos++;
        continue;
      }
      if (after === '}') break;
      throw this.invalidChar(this.pos);
    }
    this.push('punctuator', this.pos, this.pos + 1);
    this.pos++;
    return {type: 'object', start, end: this.pos, members};
  }

  private parseArray(): ArrayNode {
    const start = this.pos;
    this.push('punctuator', start, start + 1);
    this.pos++;
    const elements: ElementNode[] = [];
    for (;;) {
      this.skipTrivia();
      const c = this.peek();
      if (c === undefined) throw this.eofError();
      if (c === ']') break;
      const value = this.parseValue();
      this.skipTrivia();
      const element: ElementNode = {value, comma: -1};
      elements.push(element);
      const after = this.text[this.pos];
      if (after === undefined) throw this.eofError();
      if (after === ',') {
        element.comma = this.pos;
        this.push('punctuator', this.pos, this.pos + 1);
        this.pos++;
        continue;
      }
      if (after === ']') break;
      throw this.invalidChar(this.pos);
    }
    this.push('punctuator', this.pos, this.pos + 1);
    this.pos++;
    return {type: 'array', start, end: this.pos, elements};
  }
}

export interface ParseOptions {
  /** Record every token, trivia included (default true; edits do not need them). */
  tokens?: boolean;
}

/** Parse JSON5 text into a CST. Throws Json5SyntaxError. */
export function parseJson5Document(text: string, options: ParseOptions = {}): Json5Document {
  return new Parser(text, options.tokens ?? true).parse();
}

/** All tokens of a document, trivia included (they tile the text exactly). */
export function tokenize(text: string): Token[] {
  return parseJson5Document(text).tokens;
}
