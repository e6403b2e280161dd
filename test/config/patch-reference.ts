/**
 * Test-only reference semantics of PatchOp on plain JS values (what applyPatch
 * must produce, as seen through json5.parse). Throws where applyPatch must
 * throw ConfigPatchError.
 */
import type {JsonPath, PatchOp} from '../../src/core/types/config.js';

export class PatchReferenceError extends Error {}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((v, i) => deepEqual(v, b[i]));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => Object.hasOwn(b, k) && deepEqual(a[k], b[k]));
  }
  return false;
}

/** Array index of a segment: numbers and digit strings. */
const idx = (seg: string | number): number | undefined =>
  typeof seg === 'number' ? seg : /^(0|[1-9]\d*)$/.test(seg) ? Number(seg) : undefined;

const clone = <T>(v: T): T => (v === undefined ? v : structuredClone(v));

function own(o: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(o, key, {value, writable: true, enumerable: true, configurable: true});
}

/** The container holding path's last segment, creating missing objects. */
function parentFor(root: Record<string, unknown>, path: JsonPath): Record<string, unknown> | unknown[] {
  let cur: unknown = root;
  for (let i = 0; i < path.length - 1; i++) {
    const seg = path[i]!;
    if (Array.isArray(cur)) {
      const n = idx(seg);
      if (n === undefined) throw new PatchReferenceError('string index into array');
      if (n > cur.length) throw new PatchReferenceError('index past end');
      if (n === cur.length) {
        if (typeof path[i + 1] === 'number') throw new PatchReferenceError('index of a missing array');
        cur.push({});
      }
      cur = cur[n];
    } else if (isObject(cur)) {
      const key = String(seg);
      if (!Object.hasOwn(cur, key)) {
        if (typeof path[i + 1] === 'number') throw new PatchReferenceError('index of a missing array');
        own(cur, key, {});
      }
      cur = cur[key];
    } else {
      throw new PatchReferenceError('through a scalar');
    }
  }
  if (!Array.isArray(cur) && !isObject(cur)) throw new PatchReferenceError('through a scalar');
  return cur;
}

function get(root: unknown, path: JsonPath): {found: boolean; value?: unknown; throughScalar?: boolean} {
  let cur = root;
  for (const seg of path) {
    if (Array.isArray(cur)) {
      const n = idx(seg);
      if (n === undefined) return {found: false, throughScalar: true};
      if (n >= cur.length) return {found: false};
      cur = cur[n];
    } else if (isObject(cur)) {
      if (!Object.hasOwn(cur, String(seg))) return {found: false};
      cur = cur[String(seg)];
    } else {
      return {found: false, throughScalar: true};
    }
  }
  return {found: true, value: cur};
}

function setAt(root: Record<string, unknown>, path: JsonPath, value: unknown): void {
  if (path.length === 0) throw new PatchReferenceError('root');
  const parent = parentFor(root, path);
  const seg = path[path.length - 1]!;
  if (Array.isArray(parent)) {
    const n = idx(seg);
    if (n === undefined || n > parent.length) throw new PatchReferenceError('bad index');
    parent[n] = clone(value);
  } else {
    own(parent, String(seg), clone(value));
  }
}

function mergeInto(root: Record<string, unknown>, path: JsonPath, value: Record<string, unknown>): void {
  const cur = get(root, path);
  if (!cur.found || !isObject(cur.value)) {
    setAt(root, path, value);
    return;
  }
  for (const [k, v] of Object.entries(value)) {
    if (isObject(v) && isObject(cur.value[k])) mergeInto(root, [...path, k], v);
    else setAt(root, [...path, k], v);
  }
}

/** Apply one op to a (mutable) config object. */
export function referenceApply(root: Record<string, unknown>, op: PatchOp): void {
  switch (op.op) {
    case 'set':
      setAt(root, op.path, op.value);
      return;
    case 'merge':
      mergeInto(root, op.path, op.value);
      return;
    case 'append-unique': {
      const cur = get(root, op.path);
      if (!cur.found) {
        if (cur.throughScalar) throw new PatchReferenceError('through a scalar');
        setAt(root, op.path, [op.value]);
      } else if (!Array.isArray(cur.value)) {
        throw new PatchReferenceError('not an array');
      } else if (!cur.value.some((e) => deepEqual(e, op.value))) {
        cur.value.push(clone(op.value));
      }
      return;
    }
    case 'delete': {
      const parent = get(root, op.path.slice(0, -1));
      if (!parent.found) return;
      const seg = op.path[op.path.length - 1]!;
      if (Array.isArray(parent.value)) {
        const n = idx(seg);
        if (n !== undefined && n < parent.value.length) parent.value.splice(n, 1);
      } else if (isObject(parent.value)) {
        delete parent.value[String(seg)];
      }
      return;
    }
  }
}
