#!/usr/bin/env node
// All benchmarks, one table: `npm run bench` (or `node bench/run.mjs`).
//
//   node bench/run.mjs [--runs N] [--json] [--no-build]
//
// It builds the bundle first (scripts/build.mjs), times start-up and measures
// sizes itself (bench/version.mjs, bench/size.mjs), and delegates the rest to
// the TypeScript bench scripts of each part, run with tsx:
//
//   bench/discover.ts  bench/doctor.ts  bench/first-frame.ts  bench/patch.ts
//
// Contract for those scripts: `node --import tsx bench/X.ts --json --runs N`
// prints JSON on stdout: an array of rows (or {rows: [...]}), each
//   {name: string, medianMs: number, runs?: number, targetMs?: number, pass?: boolean, note?: string}
// A row passes when medianMs <= targetMs (or as `pass` says, for other targets). A script that is missing shows as
// "not available"; one that fails or prints no JSON shows as such, and its
// output is printed below the table. Timings are wall-clock medians on this
// machine; compare them only with runs on the same machine.
import {spawnSync} from 'node:child_process';
import {existsSync, readFileSync} from 'node:fs';
import {dirname, join, resolve} from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';
import {parseArgs} from 'node:util';
import {versionRows} from './version.mjs';
import {fmtBytes, sizeRows} from './size.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const {values} = parseArgs({
  options: {
    runs: {type: 'string', default: '7'},
    json: {type: 'boolean', default: false},
    'no-build': {type: 'boolean', default: false},
  },
});
const runs = Number.parseInt(values.runs, 10);
if (!Number.isInteger(runs) || runs < 1 || runs > 100) {
  process.stderr.write('bench: --runs must be an integer from 1 to 100\n');
  process.exit(2);
}
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const progress = (s) => process.stderr.write(`bench: ${s}\n`);

/** @typedef {{group: string, name: string, value: string, target: string, result: string, note?: string}} Row */
/** @type {Row[]} */
const table = [];
/** Output of delegated scripts that did not give JSON, shown after the table. */
const appendix = [];

function msRow(group, r) {
  // A row without a number (e.g. "skipped: tmux not installed") is shown as info with its note.
  if (!Number.isFinite(r.medianMs))
    return {group, name: r.name, value: '', target: '', result: 'info', note: r.note ?? 'no measurement'};
  const value = `${r.medianMs.toFixed(0)} ms`;
  let target = '';
  let result = 'info';
  if (r.targetRatio !== undefined) {
    target = `≤ ${r.targetRatio}× node`;
    result = r.ratio <= r.targetRatio ? 'pass' : 'MISS';
  } else if (typeof r.targetMs === 'number' && Number.isFinite(r.targetMs)) {
    target = `≤ ${r.targetMs} ms`;
    result = r.medianMs <= r.targetMs ? 'pass' : 'MISS';
  } else if (r.target !== undefined) {
    target = String(r.target);
  }
  if (typeof r.pass === 'boolean') result = r.pass ? 'pass' : 'MISS';
  const notes = [];
  if (r.ratio !== undefined) notes.push(`${r.ratio.toFixed(2)}× node`);
  if (r.runs !== undefined) notes.push(`median of ${r.runs}`);
  if (r.note) notes.push(r.note);
  return {group, name: r.name, value, target, result, note: notes.join('; ')};
}

function failRow(group, name, result, note) {
  table.push({group, name, value: '', target: '', result, note});
}

// 1. Build, so every number is about the current sources.
if (!values['no-build']) {
  progress('building the bundle');
  const b = spawnSync(process.execPath, [join(root, 'scripts/build.mjs')], {cwd: root, encoding: 'utf8'});
  if (b.status !== 0) {
    process.stderr.write(b.stderr);
    process.exit(2);
  }
}
const bin = join(root, 'dist/cli.js');

// 2. Start-up.
progress(`timing --version against node -e 0 (${runs} runs each)`);
try {
  for (const r of versionRows({bin, version: pkg.version, runs})) table.push(msRow('start-up', r));
} catch (err) {
  failRow('start-up', '--version', 'error', err.message);
}

