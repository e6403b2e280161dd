// applyPatch timing on the largest corpus config (40 KB, 69 agents).
//
//   npx tsx bench/patch.ts [--runs N] [--json]
//
// With --json it prints rows for bench/run.mjs:
//   [{name, medianMs, runs, targetMs, note}]
import {median} from './timing.js';
import {readFileSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {parseArgs} from 'node:util';
import {applyPatch} from '../src/config/patch.js';
import {parseJson5Document} from '../src/config/json5/parser.js';
import {unifiedDiff} from '../src/config/diff.js';
import type {PatchOp} from '../src/core/types/config.js';

const {values} = parseArgs({options: {runs: {type: 'string', default: '21'}, json: {type: 'boolean', default: false}}});
const runs = Number.parseInt(values.runs, 10);
if (!Number.isInteger(runs) || runs < 1 || runs > 1000) {
  process.stderr.write('bench/patch: --runs must be an integer from 1 to 1000\n');
  process.exit(2);
}

const file = '038-xlarge-lmstudio-cluster.json5';
const text = readFileSync(join(dirname(fileURLToPath(import.meta.url)), '../test/fixtures/configs', file), 'utf8');

const setupOps: PatchOp[] = [
  {
    op: 'set',
    path: ['models', 'providers', 'lmstudio'],
    value: {
      baseUrl: 'http://127.0.0.1:1234/v1',
      apiKey: 'lmstudio',
      api: 'openai-completions',
      models: [{id: 'qwen/qwen3-8b', name: 'Qwen3 8B', contextWindow: 32768, maxTokens: 8192}],
    },
  },
  {op: 'merge', path: ['agents', 'defaults', 'model'], value: {primary: 'lmstudio/qwen/qwen3-8b'}},
  {op: 'append-unique', path: ['agents', 'defaults', 'modelPolicy', 'allow'], value: 'lmstudio/qwen/qwen3-8b'},
  {op: 'set', path: ['gateway', 'port'], value: 18790},
  {op: 'delete', path: ['meta', 'lastTouchedVersion']},
];

function time(f: () => unknown): number {
  // Warm up, then time each run.
  for (let i = 0; i < 3; i++) f();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    f();
    samples.push(performance.now() - t0);
  }
  return median(samples);
}

const patched = applyPatch(text, setupOps);
const rows = [
  {name: `parse CST (${(text.length / 1024).toFixed(0)} KB)`, medianMs: time(() => parseJson5Document(text)), runs},
  {name: 'applyPatch: set one provider', medianMs: time(() => applyPatch(text, setupOps.slice(0, 1))), runs},
  {name: 'applyPatch: 5 setup ops', medianMs: time(() => applyPatch(text, setupOps)), runs, targetMs: 100, note: file},
  {name: 'unifiedDiff of that patch', medianMs: time(() => unifiedDiff(text, patched, 'openclaw.json')), runs},
];

if (values.json) {
  process.stdout.write(JSON.stringify(rows) + '\n');
} else {
  process.stdout.write(
    `applyPatch on ${file} (${text.length} chars, ${text.split('\n').length} lines), median of ${runs} runs\n`,
  );
  for (const r of rows)
    process.stdout.write(
      `  ${r.name.padEnd(34)} ${r.medianMs.toFixed(2).padStart(8)} ms${r.targetMs ? `  (target <= ${r.targetMs} ms)` : ''}\n`,
    );
}
