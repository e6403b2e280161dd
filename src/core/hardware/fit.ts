/**
 * Will a model fit: weights + KV cache at the context + overhead against the
 * usable accelerator memory, and how fast it would decode. Pure arithmetic.
 */
import {
  contextForKvBytes,
  describeLayout,
  gqaLayout,
  kvCacheBytes,
  quantScratchBytes,
  type KvCacheType,
  type KvLayout,
} from './kv.js';
import type {FitEstimate, FitVerdict, KvAtContext} from './types.js';
import {fmt} from '../text/format.js';

/** Required memory must stay under this share of usable memory ("10% headroom"). */
export const FIT_HEADROOM = 0.9;
/** Below this a reduced context is not worth it for OpenClaw's large agent prompts. */
export const MIN_USEFUL_CONTEXT = 16_384;
/** Share of peak bandwidth that decode reaches in practice (bandwidth-bound estimate). */
export const DECODE_EFFICIENCY = 0.55;
const SHORT_CONTEXT = 2_048;
const GB = 1e9;

/** Runtime overhead: max(1.5 GB, 5% of weights) plus about 1 GB of compute buffers. */
export function overheadGB(weightsGB: number): number {
  return Math.max(1.5, 0.05 * weightsGB) + 1;
}

export function kvCacheGB(kvBytesPerToken: number, context: number): number {
  return (kvBytesPerToken * context) / GB;
}

/** A KV description: a layout by architecture, or f16 bytes per token of plain attention (older catalog rows). */
export type KvSpec = KvLayout | number | undefined;

function asLayout(kv: KvSpec): KvLayout | undefined {
  if (kv === undefined) return undefined;
  if (typeof kv !== 'number') return kv;
  // f16 bytes per token as one group of K and V elements: 2 bytes × (K + V).
  return kv > 0 ? {architecture: 'gqa', groups: [{layers: 1, kElements: kv / 4, vElements: kv / 4}]} : undefined;
}

/** KV cache in GB at `context` tokens with this cache type; 0 when the layout is unknown. */
export function kvGBAt(kv: KvSpec, context: number, cacheType: KvCacheType = 'f16'): number {
  const layout = asLayout(kv);
  return layout ? kvCacheBytes(layout, context, cacheType) / GB : 0;
}

export interface ContextFitInput {
  weightsGB: number;
  /** How the KV cache grows (layout, or f16 bytes per token); undefined: unknown, not counted. */
  kv: KvSpec;
  /** Usable accelerator memory (GB). */
  usableGB: number;
  /** Largest context worth asking for: the model's trained maximum, or the context asked for. */
  cap: number;
  /** KV cache type the server is set to (llama.cpp --cache-type-k/v, OLLAMA_KV_CACHE_TYPE); f16 by default. */
  cacheType?: KvCacheType;
}

/**
 * The context that fits: the largest context (a multiple of 1024, or `cap` itself when all of it fits) whose
 * weights + KV cache + overhead stay within the 10% headroom of usable memory; 0 when even the weights do not.
 * The doctor and the setup wizard pick contextWindow with it, and never advise loading more.
 */
export function contextThatFits(input: ContextFitInput): number {
  const cap = Math.max(0, Math.floor(input.cap));
  const room = FIT_HEADROOM * input.usableGB - input.weightsGB - overheadGB(input.weightsGB);
  if (room <= 0 || cap === 0) return 0;
  const layout = asLayout(input.kv);
  if (!layout) return cap;
  const tokens = contextForKvBytes(layout, room * GB, cap, input.cacheType ?? 'f16');
  // The cap itself (the context asked for) may be no multiple of 1024: when it fits, it is the answer.
  if (tokens >= cap) return cap;
  return Math.max(0, Math.floor(tokens / 1024) * 1024);
}

/** The contexts the fit picture shows: 32K, 64K, 128K and the maximum. */
export const KV_LADDER = [32_768, 65_536, 131_072] as const;

