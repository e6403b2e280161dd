/**
 * Reads a saved HardwareProfile, or the short hand-written form:
 *   {"platform": "darwin", "ramGB": 512, "chip": "Apple M3 Ultra",
 *    "gpus": [{"name": "NVIDIA GeForce RTX 4090", "vramGB": 24, "count": 2}], "nodes": 1}
 * Sizes in the short form are as sold (a "24 GB" card has 24 GiB) and are
 * converted to 10^9 bytes like everything else. Optional "usableGB" overrides
 * the usable accelerator memory (e.g. a Mac with a raised GPU memory limit).
 */
import {closeSync, openSync, readSync} from 'node:fs';
import path from 'node:path';
import JSON5 from 'json5';
import {z} from 'zod';
import {
  appleBandwidthGBps,
  appleDefaultGpuFraction,
  bandwidthGBps,
  GB_PER_GIB,
  isAmdApuName,
  isUnifiedNvidiaName,
  parseAppleChip,
  PER_GPU_RESERVE_GB,
  UNIFIED_OS_RESERVE_GB,
} from '../core/hardware/devices.js';
import type {Accelerator, HardwareProfile} from '../core/types/hardware.js';
import type {HardwareDetector} from './index.js';

const round2 = (n: number): number => Math.round(n * 100) / 100;

const sourceSchema = z.enum([
  'nvidia-smi',
  'systeminformation',
  'sysfs',
  'sysctl',
  'windows-registry',
  'estimated',
  'user',
  'unknown',
]);
const kindSchema = z.enum(['nvidia', 'amd', 'apple', 'intel', 'unified-nvidia', 'amd-apu', 'other']);
// Upper bounds keep hand-written typos (1e308, a billion GPUs) from becoming "Infinity GB" or an absurd tier.
const MAX_GB = 1_000_000;
const MAX_NODES = 64;
const MAX_GPUS = 1024;
const nonNeg = z.number().finite().nonnegative();
const sizeGB = nonNeg.max(MAX_GB);

const fullSchema = z.object({
  schemaVersion: z.literal(1),
  platform: z.string().min(1),
  arch: z.string().optional(),
  os: z.string().optional(),
  cpu: z.object({brand: z.string().optional(), cores: nonNeg.max(100_000).optional()}).optional(),
  ramTotalGB: sizeGB,
  ramAvailableGB: sizeGB.optional(),
  accelerators: z.array(
    z.object({
      kind: kindSchema,
      name: z.string(),
      memoryGB: sizeGB.optional(),
      memorySource: sourceSchema,
      bandwidthGBps: nonNeg.max(1_000_000).optional(),
      count: z.number().int().positive().max(MAX_GPUS),
      unified: z.boolean(),
      driver: z.string().optional(),
    }),
  ),
  usableAcceleratorMemoryGB: sizeGB,
  usableSource: sourceSchema,
  nodes: z.number().int().positive().max(MAX_NODES),
  notes: z.array(z.string()),
  detection: z
    .object({mode: z.enum(['live', 'file']), ms: nonNeg.optional(), timedOut: z.array(z.string()).optional()})
    .optional(),
});

const shortSchema = z.strictObject({
  platform: z.enum(['darwin', 'linux', 'win32']),
  ramGB: z.number().finite().positive().max(MAX_GB),
  chip: z.string().min(1).optional(),
  gpus: z
    .array(
      z.strictObject({
        name: z.string().min(1),
        vramGB: z.number().finite().positive().max(MAX_GB).optional(),
        count: z.number().int().positive().max(MAX_GPUS).optional(),
      }),
    )
    .optional(),
  nodes: z.number().int().positive().max(MAX_NODES).optional(),
  usableGB: sizeGB.optional(),
});

/** First zod issue as "gpus[0].vramGB: expected number, received string". */
function firstIssue(err: z.ZodError): string {
  const issue = err.issues[0];
  const path = issue.path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`))
    .join('');
  let msg = issue.message;
  if (issue.code === 'unrecognized_keys')
    msg = `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  return path ? `${path}: ${msg}` : msg;
}

function kindFromName(name: string): Accelerator['kind'] {
  if (isUnifiedNvidiaName(name)) return 'unified-nvidia';
  if (isAmdApuName(name)) return 'amd-apu';
  if (/nvidia|geforce|rtx|gtx|quadro|tesla|\b[ahlbv]\d{2,3}\b|h200|gh200/i.test(name)) return 'nvidia';
  if (/\bamd\b|radeon|instinct|\bmi\d{3}/i.test(name)) return 'amd';
  if (/apple|^m[1-9]\b/i.test(name)) return 'apple';
  if (/intel|\barc\b/i.test(name)) return 'intel';
  return 'other';
}

