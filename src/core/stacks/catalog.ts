/**
 * The guide's stacks as data: defaults per stack, the guide's LM Studio
 * model, the hosted default and the regional (OpenRouter) models.
 */
import type {LocalApi, Region, StackId, StackInfo, StackModelChoice} from './types.js';

export const STACK_IDS: StackId[] = [
  'lmstudio',
  'hybrid',
  'local-first',
  'regional',
  'openai-compatible',
  'ollama',
  'llamacpp',
  'exo',
];

/** The guide's recommended local model (LM Studio, MiniMax M2.1 GS32). */
export const GUIDE_MODEL = {
  id: 'minimax-m2.1-gs32',
  name: 'MiniMax M2.1 GS32',
  contextWindow: 196608,
  maxTokens: 8192,
  alias: 'Minimax',
} as const;

/** Hosted primary/fallback used when the config has no hosted model at all. */
export const HOSTED_DEFAULT = {
  ref: 'anthropic/claude-sonnet-4-5',
  alias: 'Sonnet',
  keyEnv: 'ANTHROPIC_API_KEY',
} as const;

/** Context/reply sizes for a model we know nothing about: small enough to load, big enough for OpenClaw's prompt. */
export const GENERIC_CONTEXT = 32768;
export const GENERIC_MAX_TOKENS = 8192;

export const OPENROUTER_KEY_REF = '${OPENROUTER_API_KEY}';
/** In-region routing is chosen by base URL; OpenRouter's request `provider` object has no region field. */
export const OPENROUTER_REGION_BASE: Record<Region, string> = {
  eu: 'https://eu.openrouter.ai/api/v1',
  us: 'https://us.openrouter.ai/api/v1',
};

export const REGIONAL_MODELS: (StackModelChoice & {alias: string})[] = [
  {id: 'minimax/minimax-m2.1', name: 'MiniMax M2.1', contextWindow: 196608, maxTokens: 8192, alias: 'Minimax'},
  {id: 'moonshotai/kimi-k2', name: 'Kimi K2', contextWindow: 131072, maxTokens: 8192, alias: 'Kimi'},
  {id: 'z-ai/glm-4.6', name: 'GLM 4.6', contextWindow: 131072, maxTokens: 8192, alias: 'GLM'},
];

const OPENAI_APIS: LocalApi[] = ['openai-responses', 'openai-completions'];
/** hybrid/local-first can use any local server, Ollama's native API included. */
const ALL_APIS: LocalApi[] = [...OPENAI_APIS, 'ollama'];

const LMSTUDIO_DEFAULTS: StackInfo['defaults'] = {
  providerId: 'lmstudio',
  baseUrl: 'http://127.0.0.1:1234/v1',
  api: 'openai-responses',
  model: GUIDE_MODEL.id,
  name: GUIDE_MODEL.name,
  contextWindow: GUIDE_MODEL.contextWindow,
  maxTokens: GUIDE_MODEL.maxTokens,
};

