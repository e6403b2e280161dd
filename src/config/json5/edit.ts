/**
 * Minimal text edits on a parsed JSON5 document: replace a value's span,
 * insert an object member or array element after the last item, remove an
 * item with its comma (and its own line when it has one). Every byte outside
 * the edited spans is kept.
 */
import type {ArrayNode, Json5Document, ObjectNode, ValueNode} from './cst.js';
import {MAX_FLAT_LINE, printKey, printMemberValue, printValue, type PrintStyle} from './serialize.js';
import {isHabitKey} from './chars.js';
import {isInline, lineIndentAt, lineStartOf, startsLine, type FileStyle, type Quote} from './style.js';

export type Container = ObjectNode | ArrayNode;

/** Widest one-line container we write next to one-line siblings. */
const MAX_INLINE_WIDTH = 160;

/** An item of a container with the offsets edits need. */
interface Item {
  start: number;
  /** End of the value. */
  end: number;
  comma: number;
  value: ValueNode;
}

function itemsOf(node: Container): Item[] {
  return node.type === 'object'
    ? node.members.map((m) => ({start: m.keyStart, end: m.value.end, comma: m.comma, value: m.value}))
    : node.elements.map((e) => ({start: e.value.start, end: e.value.end, comma: e.comma, value: e.value}));
}

/**
 * Siblings written as one-line containers (`{ id: "a", name: "b" }` rows in a
 * list): a new container value is printed the same way. Returns the padding
 * habit, or undefined when siblings are not written like that.
 */
function inlineSiblingPadding(text: string, items: Item[]): boolean | undefined {
  const containers = items
    .map((it) => it.value)
    .filter((v): v is Container => v.type === 'object' || v.type === 'array');
  const nonEmpty = containers.filter((c) => (c.type === 'object' ? c.members.length : c.elements.length) > 0);
  if (nonEmpty.length === 0 || !containers.every((c) => isInline(text, c))) return undefined;
  const last = nonEmpty[nonEmpty.length - 1]!;
  return text[last.start + 1] === ' ';
}

/**
 * Column where the values of an object start when its members, one per line,
 * line their values up with extra spaces after the colon; undefined otherwise.
 */
function alignedValueColumn(text: string, container: Container): number | undefined {
  if (container.type !== 'object' || container.members.length < 2) return undefined;
  let column: number | undefined;
  let padded = false;
  for (const m of container.members) {
    if (!startsLine(text, m.keyStart)) return undefined;
    const between = text.slice(m.keyEnd, m.value.start);
    if (!/^[ \t]*:[ \t]*$/.test(between) || between.includes('\t')) return undefined;
    if (/: {2,}$/.test(between)) padded = true;
    const col = m.value.start - lineStartOf(text, m.value.start);
    if (column !== undefined && col !== column) return undefined;
    column = col;
  }
  return padded ? column : undefined;
}

function isLineBreak(c: string | undefined): boolean {
  return c === '\n' || c === '\r' || c === '\u2028' || c === '\u2029';
}

function isBlank(s: string): boolean {
  return /^[\s\uFEFF]*$/.test(s);
}

/**
 * Where the "rest of the line" after an item ends: past spaces and comments
 * that stay on the same line. atEol says whether only those follow the item
 * on its line (so the item owns the line's end).
 */
function lineTail(text: string, anchor: number): {pos: number; atEol: boolean} {
  let p = anchor;
  for (;;) {
    let q = p;
    while (q < text.length && !isLineBreak(text[q]) && /\s|\uFEFF/.test(text[q]!)) q++;
    if (q >= text.length || isLineBreak(text[q])) return {pos: q, atEol: true};
    if (text.startsWith('//', q)) {
      let e = q;
      while (e < text.length && !isLineBreak(text[e])) e++;
      return {pos: e, atEol: true};
    }
    if (text.startsWith('/*', q)) {
      const close = text.indexOf('*/', q + 2);
      const body = text.slice(q, close + 2);
      if (/[\n\r\u2028\u2029]/.test(body)) return {pos: p, atEol: false};
      p = close + 2;
      continue;
    }
    return {pos: anchor, atEol: false};
  }
}

function eolLengthAt(text: string, pos: number): number {
  if (text.startsWith('\r\n', pos)) return 2;
  return isLineBreak(text[pos]) ? 1 : 0;
}

export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

