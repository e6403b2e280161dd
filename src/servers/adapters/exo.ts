/**
 * exo (github.com/exo-explore/exo): one API for a cluster of machines, default
 * port 52415. Routes and shapes from its docs/api.md and src/exo/api/main.py:
 * GET /state (nodes, memory, topology, instances), GET /v1/models (owned_by
 * "exo"; ?status=downloaded), GET /instance/previews?model_id=, POST
 * /place_instance, GET /instance/await (SSE; "ready" or "timeout", at most
 * 300 s per call). A model is served only while an instance of it is placed.
 */
import type {ClientOptions, Failure, Result, ServedModel} from '../../core/types/servers.js';
import type {ClusterInfo, ClusterInstance, PlacementPreview} from '../../core/cluster/types.js';
import {instanceReadiness, parseExoState, parseInstance, parsePreviews} from '../../core/cluster/parse-state.js';
import {errorText, fail, now, send, tryParseJson} from '../http.js';
import {badUrl, guarded, makeAdapter, model, ok, rootOf, scoped} from './common.js';

/** /state carries every node's profile, downloads and tasks: larger than a model list. */
export const EXO_STATE_MAX_BYTES = 8_000_000;
/** exo's own cap on one /instance/await call (Query le=300). */
export const EXO_AWAIT_MAX_S = 300;

async function getJson(
  root: string,
  path: string,
  opts: ClientOptions | undefined,
  maxBytes?: number,
): Promise<Result<{json: unknown}>> {
  const started = now();
  const capped: ClientOptions = {...opts, ...(maxBytes ? {maxBytes: Math.max(opts?.maxBytes ?? 0, maxBytes)} : {})};
  const r = await send(`${root}${path}`, scoped(root, capped));
  if (!r.ok) return r;
  const parsed = tryParseJson(r.response.text);
  if (r.response.status !== 200) {
    const detail = parsed.ok ? errorText(parsed.value) : undefined;
    return fail(
      `http-${r.response.status}`,
      `GET ${path.split('?')[0]}: HTTP ${r.response.status}${detail ? ` (${detail})` : ''}`,
      started,
      opts,
      {
        status: r.response.status,
        bodyExcerpt: r.response.text,
      },
    );
  }
  if (!parsed.ok)
    return fail('not-json', `GET ${path.split('?')[0]} did not answer JSON`, started, opts, {
      status: 200,
      bodyExcerpt: r.response.text,
    });
  return ok(started, {json: parsed.value});
}

/** The cluster behind an exo baseUrl: nodes, links, instances. */
export function readExoCluster(baseUrl: string, opts?: ClientOptions): Promise<Result<{cluster: ClusterInfo}>> {
  const started = now();
  const root = rootOf(baseUrl);
  if (!root) return Promise.resolve(badUrl(baseUrl, opts));
  return guarded(
    async () => {
      const r = await getJson(root, '/state', opts, EXO_STATE_MAX_BYTES);
      if (!r.ok) return r;
      return ok(started, {cluster: parseExoState(r.json)});
    },
    started,
    opts,
  );
}

/** Where exo would place a model (GET /instance/previews), exo's error text when it cannot. */
export function readExoPreviews(
  baseUrl: string,
  modelId: string,
  cluster: ClusterInfo | undefined,
  opts?: ClientOptions,
): Promise<Result<{previews: PlacementPreview[]}>> {
  const started = now();
  const root = rootOf(baseUrl);
  if (!root) return Promise.resolve(badUrl(baseUrl, opts));
  return guarded(
    async () => {
      const r = await getJson(
        root,
        `/instance/previews?model_id=${encodeURIComponent(modelId)}`,
        opts,
        EXO_STATE_MAX_BYTES,
      );
      if (!r.ok) return r;
      return ok(started, {previews: parsePreviews(r.json, cluster?.nodes ?? [])});
    },
    started,
    opts,
  );
}

