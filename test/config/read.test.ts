import {execFileSync} from 'node:child_process';
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import JSON5 from 'json5';
import {afterAll, describe, expect, it} from 'vitest';
import {parseConfigText, readConfig} from '../../src/config/read.js';

const corpusDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/configs');
const corpus = readdirSync(corpusDir).filter((f) => f.endsWith('.json5'));
const tmp = mkdtempSync(path.join(os.tmpdir(), 'read-'));
afterAll(() => rmSync(tmp, {recursive: true, force: true}));

describe('readConfig on the corpus', () => {
  it('parses every good file and gives line/column for the BAD ones', async () => {
    let parsed = 0;
    const bad: {name: string; line: number; column: number}[] = [];
    for (const name of corpus) {
      const file = path.join(corpusDir, name);
      const loaded = await readConfig(file);
      const text = readFileSync(file, 'utf8');
      expect(loaded.exists).toBe(true);
      expect(loaded.text).toBe(text);
      expect(loaded.stat?.size).toBe(Buffer.byteLength(text));
      if (name.includes('BAD')) {
        expect(loaded.value, name).toBeUndefined();
        expect(loaded.parseError, name).toBeDefined();
        bad.push({name, line: loaded.parseError!.line, column: loaded.parseError!.column});
      } else {
        expect(loaded.parseError, name).toBeUndefined();
        expect(loaded.value).toEqual(JSON5.parse(text));
        parsed++;
      }
    }
    expect(corpus).toHaveLength(79);
    expect(parsed).toBe(76);
    // Positions as json5 reports them (see the corpus index).
    expect(bad).toEqual([
      {name: '022-BAD-es6-unicode-escape.json5', line: 117, column: 21},
      {name: '035-BAD-hash-comments-vllm.json5', line: 1, column: 1},
      {name: '036-BAD-missing-comma-large.json5', line: 697, column: 7},
    ]);
  });
});

describe('readConfig edge cases', () => {
  it('a missing file is exists:false, not an error', async () => {
    const loaded = await readConfig(path.join(tmp, 'nope', 'openclaw.json'));
    expect(loaded).toMatchObject({exists: false, text: '', value: undefined, duplicateKeys: []});
    expect(loaded.parseError).toBeUndefined();
  });

  it('a directory gives a clear read error instead of a crash', async () => {
    const dir = path.join(tmp, 'adir.json');
    mkdirSync(dir);
    const loaded = await readConfig(dir);
    expect(loaded.exists).toBe(true);
    expect(loaded.readError).toMatch(/is a directory/);
    expect(loaded.parseError).toMatchObject({line: 0, column: 0});
    expect(loaded.value).toBeUndefined();
  });

  it('a FIFO is refused without blocking', async () => {
    const fifo = path.join(tmp, 'fifo.json');
    try {
      execFileSync('mkfifo', [fifo]);
    } catch {
      return; // no mkfifo on this platform
    }
    const loaded = await readConfig(fifo);
    expect(loaded.readError).toMatch(/not a regular file/);
  });

  it.skipIf(process.getuid?.() === 0)('an unreadable file gives a permission message', async () => {
    const file = path.join(tmp, 'secret.json');
    writeFileSync(file, '{}');
    chmodSync(file, 0o000);
    const loaded = await readConfig(file);
    expect(loaded.readError).toMatch(/permission denied/);
  });

  it('follows a symlink and keeps the stat of the target', async () => {
    const target = path.join(tmp, 'real.json');
    writeFileSync(target, '{a: 1}', {mode: 0o640});
    chmodSync(target, 0o640);
    const link = path.join(tmp, 'link.json');
    symlinkSync(target, link);
    const loaded = await readConfig(link);
    expect(loaded.value).toEqual({a: 1});
    expect((loaded.stat!.mode & 0o777).toString(8)).toBe('640');
  });

  it('keeps a BOM in text and still parses', async () => {
    const file = path.join(tmp, 'bom.json');
    writeFileSync(file, '\uFEFF{"a": 1}\n');
    const loaded = await readConfig(file);
    expect(loaded.value).toEqual({a: 1});
    expect(loaded.text.charCodeAt(0)).toBe(0xfeff);
    expect(loaded.bom).toBe(true);
  });

  it('flags bytes that are not UTF-8 (writing text back would change them)', async () => {
    const file = path.join(tmp, 'latin1.json');
    writeFileSync(file, Buffer.from([0x7b, 0x61, 0x3a, 0x22, 0xe9, 0x22, 0x7d])); // {a:"é"} in latin-1
    const loaded = await readConfig(file);
    expect(loaded.notUtf8).toBe(true);
    expect((await readConfig(path.join(corpusDir, corpus[0]))).notUtf8).toBeUndefined();
  });

  it('an empty file is a parse error at 1:1', async () => {
    const file = path.join(tmp, 'empty.json');
    writeFileSync(file, '');
    const loaded = await readConfig(file);
    expect(loaded.parseError).toMatchObject({line: 1, column: 1});
    expect(loaded.parseError!.message).toMatch(/invalid end of input/);
  });
});

