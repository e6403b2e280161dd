/**
 * `hardware`: detect (or read) the machine, give the tier verdict, estimate
 * whether a model fits, and say what to set up.
 */
import type {CommandContext} from '../cli/context.js';
import {CliError, UsageError} from '../cli/errors.js';
import {intFlag, numberFlag, stringFlag} from '../cli/flags.js';
import {GB_PER_GIB} from '../core/hardware/devices.js';
import {fmt, formatGB, textWidth, wrapLine} from '../core/text/index.js';
import {evaluateHardware, fitBarText, fitLegend, type FitEstimate, type HardwareVerdict} from '../core/hardware.js';
import {isLocalProviderId} from '../core/providers.js';
import {liveDetector, readProfileFile, type HardwareDetector, type HardwareProfile} from '../hardware/index.js';
import {collectSi, PROBE_ENV_FLAG, type SiLike} from '../hardware/si-probe.js';
import {measuredPhrase, readMeasuredSpeeds, type MeasuredSpeed} from '../process/measured-speeds.js';

/** OpenClaw's default local model, used when nothing local is configured. */
export const DEFAULT_LOCAL_MODEL = {ref: 'lmstudio/minimax-m2.1-gs32', contextWindow: 196_608};

export interface ConfiguredPrimary {
  /** Model ref or id to estimate; undefined when nothing usable is configured. */
  model?: string;
  contextWindow?: number;
  /** Why the model was or was not taken from the config. */
  note?: string;
}

export interface HardwareCommandDeps {
  detector(): HardwareDetector;
  /** Reads the configured primary; must not throw. */
  configuredPrimary(ctx: CommandContext): Promise<ConfiguredPrimary>;
}

async function configuredPrimaryFromConfig(ctx: CommandContext): Promise<ConfiguredPrimary> {
  try {
    const {locateConfig, readConfig, splitModelRef} = await import('../config/index.js');
    const {viewConfig, resolveRef} = await import('../core/config-view.js');
    const loc = locateConfig({env: ctx.io.env, configPath: ctx.global.configPath, profile: ctx.global.profile, cwd: ctx.io.cwd});
    if (!loc.exists) return {note: `no OpenClaw config at ${loc.path}`};
    const loaded = await readConfig(loc.path);
    if (loaded.value === undefined) return {note: `${loc.path} could not be parsed`};
    const view = viewConfig(loaded.value, ctx.io.env);
    if (!view.primary) return {note: `${loc.path} sets no primary model`};
    const ref = splitModelRef(view.primary);
    if (!ref) return {note: `primary "${view.primary}" has no provider prefix`};
    const resolved = resolveRef(view, ref);
    const local = resolved ? resolved.provider.isLocal : isLocalProviderId(ref.provider);
    if (!local) return {note: `the configured primary ${view.primary} is hosted`};
    return {model: view.primary, contextWindow: resolved?.model?.contextWindow, note: `the configured primary ${view.primary}`};
  } catch (err) {
    return {note: `the config could not be read (${err instanceof Error ? err.message : String(err)})`};
  }
}

const liveDeps: HardwareCommandDeps = {
  detector: liveDetector,
  configuredPrimary: configuredPrimaryFromConfig,
};
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
  ctx.io.stdout.write(`${JSON.stringify(raw)}\n`);
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

const VERDICT_WORDS: Record<FitEstimate['verdict'], {tty: string; plain: string}> = {
  fits: {tty: '✔ fits on the accelerator', plain: 'Verdict: fits on the accelerator'},
  'reduced-context': {tty: '⚠ fits only with a smaller context', plain: 'Verdict: fits only with a smaller context'},
  offload: {tty: '⚠ only with layers offloaded to system RAM (slow)', plain: 'Verdict: only with layers offloaded to system RAM (slow)'},
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
  if (fit.verdict === 'offload' && fit.offloadPoolGB === 0) verdict = tty ? '⚠ tight, no headroom left' : 'Verdict: tight, no headroom left';
  if (fit.verdict === 'reduced-context') verdict += ` (up to ${fmt(fit.maxContextThatFits)} tokens)`;
  if (fit.tokensPerSecond) {
    const t = fit.tokensPerSecond;
    verdict += ` · ≈${t.low}–${t.high} tok/s (long → short context, estimated)`;
  }
  lines.push(...wrapLine(verdict, width, {first: '  ', indent: '    '}));
  for (const n of fit.notes) lines.push(...wrapLine(`- ${n}`, width, {first: '  ', indent: '    '}));
  return lines;
}

