/**
 * KV-cache sizing by attention architecture, the way the servers allocate it.
 * Pure arithmetic; every formula names its source.
 *
 * A layout is a list of layer groups. A group's layers store `kElements` +
 * `vElements` per token; a group with a `window` (sliding-window attention)
 * holds at most that many tokens, not the whole context. Linear-attention and
 * SSM layers hold no per-token cache but a fixed state (`stateBytes`, f32, per
 * sequence).
 */

export type KvArchitecture = 'gqa' | 'mla' | 'sliding-window' | 'hybrid-linear';

export interface KvLayerGroup {
  layers: number;
  /** Elements of K cached per token per layer (kv_heads × key_length; MLA: kv_lora_rank + rope dims). */
  kElements: number;
  /** Elements of V per token per layer (0 for MLA: llama.cpp reads V from the latent in K). */
  vElements: number;
  /** Sliding-window attention: tokens this layer keeps at most. */
  window?: number;
}

export interface KvLayout {
  architecture: KvArchitecture;
  groups: KvLayerGroup[];
  /** Fixed recurrent state of linear-attention / SSM layers, bytes per sequence (f32). */
  stateBytes?: number;
  /** Hidden size (n_embd): sizes the dequantization scratch a quantized cache needs. */
  embeddingLength?: number;
}

/**
 * Bytes per element of each KV cache type. ggml block sizes (ggml/src/ggml-common.h): q8_0 stores 32 values in
 * 34 bytes, q4_0 in 18, q4_1 in 20, q5_0 in 22, q5_1 in 24, iq4_nl in 18. llama.cpp sets them with
 * `--cache-type-k/-v`; Ollama with OLLAMA_KV_CACHE_TYPE (f16, q8_0, q4_0; only with flash attention, ollama
 * docs/faq.md "How can I set the quantization type for the K/V cache?"); vLLM `--kv-cache-dtype fp8` is 1 byte.
 */
export const KV_CACHE_TYPES = {
  f32: 4,
  f16: 2,
  bf16: 2,
  q8_0: 34 / 32,
  q5_1: 24 / 32,
  q5_0: 22 / 32,
  q4_1: 20 / 32,
  q4_0: 18 / 32,
  iq4_nl: 18 / 32,
  fp8: 1,
} as const;

export type KvCacheType = keyof typeof KV_CACHE_TYPES;

export function isKvCacheType(s: unknown): s is KvCacheType {
  return typeof s === 'string' && Object.hasOwn(KV_CACHE_TYPES, s);
}

/** Reads "Q8_0", "q8", "fp8_e4m3", "f16" the way servers and users write them; undefined when unknown. */
export function parseKvCacheType(raw: string | undefined): KvCacheType | undefined {
  if (!raw) return undefined;
  const s = raw.trim().toLowerCase();
  if (isKvCacheType(s)) return s;
  if (s === 'q8') return 'q8_0';
  if (s === 'q4') return 'q4_0';
  if (s === 'fp16' || s === 'float16' || s === 'half') return 'f16';
  if (s === 'bfloat16') return 'bf16';
  if (/^fp8(_e[45]m[23])?$/.test(s)) return 'fp8';
  return undefined;
}

/**
 * llama.cpp's iSWA cache gives sliding-window layers min(n_ctx, pad(n_swa + n_ubatch, 256)) cells
 * (ggml-org/llama.cpp src/llama-kv-cache-iswa.cpp, size_swa; n_ubatch defaults to 512).
 */
const SWA_UBATCH = 512;
export function windowCells(window: number, context: number): number {
  return Math.min(context, Math.ceil((window + SWA_UBATCH) / 256) * 256);
}

/**
 * Full attention with GQA: every layer caches K and V for kv_heads × head_dim per token
 * (llama.cpp llama_hparams::n_embd_k_gqa / n_embd_v_gqa; the "2 × layers × kv_heads × head_dim × bytes" of
 * llmfit issue 418). MiniMax M2.x: 62 × 8 × 128.
 */
export function gqaLayout(layers: number, kvHeads: number, headDim: number, valueDim = headDim): KvLayout {
  return {architecture: 'gqa', groups: [{layers, kElements: kvHeads * headDim, vElements: kvHeads * valueDim}]};
}

/**
 * Multi-head latent attention (DeepSeek V2/V3/V3.2, Kimi K2/K2.5, GLM-5): one compressed latent of
 * kv_lora_rank + qk_rope_head_dim values per layer and token, K only; llama.cpp keeps no separate V for MLA
 * (unslothai/unsloth PR 4757: "K-only cache using compressed KV latent + RoPE; no separate V allocation").
 */
export function mlaLayout(layers: number, kvLoraRank: number, ropeDim: number): KvLayout {
  return {architecture: 'mla', groups: [{layers, kElements: kvLoraRank + ropeDim, vElements: 0}]};
}

/**
 * Alternating sliding-window and full attention (gpt-oss: every other layer, window 128; Gemma 2: 1 of 2;
 * Gemma 3: 1 full in 6, window 1024; ggml-org/llama.cpp src/llama-model.cpp set_swa_pattern per architecture).
 */
export function slidingWindowLayout(
  fullLayers: number,
  windowLayers: number,
  window: number,
  kvHeads: number,
  headDim: number,
  windowKvHeads = kvHeads,
  windowHeadDim = headDim,
): KvLayout {
  return {
    architecture: 'sliding-window',
    groups: [
      {layers: fullLayers, kElements: kvHeads * headDim, vElements: kvHeads * headDim},
      {
        layers: windowLayers,
        kElements: windowKvHeads * windowHeadDim,
        vElements: windowKvHeads * windowHeadDim,
        window,
      },
    ],
  };
}

