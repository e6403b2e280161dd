/**
 * Will a model fit: weights + KV cache at the context + overhead against the
 * usable accelerator memory, and how fast it would decode. Pure arithmetic.
 */
import type {FitEstimate, FitVerdict} from './types.js';
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

export interface FitInput {
  model: string;
  modelLabel?: string;
  build: string;
  buildLabel?: string;
  weightsGB: number;
  /** undefined: architecture unknown, KV not counted (said in the notes). */
  kvBytesPerToken?: number;
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
export function maxContextThatFits(weightsGB: number, kvBytesPerToken: number | undefined, usableGB: number, cap: number): number {
  const room = FIT_HEADROOM * usableGB - weightsGB - overheadGB(weightsGB);
  if (room <= 0) return 0;
  if (!kvBytesPerToken) return cap;
  const tokens = Math.floor((room * GB) / kvBytesPerToken);
  // The cap itself (the context asked for) may be no multiple of 1024: when it fits, it is the answer, not the 1024 below it.
  if (tokens >= cap) return cap;
  return Math.max(0, Math.floor(tokens / 1024) * 1024);
}

export function estimateFit(input: FitInput): FitEstimate {
  const context = Math.max(1, Math.floor(input.context));
  const weights = input.weightsGB;
  const kvKnown = input.kvBytesPerToken !== undefined && input.kvBytesPerToken > 0;
  const kv = kvKnown ? kvCacheGB(input.kvBytesPerToken!, context) : 0;
  const overhead = overheadGB(weights);
  const total = weights + kv + overhead;
  const usable = Math.max(0, input.usableGB);
  const cap = Math.max(context, 1);
  const maxCtx = maxContextThatFits(weights, input.kvBytesPerToken, usable, Math.min(cap, input.maxContext ?? cap));
  const notes: string[] = [];

  let verdict: FitVerdict;
  if (usable > 0 && total <= FIT_HEADROOM * usable) verdict = 'fits';
  else if (kvKnown && maxCtx >= MIN_USEFUL_CONTEXT && maxCtx < context) verdict = 'reduced-context';
  else if (total <= usable + Math.max(0, input.offloadPoolGB)) verdict = 'offload';
  else verdict = 'does-not-fit';

  if (!kvKnown) notes.push('KV cache not counted: the architecture of this model is unknown; budget extra memory for long contexts.');
  if (input.maxContext !== undefined && context > input.maxContext) {
    notes.push(`context ${fmt(context)} is above the model's native ${fmt(input.maxContext)}.`);
  }
  if (verdict === 'reduced-context') {
    notes.push(`cap the context at ${fmt(maxCtx)} tokens (contextWindow and the server's loaded context) to stay on the accelerator.`);
  }
  if (verdict === 'offload' && total <= usable) {
    // Within usable memory but without the 10% headroom: a small spill, not most of the model.
    notes.push(
      `needs ${fmtGB(total)} of ${fmtGB(usable)} GB usable (over 90%, no headroom): ${
        input.offloadPoolGB > 0 ? 'expect some layers in system RAM (slower)' : 'it may fail to load or run out of memory at long contexts'
      }; a smaller build or context leaves headroom.`,
    );
  } else if (verdict === 'offload') {
    notes.push('fits only by spilling layers into system RAM: expect a few tokens per second at best.');
  }
  if (kvKnown && (verdict === 'reduced-context' || kv > 0.25 * total)) {
    notes.push('a q8_0 KV cache (llama.cpp --cache-type-k/v q8_0, vLLM --kv-cache-dtype fp8) roughly halves the KV cache.');
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
    const kvPerToken = kvKnown ? input.kvBytesPerToken! : 0;
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
  };
}
