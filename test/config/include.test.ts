import {mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSON5 from 'json5';
import {afterAll, beforeEach, describe, expect, it} from 'vitest';
import {
  mergeIncluded,
  parseDotEnv,
  resolveConfigValue,
  resolveIncludes,
  substituteEnv,
  substituteString,
} from '../../src/config/include.js';

const roots: string[] = [];
afterAll(() => {
  for (const r of roots) rmSync(r, {recursive: true, force: true});
});

let dir: string;
let outside: string;
beforeEach(() => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'include-'));
  roots.push(root);
  dir = path.join(root, 'cfg');
  outside = path.join(root, 'outside');
  mkdirSync(dir);
  mkdirSync(outside);
});

function write(file: string, text: string): string {
  mkdirSync(path.dirname(file), {recursive: true});
  writeFileSync(file, text);
  return file;
}

const main = () => path.join(dir, 'openclaw.json');
const resolve = (value: unknown, env: NodeJS.ProcessEnv = {}) => resolveIncludes(value, {configPath: main(), env});

describe('$include', () => {
  it('replaces the object with the included file, relative to the including file, nested', () => {
    write(path.join(dir, 'parts', 'agents.json5'), '{defaults: {$include: "./model.json5"}}');
    write(path.join(dir, 'parts', 'model.json5'), '// comment\n{model: "lmstudio/x"}');
    const r = resolve({agents: {$include: './parts/agents.json5'}, gateway: {mode: 'local'}});
    expect(r.issues).toEqual([]);
    expect(r.value).toEqual({agents: {defaults: {model: 'lmstudio/x'}}, gateway: {mode: 'local'}});
    expect(r.includedFiles.map((f) => path.relative(dir, f))).toEqual([
      path.join('parts', 'agents.json5'),
      path.join('parts', 'model.json5'),
    ]);
  });

  it('deep-merges an array of files in order; sibling keys override; arrays concatenate', () => {
    write(path.join(dir, 'a.json5'), '{x: 1, list: [1], deep: {p: 1, q: 1}}');
    write(path.join(dir, 'b.json5'), '{x: 2, list: [2], deep: {q: 2}}');
    const r = resolve({$include: ['./a.json5', './b.json5'], deep: {q: 3}, y: true});
    expect(r.value).toEqual({x: 2, list: [1, 2], deep: {p: 1, q: 3}, y: true});
  });

  it('stays inside the config directory unless OPENCLAW_INCLUDE_ROOTS allows more', () => {
    write(path.join(outside, 'x.json5'), '{a: 1}');
    const escaped = resolve({k: {$include: '../outside/x.json5'}});
    expect(escaped.issues).toHaveLength(1);
    expect(escaped.issues[0]).toMatchObject({severity: 'error', code: 'include', path: 'k.$include'});
    expect(escaped.issues[0].message).toMatch(/escapes the config directory/);
    expect(escaped.value).toEqual({k: {}});
    const allowed = resolve({k: {$include: '../outside/x.json5'}}, {OPENCLAW_INCLUDE_ROOTS: outside});
    expect(allowed.issues).toEqual([]);
    expect(allowed.value).toEqual({k: {a: 1}});
  });

  it('refuses a symlink inside the directory that points outside', () => {
    write(path.join(outside, 'secret.json5'), '{a: 1}');
    symlinkSync(path.join(outside, 'secret.json5'), path.join(dir, 'link.json5'));
    const r = resolve({k: {$include: './link.json5'}});
    expect(r.issues[0]?.message).toMatch(/symlink/);
  });

  it('detects cycles and stops at depth 10', () => {
    write(path.join(dir, 'a.json5'), '{$include: "./b.json5"}');
    write(path.join(dir, 'b.json5'), '{$include: "./a.json5"}');
    expect(resolve({$include: './a.json5'}).issues[0]?.message).toMatch(/circular \$include/);

    for (let i = 1; i <= 11; i++)
      write(path.join(dir, `d${i}.json5`), i === 11 ? '{end: true}' : `{$include: "./d${i + 1}.json5"}`);
    const deep = resolve({$include: './d1.json5'});
    expect(deep.issues[0]?.message).toMatch(/deeper than 10/);
    write(path.join(dir, 'd10.json5'), '{end: true}');
    expect(resolve({$include: './d1.json5'})).toMatchObject({value: {end: true}, issues: []});
  });

  it('reports missing, unparsable and wrongly typed includes as errors', () => {
    write(path.join(dir, 'broken.json5'), '{a: ');
    write(path.join(dir, 'list.json5'), '[1, 2]');
    const r = resolve({
      a: {$include: './missing.json5'},
      b: {$include: './broken.json5'},
      c: {$include: 42},
      d: {$include: './list.json5', x: 1},
    });
    expect(r.issues.map((i) => i.message)).toEqual([
      expect.stringMatching(/file not found/),
      expect.stringMatching(/cannot parse/),
      expect.stringMatching(/must be a string or an array/),
      expect.stringMatching(/keys next to \$include/),
    ]);
    expect(resolve({a: {$include: './list.json5'}}).value).toEqual({a: [1, 2]});
  });

  it('never writes: the corpus $include file resolves to issues, the input object is untouched', () => {
    const value = {agents: {$include: './config/agents.json5'}};
    const copy = JSON5.parse(JSON.stringify(value));
    const r = resolve(value);
    expect(value).toEqual(copy);
    expect(r.issues[0].message).toMatch(/file not found/);
  });

  it('ignores __proto__ keys when merging', () => {
    const merged = mergeIncluded({a: 1}, JSON.parse('{"__proto__": {"polluted": true}, "b": 2}')) as Record<
      string,
      unknown
    >;
    expect(merged).toEqual({a: 1, b: 2});
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('${VAR}', () => {
  it('substitutes names [A-Z_][A-Z0-9_]*, keeps $${VAR} literal and leaves missing or empty vars', () => {
    const env = {BASE: 'http://127.0.0.1:1234', EMPTY: '', lower: 'x'};
    const missing: string[] = [];
    expect(substituteString('${BASE}/v1', env)).toBe('http://127.0.0.1:1234/v1');
    expect(substituteString('$${BASE}', env)).toBe('${BASE}');
    expect(substituteString('${lower} ${1X} $BASE ${', env)).toBe('${lower} ${1X} $BASE ${');
    expect(substituteString('${NOPE}-${EMPTY}', env, (n) => missing.push(n))).toBe('${NOPE}-${EMPTY}');
    expect(missing).toEqual(['NOPE', 'EMPTY']);
  });

  it('walks values (not keys) and reports the dotted path of each missing var', () => {
    const r = substituteEnv({'${KEY}': {list: ['${A}', 1, '${B}']}}, {A: 'a'});
    expect(r.value).toEqual({'${KEY}': {list: ['a', 1, '${B}']}});
    expect(r.missing).toEqual([{name: 'B', path: '${KEY}.list.2'}]);
  });

  it('resolveConfigValue: includes first, then vars from env, .env next to the config and env.vars', () => {
    write(path.join(dir, 'models.json5'), '{providers: {x: {baseUrl: "${BASE}", apiKey: "${KEY}", models: []}}}');
    write(path.join(dir, '.env'), '# local\nBASE="http://from-dotenv:1"\nexport KEY=dotenv-key # trailing\n');
    const value = {
      models: {$include: './models.json5'},
      env: {vars: {KEY: 'from-vars', OTHER: 'o'}},
      x: '${OTHER} ${GONE}',
    };
    const r = resolveConfigValue(value, {configPath: main(), env: {BASE: 'http://from-env:2'}});
    expect(r.value).toMatchObject({
      models: {providers: {x: {baseUrl: 'http://from-env:2', apiKey: 'dotenv-key'}}},
      x: 'o ${GONE}',
    });
    expect(r.missingVars).toEqual(['GONE']);
    expect(r.issues).toEqual([expect.objectContaining({severity: 'warning', code: 'env-var', path: 'x'})]);
  });

  it('parseDotEnv handles quotes, export and comments', () => {
    expect(parseDotEnv('A=1\n# c\nexport B=\'two words\'\nC = "x # y"\nD=val # note\nbad line\n')).toEqual({
      A: '1',
      B: 'two words',
      C: 'x # y',
      D: 'val',
    });
  });
});
