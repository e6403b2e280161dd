/**
 * Ollama: /api/tags lists pulled models, /api/ps the loaded ones with their
 * allocated context, /api/show the trained maximum and capabilities.
 */
import type {ClientOptions, Result, ServedModel} from '../../core/types/servers.js';
import {requestJson} from '../http.js';
import {OllamaPs, OllamaShow, OllamaTags, VersionBody} from '../schemas.js';
import {makeAdapter, model, ok, scoped, versionAtLeast} from './common.js';
import {geometryFromGgufMetadata} from '../../core/hardware/geometry.js';

/** /api/show is one request per model: cap how many we ask about. */
const MAX_SHOW = 24;

/** `qwen3` and `qwen3:latest` are the same model. */
export function ollamaName(id: string): string {
  return id.includes(':') ? id : `${id}:latest`;
}

async function listModels(
  root: string,
  opts: ClientOptions | undefined,
  started: number,
): Promise<Result<{models: ServedModel[]}>> {
  const [tags, ps] = await Promise.all([
    requestJson(`${root}/api/tags`, OllamaTags, scoped(root, opts)),
    requestJson(`${root}/api/ps`, OllamaPs, scoped(root, opts)),
  ]);
  if (!tags.ok) return tags;
  const loaded = new Map((ps.ok ? (ps.data.models ?? []) : []).map((m) => [ollamaName(m.name), m]));
  const pulled = tags.data.models ?? [];
  const names = [...new Set([...pulled.map((m) => m.name), ...[...loaded.values()].map((m) => m.name)])];
  const shows = await Promise.all(
    names.map((name, i) =>
      i < MAX_SHOW
        ? requestJson(`${root}/api/show`, OllamaShow, {method: 'POST', json: {model: name}, ...scoped(root, opts)})
        : undefined,
    ),
  );
  return ok(started, {
    models: names.map((name, i) => {
      const tag = pulled.find((m) => m.name === name);
      const run = loaded.get(ollamaName(name));
      const show = shows[i];
      const info = show?.ok ? (show.data.model_info ?? undefined) : undefined;
      const trained = info
        ? Object.entries(info).find(([k, v]) => k.endsWith('.context_length') && typeof v === 'number')?.[1]
        : undefined;
      const numCtx = show?.ok ? /(?:^|\n)\s*num_ctx\s+(\d+)/.exec(show.data.parameters ?? '')?.[1] : undefined;
      const caps = show?.ok ? (show.data.capabilities ?? undefined) : undefined;
      return model({
        id: name,
        state: ps.ok ? (run ? 'loaded' : 'not-loaded') : 'unknown',
        // /api/ps context_length exists since v0.10.0; older servers do not say.
        loadedContext: run?.context_length ?? undefined,
        maxContext: typeof trained === 'number' ? trained : undefined,
        toolUse: caps ? caps.includes('tools') : undefined,
        quantization: (run?.details ?? tag?.details)?.quantization_level ?? undefined,
        sizeBytes: tag?.size ?? undefined,
        // model_info carries the GGUF keys (ollama docs/api.md, "Show Model Information"): layers, KV heads, context.
        geometry: info
          ? geometryFromGgufMetadata(info, {
              source: 'Ollama /api/show',
              weightsBytes: tag?.size ?? undefined,
              quantization: (run?.details ?? tag?.details)?.quantization_level ?? undefined,
            })
          : undefined,
        details: {
          parameterSize: (run?.details ?? tag?.details)?.parameter_size,
          expiresAt: run?.expires_at,
          sizeVram: run?.size_vram,
          modelfileNumCtx: numCtx ? Number(numCtx) : undefined,
          capabilities: caps,
        },
      });
    }),
  });
}

/** /v1/responses exists since v0.13.3. */
export const ollamaAdapter = makeAdapter('ollama', listModels, async (root, opts) => {
  const v = await requestJson(`${root}/api/version`, VersionBody, scoped(root, opts));
  const atLeast = v.ok ? versionAtLeast(v.data.version, '0.13.3') : undefined;
  return atLeast === undefined ? 'unknown' : atLeast ? 'yes' : 'no';
});
