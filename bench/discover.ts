/**
 * How long discover() takes: nothing listening, 3 fakes listening, one port
 * that accepts and never answers.
 * Run: npx tsx bench/discover.ts [--runs N] [--timeout-ms MS] [--json]
 * --json prints [{name, medianMs, runs, targetMs, pass, note}] on stdout (one row
 * per scenario) for bench/run.mjs; the human table is printed otherwise.
 * Ports are free loopback ports found at start (not the real defaults), so
 * whatever runs on this machine does not change the numbers. The fakes run
 * as their own processes (test/fakes/serve.ts), like real servers do.
 */
import {spawn, type ChildProcess} from 'node:child_process';
import {createServer} from 'node:http';
import {fileURLToPath} from 'node:url';
import {parseArgs} from 'node:util';
import {discoverDetailed} from '../src/servers/index.js';
import {DEFAULTS} from '../src/servers/http.js';

const SERVE = fileURLToPath(new URL('../test/fakes/serve.ts', import.meta.url));

/** Starts serve.ts in its own process; resolves with its port once it prints its origin. */
function spawnFake(args: string[]): Promise<{port: number; child: ChildProcess}> {
  const child = spawn(process.execPath, ['--import', 'tsx', SERVE, ...args], {stdio: ['pipe', 'pipe', 'inherit']});
  return new Promise((resolve, reject) => {
    let buf = '';
    child.stdout!.on('data', (d: Buffer) => {
      buf += d.toString();
      const m = /^http:\/\/127\.0\.0\.1:(\d+)\n/.exec(buf);
      if (m) resolve({port: Number(m[1]), child});
    });
    child.once('exit', (code) => reject(new Error(`serve.ts ${args[0]} exited (${code})`)));
  });
}

async function stopAll(children: ChildProcess[]): Promise<void> {
  await Promise.all(
    children.map(
      (c) =>
        new Promise<void>((r) => {
          if (c.exitCode !== null) return r();
          c.once('exit', () => r());
          c.kill('SIGTERM');
        }),
    ),
  );
}

const {values} = parseArgs({
  options: {
    runs: {type: 'string', default: '15'},
    'timeout-ms': {type: 'string', default: '3000'},
    json: {type: 'boolean', default: false},
  },
});
const RUNS = Number(values.runs);
const TIMEOUT = Number(values['timeout-ms']);
if (!Number.isInteger(RUNS) || RUNS < 1 || !Number.isInteger(TIMEOUT) || TIMEOUT < 100) {
  process.stderr.write('bench/discover: --runs must be an integer ≥ 1 and --timeout-ms an integer ≥ 100\n');
  process.exit(2);
}
/** discover()'s default connect timeout: with nothing hanging, no probe should come near it. */
const CONNECT_TIMEOUT_MS = DEFAULTS.connectTimeoutMs;
/** Scheduling slack on top of the total budget when one port hangs (the 2-core machines are shared). */
const BUDGET_SLACK_MS = 250;

async function freePorts(n: number): Promise<number[]> {
  const ports: number[] = [];
  for (let i = 0; i < n; i++) {
    const s = createServer();
    await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
    const a = s.address();
    ports.push(typeof a === 'object' && a ? a.port : 0);
    await new Promise<void>((r) => s.close(() => r()));
  }
  return ports;
}

function stats(xs: number[]): {min: number; median: number; p90: number; max: number} {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  return {min: s[0], median: at(0.5), p90: at(0.9), max: s[s.length - 1]};
}

async function time(ports: number[], runs: number): Promise<{ms: number[]; found: number}> {
  const ms: number[] = [];
  let found = 0;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const r = await discoverDetailed({ports, totalTimeoutMs: TIMEOUT});
    ms.push(performance.now() - t);
    found = r.servers.length;
  }
  return {ms, found};
}

const closed = await freePorts(7);
interface Row {
  scenario: string;
  ports: number;
  found: number;
  /** How many servers the scenario has listening; discover() must find exactly these. */
  expected: number;
  runs: number;
  targetMs: number;
  /** Where the target comes from, for the note. */
  targetWhy: string;
  s: ReturnType<typeof stats>;
}
const rows: Row[] = [];
const budgetTarget = {targetMs: CONNECT_TIMEOUT_MS, targetWhy: 'target: the connect timeout, as nothing hangs'};

// Warm-up (module load, JIT) not counted.
await time(closed, 2);

{
  const {ms, found} = await time(closed, RUNS);
  rows.push({
    scenario: 'nothing listening',
    ports: closed.length,
    found,
    expected: 0,
    runs: RUNS,
    ...budgetTarget,
    s: stats(ms),
  });
}
{
  const fakes = await Promise.all([spawnFake(['lmstudio']), spawnFake(['ollama']), spawnFake(['vllm'])]);
  try {
    const ports = [...fakes.map((f) => f.port), ...closed.slice(0, 4)];
    await time(ports, 2); // warm the fakes too
    const {ms, found} = await time(ports, RUNS);
    rows.push({
      scenario: '3 fakes (LM Studio, Ollama, vLLM)',
      ports: ports.length,
      found,
      expected: 3,
      runs: RUNS,
      ...budgetTarget,
      s: stats(ms),
    });
  } finally {
    await stopAll(fakes.map((f) => f.child));
  }
}
{
  const h = await spawnFake(['vllm', '--hang']);
  try {
    const ports = [h.port, ...closed.slice(0, 6)];
    const runs = Math.min(RUNS, 3);
    const {ms, found} = await time(ports, runs);
    rows.push({
      scenario: `1 hanging port (timeout ${TIMEOUT} ms)`,
      ports: ports.length,
      found,
      expected: 0,
      runs,
      targetMs: TIMEOUT + BUDGET_SLACK_MS,
      targetWhy: `target: the total timeout + ${BUDGET_SLACK_MS} ms`,
      s: stats(ms),
    });
  } finally {
    await stopAll([h.child]);
  }
}

const load = (await import('node:os')).loadavg()[0].toFixed(1);
if (values.json) {
  // A row passes when its median is within target AND discover() found exactly the servers listening.
  const out = rows.map((r) => ({
    name: r.scenario,
    medianMs: Math.round(r.s.median * 10) / 10,
    runs: r.runs,
    targetMs: r.targetMs,
    pass: r.s.median <= r.targetMs && r.found === r.expected,
    note: `${r.ports} ports, found ${r.found} of ${r.expected}; min ${r.s.min.toFixed(0)} / p90 ${r.s.p90.toFixed(0)} / max ${r.s.max.toFixed(0)} ms; ${r.targetWhy}; load ${load}`,
  }));
  process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
} else {
  const f = (n: number) => n.toFixed(1).padStart(8);
  console.log(`discover() on 127.0.0.1, Node ${process.version}, ${RUNS} runs (hanging: ≤3), load average ${load}`);
  console.log(
    `${'scenario'.padEnd(38)} ports found ${'min'.padStart(8)} ${'median'.padStart(8)} ${'p90'.padStart(8)} ${'max'.padStart(8)}  (ms)`,
  );
  for (const r of rows) {
    console.log(
      `${r.scenario.padEnd(38)} ${String(r.ports).padStart(5)} ${String(r.found).padStart(5)} ${f(r.s.min)} ${f(r.s.median)} ${f(r.s.p90)} ${f(r.s.max)}`,
    );
  }
}
