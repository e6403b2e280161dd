/** vLLM: one model fixed at startup; /v1/models carries max_model_len. */
import type {ClientOptions, Result, ServedModel} from '../types.js';
import type {ServerAdapter} from '../adapter.js';
import {now, requestJson} from '../http.js';
import {OpenAiModelList, VersionBody} from '../schemas.js';
import {tinyCompletion} from '../completion.js';
import {badUrl, model, ok, probeResponses, rootOf, scoped, versionAtLeast} from './common.js';

async function listModels(baseUrl: string, opts?: ClientOptions): Promise<Result<{models: ServedModel[]}>> {
  const started = now();
  const root = rootOf(baseUrl);
  if (!root) return badUrl(baseUrl, opts);
  const list = await requestJson(`${root}/v1/models`, OpenAiModelList, scoped(root, opts));
  if (!list.ok) return list;
  const byId = new Map(list.data.data.map((m) => [m.id, m]));
  return ok(started, {
    models: list.data.data.map((m) => {
      // LoRA adapters have a parent and no max_model_len: they share the base model's.
      const len = m.max_model_len ?? (m.parent ? byId.get(m.parent)?.max_model_len : undefined) ?? undefined;
      return model({id: m.id, state: 'loaded', loadedContext: len, details: {root: m.root, parent: m.parent, ownedBy: m.owned_by}});
    }),
  });
}

export const vllmAdapter: ServerAdapter = {
  kind: 'vllm',
  listModels,
  async supportsResponses(baseUrl, opts) {
    const root = rootOf(baseUrl);
    if (!root) return 'unknown';
    const probed = await probeResponses(root, opts);
    if (probed !== 'unknown') return probed;
    const v = await requestJson(`${root}/version`, VersionBody, scoped(root, opts));
    // Added around 0.10.0 (exact release unverified).
    return v.ok && versionAtLeast(v.data.version, '0.10.0') ? 'yes' : 'unknown';
  },
  async tinyCompletion(baseUrl, modelId, api, opts) {
    const root = rootOf(baseUrl);
    if (!root) return badUrl(baseUrl, opts);
    return tinyCompletion(root, modelId, api, opts);
  },
};
