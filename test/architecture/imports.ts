/**
 * The import graph of src/ and the layering rules of ARCHITECTURE.md, checked
 * mechanically. A small scanner (comments, strings, template literals and
 * regex literals are skipped, so `import(` in a comment or a string is not
 * an import) finds static, type-only, re-export and dynamic imports; the
 * rules then say which of them may cross which layer.
 */
import {readdirSync, readFileSync} from 'node:fs';
import {builtinModules} from 'node:module';
import path from 'node:path';

export type ImportKind = 'value' | 'type' | 'dynamic';

export interface ImportRef {
  spec: string;
  kind: ImportKind;
  line: number;
}

const REGEX_BEFORE = new Set([
  '',
  '(',
  ',',
  '=',
  ':',
  '[',
  '!',
  '&',
  '|',
  '?',
  '{',
  '}',
  ';',
  '+',
  '-',
  '*',
  '%',
  '<',
  '>',
  '~',
  '^',
]);
const REGEX_AFTER_WORD = new Set(['return', 'typeof', 'case', 'do', 'else', 'in', 'of', 'void', 'yield', 'await']);

/**
 * The text with every comment, string, template literal and regex literal
 * blanked to spaces (newlines kept), plus the contents of the quoted strings
 * by the offset of their opening quote.
 */
function mask(code: string): {masked: string; strings: Map<number, string>} {
  const out = code.split('');
  const strings = new Map<number, string>();
  const blank = (from: number, to: number) => {
    for (let k = from; k < to; k++) if (out[k] !== '\n') out[k] = ' ';
  };
  let lastSig = '';
  let lastWord = '';
  let i = 0;
  while (i < code.length) {
    const c = code[i];
    const next = code[i + 1];
    if (c === '/' && next === '/') {
      const end = code.indexOf('\n', i);
      const stop = end < 0 ? code.length : end;
      blank(i, stop);
      i = stop;
    } else if (c === '/' && next === '*') {
      const end = code.indexOf('*/', i + 2);
      const stop = end < 0 ? code.length : end + 2;
      blank(i, stop);
      i = stop;
    } else if (c === "'" || c === '"') {
      let j = i + 1;
      while (j < code.length && code[j] !== c && code[j] !== '\n') j += code[j] === '\\' ? 2 : 1;
      strings.set(i, code.slice(i + 1, j));
      blank(i + 1, j);
      i = j + 1;
      lastSig = c;
      lastWord = '';
    } else if (c === '`') {
      // Template literal, with ${…} holes that may nest braces and further templates.
      let j = i + 1;
      let depth = 0;
      while (j < code.length) {
        if (code[j] === '\\') j += 2;
        else if (depth === 0 && code[j] === '`') break;
        else if (code[j] === '$' && code[j + 1] === '{') {
          depth++;
          j += 2;
        } else {
          if (depth > 0 && code[j] === '{') depth++;
          else if (depth > 0 && code[j] === '}') depth--;
          j++;
        }
      }
      blank(i + 1, j);
      i = j + 1;
      lastSig = '`';
      lastWord = '';
    } else if (c === '/' && (REGEX_BEFORE.has(lastSig) || REGEX_AFTER_WORD.has(lastWord))) {
      let j = i + 1;
      let inClass = false;
      while (j < code.length && code[j] !== '\n') {
        if (code[j] === '\\') j += 2;
        else if (code[j] === '[') (inClass = true), j++;
        else if (code[j] === ']') (inClass = false), j++;
        else if (code[j] === '/' && !inClass) break;
        else j++;
      }
      blank(i + 1, j);
      i = j + 1;
      lastSig = '/';
      lastWord = '';
    } else {
      if (/\s/.test(c)) {
        i++;
        continue;
      }
      if (/[\w$]/.test(c)) {
        let j = i;
        while (j < code.length && /[\w$]/.test(code[j])) j++;
        lastWord = code.slice(i, j);
        lastSig = 'a';
        i = j;
        continue;
      }
      lastSig = c;
      lastWord = '';
      i++;
    }
  }
  return {masked: out.join(''), strings};
}

