/**
 * Types of the stack planner. Re-exported by src/core/stacks.ts (the contract
 * the wizard and the `setup` command import).
 */
import type {PatchOp} from '../types/config.js';

export type StackId =
  | 'lmstudio'
  | 'hybrid'
  | 'local-first'
  | 'regional'
  | 'openai-compatible'
  | 'ollama'
  | 'llamacpp'
  | 'exo';
export type LocalApi = 'openai-responses' | 'openai-completions' | 'ollama';
export type Region = 'eu' | 'us';

/** A model a stack offers by name (the regional stack's OpenRouter models). */
export interface StackModelChoice {
  id: string;
  name: string;
  contextWindow: number;
  maxTokens: number;
}

export interface StackInfo {
  id: StackId;
  label: string;
  /** One line: why pick this. */
  description: string;
  /** Does it put a local model in the chain? (regional: no) */
  local: boolean;
  defaults: {
    providerId: string;
    baseUrl?: string;
    api: LocalApi;
    model?: string;
    name?: string;
    contextWindow?: number;
    maxTokens?: number;
  };
  /** Answers that have no default and must be given (e.g. the model id for Ollama). */
  required?: (keyof StackAnswers)[];
  /** Hosted model the stack puts in the chain when the config has none. */
  hostedDefault?: string;
  /** Models offered by name (regional). */
  modelChoices?: StackModelChoice[];
  /** Regions to offer for `answers.region` (regional; required there). */
  regions?: Region[];
  /** APIs the stack accepts for `answers.api`. */
  apis?: LocalApi[];
}

export interface StackAnswers {
  baseUrl?: string;
  model?: string;
  name?: string;
  contextWindow?: number;
  maxTokens?: number;
  api?: LocalApi;
  providerId?: string;
  /** hybrid: the hosted primary. Other stacks: must be the stack's own model ref (or absent). */
  primary?: string;
  /** Replaces the fallbacks setup would derive from the config (the hybrid stack still puts its local model first). */
  fallbacks?: string[];
  /** regional: "eu" | "us". */
  region?: string;
  /** Only as `${ENV_VAR}` (hosted) or a short non-secret marker for a local server; raw keys are refused. */
  apiKey?: string;
  /** Write this models.mode. Without it setup adds "merge" when absent and only warns about "replace". */
  mode?: 'merge' | 'replace';
}

export interface StackPlan {
  stack: StackId;
  ops: PatchOp[];
  /** Things the user must know before writing (e.g. switching away from mode "replace"). */
  warnings: string[];
  /** Resulting chain, for the review screen. */
  primary?: string;
  fallbacks: string[];
  providerId?: string;
  modelRef?: string;
  /** No model in the resulting chain runs hosted: nothing takes over when the local server is down. */
  localOnly?: boolean;
}
