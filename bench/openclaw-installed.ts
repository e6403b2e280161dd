/**
 * The doctor with the real OpenClaw installed: `doctor --json` on a healthy stack with `openclaw` on PATH, paired in
 * one run (interleaved, same machine state) with the same command without OpenClaw on PATH, with `node -e 0`, and
 * with `openclaw models status --probe`. Also the first doctor run after the file changed (an empty state dir: no
 * cached verdict, OpenClaw runs) for reference.
 *
 *   npx tsx bench/openclaw-installed.ts [--runs N] [--json] [--no-build] [--bin path/to/cli.js] [--before old/cli.js]
 *
 * --before adds the same two doctor rows for an older build, interleaved in the same rounds (a paired before/after).
 *
 * Needs OPENCLAW_BIN (the real OpenClaw); without it the rows say "skipped". Targets: with OpenClaw ≤ 1.5× without,
 * and the doctor with OpenClaw ≤ 8× `node -e 0`. Medians of N runs; the machine is shared, so compare ratios.
 */
import {median, timeOnce} from './timing.js';
import {spawnSync} from 'node:child_process';
import {chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, join, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';
import {parseArgs} from 'node:util';
import {startFake} from '../test/fakes/index.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const {values} = parseArgs({
  options: {
    runs: {type: 'string', default: '5'},
    json: {type: 'boolean', default: false},
    'no-build': {type: 'boolean', default: false},
    bin: {type: 'string'},
    before: {type: 'string'},
  },
});
const runs = Number.parseInt(values.runs!, 10);
if (!Number.isInteger(runs) || runs < 1 || runs > 100) {
  process.stderr.write('bench/openclaw-installed: --runs must be an integer from 1 to 100\n');
  process.exit(2);
}
const progress = (s: string) => process.stderr.write(`bench/openclaw-installed: ${s}\n`);

interface Row {
  name: string;
  medianMs: number;
  runs: number;
  target?: string;
  pass?: boolean;
  note?: string;
}

function buildBin(): {bin: string; cleanup: () => void} {
  // --bin: another build (e.g. of an older commit) for a before/after comparison.
  if (values.bin) return {bin: resolve(values.bin), cleanup: () => undefined};
  if (values['no-build']) {
    const bin = join(root, 'dist', 'cli.js');
    if (!existsSync(bin)) throw new Error('dist/cli.js is missing: run npm run build, or drop --no-build');
    return {bin, cleanup: () => undefined};
  }
  const out = mkdtempSync(join(tmpdir(), 'ocld-bench-build-'));
  progress('building the bundle');
  const r = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs'), '--outdir', out], {encoding: 'utf8'});
  if (r.status !== 0) throw new Error(`build failed: ${r.stderr || r.stdout}`);
  return {bin: join(out, 'cli.js'), cleanup: () => rmSync(out, {recursive: true, force: true})};
}

