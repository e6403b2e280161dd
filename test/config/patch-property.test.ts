import fc from 'fast-check';
import JSON5 from 'json5';
import {describe, expect, it} from 'vitest';
import {applyPatch, ConfigPatchError, getAt} from '../../src/config/patch.js';
import type {JsonPath, PatchOp} from '../../src/core/types/config.js';
import {jsonArb, objectArb, printJson5, printOptionsArb, strictJsonOptions, type Json} from './json5-arbitraries.js';
import {referenceApply, PatchReferenceError} from './patch-reference.js';
import {commentsOf, isStrictJson, quietly, readCorpus} from './json5-helpers.js';

/** Every path in a value (so ops hit existing members as well as new ones). */
function pathsOf(value: unknown, prefix: JsonPath = [], out: JsonPath[] = []): JsonPath[] {
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      out.push([...prefix, i]);
      pathsOf(v, [...prefix, i], out);
    });
    out.push([...prefix, value.length]);
  } else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      out.push([...prefix, k]);
      pathsOf(v, [...prefix, k], out);
    }
  }
  return out;
}

interface OpSpec {
  kind: PatchOp['op'];
  pathPick: number;
  extra: string[];
  value: Json;
  mergeValue: {[k: string]: Json};
}

const opSpecArb: fc.Arbitrary<OpSpec> = fc.record({
  kind: fc.constantFrom('set' as const, 'merge' as const, 'append-unique' as const, 'delete' as const),
  pathPick: fc.nat(),
  extra: fc.array(fc.constantFrom('a', 'new', 'models', 'x y', 'default', 'b', '0', '1'), {maxLength: 2}),
  value: jsonArb,
  mergeValue: fc.dictionary(fc.constantFrom('a', 'b', 'new', 'q"k', 'models'), jsonArb, {maxKeys: 3}),
});

/** Turn a spec into a concrete op against the current value. */
function concreteOp(spec: OpSpec, current: unknown): PatchOp {
  const paths = pathsOf(current).filter((p) => p.length > 0);
  const base: JsonPath = paths.length > 0 && spec.pathPick % 4 !== 0 ? paths[spec.pathPick % paths.length]! : [];
  const path = [...base, ...spec.extra];
  if (path.length === 0) path.push('fresh');
  switch (spec.kind) {
    case 'set':
      return {op: 'set', path, value: spec.value};
    case 'merge':
      return {op: 'merge', path, value: spec.mergeValue};
    case 'append-unique':
      return {op: 'append-unique', path, value: spec.value};
    case 'delete':
      return {op: 'delete', path};
  }
}

