/**
 * Builds one HardwareProfile from systeminformation plus the fallbacks it
 * needs (nvidia-smi, AMD sysfs, Apple's GPU memory limit, the Windows
 * AdapterRAM cap), saying where each number came from.
 */
import {
  appleBandwidthGBps,
  appleDefaultGpuFraction,
  bandwidthGBps,
  isAmdApuName,
  isUnifiedNvidiaName,
  parseAppleChip,
  PER_GPU_RESERVE_GB,
  UNIFIED_OS_RESERVE_GB,
} from '../core/hardware/devices.js';
import type {Accelerator, HardwareProfile, NumberSource} from '../core/types/hardware.js';
import {queryNvidiaSmi, type NvidiaSmiRow} from './nvidia-smi.js';
import type {HardwareSources, SiController, SiSnapshot} from './sources.js';

const GB = 1e9;
const MIB = 1024 * 1024;
const GIB = 1024 * MIB;
const DEFAULT_TIMEOUT_MS = 10_000;
const NVIDIA_SMI_TIMEOUT_MS = 5_000;
const SYSCTL_TIMEOUT_MS = 3_000;

const round2 = (n: number): number => Math.round(n * 100) / 100;
const mibToGB = (mib: number): number => round2((mib * MIB) / GB);
const bytesToGB = (b: number): number => round2(b / GB);

export interface DetectWithOptions {
  timeoutMs?: number;
}

interface Collected {
  accelerators: Accelerator[];
  notes: string[];
  /** Usable memory parts: discrete sum, unified figure. */
  discreteUsableGB: number;
  discreteSource?: NumberSource;
  unifiedUsableGB: number;
  unifiedSource?: NumberSource;
}

const text = (c: SiController): string => [c.vendor, c.model, c.name].filter(Boolean).join(' ');
const isNvidia = (c: SiController): boolean => /nvidia/i.test(text(c));
const isAmd = (c: SiController): boolean => /\bamd\b|advanced micro devices|\bati\b|radeon/i.test(text(c));
const isIntel = (c: SiController): boolean => /intel/i.test(text(c));
const isApple = (c: SiController): boolean => /^apple/i.test(c.vendor ?? '') || /^apple m[1-9]/i.test(c.model ?? '');
/** Virtual and basic display adapters never run models. */
const isVirtualAdapter = (c: SiController): boolean =>
  /microsoft basic|microsoft corporation|hyper-v|vmware|virtualbox|qxl|red hat|cirrus|aspeed|matrox|bochs|virtio|llvmpipe/i.test(
    text(c),
  );
const isIntegratedIntel = (c: SiController): boolean =>
  /uhd|iris|hd graphics|intel\(r\) graphics|alder|raptor|meteor|lunar/i.test(text(c)) && !/\barc\b/i.test(text(c));

const VENDOR_SHORT: [RegExp, string][] = [
  [/advanced micro devices|\bamd\b|\bati\b/i, 'AMD'],
  [/nvidia/i, 'NVIDIA'],
  [/intel/i, 'Intel'],
];

/** "Navi 31 [Radeon RX 7900 XT/7900 XTX]" from AMD → "AMD Radeon RX 7900 XT/7900 XTX (Navi 31)". */
function deviceName(c: SiController): string {
  let model = (c.name ?? c.model ?? '').trim();
  const bracket = /^(.*?)\s*\[(.+)\]$/.exec(model);
  if (bracket) model = bracket[1] ? `${bracket[2]} (${bracket[1]})` : bracket[2];
  const rawVendor = (c.vendor ?? '').trim();
  const vendor =
    VENDOR_SHORT.find(([re]) => re.test(rawVendor))?.[1] ??
    rawVendor.replace(/,? (Corporation|Inc\.?|Technology).*$/i, '').trim();
  if (!model) return vendor || 'unknown GPU';
  if (!vendor || model.toLowerCase().includes(vendor.toLowerCase())) return model;
  return `${vendor} ${model}`;
}

/** Identical devices (same kind, name, memory, source) become one entry with a count. */
function groupAccelerators(list: Accelerator[]): Accelerator[] {
  const out: Accelerator[] = [];
  for (const a of list) {
    const same = out.find(
      (o) =>
        o.kind === a.kind &&
        o.name === a.name &&
        o.memoryGB === a.memoryGB &&
        o.memorySource === a.memorySource &&
        o.unified === a.unified,
    );
    if (same) same.count += a.count;
    else out.push({...a});
  }
  return out;
}

