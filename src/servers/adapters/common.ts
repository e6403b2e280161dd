/** Shared pieces of the per-server adapters. */
import type {ClientOptions, Failure, Result, ServedModel, ServerKind} from '../../core/types/servers.js';
import type {ServerAdapter} from '../adapter.js';
import {errorText, fail, now, parseHttpUrl, send, tryParseJson} from '../http.js';
import {tinyCompletion} from '../completion.js';
import {saneTokenCount} from '../../core/findings/context.js';

/** The baseUrl without a trailing slash and without a trailing `/v1`. */
export function rootOf(baseUrl: string): string | undefined {
  const u = parseHttpUrl(baseUrl.trim());
  if (!u) return undefined;
  u.search = '';
  u.hash = '';
  const path = u.pathname.replace(/\/+$/, '').replace(/\/v1$/i, '');
  return `${u.origin}${path}`;
}

export function badUrl(baseUrl: string, opts?: ClientOptions): Failure {
  return fail('bad-url', `not an http(s) URL: ${baseUrl}`, now(), opts);
}

/** ClientOptions whose apiKey is bound to the baseUrl's own origin. */
export function scoped(root: string, opts?: ClientOptions): {opts?: ClientOptions; authOrigin: string} {
  return {opts, authOrigin: new URL(root).origin};
}

export type ResponsesSupport = 'yes' | 'no' | 'unknown';

/**
 * Asks whether POST /v1/responses exists with a body that no server can act
 * on (no model, no input), so it never loads a model: a validation error
 * means the route exists; 404/405 or LM Studio's 200 "Unexpected endpoint"
 * means it does not; anything else is unknown.
 */
export async function probeResponses(root: string, opts?: ClientOptions): Promise<ResponsesSupport> {
  const r = await send(`${root}/v1/responses`, {method: 'POST', json: {}, ...scoped(root, opts)});
  if (!r.ok) return 'unknown';
  const {status, text} = r.response;
  const parsed = tryParseJson(text);
  const err = parsed.ok ? errorText(parsed.value) : undefined;
  if (err && /Unexpected endpoint or method/i.test(err)) return 'no';
  if (status === 404 || status === 405 || status === 501) return 'no';
  if (status === 400 || status === 422) return 'yes';
  // llama-server answers a body it cannot parse with 500 (a json exception about the missing field):
  // the route exists. Other 5xx say nothing.
  if (status === 500 && err && /json|input|required|missing|field/i.test(err)) return 'yes';
  return 'unknown';
}

/** Semver-ish comparison that tolerates a leading v and missing parts. */
export function versionAtLeast(version: string | undefined, min: string): boolean | undefined {
  if (!version) return undefined;
  const parse = (v: string) => {
    const m = /(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(v);
    return m ? [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)] : undefined;
  };
  const a = parse(version);
  const b = parse(min);
  if (!a || !b) return undefined;
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] > b[i];
  return true;
}

export function ok<T extends object>(started: number, value: T): Result<T> {
  return {ok: true, elapsedMs: Math.round(now() - started), ...value} as Result<T>;
}

/** Quantization named in a GGUF file name, e.g. Qwen3-8B-Q4_K_M.gguf → Q4_K_M. */
export function quantFromPath(path: string | null | undefined): string | undefined {
  if (!path) return undefined;
  const m = /(?:^|[-_.:/])((?:I?Q\d(?:_[A-Z0-9]+)*)|BF16|F16|F32|FP8|MXFP4)(?=[-_.]|\.gguf|$)/i.exec(path);
  return m ? m[1].toUpperCase() : undefined;
}

export function defined<T extends Record<string, unknown>>(o: T): T {
  for (const k of Object.keys(o)) if (o[k] === undefined || o[k] === null) delete o[k];
  return o;
}

/** Every served model passes here: context numbers from the server are checked before anything uses them. */
export function model(m: ServedModel): ServedModel {
  const checked = {...m, loadedContext: saneTokenCount(m.loadedContext), maxContext: saneTokenCount(m.maxContext)};
  return defined(checked as unknown as Record<string, unknown>) as unknown as ServedModel;
}

/**
 * Builds an adapter from its listModels: the Responses probe (with an
 * optional fallback when the probe cannot tell) and the tiny completion are
 * the same for every server.
 */
export function makeAdapter(
  kind: ServerKind,
  listModels: (
    root: string,
    opts: ClientOptions | undefined,
    started: number,
  ) => Promise<Result<{models: ServedModel[]}>>,
  responsesFallback?: (root: string, opts: ClientOptions | undefined) => Promise<ResponsesSupport>,
): ServerAdapter {
  return {
    kind,
    async listModels(baseUrl, opts) {
      const started = now();
      const root = rootOf(baseUrl);
      if (!root) return badUrl(baseUrl, opts);
      return guarded(() => listModels(root, opts, started), started, opts);
    },
    async supportsResponses(baseUrl, opts) {
      const root = rootOf(baseUrl);
      if (!root) return 'unknown';
      try {
        const probed = await probeResponses(root, opts);
        return probed === 'unknown' && responsesFallback ? await responsesFallback(root, opts) : probed;
      } catch {
        return 'unknown';
      }
    },
    async tinyCompletion(baseUrl, modelId, api, opts) {
      const started = now();
      const root = rootOf(baseUrl);
      if (!root) return badUrl(baseUrl, opts);
      return guarded(() => tinyCompletion(root, modelId, api, opts), started, opts);
    },
  };
}

/** Our promise: typed results, never an exception, even from a bug of ours. */
export async function guarded<T extends object>(
  fn: () => Promise<Result<T>>,
  started: number,
  opts: ClientOptions | undefined,
): Promise<Result<T>> {
  try {
    return await fn();
  } catch (err) {
    return fail('other', `unexpected error: ${err instanceof Error ? err.message : String(err)}`, started, opts);
  }
}
