import type {JsonPath, PatchOp} from '../core/types/config.js';
import {nodeValue, type Json5Document, type ValueNode} from './json5/cst.js';
import {Json5SyntaxError, parseJson5Document} from './json5/parser.js';
import {defaultStyle, detectStyle, type FileStyle} from './json5/style.js';
import {isPlainObject, toPrintable, UnserializableValueError} from './json5/serialize.js';
import {
  applyEdits,
  insertItemEdits,
  removeItemEdits,
  replaceValueEdit,
  styleFor,
  type Container,
} from './json5/edit.js';
import {isWhitespace} from './json5/chars.js';

export class ConfigPatchError extends Error {
  constructor(
    message: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(message);
    this.name = 'ConfigPatchError';
  }
}

/**
 * Apply ops as minimal text edits over a full JSON5 tokenizer: every byte
 * outside the edited spans stays. Edits the LAST occurrence of a duplicate
 * key (the one JSON5 reads). Throws ConfigPatchError on unparsable input or
 * an impossible path (e.g. a key under a string).
 *
 * - set: an object over an object is reconciled key by key (comments inside
 *   untouched keys survive); an equal value leaves the text unchanged;
 *   `undefined` deletes.
 * - merge: a target that is missing or not an object is replaced by `value`.
 * - append-unique: the target must be an array (or missing).
 * - delete: removes every occurrence of a duplicated key.
 */
export function applyPatch(text: string, ops: PatchOp[]): string {
  let out = text;
  for (const op of ops) out = applyOp(out, op);
  return out;
}

/** Value at path in a parsed config, or undefined. */
export function getAt(value: unknown, path: JsonPath): unknown {
  let cur = value;
  for (const seg of path) {
    if (Array.isArray(cur)) {
      const i = arrayIndex(seg);
      if (i === undefined || i >= cur.length) return undefined;
      cur = cur[i];
    } else if (isPlainObject(cur)) {
      const key = String(seg);
      if (!Object.hasOwn(cur, key)) return undefined;
      cur = cur[key];
    } else {
      return undefined;
    }
  }
  return cur;
}

/** A path segment as an array index: a number, or a string of digits ("0", "12"). */
function arrayIndex(seg: string | number): number | undefined {
  if (typeof seg === 'number') return Number.isInteger(seg) && seg >= 0 ? seg : undefined;
  return /^(0|[1-9]\d*)$/.test(seg) ? Number(seg) : undefined;
}

/** "models.providers.lmstudio", "agents.list[0].id" */
export function formatPath(path: JsonPath): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out === '' ? seg : '.' + seg;
  }
  return out === '' ? '(root)' : out;
}

// ---------------------------------------------------------------------------

interface Loaded {
  doc: Json5Document;
  /** Learned on first use (deletes and merges never need it). */
  readonly style: FileStyle;
}

function isBlankDocument(text: string): boolean {
  for (const c of text) if (!isWhitespace(c)) return false;
  return true;
}

function load(text: string, styleOverride?: FileStyle): Loaded {
  let doc: Json5Document;
  try {
    doc = parseJson5Document(text, {tokens: false});
  } catch (err) {
    if (err instanceof Json5SyntaxError) {
      const detail = err.message.replace(/^JSON5: /, '').replace(/ at \d+:\d+$/, '');
      throw new ConfigPatchError(
        `Cannot edit the config: it is not valid JSON5 (${detail} at line ${err.line}, column ${err.column})`,
        err.line,
        err.column,
      );
    }
    throw err;
  }
  if (doc.root.type !== 'object') {
    const what = doc.root.type === 'array' ? 'an array' : `a ${doc.root.type}`;
    throw new ConfigPatchError(`Cannot edit the config: its top level is ${what}, not an object`);
  }
  let style = styleOverride;
  return {
    doc,
    get style(): FileStyle {
      return (style ??= detectStyle(doc));
    },
  };
}

function describe(node: ValueNode): string {
  switch (node.type) {
    case 'object':
      return 'an object';
    case 'array':
      return 'an array';
    case 'null':
      return 'null';
    default:
      return `a ${node.type}`;
  }
}

function checkPath(path: unknown): asserts path is JsonPath {
  if (
    !Array.isArray(path) ||
    !path.every((s) => typeof s === 'string' || (typeof s === 'number' && Number.isInteger(s) && s >= 0))
  ) {
    throw new ConfigPatchError(`Invalid patch path ${JSON.stringify(path)}: expected an array of keys and indexes`);
  }
}