export function applyEdits(text: string, edits: TextEdit[]): string {
  // Right to left so offsets stay valid; at one offset the earlier edit's text comes first.
  const order = edits.map((e, i) => ({e, i})).sort((a, b) => b.e.start - a.e.start || b.i - a.i);
  let out = text;
  for (const {e} of order) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

/** Print style for new content placed inside `container` (of the given document). */
export function styleFor(
  doc: Json5Document,
  file: FileStyle,
  container: Container | null,
  ancestors: Container[],
): PrintStyle {
  const {text} = doc;
  let keyQuote: Quote | null = file.keyQuote;
  let trailingComma = file.trailingComma;
  let colon = file.colon;
  let inline = false;
  let padInline = false;
  if (container) {
    const items = itemsOf(container);
    inline = items.length > 0 && isInline(text, container);
    padInline = text[container.start + 1] === ' ';
    // The nearest container with items decides the trailing-comma habit.
    const withItems = [container, ...[...ancestors].reverse()].find((c) => itemsOf(c).length > 0 && !isInline(text, c));
    if (withItems) {
      const its = itemsOf(withItems);
      trailingComma = its[its.length - 1]!.comma !== -1;
    }
    if (container.type === 'object' && container.members.length > 0) {
      const members = container.members;
      // Keys like "a/b" had to be quoted, "$include" is by convention: neither says anything about the habit.
      const chosen = members.filter((m) => isHabitKey(m.key));
      if (chosen.length > 0)
        keyQuote = chosen.some((m) => m.keyQuote === null) ? null : chosen[chosen.length - 1]!.keyQuote;
      const last = members[members.length - 1]!;
      const between = text.slice(last.keyEnd, last.value.start);
      // Extra spaces after the colon line values up in a column; insertItemEdits does that, nested keys do not.
      if (/^[ \t]*:[ \t]?$/.test(between)) colon = between;
    }
  }
  if (file.strictJson) {
    keyQuote = '"';
    trailingComma = false;
  }
  return {
    eol: file.eol,
    indentUnit: file.indentUnit,
    stringQuote: file.stringQuote,
    keyQuote,
    trailingComma,
    colon,
    inline,
    padInline,
    ...(file.flat ? {flat: file.flat} : {}),
  };
}

/** Replace a value's span with a printed new value. */
export function replaceValueEdit(doc: Json5Document, node: ValueNode, value: unknown, style: PrintStyle): TextEdit {
  const {text} = doc;
  const indent = lineIndentAt(text, node.start);
  // A one-line container the user wrote stays on one line when the new value fits.
  if (
    !style.inline &&
    (node.type === 'object' || node.type === 'array') &&
    itemsOf(node).length > 0 &&
    isInline(text, node)
  ) {
    const pad = text[node.start + 1] === ' ';
    const oneLine = printValue(
      value,
      {...style, inline: true, ...(node.type === 'array' ? {padInlineArrays: pad} : {padInline: pad})},
      indent,
    );
    if (node.start - lineStartOf(text, node.start) + oneLine.length + 1 <= MAX_FLAT_LINE)
      return {start: node.start, end: node.end, text: oneLine};
  }
  return {start: node.start, end: node.end, text: printValue(value, style, indent)};
}

/**
 * Append an item (already printed except for its value) to a container:
 * `key` is the printed key for objects, undefined for arrays.
 */
export function insertItemEdits(
  doc: Json5Document,
  file: FileStyle,
  container: Container,
  key: string | undefined,
  value: unknown,
  style: PrintStyle,
  ancestors: Container[] = [],
): TextEdit[] {
  const {text} = doc;
  const items = itemsOf(container);
  let keyText = key === undefined ? '' : printKey(key, style) + style.colon;
  const column = key === undefined ? undefined : alignedValueColumn(text, container);
  if (column !== undefined) {
    const head = printKey(key!, style) + style.colon.trimEnd();
    const indentWidth = lineIndentAt(text, items[items.length - 1]!.start).length;
    keyText = head + ' '.repeat(Math.max(1, column - indentWidth - head.length));
  }
  if (items.length > 0 && isInline(text, container)) {
    const last = items[items.length - 1]!;
    const printed = keyText + printValue(value, style, lineIndentAt(text, container.start));
    const here: TextEdit[] =
      last.comma !== -1
        ? [{start: last.comma + 1, end: last.comma + 1, text: ' ' + printed + ','}]
        : [{start: last.end, end: last.end, text: ', ' + printed}];
    if (lineLengthAt(text, container.start) + printed.length + 2 <= MAX_FLAT_LINE) return here;
    return openLongLineEdits(doc, file, container, ancestors, key, keyText, value, style, printed.length, here) ?? here;
  }
  const eol = file.eol;
  if (items.length === 0) {
    let closeIndent = lineIndentAt(text, container.start);
    const inner = text.slice(container.start + 1, container.end - 1);
    let opened: TextEdit[] = [];
    // An empty [] or {} that is an item of a one-line parent: fill it on the line when that fits, else open the parent.
    const parent = ancestors[ancestors.length - 1];
    if (inner === '' && parent && isInline(text, parent) && itemsOf(parent).some((it) => it.value === container)) {
      const oneLine =
        keyText + printValue(value, {...style, inline: true, padInline: text[parent.start + 1] === ' '}, closeIndent);
      if (lineLengthAt(text, container.start) + oneLine.length <= MAX_FLAT_LINE)
        return [{start: container.start + 1, end: container.start + 1, text: oneLine}];
      const openParent = openUpEdits(doc, file, parent, style.trailingComma);
      if (openParent) {
        opened = openParent;
        closeIndent = lineIndentAt(text, parent.start) + file.indentUnit;
      }
    }
    const indent = closeIndent + file.indentUnit;
    const item =
      indent +
      keyText +
      printItemValue(key, value, {...style, inline: false}, indent, indent.length + keyText.length) +
      (style.trailingComma ? ',' : '');
    if (isBlank(inner))
      return [...opened, {start: container.start + 1, end: container.end - 1, text: eol + item + eol + closeIndent}];
    const close = container.end - 1;
    // Comments inside an empty container: add the item just before the closing brace.
    if (startsLine(text, close)) {
      const at = lineStartOf(text, close);
      return [{start: at, end: at, text: item + eol}];
    }
    return [{start: close, end: close, text: eol + item + eol + closeIndent}];
  }
  const last = items[items.length - 1]!;
  const lastLineStart = [...items].reverse().find((it) => startsLine(text, it.start));
  const indent = lastLineStart
    ? lineIndentAt(text, lastLineStart.start)
    : lineIndentAt(text, container.start) + file.indentUnit;
  const trailing = last.comma !== -1 && !file.strictJson;
  const siblingPadding = inlineSiblingPadding(text, items);
  let printedValue = printItemValue(key, value, {...style, inline: false}, indent, indent.length + keyText.length);
  if (siblingPadding !== undefined) {
    const oneLine = printValue(value, {...style, inline: true, padInline: siblingPadding}, indent);
    // Long rows stay readable as blocks.
    if (indent.length + keyText.length + oneLine.length <= MAX_INLINE_WIDTH) printedValue = oneLine;
  }
  const printed = indent + keyText + printedValue + (trailing ? ',' : '');
  const anchor = last.comma !== -1 ? last.comma + 1 : last.end;
  const tail = lineTail(text, anchor);
  const edits: TextEdit[] = [];
  if (last.comma === -1) edits.push({start: last.end, end: last.end, text: ','});
  const at = tail.atEol ? tail.pos : anchor;
  edits.push({start: at, end: at, text: eol + printed});
  return edits;
}

/**
 * An insert into a one-line container would make its line too long: open the
 * container into lines (or, when it shares its line, the one-line ancestor
 * that owns the line, and the container too when even its own line would be
 * too long). `here` is the plain inline insert, used inside an opened owner.
 */
function openLongLineEdits(
  doc: Json5Document,
  file: FileStyle,
  container: Container,
  ancestors: Container[],
  key: string | undefined,
  keyText: string,
  value: unknown,
  style: PrintStyle,
  printedLength: number,
  here: TextEdit[],
): TextEdit[] | undefined {
  const {text} = doc;
  const rowAt = (indent: string) =>
    keyText + printItemValue(key, value, {...style, inline: false}, indent, indent.length + keyText.length);
  const opened = openUpEdits(
    doc,
    file,
    container,
    style.trailingComma,
    rowAt(lineIndentAt(text, container.start) + file.indentUnit),
  );
  if (opened) return opened;
  if (ownsItsLine(text, container)) return undefined;
  const owner = [...ancestors].reverse().find((a) => isInline(text, a) && ownsItsLine(text, a));
  const openOwner = owner ? openUpEdits(doc, file, owner, style.trailingComma) : undefined;
  if (!owner || !openOwner) return undefined;
  const asItem = itemsOf(owner).find((it) => it.value === container);
  const ownerInner = lineIndentAt(text, owner.start) + file.indentUnit;
  if (asItem && ownerInner.length + (container.end - asItem.start) + printedLength + 3 > MAX_FLAT_LINE) {
    const inner = openUpEdits(
      doc,
      file,
      container,
      style.trailingComma,
      rowAt(ownerInner + file.indentUnit),
      ownerInner,
    );
    if (inner) return [...openOwner, ...inner];
  }
  return [...openOwner, ...here];
}

function printItemValue(
  key: string | undefined,
  value: unknown,
  style: PrintStyle,
  indent: string,
  lineSoFar: number,
): string {
  return key === undefined ? printValue(value, style, indent) : printMemberValue(key, value, style, indent, lineSoFar);
}

/** The line holds only this container (after indentation and its key), then maybe a comma and a comment. */
function ownsItsLine(text: string, container: Container): boolean {
  const head = text.slice(lineStartOf(text, container.start), container.start);
  if (!/^[\uFEFF]?[ \t]*(?:"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|[^\s:{}[\]"',/]+)?[ \t]*:?[ \t]*$/.test(head))
    return false;
  let after = container.end;
  while (text[after] === ' ' || text[after] === '\t') after++;
  if (text[after] === ',') after++;
  return lineTail(text, after).atEol;
}

/**
 * Put a one-line container one item per line, with `row` (a new item,
 * printed for the inner indentation but without it) added last when given. Only inserts line breaks and indentation (the
 * spaces already between items become part of it), so every byte stays;
 * undefined when that is not possible, when a comment sits between items, or
 * when the container shares its line.
 */
function openUpEdits(
  doc: Json5Document,
  file: FileStyle,
  container: Container,
  trailingComma: boolean,
  row?: string,
  outerIndent?: string,
): TextEdit[] | undefined {
  const {text} = doc;
  const items = itemsOf(container);
  // outerIndent: the container's line is being opened by the same edit, and this will be its indentation.
  if (items.length === 0 || (outerIndent === undefined && !ownsItsLine(text, container))) return undefined;
  const outer = outerIndent ?? lineIndentAt(text, container.start);
  const inner = outer + file.indentUnit;
  const eol = file.eol;
  /** Line break plus what `indent` still needs on top of the spaces `ws` already there. */
  const breakBefore = (ws: string, indent: string): string | undefined =>
    /^[ \t]*$/.test(ws) && indent.endsWith(ws) ? eol + indent.slice(0, indent.length - ws.length) : undefined;
  const edits: TextEdit[] = [];
  const first = breakBefore(text.slice(container.start + 1, items[0]!.start), inner);
  if (first === undefined) return undefined;
  edits.push({start: container.start + 1, end: container.start + 1, text: first});
  for (let i = 0; i < items.length - 1; i++) {
    const it = items[i]!;
    if (it.comma === -1 || !/^[ \t]*$/.test(text.slice(it.end, it.comma))) return undefined;
    const brk = breakBefore(text.slice(it.comma + 1, items[i + 1]!.start), inner);
    if (brk === undefined) return undefined;
    edits.push({start: it.comma + 1, end: it.comma + 1, text: brk});
  }
  const last = items[items.length - 1]!;
  if (!/^[ \t]*$/.test(text.slice(last.end, last.comma === -1 ? container.end - 1 : last.comma))) return undefined;
  const at = last.comma === -1 ? last.end : last.comma + 1;
  const close = breakBefore(text.slice(at, container.end - 1), outer);
  if (close === undefined) return undefined;
  const trailing = (last.comma !== -1 || trailingComma) && !file.strictJson;
  if (row === undefined) {
    edits.push({start: at, end: at, text: (last.comma === -1 && trailing ? ',' : '') + close});
    return edits;
  }
  edits.push({
    start: at,
    end: at,
    text: (last.comma === -1 ? ',' : '') + eol + inner + row + (trailing ? ',' : '') + close,
  });
  return edits;
}

/** Length of the line that holds offset (without its line break). */
function lineLengthAt(text: string, offset: number): number {
  let end = offset;
  while (end < text.length && !isLineBreak(text[end])) end++;
  return end - lineStartOf(text, offset);
}

/** Remove item `index` of a container, with its comma, and its line when it is alone on it. */
export function removeItemEdits(doc: Json5Document, container: Container, index: number): TextEdit[] {
  const {text} = doc;
  const items = itemsOf(container);
  const item = items[index]!;
  const afterItem = item.comma !== -1 ? item.comma + 1 : item.end;
  const isLast = index === items.length - 1;
  const prev = index > 0 ? items[index - 1]! : undefined;
  if (
    items.length === 1 &&
    isBlank(text.slice(container.start + 1, item.start)) &&
    isBlank(text.slice(afterItem, container.end - 1))
  ) {
    return [{start: container.start + 1, end: container.end - 1, text: ''}];
  }
  const tail = lineTail(text, afterItem);
  const edits: TextEdit[] = [];
  if (startsLine(text, item.start) && tail.atEol) {
    const from = lineStartOf(text, item.start);
    const startsAtBom = from === 0 && text.charCodeAt(0) === 0xfeff;
    edits.push({start: startsAtBom ? 1 : from, end: tail.pos + eolLengthAt(text, tail.pos), text: ''});
    if (isLast && item.comma === -1 && prev) edits.push({start: prev.comma, end: prev.comma + 1, text: ''});
    return edits;
  }
  if (!isLast) return [{start: item.start, end: items[index + 1]!.start, text: ''}];
  if (prev) {
    if (item.comma !== -1) return [{start: prev.comma + 1, end: item.comma + 1, text: ''}];
    return [{start: prev.comma, end: item.end, text: ''}];
  }
  return [{start: item.start, end: afterItem, text: ''}];
}
