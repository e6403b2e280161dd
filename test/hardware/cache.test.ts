/** The hardware profile is detected once per boot and hardware; free memory stays fresh; partial answers are not kept. */
import {existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {cachingDetector, HARDWARE_CACHE_FILE, machineKey} from '../../src/hardware/cache.js';
import type {HardwareProfile} from '../../src/core/types/hardware.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'hw-cache-'));
afterAll(() => rmSync(tmp, {recursive: true, force: true}));

const profile = (over: Partial<HardwareProfile> = {}): HardwareProfile => ({
  schemaVersion: 1,
  platform: 'linux',
  ramTotalGB: 64,
  ramAvailableGB: 1,
  accelerators: [
    {kind: 'nvidia', name: 'RTX 4090', memoryGB: 24, memorySource: 'nvidia-smi', count: 1, unified: false},
  ],
  usableAcceleratorMemoryGB: 23,
  usableSource: 'nvidia-smi',
  nodes: 1,
  notes: [],
  detection: {mode: 'live', ms: 900},
  ...over,
});

function counting(p: HardwareProfile) {
  let calls = 0;
  return {detector: {detect: async () => (calls++, p)}, calls: () => calls};
}

describe('cachingDetector', () => {
  it('detects once, then answers from the state dir (0600) with fresh free memory', async () => {
    const env = {OPENCLAW_LOCAL_DOCTOR_STATE_DIR: path.join(tmp, 'a')};
    const inner = counting(profile());
    const d = cachingDetector(inner.detector, env);
    expect((await d.detect({env})).detection?.cached).toBeUndefined();
    const again = await d.detect({env});
    expect(inner.calls()).toBe(1);
    expect(again.detection).toEqual({mode: 'live', cached: true});
    expect(again.accelerators[0].name).toBe('RTX 4090');
    expect(again.ramAvailableGB).not.toBe(1);
    expect(statSync(path.join(env.OPENCLAW_LOCAL_DOCTOR_STATE_DIR, HARDWARE_CACHE_FILE)).mode & 0o777).toBe(0o600);
  });

  it('another machine key (a reboot, new hardware) detects again', async () => {
    const env = {OPENCLAW_LOCAL_DOCTOR_STATE_DIR: path.join(tmp, 'b')};
    const inner = counting(profile());
    const d = cachingDetector(inner.detector, env);
    await d.detect({env});
    const file = path.join(env.OPENCLAW_LOCAL_DOCTOR_STATE_DIR, HARDWARE_CACHE_FILE);
    const stored = JSON.parse(readFileSync(file, 'utf8'));
    expect(stored.key).toBe(machineKey());
    writeFileSync(file, JSON.stringify({...stored, key: '0'.repeat(64)}));
    await d.detect({env});
    expect(inner.calls()).toBe(2);
  });

  it('never keeps a detection that timed out, and ignores a damaged file', async () => {
    const env = {OPENCLAW_LOCAL_DOCTOR_STATE_DIR: path.join(tmp, 'c')};
    const inner = counting(profile({detection: {mode: 'live', timedOut: ['nvidia-smi']}}));
    const d = cachingDetector(inner.detector, env);
    await d.detect({env});
    await d.detect({env});
    expect(inner.calls()).toBe(2);
    expect(existsSync(path.join(tmp, 'c', HARDWARE_CACHE_FILE))).toBe(false);
    const env2 = {OPENCLAW_LOCAL_DOCTOR_STATE_DIR: path.join(tmp, 'c')};
    mkdirSync(path.join(tmp, 'c'), {recursive: true});
    writeFileSync(
      path.join(tmp, 'c', HARDWARE_CACHE_FILE),
      JSON.stringify({schemaVersion: 1, key: machineKey(), profile: {accelerators: 'x'}}),
    );
    const inner2 = counting(profile());
    await cachingDetector(inner2.detector, env2).detect({env: env2});
    expect(inner2.calls()).toBe(1);
  });
});

describe('stateDir', () => {
  it('explicit, then XDG_STATE_HOME, then ~/.local/state; no HOME in the env given: no state', async () => {
    const {stateDir} = await import('../../src/process/state.js');
    expect(stateDir({OPENCLAW_LOCAL_DOCTOR_STATE_DIR: '/x/s', XDG_STATE_HOME: '/y', HOME: '/h'})).toBe('/x/s');
    expect(stateDir({XDG_STATE_HOME: '/y', HOME: '/h'})).toBe('/y/openclaw-local-doctor');
    expect(stateDir({XDG_STATE_HOME: 'relative', HOME: '/h'})).toBe('/h/.local/state/openclaw-local-doctor');
    expect(stateDir({})).toBeUndefined();
  });
});
