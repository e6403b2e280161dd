import fc from 'fast-check';
import JSON5 from 'json5';
import {describe, expect, it} from 'vitest';
import {nodeValue, parseJson5Document, tokenize} from '../../src/config/json5/index.js';
import {parseJson5} from '../../src/config/json5/parser.js';
import {jsonArb, printJson5, printOptionsArb} from './json5-arbitraries.js';
import {quietly, readCorpusFile} from './json5-helpers.js';

type Outcome = {ok: true; value: unknown} | {ok: false; message: string};

function json5Outcome(text: string): Outcome {
  try {
    return {ok: true, value: JSON5.parse(text)};
  } catch (err) {
    return {ok: false, message: (err as Error).message};
  }
}

function ourOutcome(text: string): Outcome {
  try {
    // The one-pass value (what readConfig uses) must equal the tree's value.
    const {value} = parseJson5(text);
    expect(value).toEqual(nodeValue(parseJson5Document(text).root));
    return {ok: true, value};
  } catch (err) {
    return {ok: false, message: (err as Error).message};
  }
}

describe('JSON5 tokenizer fuzz', () => {
  it('generated documents in random styles parse exactly as json5.parse', () => {
    fc.assert(
      fc.property(jsonArb, printOptionsArb, (value, options) => {
        const text = printJson5(value, options);
        const expected = JSON5.parse(text);
        expect(nodeValue(parseJson5Document(text).root)).toEqual(expected);
        expect(parseJson5(text).value).toEqual(expected);
        expect(
          tokenize(text)
            .map((t) => text.slice(t.start, t.end))
            .join(''),
        ).toBe(text);
      }),
      {numRuns: 300},
    );
  });

  it('printed values round-trip to the generated value', () => {
    fc.assert(
      fc.property(jsonArb, printOptionsArb, (value, options) => {
        expect(nodeValue(parseJson5Document(printJson5(value, options)).root)).toEqual(value);
      }),
      {numRuns: 200},
    );
  });

  const interesting = [
    '{',
    '}',
    '[',
    ']',
    ',',
    ':',
    '"',
    "'",
    '\\',
    '/',
    '*',
    '\n',
    '\r',
    'x',
    '0',
    '.',
    '-',
    'e',
    'u',
    ' ',
    '\u2028',
    '🦞',
    'I',
  ];

  it('mutated documents: same value, or the same error at the same line:column', () => {
    const mutation = fc.record({
      seed: fc.integer({min: 0, max: 1e9}),
      kind: fc.constantFrom('delete', 'insert', 'replace'),
      ch: fc.constantFrom(...interesting),
    });
    fc.assert(
      fc.property(
        jsonArb,
        printOptionsArb,
        fc.array(mutation, {minLength: 1, maxLength: 3}),
        (value, options, mutations) => {
          let text = printJson5(value, options);
          for (const m of mutations) {
            const at = text.length === 0 ? 0 : m.seed % text.length;
            if (m.kind === 'delete') text = text.slice(0, at) + text.slice(at + 1);
            else if (m.kind === 'insert') text = text.slice(0, at) + m.ch + text.slice(at);
            else text = text.slice(0, at) + m.ch + text.slice(at + 1);
          }
          const expected = quietly(() => json5Outcome(text));
          expect(ourOutcome(text)).toEqual(expected);
        },
      ),
      {numRuns: 400},
    );
  });

  it('mutated corpus files: same value or same error', () => {
    const text0 = readCorpusFile('024-unraid-vllm-heavily-commented.json5');
    fc.assert(
      fc.property(fc.integer({min: 0, max: text0.length - 1}), fc.constantFrom(...interesting, ''), (at, ch) => {
        const text = text0.slice(0, at) + ch + text0.slice(at + 1);
        expect(ourOutcome(text)).toEqual(quietly(() => json5Outcome(text)));
      }),
      {numRuns: 120},
    );
  });
});
