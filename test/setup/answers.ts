import type {StackAnswers, StackId} from '../../src/core/stacks.js';

/** Answers that make every stack plannable (the ones with required answers get them). */
export const STACK_ANSWERS: Record<StackId, StackAnswers> = {
  lmstudio: {},
  hybrid: {},
  'local-first': {},
  regional: {region: 'eu'},
  'openai-compatible': {baseUrl: 'http://127.0.0.1:8000/v1', model: 'Qwen/Qwen3-Coder-30B-A3B-Instruct'},
  ollama: {model: 'qwen3-coder:30b', contextWindow: 65536},
  llamacpp: {model: 'qwen3-coder-30b-q4'},
  exo: {model: 'mlx-community/MiniMax-M2.1-8bit', contextWindow: 196608},
};
