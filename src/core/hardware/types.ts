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
  /** KV cache bytes per token at f16. */
  kvBytesPerToken: number;
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
}
