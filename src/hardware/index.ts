/**
 * Hardware adapters. CONTRACT: detection behind a small interface that tests replace.
 */
import type {HardwareProfile} from './types.js';
export * from './types.js';

export interface DetectOptions {
  env?: NodeJS.ProcessEnv;
  /** Kill a hung probe (systeminformation / nvidia-smi) after this long. */
  timeoutMs?: number;
}

/** Detects this machine. Never throws; unknowns go into notes. Never blocks the event loop for long. */
export interface HardwareDetector {
  detect(opts?: DetectOptions): Promise<HardwareProfile>;
}

const todo = (name: string): never => {
  throw new Error(`${name} is not implemented yet`);
};

export function liveDetector(): HardwareDetector {
  return {detect: async () => todo('liveDetector.detect')};
}

/**
 * Parse a saved profile file: the full HardwareProfile or the short form
 * {"platform","ramGB","chip","gpus":[{"name","vramGB","count"}],"nodes"}.
 * Throws a CliError-friendly Error with a clear message on bad input.
 */
export function profileFromJson(_json: unknown): HardwareProfile {
  return todo('profileFromJson');
}
