/**
 * Wall time of `doctor --json` as a real process (the built bundle), against
 * a healthy fake LM Studio, with the server down (connection refused), and
 * with a server that accepts connections and never answers.
 *
 *   npx tsx bench/doctor.ts [--runs N] [--json] [--no-build]
 *
 * Goals: healthy ≤ 0.5 s, down ≤ 3 s. The hardware profile is injected
 * (OPENCLAW_LOCAL_DOCTOR_HARDWARE_FILE) so the rows time the doctor, not this
 * machine's GPU probes; one extra row shows live detection for reference.
 * Timings are wall-clock medians on this machine; compare only with runs on
 * the same machine.
 */
import {median, timeOnce} from './timing.js';
import {spawnSync} from 'node:child_process';
import {chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, join, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';
import {parseArgs} from 'node:util';
import {startFake, startHangingServer} from '../test/fakes/index.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const {values} = parseArgs({
  options: {
    runs: {type: 'string', default: '7'},
    json: {type: 'boolean', default: false},
    'no-build': {type: 'boolean', default: false},
  },
});
const runs = Number.parseInt(values.runs!, 10);
if (!Number.isInteger(runs) || runs < 1 || runs > 100) {
  process.stderr.write('bench/doctor: --runs must be an integer from 1 to 100\n');
  process.exit(2);
}
const progress = (s: string) => process.stderr.write(`bench/doctor: ${s}\n`);

interface Row {
  name: string;
  medianMs: number;
  runs: number;
  targetMs?: number;
  note?: string;
}

async function timeDoctor(
  name: string,
  bin: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  expect: (json: any, code: number | null) => string | undefined,
  targetMs?: number,
): Promise<Row> {
  const times: number[] = [];
  const inProcess: number[] = [];
  for (let i = 0; i <= runs; i++) {
    const r = await timeOnce(process.execPath, [bin, ...args], env);
    let json: any;
    try {
      json = JSON.parse(r.stdout);
    } catch {
      throw new Error(`${name}: no JSON on stdout (exit ${r.code}): ${r.stderr.trim().split('\n')[0]}`);
    }
    const problem = expect(json, r.code);
    if (problem) throw new Error(`${name}: ${problem}`);
    if (i > 0) {
      times.push(r.ms); // first run warms the file cache
      inProcess.push(json.durationMs);
    }
  }
  return {
    name,
    medianMs: median(times),
    runs,
    targetMs,
    note: `checks themselves ${median(inProcess).toFixed(0)} ms; the rest is start-up, config loading and exit (open keep-alive sockets delay it)`,
  };
}

