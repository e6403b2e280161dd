/** Test-only helpers shared by the JSON5 parser and patch tests. */
import {readdirSync, readFileSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {tokenize} from '../../src/config/json5/index.js';

export const corpusDir = join(dirname(fileURLToPath(import.meta.url)), '../fixtures/configs');

/** Every config of the corpus (INDEX.md left out); broken ones have BAD in the name. */
export function readCorpus(): {name: string; text: string}[] {
  return readdirSync(corpusDir)
    .filter((f) => f.endsWith('.json5'))
    .map((name) => ({name, text: readFileSync(join(corpusDir, name), 'utf8')}));
}

export function readCorpusFile(name: string): string {
  return readFileSync(join(corpusDir, name), 'utf8');
}

/** json5 warns on raw U+2028/2029 in strings; keep test output quiet. */
export function quietly<T>(f: () => T): T {
  const warn = console.warn;
  console.warn = () => {};
  try {
    return f();
  } finally {
    console.warn = warn;
  }
}

/** The text of every comment, in order. */
export function commentsOf(text: string): string[] {
  return tokenize(text)
    .filter((t) => t.type === 'lineComment' || t.type === 'blockComment')
    .map((t) => text.slice(t.start, t.end));
}

export function isStrictJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