export interface FitInput {
  model: string;
  modelLabel?: string;
  build: string;
  buildLabel?: string;
  weightsGB: number;
  /** undefined: architecture unknown, KV not counted (said in the notes). */
  kvBytesPerToken?: number;
  /** KV layout by architecture; wins over kvBytesPerToken. */
  kvLayout?: KvLayout;
  /** KV cache type the server is set to; f16 by default. */
  kvCacheType?: KvCacheType;
  /** Where each number came from ("catalog", "Ollama /api/show", "GGUF header of …"). */
  sources?: FitEstimate['sources'];
  /** Bytes read per token for the weights: active params × bits / 8, in GB. */
  activeWeightsGB?: number;
  maxContext?: number;
  context: number;
  /** Usable accelerator memory, all nodes together. */
  usableGB: number;
  /** System RAM a layer split can spill into; 0 on unified memory. */
  offloadPoolGB: number;
  /** Bandwidth of the slowest device a token passes through. */
  bandwidthGBps?: number;
  aggressive: boolean;
  small?: boolean;
  userSize?: boolean;
}

const round1 = (n: number): number => Math.round(n * 10) / 10;
/** Same rounding as the text report: whole GB from 100 up. */
const fmtGB = (n: number): string => String(n >= 100 ? Math.round(n) : round1(n));

function decodeRate(bandwidthGBps: number, activeGB: number, kvPerToken: number, context: number): number {
  const perToken = activeGB + (kvPerToken * context) / GB;
  const rate = (DECODE_EFFICIENCY * bandwidthGBps) / perToken;
  return rate >= 10 ? Math.round(rate) : round1(rate);
}

/** Largest context (multiple of 1024) whose total stays within the headroom; 0 if even the weights do not. */
export function maxContextThatFits(
  weightsGB: number,
  kv: KvSpec,
  usableGB: number,
  cap: number,
  cacheType: KvCacheType = 'f16',
): number {
  return contextThatFits({weightsGB, kv, usableGB, cap, cacheType});
}

