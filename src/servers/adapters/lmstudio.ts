/** LM Studio: native /api/v1 (0.4+), legacy /api/v0 (0.3.6+), OpenAI /v1. */
import type {ClientOptions, Result, ServedModel} from '../../core/types/servers.js';
import {requestJson} from '../http.js';
import {LmStudioV0Models, LmStudioV1Models, OpenAiModelList} from '../schemas.js';
import {makeAdapter, model, ok, scoped} from './common.js';
import {geometryFromLmStudio} from '../../core/hardware/geometry.js';

async function listModels(
  root: string,
  opts: ClientOptions | undefined,
  started: number,
): Promise<Result<{models: ServedModel[]}>> {
  const v1 = await requestJson(`${root}/api/v1/models`, LmStudioV1Models, scoped(root, opts));
  if (v1.ok) {
    return ok(started, {
      models: v1.data.models.map((m) => {
        const instances = m.loaded_instances.map((i) => ({
          id: i.id ?? m.key,
          contextLength: i.config?.context_length ?? undefined,
        }));
        // Requests by key go to the instance named like the key, else the first one.
        const main = instances.find((i) => i.id === m.key) ?? instances[0];
        return model({
          id: m.key,
          state: instances.length > 0 ? 'loaded' : 'not-loaded',
          loadedContext: main?.contextLength,
          maxContext: m.max_context_length ?? undefined,
          toolUse: m.capabilities?.trained_for_tool_use ?? undefined,
          quantization: m.quantization?.name ?? undefined,
          sizeBytes: m.size_bytes ?? undefined,
          geometry: geometryFromLmStudio({
            architecture: m.architecture,
            quantization: m.quantization?.name,
            sizeBytes: m.size_bytes,
            maxContext: m.max_context_length,
          }),
          details: {
            source: '/api/v1/models',
            type: m.type,
            format: m.format,
            displayName: m.display_name,
            ...(instances.length > 1 ? {instances} : {}),
          },
        });
      }),
    });
  }
  // A transport or auth failure is the answer; only a missing route means "older LM Studio".
  if (!['error-body', 'http-404', 'bad-shape', 'not-json'].includes(v1.kind)) return v1;
  const v0 = await requestJson(`${root}/api/v0/models`, LmStudioV0Models, scoped(root, opts));
  if (v0.ok) {
    return ok(started, {
      models: v0.data.data.map((m) =>
        model({
          id: m.id,
          state:
            m.state === 'loaded'
              ? 'loaded'
              : m.state === 'not-loaded'
                ? 'not-loaded'
                : m.state === 'loading'
                  ? 'loading'
                  : 'unknown',
          loadedContext: m.state === 'loaded' ? (m.loaded_context_length ?? undefined) : undefined,
          maxContext: m.max_context_length ?? undefined,
          toolUse: m.capabilities ? m.capabilities.includes('tool_use') : undefined,
          quantization: m.quantization ?? undefined,
          details: {source: '/api/v0/models', type: m.type, format: m.compatibility_type},
        }),
      ),
    });
  }
  if (!['error-body', 'http-404', 'bad-shape', 'not-json'].includes(v0.kind)) return v0;
  // Before 0.3.6: only the OpenAI list, which says nothing about loading.
  const list = await requestJson(`${root}/v1/models`, OpenAiModelList, scoped(root, opts));
  if (!list.ok) return list;
  return ok(started, {
    models: list.data.data.map((m) => model({id: m.id, state: 'unknown', details: {source: '/v1/models'}})),
  });
}

/** /api/v1 came with 0.4.0, after /v1/responses (0.3.29). */
export const lmstudioAdapter = makeAdapter('lmstudio', listModels, async (root, opts) => {
  const v1 = await requestJson(`${root}/api/v1/models`, LmStudioV1Models, scoped(root, opts));
  return v1.ok ? 'yes' : 'unknown';
});
