/**
 * JSON5 tokenizer + parser producing a lossless CST (see cst.ts).
 *
 * It follows the json5 package's state machine character for character, so
 * the same texts are accepted, the same values come out, and syntax errors
 * carry the same message and line:column as json5.parse reports (lines are
 * counted at '\n' only; columns in UTF-16 code units, 1-based).
 */
import {isDigit, isHexDigit, isIdContinueChar, isIdStartChar, isWhitespace} from './chars.js';
import type {
  ArrayNode,
  ElementNode,
  Json5Document,
  MemberNode,
  ObjectNode,
  Token,
  TokenType,
  ValueNode,
} from './cst.js';

/**
 * Nesting limit (objects and arrays). Real configs nest under 15 levels; the
 * cap keeps this parser and every recursive walk over its tree off the stack
 * limit (a 100,000-deep file used to end in "Maximum call stack size exceeded").
 */
export const MAX_NESTING_DEPTH = 256;
/** Duplicate keys kept with their path and position; the rest are only counted. */
export const MAX_DUPLICATES_LISTED = 20;

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

/** Thrown when a document is well-formed so far but past a limit (nesting depth). */
export class Json5LimitError extends Json5SyntaxError {
  constructor(message: string, line: number, column: number, offset: number) {
    super(message, line, column, offset);
    this.name = 'Json5LimitError';
  }
}

/** Offsets of the '\n's of the last text asked about: positions are a binary search, not a scan per call. */
let lineIndex: {text: string; newlines: Int32Array} | undefined;

function newlinesOf(text: string): Int32Array {
  if (lineIndex?.text === text) return lineIndex.newlines;
  let count = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count++;
  const newlines = new Int32Array(count);
  for (let i = text.indexOf('\n'), n = 0; i !== -1; i = text.indexOf('\n', i + 1)) newlines[n++] = i;
  lineIndex = {text, newlines};
  return newlines;
}

