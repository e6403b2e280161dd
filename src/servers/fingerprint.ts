/**
 * Which server is behind a baseUrl. Order of the reference: Ollama's home
 * text, LM Studio's native APIs (or its 200 "Unexpected endpoint" bodies),
 * llama.cpp's /props and /health, vLLM's /version with its model list and
 * FastAPI 404s, exo's /state, LiteLLM's health routes, then any OpenAI-compatible list.
 * Never the status code alone: the bodies decide.
 */
import type {ClientOptions, Failure, FailureKind, Fingerprint, Result} from '../core/types/servers.js';
import {errorText, fail, now, send, tryParseJson} from './http.js';
import {badUrl, ok, rootOf, scoped} from './adapters/common.js';
import {EXO_STATE_MAX_BYTES} from './adapters/exo.js';
import {looksLikeExoState} from '../core/cluster/parse-state.js';

/** A probe answer: status and parsed body, or the failure. */
type Probe = {ok: true; status: number; text: string; json: unknown; elapsedMs: number} | Failure;

const GIVE_UP: FailureKind[] = ['refused', 'timeout', 'dns', 'tls', 'bad-url', 'other'];

/** Ollama's home text is tiny; llama-server serves its whole web UI there. */
const HOME_MAX_BYTES = 64 * 1024;

async function probe(root: string, path: string, opts: ClientOptions | undefined): Promise<Probe> {
  const r = await send(`${root}${path}`, scoped(root, opts));
  if (!r.ok) return r;
  const parsed = tryParseJson(r.response.text);
  return {
    ok: true,
    status: r.response.status,
    text: r.response.text,
    json: parsed.ok ? parsed.value : undefined,
    elapsedMs: r.elapsedMs,
  };
}

const obj = (v: unknown): Record<string, unknown> | undefined =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
const arr = (v: unknown): unknown[] | undefined => (Array.isArray(v) ? v : undefined);
const okJson = (p: Probe): Record<string, unknown> | undefined => (p.ok && p.status === 200 ? obj(p.json) : undefined);

function isLmUnexpected(p: Probe): boolean {
  return p.ok && p.status === 200 && /^Unexpected endpoint or method/i.test(errorText(p.json) ?? '');
}
function isLlamaLoading(p: Probe): boolean {
  const e = p.ok ? obj(obj(p.json)?.error) : undefined;
  return (
    !!p.ok && p.status === 503 && e?.type === 'unavailable_error' && /loading model/i.test(String(e.message ?? ''))
  );
}
function isFastApi404(p: Probe): boolean {
  return p.ok && p.status === 404 && obj(p.json)?.detail === 'Not Found';
}
function ownedBy(p: Probe): string | undefined {
  const first = obj(arr(okJson(p)?.data)?.[0]);
  return typeof first?.owned_by === 'string' ? first.owned_by : undefined;
}
function isAuth(p: Probe): boolean {
  return p.ok && (p.status === 401 || p.status === 403);
}

