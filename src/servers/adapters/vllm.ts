/** vLLM: one model fixed at startup; /v1/models carries max_model_len. */
import type {ClientOptions, Result, ServedModel} from '../../core/types/servers.js';
import {requestJson} from '../http.js';
import {OpenAiModelList, VersionBody} from '../schemas.js';
import {makeAdapter, model, ok, scoped, versionAtLeast} from './common.js';

async function listModels(root: string, opts: ClientOptions | undefined, started: number): Promise<Result<{models: ServedModel[]}>> {
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

/** /v1/responses came around 0.10.0 (exact release unverified). */
export const vllmAdapter = makeAdapter('vllm', listModels, async (root, opts) => {
  const v = await requestJson(`${root}/version`, VersionBody, scoped(root, opts));
  return v.ok && versionAtLeast(v.data.version, '0.10.0') ? 'yes' : 'unknown';
});
