/** Any OpenAI-compatible server (SGLang, TGI, ...) and OpenRouter (hosted; only when asked). */
import type {ClientOptions, Result, ServedModel} from '../../core/types/servers.js';
import {requestJson} from '../http.js';
import {OpenAiModelList} from '../schemas.js';
import {makeAdapter, model, ok, scoped} from './common.js';

async function listModels(
  root: string,
  opts: ClientOptions | undefined,
  started: number,
): Promise<Result<{models: ServedModel[]}>> {
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
}

export const openaiCompatibleAdapter = makeAdapter('openai-compatible', listModels);
export const openrouterAdapter = makeAdapter('openrouter', listModels);
export const unknownAdapter = makeAdapter('unknown', listModels);
