/**
 * Real child processes: a hung probe must be killed without blocking the
 * event loop, and fake nvidia-smi binaries on PATH must be read like real ones.
 */
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {chmodSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {spawnSync} from 'node:child_process';
import {fileURLToPath} from 'node:url';
import {
  detectWith,
  liveSiSnapshot,
  liveSources,
  PROBE_ENV_FLAG,
  probeLaunch,
  runCommand,
  trimSnapshot,
  type HardwareSources,
} from '../../src/hardware/index.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
let dir: string;

/** Counts timer ticks while `work` runs: a blocked event loop would count none. */
async function ticksDuring<T>(work: Promise<T>): Promise<{result: T; ticks: number}> {
  let ticks = 0;
  const timer = setInterval(() => ticks++, 20);
  try {
    const result = await work;
    return {result, ticks};
  } finally {
    clearInterval(timer);
  }
}

function script(name: string, body: string): string {
  const p = path.join(dir, name);
  writeFileSync(p, body);
  chmodSync(p, 0o755);
  return p;
}

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'hw-probe-'));
});
afterAll(() => {
  rmSync(dir, {recursive: true, force: true});
});

describe('runCommand', () => {
  it('kills a command that hangs, and the event loop keeps running meanwhile', async () => {
    const {result, ticks} = await ticksDuring(
      runCommand(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], {timeoutMs: 400}),
    );
    expect(result.timedOut).toBe(true);
    expect(result.ok).toBe(false);
    expect(result.error).toMatch(/timed out after 400 ms/);
    expect(ticks).toBeGreaterThan(3);
  });

  it('kills the grandchildren too (a probe whose own child holds the pipe)', async () => {
    const code = "require('child_process').spawn('sleep', ['30'], {stdio: 'inherit'}); setTimeout(() => {}, 60000)";
    const {result} = await ticksDuring(runCommand(process.execPath, ['-e', code], {timeoutMs: 400}));
    expect(result.timedOut).toBe(true);
  });

  it('reports a missing program as "not found" and keeps stdout of a normal one', async () => {
    expect((await runCommand(path.join(dir, 'no-such-binary'), [], {timeoutMs: 2000})).error).toBe('not found');
    const ok = await runCommand(process.execPath, ['-e', 'process.stdout.write("hi\\n"); process.exit(3)'], {
      timeoutMs: 5000,
    });
    expect(ok).toMatchObject({ok: false, code: 3, stdout: 'hi\n', timedOut: false});
  });

  it('stops reading at maxBytes', async () => {
    const res = await runCommand(process.execPath, ['-e', 'for(;;) process.stdout.write("x".repeat(65536))'], {
      timeoutMs: 5000,
      maxBytes: 100_000,
    });
    expect(res.stdout.length).toBeLessThan(300_000);
    expect(res.timedOut).toBe(false);
  });
});