function addDiscrete(col: Collected, acc: Accelerator): void {
  col.accelerators.push(acc);
  if (acc.memoryGB !== undefined && acc.memorySource !== 'unknown') {
    col.discreteUsableGB += acc.count * Math.max(0, acc.memoryGB - PER_GPU_RESERVE_GB);
    col.discreteSource ??= acc.memorySource;
  }
}

function nvidiaFromSmi(col: Collected, rows: NvidiaSmiRow[], ramTotalGB: number): void {
  for (const row of rows) {
    const bw = bandwidthGBps(row.name);
    if (row.memoryTotalMiB === undefined && isUnifiedNvidiaName(row.name)) {
      // GB10 / DGX Spark: nvidia-smi has no memory.total; the GPU shares system RAM.
      const usable = Math.max(0, ramTotalGB - UNIFIED_OS_RESERVE_GB);
      col.accelerators.push({
        kind: 'unified-nvidia',
        name: row.name,
        memoryGB: round2(ramTotalGB),
        memorySource: 'systeminformation',
        ...(bw ? {bandwidthGBps: bw} : {}),
        count: 1,
        unified: true,
        ...(row.driverVersion ? {driver: row.driverVersion} : {}),
      });
      if (usable > col.unifiedUsableGB) {
        col.unifiedUsableGB = usable;
        col.unifiedSource = 'estimated';
      }
      col.notes.push(
        `${row.name} shares system memory (nvidia-smi reports no memory.total): usable estimated as RAM − ${UNIFIED_OS_RESERVE_GB} GB.`,
      );
      continue;
    }
    if (row.memoryTotalMiB === undefined) {
      col.accelerators.push({
        kind: 'nvidia',
        name: row.name,
        memorySource: 'unknown',
        count: 1,
        unified: false,
        ...(bw ? {bandwidthGBps: bw} : {}),
      });
      col.notes.push(`${row.name}: nvidia-smi reports no memory.total; its memory is not counted.`);
      continue;
    }
    addDiscrete(col, {
      kind: 'nvidia',
      name: row.name,
      memoryGB: mibToGB(row.memoryTotalMiB),
      memorySource: 'nvidia-smi',
      ...(bw ? {bandwidthGBps: bw} : {}),
      count: 1,
      unified: false,
      ...(row.driverVersion ? {driver: row.driverVersion} : {}),
    });
  }
}