/**
 * Recurrent state of one Gated-DeltaNet / Mamba-2 layer in llama.cpp (llama_hparams::n_embd_r and n_embd_s,
 * kept in f32 by llama_memory_recurrent): conv state (d_conv − 1) × (d_inner + 2 × n_group × d_state) plus
 * the SSM state d_state × d_inner.
 */
export function recurrentStateBytesPerLayer(s: {
  convKernel: number;
  innerSize: number;
  groupCount: number;
  stateSize: number;
}): number {
  const conv = Math.max(0, s.convKernel - 1) * (s.innerSize + 2 * s.groupCount * s.stateSize);
  return (conv + s.stateSize * s.innerSize) * 4;
}

/**
 * Hybrid linear attention (Qwen3-Next, Qwen3.5/3.6: 3 Gated-DeltaNet layers to 1 full-attention layer):
 * only the full-attention layers grow with the context (llama.cpp `full_attention_interval`; llmfit issue 951).
 */
export function hybridLinearLayout(fullLayers: number, kvHeads: number, headDim: number, stateBytes: number): KvLayout {
  return {
    architecture: 'hybrid-linear',
    groups: [{layers: fullLayers, kElements: kvHeads * headDim, vElements: kvHeads * headDim}],
    stateBytes,
  };
}

/** Bytes the cache of `layout` takes at `context` tokens with this cache type (one sequence). */
export function kvCacheBytes(layout: KvLayout, context: number, cacheType: KvCacheType = 'f16'): number {
  const ctx = Math.max(0, Math.floor(context));
  const bpe = KV_CACHE_TYPES[cacheType];
  let bytes = 0;
  for (const g of layout.groups) {
    const cells = g.window !== undefined ? windowCells(g.window, ctx) : ctx;
    bytes += g.layers * (g.kElements + g.vElements) * cells * bpe;
  }
  return bytes + (layout.stateBytes ?? 0);
}

/** True for the block-quantized cache types (they need a dequantization scratch); f16/bf16/f32/fp8 do not. */
export function isQuantizedCache(t: KvCacheType): boolean {
  return t === 'q8_0' || t === 'q5_1' || t === 'q5_0' || t === 'q4_1' || t === 'q4_0' || t === 'iq4_nl';
}

/**
 * Extra compute buffer of a block-quantized cache: a context-sized dequantization scratch of about 2.25 × n_embd
 * bytes per token for regular attention (unslothai/unsloth PR 6718, measured: Qwen3.5-4B at 256K, 1.30 GiB
 * compute at q8_0 vs 0.31 GiB at f16; PR 9525: q4_0 "adds 2.44 GB of dequant scratch" to Qwen3.8-27B at 262,144).
 * 0 for f16/fp8 caches, for MLA, and when the hidden size is unknown.
 */
export function quantScratchBytes(layout: KvLayout, context: number, cacheType: KvCacheType): number {
  if (!isQuantizedCache(cacheType) || layout.architecture === 'mla' || !layout.embeddingLength) return 0;
  return 2.25 * layout.embeddingLength * Math.max(0, Math.floor(context));
}

/** Bytes per token of the layers that grow with the context, at f16 (what the catalog calls kvBytesPerToken). */
export function growingBytesPerToken(layout: KvLayout, cacheType: KvCacheType = 'f16'): number {
  const bpe = KV_CACHE_TYPES[cacheType];
  return layout.groups
    .filter((g) => g.window === undefined)
    .reduce((s, g) => s + g.layers * (g.kElements + g.vElements) * bpe, 0);
}

/** Largest context whose cache (and a quantized cache's scratch) fits in `bytes`, capped at `cap`; 0 when none. */
export function contextForKvBytes(
  layout: KvLayout,
  bytes: number,
  cap: number,
  cacheType: KvCacheType = 'f16',
): number {
  const need = (c: number): number => kvCacheBytes(layout, c, cacheType) + quantScratchBytes(layout, c, cacheType);
  if (need(cap) <= bytes) return cap;
  if (need(1) > bytes) return 0;
  // Monotonic in the context: bisect.
  let lo = 1;
  let hi = cap;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (need(mid) <= bytes) lo = mid;
    else hi = mid;
  }
  return lo;
}

/** One line for notes: "MLA, 61 layers × 576 values (K only)". */
export function describeLayout(layout: KvLayout): string {
  const full = layout.groups.filter((g) => g.window === undefined).reduce((s, g) => s + g.layers, 0);
  const win = layout.groups.filter((g) => g.window !== undefined);
  switch (layout.architecture) {
    case 'mla':
      return `MLA: ${full} layers × ${layout.groups[0]?.kElements ?? 0} latent values per token (K only)`;
    case 'sliding-window':
      return `${full} full-attention layers grow with the context; ${win.reduce((s, g) => s + g.layers, 0)} sliding-window layers keep ${win[0]?.window ?? 0} tokens`;
    case 'hybrid-linear':
      return `hybrid: only ${full} full-attention layers grow with the context; linear layers keep a fixed ${Math.round(((layout.stateBytes ?? 0) / 1048576) * 10) / 10} MiB state`;
    default: {
      const g = layout.groups[0];
      return `full attention: ${full} layers × ${g ? g.kElements + g.vElements : 0} K+V values per token`;
    }
  }
}
