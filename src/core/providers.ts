/**
 * OpenClaw's provider and API tables (2026.9.6) and which provider ids name a
 * local server: one copy for the schema, the config checks, the stacks
 * planner and the commands.
 */

/** MODEL_DATA_APIS in 2026.9.6 (11 values). */
export const MODEL_APIS = [
  'openai-completions',
  'openai-responses',
  'openai-chatgpt-responses',
  'anthropic-messages',
  'google-generative-ai',
  'google-vertex',
  'github-copilot',
  'bedrock-converse-stream',
  'ollama',
  'pi-messages',
  'azure-openai-responses',
] as const;

/** An api id OpenClaw 2026.9.6 accepts on a model or provider. */
export function isModelApi(api: unknown): api is (typeof MODEL_APIS)[number] {
  return typeof api === 'string' && (MODEL_APIS as readonly string[]).includes(api);
}

/**
 * Provider ids OpenClaw 2026.9.6 ships overlays for: they may omit baseUrl
 * and models (src/config/zod-schema.core.ts). Compared lower-cased.
 */
// biome-ignore format: a table of ids; one per line would take 80 lines
export const BUILT_IN_PROVIDER_IDS: ReadonlySet<string> = new Set([
  'amazon-bedrock', 'amazon-bedrock-mantle', 'anthropic', 'anthropic-vertex', 'arcee', 'azure-openai-responses',
  'byteplus', 'byteplus-plan', 'cerebras', 'chutes', 'claude-cli', 'clawrouter', 'cloudflare-ai-gateway', 'codex',
  'comfy', 'copilot-proxy', 'dashscope', 'deepinfra', 'deepseek', 'fal', 'fireworks', 'github-copilot', 'gmi',
  'gmi-cloud', 'gmicloud', 'google', 'google-antigravity', 'google-gemini-cli', 'google-vertex', 'groq', 'huggingface',
  'kilocode', 'kimi', 'kimi-coding', 'litellm', 'lmstudio', 'meta', 'microsoft-foundry', 'minimax', 'minimax-portal',
  'mistral', 'modelstudio', 'moonshot', 'moonshot-ai', 'moonshotai', 'nvidia', 'novita', 'novita-ai', 'novitaai',
  'ollama', 'ollama-cloud', 'openai', 'opencode', 'opencode-go', 'openrouter', 'qianfan', 'qwen', 'qwen-token-plan',
  'qwencloud', 'sglang', 'stepfun', 'stepfun-plan', 'synthetic', 'tencent-tokenhub', 'tencent-tokenplan', 'together',
  'venice', 'vercel-ai-gateway', 'vllm', 'volcengine', 'volcengine-plan', 'vydra', 'x-ai', 'xai', 'xiaomi',
  'xiaomi-token-plan', 'z.ai', 'z-ai', 'zai',
]);

export function isBuiltInProviderId(id: string): boolean {
  return BUILT_IN_PROVIDER_IDS.has(id.trim().toLowerCase());
}

/** Provider ids that name a local server whatever their baseUrl says (or when it is a ${VAR}). */
// biome-ignore format: a table of ids
const LOCAL_PROVIDER_IDS: ReadonlySet<string> = new Set([
  'lmstudio', 'ollama', 'vllm', 'sglang', 'litellm', 'llamacpp', 'llama-cpp', 'llama.cpp', 'localai', 'local', 'mlx', 'jan',
  'koboldcpp', 'tgi', 'exo',
]);

export function isLocalProviderId(id: string): boolean {
  return LOCAL_PROVIDER_IDS.has(id.trim().toLowerCase());
}

/**
 * Built-in providers that serve local models (lmstudio, ollama, vllm, sglang,
 * litellm): without an explicit entry OpenClaw only finds them by discovery.
 */
export function isLocalBuiltInProviderId(id: string): boolean {
  return isBuiltInProviderId(id) && isLocalProviderId(id);
}
