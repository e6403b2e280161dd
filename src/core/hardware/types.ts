import type {ModelGeometry} from './geometry.js';
import type {KvArchitecture, KvCacheType, KvLayout} from './kv.js';

/**
 * Types of the pure hardware verdicts (tiers, catalog, fit, recommendation),
 * re-exported from src/core/hardware.ts.
 */

export type TierId = 'hosted-only' | 'light' | 'mid' | 'quantized-minimax' | 'full-size' | 'aim-high';

export interface Tier {
  id: TierId;
  label: string;
  /** One or two sentences in the guide's words. */
  summary: string;
  /** Lowest usable accelerator memory (GB) of this tier; the next tier starts where this one ends. */
  minGB?: number;
}

export interface ModelBuild {
  id: string; // e.g. "mlx-4bit-gs32"
  label: string; // "MLX 4-bit gs32"
  bitsPerWeight: number;
  weightsGB: number;
  /** ≤3-bit or small/mini checkpoint: higher prompt-injection risk. */
  aggressive: boolean;
  /** 'mlx' builds run on Apple Silicon; 'gguf' in llama.cpp/LM Studio/Ollama; 'hf' in vLLM/SGLang. */
  format?: 'mlx' | 'gguf' | 'hf';
  /** Where the size comes from: "measured", "document" or "computed" (params × bpw / 8). */
  sizeBasis?: 'measured' | 'document' | 'computed';
}

export interface CatalogModel {
  id: string; // "minimax-m2.1"
  label: string;
  totalParamsB: number;
  activeParamsB: number;
  /** KV cache bytes per token at f16 (the layers that grow with the context). */
  kvBytesPerToken: number;
  /** How the cache grows by architecture (sliding-window, MLA, hybrid); wins over kvBytesPerToken. */
  kv?: KvLayout;
  /** Where the geometry and context figures come from. */
  sources?: string[];
  maxContext: number;
  builds: ModelBuild[];
  small: boolean;
  /** Build used when an id names the model but not the quantization. */
  defaultBuild?: string;
  /** Hugging Face org of the official release and the build it ships ("minimaxai" → "fp8"). */
  official?: {org: string; build: string};
  /** Caveats about the numbers (unverified layouts, context variants). */
  notes?: string[];
}

export interface ModelMatch {
  model: CatalogModel;
  build: ModelBuild;
  /** How sure the id mapping is. */
  confidence: 'exact' | 'likely' | 'default-build';
  /** Why the mapping is not exact (shown to the user). */
  note?: string;
}

export type FitVerdict = 'fits' | 'reduced-context' | 'offload' | 'does-not-fit';

export interface FitEstimate {
  model: string;
  build: string;
  weightsGB: number;
  kvCacheGB: number;
  overheadGB: number;
  totalGB: number;
  usableGB: number;
  context: number;
  verdict: FitVerdict;
  maxContextThatFits: number;
  /** Decode estimate at that context; range low..high when known. */
  tokensPerSecond?: {low: number; high: number; basis: string};
  aggressiveQuantization: boolean;
  notes: string[];
  /** True when the size came from --model-size-gb rather than the catalog. */
  userSize?: boolean;
  /** Human labels for display ("MiniMax M2.1", "MLX 4-bit gs32"). */
  modelLabel?: string;
  buildLabel?: string;
  /** Memory a layer split may spill into system RAM (GB); 0 on unified memory. */
  offloadPoolGB?: number;
  /** KV cache type the estimate assumes (f16 unless the server is set otherwise). */
  kvCacheType?: KvCacheType;
  /** Attention architecture the KV cache was sized by. */
  kvArchitecture?: KvArchitecture;
  /** One line on how the KV cache grows ("MLA: 61 layers × 576 latent values per token (K only)"). */
  kvLayout?: string;
  /** The KV cache and total at 32K / 64K / 128K / the maximum context. */
  kvAt?: KvAtContext[];
  /** Where each number came from: the catalog, a server's answer, a GGUF header. */
  sources?: {weights?: string; kv?: string; context?: string};
}

export interface KvAtContext {
  context: number;
  kvCacheGB: number;
  totalGB: number;
  /** Within the 10% headroom of usable memory. */
  fits: boolean;
}

export interface Recommendation {
  stack: 'lmstudio' | 'local-first' | 'hybrid' | 'hosted-only';
  /** Stack ids of `setup` in order of preference for this tier. */
  setupStacks: string[];
  model?: string;
  build?: string;
  contextCap?: number;
  why: string;
}

export interface HardwareVerdict {
  usableAcceleratorMemoryGB: number;
  tier: Tier;
  fit?: FitEstimate;
  /** Set when a model id was given but we do not know its size. */
  unknownModel?: {id: string; message: string};
  recommendation: Recommendation;
  notes: string[];
  /** Nodes pooled for the verdict (usableAcceleratorMemoryGB already counts them). */
  nodes?: number;
}

export interface EvaluateOptions {
  nodes?: number;
  /** Model id or ref (provider prefix allowed). */
  model?: string;
  context?: number;
  modelSizeGB?: number;
  /** Geometry read from the server or the GGUF file; used before the catalog. */
  geometry?: ModelGeometry;
  /** KV cache type the server is set to (f16 by default). */
  kvCacheType?: KvCacheType;
}
