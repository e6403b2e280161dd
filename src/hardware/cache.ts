/**
 * The detected hardware profile, kept in our state dir until the machine changes. Live detection starts
 * systeminformation in a child and nvidia-smi (≈10× a bare Node start); the answer only changes with a reboot
 * (boot time) or different hardware (CPU, RAM, the GPU device nodes the kernel lists). Free memory is taken fresh
 * on every read. A detection that timed out somewhere is never kept; a damaged cache file is ignored.
 */
import os from 'node:os';
import {readdirSync, readFileSync} from 'node:fs';
import {createHash} from 'node:crypto';
import {readState, writeState} from '../process/state.js';
import {profileFromJson} from './profile-file.js';
import type {HardwareProfile} from '../core/types/hardware.js';
import type {DetectOptions, HardwareDetector} from './index.js';

export const HARDWARE_CACHE_FILE = 'hardware-profile.json';

/** Seconds since the epoch when the machine booted: /proc/stat's btime on Linux, else now − uptime (to the minute). */
function bootTime(): number {
  try {
    const m = /^btime\s+(\d+)$/m.exec(readFileSync('/proc/stat', 'utf8').slice(0, 64 * 1024));
    if (m) return Number(m[1]);
  } catch {
    // not Linux
  }
  return Math.round((Date.now() / 1000 - os.uptime()) / 60) * 60;
}

/** What the kernel lists as GPUs right now (a hot-plugged eGPU changes it). */
function gpuNodes(): string[] {
  const out: string[] = [];
  for (const dir of ['/sys/class/drm', '/dev']) {
    try {
      for (const n of readdirSync(dir)) if (/^(card\d+|nvidia\d+|renderD\d+|kfd|dri)$/.test(n)) out.push(`${dir}/${n}`);
    } catch {
      // absent on this OS
    }
  }
  return out.sort();
}

/** The machine's fingerprint; a different one means detect again. */
export function machineKey(): string {
  const cpus = os.cpus();
  const parts = [
    1,
    bootTime(),
    os.hostname(),
    process.platform,
    process.arch,
    cpus[0]?.model ?? '',
    cpus.length,
    os.totalmem(),
    gpuNodes(),
  ];
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

export function readCachedProfile(env: NodeJS.ProcessEnv, key: string): HardwareProfile | undefined {
  const raw = readState(env, HARDWARE_CACHE_FILE) as
    | {schemaVersion?: unknown; key?: unknown; profile?: unknown}
    | undefined;
  if (!raw || typeof raw !== 'object' || raw.schemaVersion !== 1 || raw.key !== key) return undefined;
  try {
    const p = profileFromJson(raw.profile);
    return {...p, ramAvailableGB: Math.round(os.freemem() / 1e7) / 100, detection: {mode: 'live', cached: true}};
  } catch {
    return undefined;
  }
}

/** Wraps a live detector: the cached profile while the machine is the same, else detect and keep the answer. */
export function cachingDetector(inner: HardwareDetector, env: NodeJS.ProcessEnv): HardwareDetector {
  return {
    detect: async (opts?: DetectOptions) => {
      const e = opts?.env ?? env;
      const key = machineKey();
      const hit = readCachedProfile(e, key);
      if (hit) return hit;
      const profile = await inner.detect(opts);
      const complete =
        profile.detection?.mode === 'live' &&
        !profile.detection.timedOut?.length &&
        !profile.notes.some((n) => /detection failed/.test(n));
      if (complete)
        writeState(e, HARDWARE_CACHE_FILE, {
          schemaVersion: 1,
          key,
          at: new Date().toISOString(),
          profile: {...profile, detection: {mode: 'live'}},
        });
      return profile;
    },
  };
}
