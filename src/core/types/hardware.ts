/**
 * HardwareProfile: plain JSON, what `hardware --json` prints under "profile"
 * and what `--hardware FILE` reads back. The hardware adapter fills it in.
 */
export type AcceleratorKind = 'nvidia' | 'amd' | 'apple' | 'intel' | 'unified-nvidia' | 'amd-apu' | 'other';

/** Where a number came from, shown next to it in the UI ("from nvidia-smi"). */
export type NumberSource =
  | 'nvidia-smi'
  | 'systeminformation'
  | 'sysfs'
  | 'sysctl'
  | 'windows-registry'
  | 'estimated'
  | 'user'
  /** A cluster member's memory as exo's GET /state reports it. */
  | 'exo'
  | 'unknown';

export interface Accelerator {
  kind: AcceleratorKind;
  name: string;
  /** GB (10^9 bytes); undefined when unknown (never a guessed PCI BAR size). */
  memoryGB?: number;
  memorySource: NumberSource;
  /** Memory bandwidth GB/s when known from a catalog. */
  bandwidthGBps?: number;
  count: number;
  unified: boolean;
  driver?: string;
}

export interface HardwareProfile {
  schemaVersion: 1;
  platform: 'darwin' | 'linux' | 'win32' | string;
  arch?: string;
  os?: string;
  cpu?: {brand?: string; cores?: number};
  ramTotalGB: number;
  ramAvailableGB?: number;
  accelerators: Accelerator[];
  /** Memory a model can really use on the accelerator(s), one node. */
  usableAcceleratorMemoryGB: number;
  usableSource: NumberSource;
  /** Identical machines pooled (MLX/exo); usable memory is per node. */
  nodes: number;
  notes: string[];
  /** How detection went: "live", "file", with timings. */
  detection?: {
    mode: 'live' | 'file';
    ms?: number;
    timedOut?: string[] /** From our state dir (hardware/cache.ts). */;
    cached?: boolean;
  };
}
