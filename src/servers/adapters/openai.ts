/** Any OpenAI-compatible server (SGLang, TGI, ...) and OpenRouter (hosted; only when asked). */
import type {ClientOptions, Result, ServedModel, ServerKind} from '../types.js';
import type {ServerAdapter} from '../adapter.js';
import {now, requestJson} from '../http.js';
import {OpenAiModelList} from '../schemas.js';
import {tinyCompletion} from '../completion.js';
import {badUrl, model, ok, probeResponses, rootOf, scoped} from './common.js';

function genericAdapter(kind: ServerKind): ServerAdapter {
  return {
    kind,
    async listModels(baseUrl: string, opts?: ClientOptions): Promise<Result<{models: ServedModel[]}>> {
      const started = now();
      const root = rootOf(baseUrl);
      if (!root) return badUrl(baseUrl, opts);
      const list = await requestJson(`${root}/v1/models`, OpenAiModelList, scoped(root, opts));
      if (!list.ok) return list;
      return ok(started, {
        models: list.data.data.map((m) =>
          model({
            id: m.id,
            state: 'unknown',
            // SGLang and vLLM forks report max_model_len; it is the serving limit there.
            loadedContext: m.max_model_len ?? undefined,
            // A hosted catalogue's context_length is the model's maximum, not a loaded context.
            maxContext: m.context_length ?? undefined,
            toolUse: m.supported_parameters ? m.supported_parameters.includes('tools') : undefined,
            details: {ownedBy: m.owned_by},
          }),
        ),
      });
    },
    async supportsResponses(baseUrl, opts) {
      const root = rootOf(baseUrl);
      return root ? probeResponses(root, opts) : 'unknown';
    },
    async tinyCompletion(baseUrl, modelId, api, opts) {
      const root = rootOf(baseUrl);
      if (!root) return badUrl(baseUrl, opts);
      return tinyCompletion(root, modelId, api, opts);
    },
  };
}

export const openaiCompatibleAdapter = genericAdapter('openai-compatible');
export const openrouterAdapter = genericAdapter('openrouter');
export const unknownAdapter = genericAdapter('unknown');