/** POST /place_instance with exo's defaults (Pipeline, MlxRing, min_nodes 1). Only with the user's consent. */
export function placeExoInstance(
  baseUrl: string,
  modelId: string,
  opts?: ClientOptions,
): Promise<Result<{commandId?: string}>> {
  const started = now();
  const root = rootOf(baseUrl);
  if (!root) return Promise.resolve(badUrl(baseUrl, opts));
  return guarded(
    async () => {
      const r = await send(`${root}/place_instance`, {
        method: 'POST',
        json: {model_id: modelId},
        ...scoped(root, opts),
      });
      if (!r.ok) return r;
      const parsed = tryParseJson(r.response.text);
      if (r.response.status !== 200) {
        const detail = parsed.ok ? errorText(parsed.value) : undefined;
        return fail(
          `http-${r.response.status}`,
          `POST /place_instance: HTTP ${r.response.status}${detail ? ` (${detail})` : ''}`,
          started,
          opts,
          {
            status: r.response.status,
            bodyExcerpt: r.response.text,
          },
        );
      }
      const id =
        parsed.ok && parsed.value && typeof parsed.value === 'object'
          ? (parsed.value as {command_id?: unknown}).command_id
          : undefined;
      return ok(started, typeof id === 'string' ? {commandId: id.slice(0, 100)} : {});
    },
    started,
    opts,
  );
}

export type AwaitOutcome = {state: 'ready'; instance?: ClusterInstance} | {state: 'timeout'; message: string};

/**
 * One bounded GET /instance/await: exo holds the stream open until an instance
 * of the model exists or timeout_seconds pass, sending ": keep-alive" comments
 * meanwhile. Our total timeout is that wait plus the user's request timeout.
 */
export function awaitExoInstance(
  baseUrl: string,
  modelId: string,
  waitSeconds: number,
  opts?: ClientOptions,
): Promise<Result<{outcome: AwaitOutcome}>> {
  const started = now();
  const root = rootOf(baseUrl);
  if (!root) return Promise.resolve(badUrl(baseUrl, opts));
  const seconds = Math.max(1, Math.min(EXO_AWAIT_MAX_S, Math.round(waitSeconds)));
  const total = seconds * 1000 + (opts?.totalTimeoutMs ?? 3000);
  return guarded(
    async () => {
      const r = await send(
        `${root}/instance/await?model_id=${encodeURIComponent(modelId)}&timeout_seconds=${seconds}`,
        scoped(root, {...opts, totalTimeoutMs: total}),
      );
      if (!r.ok) return r;
      if (r.response.status !== 200) {
        return fail(`http-${r.response.status}`, `GET /instance/await: HTTP ${r.response.status}`, started, opts, {
          status: r.response.status,
          bodyExcerpt: r.response.text,
        });
      }
      for (const line of r.response.text.split('\n')) {
        if (!line.startsWith('data:')) continue;
        const parsed = tryParseJson(line.slice(5).trim());
        const msg =
          parsed.ok && parsed.value && typeof parsed.value === 'object'
            ? (parsed.value as Record<string, unknown>)
            : undefined;
        if (msg?.type === 'ready') {
          const instance = parseInstance(msg.instance);
          return ok(started, {outcome: {state: 'ready', ...(instance ? {instance} : {})} as AwaitOutcome});
        }
        if (msg?.type === 'timeout') {
          return ok(started, {
            outcome: {
              state: 'timeout',
              message: typeof msg.message === 'string' ? msg.message.slice(0, 300) : 'timed out',
            } as AwaitOutcome,
          });
        }
      }
      return fail('bad-shape', 'GET /instance/await ended without a "ready" or "timeout" message', started, opts, {
        status: 200,
        bodyExcerpt: r.response.text,
      });
    },
    started,
    opts,
  );
}

/** Models from the cluster: placed instances (loaded, or loading while their runners start), then downloaded ones. */
export function modelsFromCluster(
  cluster: ClusterInfo,
  downloaded: {id: string; contextLength?: number}[],
): ServedModel[] {
  const out: ServedModel[] = [];
  for (const inst of cluster.instances) {
    if (out.some((m) => m.id === inst.modelId)) continue;
    const ready = instanceReadiness(inst);
    out.push(
      model({
        id: inst.modelId,
        state: ready === 'ready' ? 'loaded' : ready === 'loading' ? 'loading' : 'unknown',
        // exo runs MLX without a context setting: the card's context length is the limit it serves.
        loadedContext: inst.contextLength,
        maxContext: inst.contextLength,
        sizeBytes: inst.storageGB ? Math.round(inst.storageGB * 1e9) : undefined,
        details: {
          instanceId: inst.id,
          nodes: inst.shards.map((s) => s.nodeId),
          sharding: inst.sharding,
          meta: inst.meta,
          readiness: ready,
          contextSource: inst.contextLength ? 'the model card of the placed instance' : undefined,
        },
      }),
    );
  }
  for (const d of downloaded) {
    if (out.some((m) => m.id === d.id)) continue;
    out.push(model({id: d.id, state: 'not-loaded', maxContext: d.contextLength, details: {placed: false}}));
  }
  return out;
}

