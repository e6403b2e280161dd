/**
 * Formatting conventions learned from an existing document, so inserted
 * content looks like what the user (or OpenClaw) already wrote.
 */
import {isHabitKey} from './chars.js';
import type {ArrayNode, Json5Document, ObjectNode, ValueNode} from './cst.js';

export type Quote = '"' | "'";

export interface FileStyle {
  eol: '\n' | '\r\n';
  /** One level of indentation ('  ', '    ', '\t', ...). */
  indentUnit: string;
  /** Quote char for new string values. */
  stringQuote: Quote;
  /** Key quoting used by most keys: null = unquoted identifiers. */
  keyQuote: Quote | null;
  /** Whether most multi-line containers end with a trailing comma. */
  trailingComma: boolean;
  /** Text between a key and its value, e.g. ': '. */
  colon: string;
  /** The file is plain JSON (JSON.parse accepts it): keep it so. */
  strictJson: boolean;
  /** How the file lays out small containers; absent means one item per line. */
  flat?: FlatHabit;
}

/**
 * Layout habit for "flat" containers (non-empty, scalars only), such as
 * `input: ["text"]` or `cost: { input: 0, output: 0 }`.
 */
export interface FlatHabit {
  /** Per member key: true when that key's flat values are mostly written on one line. */
  byKey: Map<string, boolean>;
  /** Whether flat arrays / objects under other keys are mostly written on one line. */
  arrays: boolean;
  objects: boolean;
  /** Spaces inside the brackets of one-line arrays / braces of one-line objects. */
  padArrays: boolean;
  padObjects: boolean;
}

/**
 * Style for a brand-new or empty file: 2-space JSON5 with unquoted keys and
 * trailing commas; small lists and objects on one line, as the guide writes
 * them (`input: ["text"]`, `gateway: { mode: "local" }`).
 */
export function defaultStyle(eol: '\n' | '\r\n' = '\n'): FileStyle {
  return {
    eol,
    indentUnit: '  ',
    stringQuote: '"',
    keyQuote: null,
    trailingComma: true,
    colon: ': ',
    strictJson: false,
    flat: {byKey: new Map(), arrays: true, objects: true, padArrays: false, padObjects: true},
  };
}

export function isPlainJson(text: string): boolean {
  try {
    JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
    return true;
  } catch {
    return false;
  }
}

/** Offset of the first character of the line containing offset (lines end at \n, \r, U+2028, U+2029). */
export function lineStartOf(text: string, offset: number): number {
  let i = offset;
  while (i > 0) {
    const c = text[i - 1];
    if (c === '\n' || c === '\r' || c === '\u2028' || c === '\u2029') break;
    i--;
  }
  return i;
}

/** Leading spaces/tabs of the line containing offset. */
export function lineIndentAt(text: string, offset: number): string {
  let i = lineStartOf(text, offset);
  if (i === 0 && text.charCodeAt(0) === 0xfeff) i = 1;
  const start = i;
  while (text[i] === ' ' || text[i] === '\t') i++;
  return text.slice(start, i);
}

/** True when only indentation precedes offset on its line. */
export function startsLine(text: string, offset: number): boolean {
  let i = lineStartOf(text, offset);
  if (i === 0 && text.charCodeAt(0) === 0xfeff) i = 1;
  for (; i < offset; i++) {
    if (text[i] !== ' ' && text[i] !== '\t') return false;
  }
  return true;
}

// Line-break offsets of the last text asked about: isInline is called for
// every container, and scanning each span would be quadratic in nesting.
let breaksText: string | undefined;
let breaks: number[] = [];

function lineBreaks(text: string): number[] {
  if (text !== breaksText) {
    breaks = [];
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (c === '\n' || c === '\r' || c === '\u2028' || c === '\u2029') breaks.push(i);
    }
    breaksText = text;
  }
  return breaks;
}

/** True when the container has no line break between its brackets. */
export function isInline(text: string, node: ObjectNode | ArrayNode): boolean {
  const b = lineBreaks(text);
  // First break at or after node.start.
  let lo = 0;
  let hi = b.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (b[mid]! < node.start) lo = mid + 1;
    else hi = mid;
  }
  return lo === b.length || b[lo]! >= node.end;
}

function mostCommon<T>(counts: Map<T, number>, fallback: T): T {
  let best = fallback;
  let bestCount = 0;
  for (const [k, n] of counts) {
    if (n > bestCount) {
      best = k;
      bestCount = n;
    }
  }
  return best;
}

function bump<T>(counts: Map<T, number>, key: T): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

