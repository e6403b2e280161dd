/**
 * LiteLLM proxy: lists the models of the key; limits come from its config
 * (/model/info), not from the backend, so state stays unknown.
 */
import type {ClientOptions, Result, ServedModel} from '../../core/types/servers.js';
import {requestJson} from '../http.js';
import {LiteLlmModelInfo, OpenAiModelList} from '../schemas.js';
import {makeAdapter, model, ok, scoped} from './common.js';

async function listModels(
  root: string,
  opts: ClientOptions | undefined,
  started: number,
): Promise<Result<{models: ServedModel[]}>> {
  const [list, info] = await Promise.all([
    requestJson(`${root}/v1/models`, OpenAiModelList, scoped(root, opts)),
    requestJson(`${root}/model/info`, LiteLlmModelInfo, scoped(root, opts)),
  ]);
  if (!list.ok) return list;
  const infoByName = new Map(info.ok ? info.data.data.map((d) => [d.model_name, d]) : []);
  return ok(started, {
    models: list.data.data.map((m) => {
      const d = infoByName.get(m.id);
      const configured = d?.model_info?.max_input_tokens ?? undefined;
      return model({
        id: m.id,
        state: 'unknown',
        // LiteLLM's own (configured) input limit: the limit it enforces, not what the backend loaded.
        loadedContext: configured,
        toolUse: d?.model_info?.supports_function_calling ?? undefined,
        details: {
          backendModel: d?.litellm_params?.model,
          backendApiBase: d?.litellm_params?.api_base,
          provider: d?.model_info?.litellm_provider,
          ...(configured !== undefined ? {contextSource: 'litellm config (model_info.max_input_tokens)'} : {}),
        },
      });
    }),
  });
}

export const litellmAdapter = makeAdapter('litellm', listModels);
