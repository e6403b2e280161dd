import JSON5 from 'json5';
import {describe, expect, it} from 'vitest';
import {nodeValue, parseJson5Document, tokenize, Json5SyntaxError} from '../../src/config/json5/index.js';
import {readCorpus} from './json5-helpers.js';

const corpus = readCorpus();

/** Our parse vs json5.parse: same value, or the same error message and position. */
function compare(text: string): void {
  let expected: unknown;
  let expectedError: (SyntaxError & {lineNumber?: number; columnNumber?: number}) | undefined;
  try {
    expected = JSON5.parse(text);
  } catch (err) {
    expectedError = err as SyntaxError;
  }
  if (expectedError) {
    let ours: unknown;
    try {
      parseJson5Document(text);
    } catch (err) {
      ours = err;
    }
    expect(ours, `json5 rejects ${JSON.stringify(text)} with ${expectedError.message}`).toBeInstanceOf(
      Json5SyntaxError,
    );
    const e = ours as Json5SyntaxError;
    expect(e.message).toBe(expectedError.message);
    expect([e.line, e.column]).toEqual([expectedError.lineNumber, expectedError.columnNumber]);
  } else {
    expect(nodeValue(parseJson5Document(text).root)).toEqual(expected);
  }
}

describe('JSON5 parser on the config corpus', () => {
  it('has the corpus (79 configs, 3 broken)', () => {
    expect(corpus.length).toBe(79);
    expect(corpus.filter((f) => f.name.includes('BAD')).length).toBe(3);
  });

  for (const {name, text} of corpus) {
    it(`${name}: same value or same error as json5`, () => {
      compare(text);
      if (!name.includes('BAD')) {
        // Tokens tile the text: together they are every byte, in order.
        const tokens = tokenize(text);
        expect(tokens.map((t) => text.slice(t.start, t.end)).join('')).toBe(text);
        for (let i = 1; i < tokens.length; i++) expect(tokens[i]!.start).toBe(tokens[i - 1]!.end);
      }
    });
  }

  it('broken corpus files fail at json5 positions', () => {
    const errors = corpus
      .filter((f) => f.name.includes('BAD'))
      .map(({text}) => {
        try {
          parseJson5Document(text);
          return 'parsed';
        } catch (err) {
          return (err as Error).message;
        }
      });
    expect(errors).toEqual([
      "JSON5: invalid character '{' at 117:21",
      "JSON5: invalid character '#' at 1:1",
      `JSON5: invalid character '\\"' at 697:7`,
    ]);
  });
});

describe('JSON5 parser: the grammar', () => {
  const values: [string, unknown][] = [
    ['{default: 1, class: 2, new: 3, if: 4}', {default: 1, class: 2, new: 3, if: 4}],
    ['{$include: "./a.json5", _x: 1, $: 2, ünï: 3, 变量: 4}', {$include: './a.json5', _x: 1, $: 2, ünï: 3, 变量: 4}],
    ['{\\u0061b: 1, a\\u0062c: 2}', {ab: 1, abc: 2}],
    [
      '[0x1F, 0XfF, -0x10, .5, 5., +1, -1.5e3, 1E-2, Infinity, -Infinity, +Infinity]',
      [31, 255, -16, 0.5, 5, 1, -1500, 0.01, Infinity, -Infinity, Infinity],
    ],
    ['[NaN, -NaN]', [NaN, NaN]],
    [
      `['single "q"', "double 'q'", '\\x41\\u00e9\\0\\b\\f\\n\\r\\t\\v\\'\\"\\\\\\/\\a']`,
      ['single "q"', "double 'q'", 'Aé\0\b\f\n\r\t\v\'"\\/a'],
    ],
    ['"line\\\ncontinued\\\r\nagain\\\u2028end"', 'linecontinuedagainend'],
    ['\uFEFF\u00A0\u2028\u2029\u3000\t\v\f {a:1,}', {a: 1}],
    ['// c\n{/* x */a/* y */:/* z */[1,/**/2,],// t\n}// end', {a: [1, 2]}],
    ['{"a":1,"a":2}', {a: 2}],
    ['{"__proto__": 1}', JSON5.parse('{"__proto__": 1}')],
    ['"emoji 🦞 \\uD83E\\uDD9E"', 'emoji 🦞 🦞'],
    ['{𝑥: 1, a𝑦: 2, ab\u200C: 3}', {𝑥: 1, a𝑦: 2, 'ab\u200C': 3}],
    ['true', true],
    ['null', null],
    ['[]', []],
  ];
  for (const [text, value] of values) {
    it(`parses ${JSON.stringify(text)}`, () => {
      expect(nodeValue(parseJson5Document(text).root)).toEqual(value);
      compare(text);
    });
  }

  it('gives exact spans for members and values', () => {
    const text = '{ a: \'x\', "b" : [1, 2,], }';
    const root = parseJson5Document(text).root;
    if (root.type !== 'object') throw new Error('expected object');
    const [a, b] = root.members;
    expect(text.slice(a!.keyStart, a!.keyEnd)).toBe('a');
    expect(text.slice(a!.value.start, a!.value.end)).toBe("'x'");
    expect(a!.keyQuote).toBeNull();
    expect(b!.keyQuote).toBe('"');
    expect(text.slice(b!.value.start, b!.value.end)).toBe('[1, 2,]');
    expect(text[b!.comma]).toBe(',');
    expect(text.slice(root.start, root.end)).toBe(text);
  });

  const broken = [
    '',
    '   ',
    '// only a comment',
    '{',
    '{a',
    '{a:',
    '{a:1',
    '{a:1,',
    '{a 1}',
    '{a:1 b:2}',
    '{,}',
    '{a:1,,}',
    '[1,,2]',
    '[1 2]',
    '{1: 2}',
    '{a-b: 1}',
    '{a: tru}',
    '{a: nul}',
    '{a: undefined}',
    '{a: 01}',
    '{a: 0x}',
    '{a: 1e}',
    '{a: 1e+}',
    '{a: .}',
    '{a: -}',
    '{a: - 1}',
    '{a: +-1}',
    '{a: Infinit}',
    '{a: "x\ny"}',
    "{a: 'x\ry'}",
    '{a: "\\1"}',
    '{a: "\\01"}',
    '{a: "\\x4"}',
    '{a: "\\u12G4"}',
    '{a: "unterminated',
    '{a: "x"} extra',
    '{a: 1}}',
    '{a: `tpl`}',
    '{a: 1} /',
    '{a: 1} /x',
    '{a: 1 /* open',
    '# hash\n{}',
    '{\\u0030a: 1}',
    '{a\\u002Db: 1}',
    '{\\x41: 1}',
    '\n\n  {\r\n  "a": 1\r\n  "b": 2}',
    '{a: "🦞" x}',
    '{a: 1, 🦞: 2}',
    '\u2028{a: \u2028 x}',
  ];
  for (const text of broken) {
    it(`rejects ${JSON.stringify(text)} exactly like json5`, () => compare(text));
  }
});
