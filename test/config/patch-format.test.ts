import JSON5 from 'json5';
import {describe, expect, it} from 'vitest';
import {applyPatch, ConfigPatchError, getAt} from '../../src/config/patch.js';
import type {PatchOp} from '../../src/core/types/config.js';

const set = (path: (string | number)[], value: unknown): PatchOp => ({op: 'set', path, value});
const del = (path: (string | number)[]): PatchOp => ({op: 'delete', path});
const lines = (...l: string[]): string => l.join('\n');

function patchError(text: string, ops: PatchOp[]): ConfigPatchError {
  try {
    applyPatch(text, ops);
  } catch (err) {
    if (err instanceof ConfigPatchError) return err;
    throw err;
  }
  throw new Error('expected a ConfigPatchError');
}

describe('applyPatch formatting: inserting members', () => {
  it('returns the text unchanged for no ops and for a set to an equal value', () => {
    const text = '{\n  // keep\n  a: [1, {b: 2}],\n}\n';
    expect(applyPatch(text, [])).toBe(text);
    expect(applyPatch(text, [set(['a'], [1, {b: 2}])])).toBe(text);
    expect(applyPatch(text, [{op: 'append-unique', path: ['a'], value: 1}])).toBe(text);
    expect(applyPatch(text, [del(['missing']), del(['a', 5]), del(['a', 0, 'nope'])])).toBe(text);
  });

  it('an empty or whitespace-only file becomes 2-space JSON5, small things on one line as the guide writes them', () => {
    const expected = lines(
      '{',
      '  models: {',
      '    providers: {',
      '      lmstudio: { baseUrl: "http://127.0.0.1:1234/v1" },',
      '    },',
      '  },',
      '}',
      '',
    );
    const op = set(['models', 'providers', 'lmstudio'], {baseUrl: 'http://127.0.0.1:1234/v1'});
    expect(applyPatch('', [op])).toBe(expected);
    expect(applyPatch('  \n\n', [op])).toBe(expected);
    expect(applyPatch('\r\n', [op])).toBe(expected.replace(/\n/g, '\r\n'));
    expect(applyPatch('', [del(['a'])])).toBe('');
    expect(applyPatch('\uFEFF', [{op: 'merge', path: ['gateway'], value: {mode: 'local'}}])).toBe(
      '\uFEFF{\n  gateway: { mode: "local" },\n}\n',
    );
    expect(applyPatch('', [{op: 'append-unique', path: ['a', 'allow'], value: 'x'}, set(['b'], 1)])).toBe(
      '{\n  a: {\n    allow: ["x"],\n  },\n  b: 1,\n}\n',
    );
  });

  it('inserts into an empty {} (plain JSON stays JSON)', () => {
    expect(applyPatch('{}', [set(['gateway', 'mode'], 'local')])).toBe(
      '{\n  "gateway": {\n    "mode": "local"\n  }\n}',
    );
    expect(applyPatch('{}\n', [set(['a'], [])])).toBe('{\n  "a": []\n}\n');
  });

  it('expands an empty nested object using the parent indentation', () => {
    const text = lines('{', '    "models": {', '        "providers": {}', '    }', '}', '');
    expect(applyPatch(text, [set(['models', 'providers', 'ollama'], {api: 'ollama'})])).toBe(
      lines(
        '{',
        '    "models": {',
        '        "providers": {',
        '            "ollama": {',
        '                "api": "ollama"',
        '            }',
        '        }',
        '    }',
        '}',
        '',
      ),
    );
  });

  it('inserts into an empty object that holds only a comment', () => {
    const text = lines('{', '  a: {', '    // nothing yet', '  },', '}', '');
    expect(applyPatch(text, [set(['a', 'b'], 1)])).toBe(
      lines('{', '  a: {', '    // nothing yet', '    b: 1,', '  },', '}', ''),
    );
  });

  it('keeps inline objects single-line, with their padding', () => {
    expect(applyPatch('{a: {x: 1, y: 2}}', [set(['a', 'z'], 3)])).toBe('{a: {x: 1, y: 2, z: 3}}');
    expect(applyPatch('{ a: { x: 1 } }', [set(['a', 'z'], {p: [1, 'q']})])).toBe('{ a: { x: 1, z: { p: [1, "q"] } } }');
    expect(applyPatch('{ a: { x: 1, } }', [set(['a', 'z'], 3)])).toBe('{ a: { x: 1, z: 3, } }');
    const text = lines('{', '  bindings: [', '    { agentId: "main", match: { channel: "telegram" } },', '  ],', '}');
    expect(applyPatch(text, [set(['bindings', 0, 'match', 'peer'], '@me')])).toBe(
      lines('{', '  bindings: [', '    { agentId: "main", match: { channel: "telegram", peer: "@me" } },', '  ],', '}'),
    );
  });

  it('follows the trailing-comma habit of the container', () => {
    expect(applyPatch('{\n  a: 1,\n}\n', [set(['b'], 2)])).toBe('{\n  a: 1,\n  b: 2,\n}\n');
    expect(applyPatch('{\n  a: 1\n}\n', [set(['b'], 2)])).toBe('{\n  a: 1,\n  b: 2\n}\n');
    expect(applyPatch('{\n  a: 1,\n}\n', [set(['b'], {c: [1]})])).toBe(
      '{\n  a: 1,\n  b: {\n    c: [\n      1,\n    ],\n  },\n}\n',
    );
  });

  it('inserts after the last member, before trailing comment lines, keeping its line comment', () => {
    const text = lines('{', '  a: 1, // first', '  // b: 2,', '  /* the end */', '}', '');
    expect(applyPatch(text, [set(['c'], 3)])).toBe(
      lines('{', '  a: 1, // first', '  c: 3,', '  // b: 2,', '  /* the end */', '}', ''),
    );
    const noComma = lines('{', '  a: 1 // first', '}');
    expect(applyPatch(noComma, [set(['c'], 3)])).toBe(lines('{', '  a: 1, // first', '  c: 3', '}'));
  });

  it('keeps CRLF line endings', () => {
    const text = '{\r\n  "a": 1\r\n}\r\n';
    const out = applyPatch(text, [set(['b'], {c: 2})]);
    expect(out).toBe('{\r\n  "a": 1,\r\n  "b": {\r\n    "c": 2\r\n  }\r\n}\r\n');
    expect(applyPatch(out, [del(['b'])])).toBe(text);
  });

  it('keeps a BOM', () => {
    const text = '\uFEFF{\n  a: 1,\n}\n';
    expect(applyPatch(text, [set(['b'], 2)])).toBe('\uFEFF{\n  a: 1,\n  b: 2,\n}\n');
    expect(applyPatch('\uFEFF{"a": 1, "b": 2}', [del(['a'])])).toBe('\uFEFF{"b": 2}');
    expect(applyPatch('\uFEFF{\n"a": 1,\n"b": 2\n}', [del(['a'])])).toBe('\uFEFF{\n"b": 2\n}');
  });

  it('keeps the absence of a final newline', () => {
    expect(applyPatch('{\n  "a": 1\n}', [set(['b'], 2)])).toBe('{\n  "a": 1,\n  "b": 2\n}');
  });

  it('learns indentation: tabs and 4 spaces', () => {
    const tabs = '{\n\ta: {\n\t\tb: 1\n\t}\n}\n';
    expect(applyPatch(tabs, [set(['a', 'c'], {d: 1})])).toBe(
      '{\n\ta: {\n\t\tb: 1,\n\t\tc: {\n\t\t\td: 1\n\t\t}\n\t}\n}\n',
    );
    const four = '{\n    "a": {\n        "b": 1\n    }\n}\n';
    expect(applyPatch(four, [set(['x'], {y: [true]})])).toBe(
      '{\n    "a": {\n        "b": 1\n    },\n    "x": {\n        "y": [\n            true\n        ]\n    }\n}\n',
    );
  });

  it('quotes keys like their siblings', () => {
    expect(applyPatch("{'a': 1}", [set(['b'], 2)])).toBe("{'a': 1, 'b': 2}");
    expect(applyPatch('{a: 1}', [set(['x-y'], 2)])).toBe('{a: 1, "x-y": 2}');
    expect(applyPatch('{a: 1}', [set(['default'], 2)])).toBe('{a: 1, default: 2}');
    expect(applyPatch('{"a": 1}', [set(['b'], 2)])).toBe('{"a": 1, "b": 2}');
    expect(applyPatch("{a: 'x'}", [set(['b'], "it's")])).toBe("{a: 'x', b: 'it\\'s'}");
  });

  it('a plain JSON file stays strict JSON: double quotes, no trailing commas', () => {
    const text = JSON.stringify({gateway: {mode: 'local'}, agents: {defaults: {model: 'x'}}}, null, 2) + '\n';
    const out = applyPatch(text, [
      set(['models', 'providers', 'lmstudio'], {baseUrl: 'http://127.0.0.1:1234/v1', models: [{id: 'q'}]}),
      {op: 'merge', path: ['agents', 'defaults', 'model'], value: {primary: 'lmstudio/q'}},
      {op: 'append-unique', path: ['agents', 'defaults', 'modelPolicy', 'allow'], value: 'lmstudio/q'},
      del(['gateway', 'mode']),
    ]);
    const expected = {
      gateway: {},
      agents: {defaults: {model: {primary: 'lmstudio/q'}, modelPolicy: {allow: ['lmstudio/q']}}},
      models: {providers: {lmstudio: {baseUrl: 'http://127.0.0.1:1234/v1', models: [{id: 'q'}]}}},
    };
    expect(JSON.parse(out)).toEqual(expected);
    // Same layout as JSON.stringify(…, null, 2) would give for this object.
    expect(out).toBe(JSON.stringify(expected, null, 2) + '\n');
  });
});