const lineAt = (text: string, offset: number): number => text.slice(0, offset).split('\n').length;

/** Every import of a TS/TSX source: `import … from`, `export … from`, `import '…'`, `import('…')`. */
export function scanImports(code: string): ImportRef[] {
  const {masked, strings} = mask(code);
  const refs: ImportRef[] = [];
  const specAt = (quote: number) => strings.get(quote);
  // Statements: the clause between the keyword and `from` holds no string (they are blanked).
  const statement = /(^|[;}\n])\s*(import|export)(\s+type\b)?([^;'"`]*?)\bfrom\s*(?=['"])/g;
  for (let m = statement.exec(masked); m; m = statement.exec(masked)) {
    const quote = m.index + m[0].length;
    const spec = specAt(quote);
    if (spec === undefined) continue;
    const clause = m[4].trim();
    const named = /^\{([^}]*)\}$/.exec(clause);
    const allTypes = named?.[1]
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
      .every((s) => s.startsWith('type '));
    refs.push({spec, kind: m[3] || allTypes === true ? 'type' : 'value', line: lineAt(masked, quote)});
  }
  const bare = /(^|[;\n])\s*import\s*(?=['"])/g;
  for (let m = bare.exec(masked); m; m = bare.exec(masked)) {
    const quote = m.index + m[0].length;
    const spec = specAt(quote);
    if (spec !== undefined) refs.push({spec, kind: 'value', line: lineAt(masked, quote)});
  }
  const dynamic = /(\btypeof\s+)?\bimport\s*\(\s*(?=['"])/g;
  for (let m = dynamic.exec(masked); m; m = dynamic.exec(masked)) {
    const quote = m.index + m[0].length;
    const spec = specAt(quote);
    if (spec !== undefined) refs.push({spec, kind: m[1] ? 'type' : 'dynamic', line: lineAt(masked, quote)});
  }
  return refs.sort((a, b) => a.line - b.line);
}

/** One file's imports, resolved: `to` is a path under src/ (e.g. "src/core/x.ts") or a package name. */
export interface Edge {
  from: string;
  to: string;
  kind: ImportKind;
  line: number;
  /** The import names a file in src/ (else a package or node built-in). */
  internal: boolean;
}

const BUILTINS = new Set(builtinModules);

export function packageName(spec: string): string {
  if (spec.startsWith('node:')) return spec;
  if (BUILTINS.has(spec.split('/')[0])) return `node:${spec}`;
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** Walks root/src and returns every import edge, with relative specifiers resolved to repository paths. */
export function importGraph(root: string, dir = 'src'): Edge[] {
  const files: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(path.join(root, d), {withFileTypes: true})) {
      const rel = `${d}/${e.name}`;
      if (e.isDirectory()) walk(rel);
      else if (/\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts')) files.push(rel);
    }
  };
  walk(dir);
  const known = new Set(files);
  const edges: Edge[] = [];
  for (const file of files) {
    for (const ref of scanImports(readFileSync(path.join(root, file), 'utf8'))) {
      if (ref.spec.startsWith('.')) {
        const joined = path.posix.normalize(path.posix.join(path.posix.dirname(file), ref.spec));
        const base = joined.replace(/\.(js|jsx|ts|tsx)$/, '');
        const hit = [`${base}.ts`, `${base}.tsx`, `${base}/index.ts`].find((f) => known.has(f)) ?? joined;
        edges.push({from: file, to: hit, kind: ref.kind, line: ref.line, internal: true});
      } else {
        edges.push({from: file, to: packageName(ref.spec), kind: ref.kind, line: ref.line, internal: false});
      }
    }
  }
  return edges;
}

/** The layer a file of src/ belongs to (ARCHITECTURE.md). */
export type Layer = 'core' | 'adapter' | 'app' | 'doctor' | 'cli' | 'ui' | 'root';

export function layerOf(file: string): Layer {
  const m = /^src\/([^/]+)/.exec(file);
  const top = m ? m[1].replace(/\.tsx?$/, '') : '';
  switch (top) {
    case 'core':
      return 'core';
    case 'config':
    case 'servers':
    case 'hardware':
    case 'process':
      return 'adapter';
    case 'app':
      return 'app';
    case 'doctor':
      return 'doctor';
    case 'cli':
    case 'commands':
      return 'cli';
    case 'ui':
      return 'ui';
    default:
      return 'root'; // src/cli.ts (the bin entry) and src/version.ts
  }
}

const folderOf = (file: string): string => file.split('/')[1]?.replace(/\.tsx?$/, '') ?? '';

/** Adapters and the adapters each may import (besides core and itself). */
export const ADAPTER_IMPORTS: Record<string, string[]> = {
  config: ['process'],
  servers: [],
  hardware: ['process'],
  process: [],
};

/** npm packages the pure layer may use: text measuring only (no I/O). */
export const CORE_PACKAGES = new Set(['wrap-ansi', 'string-width', 'cli-truncate', 'strip-ansi']);
/** Packages that are the terminal UI: only src/ui may import them. */
export const UI_PACKAGES = /^(ink|ink-[\w-]+|react|react-[\w-]+)$/;
/** The UI's composition root (wires Services to the engines) and its entry: the only src/ui files that reach I/O. */
export const UI_ROOTS = new Set(['src/ui/real-services.ts', 'src/ui/run.tsx']);

export interface Violation {
  edge: Edge;
  rule: string;
}

/** Checks every edge against the layering rules; an empty list means the graph follows ARCHITECTURE.md. */
export function checkLayers(edges: Edge[]): Violation[] {
  const out: Violation[] = [];
  const bad = (edge: Edge, rule: string) => out.push({edge, rule});
  for (const e of edges) {
    const from = layerOf(e.from);
    if (!e.internal) {
      if (UI_PACKAGES.test(e.to) && from !== 'ui') bad(e, `${e.to} is imported only under src/ui`);
      if (from === 'core' && e.to.startsWith('node:')) bad(e, 'src/core imports no node: module');
      if (from === 'core' && !e.to.startsWith('node:') && !CORE_PACKAGES.has(e.to)) {
        bad(e, `src/core imports no package but ${[...CORE_PACKAGES].join(', ')}`);
      }
      if (from === 'ui' && !UI_ROOTS.has(e.from) && e.kind !== 'type' && e.to.startsWith('node:')) {
        bad(e, 'screens, components and state do no I/O (only ui/real-services.ts does)');
      }
      continue;
    }
    const to = layerOf(e.to);
    if (to === 'root' && folderOf(e.to) === 'version') continue;
    // Ink is reached from outside src/ui only by import(), so the headless commands never load it.
    if (to === 'ui' && from !== 'ui' && e.kind === 'value') bad(e, 'src/ui is reached from outside only by import()');
    switch (from) {
      case 'core':
        if (to !== 'core') bad(e, `src/core imports nothing outside src/core (${e.to})`);
        break;
      case 'adapter': {
        const own = folderOf(e.from);
        const target = folderOf(e.to);
        const ok = to === 'core' || target === own || (to === 'adapter' && ADAPTER_IMPORTS[own]?.includes(target));
        if (!ok)
          bad(e, `src/${own} imports only src/core${ADAPTER_IMPORTS[own]?.map((a) => `, src/${a}`).join('') ?? ''}`);
        break;
      }
      case 'app':
      case 'doctor':
        if (to === 'cli' || to === 'ui') bad(e, 'use cases do not import a front-end');
        break;
      case 'ui':
        if (!UI_ROOTS.has(e.from) && e.kind !== 'type' && to !== 'ui' && to !== 'core') {
          bad(e, 'screens, components and state import only src/core and src/ui values (types from anywhere)');
        }
        break;
      case 'cli':
      case 'root':
        break;
    }
  }
  return out;
}

export const describeViolation = (v: Violation): string =>
  `${v.edge.from}:${v.edge.line} → ${v.edge.to} (${v.edge.kind}): ${v.rule}`;
