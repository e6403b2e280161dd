/**
 * Hardware adapters: detection behind a small interface that tests replace.
 */
import {readdir, readFile} from 'node:fs/promises';
import os from 'node:os';
import type {HardwareProfile} from '../core/types/hardware.js';
import {detectWith} from './detect.js';
import {runCommand} from '../process/run-command.js';
import {liveSiSnapshot} from './si-probe.js';
import type {HardwareSources} from './sources.js';
import {cachingDetector} from './cache.js';

export * from '../core/types/hardware.js';
export type {
  HardwareSources,
  CommandResult,
  RunOptions,
  SiSnapshot,
  SiController,
  SiProbeResult,
  OsFacts,
} from './sources.js';
export {trimSnapshot} from './sources.js';
export {detectWith} from './detect.js';
export {runCommand} from '../process/run-command.js';
export {liveSiSnapshot, probeLaunch, collectSi, PROBE_ENV_FLAG, type SiLike} from './si-probe.js';
export {parseNvidiaSmi, queryNvidiaSmi, NVIDIA_SMI_ARGS} from './nvidia-smi.js';
export {profileFromJson, readProfileFile, hardwareFileDetector, HARDWARE_FILE_ENVS} from './profile-file.js';

export interface DetectOptions {
  env?: NodeJS.ProcessEnv;
  /** Kill a hung probe (systeminformation / nvidia-smi) after this long. */
  timeoutMs?: number;
}

/** Detects this machine. Never throws; unknowns go into notes. Never blocks the event loop for long. */
export interface HardwareDetector {
  detect(opts?: DetectOptions): Promise<HardwareProfile>;
}

const MAX_FILE_BYTES = 64 * 1024;

/** The real machine: node:os, child processes with timeouts, sysfs reads. */
export function liveSources(env: NodeJS.ProcessEnv = process.env): HardwareSources {
  return {
    env,
    os: () => ({
      platform: process.platform,
      arch: process.arch,
      totalMemBytes: os.totalmem(),
      freeMemBytes: os.freemem(),
      cpuModel: os.cpus()[0]?.model,
      cpuCount: os.cpus().length,
      release: os.release(),
    }),
    runCommand,
    readFile: async (path) => {
      try {
        const text = await readFile(path, 'utf8');
        return text.slice(0, MAX_FILE_BYTES);
      } catch {
        return undefined;
      }
    },
    listDir: async (path) => {
      try {
        return await readdir(path);
      } catch {
        return [];
      }
    },
    siSnapshot: (o) => liveSiSnapshot({timeoutMs: o.timeoutMs, env}),
    now: () => performance.now(),
  };
}

/** A detector over any sources (tests pass fixture sources). */
export function detectorFrom(sources: HardwareSources): HardwareDetector {
  return {detect: (opts) => detectWith(sources, {timeoutMs: opts?.timeoutMs})};
}

/** The live machine, from the state-dir cache while boot time and hardware are unchanged (cache.ts). */
export function liveDetector(env: NodeJS.ProcessEnv = process.env): HardwareDetector {
  return cachingDetector(uncachedLiveDetector(), env);
}

export function uncachedLiveDetector(): HardwareDetector {
  return {
    detect: async (opts) => {
      try {
        return await detectWith(liveSources(opts?.env ?? process.env), {timeoutMs: opts?.timeoutMs});
      } catch (err) {
        // Never throws: a profile with what we know (nothing) and why.
        return {
          schemaVersion: 1,
          platform: process.platform,
          arch: process.arch,
          ramTotalGB: Math.round(os.totalmem() / 1e7) / 100,
          accelerators: [],
          usableAcceleratorMemoryGB: 0,
          usableSource: 'unknown',
          nodes: 1,
          notes: [`hardware detection failed: ${err instanceof Error ? err.message : String(err)}`],
          detection: {mode: 'live'},
        };
      }
    },
  };
}
