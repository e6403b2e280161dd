/**
 * A model's geometry as read from where it lives: GGUF metadata (a local file
 * header, or Ollama's /api/show `model_info`, which carries the same keys),
 * llama.cpp's /v1/models meta, LM Studio's model list. Pure; every field is
 * range-checked, and every geometry says where it came from.
 */
import {gqaLayout, mlaLayout, recurrentStateBytesPerLayer, type KvLayerGroup, type KvLayout} from './kv.js';

export interface ModelGeometry {
  /** Where the numbers came from, e.g. "Ollama /api/show", "GGUF header of model.gguf". */
  source: string;
  architecture?: string;
  /** Name the file or server gives (general.name). */
  name?: string;
  /** Bytes of the weights (file size, Ollama size, LM Studio size_bytes). */
  weightsBytes?: number;
  totalParams?: number;
  /** MoE: parameters read per token (decode speed). */
  activeParams?: number;
  /** Quantization as named there ("Q4_K_M", "MXFP4"). */
  quantization?: string;
  /** Trained context (`<arch>.context_length`, n_ctx_train, max_context_length). */
  contextLength?: number;
  /** How the KV cache grows; undefined when the source does not say. */
  kv?: KvLayout;
  /** Caveats about this geometry (shown in the notes). */
  notes?: string[];
}

const MAX_LAYERS = 4096;

/** Names from files and servers reach terminals: no control characters, bounded length. */
function clean(v: unknown, max: number): string | undefined {
  if (typeof v !== 'string') return undefined;
  const s = v
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, '')
    .trim()
    .slice(0, max);
  return s === '' ? undefined : s;
}
const MAX_HEADS = 65_536;
const MAX_DIM = 1 << 20;
const MAX_CONTEXT = 100_000_000;
const MAX_PARAMS = 1e14;

/** A positive integer within [1, max], else undefined. */
function int(v: unknown, max: number): number | undefined {
  const n = typeof v === 'bigint' ? Number(v) : v;
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 1 && n <= max ? n : undefined;
}

/** A non-negative integer array (per-layer head counts), else undefined. */
function intArray(v: unknown, max: number, maxLen: number): number[] | undefined {
  if (!Array.isArray(v) || v.length === 0 || v.length > maxLen) return undefined;
  const out: number[] = [];
  for (const x of v) {
    const n = typeof x === 'bigint' ? Number(x) : x;
    if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0 || n > max) return undefined;
    out.push(n);
  }
  return out;
}

function boolArray(v: unknown, maxLen: number): boolean[] | undefined {
  if (!Array.isArray(v) || v.length === 0 || v.length > maxLen || !v.every((x) => typeof x === 'boolean'))
    return undefined;
  return v as boolean[];
}

/**
 * Architectures whose sliding-window layers llama.cpp sets by a fixed pattern when the GGUF has no per-layer
 * array (ggml-org/llama.cpp src/llama-model.cpp, hparams.set_swa_pattern): 1 full-attention layer every N.
 */
// Ollama's own converter names gpt-oss "gptoss" (ollama model/models/gptoss).
const SWA_PATTERN: Record<string, number> = {'gpt-oss': 2, gptoss: 2, gemma2: 2, gemma3: 6, cohere2: 4, gemma3n: 5};

export interface GgufMetaOptions {
  source: string;
  weightsBytes?: number;
  /** Tensor-derived counts from a GGUF header, when read. */
  totalParams?: number;
  expertParams?: number;
  quantization?: string;
}

/**
 * Geometry from GGUF key/values (`general.architecture`, `<arch>.block_count`, `<arch>.attention.*` …).
 * Ollama's /api/show `model_info` is the same map (ollama docs/api.md, "Show Model Information").
 */