function fromShort(s: z.infer<typeof shortSchema>): HardwareProfile {
  const ramGB = round2(s.ramGB * GB_PER_GIB);
  const accelerators: Accelerator[] = [];
  const notes: string[] = ['Hardware from a hand-written profile: sizes are as given, not measured.'];
  let usable = 0;
  let usableSource: HardwareProfile['usableSource'] = 'user';
  const chip = s.chip ?? '';
  const apple =
    s.platform === 'darwin' &&
    (parseAppleChip(chip) !== undefined || (!s.gpus?.length && /apple|^m[1-9]/i.test(chip || 'apple')));

  if (apple) {
    const bw = appleBandwidthGBps(chip);
    accelerators.push({
      kind: 'apple',
      name: chip || 'Apple Silicon',
      memoryGB: ramGB,
      memorySource: 'user',
      ...(bw ? {bandwidthGBps: bw} : {}),
      count: 1,
      unified: true,
    });
    const fraction = appleDefaultGpuFraction(s.ramGB);
    usable = ramGB * fraction;
    usableSource = 'estimated';
    notes.push(
      `GPU share of unified memory estimated as macOS's default ${fraction === 0.75 ? '75%' : '2/3'} of RAM; set "usableGB" if you raised iogpu.wired_limit_mb.`,
    );
  } else if ((isAmdApuName(chip) || isUnifiedNvidiaName(chip)) && !s.gpus?.length) {
    const bw = bandwidthGBps(chip);
    accelerators.push({
      kind: isAmdApuName(chip) ? 'amd-apu' : 'unified-nvidia',
      name: chip,
      memoryGB: ramGB,
      memorySource: 'user',
      ...(bw ? {bandwidthGBps: bw} : {}),
      count: 1,
      unified: true,
    });
    usable = Math.max(0, ramGB - UNIFIED_OS_RESERVE_GB);
    usableSource = 'estimated';
    notes.push(`${chip} shares system memory: usable estimated as RAM − ${UNIFIED_OS_RESERVE_GB} GB.`);
  }

  let summedCards = false;
  for (const g of s.gpus ?? []) {
    const kind = kindFromName(g.name);
    const count = g.count ?? 1;
    const bw = bandwidthGBps(g.name);
    if (kind === 'unified-nvidia' || (kind === 'amd-apu' && g.vramGB === undefined)) {
      accelerators.push({
        kind,
        name: g.name,
        memoryGB: ramGB,
        memorySource: 'user',
        ...(bw ? {bandwidthGBps: bw} : {}),
        count: 1,
        unified: true,
      });
      usable = Math.max(usable, ramGB - UNIFIED_OS_RESERVE_GB);
      usableSource = 'estimated';
      notes.push(`${g.name} shares system memory: usable estimated as RAM − ${UNIFIED_OS_RESERVE_GB} GB.`);
      continue;
    }
    if (g.vramGB === undefined) {
      accelerators.push({
        kind,
        name: g.name,
        memorySource: 'unknown',
        ...(bw ? {bandwidthGBps: bw} : {}),
        count,
        unified: false,
      });
      notes.push(`${g.name}: no vramGB given; not counted.`);
      continue;
    }
    const memoryGB = round2(g.vramGB * GB_PER_GIB);
    accelerators.push({
      kind,
      name: g.name,
      memoryGB,
      memorySource: 'user',
      ...(bw ? {bandwidthGBps: bw} : {}),
      count,
      unified: false,
    });
    usable += count * Math.max(0, memoryGB - PER_GPU_RESERVE_GB);
    summedCards = true;
  }
  // The file gave card sizes, not this total: it is worked out, so screens must not say "as given".
  if (summedCards && usableSource === 'user') usableSource = 'estimated';
  // Cards but no size for any of them: the 0 is a gap, not a figure the file gave.
  else if (s.gpus?.length && usableSource === 'user') usableSource = 'unknown';
  if (s.usableGB !== undefined) {
    usable = s.usableGB;
    usableSource = 'user';
  } else if (summedCards) {
    notes.push(
      `Usable accelerator memory: the cards' memory added up, less ${round2(PER_GPU_RESERVE_GB)} GB per card for the driver; set "usableGB" to give your own figure.`,
    );
  }
  return {
    schemaVersion: 1,
    platform: s.platform,
    ...(chip ? {cpu: {brand: chip}} : {}),
    ramTotalGB: ramGB,
    accelerators,
    usableAcceleratorMemoryGB: round2(usable),
    usableSource,
    nodes: s.nodes ?? 1,
    notes,
    detection: {mode: 'file'},
  };
}

