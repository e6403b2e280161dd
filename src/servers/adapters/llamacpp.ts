/**
 * llama.cpp llama-server: single-model mode (one /v1/models entry, /props
 * n_ctx per slot) or router mode (/models with a status per model).
 */
import type {ClientOptions, LoadState, Result, ServedModel} from '../../core/types/servers.js';
import {requestJson} from '../http.js';
import {LlamaProps, OpenAiModelList} from '../schemas.js';
import {makeAdapter, model, ok, quantFromPath, scoped} from './common.js';
import {geometryFromLlamaCppMeta} from '../../core/hardware/geometry.js';

function routerState(value: string | null | undefined): LoadState {
  if (value === 'loaded') return 'loaded';
  if (value === 'loading' || value === 'downloading') return 'loading';
  if (value === 'unloaded' || value === 'sleeping') return 'not-loaded';
  return 'unknown';
}

/** `-c N` / `--ctx-size N` in the router's recorded launch arguments. */
function ctxFromArgs(args: readonly string[] | null | undefined): number | undefined {
  if (!args) return undefined;
  for (let i = 0; i < args.length - 1; i++) {
    if (args[i] === '-c' || args[i] === '--ctx-size') {
      const n = Number(args[i + 1]);
      if (Number.isSafeInteger(n) && n > 0) return n;
    }
  }
  return undefined;
}

async function listModels(
  root: string,
  opts: ClientOptions | undefined,
  started: number,
): Promise<Result<{models: ServedModel[]}>> {
  const list = await requestJson(`${root}/v1/models`, OpenAiModelList, scoped(root, opts));
  if (!list.ok) return list;
  const entries = list.data.data;
  const router = entries.some((m) => m.status);
  if (router) {
    const models = await Promise.all(
      entries.map(async (m) => {
        const state = routerState(m.status?.value);
        let loadedContext: number | undefined;
        if (state === 'loaded') {
          // A bare /props in router mode is a placeholder (n_ctx 0): ask per model.
          const props = await requestJson(
            `${root}/props?model=${encodeURIComponent(m.id)}`,
            LlamaProps,
            scoped(root, opts),
          );
          const n = props.ok ? props.data.default_generation_settings?.n_ctx : undefined;
          loadedContext = n && n > 0 ? n : ctxFromArgs(m.status?.args);
        }
        return model({
          id: m.id,
          state,
          loadedContext,
          quantization: quantFromPath(m.path ?? m.id),
          details: {mode: 'router', status: m.status?.value, failed: m.status?.failed, path: m.path},
        });
      }),
    );
    return ok(started, {models});
  }
  const props = await requestJson(`${root}/props`, LlamaProps, scoped(root, opts));
  const perSlot = props.ok ? (props.data.default_generation_settings?.n_ctx ?? undefined) : undefined;
  return ok(started, {
    models: entries.map((m) =>
      model({
        id: m.id,
        state: 'loaded',
        loadedContext: (perSlot && perSlot > 0 ? perSlot : undefined) ?? m.meta?.n_ctx ?? undefined,
        maxContext: m.meta?.n_ctx_train ?? undefined,
        quantization: quantFromPath(props.ok ? props.data.model_path : undefined) ?? quantFromPath(m.id),
        sizeBytes: m.meta?.size ?? undefined,
        geometry: geometryFromLlamaCppMeta(m.meta ?? undefined),
        details: {
          mode: 'single',
          modelPath: props.ok ? props.data.model_path : undefined,
          slots: props.ok ? props.data.total_slots : undefined,
          // The model field of requests is ignored in single-model mode.
          nameEnforced: false,
          contextSource:
            perSlot && perSlot > 0
              ? '/props default_generation_settings.n_ctx'
              : m.meta?.n_ctx
                ? '/v1/models meta.n_ctx'
                : undefined,
        },
      }),
    ),
  });
}

export const llamacppAdapter = makeAdapter('llamacpp', listModels);
