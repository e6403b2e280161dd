/**
 * From a HardwareProfile to the verdict: tier, fit of one model, and what to
 * set up. Pure.
 */
import type {HardwareProfile} from '../types/hardware.js';
import {catalogBuild, catalogModel} from './catalog.js';
import {estimateFit, FIT_HEADROOM} from './fit.js';
import type {ModelGeometry} from './geometry.js';
import {bitsPerWeightOf, knownModelIds, matchModel} from './match.js';
import {tierFor} from './tiers.js';
import type {EvaluateOptions, FitEstimate, HardwareVerdict, Recommendation, Tier, TierId} from './types.js';
import {fmt} from '../text/format.js';

/** Context assumed for a model we know nothing about, when none is given. */
const UNKNOWN_MODEL_CONTEXT = 32_768;

export function isUnifiedProfile(profile: HardwareProfile): boolean {
  return profile.accelerators.some((a) => a.unified && a.memorySource !== 'unknown');
}

export function isAppleProfile(profile: HardwareProfile): boolean {
  return profile.accelerators.some((a) => a.kind === 'apple');
}

/** System RAM a layer split can spill into: none on unified memory (it is the same pool). */
export function offloadPoolGB(profile: HardwareProfile): number {
  if (isUnifiedProfile(profile)) return 0;
  const available = profile.ramAvailableGB ?? Math.max(0, profile.ramTotalGB - 8);
  return Math.max(0, available);
}

/** Bandwidth a token is limited by: the slowest device that holds memory (a layer split runs them in turn). */
export function effectiveBandwidthGBps(profile: HardwareProfile): number | undefined {
  const counted = profile.accelerators.filter((a) => a.memoryGB !== undefined && a.memorySource !== 'unknown');
  if (!counted.length) return undefined;
  const bws = counted.map((a) => a.bandwidthGBps);
  if (bws.some((b) => b === undefined || !(b > 0))) return undefined;
  return Math.min(...(bws as number[]));
}

interface Candidate {
  model: string;
  builds: string[];
  /** Context to aim for, and the least worth recommending. */
  context: number;
  minContext: number;
}

const MINIMAX_APPLE_FULL = ['mlx-8bit-gs32', 'mlx-8bit-gs64'];
const MINIMAX_GPU_FULL = ['fp8', 'q8_0'];

function candidatesFor(tier: TierId, apple: boolean): Candidate[] {
  const minimax = (builds: string[], minContext: number): Candidate => ({
    model: 'minimax-m2.1',
    builds,
    context: 196_608,
    minContext,
  });
  switch (tier) {
    case 'aim-high':
      return [minimax(['bf16', ...(apple ? MINIMAX_APPLE_FULL : MINIMAX_GPU_FULL)], 65_536)];
    case 'full-size':
      return [
        minimax(
          apple ? [...MINIMAX_APPLE_FULL, 'mlx-6bit-gs64', 'mlx-4bit-gs32'] : [...MINIMAX_GPU_FULL, 'q6_k', 'q4_k_m'],
          65_536,
        ),
      ];
    case 'quantized-minimax':
      return [minimax(apple ? ['mlx-6bit-gs64', 'mlx-4bit-gs32', 'mlx-4bit-gs64'] : ['q6_k', 'q4_k_m'], 32_768)];
    case 'mid':
      return [
        {model: 'gpt-oss-120b', builds: ['mxfp4'], context: 131_072, minContext: 65_536},
        {
          model: 'qwen3-coder-30b',
          builds: apple ? ['mlx-8bit-gs64', 'mlx-4bit-gs64'] : ['q8_0', 'q4_k_m'],
          context: 131_072,
          minContext: 32_768,
        },
      ];
    case 'light':
      return [
        {
          model: 'qwen3-coder-30b',
          builds: apple ? ['mlx-8bit-gs64', 'mlx-4bit-gs64'] : ['q8_0', 'q4_k_m'],
          context: 65_536,
          minContext: 32_768,
        },
        {model: 'gpt-oss-20b', builds: ['mxfp4'], context: 65_536, minContext: 32_768},
      ];
    case 'hosted-only':
      return [{model: 'gpt-oss-20b', builds: ['mxfp4'], context: 32_768, minContext: 16_384}];
  }
}