/** Walk the CST along path. Stops at the first missing segment. */
interface Walk {
  /** Containers passed through, outermost first (the last one holds `node`). */
  chain: Container[];
  /** Deepest node reached (the root when depth is 0). */
  node: ValueNode;
  /** How many segments were resolved. */
  depth: number;
}

function walk(doc: Json5Document, path: JsonPath, opPath: JsonPath): Walk {
  let node: ValueNode = doc.root;
  const chain: Container[] = [];
  for (let i = 0; i < path.length; i++) {
    const seg = path[i]!;
    if (node.type === 'object') {
      const key = String(seg);
      let found: ValueNode | undefined;
      for (let j = node.members.length - 1; j >= 0; j--) {
        if (node.members[j]!.key === key) {
          found = node.members[j]!.value;
          break;
        }
      }
      if (!found) return {chain, node, depth: i};
      chain.push(node);
      node = found;
    } else if (node.type === 'array') {
      const index = arrayIndex(seg);
      if (index === undefined) {
        throw new ConfigPatchError(
          `Cannot edit ${formatPath(opPath)}: ${formatPath(path.slice(0, i))} is an array, and "${seg}" is not an index`,
        );
      }
      if (index >= node.elements.length) return {chain, node, depth: i};
      chain.push(node);
      node = node.elements[index]!.value;
    } else {
      throw new ConfigPatchError(
        `Cannot edit ${formatPath(opPath)}: ${formatPath(path.slice(0, i))} is ${describe(node)}, not an object`,
      );
    }
  }
  return {chain, node, depth: path.length};
}

/** {a: {b: value}} for rest ['a', 'b']. */
function nest(rest: JsonPath, value: unknown, opPath: JsonPath): unknown {
  let out = value;
  for (let i = rest.length - 1; i >= 0; i--) {
    const seg = rest[i]!;
    if (typeof seg === 'number') {
      throw new ConfigPatchError(`Cannot edit ${formatPath(opPath)}: index ${seg} of a missing array`);
    }
    out = {[seg]: out};
  }
  return out;
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((v, i) => deepEqual(v, b[i]));
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    const kb = Object.keys(b).filter((k) => b[k] !== undefined);
    return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && deepEqual(a[k], b[k]));
  }
  return false;
}

function guardPrint<T>(path: JsonPath, f: () => T): T {
  try {
    return f();
  } catch (err) {
    if (err instanceof UnserializableValueError)
      throw new ConfigPatchError(`Cannot set ${formatPath(path)}: ${err.message}`);
    throw err;
  }
}

function applyOp(text: string, op: PatchOp): string {
  if (!op || typeof op !== 'object') throw new ConfigPatchError('Invalid patch operation');
  checkPath(op.path);
  let styleOverride: FileStyle | undefined;
  if (isBlankDocument(text)) {
    if (op.op === 'delete') return text;
    // A brand-new config: 2-space JSON5, keeping a BOM and the file's EOL if any.
    const eol = text.includes('\r\n') ? '\r\n' : '\n';
    const bom = text.charCodeAt(0) === 0xfeff ? '\uFEFF' : '';
    text = bom + '{}' + eol;
    styleOverride = defaultStyle(eol);
  }
  switch (op.op) {
    case 'set':
      return setValue(text, op.path, op.value, styleOverride);
    case 'delete':
      return deleteValue(text, op.path);
    case 'merge': {
      if (!isPlainObject(op.value))
        throw new ConfigPatchError(`Cannot merge into ${formatPath(op.path)}: the value to merge must be an object`);
      return mergeValue(text, op.path, op.value, styleOverride);
    }
    case 'append-unique':
      return appendUnique(text, op.path, op.value, styleOverride);
    default:
      throw new ConfigPatchError(`Unknown patch operation ${JSON.stringify((op as {op?: unknown}).op)}`);
  }
}

