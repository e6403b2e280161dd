/**
 * `hardware`: detect (or read) the machine, give the tier verdict, estimate
 * whether a model fits, and say what to set up.
 */
import {PAID_PLAN_STACKS} from '../core/stacks/recommend.js';
import type {CommandContext} from '../cli/context.js';
import {CliError, UsageError} from '../cli/errors.js';
import {choiceFlag, intFlag, numberFlag, stringFlag} from '../cli/flags.js';
import {GB_PER_GIB} from '../core/hardware/devices.js';
import {fmt, formatGB, textWidth, wrapLine} from '../core/text/index.js';
import {
  fitBarText,
  fitLegend,
  kvLadderText,
  KV_CACHE_TYPES,
  type FitEstimate,
  type HardwareVerdict,
  type KvCacheType,
  type ModelGeometry,
} from '../core/hardware.js';
import {readProfileFile, type HardwareDetector, type HardwareProfile} from '../hardware/index.js';
import {defaultDetector} from '../app/snapshot.js';
import {collectSi, PROBE_ENV_FLAG, type SiLike} from '../hardware/si-probe.js';
import {printableJson, printableLines} from '../core/sanitize.js';
import {assessHardware, liveHardwareDeps, type HardwareCommandDeps} from '../app/hardware.js';
import type {ClusterEvaluation} from '../core/cluster/hardware.js';

export {DEFAULT_LOCAL_MODEL, type ConfiguredPrimary, type HardwareCommandDeps} from '../app/hardware.js';

// The profile file the env names (OPENCLAW_LOCAL_DOCTOR_HARDWARE_FILE), else this machine: the app's and the doctor's rule.
const envOrLiveDetector = (): HardwareDetector => ({
  detect: async (opts) => (await defaultDetector(opts?.env ?? process.env)).detect(opts),
});
const liveDeps: HardwareCommandDeps = {detector: envOrLiveDetector, ...liveHardwareDeps};
let deps: HardwareCommandDeps = liveDeps;

/** Test seam: replace the detector and/or the config lookup; returns a function that restores them. */
export function setHardwareCommandDeps(over: Partial<HardwareCommandDeps>): () => void {
  const before = deps;
  deps = {...deps, ...over};
  return () => {
    deps = before;
  };
}

function readProfileFileOrFail(file: string, cwd: string): HardwareProfile {
  try {
    return readProfileFile(file, cwd);
  } catch (err) {
    throw new CliError((err as Error).message);
  }
}

/** Child mode of the detector when systeminformation is bundled: print the raw probe and stop. */
async function runProbe(ctx: CommandContext): Promise<number> {
  const mod = (await import('systeminformation')) as unknown as {default?: SiLike} & SiLike;
  const si = mod.default ?? mod;
  const raw = await collectSi(si);
  ctx.io.stdout.write(`${printableJson(raw, 0)}\n`);
  return 0;
}

// ---------- text output ----------

/** "550 GB (512 GiB)": model sizes are in GB, but people know their RAM and VRAM in GiB. */
function memory(gb: number): string {
  const gib = gb / GB_PER_GIB;
  const shown = Math.abs(gib - Math.round(gib)) < 0.05 ? String(Math.round(gib)) : gib.toFixed(1);
  return `${formatGB(gb)} (${shown} GiB)`;
}

const PLATFORM_NAMES: Record<string, string> = {darwin: 'macOS', linux: 'Linux', win32: 'Windows'};

const SOURCE_WORDS: Record<string, string> = {
  'nvidia-smi': 'from nvidia-smi',
  systeminformation: 'from systeminformation',
  sysfs: 'from sysfs',
  sysctl: 'from sysctl iogpu.wired_limit_mb',
  'windows-registry': 'from the Windows registry',
  estimated: 'estimated',
  user: 'as given',
  exo: 'from exo',
  unknown: 'unknown',
};

function acceleratorLines(profile: HardwareProfile, width: number): string[] {
  if (!profile.accelerators.length) return ['  Accelerators: none found'];
  const lines = ['  Accelerators:'];
  for (const a of profile.accelerators) {
    const count = a.count > 1 ? `${a.count} × ` : '';
    const mem =
      a.memoryGB !== undefined && a.memorySource !== 'unknown'
        ? `${memory(a.memoryGB)}${a.unified ? ' unified' : a.count > 1 ? ' each' : ''} ${SOURCE_WORDS[a.memorySource] ?? a.memorySource}`
        : 'memory unknown';
    const bw = a.bandwidthGBps ? `, ${a.bandwidthGBps} GB/s` : '';
    lines.push(...wrapLine(`${count}${a.name}: ${mem}${bw}`, width, {first: '    ', indent: '      '}));
  }
  return lines;
}