export function estimateFit(input: FitInput): FitEstimate {
  const context = Math.max(1, Math.floor(input.context));
  const weights = input.weightsGB;
  const cacheType = input.kvCacheType ?? 'f16';
  const layout = input.kvLayout ?? (input.kvBytesPerToken ? gqaLayout(1, 1, input.kvBytesPerToken / 4) : undefined);
  const kvKnown = layout !== undefined && kvCacheBytes(layout, 1_000_000) > 0;
  const kv = kvKnown ? kvGBAt(layout, context, cacheType) : 0;
  // A block-quantized cache adds a context-sized dequantization scratch to the compute buffers.
  const scratch = kvKnown ? quantScratchBytes(layout!, context, cacheType) / GB : 0;
  const overhead = overheadGB(weights) + scratch;
  const total = weights + kv + overhead;
  const usable = Math.max(0, input.usableGB);
  const cap = Math.max(context, 1);
  const maxCtx = contextThatFits({
    weightsGB: weights,
    kv: kvKnown ? layout : undefined,
    usableGB: usable,
    cap: Math.min(cap, input.maxContext ?? cap),
    cacheType,
  });
  const notes: string[] = [];

  let verdict: FitVerdict;
  if (usable > 0 && total <= FIT_HEADROOM * usable) verdict = 'fits';
  else if (kvKnown && maxCtx >= MIN_USEFUL_CONTEXT && maxCtx < context) verdict = 'reduced-context';
  else if (total <= usable + Math.max(0, input.offloadPoolGB)) verdict = 'offload';
  else verdict = 'does-not-fit';

  if (!kvKnown)
    notes.push(
      'KV cache not counted: the architecture of this model is unknown; budget extra memory for long contexts.',
    );
  if (input.maxContext !== undefined && context > input.maxContext) {
    notes.push(`context ${fmt(context)} is above the model's native ${fmt(input.maxContext)}.`);
  }
  if (verdict === 'reduced-context') {
    notes.push(
      `cap the context at ${fmt(maxCtx)} tokens (contextWindow and the server's loaded context) to stay on the accelerator.`,
    );
  }
  if (verdict === 'offload' && total <= usable) {
    // Within usable memory but without the 10% headroom: a small spill, not most of the model.
    notes.push(
      `needs ${fmtGB(total)} of ${fmtGB(usable)} GB usable (over 90%, no headroom): ${
        input.offloadPoolGB > 0
          ? 'expect some layers in system RAM (slower)'
          : 'it may fail to load or run out of memory at long contexts'
      }; a smaller build or context leaves headroom.`,
    );
  } else if (verdict === 'offload') {
    notes.push('fits only by spilling layers into system RAM: expect a few tokens per second at best.');
  }
  if (kvKnown && cacheType === 'f16' && (verdict === 'reduced-context' || kv > 0.25 * total)) {
    const top = input.maxContext ?? cap;
    const q8 = contextThatFits({weightsGB: weights, kv: layout, usableGB: usable, cap: top, cacheType: 'q8_0'});
    const f16 = contextThatFits({weightsGB: weights, kv: layout, usableGB: usable, cap: top, cacheType: 'f16'});
    notes.push(
      `a q8_0 KV cache (llama.cpp --cache-type-k/v q8_0 with -fa on, OLLAMA_KV_CACHE_TYPE=q8_0 with OLLAMA_FLASH_ATTENTION=1, vLLM --kv-cache-dtype fp8) about halves the KV cache${q8 > f16 ? `: up to ${fmt(q8)} tokens would fit` : ''}.`,
    );
  }
  if (scratch >= 0.05) {
    notes.push(
      `a ${cacheType} KV cache adds a ${round1(scratch)} GB dequantization buffer at this context (counted in the overhead); llama.cpp quantizes V only with flash attention (-fa), Ollama only with OLLAMA_FLASH_ATTENTION=1.`,
    );
  }
  if (input.aggressive) {
    notes.push(
      input.small
        ? 'small checkpoint: raises prompt-injection risk; keep tools and untrusted input limited.'
        : 'aggressively quantized (≤3-bit): raises prompt-injection risk; not recommended.',
    );
  }

  let tokensPerSecond: FitEstimate['tokensPerSecond'];
  if ((verdict === 'fits' || verdict === 'reduced-context') && input.bandwidthGBps && input.activeWeightsGB) {
    const atCtx = verdict === 'fits' ? context : maxCtx;
    const kvPerToken = kvKnown ? (kvGBAt(layout, atCtx, cacheType) * GB) / Math.max(1, atCtx) : 0;
    const low = decodeRate(input.bandwidthGBps, input.activeWeightsGB, kvPerToken, atCtx);
    const high = decodeRate(input.bandwidthGBps, input.activeWeightsGB, kvPerToken, Math.min(SHORT_CONTEXT, atCtx));
    tokensPerSecond = {
      low,
      high,
      basis: `${DECODE_EFFICIENCY} × ${input.bandwidthGBps} GB/s ÷ (${round1(input.activeWeightsGB)} GB active weights + KV read per token), ${fmt(atCtx)} → ${fmt(Math.min(SHORT_CONTEXT, atCtx))} tokens of context; prefill (time to first token) is slower, especially on Macs`,
    };
  } else if ((verdict === 'fits' || verdict === 'reduced-context') && !input.bandwidthGBps) {
    notes.push('no tokens-per-second estimate: memory bandwidth of this hardware is unknown.');
  }

  // How the KV part changes with the context: 32K, 64K, 128K and the model's maximum (or the context asked for).
  const top = input.maxContext ?? context;
  const ladder = [...KV_LADDER.filter((c) => c < top), top];
  const kvAt: KvAtContext[] = kvKnown
    ? ladder.map((c) => {
        const k = kvGBAt(layout, c, cacheType);
        const t = weights + k + overheadGB(weights) + quantScratchBytes(layout!, c, cacheType) / GB;
        return {context: c, kvCacheGB: round1(k), totalGB: round1(t), fits: usable > 0 && t <= FIT_HEADROOM * usable};
      })
    : [];

  return {
    model: input.model,
    build: input.build,
    ...(input.modelLabel ? {modelLabel: input.modelLabel} : {}),
    ...(input.buildLabel ? {buildLabel: input.buildLabel} : {}),
    weightsGB: round1(weights),
    kvCacheGB: round1(kv),
    overheadGB: round1(overhead),
    totalGB: round1(total),
    usableGB: round1(usable),
    context,
    verdict,
    maxContextThatFits: maxCtx,
    ...(tokensPerSecond ? {tokensPerSecond} : {}),
    aggressiveQuantization: input.aggressive,
    notes,
    ...(input.userSize ? {userSize: true} : {}),
    offloadPoolGB: round1(Math.max(0, input.offloadPoolGB)),
    kvCacheType: cacheType,
    ...(kvKnown ? {kvArchitecture: layout!.architecture, kvLayout: describeLayout(layout!)} : {}),
    kvAt,
    ...(input.sources ? {sources: input.sources} : {}),
  };
}