/** How many '\n's sit before offset. */
function newlinesBefore(text: string, offset: number): number {
  const nl = newlinesOf(text);
  let lo = 0;
  let hi = nl.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (nl[mid]! < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** 1-based line of an offset, counting '\n' only (as json5 does). */
export function lineOf(text: string, offset: number): number {
  return newlinesBefore(text, offset) + 1;
}

/** 1-based line and column of the character at offset. */
export function positionOf(text: string, offset: number): {line: number; column: number} {
  const before = newlinesBefore(text, offset);
  const lineStart = before === 0 ? 0 : newlinesOf(text)[before - 1]! + 1;
  return {line: before + 1, column: offset - lineStart + 1};
}

/** A duplicate key found while parsing: every occurrence but the last one of a key in one object. */
export interface DuplicateKey {
  path: string;
  line: number;
  column: number;
}

class Parser {
  private pos = 0;
  private depth = 0;
  readonly tokens: Token[] = [];
  hasComments = false;
  /** The plain value of the node parseValue last returned (when values are built). */
  value: unknown;
  /** Keys and indexes from the root to the value being parsed (for duplicate-key paths). */
  private readonly path: (string | number)[] = [];
  readonly duplicates: {path: string; offset: number}[] = [];
  duplicateCount = 0;

  constructor(
    private readonly text: string,
    private readonly keepTokens: boolean,
    private readonly buildValue: boolean,
    /** false: a value-only read; containers come back without their members (the tree is not kept). */
    private readonly keepTree = true,
  ) {}

  parse(): Json5Document {
    this.skipTrivia();
    if (this.atEnd()) throw this.eofError();
    const root = this.parseValue();
    this.skipTrivia();
    if (!this.atEnd()) throw this.invalidChar(this.pos);
    return {text: this.text, root, tokens: this.tokens, hasComments: this.hasComments};
  }

  private enter(start: number): void {
    if (++this.depth > MAX_NESTING_DEPTH) {
      const {line, column} = positionOf(this.text, start);
      throw new Json5LimitError(
        `JSON5: nested deeper than ${MAX_NESTING_DEPTH} levels (the limit) at ${line}:${column}`,
        line,
        column,
        start,
      );
    }
  }

  private duplicate(key: string, offset: number): void {
    this.duplicateCount++;
    if (this.duplicates.length >= 10_000) return;
    let p = '';
    for (const seg of this.path) p = typeof seg === 'number' ? `${p}[${seg}]` : p === '' ? seg : `${p}.${seg}`;
    this.duplicates.push({path: p === '' ? key : `${p}.${key}`, offset});
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
    return new Json5SyntaxError(
      `JSON5: invalid character '${formatChar(c)}' at ${line}:${column}`,
      line,
      column,
      offset,
    );
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
        this.hasComments = true;
      } else if (next === '*') {
        const close = text.indexOf('*/', this.pos + 2);
        if (close === -1) {
          this.pos = text.length;
          throw this.eofError();
        }
        this.pos = close + 2;
        this.push('blockComment', commentStart, this.pos);
        this.hasComments = true;
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
        this.value = null;
        return {type: 'null', start, end: this.pos, value: null};
      case 't':
        this.literal('true');
        this.value = true;
        return {type: 'boolean', start, end: this.pos, value: true};
      case 'f':
        this.literal('false');
        this.value = false;
        return {type: 'boolean', start, end: this.pos, value: false};
      case '"':
      case "'": {
        const value = this.readString();
        this.push('string', start, this.pos);
        this.value = value;
        return {type: 'string', start, end: this.pos, value, quote: c};
      }
    }
    if (c === '-' || c === '+' || c === '.' || c === 'I' || c === 'N' || isDigit(c)) {
      const value = this.readNumber();
      this.push('number', start, this.pos);
      this.value = value;
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
        const ok = first
          ? u === '$' || u === '_' || isIdStartChar(u)
          : u === '$' || u === '_' || u === '\u200C' || u === '\u200D' || isIdContinueChar(u);
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
    this.enter(start);
    this.push('punctuator', start, start + 1);
    this.pos++;
    const members: MemberNode[] = [];
    const out: Record<string, unknown> | undefined = this.buildValue ? {} : undefined;
    // Small objects look back through their members; a big one gets a map (linear either way).
    let seen: Map<string, number> | undefined;
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
      this.path.push(key);
      const value = this.parseValue();
      this.path.pop();
      if (out) {
        // Like json5 (defineProperty), "__proto__" becomes an own key, not the prototype.
        if (key === '__proto__')
          Object.defineProperty(out, key, {value: this.value, writable: true, enumerable: true, configurable: true});
        else out[key] = this.value;
      }
      let earlier: number | undefined;
      if (seen) earlier = seen.get(key);
      else {
        for (let i = members.length - 1; i >= 0; i--) {
          if (members[i]!.key === key) {
            earlier = members[i]!.keyStart;
            break;
          }
        }
        if (members.length >= 16) seen = new Map(members.map((m) => [m.key, m.keyStart]));
      }
      if (earlier !== undefined) this.duplicate(key, earlier);
      seen?.set(key, keyStart);
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
    this.depth--;
    this.value = out;
    return {type: 'object', start, end: this.pos, members: this.keepTree ? members : []};
  }

  private parseArray(): ArrayNode {
    const start = this.pos;
    this.enter(start);
    this.push('punctuator', start, start + 1);
    this.pos++;
    const elements: ElementNode[] = [];
    const out: unknown[] | undefined = this.buildValue ? [] : undefined;
    for (;;) {
      this.skipTrivia();
      const c = this.peek();
      if (c === undefined) throw this.eofError();
      if (c === ']') break;
      this.path.push(elements.length);
      const value = this.parseValue();
      this.path.pop();
      out?.push(this.value);
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
    this.depth--;
    this.value = out;
    return {type: 'array', start, end: this.pos, elements: this.keepTree ? elements : []};
  }
}

export interface ParseOptions {
  /** Record every token, trivia included (default true; edits do not need them). */
  tokens?: boolean;
}

/**
 * The last token-free tree, by text: a command that reads, checks, locates and
 * patches one text builds its tree once. Trees are never mutated, so sharing is safe.
 */
let recentTree: Json5Document | undefined;

/** Parse JSON5 text into a CST. Throws Json5SyntaxError (Json5LimitError past MAX_NESTING_DEPTH). */
export function parseJson5Document(text: string, options: ParseOptions = {}): Json5Document {
  if (options.tokens ?? true) return new Parser(text, true, false).parse();
  if (recentTree?.text !== text) recentTree = new Parser(text, false, false).parse();
  return recentTree;
}

/** Everything a reader needs from one pass: the value (as json5.parse builds it), comments, duplicate keys. */
export interface ParsedJson5 {
  value: unknown;
  hasComments: boolean;
  /** Every occurrence but the last of a key repeated in one object, in text order; at most MAX_DUPLICATES_LISTED. */
  duplicates: DuplicateKey[];
  /** How many there are in all (duplicates.length or more). */
  duplicateCount: number;
}

/**
 * Read once: value, comments and duplicate keys (with positions) in one pass,
 * keeping no tree (a 10 MB config's tree is ~8x its size; only edits and
 * issue positions need it, and they build it on demand). Throws like parseJson5Document.
 */
export function parseJson5(text: string): ParsedJson5 {
  const parser = new Parser(text, false, true, false);
  parser.parse();
  const listed = parser.duplicates.sort((a, b) => a.offset - b.offset).slice(0, MAX_DUPLICATES_LISTED);
  return {
    value: parser.value,
    hasComments: parser.hasComments,
    duplicates: listed.map((d) => ({path: d.path, ...positionOf(text, d.offset)})),
    duplicateCount: parser.duplicateCount,
  };
}

/** All tokens of a document, trivia included (they tile the text exactly). */
export function tokenize(text: string): Token[] {
  return parseJson5Document(text).tokens;
}