// 3. Sizes.
progress('measuring sizes');
try {
  for (const r of sizeRows({root})) {
    const target = r.targetBytes ? `≤ ${fmtBytes(r.targetBytes)}` : '';
    const result = r.targetBytes ? (r.bytes <= r.targetBytes ? 'pass' : 'MISS') : 'info';
    table.push({group: 'size', name: r.name, value: fmtBytes(r.bytes), target, result, note: r.note});
  }
} catch (err) {
  failRow('size', 'sizes', 'error', err.message);
}

// 4. The parts' own benchmarks.
const DELEGATES = [
  ['servers', 'bench/discover.ts'],
  ['doctor', 'bench/doctor.ts'],
  ['openclaw installed', 'bench/openclaw-installed.ts'],
  ['TUI', 'bench/first-frame.ts'],
  ['config', 'bench/patch.ts'],
];

function parseRows(stdout) {
  const text = stdout.trim();
  const starts = [text.indexOf('['), text.indexOf('{')].filter((i) => i >= 0);
  if (!starts.length) return undefined;
  try {
    const parsed = JSON.parse(text.slice(Math.min(...starts)));
    const rows = Array.isArray(parsed) ? parsed : Array.isArray(parsed.rows) ? parsed.rows : [parsed];
    return rows.map((r) => ({
      name: String(r.name ?? r.label ?? r.id ?? '?'),
      medianMs: Number(r.medianMs ?? r.median_ms ?? r.median ?? r.ms),
      runs: r.runs,
      targetMs: Number(r.targetMs ?? r.target_ms ?? (typeof r.target === 'number' ? r.target : undefined)),
      target: typeof r.target === 'string' ? r.target : undefined,
      pass: r.pass,
      note: r.note,
    }));
  } catch {
    return undefined;
  }
}

const tsxImport = join(root, 'node_modules/tsx/dist/loader.mjs');
for (const [group, script] of DELEGATES) {
  if (!existsSync(join(root, script))) {
    failRow(group, script, 'not available', 'script not written yet');
    continue;
  }
  progress(`running ${script}`);
  const runScript = (flags) =>
    spawnSync(
      process.execPath,
      ['--import', existsSync(tsxImport) ? pathToFileURL(tsxImport).href : 'tsx', script, ...flags],
      {
        cwd: root,
        encoding: 'utf8',
        timeout: 300_000,
        env: {...process.env, NO_COLOR: '1', FORCE_COLOR: '0'},
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
  const r = runScript(['--json', '--runs', String(runs)]);
  const rows = r.status === 0 ? parseRows(r.stdout) : undefined;
  if (rows?.length) {
    for (const x of rows) table.push(msRow(group, x));
    continue;
  }
  const why = r.error ? r.error.message : r.status !== 0 ? `exited ${r.status ?? r.signal}` : 'no JSON rows on stdout';
  failRow(group, script, 'error', why);
  appendix.push(`--- ${script} (${why})\n${(r.stdout || '').trim()}\n${(r.stderr || '').trim()}`.trim());
}

// 5. The table.
if (values.json) {
  process.stdout.write(`${JSON.stringify({node: process.versions.node, runs, rows: table}, null, 2)}\n`);
} else {
  const head = {
    group: 'part',
    name: 'benchmark',
    value: 'median / size',
    target: 'target',
    result: 'result',
    note: 'notes',
  };
  const cols = ['group', 'name', 'value', 'target', 'result', 'note'];
  const width = Object.fromEntries(
    cols.map((c) => [c, Math.max(...[head, ...table].map((r) => String(r[c] ?? '').length))]),
  );
  const line = (r) => `| ${cols.map((c) => String(r[c] ?? '').padEnd(width[c])).join(' | ')} |`;
  const out = [
    `openclaw-local-doctor ${pkg.version} benchmarks: Node ${process.versions.node}, ${process.platform}-${process.arch}, ${runs} runs`,
    '',
    line(head),
    `|${cols.map((c) => '-'.repeat(width[c] + 2)).join('|')}|`,
    ...table.map(line),
  ];
  process.stdout.write(`${out.join('\n')}\n`);
  if (appendix.length) process.stdout.write(`\n${appendix.join('\n\n')}\n`);
}
// Benchmarks report; they do not fail the build (a MISS is for people to read).
