import JSON5 from 'json5';
import {describe, expect, it} from 'vitest';
import {applyPatch, ConfigPatchError, getAt} from '../../src/config/patch.js';
import {unifiedDiff} from '../../src/config/diff.js';
import {parseJson5Document, type ValueNode} from '../../src/config/json5/index.js';
import type {JsonPath, PatchOp} from '../../src/core/types/config.js';
import {referenceApply} from './patch-reference.js';
import {commentsOf, isStrictJson as isPlainJson, readCorpus} from './json5-helpers.js';

const files = readCorpus();
const good = files.filter((f) => !f.name.includes('BAD'));
const bad = files.filter((f) => f.name.includes('BAD'));

const lmstudio = {
  baseUrl: 'http://127.0.0.1:1234/v1',
  apiKey: 'lmstudio',
  api: 'openai-completions',
  models: [
    {
      id: 'qwen/qwen3-8b',
      name: 'Qwen3 8B (LM Studio)',
      contextWindow: 32768,
      maxTokens: 8192,
      reasoning: false,
      input: ['text'],
    },
  ],
};

/**
 * A member to delete: the first scalar leaf (depth >= 2) whose lines hold no
 * comment, so "every comment survives" stays a fair check.
 */
function deletablePath(text: string): JsonPath | undefined {
  const doc = parseJson5Document(text);
  const comments = doc.tokens.filter((t) => t.type === 'lineComment' || t.type === 'blockComment');
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const lineOf = (offset: number): number => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
  const visit = (node: ValueNode, path: JsonPath): JsonPath | undefined => {
    if (node.type !== 'object') return undefined;
    for (const m of node.members) {
      const p = [...path, m.key];
      const isLastOccurrence = node.members.filter((x) => x.key === m.key).length === 1;
      if (isLastOccurrence && m.value.type !== 'object' && m.value.type !== 'array' && p.length >= 2) {
        const first = lineOf(m.keyStart);
        const last = lineOf(m.value.end) + 1;
        if (!comments.some((c) => lineOf(c.start) >= first && lineOf(c.start) <= last)) return p;
      }
      const inner = visit(m.value, p);
      if (inner) return inner;
    }
    return undefined;
  };
  return visit(doc.root, []);
}

function opsFor(text: string): {label: string; op: PatchOp}[] {
  const ops: {label: string; op: PatchOp}[] = [
    {label: 'set provider', op: {op: 'set', path: ['models', 'providers', 'lmstudio'], value: lmstudio}},
    {
      label: 'merge model',
      op: {op: 'merge', path: ['agents', 'defaults', 'model'], value: {primary: 'lmstudio/qwen/qwen3-8b'}},
    },
    {
      label: 'append allow',
      op: {op: 'append-unique', path: ['agents', 'defaults', 'modelPolicy', 'allow'], value: 'lmstudio/qwen/qwen3-8b'},
    },
    {label: 'set scalar', op: {op: 'set', path: ['gateway', 'port'], value: 18790}},
  ];
  const del = deletablePath(text);
  if (del) ops.push({label: `delete ${del.join('.')}`, op: {op: 'delete', path: del}});
  return ops;
}

function expectedAfter(text: string, ops: PatchOp[]): unknown {
  const value = JSON5.parse(text) as Record<string, unknown>;
  for (const op of ops) referenceApply(value, op);
  return value;
}

function removedLines(before: string, after: string): number {
  return unifiedDiff(before, after, 'x')
    .split('\n')
    .filter((l) => l.startsWith('-') && !l.startsWith('---')).length;
}

describe('applyPatch on the config corpus', () => {
  it('has 76 parseable files and 3 broken ones', () => {
    expect(good.length).toBe(76);
    expect(bad.length).toBe(3);
  });

  for (const {name, text} of good) {
    describe(name, () => {
      it('no ops: byte-identical', () => {
        expect(applyPatch(text, [])).toBe(text);
      });

      for (const {label, op} of opsFor(text)) {
        it(label, () => {
          const out = applyPatch(text, [op]);
          expect(out).not.toBe(text);
          expect(JSON5.parse(out)).toEqual(expectedAfter(text, [op]));
          expect(commentsOf(out)).toEqual(commentsOf(text));
          if (isPlainJson(text)) expect(isPlainJson(out)).toBe(true);
          if (text.includes('\r\n')) expect(out.replace(/\r\n/g, '')).not.toContain('\n');
          // Minimal edits: a new member changes at most the line that gains a comma;
          // replacing a scalar changes its line; a delete removes the member's line and
          // the comma before it, or collapses a now-empty parent to {} (3 lines).
          const replacesExisting =
            op.op === 'set' && getAt(JSON5.parse(text), op.path) !== undefined && typeof op.value === 'object';
          if (!replacesExisting) expect(removedLines(text, out)).toBeLessThanOrEqual(op.op === 'delete' ? 3 : 2);
          expect(out.endsWith('\n')).toBe(text.endsWith('\n'));
        });
      }

      it('all ops in one patch', () => {
        const ops = opsFor(text).map((o) => o.op);
        const out = applyPatch(text, ops);
        expect(JSON5.parse(out)).toEqual(expectedAfter(text, ops));
        expect(commentsOf(out)).toEqual(commentsOf(text));
        if (isPlainJson(text)) expect(isPlainJson(out)).toBe(true);
        // Applying the same patch again changes nothing (set/merge/append are idempotent; delete is done).
        expect(applyPatch(out, ops)).toBe(out);
      });
    });
  }

  for (const {name, text} of bad) {
    it(`${name}: ConfigPatchError at json5's line`, () => {
      let json5Error: {lineNumber: number; columnNumber: number} | undefined;
      try {
        JSON5.parse(text);
      } catch (err) {
        json5Error = err as {lineNumber: number; columnNumber: number};
      }
      expect(json5Error).toBeDefined();
      let thrown: unknown;
      let result: string | undefined;
      try {
        result = applyPatch(text, [{op: 'set', path: ['models', 'providers', 'lmstudio'], value: lmstudio}]);
      } catch (err) {
        thrown = err;
      }
      expect(result).toBeUndefined();
      expect(thrown).toBeInstanceOf(ConfigPatchError);
      const e = thrown as ConfigPatchError;
      expect(e.line).toBe(json5Error!.lineNumber);
      expect(e.column).toBe(json5Error!.columnNumber);
      expect(e.message).toContain(`line ${e.line}, column ${e.column}`);
    });
  }
});