/** A command that would pass the width is split before its flags with ` \\` continuations: it still pastes whole. */
function shellLines(cmd: string, width: number): string[] {
  const lines: string[] = [];
  let line = '    ';
  for (const part of cmd.split(/ (?=--?[a-z])/)) {
    if (line.trim() && line.length + 1 + part.length + 2 > width) {
      lines.push(`${line} \\`);
      line = `      ${part}`;
    } else line = line.trim() ? `${line} ${part}` : `${line}${part}`;
  }
  lines.push(line);
  return lines;
}

function clusterLines(c: ClusterEvaluation['cluster'], width: number): string[] {
  const lines: string[] = [];
  if (c.link) lines.push(...wrapLine(`Link: ${c.link.words}`, width, {first: '  ', indent: '      '}));
  if (c.placement) {
    const where = c.placement.from === 'instance' ? 'placed' : 'exo would place it';
    lines.push(...wrapLine(`Model ${c.placement.modelId} (${where}):`, width, {first: '  ', indent: '      '}));
    for (const s of c.placement.shares) {
      const layers =
        s.startLayer !== undefined && s.endLayer !== undefined
          ? ` layers ${s.startLayer}–${s.endLayer - 1} of ${s.nLayers ?? '?'}`
          : '';
      lines.push(
        ...wrapLine(
          `${s.name ?? s.nodeId}: ${Math.round(s.share * 100)}%${layers}${s.memoryGB !== undefined ? `, ${formatGB(s.memoryGB)}` : ''}`,
          width,
          {first: '    ', indent: '      '},
        ),
      );
    }
  } else if (c.placementError) {
    lines.push(...wrapLine(`exo cannot place the model: ${c.placementError}`, width, {first: '  ', indent: '      '}));
  }
  lines.push(...wrapLine(`Decode: ${c.decode.assumption}`, width, {first: '  ', indent: '      '}));
  return lines;
}

const VERDICT_WORDS: Record<FitEstimate['verdict'], {tty: string; plain: string}> = {
  fits: {tty: '✔ fits on the accelerator', plain: 'Verdict: fits on the accelerator'},
  'reduced-context': {tty: '⚠ fits only with a smaller context', plain: 'Verdict: fits only with a smaller context'},
  offload: {
    tty: '⚠ only with layers offloaded to system RAM (slow)',
    plain: 'Verdict: only with layers offloaded to system RAM (slow)',
  },
  'does-not-fit': {tty: '✖ does not fit', plain: 'Verdict: does not fit'},
};

function fitLines(fit: FitEstimate, tty: boolean, width: number): string[] {
  const lines: string[] = [];
  const title = `${fit.modelLabel ?? fit.model} · ${fit.buildLabel ?? fit.build} · context ${fmt(fit.context)} · ${formatGB(fit.usableGB)} usable`;
  lines.push(...wrapLine(`Fit: ${title}`, width, {first: '', indent: '  '}));
  if (tty) {
    lines.push(`  ${fitBarText(fit, width - 4)}`);
    const legend = fitLegend(fit);
    // The legend keeps its double spaces when it fits on one line.
    if (legend.length + 2 <= width) lines.push(`  ${legend}`);
    else lines.push(...wrapLine(legend, width, {first: '  ', indent: '  '}));
  } else {
    lines.push(
      ...wrapLine(
        `  weights ${formatGB(fit.weightsGB)} + KV cache ${formatGB(fit.kvCacheGB)} + overhead ${formatGB(fit.overheadGB)} = ${formatGB(fit.totalGB)} of ${formatGB(fit.usableGB)} usable`,
        width,
        {first: '  ', indent: '  '},
      ),
    );
  }
  let verdict = VERDICT_WORDS[fit.verdict][tty ? 'tty' : 'plain'];
  // Unified memory has no separate system RAM to offload into: past the 90% line it is just tight.
  if (fit.verdict === 'offload' && fit.offloadPoolGB === 0)
    verdict = tty ? '⚠ tight, no headroom left' : 'Verdict: tight, no headroom left';
  if (fit.verdict === 'reduced-context') verdict += ` (up to ${fmt(fit.maxContextThatFits)} tokens)`;
  if (fit.tokensPerSecond) {
    const t = fit.tokensPerSecond;
    verdict += ` · ≈${t.low}–${t.high} tok/s (long → short context, estimated)`;
  }
  lines.push(...wrapLine(verdict, width, {first: '  ', indent: '    '}));
  const ladder = kvLadderText(fit);
  if (ladder) lines.push(...wrapLine(ladder, width, {first: '  ', indent: '    '}));
  if (fit.sources) {
    // Grouped by source: "Numbers from GGUF header of m.gguf (weights, KV layout, context)".
    const bySource = new Map<string, string[]>();
    for (const [what, src] of [
      ['weights', fit.sources.weights],
      ['KV layout', fit.sources.kv],
      ['context', fit.sources.context],
    ] as const) {
      if (src) bySource.set(src, [...(bySource.get(src) ?? []), what]);
    }
    const from = [...bySource].map(([src, whats]) => `${src} (${whats.join(', ')})`).join('; ');
    if (from) lines.push(...wrapLine(`Numbers from ${from}.`, width, {first: '  ', indent: '    '}));
  }
  for (const n of fit.notes) lines.push(...wrapLine(`- ${n}`, width, {first: '  ', indent: '    '}));
  return lines;
}

