/**
 * Human names of the server kinds, for reports and screens. Its own module
 * with no run-time imports: the interactive app's first frame uses it
 * without loading the HTTP clients (undici) behind src/servers/index.ts.
 */
import type {ServerKind} from './types.js';

export const SERVER_LABELS: Record<ServerKind, string> = {
  lmstudio: 'LM Studio',
  vllm: 'vLLM',
  litellm: 'LiteLLM',
  ollama: 'Ollama',
  llamacpp: 'llama.cpp',
  exo: 'exo',
  openrouter: 'OpenRouter',
  'openai-compatible': 'OpenAI-compatible server',
  unknown: 'Unknown server',
};