/** Learn the file's conventions from its CST. */
export function detectStyle(doc: Json5Document): FileStyle {
  const {text} = doc;
  const firstNewline = text.indexOf('\n');
  const eol: '\n' | '\r\n' = firstNewline > 0 && text[firstNewline - 1] === '\r' ? '\r\n' : '\n';
  const units = new Map<string, number>();
  const stringQuotes = new Map<Quote, number>();
  const keyQuotes = new Map<Quote | 'none', number>();
  const trailing = new Map<boolean, number>();
  const colons = new Map<string, number>();
  const flatByKey = new Map<string, Map<boolean, number>>();
  const flatKinds = {array: new Map<boolean, number>(), object: new Map<boolean, number>()};
  const flatPads = {array: new Map<boolean, number>(), object: new Map<boolean, number>()};
  const noteFlat = (key: string | undefined, node: ValueNode): void => {
    if (!isFlat(node)) return;
    const inline = isInline(text, node);
    if (key !== undefined) {
      let counts = flatByKey.get(key);
      if (!counts) flatByKey.set(key, (counts = new Map()));
      bump(counts, inline);
    }
    bump(flatKinds[node.type], inline);
    if (inline) bump(flatPads[node.type], text[node.start + 1] === ' ');
  };

  const visit = (node: ValueNode): void => {
    if (node.type === 'string') {
      bump(stringQuotes, node.quote);
      return;
    }
    if (node.type !== 'object' && node.type !== 'array') return;
    const items =
      node.type === 'object'
        ? node.members.map((m) => ({start: m.keyStart, comma: m.comma}))
        : node.elements.map((e) => ({start: e.value.start, comma: e.comma}));
    if (items.length > 0 && !isInline(text, node)) {
      bump(trailing, items[items.length - 1]!.comma !== -1);
      const outer = lineIndentAt(text, node.start);
      for (const item of items) {
        if (!startsLine(text, item.start)) continue;
        const inner = lineIndentAt(text, item.start);
        if (inner.length > outer.length && inner.startsWith(outer)) bump(units, inner.slice(outer.length));
      }
    }
    if (node.type === 'object') {
      for (const m of node.members) {
        // Only keys that could go unquoted tell the habit ("a/b" must be quoted).
        if (isHabitKey(m.key)) bump(keyQuotes, m.keyQuote ?? 'none');
        noteFlat(m.key, m.value);
        const between = text.slice(m.keyEnd, m.value.start);
        if (/^[ \t]*:[ \t]*$/.test(between)) bump(colons, between);
        visit(m.value);
      }
    } else {
      for (const e of node.elements) {
        noteFlat(undefined, e.value);
        visit(e.value);
      }
    }
  };
  visit(doc.root);

  const strictJson = isPlainJson(text);
  const keyQuote = mostCommon(keyQuotes, '"' as Quote | 'none');
  const mostly = (counts: Map<boolean, number>): boolean => (counts.get(true) ?? 0) > (counts.get(false) ?? 0);
  const byKey = new Map<string, boolean>();
  for (const [key, counts] of flatByKey)
    if ((counts.get(true) ?? 0) !== (counts.get(false) ?? 0)) byKey.set(key, mostly(counts));
  return {
    eol,
    indentUnit: mostCommon(units, '  '),
    stringQuote: strictJson ? '"' : mostCommon(stringQuotes, '"' as Quote),
    keyQuote: strictJson ? '"' : keyQuote === 'none' ? null : keyQuote,
    trailingComma: strictJson ? false : (trailing.get(true) ?? 0) > (trailing.get(false) ?? 0),
    colon: mostCommon(colons, ': '),
    strictJson,
    // With no evidence for one kind, it follows the other ("small things go on one line").
    flat: {
      byKey,
      arrays: flatKinds.array.size ? mostly(flatKinds.array) : mostly(flatKinds.object),
      objects: flatKinds.object.size ? mostly(flatKinds.object) : mostly(flatKinds.array),
      padArrays: mostly(flatPads.array),
      padObjects: flatPads.object.size ? mostly(flatPads.object) : true,
    },
  };
}

/** A non-empty container holding only scalars. */
export function isFlat(node: ValueNode): node is ObjectNode | ArrayNode {
  if (node.type === 'object')
    return node.members.length > 0 && node.members.every((m) => m.value.type !== 'object' && m.value.type !== 'array');
  if (node.type === 'array')
    return (
      node.elements.length > 0 && node.elements.every((e) => e.value.type !== 'object' && e.value.type !== 'array')
    );
  return false;
}