function downloadedFrom(json: unknown): {id: string; contextLength?: number}[] {
  const data = json && typeof json === 'object' ? (json as {data?: unknown}).data : undefined;
  if (!Array.isArray(data)) return [];
  return data
    .slice(0, 2000)
    .map((m) => {
      const o = m && typeof m === 'object' ? (m as Record<string, unknown>) : {};
      const id = typeof o.id === 'string' ? o.id.slice(0, 300) : undefined;
      const c =
        typeof o.context_length === 'number' && Number.isSafeInteger(o.context_length) && o.context_length > 0
          ? o.context_length
          : undefined;
      return id ? {id, ...(c ? {contextLength: c} : {})} : undefined;
    })
    .filter((x): x is {id: string; contextLength?: number} => !!x);
}

/** Cluster and models together: what `servers` and the doctor show for an exo server. */
export async function readExo(
  baseUrl: string,
  opts?: ClientOptions,
): Promise<Result<{cluster: ClusterInfo; models: ServedModel[]}>> {
  const started = now();
  const root = rootOf(baseUrl);
  if (!root) return badUrl(baseUrl, opts);
  const [st, list] = await Promise.all([
    readExoCluster(root, opts),
    getJson(root, '/v1/models?status=downloaded', opts),
  ]);
  if (!st.ok) return st as Failure;
  return ok(started, {
    cluster: st.cluster,
    models: modelsFromCluster(st.cluster, list.ok ? downloadedFrom(list.json) : []),
  });
}

export const exoAdapter = makeAdapter('exo', async (root, opts, started) => {
  const r = await readExo(root, opts);
  if (!r.ok) return r;
  return ok(started, {models: r.models});
});

export interface ExoBench {
  promptTps: number;
  generationTps: number;
  promptTokens: number;
  generationTokens: number;
}

/**
 * POST /bench/chat/completions: a real (short) completion with exo's own
 * prompt and generation tokens/s (GenerationStats in api/types/api.py). It
 * only runs on a placed instance (exo answers 404 otherwise), so it loads
 * nothing; still, only when the user asked for a measurement.
 */
export function benchExo(
  baseUrl: string,
  modelId: string,
  prompt: string,
  opts?: ClientOptions & {maxTokens?: number},
): Promise<Result<{bench: ExoBench}>> {
  const started = now();
  const root = rootOf(baseUrl);
  if (!root) return Promise.resolve(badUrl(baseUrl, opts));
  return guarded(
    async () => {
      const body = {
        model: modelId,
        messages: [{role: 'user', content: prompt}],
        max_tokens: Math.max(1, Math.min(4096, opts?.maxTokens ?? 64)),
        stream: false,
      };
      const r = await send(`${root}/bench/chat/completions`, {method: 'POST', json: body, ...scoped(root, opts)});
      if (!r.ok) return r;
      const parsed = tryParseJson(r.response.text);
      if (r.response.status !== 200) {
        const detail = parsed.ok ? errorText(parsed.value) : undefined;
        return fail(
          `http-${r.response.status}`,
          `POST /bench/chat/completions: HTTP ${r.response.status}${detail ? ` (${detail})` : ''}`,
          started,
          opts,
          {
            status: r.response.status,
            bodyExcerpt: r.response.text,
          },
        );
      }
      const stats =
        parsed.ok && parsed.value && typeof parsed.value === 'object'
          ? (parsed.value as {generation_stats?: Record<string, unknown>}).generation_stats
          : undefined;
      const n = (v: unknown, max: number) =>
        typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= max ? v : undefined;
      const b = {
        promptTps: n(stats?.prompt_tps, 1e7),
        generationTps: n(stats?.generation_tps, 1e6),
        promptTokens: n(stats?.prompt_tokens, 1e8),
        generationTokens: n(stats?.generation_tokens, 1e8),
      };
      if (Object.values(b).some((x) => x === undefined)) {
        return fail('bad-shape', 'POST /bench/chat/completions answered without generation_stats', started, opts, {
          status: 200,
          bodyExcerpt: r.response.text,
        });
      }
      return ok(started, {bench: b as ExoBench});
    },
    started,
    opts,
  );
}