describe('systeminformation probe in a child process', () => {
  it('a systeminformation that hangs synchronously is killed at the timeout', async () => {
    // graphics() busy-waits like an execSync on a wedged driver would.
    const fake = path.join(dir, 'hung-si.cjs');
    writeFileSync(
      fake,
      `const hang = () => { const end = Date.now() + 60000; while (Date.now() < end) {} };
       module.exports = {graphics() { hang(); }, mem: async () => ({}), cpu: async () => ({}), osInfo: async () => ({}), system: async () => ({})};`,
    );
    const {result, ticks} = await ticksDuring(liveSiSnapshot({timeoutMs: 500, modulePath: fake}));
    expect(result).toMatchObject({ok: false, timedOut: true});
    expect(ticks).toBeGreaterThan(3);
  });

  it('a systeminformation that throws is reported, not thrown', async () => {
    const fake = path.join(dir, 'broken-si.cjs');
    writeFileSync(
      fake,
      `module.exports = {graphics: async () => { throw new Error('lspci exploded'); }, mem: async () => ({}), cpu: async () => ({}), osInfo: async () => ({}), system: async () => ({})};`,
    );
    const res = await liveSiSnapshot({timeoutMs: 5000, modulePath: fake});
    expect(res).toMatchObject({ok: false, timedOut: false});
    expect(!res.ok && res.error).toMatch(/lspci exploded/);
  });

  it("the real systeminformation answers with this machine's memory", async () => {
    const res = await liveSiSnapshot({timeoutMs: 15_000});
    expect(res.ok).toBe(true);
    if (res.ok) {
      expect(res.snapshot.mem?.total).toBeGreaterThan(0);
      expect(Array.isArray(res.snapshot.graphics?.controllers)).toBe(true);
    }
  });

  it('bundle mode: the CLI entry with the probe flag prints the raw probe', () => {
    // What a single-file bundle does when systeminformation does not resolve from disk.
    const launch = probeLaunch({PATH: process.env.PATH}, '');
    expect(launch?.mode).toBe('entry');
    expect(launch?.args.at(-1)).toBe('hardware');
    expect(launch?.env[PROBE_ENV_FLAG]).toBe('1');
    const res = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'hardware'], {
      cwd: REPO,
      env: {...process.env, [PROBE_ENV_FLAG]: '1'},
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(res.status).toBe(0);
    const raw = JSON.parse(res.stdout.trim().split('\n').pop()!) as unknown[];
    expect(raw).toHaveLength(5);
    expect(trimSnapshot(raw).mem?.total).toBeGreaterThan(0);
  });
});

describe('detection against fake binaries on PATH', () => {
  function sourcesWithPath(extra: Partial<HardwareSources> = {}): HardwareSources {
    const env = {...process.env, PATH: `${dir}:${process.env.PATH ?? ''}`};
    return {...liveSources(env), ...extra};
  }

  it('reads a fake nvidia-smi like the real one (8× H100)', async () => {
    const rows = Array.from(
      {length: 8},
      (_, i) =>
        `${i}, NVIDIA H100 80GB HBM3, 81559, 1, 81080, 570.133.20, 00000000:${(0x18 + i).toString(16).toUpperCase()}:00.0`,
    );
    script(
      'nvidia-smi',
      `#!/bin/sh\ncase "$*" in *--query-gpu=index,name,memory.total*) printf '%s\\n' ${rows.map((r) => `'${r}'`).join(' ')};; *) exit 1;; esac\n`,
    );
    const profile = await detectWith(
      sourcesWithPath({
        siSnapshot: async () => ({
          ok: true,
          snapshot: trimSnapshot([{controllers: []}, {total: 2e12, available: 1.9e12}, {}, {}, {}]),
        }),
      }),
    );
    expect(profile.accelerators).toEqual([
      expect.objectContaining({
        kind: 'nvidia',
        name: 'NVIDIA H100 80GB HBM3',
        count: 8,
        memorySource: 'nvidia-smi',
        driver: '570.133.20',
        bandwidthGBps: 3350,
      }),
    ]);
    expect(profile.usableAcceleratorMemoryGB).toBeCloseTo(8 * ((81559 * 1048576) / 1e9 - 1.073741824), 1);
  });

  it('a nvidia-smi that hangs is killed and named in detection.timedOut', async () => {
    script('nvidia-smi', '#!/bin/sh\nsleep 30\n');
    const fake = path.join(dir, 'hung-si2.cjs');
    writeFileSync(
      fake,
      `module.exports = {graphics() { for (;;) {} }, mem: async () => ({}), cpu: async () => ({}), osInfo: async () => ({}), system: async () => ({})};`,
    );
    const sources = sourcesWithPath({siSnapshot: (o) => liveSiSnapshot({timeoutMs: o.timeoutMs, modulePath: fake})});
    const {result: profile, ticks} = await ticksDuring(detectWith(sources, {timeoutMs: 600}));
    expect(profile.detection?.timedOut?.sort()).toEqual(['nvidia-smi', 'systeminformation']);
    expect(profile.ramTotalGB).toBeGreaterThan(0); // from node:os
    expect(profile.usableAcceleratorMemoryGB).toBe(0);
    expect(ticks).toBeGreaterThan(3);
  });
});
