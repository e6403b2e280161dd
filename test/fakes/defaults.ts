/** Default models and versions of the fakes (the reference fixtures). */
import type {FakeKind, FakeModel} from './index.js';

/** The models each kind serves when none are given (the reference fixtures). */
export function defaultModels(kind: FakeKind): FakeModel[] {
  switch (kind) {
    case 'lmstudio':
    case 'lmstudio-0.3':
      return [
        {id: 'qwen/qwen3-8b', loaded: true, loadedContext: 32768, maxContext: 131072, toolUse: true, quantization: 'Q4_K_M', sizeBytes: 5027783488},
        {id: 'google/gemma-3-12b', loaded: false, maxContext: 131072, toolUse: false, quantization: 'Q4_K_M', sizeBytes: 8149190656},
      ];
    case 'vllm':
      return [{id: 'qwen3-8b', loaded: true, loadedContext: 32768}];
    case 'litellm':
      return [{id: 'local-qwen', loaded: true}];
    case 'ollama':
      return [{id: 'qwen3:8b', loaded: true, loadedContext: 4096, maxContext: 40960, toolUse: true, quantization: 'Q4_K_M', sizeBytes: 5225388164}];
    case 'llamacpp':
      return [{id: 'qwen3-8b', loaded: true, loadedContext: 8192, maxContext: 40960, quantization: 'Q4_K_M', sizeBytes: 5027783488}];
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