function fitFor(
  profile: HardwareProfile,
  usableGB: number,
  modelId: string,
  buildId: string,
  context: number,
): FitEstimate | undefined {
  const model = catalogModel(modelId);
  const build = model && catalogBuild(model, buildId);
  if (!model || !build) return undefined;
  return estimateFit({
    model: model.id,
    modelLabel: model.label,
    build: build.id,
    buildLabel: build.label,
    weightsGB: build.weightsGB,
    kvBytesPerToken: model.kvBytesPerToken,
    ...(model.kv ? {kvLayout: model.kv} : {}),
    activeWeightsGB: (model.activeParamsB * build.bitsPerWeight) / 8,
    maxContext: model.maxContext,
    context,
    usableGB,
    offloadPoolGB: offloadPoolGB(profile),
    bandwidthGBps: effectiveBandwidthGBps(profile),
    aggressive: build.aggressive,
    small: model.small,
  });
}

const STACKS: Record<TierId, {stack: Recommendation['stack']; setupStacks: string[]}> = {
  'hosted-only': {stack: 'hosted-only', setupStacks: ['regional']},
  light: {stack: 'hybrid', setupStacks: ['hybrid', 'local-first', 'regional']},
  mid: {stack: 'hybrid', setupStacks: ['hybrid', 'local-first', 'regional']},
  'quantized-minimax': {stack: 'local-first', setupStacks: ['local-first', 'lmstudio', 'hybrid']},
  'full-size': {stack: 'lmstudio', setupStacks: ['lmstudio', 'local-first', 'hybrid']},
  'aim-high': {stack: 'lmstudio', setupStacks: ['lmstudio', 'local-first', 'hybrid']},
};

export function recommend(profile: HardwareProfile, tier: Tier, usableGB: number): Recommendation {
  const {stack, setupStacks} = STACKS[tier.id];
  let picked: {fit: FitEstimate; cap: number} | undefined;
  outer: for (const c of candidatesFor(tier.id, isAppleProfile(profile))) {
    for (const b of c.builds) {
      const fit = fitFor(profile, usableGB, c.model, b, c.context);
      if (!fit) continue;
      if (fit.verdict === 'fits') {
        picked = {fit, cap: c.context};
        break outer;
      }
      // A round cap (multiple of 8192) is easier to type into contextWindow and the server.
      const cap = Math.floor(fit.maxContextThatFits / 8192) * 8192;
      if (fit.verdict === 'reduced-context' && cap >= c.minContext) {
        picked = {fit, cap};
        break outer;
      }
    }
  }
  const what = picked
    ? `${picked.fit.modelLabel} ${picked.fit.buildLabel} at ${fmt(picked.cap)} tokens of context`
    : undefined;
  // LM Studio loads GGUF and MLX builds only; a safetensors checkpoint (FP8, BF16) is served by vLLM or SGLang.
  const pickedModel = picked && catalogModel(picked.fit.model);
  const safetensors = pickedModel ? catalogBuild(pickedModel, picked!.fit.build)?.format === 'hf' : false;
  let why: string;
  switch (tier.id) {
    case 'hosted-only':
      why = `Keep a hosted primary; local models are not recommended under 20 GB.${what ? ` ${what} fits for offline experiments only.` : ''}`;
      break;
    case 'light':
    case 'mid':
      why = what
        ? `Hosted primary with a local fallback: ${what}.`
        : 'Hosted primary; no local model from the guide fits with a useful context here.';
      break;
    case 'quantized-minimax':
      why = what
        ? `Local primary with a hosted safety net: ${what}. OK, but not full-size.`
        : 'MiniMax M2.1 does not fit with a useful context; use a hosted primary with a local fallback.';
      break;
    default:
      why = what
        ? `${safetensors ? 'vLLM or SGLang' : 'LM Studio'} with ${what}: the guide's ${tier.id === 'aim-high' ? 'aim-high' : 'full-size'} setup.${safetensors ? ' LM Studio loads GGUF and MLX builds, not this checkpoint; its Q8_0 GGUF is the LM Studio route.' : ''}`
        : 'MiniMax M2.1 should fit here; check the fit estimate for the build you have.';
  }
  return {
    stack: safetensors && stack === 'lmstudio' ? 'local-first' : stack,
    setupStacks: safetensors
      ? ['openai-compatible', ...setupStacks.filter((s) => s !== 'openai-compatible')]
      : setupStacks,
    ...(picked ? {model: picked.fit.model, build: picked.fit.build, contextCap: picked.cap} : {}),
    why,
  };
}

const GB = 1e9;

