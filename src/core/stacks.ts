/**
 * The guide's stacks as data: pure functions from (current config, answers)
 * to patch ops. CONTRACT (owned by setup work; the UI wizard uses it).
 */
import type {PatchOp} from '../config/types.js';

export type StackId = 'lmstudio' | 'hybrid' | 'local-first' | 'regional' | 'openai-compatible' | 'ollama' | 'llamacpp';
export type LocalApi = 'openai-responses' | 'openai-completions' | 'ollama';

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
}

export interface StackAnswers {
  baseUrl?: string;
  model?: string;
  name?: string;
  contextWindow?: number;
  maxTokens?: number;
  api?: LocalApi;
  providerId?: string;
  primary?: string;
  fallbacks?: string[];
  region?: string;
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
}

export const STACK_IDS: StackId[] = ['lmstudio', 'hybrid', 'local-first', 'regional', 'openai-compatible', 'ollama', 'llamacpp'];

export function stackInfo(_id: StackId): StackInfo {
  throw new Error('stackInfo is not implemented yet');
}

export function listStacks(): StackInfo[] {
  throw new Error('listStacks is not implemented yet');
}

/** Throws StackInputError (clear message) on bad answers: bad URL, empty model id, context ≤ 0... */
export function planStack(_id: StackId, _current: unknown, _answers: StackAnswers = {}): StackPlan {
  throw new Error('planStack is not implemented yet');
}

export class StackInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StackInputError';
  }
}