/** Applies ops one by one to text and to the plain value; they must agree. */
function checkSequence(text0: string, specs: OpSpec[], strict: boolean): void {
  let text = text0;
  let value = quietly(() => JSON5.parse(text0)) as Record<string, unknown>;
  const crlf = text0.includes('\r\n');
  for (const spec of specs) {
    const op = concreteOp(spec, value);
    const expected = structuredClone(value);
    let refError: unknown;
    try {
      referenceApply(expected, op);
    } catch (err) {
      if (!(err instanceof PatchReferenceError)) throw err;
      refError = err;
    }
    if (refError) {
      expect(() => applyPatch(text, [op]), `op ${JSON.stringify(op)} must fail`).toThrow(ConfigPatchError);
      continue;
    }
    const before = text;
    text = applyPatch(text, [op]);
    const parsed = quietly(() => JSON5.parse(text));
    expect(parsed, `after ${JSON.stringify(op)} on\n${before}\n-> \n${text}`).toEqual(expected);
    value = expected;
    // Infinity/NaN have no JSON form: once written, the file is JSON5.
    if (!finite((op as {value?: unknown}).value)) strict = false;
    if (strict)
      expect(() => JSON.parse(text), `strict JSON stays JSON after ${JSON.stringify(op)}:\n${text}`).not.toThrow();
    if (crlf) expect(text.replace(/\r\n/g, '')).not.toMatch(/\n/);
    // Appends and merges into objects replace nothing, so every comment stays.
    const target = getAt(
      quietly(() => JSON5.parse(before)),
      op.path,
    );
    const replacesNothing =
      op.op === 'append-unique' || (op.op === 'merge' && !mergeReplacesContainer(target, op.value));
    if (replacesNothing) expect(commentsOf(text)).toEqual(commentsOf(before));
    // Pure insertions keep every original byte in order; deletions only remove bytes.
    if (op.op !== 'delete' && target === undefined)
      expect(isSubsequence(before, text), `insert kept all bytes:\n${before}\n->\n${text}`).toBe(true);
    if (op.op === 'delete')
      expect(isSubsequence(text, before), `delete only removed bytes:\n${before}\n->\n${text}`).toBe(true);
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Whether a merge overwrites an existing object/array (whose inner comments then go). */
function mergeReplacesContainer(target: unknown, value: Record<string, unknown>): boolean {
  if (target === undefined) return false;
  if (!isObject(target)) return typeof target === 'object' && target !== null;
  return Object.entries(value).some(([k, v]) =>
    isObject(v) && isObject(target[k])
      ? mergeReplacesContainer(target[k], v)
      : typeof target[k] === 'object' && target[k] !== null,
  );
}

/** Whether `small` can be obtained from `big` by removing characters. */
function isSubsequence(small: string, big: string): boolean {
  let j = 0;
  for (let i = 0; i < big.length && j < small.length; i++) if (big[i] === small[j]) j++;
  return j === small.length;
}

function finite(v: unknown): boolean {
  if (typeof v === 'number') return Number.isFinite(v);
  if (Array.isArray(v)) return v.every(finite);
  if (typeof v === 'object' && v !== null) return Object.values(v).every(finite);
  return true;
}

const corpus = readCorpus()
  .filter((f) => !f.name.includes('BAD'))
  .map((f) => f.text);

describe('applyPatch property tests', () => {
  it('random ops on real corpus configs agree with the same ops on the plain value', () => {
    fc.assert(
      fc.property(
        fc.nat({max: corpus.length - 1}),
        fc.array(opSpecArb, {minLength: 1, maxLength: 4}),
        (index, specs) => {
          const text = corpus[index]!;
          checkSequence(text, specs, isStrictJson(text));
        },
      ),
      {numRuns: 60},
    );
  });

  it('random ops on JSON5 documents in random styles agree with the same ops on the plain value', () => {
    fc.assert(
      fc.property(
        objectArb,
        printOptionsArb,
        fc.array(opSpecArb, {minLength: 1, maxLength: 4}),
        (value, options, specs) => {
          checkSequence(printJson5(value, options), specs, false);
        },
      ),
      {numRuns: 200},
    );
  });

  it('plain-JSON documents stay strict JSON', () => {
    fc.assert(
      fc.property(objectArb, fc.array(opSpecArb, {minLength: 1, maxLength: 4}), (value, specs) => {
        // Only JSON-representable values (finite numbers) keep a file JSON.
        fc.pre(finite(value) && specs.every((s) => finite(s.value) && finite(s.mergeValue)));
        const text = JSON.stringify(value, null, 2) + '\n';
        checkSequence(text, specs, true);
      }),
      {numRuns: 150},
    );
  });

  it('plain-JSON documents printed by our styled printer stay strict JSON too', () => {
    fc.assert(
      fc.property(
        objectArb,
        fc.integer({min: 1, max: 1000}),
        fc.array(opSpecArb, {minLength: 1, maxLength: 3}),
        (value, seed, specs) => {
          fc.pre(finite(value) && specs.every((s) => finite(s.value) && finite(s.mergeValue)));
          const text = printJson5(value, strictJsonOptions(seed));
          expect(() => JSON.parse(text)).not.toThrow();
          checkSequence(text, specs, true);
        },
      ),
      {numRuns: 100},
    );
  });
});

describe('one-line containers that grow past the line width', () => {
  const key = fc.constantFrom('a', 'b', 'models', 'x/y', '$include', 'defaults', 'long-key-name');
  const scalar = fc.oneof(fc.string({minLength: 10, maxLength: 60}), fc.integer(), fc.boolean(), fc.constant(null));
  const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
    v: fc.oneof(
      {depthSize: 'small'},
      scalar,
      fc.array(tie('v'), {maxLength: 3}),
      fc.dictionary(key, tie('v'), {maxKeys: 3}),
    ),
  })).v;
  const oneLine = (v: unknown, pad: string): string => {
    if (Array.isArray(v)) return `[${v.map((x) => oneLine(x, pad)).join(', ')}]`;
    if (v !== null && typeof v === 'object') {
      const e = Object.entries(v);
      return e.length
        ? `{${pad}${e.map(([k, x]) => `${JSON.stringify(k)}: ${oneLine(x, pad)}`).join(', ')}${pad}}`
        : '{}';
    }
    return JSON.stringify(v);
  };

  it('inserts keep the meaning and every byte, however the containers are opened', () => {
    const docArb = fc.dictionary(key, fc.dictionary(key, value, {maxKeys: 4}), {minKeys: 1, maxKeys: 4});
    const setArb = fc.array(fc.tuple(fc.array(key, {minLength: 1, maxLength: 4}), value), {minLength: 1, maxLength: 4});
    fc.assert(
      fc.property(docArb, fc.constantFrom('', ' '), fc.boolean(), setArb, (doc, pad, trailing, sets) => {
        const rows = Object.entries(doc).map(([k, v]) => `  ${JSON.stringify(k)}: ${oneLine(v, pad)}`);
        let text = `{\n${rows.join(',\n')}${trailing ? ',' : ''}\n}\n`;
        for (const [path, v] of sets) {
          const op: PatchOp = {op: 'set', path, value: v};
          const expected = JSON5.parse(text) as Record<string, unknown>;
          try {
            referenceApply(expected, op);
          } catch (err) {
            if (err instanceof PatchReferenceError) continue;
            throw err;
          }
          const before = text;
          text = applyPatch(text, [op]);
          expect(JSON5.parse(text)).toEqual(expected);
          if (getAt(JSON5.parse(before), path) === undefined)
            expect(isSubsequence(before, text), `${before}\n->\n${text}`).toBe(true);
        }
      }),
      {numRuns: 300},
    );
  });
});