describe('parseConfigText', () => {
  it('returns the value, a clean message and the position of a syntax error', () => {
    expect(parseConfigText('{a: 1, // c\n b: [1,2,],}').value).toEqual({a: 1, b: [1, 2]});
    const bad = parseConfigText('{\n  a: 1\n  b: 2\n}', '/x/openclaw.json');
    expect(bad.path).toBe('/x/openclaw.json');
    expect(bad.value).toBeUndefined();
    expect(bad.parseError).toEqual({
      message: "invalid character 'b' at 3:3",
      line: 3,
      column: 3,
      hint: 'probably a comma missing at the end of line 2',
    });
  });

  it('reports duplicate keys through findDuplicateKeys', () => {
    const loaded = parseConfigText('{\n  a: 1,\n  a: 2,\n}');
    expect(loaded.value).toEqual({a: 2});
    expect(loaded.duplicateKeys).toEqual([{path: 'a', line: 2, column: 3}]);
  });
});

describe('parse errors carry a hint for common slips', () => {
  const hintOf = (text: string) => parseConfigText(text, path.join(tmp, 'h.json')).parseError?.hint;
  it('a missing comma names the line that needs it', () => {
    expect(hintOf('{\n  a: "x" // note\n  b: 1,\n}\n')).toBe('probably a comma missing at the end of line 2');
    expect(hintOf('{\n  a: {\n    b: 1\n  }\n  "c": 2\n}\n')).toBe('probably a comma missing at the end of line 4');
  });
  it('# comments and ES6 \\u{…} escapes', () => {
    expect(hintOf('# my config\n{}\n')).toMatch(/comments start with \/\/ or \/\*, not #/);
    expect(hintOf('{\n  a: 1,\n  # b: 2\n}\n')).toMatch(/not #/);
    expect(hintOf('{a: "\\u{1F600}"}')).toMatch(/\\uXXXX/);
  });
  it('no hint when nothing is recognised, and on the corpus BAD files the hint matches the cause', () => {
    expect(hintOf('{a: }')).toBeUndefined();
    const hints = Object.fromEntries(
      corpus.filter((f) => f.includes('BAD')).map((f) => [f, hintOf(readFileSync(path.join(corpusDir, f), 'utf8'))]),
    );
    expect(hints['022-BAD-es6-unicode-escape.json5']).toMatch(/\\uXXXX/);
    expect(hints['035-BAD-hash-comments-vllm.json5']).toMatch(/not #/);
    expect(hints['036-BAD-missing-comma-large.json5']).toBe('probably a comma missing at the end of line 696');
  });
});

describe('size limit', () => {
  it('refuses a config over MAX_CONFIG_BYTES at once, naming the limit, and reads one at the limit', async () => {
    const {MAX_CONFIG_BYTES} = await import('../../src/config/read.js');
    const body = (n: number) => `{a: "${'x'.repeat(n - 8)}"}\n`;
    const over = path.join(tmp, 'over.json');
    writeFileSync(over, body(MAX_CONFIG_BYTES + 1));
    const loaded = await readConfig(over);
    expect(loaded.value).toBeUndefined();
    expect(loaded.readError).toMatch(/over the 2 MiB limit for a config file \(2097152 bytes\)/);
    const at = path.join(tmp, 'at.json');
    writeFileSync(at, body(MAX_CONFIG_BYTES));
    expect((await readConfig(at)).readError).toBeUndefined();
  });
});
