/**
 * Reference semantics of PatchOp on plain values (no text), used to check
 * plans independently of the JSON5 text editor.
 */
import type {JsonPath, PatchOp} from '../../src/config/index.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function equal(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function parentOf(root: Obj, path: JsonPath): Obj | unknown[] {
  let cur: unknown = root;
  for (const key of path.slice(0, -1)) {
    const c = cur as Obj;
    if (c[key as string] === undefined) c[key as string] = {};
    cur = c[key as string];
    if (typeof cur !== 'object' || cur === null) throw new Error(`cannot descend into ${String(key)}`);
  }
  return cur as Obj;
}

export function applyOps<T>(value: T, ops: PatchOp[]): T {
  const root = structuredClone(value ?? {}) as Obj;
  for (const op of ops) {
    const parent = parentOf(root, op.path) as Obj;
    const last = op.path[op.path.length - 1] as string;
    if (op.op === 'set') parent[last] = structuredClone(op.value);
    else if (op.op === 'delete') delete parent[last];
    else if (op.op === 'merge') parent[last] = {...(isObj(parent[last]) ? parent[last] : {}), ...structuredClone(op.value)};
    else {
      const arr = (parent[last] ??= []) as unknown[];
      if (!arr.some((x) => equal(x, op.value))) arr.push(structuredClone(op.value));
    }
  }
  return root as T;
}

export function get(value: unknown, path: (string | number)[]): unknown {
  let cur = value;
  for (const k of path) {
    if (typeof cur !== 'object' || cur === null) return undefined;
    cur = (cur as Obj)[k as string];
  }
  return cur;
}