async function main(): Promise<void> {
  const openclaw = process.env.OPENCLAW_BIN;
  if (!openclaw || !existsSync(openclaw)) {
    const rows: Row[] = [
      {
        name: 'doctor --json with OpenClaw installed',
        medianMs: Number.NaN,
        runs: 0,
        note: 'skipped: set OPENCLAW_BIN to the real openclaw',
      },
    ];
    process.stdout.write(values.json ? `${JSON.stringify(rows)}\n` : `${rows[0].name}: ${rows[0].note}\n`);
    return;
  }
  const {bin, cleanup} = buildBin();
  const dir = mkdtempSync(join(tmpdir(), 'ocld-bench-oc-'));
  const lm = await startFake('lmstudio', {
    models: [
      {
        id: 'qwen/qwen3-coder-30b',
        loaded: true,
        loadedContext: 65536,
        maxContext: 262144,
        toolUse: true,
        quantization: 'Q4_K_M',
      },
    ],
  });
  try {
    const state = join(dir, 'oc-state');
    mkdirSync(state);
    const profile = join(dir, 'hardware.json');
    writeFileSync(
      profile,
      JSON.stringify({
        schemaVersion: 1,
        platform: 'linux',
        ramTotalGB: 128,
        accelerators: [
          {kind: 'nvidia', name: 'NVIDIA H100', memoryGB: 80, memorySource: 'user', count: 1, unified: false},
        ],
        usableAcceleratorMemoryGB: 76,
        usableSource: 'user',
        nodes: 1,
        notes: [],
      }),
    );
    // Two PATHs that differ only in `openclaw` (as npm installs it: a link in a bin folder).
    const plain = join(dir, 'bin-plain');
    const withOc = join(dir, 'bin-openclaw');
    mkdirSync(plain);
    mkdirSync(withOc);
    for (const d of [plain, withOc]) {
      writeFileSync(join(d, 'node'), '#!/bin/sh\necho v24.16.0\n');
      chmodSync(join(d, 'node'), 0o755);
    }
    symlinkSync(openclaw, join(withOc, 'openclaw'));
    const config = join(dir, 'openclaw.json');
    writeFileSync(
      config,
      JSON.stringify(
        {
          models: {
            mode: 'merge',
            providers: {
              lmstudio: {
                baseUrl: lm.v1,
                apiKey: 'lmstudio-local',
                api: 'openai-responses',
                timeoutSeconds: 600,
                models: [{id: 'qwen/qwen3-coder-30b', name: 'Qwen3 Coder 30B', contextWindow: 65536, maxTokens: 8192}],
              },
            },
          },
          agents: {defaults: {model: {primary: 'lmstudio/qwen/qwen3-coder-30b'}, compaction: {mode: 'safeguard'}}},
          // Our own empty log: the default /tmp/openclaw is shared with whatever else runs on this machine.
          logging: {file: join(dir, 'openclaw.log')},
        },
        null,
        2,
      ),
    );
    const base = {
      HOME: dir,
      OPENCLAW_HOME: dir,
      OPENCLAW_STATE_DIR: state,
      OPENCLAW_CONFIG_PATH: config,
      OPENCLAW_LOCAL_DOCTOR_HARDWARE_FILE: profile,
      NO_COLOR: '1',
    };
    const ourState = join(dir, 'ocld-state');
    const envPlain = {...base, PATH: `${plain}:/usr/bin:/bin`, OPENCLAW_LOCAL_DOCTOR_STATE_DIR: ourState};
    const envOc = {...base, PATH: `${withOc}:/usr/bin:/bin`, OPENCLAW_LOCAL_DOCTOR_STATE_DIR: ourState};
    const doctorArgs = [bin, 'doctor', '--json', '--config', config];
    writeFileSync(join(dir, 'openclaw.log'), '');
    const t = {
      node: [] as number[],
      plain: [] as number[],
      oc: [] as number[],
      ocCold: [] as number[],
      probe: [] as number[],
      bPlain: [] as number[],
      bOc: [] as number[],
    };
    const before = values.before ? resolve(values.before) : undefined;
    let verdict = '';
    /** The checks' own time (the report's durationMs): the rest of a run is start-up and exit. */
    const inProcess: Record<'without' | 'with', number[]> = {without: [], with: []};
    for (let i = 0; i <= runs; i++) {
      progress(`round ${i}/${runs}${i === 0 ? ' (warm-up, not counted)' : ''}`);
      const node = await timeOnce(process.execPath, ['-e', '0'], envPlain, 120_000);
      const p = await timeOnce(process.execPath, doctorArgs, envPlain, 120_000);
      const o = await timeOnce(process.execPath, doctorArgs, envOc, 120_000);
      // The first run after a change: a fresh state dir, so OpenClaw itself judges the file.
      const fresh = join(dir, `fresh-${i}`);
      const c = await timeOnce(
        process.execPath,
        doctorArgs,
        {...envOc, OPENCLAW_LOCAL_DOCTOR_STATE_DIR: fresh},
        120_000,
      );
      const pr = await timeOnce(openclaw, ['models', 'status', '--probe', '--json'], envOc, 120_000);
      const bp = before
        ? await timeOnce(process.execPath, [before, ...doctorArgs.slice(1)], envPlain, 120_000)
        : undefined;
      const bo = before
        ? await timeOnce(process.execPath, [before, ...doctorArgs.slice(1)], envOc, 120_000)
        : undefined;
      for (const [name, r] of [
        ['without', p],
        ['with', o],
        ['first run', c],
      ] as const) {
        let j: {checks?: {id: string; status: string; evidence?: {cached?: boolean}}[]; durationMs?: number};
        try {
          j = JSON.parse(r.stdout);
        } catch {
          throw new Error(`doctor ${name} OpenClaw: no JSON (exit ${r.code}): ${r.stderr.trim().split('\n')[0]}`);
        }
        if (i > 0 && name !== 'first run') inProcess[name].push(j.durationMs ?? Number.NaN);
        const v = j.checks?.find((x) => x.id === 'openclaw.validate');
        if (name === 'with' && i > 0)
          verdict = `openclaw.validate ${v?.status}${v?.evidence?.cached ? ' (cached verdict)' : ''}`;
        if (name === 'first run' && v?.evidence?.cached) throw new Error('a fresh state dir served a cached verdict');
      }
      if (i === 0) continue;
      t.node.push(node.ms);
      t.plain.push(p.ms);
      t.oc.push(o.ms);
      t.ocCold.push(c.ms);
      t.probe.push(pr.ms);
      if (bp && bo) {
        t.bPlain.push(bp.ms);
        t.bOc.push(bo.ms);
      }
    }
    const m = {
      node: median(t.node),
      plain: median(t.plain),
      oc: median(t.oc),
      ocCold: median(t.ocCold),
      probe: median(t.probe),
    };
    const withVsWithout = m.oc / m.plain;
    const vsNode = m.oc / m.node;
    const rows: Row[] = [
      {name: 'node -e 0', medianMs: m.node, runs},
      {
        name: 'doctor --json, healthy, OpenClaw not on PATH',
        medianMs: m.plain,
        runs,
        note: `${(m.plain / m.node).toFixed(1)}× node; checks ${median(inProcess.without).toFixed(0)} ms`,
      },
      {
        name: 'doctor --json, healthy, OpenClaw on PATH',
        medianMs: m.oc,
        runs,
        target: '≤ 1.5× without, ≤ 8× node',
        pass: withVsWithout <= 1.5 && vsNode <= 8,
        note: `${withVsWithout.toFixed(2)}× without; ${vsNode.toFixed(1)}× node; checks ${median(inProcess.with).toFixed(0)} ms; ${verdict}`,
      },
      {
        name: 'doctor --json, OpenClaw on PATH, first run after a change',
        medianMs: m.ocCold,
        runs,
        note: `${(m.ocCold / m.plain).toFixed(1)}× without: OpenClaw judges the new bytes once (no target)`,
      },
      {
        name: 'openclaw models status --probe',
        medianMs: m.probe,
        runs,
        note: `OpenClaw's own check, for scale: the doctor with OpenClaw is ${(m.oc / m.probe).toFixed(2)}× it`,
      },
    ];
    if (before) {
      const bp = median(t.bPlain);
      const bo = median(t.bOc);
      rows.push(
        {
          name: 'before: doctor --json, OpenClaw not on PATH',
          medianMs: bp,
          runs,
          note: `${(bp / m.node).toFixed(1)}× node (${values.before})`,
        },
        {
          name: 'before: doctor --json, OpenClaw on PATH',
          medianMs: bo,
          runs,
          note: `${(bo / bp).toFixed(2)}× without; ${(bo / m.node).toFixed(1)}× node`,
        },
      );
    }
    if (values.json) {
      process.stdout.write(`${JSON.stringify(rows)}\n`);
      return;
    }
    const w = Math.max(...rows.map((r) => r.name.length));
    for (const r of rows)
      process.stdout.write(
        `${r.name.padEnd(w)}  ${r.medianMs.toFixed(0).padStart(6)} ms (median of ${r.runs})${r.target ? `  target ${r.target}: ${r.pass ? 'ok' : 'MISS'}` : ''}${r.note ? `  (${r.note})` : ''}\n`,
      );
  } finally {
    await lm.close();
    rmSync(dir, {recursive: true, force: true});
    cleanup();
  }
}

main().catch((e) => {
  process.stderr.write(`bench/openclaw-installed: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