async function readNumber(sources: HardwareSources, path: string): Promise<number | undefined> {
  const raw = await sources.readFile(path);
  if (raw === undefined) return undefined;
  const n = Number(raw.trim());
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

interface SysfsAmd {
  card: string;
  vramBytes: number;
  gttBytes?: number;
  productName?: string;
}

async function readAmdSysfs(sources: HardwareSources): Promise<SysfsAmd[]> {
  const base = '/sys/class/drm';
  const cards = (await sources.listDir(base))
    .filter((n) => /^card\d+$/.test(n))
    .sort((a, b) => Number(a.slice(4)) - Number(b.slice(4)));
  const out: SysfsAmd[] = [];
  for (const card of cards) {
    const dev = `${base}/${card}/device`;
    const vendor = (await sources.readFile(`${dev}/vendor`))?.trim().toLowerCase();
    if (vendor !== undefined && vendor !== '0x1002') continue;
    const vramBytes = await readNumber(sources, `${dev}/mem_info_vram_total`);
    if (vramBytes === undefined) continue;
    const gttBytes = await readNumber(sources, `${dev}/mem_info_gtt_total`);
    const productName = (await sources.readFile(`${dev}/product_name`))?.trim() || undefined;
    out.push({card, vramBytes, ...(gttBytes !== undefined ? {gttBytes} : {}), ...(productName ? {productName} : {})});
  }
  return out;
}

function amdFromSysfs(
  col: Collected,
  cards: SysfsAmd[],
  siAmd: SiController[],
  cpuBrand: string,
  ramTotalGB: number,
): void {
  cards.forEach((card, i) => {
    const siName = siAmd.length === cards.length ? deviceName(siAmd[i]) : undefined;
    const name = card.productName ?? siName ?? `AMD GPU (${card.card})`;
    const vramGB = bytesToGB(card.vramBytes);
    const gttGB = card.gttBytes !== undefined ? bytesToGB(card.gttBytes) : 0;
    // An APU: a known shared-memory part, or a tiny VRAM carve-out with GTT behind it.
    const apu = isAmdApuName(name) || isAmdApuName(cpuBrand) || (card.vramBytes < 2 * GIB && gttGB > 0);
    if (apu) {
      const bw = bandwidthGBps(name) ?? bandwidthGBps(cpuBrand);
      const driverLimit = vramGB + gttGB;
      const osLimit = Math.max(0, ramTotalGB + vramGB - UNIFIED_OS_RESERVE_GB);
      const usable = Math.min(driverLimit, osLimit);
      const big = isAmdApuName(name) || isAmdApuName(cpuBrand);
      col.accelerators.push({
        kind: 'amd-apu',
        name: isAmdApuName(cpuBrand) && !isAmdApuName(name) ? `${name} (${cpuBrand})` : name,
        memoryGB: round2(vramGB + gttGB),
        memorySource: 'sysfs',
        ...(bw ? {bandwidthGBps: bw} : {}),
        count: 1,
        unified: true,
      });
      if (big && usable > col.unifiedUsableGB) {
        col.unifiedUsableGB = usable;
        col.unifiedSource = 'sysfs';
        if (osLimit > driverLimit + 4) {
          col.notes.push(
            `${name}: the driver lets the GPU use ${round2(driverLimit)} GB (VRAM ${vramGB} + GTT ${gttGB}); raising the GTT limit (amdgpu.gttsize / ttm.pages_limit) allows up to about ${Math.round(osLimit)} GB.`,
          );
        }
      } else if (!big) {
        col.notes.push(`${name} is an integrated GPU sharing system memory; not counted as accelerator memory.`);
        col.accelerators[col.accelerators.length - 1].memorySource = 'unknown';
      }
      return;
    }
    const bw = bandwidthGBps(name);
    addDiscrete(col, {
      kind: 'amd',
      name,
      memoryGB: vramGB,
      memorySource: 'sysfs',
      ...(bw ? {bandwidthGBps: bw} : {}),
      count: 1,
      unified: false,
    });
  });
}

async function appleUnified(
  sources: HardwareSources,
  col: Collected,
  chipName: string,
  gpuCores: number | undefined,
  ramBytes: number,
  ramSource: NumberSource,
): Promise<void> {
  const ramGB = bytesToGB(ramBytes);
  const bw = appleBandwidthGBps(chipName);
  const parsed = parseAppleChip(chipName);
  const label = parsed
    ? `Apple ${parsed.gen}${parsed.variant ? ` ${parsed.variant[0].toUpperCase()}${parsed.variant.slice(1)}` : ''}`
    : chipName || 'Apple Silicon';
  col.accelerators.push({
    kind: 'apple',
    name: gpuCores ? `${label} (${gpuCores}-core GPU)` : label,
    memoryGB: ramGB,
    memorySource: ramSource,
    ...(bw ? {bandwidthGBps: bw} : {}),
    count: 1,
    unified: true,
  });
  const res = await sources.runCommand('sysctl', ['-n', 'iogpu.wired_limit_mb'], {
    timeoutMs: SYSCTL_TIMEOUT_MS,
    env: sources.env,
  });
  const wiredMiB = res.ok ? Number(res.stdout.trim()) : NaN;
  if (Number.isFinite(wiredMiB) && wiredMiB > 0) {
    col.unifiedUsableGB = mibToGB(wiredMiB);
    col.unifiedSource = 'sysctl';
    col.notes.push(`GPU memory limit raised by iogpu.wired_limit_mb=${wiredMiB} (from sysctl).`);
    return;
  }
  const fraction = appleDefaultGpuFraction(ramBytes / GIB);
  col.unifiedUsableGB = round2(ramGB * fraction);
  col.unifiedSource = 'estimated';
  col.notes.push(
    `GPU share of unified memory estimated as macOS's default ${fraction === 0.75 ? '75%' : '2/3'} of RAM${
      res.ok ? '' : ' (sysctl iogpu.wired_limit_mb could not be read)'
    }; raise it with sudo sysctl iogpu.wired_limit_mb=<MiB> (resets on reboot).`,
  );
}

/** Non-NVIDIA (or NVIDIA without nvidia-smi) controllers from systeminformation, per platform. */
function fromSiController(
  col: Collected,
  c: SiController,
  platform: string,
  nvidiaCovered: boolean,
  amdCovered: boolean,
): void {
  const name = deviceName(c);
  const bw = bandwidthGBps(name);
  const kind: Accelerator['kind'] = isNvidia(c) ? 'nvidia' : isAmd(c) ? 'amd' : isIntel(c) ? 'intel' : 'other';
  if (isVirtualAdapter(c) || isApple(c)) return;
  if (kind === 'nvidia' && nvidiaCovered) return;
  if (kind === 'amd' && amdCovered) return;
  const unknown = (why: string): void => {
    col.accelerators.push({
      kind,
      name,
      memorySource: 'unknown',
      ...(bw ? {bandwidthGBps: bw} : {}),
      count: 1,
      unified: false,
    });
    col.notes.push(`${name}: ${why}`);
  };
  if (c.memoryTotal !== undefined && c.memoryTotal > 0) {
    addDiscrete(col, {
      kind,
      name,
      memoryGB: mibToGB(c.memoryTotal),
      memorySource: 'nvidia-smi',
      ...(bw ? {bandwidthGBps: bw} : {}),
      count: 1,
      unified: false,
      ...(c.driverVersion ? {driver: c.driverVersion} : {}),
    });
    return;
  }
  if (kind === 'intel' && (isIntegratedIntel(c) || c.vramDynamic)) {
    col.notes.push(`${name} is an integrated GPU sharing system memory; not counted as accelerator memory.`);
    col.accelerators.push({kind, name, memorySource: 'unknown', count: 1, unified: true});
    return;
  }
  const vram = typeof c.vram === 'number' && c.vram > 0 ? c.vram : undefined;
  if (platform === 'darwin') {
    if (vram && !c.vramDynamic) {
      addDiscrete(col, {
        kind,
        name,
        memoryGB: mibToGB(vram),
        memorySource: 'systeminformation',
        ...(bw ? {bandwidthGBps: bw} : {}),
        count: 1,
        unified: false,
      });
    } else unknown('no dedicated memory reported.');
    return;
  }
  if (platform === 'win32') {
    if (vram === undefined) return unknown('Windows reports no memory size.');
    if (vram >= 4095 && vram <= 4096) {
      return unknown(
        `Windows reports ${vram} MB, the 32-bit AdapterRAM cap, and no registry size (qwMemorySize): real VRAM unknown. Install the vendor tools (nvidia-smi) or pass --hardware with vramGB.`,
      );
    }
    if (c.vramDynamic) return unknown('shared (dynamic) video memory; not counted.');
    addDiscrete(col, {
      kind,
      name,
      memoryGB: mibToGB(vram),
      memorySource: 'windows-registry',
      ...(bw ? {bandwidthGBps: bw} : {}),
      count: 1,
      unified: false,
    });
    if (/\barc\b/i.test(name))
      col.notes.push(`${name}: Windows' registry size is sometimes wrong for Intel Arc; check it.`);
    return;
  }
  // Linux (and the rest): without nvidia-smi / sysfs the only figure is a PCI BAR aperture, never the VRAM.
  unknown(
    vram
      ? `the only size available is a PCI BAR aperture (${vram} MB), not the VRAM; not counted.`
      : 'no memory size available; not counted.',
  );
}

export async function detectWith(sources: HardwareSources, opts: DetectWithOptions = {}): Promise<HardwareProfile> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const now = sources.now ?? Date.now;
  const started = now();
  const osFacts = sources.os();
  const platform = osFacts.platform;
  const timedOut: string[] = [];
  const col: Collected = {accelerators: [], notes: [], discreteUsableGB: 0, unifiedUsableGB: 0};

  const [siRes, nv] = await Promise.all([
    sources.siSnapshot({timeoutMs}),
    queryNvidiaSmi(sources, platform, Math.min(timeoutMs, NVIDIA_SMI_TIMEOUT_MS)),
  ]);
  let si: SiSnapshot | undefined;
  if (siRes.ok) si = siRes.snapshot;
  else {
    if (siRes.timedOut) timedOut.push('systeminformation');
    col.notes.push(`${siRes.error}; using Node's own RAM and CPU figures.`);
  }
  if (nv.status === 'failed') {
    if (nv.timedOut) timedOut.push('nvidia-smi');
    col.notes.push(nv.message);
  }

  const ramBytes = si?.mem?.total ?? osFacts.totalMemBytes;
  const ramSource: NumberSource = si?.mem?.total ? 'systeminformation' : 'estimated';
  const ramTotalGB = bytesToGB(ramBytes);
  const ramAvailableGB = bytesToGB(si?.mem?.available ?? osFacts.freeMemBytes);
  const cpuBrand = [si?.cpu?.manufacturer, si?.cpu?.brand].filter(Boolean).join(' ') || osFacts.cpuModel || '';
  const arch = si?.osInfo?.arch ?? osFacts.arch;
  const controllers = si?.graphics?.controllers ?? [];
  if (si && si.graphics === null) col.notes.push('systeminformation has no graphics data on this OS.');

  // NVIDIA via nvidia-smi (covers containers without lspci and WSL2).
  const nvidiaCovered = nv.status === 'ok';
  if (nv.status === 'ok') nvidiaFromSmi(col, nv.rows, ramTotalGB);

  // AMD via sysfs on Linux.
  let amdCovered = false;
  if (platform === 'linux') {
    const cards = await readAmdSysfs(sources);
    if (cards.length) {
      amdCovered = true;
      amdFromSysfs(col, cards, controllers.filter(isAmd), cpuBrand, ramTotalGB);
    }
  }

  // Apple Silicon: one unified pool, of which the GPU may use a share.
  const appleController = controllers.find(isApple);
  if (platform === 'darwin' && (arch === 'arm64' || appleController)) {
    const chip =
      appleController?.model ??
      (si?.cpu?.manufacturer === 'Apple' ? `Apple ${si.cpu.brand ?? ''}` : (osFacts.cpuModel ?? ''));
    const cores = Number(appleController?.cores);
    await appleUnified(
      sources,
      col,
      chip,
      Number.isFinite(cores) && cores > 0 ? cores : undefined,
      ramBytes,
      ramSource,
    );
  }

  for (const c of controllers) fromSiController(col, c, platform, nvidiaCovered, amdCovered);

  // Environment notes.
  const wsl = si?.system?.model === 'WSL' || /microsoft/i.test(si?.osInfo?.kernel ?? osFacts.release ?? '');
  const container = si?.system?.model === 'Docker Container';
  if (wsl) {
    col.notes.push(
      nvidiaCovered
        ? 'WSL2: the GPU is seen through nvidia-smi (systeminformation sees only the virtual device).'
        : 'WSL2: no GPU visible; install the NVIDIA Windows driver (nvidia-smi comes through /usr/lib/wsl/lib).',
    );
  }
  const counted = col.accelerators.filter((a) => a.memorySource !== 'unknown' && a.memoryGB !== undefined);
  // An installed nvidia-smi that hung or failed means a GPU is likely there: "no GPU" would mislead.
  const smiBroken =
    nv.status === 'failed' && !col.accelerators.length && !/no devices were found|no GPU rows/i.test(nv.message);
  if (smiBroken) {
    col.notes.push(
      'nvidia-smi is installed but listed no GPU: the NVIDIA driver may be broken or busy; GPU memory is unknown (run nvidia-smi yourself, or pass --hardware FILE).',
    );
  } else {
    if (container && !counted.length) {
      col.notes.push(
        'Inside a container with no GPU visible: pass the GPU through (docker run --gpus=all) or run this on the host.',
      );
    }
    if (!col.accelerators.length) {
      col.notes.push("No GPU found: CPU-only inference is far too slow for OpenClaw's large prompts.");
    }
  }

  // Usable memory: discrete GPUs minus a reserve each, plus a unified pool (Apple, GB10, Strix Halo).
  let usable = 0;
  let usableSource: NumberSource = 'unknown';
  if (col.unifiedUsableGB > 0 && col.discreteUsableGB > 0) {
    usable = col.unifiedUsableGB + col.discreteUsableGB;
    usableSource = col.unifiedSource ?? 'estimated';
    col.notes.push('Unified memory and discrete GPUs are added together; a runtime may not use both at once.');
  } else if (col.unifiedUsableGB > 0) {
    usable = col.unifiedUsableGB;
    usableSource = col.unifiedSource ?? 'estimated';
  } else if (col.discreteUsableGB > 0) {
    usable = col.discreteUsableGB;
    usableSource = col.discreteSource ?? 'unknown';
    const gpus = counted.filter((a) => !a.unified).reduce((n, a) => n + a.count, 0);
    if (gpus > 1) {
      col.notes.push(
        `${gpus} GPUs added together: a layer split (llama.cpp, LM Studio) adds memory, not speed; tensor parallelism (vLLM, SGLang) adds both.`,
      );
    }
  }

  const os = si?.osInfo
    ? [si.osInfo.distro, si.osInfo.release].filter(Boolean).join(' ') || undefined
    : osFacts.release;
  return {
    schemaVersion: 1,
    platform,
    arch,
    ...(os ? {os} : {}),
    cpu: {
      ...(cpuBrand ? {brand: cpuBrand} : {}),
      ...((si?.cpu?.cores ?? osFacts.cpuCount) ? {cores: si?.cpu?.cores ?? osFacts.cpuCount} : {}),
    },
    ramTotalGB,
    ramAvailableGB,
    accelerators: groupAccelerators(col.accelerators),
    usableAcceleratorMemoryGB: round2(usable),
    usableSource,
    nodes: 1,
    notes: [...new Set(col.notes)],
    detection: {mode: 'live', ms: Math.max(0, Math.round(now() - started)), ...(timedOut.length ? {timedOut} : {})},
  };
}
