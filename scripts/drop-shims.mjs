#!/usr/bin/env node
// One-off merge step (run once after all parallel branches are merged, then it deletes itself):
// points every import of a re-export shim at the module it re-exports, deletes the shims, and
// lists what needs a hand edit. Then run `npx tsc --noEmit` and `npm run test:layers`.
import {existsSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SHIM_MARK = 'shim for parallel branches; removed after merge';

// shim → where its names now live (names not listed go to the default target).
const SHIMS = {
  'src/config/types.ts': {
    to: 'src/core/types/config.ts',
    names: {LocateOptions: 'src/config/locate.ts', WriteOptions: 'src/config/write.ts'},
  },
  'src/servers/types.ts': {to: 'src/core/types/servers.ts'},
  'src/hardware/types.ts': {to: 'src/core/types/hardware.ts'},
  'src/servers/labels.ts': {to: 'src/core/server-kinds.ts'},
  'src/servers/ports.ts': {to: 'src/core/server-kinds.ts'},
  'test/helpers/ink.tsx': {to: 'test/support/ink.tsx'},
  'test/doctor/run-cli.ts': {to: 'test/support/run-cli.ts'},
  'test/hardware/run-cli.ts': {to: 'test/support/run-cli.ts'},
};
// Re-exports kept inside a real module: only reported (replace the import by hand).
const ALIASES = [
  {
    file: 'src/core/findings/server-commands.ts',
    name: 'kindLabel',
    use: "serverName from src/core/server-kinds.ts (same rule: an unknown kind reads 'the server')",
  },
  {file: 'src/doctor/context.ts', name: 'hardwareFileDetector', use: 'src/hardware/index.ts'},
  {file: 'src/doctor/context.ts', name: 'HARDWARE_FILE_ENVS', use: 'src/hardware/index.ts'},
];

const files = [];
const walk = (dir) => {
  for (const e of readdirSync(path.join(root, dir), {withFileTypes: true})) {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) {
      if (e.name !== 'node_modules' && e.name !== 'fixtures') walk(rel);
    } else if (/\.(ts|tsx|mjs)$/.test(e.name)) files.push(rel);
  }
};
for (const d of ['src', 'test', 'bench', 'scripts']) if (existsSync(path.join(root, d))) walk(d);

const spec = (from, to) => {
  let r = path.posix.relative(path.posix.dirname(from), to).replace(/\.tsx?$/, '.js');
  if (!r.startsWith('.')) r = `./${r}`;
  return r;
};
const resolve = (from, s) => {
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(from), s)).replace(/\.(js|ts|tsx)$/, '');
  return Object.keys(SHIMS).find((k) => k.replace(/\.tsx?$/, '') === base);
};

let changed = 0;
const manual = [];
// `import … from '…'` / `export … from '…'` (over several lines) and `import('…')`.
const STATEMENT = /(^|\n)([ \t]*(?:import|export)\b(\s+type\b)?([^;'"`]*?)\bfrom\s*)(['"])([^'"]+)\5;?/g;
const DYNAMIC = /\bimport\(\s*(['"])([^'"]+)\1\s*\)/g;
for (const file of files) {
  if (SHIMS[file]) continue;
  const text = readFileSync(path.join(root, file), 'utf8');
  let out = text.replace(STATEMENT, (whole, nl, head, typeKw, clause, q, s) => {
    const shim = s.startsWith('.') ? resolve(file, s) : undefined;
    if (!shim) return whole;
    const {to, names = {}} = SHIMS[shim];
    const named = /^\s*\{([^}]*)\}\s*$/.exec(clause);
    const moved = named
      ? named[1]
          .split(',')
          .map((x) => x.trim())
          .filter(Boolean)
      : [];
    const elsewhere = moved.filter((n) => names[n.replace(/^type\s+/, '').split(/\s+as\s+/)[0]]);
    if (elsewhere.length === 0) return whole.replace(`${q}${s}${q}`, `${q}${spec(file, to)}${q}`);
    // Split the statement: names that moved elsewhere get their own import.
    const kw = head.trimStart().startsWith('export') ? 'export' : 'import';
    const t = typeKw ? ' type' : '';
    const rest = moved.filter((n) => !elsewhere.includes(n));
    const lines = rest.length ? [`${kw}${t} {${rest.join(', ')}} from ${q}${spec(file, to)}${q};`] : [];
    for (const n of elsewhere)
      lines.push(`${kw}${t} {${n}} from ${q}${spec(file, names[n.replace(/^type\s+/, '').split(/\s+as\s+/)[0]])}${q};`);
    return `${nl}${lines.join('\n')}`;
  });
  out = out.replace(DYNAMIC, (whole, q, s) => {
    const shim = s.startsWith('.') ? resolve(file, s) : undefined;
    return shim ? `import(${q}${spec(file, SHIMS[shim].to)}${q})` : whole;
  });
  if (out !== text) {
    writeFileSync(path.join(root, file), out);
    changed++;
  }
  for (const a of ALIASES) {
    if (file === a.file) continue;
    const target = a.file.replace(/\.tsx?$/, '');
    for (const m of out.matchAll(/(?:import|export)[^;]*?\{([^}]*)\}[^;]*?from\s*['"]([^'"]+)['"]/g)) {
      if (!m[2].startsWith('.')) continue;
      const base = path.posix.normalize(path.posix.join(path.posix.dirname(file), m[2])).replace(/\.(js|ts|tsx)$/, '');
      const imported = m[1].split(',').map(
        (x) =>
          x
            .trim()
            .replace(/^type\s+/, '')
            .split(/\s+as\s+/)[0],
      );
      if (
        (base === target || (target.endsWith('/context') && base === 'src/doctor/index')) &&
        imported.includes(a.name)
      ) {
        manual.push(`${file}: imports ${a.name} from ${m[2]}; use ${a.use}`);
      }
    }
  }
}
for (const shim of Object.keys(SHIMS)) {
  const p = path.join(root, shim);
  if (existsSync(p) && readFileSync(p, 'utf8').includes(SHIM_MARK)) rmSync(p);
}
console.log(`rewrote imports in ${changed} files; deleted ${Object.keys(SHIMS).length} shims`);
if (manual.length) console.log(`change these imports by hand:\n  ${manual.join('\n  ')}`);
console.log('then delete these re-exports (each marked "removed after merge"):');
for (const a of ALIASES) console.log(`  ${a.file}: ${a.name}`);
rmSync(fileURLToPath(import.meta.url));