function buildBin(): {bin: string; cleanup: () => void} {
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

function configFor(baseUrl: string, logFile: string): string {
  return `{
  gateway: { mode: "local" },
  models: { mode: "merge", providers: { lmstudio: {
    baseUrl: ${JSON.stringify(baseUrl)}, apiKey: "lmstudio-local", api: "openai-responses", timeoutSeconds: 600,
    models: [{ id: "qwen/qwen3-coder-30b", name: "Qwen3 Coder 30B", contextWindow: 65536, maxTokens: 8192 }],
  } } },
  agents: { defaults: {
    model: { primary: "lmstudio/qwen/qwen3-coder-30b", fallbacks: ["anthropic/claude-sonnet-4-5"] },
    compaction: { enabled: true, mode: "safeguard" },
  } },
  logging: { file: ${JSON.stringify(logFile)} },
}
`;
}

async function main(): Promise<void> {
  const {bin, cleanup} = buildBin();
  const dir = mkdtempSync(join(tmpdir(), 'ocld-bench-doctor-'));
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
  const hang = await startHangingServer();
  const downPort = await (async () => {
    const f = await startFake('lmstudio');
    const p = f.port;
    await f.close();
    return p;
  })();
  const rows: Row[] = [];
  try {
    const state = join(dir, 'state');
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
    const binDir = join(dir, 'bin');
    mkdirSync(binDir);
    writeFileSync(join(binDir, 'node'), '#!/bin/sh\necho v24.16.0\n');
    chmodSync(join(binDir, 'node'), 0o755);
    const env = {
      HOME: dir,
      OPENCLAW_HOME: dir,
      OPENCLAW_STATE_DIR: state,
      PATH: `${binDir}:/usr/bin:/bin`,
      OPENCLAW_LOCAL_DOCTOR_HARDWARE_FILE: profile,
      NO_COLOR: '1',
    };
    const cfg = (name: string, baseUrl: string) => {
      const p = join(dir, `${name}.json`);
      writeFileSync(p, configFor(baseUrl, join(dir, 'openclaw.log')));
      return p;
    };
    const healthy = cfg('healthy', lm.v1);
    const down = cfg('down', `http://127.0.0.1:${downPort}/v1`);
    const hung = cfg('hang', `${hang.origin}/v1`);
    const reach = (j: any) => j.checks.find((c: any) => c.id === 'server.reachable');

    progress('healthy');
    rows.push(
      await timeDoctor(
        'doctor --json, healthy LM Studio',
        bin,
        ['doctor', '--json', '--config', healthy],
        env,
        (j, code) =>
          code === 0 && j.ok
            ? undefined
            : `expected ok, got exit ${code}: ${JSON.stringify(j.checks.filter((c: any) => c.status === 'fail' || c.status === 'warn'))}`,
        500,
      ),
    );
    progress('down');
    rows.push(
      await timeDoctor(
        'doctor --json, server down (refused)',
        bin,
        ['doctor', '--json', '--config', down],
        env,
        (j, code) =>
          code === 1 && reach(j)?.evidence?.cause === 'refused'
            ? undefined
            : `expected refused, got ${JSON.stringify(reach(j))}`,
        3000,
      ),
    );
    progress('hanging');
    const hangRow = await timeDoctor(
      'doctor --json, hanging server (default --timeout-ms 3000)',
      bin,
      ['doctor', '--json', '--config', hung],
      env,
      (j, code) =>
        code === 1 && reach(j)?.evidence?.cause === 'timeout'
          ? undefined
          : `expected timeout, got ${JSON.stringify(reach(j))}`,
    );
    hangRow.note = `${hangRow.note}; bounded by the per-request timeout; no target`;
    rows.push(hangRow);
    progress('hanging, --timeout-ms 1000');
    const hang1 = await timeDoctor(
      'doctor --json, hanging server, --timeout-ms 1000',
      bin,
      ['doctor', '--json', '--config', hung, '--timeout-ms', '1000'],
      env,
      (j, code) =>
        code === 1 && reach(j)?.evidence?.cause === 'timeout'
          ? undefined
          : `expected timeout, got ${JSON.stringify(reach(j))}`,
    );
    hang1.note = `${hang1.note}; no target`;
    rows.push(hang1);
    progress('healthy, live hardware detection');
    const liveEnv: NodeJS.ProcessEnv = {...env};
    delete liveEnv.OPENCLAW_LOCAL_DOCTOR_HARDWARE_FILE;
    const live = await timeDoctor(
      'doctor --json, healthy, live hardware detection',
      bin,
      ['doctor', '--json', '--config', healthy],
      liveEnv,
      (j) => (j.checks ? undefined : 'no checks'),
    );
    live.note = `${live.note}; includes probing this machine; no target`;
    rows.push(live);
  } finally {
    await lm.close();
    await hang.close();
    rmSync(dir, {recursive: true, force: true});
    cleanup();
  }
  if (values.json) {
    process.stdout.write(`${JSON.stringify(rows)}\n`);
    return;
  }
  const w = Math.max(...rows.map((r) => r.name.length));
  for (const r of rows) {
    const verdict =
      r.targetMs === undefined
        ? ''
        : r.medianMs <= r.targetMs
          ? `  ≤ ${r.targetMs} ms: ok`
          : `  > ${r.targetMs} ms: SLOW`;
    process.stdout.write(
      `${r.name.padEnd(w)}  ${r.medianMs.toFixed(0).padStart(6)} ms (median of ${r.runs})${verdict}${r.note ? `  (${r.note})` : ''}\n`,
    );
  }
}

main().catch((e) => {
  process.stderr.write(`bench/doctor: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
