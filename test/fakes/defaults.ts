/** Default models and versions of the fakes (the reference fixtures). */
import type {FakeKind, FakeModel} from './index.js';

/** The models each kind serves when none are given (the reference fixtures). */
export function defaultModels(kind: FakeKind): FakeModel[] {
  switch (kind) {
    case 'lmstudio':
    case 'lmstudio-0.3':
      return [
        {
          id: 'qwen/qwen3-8b',
          loaded: true,
          loadedContext: 32768,
          maxContext: 131072,
          toolUse: true,
          quantization: 'Q4_K_M',
          sizeBytes: 5027783488,
        },
        {
          id: 'google/gemma-3-12b',
          loaded: false,
          maxContext: 131072,
          toolUse: false,
          quantization: 'Q4_K_M',
          sizeBytes: 8149190656,
        },
      ];
    case 'vllm':
      return [{id: 'qwen3-8b', loaded: true, loadedContext: 32768}];
    case 'litellm':
      return [{id: 'local-qwen', loaded: true}];
    case 'ollama':
      return [
        {
          id: 'qwen3:8b',
          loaded: true,
          loadedContext: 4096,
          maxContext: 40960,
          toolUse: true,
          quantization: 'Q4_K_M',
          sizeBytes: 5225388164,
        },
      ];
    case 'llamacpp':
      return [
        {
          id: 'qwen3-8b',
          loaded: true,
          loadedContext: 8192,
          maxContext: 40960,
          quantization: 'Q4_K_M',
          sizeBytes: 5027783488,
        },
      ];
    case 'openai-compatible':
      return [{id: 'local-model', loaded: true}];
  }
}

export function defaultVersion(kind: FakeKind): string {
  switch (kind) {
    case 'lmstudio':
      return '0.4.2';
    case 'lmstudio-0.3':
      return '0.3.20';
    case 'vllm':
      return '0.11.0';
    case 'litellm':
      return '1.74.0';
    case 'ollama':
      return '0.13.5';
    case 'llamacpp':
      return 'b6500';
    case 'openai-compatible':
      return '1.0.0';
  }
}

/**
 * Families real servers report as trained for tool use (LM Studio's
 * `trained_for_tool_use`, Ollama's "tools" capability): MiniMax M2.x, Qwen 3 /
 * 2.5, GLM 4.5+, Kimi K2, gpt-oss, Llama 3.1+, Mistral Small / Devstral,
 * DeepSeek V3. A model given by id to serve.ts gets this as its default.
 */
const TOOL_USE_FAMILIES = [
  /minimax[-_.]?m2/i,
  /qwen[-_.]?3/i,
  /qwen[-_.]?2\.5/i,
  /glm[-_.]?4\.[5-9]/i,
  /kimi[-_.]?k2/i,
  /gpt[-_.]?oss/i,
  /llama[-_.]?3\.[1-9]/i,
  /mistral[-_.]?small|devstral/i,
  /deepseek[-_.]?v3/i,
];

export function knownToolUse(id: string): boolean {
  return TOOL_USE_FAMILIES.some((re) => re.test(id));
}