/**
 * Parse a saved profile file: the full HardwareProfile or the short form.
 * Throws an Error whose message is one clear line.
 */
export function profileFromJson(json: unknown): HardwareProfile {
  if (!json || typeof json !== 'object' || Array.isArray(json)) {
    throw new Error(
      'hardware profile must be a JSON object (a saved profile or {"platform", "ramGB", "chip", "gpus", "nodes"})',
    );
  }
  let o = json as Record<string, unknown>;
  // The whole report `hardware --json` printed: its profile is what describes the machine.
  if (
    o.profile &&
    typeof o.profile === 'object' &&
    !Array.isArray(o.profile) &&
    'tier' in o &&
    !('accelerators' in o)
  ) {
    o = o.profile as Record<string, unknown>;
  }
  if ('schemaVersion' in o || 'accelerators' in o) {
    const parsed = fullSchema.safeParse(o);
    if (!parsed.success) {
      // A hand-written full form is the usual cause: point at the short form, which needs far less.
      throw new Error(
        `hardware profile: ${firstIssue(parsed.error)} (the full form is what \`hardware --json\` prints, with schemaVersion 1; ` +
          'by hand, write the short form: {"platform": "darwin", "ramGB": 192, "chip": "Apple M2 Ultra"} or {"platform": "linux", "ramGB": 64, "gpus": [{"name": "RTX 4090", "vramGB": 24}]})',
      );
    }
    const p = parsed.data as HardwareProfile;
    return {...p, notes: [...p.notes], detection: {...(p.detection ?? {}), mode: 'file'}};
  }
  const parsed = shortSchema.safeParse(o);
  if (!parsed.success) throw new Error(`hardware profile: ${firstIssue(parsed.error)}`);
  return fromShort(parsed.data);
}

/** Bigger than any real profile; also what stops a device that never ends (/dev/zero). */
export const MAX_PROFILE_BYTES = 1024 * 1024;

/** Reads at most `limit` + 1 bytes. */
function readCapped(full: string, limit: number): Buffer {
  const fd = openSync(full, 'r');
  try {
    const buf = Buffer.alloc(limit + 1);
    let got = 0;
    while (got < buf.length) {
      const n = readSync(fd, buf, got, buf.length - got, null);
      if (n === 0) break;
      got += n;
    }
    return buf.subarray(0, got);
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads a profile file (full or short form, JSON5), for `hardware --hardware`
 * and OPENCLAW_LOCAL_DOCTOR_HARDWARE_FILE alike. Throws an Error whose
 * message is one line naming the file.
 */
export function readProfileFile(file: string, cwd: string = process.cwd()): HardwareProfile {
  const full = path.resolve(cwd, file);
  let text: string;
  try {
    const buf = readCapped(full, MAX_PROFILE_BYTES);
    if (buf.length > MAX_PROFILE_BYTES)
      throw new Error(`hardware file ${file} is larger than 1 MB; is it the right file?`);
    text = buf.toString('utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (!code) throw err;
    throw new Error(
      `cannot read hardware file ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (err as Error).message}`,
    );
  }
  let json: unknown;
  try {
    json = JSON5.parse(text);
  } catch (err) {
    throw new Error(
      `hardware file ${file} is not valid JSON: ${String((err as Error).message).replace(/^JSON5:\s*/, '')}`,
    );
  }
  try {
    return profileFromJson(json);
  } catch (err) {
    throw new Error(`hardware file ${file}: ${String((err as Error).message).replace(/^hardware profile:\s*/, '')}`);
  }
}

/** Env vars naming a saved hardware profile to use instead of probing this machine (the app's name first). */
export const HARDWARE_FILE_ENVS = ['OPENCLAW_LOCAL_DOCTOR_HARDWARE_FILE', 'OPENCLAW_LOCAL_DOCTOR_HARDWARE'] as const;

/**
 * A detector that returns the profile saved in the file the env names, or
 * undefined when none is set. Throws a one-line Error on a bad file.
 */
export function hardwareFileDetector(env: NodeJS.ProcessEnv): HardwareDetector | undefined {
  const name = HARDWARE_FILE_ENVS.find((n) => env[n]);
  if (!name) return undefined;
  const file = env[name]!;
  let profile: HardwareProfile;
  try {
    profile = readProfileFile(file);
  } catch (e) {
    throw new Error(`${name}=${file}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
  }
  return {detect: async () => profile};
}