describe('applyPatch formatting: arrays', () => {
  it('appends to inline, multi-line and empty arrays', () => {
    expect(applyPatch('{allow: ["a"]}', [{op: 'append-unique', path: ['allow'], value: 'b'}])).toBe(
      '{allow: ["a", "b"]}',
    );
    expect(applyPatch('{\n  allow: [\n    "a",\n  ],\n}', [{op: 'append-unique', path: ['allow'], value: 'b'}])).toBe(
      '{\n  allow: [\n    "a",\n    "b",\n  ],\n}',
    );
    expect(applyPatch('{\n  "allow": []\n}', [{op: 'append-unique', path: ['allow'], value: 'b'}])).toBe(
      '{\n  "allow": [\n    "b"\n  ]\n}',
    );
    expect(applyPatch('{\n  "allow": ["a"]\n}', [{op: 'append-unique', path: ['allow'], value: 'a'}])).toBe(
      '{\n  "allow": ["a"]\n}',
    );
  });

  it('writes a new row like its one-line siblings', () => {
    const text = lines('{', '  bindings: [', '    { agentId: "a", match: { channel: "telegram" } },', '  ],', '}');
    expect(
      applyPatch(text, [{op: 'append-unique', path: ['bindings'], value: {agentId: 'b', match: {peer: '@x'}}}]),
    ).toBe(
      lines(
        '{',
        '  bindings: [',
        '    { agentId: "a", match: { channel: "telegram" } },',
        '    { agentId: "b", match: { peer: "@x" } },',
        '  ],',
        '}',
      ),
    );
    // Too long for one line: a block, as usual.
    const long = {agentId: 'b'.repeat(100), match: {peer: 'p'.repeat(60)}};
    const out = applyPatch(text, [{op: 'append-unique', path: ['bindings'], value: long}]);
    expect(out).toContain('    {\n      agentId: "' + 'b'.repeat(100) + '",\n');
  });

  it('sets and deletes array elements by index', () => {
    expect(applyPatch('{l: [1, 2, 3]}', [set(['l', 1], 'two')])).toBe('{l: [1, "two", 3]}');
    expect(applyPatch('{l: [1, 2, 3]}', [set(['l', 3], 4)])).toBe('{l: [1, 2, 3, 4]}');
    expect(applyPatch('{l: [1, 2, 3]}', [del(['l', 0])])).toBe('{l: [2, 3]}');
    expect(applyPatch('{l: [1, 2, 3]}', [del(['l', 2])])).toBe('{l: [1, 2]}');
    expect(applyPatch('{\n  l: [\n    1,\n    2\n  ]\n}', [del(['l', 1])])).toBe('{\n  l: [\n    1\n  ]\n}');
    expect(() => applyPatch('{l: [1]}', [set(['l', 5], 1)])).toThrow(/past the end/);
    // Digit strings index arrays too (as in getAt); other strings do not.
    expect(applyPatch('{l: [1, {a: 2}]}', [set(['l', '1', 'a'], 3)])).toBe('{l: [1, {a: 3}]}');
    expect(() => applyPatch('{l: [1]}', [set(['l', 'x'], 1)])).toThrow(/l is an array, and "x" is not an index/);
  });
});

