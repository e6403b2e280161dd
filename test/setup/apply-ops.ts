/**
 * Reference semantics of PatchOp on plain values (no text), used to check
 * plans independently of the JSON5 text editor: the same reference the
 * editor's own property tests use.
 */
import type {PatchOp} from '../../src/config/index.js';
import {referenceApply} from '../config/patch-reference.js';

type Obj = Record<string, unknown>;

export function applyOps<T>(value: T, ops: PatchOp[]): T {
  const root = structuredClone(value ?? {}) as Obj;
  for (const op of ops) referenceApply(root, op);
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
