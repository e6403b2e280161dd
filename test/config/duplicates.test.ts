import {describe, expect, it} from 'vitest';
import {findDuplicateKeys} from '../../src/config/duplicates.js';
import {readCorpusFile} from './json5-helpers.js';


describe('findDuplicateKeys', () => {
  it('reports every occurrence but the last, with dotted path and 1-based line/column', () => {
    const text = ['{', '  a: 1,', '  nested: {x: 1, "x": 2, \'x\': 3},', '  a: 2,', '  list: [{id: 1, id: 2}],', '  a: 3,', '}'].join('\n');
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