describe('applyPatch formatting: deleting members', () => {
  const text = lines('{', '  a: 1, // one', '  b: 2,', '  c: 3', '}', '');
  it('deletes the first member with its line', () => {
    expect(applyPatch(text, [del(['a'])])).toBe(lines('{', '  b: 2,', '  c: 3', '}', ''));
  });
  it('deletes a middle member', () => {
    expect(applyPatch(text, [del(['b'])])).toBe(lines('{', '  a: 1, // one', '  c: 3', '}', ''));
  });
  it('deletes the last member and the comma before it', () => {
    expect(applyPatch(text, [del(['c'])])).toBe(lines('{', '  a: 1, // one', '  b: 2', '}', ''));
  });
  it('keeps a trailing comma when the container uses them', () => {
    expect(applyPatch('{\n  a: 1,\n  b: 2,\n}', [del(['b'])])).toBe('{\n  a: 1,\n}');
  });
  it('deletes members of inline objects', () => {
    expect(applyPatch('{a: 1, b: 2, c: 3}', [del(['a'])])).toBe('{b: 2, c: 3}');
    expect(applyPatch('{a: 1, b: 2, c: 3}', [del(['b'])])).toBe('{a: 1, c: 3}');
    expect(applyPatch('{a: 1, b: 2, c: 3}', [del(['c'])])).toBe('{a: 1, b: 2}');
    expect(applyPatch('{a: 1, b: 2,}', [del(['b'])])).toBe('{a: 1,}');
  });
  it('collapses a container whose only member goes to {}', () => {
    expect(applyPatch('{\n  g: {\n    mode: "local",\n  },\n}\n', [del(['g', 'mode'])])).toBe('{\n  g: {},\n}\n');
    expect(applyPatch('{\n  g: {\n    // why\n    mode: "local",\n  },\n}\n', [del(['g', 'mode'])])).toBe(
      '{\n  g: {\n    // why\n  },\n}\n',
    );
  });
  it('deletes a multi-line member with its lines', () => {
    const t = lines('{', '  a: {', '    x: 1,', '  },', '  b: 2,', '}');
    expect(applyPatch(t, [del(['a'])])).toBe(lines('{', '  b: 2,', '}'));
  });
});

