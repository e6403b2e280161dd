/**
 * Every corpus file × every stack through the real text editor: the result
 * parses, equals the plan applied to the parsed value (so nothing else
 * changed), keeps every comment, stays JSON when it was JSON, and planning
 * again on it gives no ops.
 */
import {describe, expect, it} from 'vitest';
import {readdirSync, readFileSync} from 'node:fs';
import JSON5 from 'json5';
import {applyPatch, ConfigPatchError} from '../../src/config/index.js';
import {planStack, STACK_IDS, StackConfigError} from '../../src/core/stacks.js';
import {STACK_ANSWERS} from './answers.js';
import {applyOps} from './apply-ops.js';

const DIR = new URL('../fixtures/configs/', import.meta.url);
const FILES = readdirSync(DIR)
  .filter((f) => f.endsWith('.json5'))
  .sort();

/** Comments in JSON5 text, skipping string contents. */
function commentsOf(text: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'") {
      for (i++; i < text.length && text[i] !== c; i++) if (text[i] === '\\') i++;
    } else if (c === '/' && text[i + 1] === '/') {
      const end = text.indexOf('\n', i);
      const stop = end < 0 ? text.length : end;
      out.push(text.slice(i, stop).replace(/\r$/, ''));
      i = stop;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end < 0 ? text.length : end + 2;
      out.push(text.slice(i, stop));
      i = stop - 1;
    }
  }
  return out;
}

const ALLOWED_PREFIXES = [
  'models.mode',
  'models.providers.',
  'agents.defaults.model',
  'agents.defaults.models',
  'agents.defaults.modelPolicy.allow',
  'gateway.mode',
];

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

describe('corpus × stacks', () => {
  expect(FILES.length).toBeGreaterThanOrEqual(79);
  for (const file of FILES) {
    const text = readFileSync(new URL(file, DIR), 'utf8');
    let parsed: unknown;
    let parseFailed = false;
    try {
      parsed = JSON5.parse(text);
    } catch {
      parseFailed = true;
    }
    if (parseFailed) {
      it(`${file}: unparsable, the editor refuses with a position`, () => {
        const p = planStack('lmstudio', {}, {});
        let err: unknown;
        try {
          applyPatch(text, p.ops);
        } catch (e) {
          err = e;
        }
        expect(err).toBeInstanceOf(ConfigPatchError);
        expect((err as ConfigPatchError).line).toBeGreaterThan(0);
      });
      continue;
    }
    describe(file, () => {
      for (const stack of STACK_IDS) {
        it(stack, () => {
          let plan;
          try {
            plan = planStack(stack, parsed, STACK_ANSWERS[stack]);
          } catch (e) {
            // Only a config shape setup cannot patch may stop it, with a clear message.
            expect(e).toBeInstanceOf(StackConfigError);
            return;
          }
          for (const op of plan.ops) {
            const dotted = op.path.join('.');
            expect(
              ALLOWED_PREFIXES.some(
                (p) =>
                  dotted === p || dotted.startsWith(p.endsWith('.') ? p : `${p}.`) || dotted === p.replace(/\.$/, ''),
              ),
              dotted,
            ).toBe(true);
            if (dotted.startsWith('models.providers.')) expect(op.path[2]).toBe(plan.providerId);
          }
          const out = applyPatch(text, plan.ops);
          const value = JSON5.parse(out);
          expect(value).toEqual(applyOps(parsed, plan.ops));
          const before = commentsOf(text);
          const after = commentsOf(out);
          for (const c of before) expect(after, c).toContain(c);
          expect(after.length).toBe(before.length);
          if (isJson(text)) expect(isJson(out)).toBe(true);
          if (text.includes('\r\n')) expect(out.replace(/\r\n/g, '')).not.toContain('\n');
          expect(out.startsWith(text.slice(0, text.search(/\S/) + 1))).toBe(true);
          expect(planStack(stack, value, STACK_ANSWERS[stack]).ops).toEqual([]);
          expect(applyPatch(out, planStack(stack, value, STACK_ANSWERS[stack]).ops)).toBe(out);
        });
      }
    });
  }
});
