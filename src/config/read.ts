import {open} from 'node:fs/promises';
import {constants as fsConstants} from 'node:fs';
import path from 'node:path';
import JSON5 from 'json5';
import {findDuplicateKeys} from './duplicates.js';
import type {LoadedConfig} from '../core/types/config.js';
import {tokenize} from './json5/parser.js';

/** Bigger than any real config (the corpus tops out at 40 KB); guards against reading a wrong file. */
export const MAX_CONFIG_BYTES = 10 * 1024 * 1024;

function parse(text: string): Pick<LoadedConfig, 'value' | 'parseError'> {
  try {
    return {value: JSON5.parse(text)};
  } catch (err) {
    const e = err as {message?: string; lineNumber?: number; columnNumber?: number};
    const message = String(e?.message ?? err).replace(/^JSON5:\s*/, '');
    const line = e?.lineNumber ?? 0;
    const column = e?.columnNumber ?? 0;
    const hint = parseErrorHint(text, line, column);
    return {value: undefined, parseError: {message, line, column, ...(hint ? {hint} : {})}};
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
  if (ch === '{' && /\\u$/.test(before)) return 'JSON5 has no \\u{…} escapes: write \\uXXXX (an emoji needs two, a surrogate pair) or the character itself';
  // The error sits on the first token of a line and the code line before it ends a value: its comma is missing.
  if (before.trim() !== '') return undefined;
  for (let i = line - 2; i >= 0; i--) {
    // Strings first (a URL holds "//"), then comments.
    const code = lines[i]!
      .replace(/"(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*'/g, '""')
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
  const parsed = parse(text);
  return {
    path: filePath,
    exists: true,
    text,
    ...parsed,
    duplicateKeys: parsed.parseError ? [] : findDuplicateKeys(text),
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
    if (st.size > MAX_CONFIG_BYTES) return unreadable(p, `${p} is ${st.size} bytes, too big for a config file (limit ${MAX_CONFIG_BYTES})`, stat);
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
    return tokenize(text).some((t) => t.type === 'lineComment' || t.type === 'blockComment');
  } catch {
    return false;
  }
}

