import {open} from 'node:fs/promises';
import {constants as fsConstants} from 'node:fs';
import path from 'node:path';
import type {LoadedConfig} from '../core/types/config.js';
import {Json5SyntaxError, parseJson5} from './json5/parser.js';

/**
 * 50x the biggest real config (the corpus tops out at 40 KB). A file this size is
 * read, checked and patched in about a second and under 300 MB (README, Promises);
 * a bigger one is refused at once rather than slowly. $include files share it.
 */
export const MAX_CONFIG_BYTES = 2 * 1024 * 1024;

/** "2 MiB" */
export const MAX_CONFIG_SIZE_TEXT = `${MAX_CONFIG_BYTES / 1024 / 1024} MiB`;

/** One pass of our parser: value, duplicate keys (listed up to a cap, all counted), or the syntax error. */
function parse(
  text: string,
): Pick<LoadedConfig, 'value' | 'parseError' | 'duplicateKeys' | 'duplicateKeyCount' | 'hasComments'> {
  try {
    const parsed = parseJson5(text);
    return {
      value: parsed.value,
      hasComments: parsed.hasComments,
      duplicateKeys: parsed.duplicates,
      ...(parsed.duplicateCount > parsed.duplicates.length ? {duplicateKeyCount: parsed.duplicateCount} : {}),
    };
  } catch (err) {
    if (!(err instanceof Json5SyntaxError)) throw err;
    const message = err.message.replace(/^JSON5:\s*/, '');
    const hint = parseErrorHint(text, err.line, err.column);
    return {
      value: undefined,
      duplicateKeys: [],
      parseError: {message, line: err.line, column: err.column, ...(hint ? {hint} : {})},
    };
  }
}

/** A likely cause for a JSON5 syntax error at line/column (1-based, as json5 counts: lines end at \n). */
export function parseErrorHint(text: string, line: number, column: number): string | undefined {
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  const at = lines[line - 1];
  if (at === undefined || column < 1) return undefined;
  const before = at.slice(0, column - 1);
  const ch = at[column - 1];
  if (ch === '#') return 'JSON5 comments start with // or /*, not #';
  if (ch === '{' && /\\u$/.test(before))
    return 'JSON5 has no \\u{…} escapes: write \\uXXXX (an emoji needs two, a surrogate pair) or the character itself';
  // The error sits on the first token of a line and the code line before it ends a value: its comma is missing.
  if (before.trim() !== '') return undefined;
  for (let i = line - 2; i >= 0; i--) {
    // Strings first (a URL holds "//"), then comments.
    const code = lines[i]!.replace(/"(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*'/g, '""')
      .replace(/\/\/.*$/, '')
      .replace(/\/\*.*?\*\//g, '')
      .trim();
    if (code === '') continue;
    return /[,{[(:]$/.test(code) ? undefined : `probably a comma missing at the end of line ${i + 1}`;
  }
  return undefined;
}

/** Parse JSON5 text into a LoadedConfig-like result (no I/O). */
export function parseConfigText(text: string, filePath = '<text>'): LoadedConfig {
  return {
    path: filePath,
    exists: true,
    text,
    ...parse(text),
    ...(text.charCodeAt(0) === 0xfeff ? {bom: true} : {}),
  };
}

function unreadable(p: string, message: string, stat?: LoadedConfig['stat']): LoadedConfig {
  return {
    path: p,
    exists: true,
    text: '',
    value: undefined,
    parseError: {message, line: 0, column: 0},
    readError: message,
    duplicateKeys: [],
    ...(stat ? {stat} : {}),
  };
}

/** Read and parse; never throws for a missing or broken file (see parseError). */
export async function readConfig(filePath: string): Promise<LoadedConfig> {
  const p = path.resolve(filePath);
  let handle;
  try {
    // O_NONBLOCK: opening a FIFO by mistake must not hang.
    handle = await open(p, fsConstants.O_RDONLY | (fsConstants.O_NONBLOCK ?? 0));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return {path: p, exists: false, text: '', value: undefined, duplicateKeys: []};
    if (code === 'ENOTDIR') return {path: p, exists: false, text: '', value: undefined, duplicateKeys: []};
    if (code === 'EACCES' || code === 'EPERM') return unreadable(p, `cannot read ${p}: permission denied`);
    if (code === 'EISDIR') return unreadable(p, `${p} is a directory, not a config file`);
    return unreadable(p, `cannot read ${p}: ${code ?? (err instanceof Error ? err.message : String(err))}`);
  }
  try {
    const st = await handle.stat();
    const stat = {mtimeMs: st.mtimeMs, size: st.size, mode: st.mode};
    if (st.isDirectory()) return unreadable(p, `${p} is a directory, not a config file`, stat);
    if (!st.isFile()) return unreadable(p, `${p} is not a regular file`, stat);
    if (st.size > MAX_CONFIG_BYTES) {
      return unreadable(
        p,
        `${p} is ${st.size} bytes, over the ${MAX_CONFIG_SIZE_TEXT} limit for a config file (${MAX_CONFIG_BYTES} bytes)`,
        stat,
      );
    }
    const bytes = await handle.readFile();
    const text = bytes.toString('utf8');
    const notUtf8 = !Buffer.from(text, 'utf8').equals(bytes);
    const loaded = parseConfigText(text, p);
    return {...loaded, exists: true, stat, ...(notUtf8 ? {notUtf8: true} : {})};
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EISDIR') return unreadable(p, `${p} is a directory, not a config file`);
    return unreadable(p, `cannot read ${p}: ${code ?? (err instanceof Error ? err.message : String(err))}`);
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/** Does the text have line or block comments (which OpenClaw's own writes drop)? False when it does not tokenize. */
export function hasComments(text: string): boolean {
  try {
    return parseJson5(text).hasComments;
  } catch {
    return false;
  }
}
