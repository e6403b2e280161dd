/** vLLM: one model fixed at startup; /v1/models carries max_model_len. */
import type {ClientOptions, Result, ServedModel} from '../../core/types/servers.js';
import {requestJson, send} from '../http.js';
import {parseParallelMetrics, type Parallelism} from '../../core/cluster/parallel.js';
import {OpenAiModelList, VersionBody} from '../schemas.js';
import {makeAdapter, model, ok, rootOf, scoped, versionAtLeast} from './common.js';

async function listModels(
  root: string,
  opts: ClientOptions | undefined,
  started: number,
): Promise<Result<{models: ServedModel[]}>> {
  const list = await requestJson(`${root}/v1/models`, OpenAiModelList, scoped(root, opts));
  if (!list.ok) return list;
  const byId = new Map(list.data.data.map((m) => [m.id, m]));
  return ok(started, {
    models: list.data.data.map((m) => {
      // LoRA adapters have a parent and no max_model_len: they share the base model's.
      const len = m.max_model_len ?? (m.parent ? byId.get(m.parent)?.max_model_len : undefined) ?? undefined;
      return model({
        id: m.id,
        state: 'loaded',
        loadedContext: len,
        details: {root: m.root, parent: m.parent, ownedBy: m.owned_by},
      });
    }),
  });
}

/** /v1/responses came around 0.10.0 (exact release unverified). */
export const vllmAdapter = makeAdapter('vllm', listModels, async (root, opts) => {
  const v = await requestJson(`${root}/version`, VersionBody, scoped(root, opts));
  return v.ok && versionAtLeast(v.data.version, '0.10.0') ? 'yes' : 'unknown';
});

/** Parallel sizes from GET /metrics when the server publishes them (see core/cluster/parallel.ts); asked by `servers` only. */
export async function readParallelism(baseUrl: string, opts?: ClientOptions): Promise<Parallelism | undefined> {
  const root = rootOf(baseUrl);
  if (!root) return undefined;
  try {
    const r = await send(
      `${root}/metrics`,
      scoped(root, {...opts, maxBytes: Math.max(opts?.maxBytes ?? 0, 4_000_000)}),
    );
    return r.ok && r.response.status === 200 ? parseParallelMetrics(r.response.text) : undefined;
  } catch {
    return undefined;
  }
}