function setValue(text: string, path: JsonPath, rawValue: unknown, styleOverride?: FileStyle): string {
  const value = toPrintable(rawValue);
  if (value === undefined) return deleteValue(text, path);
  const {doc, style} = load(text, styleOverride);
  const w = walk(doc, path, path);
  if (w.depth === path.length) {
    const current = nodeValue(w.node);
    if (deepEqual(current, value)) return text;
    // Object over object: edit key by key so untouched keys keep their comments.
    if (w.node.type === 'object' && isPlainObject(value)) {
      let out = text;
      for (const [k, v] of Object.entries(value)) out = setValue(out, [...path, k], v, styleOverride);
      const currentKeys = Object.keys(current as object);
      for (const k of currentKeys) {
        if (!Object.hasOwn(value, k) || toPrintable(value[k]) === undefined) out = deleteValue(out, [...path, k]);
      }
      return out;
    }
    if (w.node.type === 'array' && Array.isArray(value) && value.length === w.node.elements.length) {
      let out = text;
      value.forEach((v, i) => {
        out = setValue(out, [...path, i], v, styleOverride);
      });
      return out;
    }
    if (path.length === 0 && !isPlainObject(value))
      throw new ConfigPatchError('Cannot replace the whole config with a non-object');
    const parent = w.chain[w.chain.length - 1] ?? null;
    const printStyle = styleFor(doc, style, parent, w.chain.slice(0, -1));
    return applyEdits(text, [guardPrint(path, () => replaceValueEdit(doc, w.node, value, printStyle))]);
  }
  // Missing from segment w.depth on: insert into the deepest existing container.
  const container = w.node as Container;
  const seg = path[w.depth]!;
  const nested = nest(path.slice(w.depth + 1), value, path);
  const printStyle = styleFor(doc, style, container, w.chain);
  if (container.type === 'array') {
    if (arrayIndex(seg) !== container.elements.length) {
      throw new ConfigPatchError(
        `Cannot edit ${formatPath(path)}: index ${seg} is past the end of ${formatPath(path.slice(0, w.depth))} (length ${container.elements.length})`,
      );
    }
    return applyEdits(
      text,
      guardPrint(path, () => insertItemEdits(doc, style, container, undefined, nested, printStyle, w.chain)),
    );
  }
  return applyEdits(
    text,
    guardPrint(path, () => insertItemEdits(doc, style, container, String(seg), nested, printStyle, w.chain)),
  );
}

function deleteValue(text: string, path: JsonPath): string {
  if (path.length === 0) throw new ConfigPatchError('Cannot delete the whole config');
  let out = text;
  // Remove every occurrence of a duplicated key, last first.
  for (;;) {
    const {doc} = load(out);
    let w: Walk;
    try {
      w = walk(doc, path.slice(0, -1), path);
    } catch (err) {
      if (err instanceof ConfigPatchError) return out; // through a scalar: nothing there to delete
      throw err;
    }
    if (w.depth < path.length - 1) return out;
    const parent = w.node;
    const seg = path[path.length - 1]!;
    let index = -1;
    if (parent.type === 'object') {
      const key = String(seg);
      for (let j = parent.members.length - 1; j >= 0 && index === -1; j--)
        if (parent.members[j]!.key === key) index = j;
    } else if (parent.type === 'array') {
      const i = arrayIndex(seg);
      if (i !== undefined && i < parent.elements.length) index = i;
    }
    if (index === -1) return out;
    out = applyEdits(out, removeItemEdits(doc, parent as Container, index));
    if (parent.type === 'array') return out;
  }
}

function mergeValue(text: string, path: JsonPath, value: Record<string, unknown>, styleOverride?: FileStyle): string {
  const {doc} = load(text, styleOverride);
  const w = walk(doc, path, path);
  if (w.depth < path.length || w.node.type !== 'object') return setValue(text, path, value, styleOverride);
  let out = text;
  const current = nodeValue(w.node) as Record<string, unknown>;
  for (const [k, v] of Object.entries(value)) {
    const printable = toPrintable(v);
    if (printable === undefined) continue;
    if (isPlainObject(printable) && isPlainObject(current[k]))
      out = mergeValue(out, [...path, k], printable, styleOverride);
    else out = setValue(out, [...path, k], printable, styleOverride);
  }
  return out;
}

function appendUnique(text: string, path: JsonPath, rawValue: unknown, styleOverride?: FileStyle): string {
  const value = toPrintable(rawValue);
  const {doc, style} = load(text, styleOverride);
  const w = walk(doc, path, path);
  if (w.depth < path.length) return setValue(text, path, [value], styleOverride);
  const node = w.node;
  if (node.type !== 'array') {
    throw new ConfigPatchError(`Cannot append to ${formatPath(path)}: it is ${describe(node)}, not an array`);
  }
  if (node.elements.some((e) => deepEqual(nodeValue(e.value), value))) return text;
  const printStyle = styleFor(doc, style, node, w.chain);
  return applyEdits(
    text,
    guardPrint(path, () => insertItemEdits(doc, style, node, undefined, value, printStyle, w.chain)),
  );
}