const STACKS: Record<StackId, StackInfo> = {
  lmstudio: {
    id: 'lmstudio',
    label: "LM Studio (the guide's setup)",
    description:
      'MiniMax M2.1 on LM Studio as the primary, Responses API; a hosted primary you had becomes the first fallback.',
    local: true,
    defaults: LMSTUDIO_DEFAULTS,
    apis: OPENAI_APIS,
  },
  hybrid: {
    id: 'hybrid',
    label: 'Hybrid: hosted first, local fallback',
    description: 'Keep a hosted model as the primary; the local model is the first fallback when the hosted one fails.',
    local: true,
    defaults: LMSTUDIO_DEFAULTS,
    hostedDefault: HOSTED_DEFAULT.ref,
    apis: ALL_APIS,
  },
  'local-first': {
    id: 'local-first',
    label: 'Local first, hosted fallbacks',
    description: 'The local model answers first; hosted models take over when it is down or overloaded.',
    local: true,
    defaults: LMSTUDIO_DEFAULTS,
    hostedDefault: HOSTED_DEFAULT.ref,
    apis: ALL_APIS,
  },
  regional: {
    id: 'regional',
    label: 'Regional hosted (OpenRouter, EU or US)',
    description:
      "MiniMax, Kimi or GLM through OpenRouter's in-region endpoint; your Anthropic/OpenAI models stay as fallbacks.",
    local: false,
    defaults: {
      providerId: 'openrouter',
      api: 'openai-completions',
      model: REGIONAL_MODELS[0].id,
      name: REGIONAL_MODELS[0].name,
      contextWindow: REGIONAL_MODELS[0].contextWindow,
      maxTokens: REGIONAL_MODELS[0].maxTokens,
    },
    required: ['region'],
    regions: ['eu', 'us'],
    modelChoices: REGIONAL_MODELS.map(({id, name, contextWindow, maxTokens}) => ({id, name, contextWindow, maxTokens})),
    apis: OPENAI_APIS,
  },
  'openai-compatible': {
    id: 'openai-compatible',
    label: 'OpenAI-compatible server (vLLM, LiteLLM, any /v1 gateway)',
    description:
      "Your server's base URL and model id, over the Responses API by default (Chat Completions on request).",
    local: true,
    defaults: {
      providerId: 'vllm',
      baseUrl: 'http://127.0.0.1:8000/v1',
      api: 'openai-responses',
      contextWindow: GENERIC_CONTEXT,
      maxTokens: GENERIC_MAX_TOKENS,
    },
    required: ['model'],
    apis: OPENAI_APIS,
  },
  ollama: {
    id: 'ollama',
    label: 'Ollama (native API)',
    description:
      "Ollama's native API at :11434 without /v1, so tool calls work; explicit context so Ollama does not truncate.",
    local: true,
    defaults: {
      providerId: 'ollama',
      baseUrl: 'http://127.0.0.1:11434',
      api: 'ollama',
      contextWindow: GENERIC_CONTEXT,
      maxTokens: GENERIC_MAX_TOKENS,
    },
    required: ['model'],
    apis: ['ollama'],
  },
  llamacpp: {
    id: 'llamacpp',
    label: 'llama.cpp (llama-server)',
    description: 'llama-server at :8080/v1 over Chat Completions.',
    local: true,
    defaults: {
      providerId: 'llamacpp',
      baseUrl: 'http://127.0.0.1:8080/v1',
      api: 'openai-completions',
      contextWindow: GENERIC_CONTEXT,
      maxTokens: GENERIC_MAX_TOKENS,
    },
    required: ['model'],
    apis: OPENAI_APIS,
  },
  // exo (exo-explore/exo docs/api.md): one endpoint for a cluster, default port 52415. Chat Completions is its
  // main surface (tools, developer role, streaming; api/types/api.py ChatCompletionRequest). Its /v1/responses
  // is stateless: ResponsesRequest has no previous_response_id or store and ignores unknown fields, turning the
  // input into a chat request (api/adapters/responses.py), so openai-completions is the safer default.
  exo: {
    id: 'exo',
    label: 'exo cluster (several Macs, one endpoint)',
    description: 'A model exo places across your machines, served at :52415/v1 over Chat Completions.',
    local: true,
    defaults: {
      providerId: 'exo',
      baseUrl: 'http://127.0.0.1:52415/v1',
      api: 'openai-completions',
      contextWindow: GENERIC_CONTEXT,
      maxTokens: GENERIC_MAX_TOKENS,
    },
    required: ['model'],
    apis: OPENAI_APIS,
  },
};

export function isStackId(value: string): value is StackId {
  return (STACK_IDS as string[]).includes(value);
}

export function stackInfo(id: StackId): StackInfo {
  const info = STACKS[id];
  if (!info) throw new Error(`unknown stack ${JSON.stringify(id)}`);
  return info;
}

export function listStacks(): StackInfo[] {
  return STACK_IDS.map((id) => STACKS[id]);
}

/** Non-secret apiKey markers OpenClaw accepts for local servers, per provider id. */
export function localKeyMarker(providerId: string): string {
  if (providerId === 'lmstudio') return 'lmstudio';
  if (providerId === 'ollama') return 'ollama-local';
  return `${providerId.replace(/[^a-z0-9-]/gi, '').toLowerCase() || 'local'}-local`;
}