export function geometryFromGgufMetadata(meta: Record<string, unknown>, opts: GgufMetaOptions): ModelGeometry {
  const arch = clean(meta['general.architecture'], 64);
  const k = (key: string): unknown => (arch ? meta[`${arch}.${key}`] : undefined);
  const notes: string[] = [];
  const layers = int(k('block_count'), MAX_LAYERS);
  const heads =
    int(k('attention.head_count'), MAX_HEADS) ??
    intArray(k('attention.head_count'), MAX_HEADS, MAX_LAYERS)?.find((n) => n > 0);
  const embd = int(k('embedding_length'), MAX_DIM);
  const kvScalar = int(k('attention.head_count_kv'), MAX_HEADS);
  const kvPerLayer = intArray(k('attention.head_count_kv'), MAX_HEADS, MAX_LAYERS);
  // key_length/value_length default to n_embd / n_head (llama.cpp llama_model::load_hparams).
  const keyLen = int(k('attention.key_length'), MAX_DIM) ?? (embd && heads ? Math.floor(embd / heads) : undefined);
  const valueLen = int(k('attention.value_length'), MAX_DIM) ?? keyLen;
  const kvLoraRank = int(k('attention.kv_lora_rank'), MAX_DIM);
  const ropeDim = int(k('rope.dimension_count'), MAX_DIM);
  const window = int(k('attention.sliding_window'), MAX_CONTEXT);
  const fullInterval = int(k('full_attention_interval'), MAX_LAYERS);
  const contextLength = int(k('context_length'), MAX_CONTEXT);

  let kv: KvLayout | undefined;
  if (layers) {
    // Per layer: how many KV heads (0 = no attention cache: a linear/SSM layer), and whether it is windowed.
    let kvHeads: number[] | undefined;
    if (kvPerLayer && kvPerLayer.length === layers) kvHeads = kvPerLayer;
    else if (kvScalar) kvHeads = new Array<number>(layers).fill(kvScalar);
    else if (heads) kvHeads = new Array<number>(layers).fill(heads); // no head_count_kv: plain multi-head attention
    if (kvHeads && fullInterval && fullInterval > 1) {
      // Qwen3-Next / Qwen3.5: layer i is recurrent unless (i + 1) % interval == 0 (llama.cpp recurrent_layer_arr).
      kvHeads = kvHeads.map((n, i) => ((i + 1) % fullInterval === 0 ? n : 0));
    }
    const pattern = k('attention.sliding_window_pattern');
    let windowed: boolean[] | undefined;
    if (window && kvHeads) {
      const perLayer = boolArray(pattern, MAX_LAYERS);
      const n = int(pattern, MAX_LAYERS) ?? (arch ? SWA_PATTERN[arch] : undefined);
      if (perLayer && perLayer.length === layers) windowed = perLayer;
      // llama.cpp set_swa_pattern(n): layer il is sliding when il % n < n − 1.
      else if (n) windowed = kvHeads.map((_, i) => i % n < n - 1);
      else if (window < (contextLength ?? Infinity))
        notes.push(`sliding window ${window} without a layer pattern: counted as full attention`);
    }
    if (kvLoraRank && ropeDim) {
      const mlaLayers = kvHeads ? kvHeads.filter((n) => n > 0).length : layers;
      kv = mlaLayout(mlaLayers, kvLoraRank, ropeDim);
    } else if (kvHeads && keyLen && valueLen) {
      const groups = new Map<string, KvLayerGroup>();
      kvHeads.forEach((n, i) => {
        if (n === 0) return;
        const w = windowed?.[i] ? window : undefined;
        const key = `${n}:${w ?? ''}`;
        const g = groups.get(key);
        if (g) g.layers += 1;
        else groups.set(key, {layers: 1, kElements: n * keyLen, vElements: n * valueLen, ...(w ? {window: w} : {})});
      });
      const recurrentLayers = kvHeads.filter((n) => n === 0).length;
      const gs = [...groups.values()];
      if (recurrentLayers > 0) {
        const conv = int(k('ssm.conv_kernel'), 64);
        const inner = int(k('ssm.inner_size'), MAX_DIM);
        const state = int(k('ssm.state_size'), MAX_DIM);
        const group = int(k('ssm.group_count'), MAX_HEADS) ?? 1;
        const perLayer =
          conv && inner && state
            ? recurrentStateBytesPerLayer({convKernel: conv, innerSize: inner, groupCount: group, stateSize: state})
            : undefined;
        if (perLayer === undefined)
          notes.push(`${recurrentLayers} linear-attention layers: their fixed state is not counted (no ssm.* sizes)`);
        kv = {architecture: 'hybrid-linear', groups: gs, ...(perLayer ? {stateBytes: perLayer * recurrentLayers} : {})};
      } else if (gs.some((g) => g.window !== undefined)) {
        kv = {architecture: 'sliding-window', groups: gs};
      } else if (gs.length === 1) {
        kv = gqaLayout(gs[0].layers, kvHeads.find((n) => n > 0)!, keyLen, valueLen);
      } else {
        kv = {architecture: 'gqa', groups: gs};
      }
    }
  }

  if (kv && embd) kv = {...kv, embeddingLength: embd};
  const totalParams =
    int(meta['general.parameter_count'], MAX_PARAMS) ??
    (opts.totalParams && opts.totalParams <= MAX_PARAMS ? opts.totalParams : undefined);
  const activeParams = activeFromExperts(meta, arch, totalParams, opts.expertParams, layers, embd);
  const name = clean(meta['general.name'], 120);
  return strip({
    source: opts.source,
    architecture: arch,
    name,
    // More than a petabyte is no model file: a broken or hostile header.
    weightsBytes:
      opts.weightsBytes !== undefined && opts.weightsBytes > 0 && opts.weightsBytes <= 1e15
        ? opts.weightsBytes
        : undefined,
    totalParams,
    activeParams,
    quantization: clean(opts.quantization, 32) ?? fileTypeName(meta['general.file_type']),
    contextLength,
    kv,
    notes: notes.length ? notes : undefined,
  });
}

