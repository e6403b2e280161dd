/**
 * Pure hardware verdicts: tiers, model catalog, fit, recommendations.
 * CONTRACT (owned by hardware work).
 */
import type {HardwareProfile} from '../hardware/types.js';

export type TierId = 'hosted-only' | 'light' | 'mid' | 'quantized-minimax' | 'full-size' | 'aim-high';

export interface Tier {
  id: TierId;
  label: string;
  /** One or two sentences in the guide's words. */
  summary: string;
}

export interface ModelBuild {
  id: string; // e.g. "mlx-4bit-gs32"
  label: string; // "MLX 4-bit gs32"
  bitsPerWeight: number;
  weightsGB: number;
  /** ≤3-bit or small/mini checkpoint: higher prompt-injection risk. */
  aggressive: boolean;
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
}

export interface ModelMatch {
  model: CatalogModel;
  build: ModelBuild;
  /** How sure the id mapping is. */
  confidence: 'exact' | 'likely' | 'default-build';
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
}

export interface EvaluateOptions {
  nodes?: number;
  /** Model id or ref (provider prefix allowed). */
  model?: string;
  context?: number;
  modelSizeGB?: number;
}

const todo = (name: string): never => {
  throw new Error(`${name} is not implemented yet`);
};

export function tierFor(_usableGB: number): Tier {
  return todo('tierFor');
}

/** Maps "minimax-m2.1-gs32", "lmstudio/qwen/qwen3-coder-30b", "qwen3-coder:30b" to a catalog build. */
export function matchModel(_id: string): ModelMatch | undefined {
  return todo('matchModel');
}

export function evaluateHardware(_profile: HardwareProfile, _opts: EvaluateOptions = {}): HardwareVerdict {
  return todo('evaluateHardware');
}
