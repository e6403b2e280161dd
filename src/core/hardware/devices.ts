/**
 * Memory bandwidth of accelerators OpenClaw users run, for the decode-speed
 * estimate. Only devices with a published figure; anything else stays unknown.
 */

export const GB_PER_GIB = 1.073741824;
/** Per discrete GPU: CUDA/ROCm context, display and fragmentation. */
export const PER_GPU_RESERVE_GB = GB_PER_GIB;
/** Unified-memory PCs (GB10, Strix Halo): what the OS and apps keep. */
export const UNIFIED_OS_RESERVE_GB = 16;

/** Metal's default GPU working set: about 2/3 of RAM up to 36 GiB, about 3/4 above. */
export function appleDefaultGpuFraction(ramGiB: number): number {
  return ramGiB <= 36 ? 2 / 3 : 0.75;
}

interface DeviceBandwidth {
  test: RegExp;
  gbps: number;
}

// Most specific first ("3090 Ti" before "3090", "H100 PCIe" before "H100").
const GPU_BANDWIDTH: DeviceBandwidth[] = [
  {test: /rtx\s*pro\s*6000/i, gbps: 1792},
  {test: /rtx\s*6000\s*ada/i, gbps: 960},
  {test: /(rtx\s*)?5090/i, gbps: 1792},
  {test: /(rtx\s*)?4090/i, gbps: 1008},
  {test: /(rtx\s*)?3090\s*ti/i, gbps: 1008},
  {test: /(rtx\s*)?3090/i, gbps: 936},
  {test: /(rtx\s*)?3060(?!\s*ti)/i, gbps: 360},
  {test: /h200/i, gbps: 4800},
  {test: /h100.*pcie/i, gbps: 2039},
  {test: /h100/i, gbps: 3350},
  {test: /a100.*80\s*gb/i, gbps: 2039},
  {test: /a100/i, gbps: 1555},
  {test: /mi300x/i, gbps: 5300},
  {test: /7900\s*xtx/i, gbps: 960},
  {test: /gb10\b|dgx\s*spark/i, gbps: 273},
  {test: /ryzen\s*ai\s*max|strix\s*halo|radeon\s*8060s/i, gbps: 256},
];

// Apple chips: base / Pro / Max / Ultra. M3 Max and M4 Max vary by GPU bin: the lower figure.
const APPLE_BANDWIDTH: Record<string, Record<string, number>> = {
  M1: {'': 68, pro: 200, max: 400, ultra: 800},
  M2: {'': 100, pro: 200, max: 400, ultra: 800},
  M3: {'': 100, pro: 150, max: 300, ultra: 819},
  M4: {'': 120, pro: 273, max: 410},
  M5: {'': 153.6},
};

/** "Apple M3 Ultra" / "M3 Ultra" → {gen: "M3", variant: "ultra"}. */
export function parseAppleChip(name: string): {gen: string; variant: string} | undefined {
  const m = /\bM([1-9])(?:\s+(Pro|Max|Ultra))?\b/i.exec(name);
  if (!m) return undefined;
  return {gen: `M${m[1]}`, variant: (m[2] ?? '').toLowerCase()};
}

export function appleBandwidthGBps(chip: string): number | undefined {
  const parsed = parseAppleChip(chip);
  if (!parsed) return undefined;
  return APPLE_BANDWIDTH[parsed.gen]?.[parsed.variant];
}

/** Bandwidth for a GPU or Apple chip name; undefined when we have no published figure. */
export function bandwidthGBps(name: string): number | undefined {
  if (/apple|^m[1-9]\b/i.test(name.trim())) {
    const apple = appleBandwidthGBps(name);
    if (apple !== undefined) return apple;
  }
  // A laptop "RTX 4090" is a different chip with about half the desktop card's bandwidth: no figure.
  if (/laptop|mobile/i.test(name)) return undefined;
  return GPU_BANDWIDTH.find((d) => d.test.test(name))?.gbps;
}

/** NVIDIA unified-memory parts: nvidia-smi has no memory.total for them. */
export function isUnifiedNvidiaName(name: string): boolean {
  return /\bGB10\b|\bGB20\d?\b|\bThor\b|DGX\s*Spark/i.test(name);
}

/** AMD APUs that share system memory (Strix Halo and friends). */
export function isAmdApuName(name: string): boolean {
  return /ryzen\s*ai\s*max|strix\s*halo|radeon\s*8060s|radeon\s*8050s|radeon\s*890m|radeon\s*780m/i.test(name);
}