/**
 * MoE active parameters: total minus the experts a token does not use. From the header's expert tensors when
 * known; otherwise from the sizes in the metadata (3 matrices of embedding × expert_feed_forward_length per expert
 * per MoE layer). Dense models: undefined (the total is what is read).
 */
function activeFromExperts(
  meta: Record<string, unknown>,
  arch: string | undefined,
  total: number | undefined,
  expertParamsFromTensors: number | undefined,
  layers: number | undefined,
  embd: number | undefined,
): number | undefined {
  if (!arch || !total) return undefined;
  const count = int(meta[`${arch}.expert_count`], 100_000);
  const used = int(meta[`${arch}.expert_used_count`], 100_000);
  if (!count || !used || used >= count) return undefined;
  let expertParams = expertParamsFromTensors;
  if (expertParams === undefined) {
    const ff = int(meta[`${arch}.expert_feed_forward_length`], MAX_DIM);
    const dense = int(meta[`${arch}.leading_dense_block_count`], MAX_LAYERS) ?? 0;
    if (!ff || !layers || !embd) return undefined;
    expertParams = Math.max(0, layers - dense) * count * 3 * embd * ff;
  }
  const active = total - expertParams * (1 - used / count);
  return active > 0 && active < total ? Math.round(active) : undefined;
}

/** llama.cpp `enum llama_ftype` (include/llama.h) for the common file types. */
const FILE_TYPES: Record<number, string> = {
  0: 'F32',
  1: 'F16',
  2: 'Q4_0',
  3: 'Q4_1',
  7: 'Q8_0',
  8: 'Q5_0',
  9: 'Q5_1',
  10: 'Q2_K',
  11: 'Q3_K_S',
  12: 'Q3_K_M',
  13: 'Q3_K_L',
  14: 'Q4_K_S',
  15: 'Q4_K_M',
  16: 'Q5_K_S',
  17: 'Q5_K_M',
  18: 'Q6_K',
  19: 'IQ2_XXS',
  20: 'IQ2_XS',
  21: 'Q2_K_S',
  22: 'IQ3_XS',
  23: 'IQ3_XXS',
  24: 'IQ1_S',
  25: 'IQ4_NL',
  26: 'IQ3_S',
  27: 'IQ3_M',
  28: 'IQ2_S',
  29: 'IQ2_M',
  30: 'IQ4_XS',
  31: 'IQ1_M',
  32: 'BF16',
  36: 'TQ1_0',
  37: 'TQ2_0',
  38: 'MXFP4',
};

export function fileTypeName(v: unknown): string | undefined {
  const n = int(v, 1000) ?? (v === 0 ? 0 : undefined);
  return n === undefined ? undefined : FILE_TYPES[n];
}

function strip<T extends object>(o: T): T {
  for (const key of Object.keys(o) as (keyof T)[]) if (o[key] === undefined) delete o[key];
  return o;
}

/** llama.cpp /v1/models `meta` (n_params, n_ctx_train, size): weights and context, no layer layout. */
export function geometryFromLlamaCppMeta(
  meta: Record<string, unknown> | undefined,
  source = 'llama.cpp /v1/models meta',
): ModelGeometry | undefined {
  if (!meta) return undefined;
  const weightsBytes = int(meta.size, 1e15);
  const totalParams = int(meta.n_params, MAX_PARAMS);
  const contextLength = int(meta.n_ctx_train, MAX_CONTEXT);
  if (!weightsBytes && !totalParams) return undefined;
  return strip({source, weightsBytes, totalParams, contextLength});
}

/** LM Studio's model list (/api/v1/models): architecture, quantization, size_bytes, max_context_length. */
export function geometryFromLmStudio(
  m: {architecture?: unknown; quantization?: unknown; sizeBytes?: unknown; maxContext?: unknown},
  source = 'LM Studio /api/v1/models',
): ModelGeometry | undefined {
  const weightsBytes = int(m.sizeBytes, 1e15);
  if (!weightsBytes) return undefined;
  return strip({
    source,
    architecture: clean(m.architecture, 64),
    weightsBytes,
    quantization: clean(m.quantization, 32),
    contextLength: int(m.maxContext, MAX_CONTEXT),
  });
}
