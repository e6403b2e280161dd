/**
 * Everything detection reads from the outside world, behind one interface so
 * tests feed recorded outputs (fixtures) instead of this machine.
 */

export type {CommandResult, RunOptions} from '../process/run-command.js';
import type {CommandResult, RunOptions} from '../process/run-command.js';

/** The parts of systeminformation's graphics().controllers[] we read. */
export interface SiController {
  vendor?: string;
  model?: string;
  name?: string;
  bus?: string;
  busAddress?: string;
  /** MiB; on Linux without nvidia-smi a PCI BAR size, never trusted. */
  vram?: number | null;
  vramDynamic?: boolean;
  memoryTotal?: number;
  memoryUsed?: number;
  memoryFree?: number;
  driverVersion?: string;
  pciBus?: string;
  subDeviceId?: string;
  cores?: number | string;
}

/** What the probe child reports: a trimmed copy of graphics/mem/cpu/osInfo/system (no serials, no hostnames). */
export interface SiSnapshot {
  /** null: systeminformation had no graphics data for this OS (BSDs). */
  graphics: {controllers: SiController[]} | null;
  mem?: {total?: number; available?: number; free?: number};
  cpu?: {manufacturer?: string; brand?: string; cores?: number; physicalCores?: number};
  osInfo?: {platform?: string; distro?: string; release?: string; kernel?: string; arch?: string};
  system?: {manufacturer?: string; model?: string; version?: string; virtual?: boolean};
}

export type SiProbeResult =
  | {ok: true; snapshot: SiSnapshot; ms?: number}
  | {ok: false; timedOut: boolean; error: string; ms?: number};

/** Cheap facts from node:os, used when the systeminformation probe fails or hangs. */
export interface OsFacts {
  platform: string;
  arch: string;
  totalMemBytes: number;
  freeMemBytes: number;
  cpuModel?: string;
  cpuCount?: number;
  release?: string;
}

export interface HardwareSources {
  os(): OsFacts;
  env: NodeJS.ProcessEnv;
  /** Runs a program directly (no shell) and kills it at the timeout. Never rejects. */
  runCommand(file: string, args: string[], opts: RunOptions): Promise<CommandResult>;
  /** undefined when missing or unreadable. */
  readFile(path: string): Promise<string | undefined>;
  /** [] when missing. */
  listDir(path: string): Promise<string[]>;
  /** systeminformation graphics/mem/cpu/osInfo/system, run in a child process. Never rejects. */
  siSnapshot(opts: {timeoutMs: number}): Promise<SiProbeResult>;
  /** Milliseconds clock, injectable for stable tests. */
  now?(): number;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const obj = (v: unknown): Record<string, unknown> | undefined =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;

function trimController(raw: unknown): SiController | undefined {
  const c = obj(raw);
  if (!c) return undefined;
  const vram = c.vram === null ? null : num(c.vram);
  const cores = typeof c.cores === 'string' || typeof c.cores === 'number' ? c.cores : undefined;
  const out: SiController = {
    vendor: str(c.vendor),
    model: str(c.model),
    name: str(c.name),
    bus: str(c.bus),
    busAddress: str(c.busAddress),
    vram,
    vramDynamic: typeof c.vramDynamic === 'boolean' ? c.vramDynamic : undefined,
    memoryTotal: num(c.memoryTotal),
    memoryUsed: num(c.memoryUsed),
    memoryFree: num(c.memoryFree),
    driverVersion: str(c.driverVersion),
    pciBus: str(c.pciBus),
    subDeviceId: str(c.subDeviceId),
    cores,
  };
  for (const k of Object.keys(out) as (keyof SiController)[]) if (out[k] === undefined) delete out[k];
  return out;
}

/**
 * Keeps only what detection uses from raw systeminformation results
 * ([graphics, mem, cpu, osInfo, system] or an object with those keys).
 * Tolerates any shape: wrong types become undefined.
 */
export function trimSnapshot(raw: unknown): SiSnapshot {
  const r = Array.isArray(raw)
    ? {graphics: raw[0], mem: raw[1], cpu: raw[2], osInfo: raw[3], system: raw[4]}
    : (obj(raw) ?? {});
  const g = obj(r.graphics);
  const controllers = Array.isArray(g?.controllers)
    ? g.controllers.map(trimController).filter((c): c is SiController => !!c)
    : [];
  const mem = obj(r.mem);
  const cpu = obj(r.cpu);
  const osInfo = obj(r.osInfo);
  const system = obj(r.system);
  return {
    graphics: r.graphics === null ? null : {controllers},
    ...(mem ? {mem: {total: num(mem.total), available: num(mem.available), free: num(mem.free)}} : {}),
    ...(cpu
      ? {
          cpu: {
            manufacturer: str(cpu.manufacturer),
            brand: str(cpu.brand),
            cores: num(cpu.cores),
            physicalCores: num(cpu.physicalCores),
          },
        }
      : {}),
    ...(osInfo
      ? {
          osInfo: {
            platform: str(osInfo.platform),
            distro: str(osInfo.distro),
            release: str(osInfo.release),
            kernel: str(osInfo.kernel),
            arch: str(osInfo.arch),
          },
        }
      : {}),
    ...(system
      ? {
          system: {
            manufacturer: str(system.manufacturer),
            model: str(system.model),
            version: str(system.version),
            virtual: typeof system.virtual === 'boolean' ? system.virtual : undefined,
          },
        }
      : {}),
  };
}