describe('applyPatch: duplicate keys', () => {
  const text = lines('{', '  a: 1,', '  b: {x: 1},', '  a: 2,', '  b: {y: 2},', '}');
  it('edits the last occurrence (the one JSON5 reads)', () => {
    const out = applyPatch(text, [set(['a'], 3), set(['b', 'z'], 4)]);
    expect(out).toBe(lines('{', '  a: 1,', '  b: {x: 1},', '  a: 3,', '  b: {y: 2, z: 4},', '}'));
    expect(JSON5.parse(out)).toEqual({a: 3, b: {y: 2, z: 4}});
  });
  it('delete removes every occurrence', () => {
    const out = applyPatch(text, [del(['a'])]);
    expect(out).toBe(lines('{', '  b: {x: 1},', '  b: {y: 2},', '}'));
    expect(JSON5.parse(out)).toEqual({b: {y: 2}});
  });
});

describe('applyPatch: set, merge, append semantics', () => {
  it('set over an existing object keeps comments of untouched keys', () => {
    const text = lines(
      '{',
      '  p: {',
      '    // the url',
      '    baseUrl: "http://a",',
      '    api: "x", // api kind',
      '    old: true,',
      '  },',
      '}',
    );
    const out = applyPatch(text, [set(['p'], {baseUrl: 'http://a', api: 'y', extra: 1})]);
    expect(out).toBe(
      lines(
        '{',
        '  p: {',
        '    // the url',
        '    baseUrl: "http://a",',
        '    api: "y", // api kind',
        '    extra: 1,',
        '  },',
        '}',
      ),
    );
  });

  it('merge keeps siblings and replaces a non-object target', () => {
    const text = '{\n  m: {\n    primary: "a",\n    fallbacks: ["b"],\n  },\n  s: "str",\n}\n';
    expect(applyPatch(text, [{op: 'merge', path: ['m'], value: {primary: 'c'}}])).toBe(
      '{\n  m: {\n    primary: "c",\n    fallbacks: ["b"],\n  },\n  s: "str",\n}\n',
    );
    expect(applyPatch(text, [{op: 'merge', path: ['s'], value: {primary: 'c'}}])).toBe(
      '{\n  m: {\n    primary: "a",\n    fallbacks: ["b"],\n  },\n  s: {\n    primary: "c",\n  },\n}\n',
    );
  });

  it('set with undefined deletes', () => {
    expect(applyPatch('{a: 1, b: 2}', [set(['a'], undefined)])).toBe('{b: 2}');
  });

  it('prints special values json5 can read back', () => {
    const out = applyPatch('{a: 1}', [set(['n'], [NaN, Infinity, -Infinity, -0, 1e21, 'line\nsep\u2028"q"'])]);
    expect(out).toBe('{a: 1, n: [NaN, Infinity, -Infinity, -0, 1e+21, "line\\nsep\\u2028\\"q\\""]}');
    expect(JSON5.parse(out).n).toEqual([NaN, Infinity, -Infinity, -0, 1e21, 'line\nsep\u2028"q"']);
  });
});

