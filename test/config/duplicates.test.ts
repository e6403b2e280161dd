import {describe, expect, it} from 'vitest';
import {findDuplicateKeys} from '../../src/config/duplicates.js';
import {readCorpusFile} from './json5-helpers.js';

describe('findDuplicateKeys', () => {
  it('reports every occurrence but the last, with dotted path and 1-based line/column', () => {
    const text = [
      '{',
      '  a: 1,',
      '  nested: {x: 1, "x": 2, \'x\': 3},',
      '  a: 2,',
      '  list: [{id: 1, id: 2}],',
      '  a: 3,',
      '}',
    ].join('\n');
    expect(findDuplicateKeys(text)).toEqual([
      {path: 'a', line: 2, column: 3},
      {path: 'nested.x', line: 3, column: 12},
      {path: 'nested.x', line: 3, column: 18},
      {path: 'a', line: 4, column: 3},
      {path: 'list[0].id', line: 5, column: 11},
    ]);
  });

  it('compares keys after unescaping', () => {
    expect(findDuplicateKeys('{ab: 1, "a\\u0062": 2, \\u0061b: 3}')).toEqual([
      {path: 'ab', line: 1, column: 2},
      {path: 'ab', line: 1, column: 9},
    ]);
  });

  it('reports duplicates inside a shadowed value too', () => {
    expect(findDuplicateKeys('{a: {b: 1, b: 2}, a: {}}').map((d) => d.path)).toEqual(['a', 'a.b']);
  });

  it('counts lines at \\n, also in CRLF files', () => {
    expect(findDuplicateKeys('{\r\n  "k": 1,\r\n  "k": 2\r\n}')).toEqual([{path: 'k', line: 2, column: 3}]);
  });

  it('returns [] for unique keys and for unparsable text', () => {
    expect(findDuplicateKeys('{a: 1, b: {a: 1}}')).toEqual([]);
    expect(findDuplicateKeys('{a: 1, a: ')).toEqual([]);
    expect(findDuplicateKeys('')).toEqual([]);
  });

  it('finds nothing in a clean corpus file', () => {
    const text = readCorpusFile('038-xlarge-lmstudio-cluster.json5');
    expect(findDuplicateKeys(text)).toEqual([]);
  });
});

describe('limits of one parse', () => {
  it('refuses a document nested past MAX_NESTING_DEPTH with the limit named, without a stack overflow', async () => {
    const {parseConfigText} = await import('../../src/config/read.js');
    const {MAX_NESTING_DEPTH} = await import('../../src/config/json5/parser.js');
    const deep = '{"a":' + '['.repeat(100_000) + ']'.repeat(100_000) + '}';
    const loaded = parseConfigText(deep);
    expect(loaded.value).toBeUndefined();
    expect(loaded.parseError?.message).toMatch(new RegExp(`nested deeper than ${MAX_NESTING_DEPTH} levels`));
    expect(loaded.parseError?.line).toBe(1);
    // Right at the limit still parses.
    const ok = '['.repeat(MAX_NESTING_DEPTH) + ']'.repeat(MAX_NESTING_DEPTH);
    expect(parseConfigText(ok).parseError).toBeUndefined();
  });

  it('lists at most MAX_DUPLICATES_LISTED duplicate keys and counts them all', async () => {
    const {parseConfigText} = await import('../../src/config/read.js');
    const {MAX_DUPLICATES_LISTED} = await import('../../src/config/json5/parser.js');
    const text = `{\n  x: {\n${'    k: 1,\n'.repeat(10_000)}  },\n}\n`;
    const loaded = parseConfigText(text);
    expect(loaded.duplicateKeys).toHaveLength(MAX_DUPLICATES_LISTED);
    expect(loaded.duplicateKeys[0]).toEqual({path: 'x.k', line: 3, column: 5});
    expect(loaded.duplicateKeyCount).toBe(9_999);
  });
});