export async function fingerprintServer(
  baseUrl: string,
  opts?: ClientOptions,
): Promise<Result<{fingerprint: Fingerprint}>> {
  const started = now();
  const root = rootOf(baseUrl);
  if (!root) return badUrl(baseUrl, opts);
  const origin = root;
  const host = new URL(root).hostname.toLowerCase();
  if (host === 'openrouter.ai' || host.endsWith('.openrouter.ai')) {
    return ok(started, {fingerprint: {kind: 'openrouter', evidence: `host ${host}`, origin}});
  }

  // 1. Ollama says so on its home route. A dead port stops here.
  const home = await probe(root, '/', {...opts, maxBytes: Math.min(HOME_MAX_BYTES, opts?.maxBytes ?? HOME_MAX_BYTES)});
  if (!home.ok && GIVE_UP.includes(home.kind)) return home;
  const latencyMs = home.elapsedMs;
  if (home.ok && /^\s*Ollama is running/.test(home.text)) {
    const v = await probe(root, '/api/version', opts);
    const version = okJson(v)?.version;
    return ok(started, {
      fingerprint: {
        kind: 'ollama',
        ...(typeof version === 'string' ? {version} : {}),
        evidence: "GET / said 'Ollama is running'",
        origin,
        latencyMs,
      },
    });
  }

  // /health is left out here: on LiteLLM it makes a real call to every
  // deployment, so it is asked only once LiteLLM has been ruled out.
  const [v1, v0, props, version, models, live, ready] = await Promise.all(
    [
      '/api/v1/models',
      '/api/v0/models',
      '/props',
      '/version',
      '/v1/models',
      '/health/liveliness',
      '/health/readiness',
    ].map((p) => probe(root, p, opts)),
  );
  const all: Probe[] = [home, v1, v0, props, version, models, live, ready];
  // Answered GET / and then nothing: say so now instead of waiting on more probes.
  const stage2 = [v1, v0, props, version, models, live, ready];
  if (!models.ok && stage2.every((x) => !x.ok && GIVE_UP.includes(x.kind))) return models;
  const found = (kind: Fingerprint['kind'], evidence: string, extra: Partial<Fingerprint> = {}) => {
    const authRequired = all.some(isAuth);
    return ok(started, {
      fingerprint: {kind, evidence, origin, latencyMs, ...(authRequired ? {authRequired} : {}), ...extra},
    });
  };

  // 2. LM Studio
  const v1Models = arr(okJson(v1)?.models);
  if (v1Models?.every((m) => obj(m) && 'key' in obj(m)! && 'loaded_instances' in obj(m)!)) {
    return found('lmstudio', 'GET /api/v1/models lists models[] with key and loaded_instances', {
      versionRange: '>=0.4.0',
    });
  }
  if (isAuth(v1) && /LM Studio API token/i.test(v1.ok ? v1.text : '')) {
    return found('lmstudio', 'GET /api/v1/models asks for an LM Studio API token', {versionRange: '>=0.4.0'});
  }
  const v0Data = arr(okJson(v0)?.data);
  if (
    v0Data &&
    v0Data.length > 0 &&
    v0Data.every((m) => obj(m) && 'state' in obj(m)! && 'max_context_length' in obj(m)!)
  ) {
    return found('lmstudio', 'GET /api/v0/models lists data[] with state and max_context_length', {
      versionRange: isLmUnexpected(v1) ? '>=0.3.6 <0.4.0' : '>=0.3.6',
    });
  }
  if (all.some(isLmUnexpected)) {
    return found('lmstudio', 'answers 200 {"error":"Unexpected endpoint or method. (…)"} to routes it does not serve');
  }

  // 3. llama.cpp
  const p = okJson(props);
  if (p && obj(p.default_generation_settings) && typeof p.build_info === 'string') {
    const build = /^(b\d+)/.exec(p.build_info)?.[1] ?? p.build_info;
    return found('llamacpp', 'GET /props has default_generation_settings and build_info', {version: build});
  }
  if (all.some(isLlamaLoading)) {
    return found('llamacpp', 'answers 503 "Loading model" (unavailable_error): still loading', {loading: true});
  }
  if (ownedBy(models) === 'llamacpp') return found('llamacpp', 'GET /v1/models lists models owned_by llamacpp');
  const routerList = arr(okJson(models)?.data);
  if (routerList && routerList.length > 0 && routerList.every((m) => obj(obj(m)?.status)?.value !== undefined)) {
    return found('llamacpp', 'GET /v1/models lists data[].status.value (router mode)');
  }

  // 3b. exo: its model list says owned_by "exo" (api/types/api.py ModelListModel), and /state holds the
  // cluster's topology and node memory. Asked only then, so other servers get no extra request.
  if (ownedBy(models) === 'exo') {
    const st = await probe(root, '/state', {...opts, maxBytes: Math.max(opts?.maxBytes ?? 0, EXO_STATE_MAX_BYTES)});
    all.push(st);
    if (st.ok && st.status === 200 && looksLikeExoState(st.json))
      return found('exo', 'GET /state has topology, nodeMemory and instances');
    return found('exo', 'GET /v1/models lists models owned_by exo');
  }

  // 4. vLLM (strong sign)
  const vBody = okJson(version);
  const vVersion = typeof vBody?.version === 'string' ? vBody.version : undefined;
  if (ownedBy(models) === 'vllm') {
    return found('vllm', 'GET /v1/models lists models owned_by vllm', vVersion ? {version: vVersion} : {});
  }

  // 5. LiteLLM: its health routes are unique, so they go before the weaker rules that need /health.
  const readyBody = okJson(ready);
  const litellmVersion = typeof readyBody?.litellm_version === 'string' ? readyBody.litellm_version : undefined;
  if ((live.ok && live.status === 200 && live.json === "I'm alive!") || litellmVersion) {
    return found(
      'litellm',
      litellmVersion ? 'GET /health/readiness has litellm_version' : `GET /health/liveliness said "I'm alive!"`,
      litellmVersion ? {version: litellmVersion} : {},
    );
  }
  if (all.some((x) => isAuth(x) && obj(obj(x.ok ? x.json : undefined)?.error)?.type === 'auth_error')) {
    return found('litellm', '401 with type auth_error');
  }

  // Weaker signs that need /health: llama.cpp {"status":"ok"}, vLLM's empty 200.
  const health = await probe(root, '/health', opts);
  all.push(health);
  const healthOk = okJson(health)?.status === 'ok';
  if (healthOk && (isAuth(props) || /File Not Found/.test(home.ok ? home.text : ''))) {
    return found('llamacpp', 'GET /health said {"status":"ok"} and other routes answer like llama-server');
  }
  const emptyHealth = health.ok && health.status === 200 && health.text.trim() === '';
  const unauthorizedV1 = models.ok && models.status === 401 && obj(models.json)?.error === 'Unauthorized';
  // Another server that names itself in owned_by (SGLang, ...) is not vLLM, whatever its /version says.
  const otherOwner = ownedBy(models) !== undefined;
  if (vVersion && !otherOwner && (emptyHealth || unauthorizedV1 || all.some(isFastApi404))) {
    const why = emptyHealth
      ? '/health answered 200 with an empty body'
      : unauthorizedV1
        ? '/v1 asks for a key'
        : '404s are {"detail":"Not Found"}';
    return found('vllm', `GET /version said ${vVersion} and ${why}`, {version: vVersion});
  }

  // 6. Anything that lists OpenAI models.
  if (arr(okJson(models)?.data)) {
    const by = ownedBy(models);
    return found('openai-compatible', `GET /v1/models lists an OpenAI model list${by ? ` (owned_by ${by})` : ''}`);
  }
  if (isAuth(models))
    return found('openai-compatible', `GET /v1/models asks for an API key (${models.ok ? models.status : ''})`);

  // Nothing known answered: report what /v1/models did.
  if (!models.ok) return models;
  const where = `${new URL(root).host}`;
  if (models.status !== 200) {
    return fail(
      `http-${models.status}`,
      `${where} answers HTTP but shows no known model-server API (GET /v1/models: ${models.status})`,
      started,
      opts,
      {
        status: models.status,
        bodyExcerpt: models.text,
      },
    );
  }
  if (models.json === undefined)
    return fail('not-json', `${where} answered GET /v1/models with something that is not JSON`, started, opts, {
      status: 200,
      bodyExcerpt: models.text,
    });
  const err = errorText(models.json);
  if (err)
    return fail('error-body', `${where} answered GET /v1/models with an error: ${err}`, started, opts, {
      status: 200,
      bodyExcerpt: models.text,
    });
  return fail('bad-shape', `${where} answered GET /v1/models with an unexpected shape`, started, opts, {
    status: 200,
    bodyExcerpt: models.text,
  });
}