describe('applyPatch errors', () => {
  it('a path through a scalar', () => {
    const e = patchError('{a: "x"}', [set(['a', 'b'], 1)]);
    expect(e.message).toBe('Cannot edit a.b: a is a string, not an object');
    expect(patchError('{a: {b: [1]}}', [set(['a', 'b', 'c'], 1)]).message).toMatch(/a\.b is an array/);
    expect(patchError('{a: null}', [{op: 'append-unique', path: ['a'], value: 1}]).message).toBe(
      'Cannot append to a: it is null, not an array',
    );
  });

  it('a non-object root', () => {
    expect(patchError('[1, 2]', [set(['a'], 1)]).message).toMatch(/top level is an array/);
    expect(patchError('"str"', [set(['a'], 1)]).message).toMatch(/top level is a string/);
  });

  it('unparsable text, with json5 line and column', () => {
    const e = patchError('{\n  a: 1\n  b: 2\n}', [set(['c'], 1)]);
    expect([e.line, e.column]).toEqual([3, 3]);
    expect(e.message).toBe("Cannot edit the config: it is not valid JSON5 (invalid character 'b' at line 3, column 3)");
    expect(patchError('{', [set(['c'], 1)]).message).toMatch(/invalid end of input at line 1, column 2/);
  });

  it('unprintable values and bad ops', () => {
    expect(patchError('{}', [set(['f'], () => 1)]).message).toMatch(/cannot write a function/);
    expect(patchError('{}', [set(['b'], 10n)]).message).toMatch(/bigint/);
    expect(
      patchError('{}', [{op: 'merge', path: ['a'], value: 5 as unknown as Record<string, unknown>}]).message,
    ).toMatch(/must be an object/);
    expect(patchError('{}', [{op: 'nope', path: []} as unknown as PatchOp]).message).toMatch(/Unknown patch operation/);
    expect(patchError('{}', [{op: 'set', path: 'a.b', value: 1} as unknown as PatchOp]).message).toMatch(
      /Invalid patch path/,
    );
  });
});

