/**
 * nvidia-smi called directly: systeminformation merges it only when lspci
 * works, so containers without pciutils and WSL2 would otherwise see no GPU.
 */
import type {HardwareSources} from './sources.js';

export const NVIDIA_SMI_FIELDS = [
  'index',
  'name',
  'memory.total',
  'memory.used',
  'memory.free',
  'driver_version',
  'pci.bus_id',
] as const;
export const NVIDIA_SMI_ARGS = [`--query-gpu=${NVIDIA_SMI_FIELDS.join(',')}`, '--format=csv,noheader,nounits'];

export interface NvidiaSmiRow {
  index?: number;
  name: string;
  /** MiB; undefined for "[N/A]" (unified-memory parts such as GB10). */
  memoryTotalMiB?: number;
  memoryUsedMiB?: number;
  memoryFreeMiB?: number;
  driverVersion?: string;
  pciBusId?: string;
}

export type NvidiaSmiResult =
  | {status: 'ok'; rows: NvidiaSmiRow[]; path: string}
  | {status: 'missing'}
  | {status: 'failed'; message: string; timedOut: boolean};

const NA = /^\[?(n\/a|not supported|unknown error|insufficient permissions)\]?$/i;

function field(v: string | undefined): string | undefined {
  const t = v?.trim();
  return t === undefined || t === '' || NA.test(t) ? undefined : t;
}

function numberField(v: string | undefined): number | undefined {
  const t = field(v);
  if (t === undefined) return undefined;
  const n = Number(t.replace(/\s*MiB$/i, ''));
  return Number.isFinite(n) ? n : undefined;
}

/** Parses `--format=csv,noheader,nounits` output of NVIDIA_SMI_FIELDS. Lines that do not fit are skipped. */
export function parseNvidiaSmi(stdout: string): NvidiaSmiRow[] {
  const rows: NvidiaSmiRow[] = [];
  for (const line of stdout.split(/\r?\n/)) {
    if (!line.trim()) continue;
    const parts = line.split(',').map((p) => p.trim());
    if (parts.length !== NVIDIA_SMI_FIELDS.length) continue;
    const [index, name, total, used, free, driver, bus] = parts;
    const cleanName = field(name);
    if (!cleanName || !/^\d+$/.test(index)) continue;
    const row: NvidiaSmiRow = {
      index: Number(index),
      name: cleanName,
      memoryTotalMiB: numberField(total),
      memoryUsedMiB: numberField(used),
      memoryFreeMiB: numberField(free),
      driverVersion: field(driver),
      pciBusId: field(bus),
    };
    for (const k of Object.keys(row) as (keyof NvidiaSmiRow)[]) if (row[k] === undefined) delete row[k];
    rows.push(row);
  }
  return rows;
}

function candidates(sources: HardwareSources, platform: string): string[] {
  if (platform === 'darwin') return [];
  if (platform !== 'win32') return ['nvidia-smi'];
  const windir = sources.env.WINDIR ?? sources.env.SystemRoot ?? 'C:\\Windows';
  return ['nvidia-smi', `${windir}\\System32\\nvidia-smi.exe`];
}

export async function queryNvidiaSmi(
  sources: HardwareSources,
  platform: string,
  timeoutMs: number,
): Promise<NvidiaSmiResult> {
  let lastFailure: NvidiaSmiResult = {status: 'missing'};
  for (const path of candidates(sources, platform)) {
    const res = await sources.runCommand(path, NVIDIA_SMI_ARGS, {timeoutMs, env: sources.env, maxBytes: 256 * 1024});
    if (res.error === 'not found') continue;
    if (res.ok) {
      const rows = parseNvidiaSmi(res.stdout);
      if (rows.length) return {status: 'ok', rows, path};
      lastFailure = {status: 'failed', message: 'nvidia-smi printed no GPU rows', timedOut: false};
      continue;
    }
    // nvidia-smi prints its errors ("NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver") on stdout.
    const said = (res.stdout.trim() || res.stderr.trim()).split(/\r?\n/)[0];
    lastFailure = {
      status: 'failed',
      timedOut: res.timedOut,
      message: res.timedOut
        ? `nvidia-smi did not answer within ${timeoutMs} ms (killed)`
        : `nvidia-smi failed: ${said || res.error || `exit code ${res.code}`}`,
    };
    if (res.timedOut) break;
  }
  return lastFailure;
}