function renderText(
  profile: HardwareProfile,
  verdict: HardwareVerdict,
  notes: string[],
  tty: boolean,
  width: number,
  cluster?: ClusterEvaluation['cluster'],
  engine?: import('../core/cluster/engines.js').EngineAdvice,
): string {
  const out: string[] = [];
  const how = cluster
    ? `the exo cluster at ${cluster.baseUrl}`
    : profile.detection?.mode === 'file'
      ? 'from file'
      : `detected${profile.detection?.ms !== undefined ? ` in ${(profile.detection.ms / 1000).toFixed(1)} s` : ''}`;
  out.push(`Hardware (${how})`);
  const cpu = profile.cpu?.brand
    ? `${profile.cpu.brand}${profile.cpu.cores ? ` (${profile.cpu.cores} cores)` : ''}`
    : undefined;
  const ram = `RAM ${memory(profile.ramTotalGB)}${profile.ramAvailableGB !== undefined ? `, ${formatGB(profile.ramAvailableGB)} available` : ''}`;
  out.push(
    ...wrapLine(
      [PLATFORM_NAMES[profile.platform] ?? profile.platform, profile.os, cpu, ram].filter(Boolean).join(' · '),
      width,
      {first: '  ', indent: '    '},
    ),
  );
  out.push(...acceleratorLines(profile, width));
  if (cluster) out.push(...clusterLines(cluster, width));
  const nodes = verdict.nodes ?? 1;
  const usable =
    nodes > 1 && !cluster
      ? `${formatGB(verdict.usableAcceleratorMemoryGB)} (${nodes} × ${formatGB(profile.usableAcceleratorMemoryGB)})`
      : formatGB(verdict.usableAcceleratorMemoryGB);
  // "as given" would claim the user wrote this total; from a short form it is computed from their sizes.
  const usableFrom =
    profile.usableSource === 'user' ? 'from the file' : (SOURCE_WORDS[profile.usableSource] ?? profile.usableSource);
  out.push(...wrapLine(`Usable accelerator memory: ${usable}, ${usableFrom}`, width, {first: '  ', indent: '    '}));
  out.push('');
  out.push(...wrapLine(`Tier: ${verdict.tier.label}. ${verdict.tier.summary}`, width, {first: '', indent: '  '}));
  out.push('');
  if (verdict.fit) {
    out.push(...fitLines(verdict.fit, tty, width));
    out.push('');
  }
  if (verdict.unknownModel) {
    out.push(...wrapLine(`Fit: ${verdict.unknownModel.message}`, width, {first: '', indent: '  '}));
    out.push('');
  }
  const r = verdict.recommendation;
  out.push(...wrapLine(`Recommendation: ${r.why}`, width, {first: '', indent: '  '}));
  // Never a paid-plan-only stack as the thing to run (OpenRouter's in-region endpoints need a Business plan): recommendStack's rule.
  const stacks = r.setupStacks.filter((id) => !(PAID_PLAN_STACKS as readonly string[]).includes(id));
  if (stacks.length) {
    out.push(
      ...wrapLine(
        `Set it up: openclaw-local-doctor setup --stack ${stacks[0]}${stacks.length > 1 ? ` (or: ${stacks.slice(1).join(', ')})` : ''}`,
        width,
        {first: '  ', indent: '    '},
      ),
    );
  } else {
    out.push(
      ...wrapLine(
        'Set it up: keep your hosted model; for a small local one, start a server (lms server start, ollama serve), then run openclaw-local-doctor to pick it up.',
        width,
        {first: '  ', indent: '    '},
      ),
    );
  }
  if (engine) {
    out.push('');
    out.push(
      ...wrapLine(
        `Engine for ${verdict.nodes ?? 1} machine${(verdict.nodes ?? 1) === 1 ? '' : 's'}: ${engine.label}. ${engine.why}`,
        width,
        {first: '', indent: '  '},
      ),
    );
    // Commands stay on one line each, to copy.
    for (const c of engine.commands) {
      const [cmd, comment] = c.split(/\s{2,}# /);
      if (comment) out.push(...wrapLine(`# ${comment}`, width, {first: '    ', indent: '    # '}));
      out.push(...shellLines(cmd.trim(), width));
    }
  }
  if (notes.length) {
    out.push('');
    out.push('Notes:');
    for (const n of notes) out.push(...wrapLine(`- ${n}`, width, {first: '  ', indent: '    '}));
  }
  return `${out.join('\n')}\n`;
}

export async function run(ctx: CommandContext): Promise<number> {
  if (ctx.io.env[PROBE_ENV_FLAG] === '1') return runProbe(ctx);
  if (ctx.args.length) throw new UsageError(`unexpected argument '${ctx.args[0]}'`, 'hardware');
  const v = ctx.values;
  const nodes = intFlag(v, 'nodes', {min: 1, max: 64});
  const context = intFlag(v, 'context', {min: 1, max: 100_000_000});
  const modelSizeGB = numberFlag(v, 'model-size-gb', {min: 0.01, max: 100_000});
  const modelFlag = stringFlag(v, 'model');
  const hardwareFile = stringFlag(v, 'hardware');
  const ggufFile = stringFlag(v, 'gguf');
  const timeoutFlag = intFlag(v, 'timeout-ms', {min: 50, max: 600_000});
  const kvCacheType = choiceFlag(v, 'kv-cache-type', Object.keys(KV_CACHE_TYPES) as KvCacheType[]);

  // The file is read before detection: a bad path is a usage error, said at once.
  let geometry: ModelGeometry | undefined;
  if (ggufFile) {
    const {readGgufGeometry} = await import('../hardware/gguf-file.js');
    try {
      geometry = readGgufGeometry(ggufFile, ctx.io.cwd);
    } catch (err) {
      throw new CliError(`--gguf: ${(err as Error).message}`);
    }
  }
  const a = await assessHardware(
    ctx,
    {
      ...(nodes !== undefined ? {nodes} : {}),
      ...(context !== undefined ? {context} : {}),
      ...(modelSizeGB !== undefined ? {modelSizeGB} : {}),
      ...(modelFlag ? {model: modelFlag} : {}),
      ...(hardwareFile ? {profile: readProfileFileOrFail(hardwareFile, ctx.io.cwd)} : {}),
      ...(geometry ? {geometry, ggufFile} : {}),
      ...(kvCacheType ? {kvCacheType} : {}),
      ...(timeoutFlag !== undefined ? {timeoutMs: timeoutFlag} : {}),
    },
    deps,
  );
  const {profile, verdict, cluster, engine, measured} = a;
  const model = a.model.id;
  const modelSource = a.model.source;
  const allNotes = a.notes;
  if (ctx.global.json) {
    const {tier} = verdict;
    const report = {
      schemaVersion: 1,
      profile,
      usableAcceleratorMemoryGB: verdict.usableAcceleratorMemoryGB,
      nodes: verdict.nodes ?? 1,
      tier: {id: tier.id, label: tier.label, summary: tier.summary},
      ...(verdict.fit ? {fit: verdict.fit} : {}),
      ...(verdict.unknownModel ? {unknownModel: verdict.unknownModel} : {}),
      model: {id: model, source: modelSource},
      ...(measured ? {measured} : {}),
      recommendation: verdict.recommendation,
      ...(cluster ? {cluster} : {}),
      ...(engine ? {engine} : {}),
      notes: allNotes,
    };
    ctx.io.stdout.write(`${printableJson(report)}\n`);
    return 0;
  }
  const tty = Boolean(ctx.io.stdout.isTTY);
  const width = textWidth(ctx.io.stdout);
  // Names come from files and commands; the text itself has no control characters but its line breaks.
  ctx.io.stdout.write(printableLines(renderText(profile, verdict, allNotes, tty, width, cluster, engine)));
  return 0;
}