describe('getAt', () => {
  const value = {a: {b: [10, {c: 'x'}]}, n: null};
  it('walks keys and indexes', () => {
    expect(getAt(value, [])).toBe(value);
    expect(getAt(value, ['a', 'b', 1, 'c'])).toBe('x');
    expect(getAt(value, ['a', 'b', '0'])).toBe(10);
    expect(getAt(value, ['n'])).toBeNull();
  });
  it('returns undefined for missing or impossible paths', () => {
    expect(getAt(value, ['a', 'zz'])).toBeUndefined();
    expect(getAt(value, ['a', 'b', 5])).toBeUndefined();
    expect(getAt(value, ['n', 'x'])).toBeUndefined();
    expect(getAt(value, ['a', 'b', 1, 'c', 'length'])).toBeUndefined();
    expect(getAt(value, ['toString'])).toBeUndefined();
  });
});

describe('applyPatch formatting: style learned from the file', () => {
  it('learns key quoting only from keys that had a choice (identifier-shaped)', () => {
    // The container's keys are quoted only because they contain "/": new nested keys stay unquoted like the rest.
    const text = lines('{', '  agents: {', '    models: {', '      "a/b": { alias: "B" },', '    },', '  },', '}', '');
    expect(applyPatch(text, [set(['agents', 'models', 'c/d'], {alias: 'D'})])).toContain(
      '      "c/d": { alias: "D" },\n',
    );
    // A container with only non-identifier keys, in a file that quotes identifier keys: quoted.
    const quoted = lines(
      '{',
      '  "agents": {',
      '    "models": {',
      '      "a/b": {"alias": "B"},',
      '    },',
      '  },',
      '}',
      '',
    );
    expect(applyPatch(quoted, [set(['agents', 'models', 'c/d'], {alias: 'D'})])).toContain(
      '      "c/d": {"alias": "D"},\n',
    );
    // Multi-line siblings: a block, still with unquoted identifier keys.
    const block = lines(
      '{',
      '  agents: {',
      '    models: {',
      '      "a/b": {',
      '        alias: "B"',
      '      }',
      '    }',
      '  }',
      '}',
      '',
    );
    expect(applyPatch(block, [set(['agents', 'models', 'c/d'], {alias: 'D'})])).toContain(
      '      "c/d": {\n        alias: "D"\n      }\n',
    );
  });

  it('file-wide key quoting ignores keys that needed quotes', () => {
    // More quoted "x/y" keys than unquoted identifiers: the file still writes identifiers unquoted.
    const text = lines(
      '{',
      '  m: {',
      '    "a/1": 1,',
      '    "a/2": 2,',
      '    "a/3": 3,',
      '  },',
      '  n: {',
      '    "b/1": 1,',
      '  },',
      '}',
      '',
    );
    expect(applyPatch(text, [set(['n', 'b/2'], {alias: 'x'})])).toContain('"b/2": {\n      alias: "x",\n    },');
  });

  it('a plain JSON file keeps double-quoted keys', () => {
    const text = JSON.stringify({agents: {models: {'a/b': {alias: 'B'}}}}, null, 2) + '\n';
    expect(applyPatch(text, [set(['agents', 'models', 'c/d'], {alias: 'D'})])).toContain(
      '      "c/d": {\n        "alias": "D"\n      }\n',
    );
  });

  it('writes small arrays and objects inline where the file does (same key first)', () => {
    const text = lines(
      '{',
      '  providers: {',
      '    a: {',
      '      models: [',
      '        {',
      '          id: "x",',
      '          input: ["text"],',
      '          cost: { input: 0, output: 0 },',
      '        },',
      '      ],',
      '    },',
      '  },',
      '}',
      '',
    );
    const out = applyPatch(text, [
      set(['providers', 'b'], {
        models: [{id: 'y', input: ['text', 'image'], cost: {input: 1, output: 2}, other: {k: 1}}],
      }),
    ]);
    expect(out).toContain('          input: ["text", "image"],\n');
    expect(out).toContain('          cost: { input: 1, output: 2 },\n');
    // Inline objects elsewhere in the file make other small objects inline too, with the file's padding.
    expect(out).toContain('          other: { k: 1 },\n');
    expect(JSON5.parse(out).providers.b.models[0]).toEqual({
      id: 'y',
      input: ['text', 'image'],
      cost: {input: 1, output: 2},
      other: {k: 1},
    });
  });

  it('keeps the expanded layout where the file writes the same key expanded', () => {
    const text = lines('{', '  a: {', '    input: [', '      "text",', '    ],', '    tags: ["x"],', '  },', '}', '');
    const out = applyPatch(text, [set(['b'], {input: ['text']})]);
    expect(out).toContain('  b: {\n    input: [\n      "text",\n    ],\n  },');
  });

  it('a replaced one-line array stays on one line (with its padding) when it fits', () => {
    const text = lines(
      '{',
      '  model: {',
      '    primary: "a/b",',
      '    fallbacks: ["c/d"],',
      '    tags: [ "x" ],',
      '  },',
      '}',
      '',
    );
    const out = applyPatch(text, [set(['model', 'fallbacks'], ['a/b', 'c/d']), set(['model', 'tags'], ['x', 'y'])]);
    expect(out).toBe(
      lines(
        '{',
        '  model: {',
        '    primary: "a/b",',
        '    fallbacks: ["a/b", "c/d"],',
        '    tags: [ "x", "y" ],',
        '  },',
        '}',
        '',
      ),
    );
    // Too long for one line: a block.
    const long = ['p/' + 'q'.repeat(70), 'r/' + 's'.repeat(70)];
    expect(applyPatch(text, [set(['model', 'fallbacks'], long)])).toContain('    fallbacks: [\n      "p/');
  });

  it('aligned values: a new key lines up with its siblings; nested keys use the plain colon', () => {
    const text = lines(
      '{',
      '  "models": {',
      '    "a/long-one": { "streaming": true },',
      '    "a/b":        { "streaming": true }',
      '  }',
      '}',
      '',
    );
    const out = applyPatch(text, [
      set(['models', 'c/d'], {alias: 'M'}),
      set(['models', 'a/much-longer-key'], {alias: 'L'}),
    ]);
    expect(out).toBe(
      lines(
        '{',
        '  "models": {',
        '    "a/long-one": { "streaming": true },',
        '    "a/b":        { "streaming": true },',
        '    "c/d":        { "alias": "M" },',
        '    "a/much-longer-key": { "alias": "L" }',
        '  }',
        '}',
        '',
      ),
    );
  });

  it('a one-line container that would grow past the line width opens up into lines (no comments inside)', () => {
    const text = lines(
      '{',
      '  agents:   { "$include": "./agents.json5" },',
      '  logging: {',
      '    level: "info"',
      '  }',
      '}',
      '',
    );
    const out = applyPatch(text, [
      set(['agents', 'defaults', 'model', 'primary'], 'lmstudio/minimax-m2.1-gs32'),
      set(['agents', 'defaults', 'models', 'lmstudio/minimax-m2.1-gs32', 'alias'], 'Minimax'),
      set(['agents', 'defaults', 'models', 'x/a-fairly-long-model-name-to-pass-the-width'], {alias: 'Long'}),
      set(['models', 'mode'], 'merge'),
      set(['models', 'providers', 'lmstudio'], {
        baseUrl: 'http://127.0.0.1:1234/v1',
        apiKey: 'lmstudio',
        api: 'openai-responses',
        models: [{id: 'minimax-m2.1-gs32', name: 'MiniMax M2.1 GS32', input: ['text']}],
      }),
    ]);
    expect(
      out.split('\n').every((l) => l.length <= 120),
      out,
    ).toBe(true);
    expect(out).toContain('  agents:   {\n    "$include": "./agents.json5",\n    defaults: {');
    expect(out).toContain('  models: {\n    mode: "merge",\n    providers: {\n');
    expect(JSON5.parse(out).models.providers.lmstudio.models[0].input).toEqual(['text']);
    // A comment inside keeps the container as it is.
    const commented = '{\n  agents: { /* keep */ "$include": "./agents.json5" },\n}\n';
    const long = applyPatch(commented, [
      set(['agents', 'defaults'], {
        model: {primary: 'lmstudio/minimax-m2.1-gs32', fallbacks: ['anthropic/claude-sonnet-4-5']},
      }),
    ]);
    expect(long).toContain('/* keep */');
    expect(JSON5.parse(long).agents.defaults.model.fallbacks).toEqual(['anthropic/claude-sonnet-4-5']);
  });

  it('"$include"-style keys say nothing about quoting; with no flat arrays in the file, arrays follow the objects', () => {
    const text = lines(
      '{',
      '  agents: { "$include": "./agents.json5" },',
      '  gateway: { "$include": "./gateway.json5" },',
      '  logging: {',
      '    level: "info",',
      '  },',
      '}',
      '',
    );
    const out = applyPatch(text, [
      set(['models'], {providers: {a: {input: ['text'], cost: {input: 0}}}}),
      set(['agents', 'defaults'], {x: 1}),
    ]);
    expect(out).toContain('  agents: { "$include": "./agents.json5", defaults: { x: 1 } },');
    expect(out).toContain('        input: ["text"],\n        cost: { input: 0 },\n');
  });

  it('filling an empty [] inside a one-line object opens that object into lines', () => {
    const text = lines(
      '{',
      '  providers: {',
      '    lmstudio: { baseUrl: "${LMSTUDIO_URL}", api: "openai-completions", models: [] },',
      '  },',
      '}',
      '',
    );
    const out = applyPatch(text, [
      set(['providers', 'lmstudio', 'models', 0], {
        id: 'minimax-m2.1-gs32',
        name: 'MiniMax M2.1 GS32',
        contextWindow: 196608,
      }),
    ]);
    expect(out).toBe(
      lines(
        '{',
        '  providers: {',
        '    lmstudio: {',
        '      baseUrl: "${LMSTUDIO_URL}",',
        '      api: "openai-completions",',
        '      models: [',
        '        {',
        '          id: "minimax-m2.1-gs32",',
        '          name: "MiniMax M2.1 GS32",',
        '          contextWindow: 196608,',
        '        },',
        '      ],',
        '    },',
        '  },',
        '}',
        '',
      ),
    );
    // A short scalar stays on the line.
    expect(
      applyPatch('{\n  policy: { allow: [] },\n}\n', [{op: 'append-unique', path: ['policy', 'allow'], value: 'a/b'}]),
    ).toBe('{\n  policy: { allow: ["a/b"] },\n}\n');
  });

  it('a JSON.stringify(…, null, 2) file stays expanded', () => {
    const text =
      JSON.stringify({models: {providers: {a: {models: [{id: 'x', input: ['text'], cost: {input: 0}}]}}}}, null, 2) +
      '\n';
    const out = applyPatch(text, [
      set(['models', 'providers', 'b'], {models: [{id: 'y', input: ['text'], cost: {input: 0}}]}),
    ]);
    const expected = {
      models: {
        providers: {
          a: {models: [{id: 'x', input: ['text'], cost: {input: 0}}]},
          b: {models: [{id: 'y', input: ['text'], cost: {input: 0}}]},
        },
      },
    };
    expect(out).toBe(JSON.stringify(expected, null, 2) + '\n');
  });
});