function renderText(profile: HardwareProfile, verdict: HardwareVerdict, notes: string[], tty: boolean, width: number): string {
  const out: string[] = [];
  const how = profile.detection?.mode === 'file' ? 'from file' : `detected${profile.detection?.ms !== undefined ? ` in ${(profile.detection.ms / 1000).toFixed(1)} s` : ''}`;
  out.push(`Hardware (${how})`);
  const cpu = profile.cpu?.brand ? `${profile.cpu.brand}${profile.cpu.cores ? ` (${profile.cpu.cores} cores)` : ''}` : undefined;
  const ram = `RAM ${memory(profile.ramTotalGB)}${profile.ramAvailableGB !== undefined ? `, ${formatGB(profile.ramAvailableGB)} available` : ''}`;
  out.push(...wrapLine([PLATFORM_NAMES[profile.platform] ?? profile.platform, profile.os, cpu, ram].filter(Boolean).join(' · '), width, {first: '  ', indent: '    '}));
  out.push(...acceleratorLines(profile, width));
  const nodes = verdict.nodes ?? 1;
  const usable =
    nodes > 1
      ? `${formatGB(verdict.usableAcceleratorMemoryGB)} (${nodes} × ${formatGB(profile.usableAcceleratorMemoryGB)})`
      : formatGB(verdict.usableAcceleratorMemoryGB);
  // "as given" would claim the user wrote this total; from a short form it is computed from their sizes.
  const usableFrom = profile.usableSource === 'user' ? 'from the file' : (SOURCE_WORDS[profile.usableSource] ?? profile.usableSource);
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
  out.push(...wrapLine(`Set it up: openclaw-local-doctor setup --stack ${r.setupStacks[0]}${r.setupStacks.length > 1 ? ` (or: ${r.setupStacks.slice(1).join(', ')})` : ''}`, width, {first: '  ', indent: '    '}));
  if (notes.length) {
    out.push('');
    out.push('Notes:');
    for (const n of notes) out.push(...wrapLine(`- ${n}`, width, {first: '  ', indent: '    '}));
  }
  return `${out.join('\n')}\n`;
}

/** The latest rehearsal of this model: by its ref, or by the model id behind any provider. */
function findMeasured(env: NodeJS.ProcessEnv, model: string): MeasuredSpeed | undefined {
  return readMeasuredSpeeds(env).find((m) => m.model === model || m.model.endsWith(`/${model}`) || model.endsWith(`/${m.model.split('/').slice(1).join('/')}`));
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

  const notes: string[] = [];
  const profile = hardwareFile ? readProfileFileOrFail(hardwareFile, ctx.io.cwd) : await deps.detector().detect({env: ctx.io.env});

  let model = modelFlag;
  let ctxTokens = context;
  let modelSource: 'flag' | 'config' | 'default' = 'flag';
  if (!model) {
    const primary = await deps.configuredPrimary(ctx);
    if (primary.model) {
      model = primary.model;
      ctxTokens ??= primary.contextWindow;
      modelSource = 'config';
    } else {
      model = DEFAULT_LOCAL_MODEL.ref;
      ctxTokens ??= DEFAULT_LOCAL_MODEL.contextWindow;
      modelSource = 'default';
      notes.push(
        `${primary.note ? `${primary.note[0].toUpperCase()}${primary.note.slice(1)}: s` : 'S'}howing OpenClaw's default local model ${DEFAULT_LOCAL_MODEL.ref} at ${fmt(ctxTokens)} tokens; pick another with --model.`,
      );
    }
  }

  const verdict = evaluateHardware(profile, {
    ...(nodes !== undefined ? {nodes} : {}),
    model,
    ...(ctxTokens !== undefined ? {context: ctxTokens} : {}),
    ...(modelSizeGB !== undefined ? {modelSizeGB} : {}),
  });
  const allNotes = [...profile.notes, ...verdict.notes, ...notes];

  // What the rehearsal measured for this model on this machine, next to the estimate.
  const measured = findMeasured(ctx.io.env, model);
  const phrase = measured ? measuredPhrase(measured) : undefined;
  if (phrase && verdict.fit?.tokensPerSecond) allNotes.unshift(`Decode speed ${phrase} (doctor --rehearse); the estimate above is from memory bandwidth.`);
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
      notes: allNotes,
    };
    ctx.io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return 0;
  }
  const tty = Boolean(ctx.io.stdout.isTTY);
  const width = textWidth(ctx.io.stdout);
  // Names come from files and commands; the text itself has no control characters but its line breaks.
  ctx.io.stdout.write(renderText(profile, verdict, allNotes, tty, width).replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g, '\uFFFD'));
  return 0;
}