/** Weights in GB from a geometry: the bytes it names, else parameters × bits of its quantization. */
function geometryWeightsGB(geo: ModelGeometry): number | undefined {
  if (geo.weightsBytes !== undefined && geo.weightsBytes > 0) return geo.weightsBytes / GB;
  const bpw = geo.quantization ? bitsPerWeightOf(geo.quantization) : undefined;
  if (geo.totalParams && bpw) return (geo.totalParams * bpw) / 8 / GB;
  return undefined;
}

/** Bytes read per token: MoE active params at the file's average bits per weight; dense: all weights. */
function activeWeightsGB(geo: ModelGeometry, weightsGB: number): number | undefined {
  if (!geo.totalParams) return undefined;
  if (!geo.activeParams) return weightsGB;
  return (weightsGB * geo.activeParams) / geo.totalParams;
}

function positiveInt(n: number | undefined, fallback: number): number {
  return n !== undefined && Number.isFinite(n) && n >= 1 ? Math.floor(n) : fallback;
}

export function evaluateHardware(profile: HardwareProfile, opts: EvaluateOptions = {}): HardwareVerdict {
  const nodes = positiveInt(opts.nodes, positiveInt(profile.nodes, 1));
  const perNode = Math.max(
    0,
    Number.isFinite(profile.usableAcceleratorMemoryGB) ? profile.usableAcceleratorMemoryGB : 0,
  );
  const usable = Math.round(perNode * nodes * 10) / 10;
  const tier = tierFor(usable);
  const notes: string[] = [];
  if (nodes > 1) {
    notes.push(
      `${nodes} identical machines pooled (${isAppleProfile(profile) ? 'MLX distributed / exo' : 'vLLM pipeline parallel or llama.cpp RPC'}): ${nodes} × ${Math.round(perNode * 10) / 10} GB usable. A layer split adds memory, not speed: decode runs at about one machine's speed.`,
    );
  }
  const hasCounted = profile.accelerators.some((a) => a.memoryGB !== undefined && a.memorySource !== 'unknown');
  // Detection already says "No GPU found"; say it here only when GPUs exist but none could be measured, or for a file.
  if (!hasCounted && (profile.accelerators.length || profile.detection?.mode === 'file')) {
    notes.push('No accelerator memory we can count: verdicts assume CPU-only inference.');
  }

  let fit: FitEstimate | undefined;
  let unknownModel: HardwareVerdict['unknownModel'];
  if (opts.model !== undefined && opts.model.trim() !== '') {
    const id = opts.model.trim();
    const match = matchModel(id);
    const size = opts.modelSizeGB !== undefined && opts.modelSizeGB > 0 ? opts.modelSizeGB : undefined;
    const geo = opts.geometry;
    const geoWeightsGB = geo ? geometryWeightsGB(geo) : undefined;
    const cacheType = opts.kvCacheType ?? 'f16';
    if (match) {
      const maxContext = geo?.contextLength ?? match.model.maxContext;
      const context = positiveInt(opts.context, maxContext);
      const weightsGB = size ?? geoWeightsGB ?? match.build.weightsGB;
      // The server's or the file's own layout wins over the catalog's.
      const kvLayout = geo?.kv ?? match.model.kv;
      // The served quantization decides the prompt-injection warning, not the catalog's guessed build.
      const geoBpw = geoWeightsGB !== undefined && geo?.quantization ? bitsPerWeightOf(geo.quantization) : undefined;
      fit = estimateFit({
        model: match.model.id,
        modelLabel: match.model.label,
        build: size ? 'user-size' : match.build.id,
        buildLabel: size
          ? `${size} GB (--model-size-gb)`
          : geoWeightsGB !== undefined
            ? (geo!.quantization ?? 'as served')
            : match.build.label,
        weightsGB,
        kvBytesPerToken: match.model.kvBytesPerToken || undefined,
        ...(kvLayout ? {kvLayout} : {}),
        kvCacheType: cacheType,
        activeWeightsGB: (match.model.activeParamsB * match.build.bitsPerWeight) / 8,
        maxContext,
        context,
        usableGB: usable,
        offloadPoolGB: offloadPoolGB(profile),
        bandwidthGBps: effectiveBandwidthGBps(profile),
        aggressive: geoBpw !== undefined ? match.model.small || geoBpw <= 3.95 : match.build.aggressive,
        small: match.model.small,
        userSize: size !== undefined,
        sources: {
          weights: size
            ? '--model-size-gb'
            : geoWeightsGB !== undefined
              ? geo!.source
              : `catalog (${match.build.sizeBasis ?? 'computed'})`,
          ...(kvLayout ? {kv: geo?.kv ? geo.source : 'catalog'} : {}),
          context: opts.context !== undefined ? 'asked' : geo?.contextLength ? geo.source : 'catalog',
        },
      });
      if (match.build.format === 'mlx' && !size && geoWeightsGB === undefined && !isAppleProfile(profile)) {
        fit.notes.push(
          'MLX builds run only on Apple Silicon; here a GGUF build with about the same bits per weight is what would load.',
        );
      }
      if (match.note && geoWeightsGB === undefined) fit.notes.unshift(`${id}: ${match.note}.`);
      if (opts.context === undefined) fit.notes.unshift(`context not given: using the model's native ${fmt(context)}.`);
      for (const n of geo?.notes ?? []) fit.notes.push(`${geo!.source}: ${n}.`);
    } else if (size || geoWeightsGB !== undefined) {
      // Not in the catalog: sized from what the server or the file says (or --model-size-gb).
      const weightsGB = size ?? geoWeightsGB!;
      const maxContext = geo?.contextLength;
      const context = positiveInt(opts.context, maxContext ?? UNKNOWN_MODEL_CONTEXT);
      const activeGB = geo ? activeWeightsGB(geo, weightsGB) : undefined;
      fit = estimateFit({
        model: id,
        ...(geo?.name ? {modelLabel: geo.name} : {}),
        build: size ? 'user-size' : (geo?.quantization ?? 'as served'),
        buildLabel: size ? `${size} GB (--model-size-gb)` : `${geo?.quantization ?? 'weights'} (${geo!.source})`,
        weightsGB,
        ...(geo?.kv ? {kvLayout: geo.kv} : {}),
        kvCacheType: cacheType,
        ...(activeGB !== undefined ? {activeWeightsGB: activeGB} : {}),
        ...(maxContext ? {maxContext} : {}),
        context,
        usableGB: usable,
        offloadPoolGB: offloadPoolGB(profile),
        bandwidthGBps: activeGB !== undefined ? effectiveBandwidthGBps(profile) : undefined,
        aggressive: /(^|[^a-z])(mini|small|tiny|[1-9]b)([^a-z]|$)|[^0-9](2|3)-?bit|iq[123]|q[23]_/i.test(
          `${id} ${geo?.quantization ?? ''}`,
        ),
        userSize: size !== undefined,
        sources: {
          weights: size ? '--model-size-gb' : geo!.source,
          ...(geo?.kv ? {kv: geo.source} : {}),
          context: opts.context !== undefined ? 'asked' : maxContext ? geo!.source : 'assumed',
        },
      });
      if (size)
        fit.notes.unshift(
          `${id} is not in our catalog: weights from --model-size-gb${geo?.kv ? `, KV cache from ${geo.source}` : ', no speed estimate'}.`,
        );
      else
        fit.notes.unshift(
          `${id} is not in our catalog: weights${geo?.kv ? ', KV cache' : ''}${maxContext ? ' and context' : ''} from ${geo!.source}.`,
        );
      if (opts.context === undefined)
        fit.notes.unshift(
          `context not given: ${maxContext ? `using the model's trained ${fmt(context)}` : `assuming ${fmt(context)}`}.`,
        );
      for (const n of geo?.notes ?? []) fit.notes.push(`${geo!.source}: ${n}.`);
    } else {
      unknownModel = {
        id,
        message: `"${id}" is not a model we know the size of (known: ${knownModelIds().join(', ')}). Pass --model-size-gb N with the size of its weights, or --gguf PATH with its file, to estimate the fit.`,
      };
    }
  }

  // Apple: the default GPU share can be raised; say so when that would change the verdict.
  if (fit && fit.verdict !== 'fits' && isAppleProfile(profile) && profile.usableSource === 'estimated') {
    const raisedPerNode = Math.max(0, profile.ramTotalGB - 16);
    const raised = raisedPerNode * nodes;
    if (fit.totalGB <= FIT_HEADROOM * raised) {
      const mib = Math.floor((raisedPerNode * 1e9) / 1048576 / 1024) * 1024;
      notes.push(
        `It would fit with the GPU memory limit raised: sudo sysctl iogpu.wired_limit_mb=${mib} (about RAM − 16 GB; resets on reboot).`,
      );
    }
  }

  return {
    usableAcceleratorMemoryGB: usable,
    tier,
    ...(fit ? {fit} : {}),
    ...(unknownModel ? {unknownModel} : {}),
    recommendation: recommend(profile, tier, usable),
    notes,
    nodes,
  };
}
