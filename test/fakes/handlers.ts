/**
 * Per-kind behaviour of the fake servers. Bodies follow the documented and
 * observed responses of each real server (status codes, envelopes, wording).
 */
import type {IncomingHttpHeaders, ServerResponse} from 'node:http';
import type {FakeKind, FakeModel, FakeState} from './index.js';
import {defaultVersion} from './defaults.js';

export interface FakeRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

interface Ctx {
  state: FakeState;
  req: FakeRequest;
  res: ServerResponse;
  method: string;
  path: string;
  query: URLSearchParams;
  json: Record<string, unknown> | undefined;
}

const CREATED = 1760000000;

export async function handle(state: FakeState, req: FakeRequest, res: ServerResponse): Promise<void> {
  const url = new URL(req.url, 'http://fake.invalid');
  const ctx: Ctx = {
    state,
    req,
    res,
    method: req.method.toUpperCase(),
    path: url.pathname,
    query: url.searchParams,
    json: parseObject(req.body),
  };
  const {opts} = state;
  if (opts.redirectTo) {
    res.writeHead(302, {location: opts.redirectTo.replace(/\/$/, '') + req.url, 'content-type': 'text/plain'});
    res.end('Found');
    return;
  }
  if (opts.garbage) {
    res.writeHead(200, {'content-type': 'application/json'});
    res.end('<!doctype html><html><body>Welcome to nginx! {"almost": json</body></html>');
    return;
  }
  if (opts.hugeBody) return sendHuge(res);
  if (state.kind === 'llamacpp' && opts.loading) {
    return sendJson(res, 503, {error: {code: 503, message: 'Loading model', type: 'unavailable_error'}});
  }
  if (!authorized(ctx)) return;
  switch (state.kind) {
    case 'lmstudio':
    case 'lmstudio-0.3':
      return lmstudio(ctx);
    case 'vllm':
      return vllm(ctx);
    case 'litellm':
      return litellm(ctx);
    case 'ollama':
      return ollama(ctx);
    case 'llamacpp':
      return llamacpp(ctx);
    case 'openai-compatible':
      return openaiCompatible(ctx);
  }
}

// ---------------------------------------------------------------- helpers

function parseObject(body: string): Record<string, unknown> | undefined {
  if (!body) return undefined;
  try {
    const v: unknown = JSON.parse(body);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

function sendText(res: ServerResponse, status: number, text: string, type = 'text/plain; charset=utf-8'): void {
  res.writeHead(status, {'content-type': type, 'content-length': Buffer.byteLength(text)});
  res.end(text);
}

/** A valid-looking JSON list of ~2 MB, written in chunks so a client can stop early. */
function sendHuge(res: ServerResponse): void {
  res.writeHead(200, {'content-type': 'application/json'});
  const entry = JSON.stringify({id: 'x'.repeat(200), object: 'model', owned_by: 'padding'});
  let written = 0;
  res.write('{"object":"list","data":[');
  const pump = (): void => {
    while (written < 10_000) {
      const ok = res.write((written ? ',' : '') + entry);
      written++;
      if (!ok) {
        res.once('drain', pump);
        return;
      }
    }
    res.end(']}');
  };
  res.on('close', () => (written = Infinity));
  pump();
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

function bearer(ctx: Ctx): string | undefined {
  const h = ctx.req.headers.authorization;
  const m = typeof h === 'string' ? /^Bearer\s+(.+)$/i.exec(h.trim()) : null;
  return m ? m[1] : undefined;
}

function version(state: FakeState): string {
  return state.opts.version ?? defaultVersion(state.kind);
}

function compareVersions(a: string, b: string): number {
  const pa = a
    .replace(/^v/, '')
    .split('.')
    .map((x) => parseInt(x, 10) || 0);
  const pb = b
    .replace(/^v/, '')
    .split('.')
    .map((x) => parseInt(x, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d) return d;
  }
  return 0;
}

function responsesEnabled(state: FakeState): boolean {
  if (state.opts.responses !== undefined) return state.opts.responses;
  if (state.kind === 'lmstudio-0.3') return compareVersions(version(state), '0.3.29') >= 0;
  if (state.kind === 'ollama') return compareVersions(version(state), '0.13.3') >= 0;
  return true;
}

function isLoaded(m: FakeModel): boolean {
  return m.loaded !== false;
}

function findModel(state: FakeState, id: unknown): FakeModel | undefined {
  return typeof id === 'string' ? state.models.find((m) => m.id === id) : undefined;
}

/** Rough token count of everything the client sent as text (4 chars a token). */
export function estimateFakeTokens(body: unknown): number {
  let chars = 0;
  const walk = (v: unknown, key?: string): void => {
    if (typeof v === 'string') {
      if (key !== 'model' && key !== 'role' && key !== 'type') chars += v.length;
    } else if (Array.isArray(v)) v.forEach((x) => walk(x));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, k);
  };
  if (body && typeof body === 'object') {
    const b = body as Record<string, unknown>;
    walk(b.messages);
    walk(b.input);
    walk(b.instructions);
    walk(b.prompt);
  }
  return Math.ceil(chars / 4);
}

// ---------------------------------------------------------------- auth

function authorized(ctx: Ctx): boolean {
  const {state, path, res} = ctx;
  const key = state.opts.apiKey;
  if (!key) return true;
  const given = bearer(ctx);
  if (given === key) return true;
  switch (state.kind) {
    case 'lmstudio':
      if (!given) {
        sendJson(res, 401, {
          error: {
            type: 'invalid_request',
            code: 'invalid_api_key',
            message:
              "An LM Studio API token is required to make requests to this server, but none was provided using the Authorization header using the 'Bearer' scheme (i.e., 'Authorization: Bearer $LM_API_TOKEN'). Learn more at: https://lmstudio.ai/docs/developer/core/authentication.",
          },
        });
      } else {
        sendJson(res, 401, {
          error: {
            type: 'invalid_request',
            code: 'invalid_api_key',
            message: 'The provided LM Studio API token is invalid.',
          },
        });
      }
      return false;
    case 'lmstudio-0.3':
    case 'ollama':
      return true; // no local auth on these
    case 'vllm':
      if (!/^\/(v1|v2|inference)(\/|$)/.test(path)) return true;
      sendJson(res, 401, {error: 'Unauthorized'});
      return false;
    case 'litellm':
      if (/^\/health\/(liveliness|liveness|readiness)$/.test(path) || path === '/') return true;
      if (!given) {
        sendJson(res, 401, {
          error: {
            message: 'Authentication Error, No api key passed in.',
            type: 'auth_error',
            param: 'None',
            code: '401',
          },
        });
      } else {
        sendJson(res, 401, {
          error: {
            message:
              'Authentication Error, Invalid proxy server token passed. Received API Key = sk-...' +
              given.slice(-4) +
              ', Key Hash (Token) =' +
              'e3b0c44298fc1c14. Unable to find token in cache or `LiteLLM_VerificationTokenTable`',
            type: 'auth_error',
            param: 'None',
            code: '401',
          },
        });
      }
      return false;
    case 'llamacpp':
      if (['/', '/health', '/v1/health', '/models', '/v1/models'].includes(path)) return true;
      sendJson(res, 401, {error: {code: 401, message: 'Invalid API Key', type: 'authentication_error'}});
      return false;
    case 'openai-compatible':
      if (!path.startsWith('/v1')) return true;
      // Echoes the key it got, as some servers do: our client must redact it.
      sendJson(res, 401, {
        error: {
          message: given
            ? `Incorrect API key provided: ${given}. You can find your API key in your settings.`
            : "You didn't provide an API key.",
          type: 'invalid_request_error',
          param: null,
          code: 'invalid_api_key',
        },
      });
      return false;
  }
}

// ---------------------------------------------------------------- completions (shared)

type Api = 'chat' | 'responses';

interface CompletionRules {
  /** Answers the model check; returns true when it sent an error. */
  rejectModel(ctx: Ctx, model: unknown, api: Api): Promise<boolean> | boolean;
  overflow(prompt: number, limit: number): {status: number; body: unknown};
}

async function completion(ctx: Ctx, api: Api, rules: CompletionRules): Promise<void> {
  const {state, res, json} = ctx;
  if (!json) {
    return sendJson(res, 400, {
      error: {message: 'Request body must be a JSON object', type: 'invalid_request_error', param: null, code: null},
    });
  }
  if (api === 'responses' && (json.model === undefined || json.input === undefined)) {
    return responsesValidation(ctx);
  }
  if (api === 'chat' && !Array.isArray(json.messages)) {
    return sendJson(res, 400, {
      error: {
        message: "'messages' is a required property",
        type: 'invalid_request_error',
        param: 'messages',
        code: null,
      },
    });
  }
  if (await rules.rejectModel(ctx, json.model, api)) return;
  const running = state.opts.enforceLoadedContext
    ? (findModel(state, json.model) ?? state.models.find(isLoaded))?.loadedContext
    : undefined;
  const limit = state.opts.contextErrorAt ?? running;
  const tools =
    state.opts.enforceLoadedContext && Array.isArray(json.tools) ? Math.ceil(JSON.stringify(json.tools).length / 4) : 0;
  const output =
    state.opts.enforceLoadedContext && state.kind === 'vllm'
      ? Number(json.max_tokens ?? json.max_completion_tokens ?? json.max_output_tokens ?? 0) || 0
      : 0;
  const prompt = estimateFakeTokens(json) + tools + output;
  if (limit !== undefined && prompt > limit) {
    const {status, body} = rules.overflow(prompt, limit);
    return sendJson(res, status, body);
  }
  const delay = state.opts.firstTokenDelayMs ?? 0;
  const model = typeof json.model === 'string' ? json.model : (state.models.find(isLoaded)?.id ?? 'model');
  const stream = json.stream === true;
  if (api === 'chat') return chatAnswer(res, model, stream, delay, prompt);
  return responsesAnswer(res, model, stream, delay, prompt);
}

/** A body that is valid JSON but lacks model/input: each server's validation error. */
function responsesValidation(ctx: Ctx): void {
  const {state, res} = ctx;
  switch (state.kind) {
    case 'vllm':
      return sendJson(res, 400, {
        error: {
          message: "[{'type': 'missing', 'loc': ('body', 'input'), 'msg': 'Field required', 'input': {}}]",
          type: 'BadRequestError',
          param: null,
          code: 400,
        },
      });
    case 'litellm':
      return sendJson(res, 400, {
        error: {
          message: 'litellm.BadRequestError: Invalid model name passed in model=None',
          type: 'invalid_request_error',
          param: 'None',
          code: '400',
        },
      });
    case 'ollama':
      return sendJson(res, 400, {
        error: {message: 'model is required', type: 'invalid_request_error', param: null, code: null},
      });
    case 'llamacpp':
      return sendJson(res, 400, {error: {code: 400, message: "'input' is required", type: 'invalid_request_error'}});
    case 'lmstudio':
    case 'lmstudio-0.3':
      return sendJson(res, 400, {
        error: {
          message: "Invalid request: 'model' is required",
          type: 'invalid_request_error',
          param: 'model',
          code: null,
        },
      });
    case 'openai-compatible':
      return sendJson(res, 400, {
        error: {
          message: "Missing required parameter: 'model'.",
          type: 'invalid_request_error',
          param: 'model',
          code: 'missing_required_parameter',
        },
      });
  }
}

async function chatAnswer(
  res: ServerResponse,
  model: string,
  stream: boolean,
  delay: number,
  prompt: number,
): Promise<void> {
  const id = 'chatcmpl-fake1';
  if (!stream) {
    await sleep(delay);
    return sendJson(res, 200, {
      id,
      object: 'chat.completion',
      created: CREATED,
      model,
      choices: [{index: 0, message: {role: 'assistant', content: 'Hello!'}, finish_reason: 'stop'}],
      usage: {prompt_tokens: prompt, completion_tokens: 2, total_tokens: prompt + 2},
    });
  }
  res.writeHead(200, {'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive'});
  res.flushHeaders();
  await sleep(delay);
  const chunk = (delta: Record<string, unknown>, finish: string | null): string =>
    `data: ${JSON.stringify({id, object: 'chat.completion.chunk', created: CREATED, model, choices: [{index: 0, delta, finish_reason: finish}]})}\n\n`;
  res.write(chunk({role: 'assistant', content: ''}, null));
  res.write(chunk({content: 'Hello'}, null));
  await sleep(5);
  res.write(chunk({content: '!'}, null));
  res.write(chunk({}, 'stop'));
  res.end('data: [DONE]\n\n');
}

async function responsesAnswer(
  res: ServerResponse,
  model: string,
  stream: boolean,
  delay: number,
  prompt: number,
): Promise<void> {
  const response = (status: string, text: string) => ({
    id: 'resp_fake1',
    object: 'response',
    created_at: CREATED,
    status,
    model,
    output: text
      ? [
          {
            type: 'message',
            id: 'msg_fake1',
            status: 'completed',
            role: 'assistant',
            content: [{type: 'output_text', text, annotations: []}],
          },
        ]
      : [],
    usage: text ? {input_tokens: prompt, output_tokens: 2, total_tokens: prompt + 2} : null,
  });
  if (!stream) {
    await sleep(delay);
    return sendJson(res, 200, response('completed', 'Hello!'));
  }
  res.writeHead(200, {'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive'});
  res.flushHeaders();
  const event = (type: string, data: Record<string, unknown>): string =>
    `event: ${type}\ndata: ${JSON.stringify({type, ...data})}\n\n`;
  res.write(event('response.created', {response: response('in_progress', '')}));
  await sleep(delay);
  res.write(
    event('response.output_text.delta', {item_id: 'msg_fake1', output_index: 0, content_index: 0, delta: 'Hello'}),
  );
  await sleep(5);
  res.write(event('response.output_text.delta', {item_id: 'msg_fake1', output_index: 0, content_index: 0, delta: '!'}));
  res.end(event('response.completed', {response: response('completed', 'Hello!')}));
}

// ---------------------------------------------------------------- LM Studio

function lmUnexpected(ctx: Ctx): void {
  sendJson(
    ctx.res,
    200,
    {error: `Unexpected endpoint or method. (${ctx.method} ${ctx.path})`},
    {'x-powered-by': 'Express'},
  );
}

function lmV1Model(m: FakeModel, state: FakeState) {
  const [publisher] = m.id.includes('/') ? m.id.split('/') : ['local'];
  const ctxLen = m.loadedContext ?? state.opts.coldLoadContext ?? 4096;
  return {
    type: 'llm',
    publisher,
    key: m.id,
    display_name: m.id.split('/').pop(),
    architecture: 'qwen3',
    quantization: m.quantization ? {name: m.quantization, bits_per_weight: 4} : null,
    size_bytes: m.sizeBytes ?? 5027783488,
    params_string: '8B',
    loaded_instances: isLoaded(m)
      ? [
          {
            id: m.id,
            config: {
              context_length: ctxLen,
              eval_batch_size: 512,
              parallel: 4,
              flash_attention: true,
              offload_kv_cache_to_gpu: true,
            },
          },
        ]
      : [],
    max_context_length: m.maxContext ?? Math.max(131072, m.loadedContext ?? 0),
    format: 'gguf',
    capabilities: {vision: false, trained_for_tool_use: m.toolUse ?? false},
    description: null,
  };
}

function lmV0Model(m: FakeModel, state: FakeState) {
  const [publisher] = m.id.includes('/') ? m.id.split('/') : ['local'];
  return {
    id: m.id,
    object: 'model',
    type: 'llm',
    publisher,
    arch: 'qwen3',
    compatibility_type: 'gguf',
    quantization: m.quantization ?? 'Q4_K_M',
    state: isLoaded(m) ? 'loaded' : 'not-loaded',
    max_context_length: m.maxContext ?? Math.max(131072, m.loadedContext ?? 0),
    ...(isLoaded(m) ? {loaded_context_length: m.loadedContext ?? state.opts.coldLoadContext ?? 4096} : {}),
    ...(m.toolUse ? {capabilities: ['tool_use']} : {}),
  };
}

async function lmstudio(ctx: Ctx): Promise<void> {
  const {state, res, method, path} = ctx;
  const modern = state.kind === 'lmstudio';
  const withExpress = {'x-powered-by': 'Express'};
  if (method === 'GET' && path === '/v1/models') {
    return sendJson(
      res,
      200,
      {object: 'list', data: state.models.map((m) => ({id: m.id, object: 'model', owned_by: 'organization_owner'}))},
      withExpress,
    );
  }
  if (method === 'GET' && path === '/api/v0/models') {
    return sendJson(res, 200, {object: 'list', data: state.models.map((m) => lmV0Model(m, state))}, withExpress);
  }
  if (modern && method === 'GET' && path === '/api/v1/models') {
    return sendJson(res, 200, {models: state.models.map((m) => lmV1Model(m, state))}, withExpress);
  }
  if (modern && method === 'POST' && path === '/api/v1/models/load') {
    const model = findModel(state, ctx.json?.model);
    if (!model)
      return sendJson(res, 400, {
        error: {
          message: `Model "${String(ctx.json?.model)}" not found`,
          type: 'invalid_request',
          code: 'model_not_found',
        },
      });
    const requested = ctx.json?.context_length;
    const want =
      typeof requested === 'number' ? requested : (model.loadedContext ?? state.opts.coldLoadContext ?? 4096);
    if (state.opts.loadLimit !== undefined && want > state.opts.loadLimit) {
      // LM Studio's load failure (local-servers.md §Errors: "Failed to load model", 400/500 unverified). The instance
      // loaded before stays as it was.
      return sendJson(res, 500, {
        error: `Failed to load model "${model.id}". Error: Model loading was stopped due to insufficient system resources (context length ${want}).`,
      });
    }
    model.loaded = true;
    model.loadedContext =
      typeof requested === 'number' ? requested : (model.loadedContext ?? state.opts.coldLoadContext ?? 4096);
    return sendJson(res, 200, {
      type: 'llm',
      instance_id: model.id,
      load_time_seconds: 9.1,
      status: 'loaded',
      load_config: {
        context_length: model.loadedContext,
        eval_batch_size: 512,
        flash_attention: true,
        offload_kv_cache_to_gpu: true,
      },
    });
  }
  if (method === 'POST' && (path === '/v1/chat/completions' || path === '/v1/responses')) {
    if (path === '/v1/responses' && !responsesEnabled(state)) return lmUnexpected(ctx);
    return completion(ctx, path === '/v1/responses' ? 'responses' : 'chat', {
      rejectModel(c, id) {
        const m = findModel(state, id);
        if (!m) {
          if (!state.models.some(isLoaded)) {
            sendJson(c.res, 400, {
              error: {
                message: "No models loaded. Please load a model in the developer page or use the 'lms load' command.",
                type: 'invalid_request_error',
                param: 'model',
                code: null,
              },
            });
          } else {
            sendJson(c.res, 400, {
              error: {
                message: `Invalid model identifier "${String(id)}". Please specify a valid downloaded model (e.g., ${state.models.map((x) => x.id).join(', ')}).`,
                type: 'invalid_request_error',
                param: 'model',
                code: 'model_not_found',
              },
            });
          }
          return true;
        }
        const cold = m.loadedContext ?? state.opts.coldLoadContext ?? 4096;
        if (
          !isLoaded(m) &&
          (state.opts.jit === false || (state.opts.loadLimit !== undefined && cold > state.opts.loadLimit))
        ) {
          // JIT off or a failed load: 400 "No models loaded" (local-servers.md §Errors, observed).
          sendJson(c.res, 400, {
            error: {
              message: "No models loaded. Please load a model in the developer page or use the 'lms load' command.",
              type: 'invalid_request_error',
              param: 'model',
              code: null,
            },
          });
          return true;
        }
        if (!isLoaded(m)) {
          // JIT: the request loads the model (the delay stands for the load time).
          m.loaded = true;
          m.loadedContext = m.loadedContext ?? state.opts.coldLoadContext ?? 4096;
        }
        return false;
      },
      overflow(prompt, limit) {
        return modern
          ? {
              status: 400,
              body: {
                error: `The number of tokens to keep from the initial prompt is greater than the context length (n_keep: ${prompt}>= n_ctx: ${limit}). Try to load the model with a larger context length, or provide a shorter input.`,
              },
            }
          : {
              status: 400,
              body: {
                error: `Trying to keep the first ${prompt} tokens when context the overflows. However, the model is loaded with context length of only ${limit} tokens, which is not enough. Try to load the model with a larger context length, or provide a shorter input`,
              },
            };
      },
    });
  }
  return lmUnexpected(ctx);
}

// ---------------------------------------------------------------- vLLM

function fastApiNotFound(res: ServerResponse): void {
  sendJson(res, 404, {detail: 'Not Found'});
}

async function vllm(ctx: Ctx): Promise<void> {
  const {state, res, method, path} = ctx;
  const served = state.models.filter(isLoaded);
  const maxLen = (m: FakeModel) => m.loadedContext ?? m.maxContext ?? 32768;
  if (method === 'GET' && path === '/health') {
    res.writeHead(200, {'content-length': 0});
    return void res.end();
  }
  if (method === 'GET' && path === '/version') return sendJson(res, 200, {version: version(state)});
  if (method === 'GET' && path === '/v1/models') {
    return sendJson(res, 200, {
      object: 'list',
      data: served.map((m) => ({
        id: m.id,
        object: 'model',
        created: CREATED,
        owned_by: 'vllm',
        root: m.id,
        parent: null,
        max_model_len: maxLen(m),
        permission: [
          {
            id: 'modelperm-abc',
            object: 'model_permission',
            created: CREATED,
            allow_create_engine: false,
            allow_sampling: true,
            allow_logprobs: true,
            allow_search_indices: false,
            allow_view: true,
            allow_fine_tuning: false,
            organization: '*',
            group: null,
            is_blocking: false,
          },
        ],
      })),
    });
  }
  if (method === 'POST' && path === '/tokenize') {
    const count = estimateFakeTokens(ctx.json ?? {});
    return sendJson(res, 200, {
      count,
      max_model_len: served[0] ? maxLen(served[0]) : 0,
      tokens: Array.from({length: count}, (_, i) => 1000 + i),
    });
  }
  if (method === 'POST' && (path === '/v1/chat/completions' || path === '/v1/responses')) {
    if (path === '/v1/responses' && !responsesEnabled(state)) return fastApiNotFound(res);
    return completion(ctx, path === '/v1/responses' ? 'responses' : 'chat', {
      rejectModel(c, id) {
        if (served.some((m) => m.id === id)) return false;
        sendJson(c.res, 404, {
          error: {
            message: `The model \`${String(id)}\` does not exist.`,
            type: 'NotFoundError',
            param: 'model',
            code: 404,
          },
        });
        return true;
      },
      overflow(prompt, limit) {
        return {
          status: 400,
          body: {
            error: {
              message: `This model's maximum context length is ${limit} tokens. However, your request has ${prompt} input tokens. Please reduce the length of the input messages.`,
              type: 'BadRequestError',
              param: null,
              code: 400,
            },
          },
        };
      },
    });
  }
  return fastApiNotFound(res);
}

// ---------------------------------------------------------------- LiteLLM

async function litellm(ctx: Ctx): Promise<void> {
  const {state, res, method, path} = ctx;
  const models = state.models;
  if (method === 'GET' && path === '/') {
    return sendText(
      res,
      200,
      '<!DOCTYPE html><html><head><title>LiteLLM API - Swagger UI</title></head><body><div id="swagger-ui"></div></body></html>',
      'text/html; charset=utf-8',
    );
  }
  if (method === 'GET' && (path === '/health/liveliness' || path === '/health/liveness'))
    return sendJson(res, 200, "I'm alive!");
  if (method === 'GET' && path === '/health/readiness') {
    return sendJson(res, 200, {
      status: 'connected',
      db: 'Not connected',
      cache: null,
      litellm_version: version(state),
      success_callbacks: [],
    });
  }
  if (method === 'GET' && (path === '/v1/models' || path === '/models')) {
    return sendJson(res, 200, {
      data: models.map((m) => ({id: m.id, object: 'model', created: 1677610602, owned_by: 'openai'})),
      object: 'list',
    });
  }
  if (method === 'GET' && (path === '/model/info' || path === '/v1/model/info')) {
    return sendJson(res, 200, {
      data: models.map((m) => ({
        model_name: m.id,
        litellm_params: {model: `hosted_vllm/${m.id}`, api_base: 'http://localhost:8000/v1'},
        model_info: {
          id: 'e889baacd17f',
          db_model: false,
          key: `hosted_vllm/${m.id}`,
          max_tokens: m.loadedContext ?? null,
          max_input_tokens: m.loadedContext ?? null,
          max_output_tokens: null,
          input_cost_per_token: 0,
          output_cost_per_token: 0,
          litellm_provider: 'hosted_vllm',
          mode: 'chat',
          supports_function_calling: m.toolUse ?? null,
        },
      })),
    });
  }
  if (method === 'GET' && path === '/health') {
    return sendJson(res, 200, {
      healthy_endpoints: models
        .filter(isLoaded)
        .map((m) => ({model: `hosted_vllm/${m.id}`, api_base: 'http://localhost:8000/v1'})),
      unhealthy_endpoints: [],
      healthy_count: models.filter(isLoaded).length,
      unhealthy_count: 0,
    });
  }
  const chat = path === '/v1/chat/completions' || path === '/chat/completions';
  const resp = path === '/v1/responses' || path === '/responses';
  if (method === 'POST' && (chat || resp)) {
    if (resp && !responsesEnabled(state)) return fastApiNotFound(res);
    return completion(ctx, resp ? 'responses' : 'chat', {
      rejectModel(c, id) {
        const m = findModel(state, id);
        if (!m) {
          sendJson(c.res, 400, {
            error: {
              message: `/chat/completions: Invalid model name passed in model=${String(id)}. Call \`/v1/models\` to view available models for your key.`,
              type: 'None',
              param: 'None',
              code: '400',
            },
          });
          return true;
        }
        if (!isLoaded(m)) {
          sendJson(c.res, 429, {
            error: {
              message: `No deployments available for selected model, Try again in 5 seconds. Passed model=${m.id}. pre-call-checks=False, allowed_model_region=n/a`,
              type: 'None',
              param: 'None',
              code: '429',
            },
          });
          return true;
        }
        return false;
      },
      overflow(prompt, limit) {
        const inner = JSON.stringify({
          error: {
            code: 400,
            message: `request (${prompt} tokens) exceeds the available context size (${limit} tokens), try increasing it`,
            type: 'exceed_context_size_error',
            n_prompt_tokens: prompt,
            n_ctx: limit,
          },
        });
        return {
          status: 400,
          body: {
            error: {
              message: `litellm.ContextWindowExceededError: litellm.BadRequestError: ContextWindowExceededError: OpenAIException - ${inner}`,
              type: null,
              param: null,
              code: '400',
            },
          },
        };
      },
    });
  }
  return fastApiNotFound(res);
}

// ---------------------------------------------------------------- Ollama

function ollamaDetails(m: FakeModel) {
  if (m.ollamaDetails) return m.ollamaDetails;
  return {
    parent_model: '',
    format: 'gguf',
    family: 'qwen3',
    families: ['qwen3'],
    parameter_size: '8.2B',
    quantization_level: m.quantization ?? 'Q4_K_M',
  };
}

function ollamaName(id: unknown): string {
  const s = String(id ?? '');
  return s.includes(':') ? s : `${s}:latest`;
}

function ollamaFind(state: FakeState, id: unknown): FakeModel | undefined {
  if (typeof id !== 'string') return undefined;
  return state.models.find((m) => ollamaName(m.id) === ollamaName(id));
}

function ollamaLoad(state: FakeState, m: FakeModel): void {
  if (!isLoaded(m)) {
    m.loaded = true;
    m.loadedContext = m.loadedContext ?? state.opts.coldLoadContext ?? 4096;
  }
}

async function ollama(ctx: Ctx): Promise<void> {
  const {state, res, method, path} = ctx;
  if ((method === 'GET' || method === 'HEAD') && path === '/') return sendText(res, 200, 'Ollama is running');
  if (method === 'GET' && path === '/api/version') return sendJson(res, 200, {version: version(state)});
  if (method === 'GET' && path === '/api/tags') {
    return sendJson(res, 200, {
      models: state.models.map((m) => ({
        name: m.id,
        model: m.id,
        modified_at: '2025-10-01T10:00:00.000000000-07:00',
        size: m.sizeBytes ?? 5225388164,
        digest: '500a1f067a9f',
        details: ollamaDetails(m),
      })),
    });
  }
  if (method === 'GET' && path === '/api/ps') {
    const withCtx = compareVersions(version(state), '0.10.0') >= 0;
    return sendJson(res, 200, {
      models: state.models.filter(isLoaded).map((m) => ({
        name: m.id,
        model: m.id,
        size: Math.round((m.sizeBytes ?? 5225388164) * 1.27),
        digest: '500a1f067a9f',
        details: ollamaDetails(m),
        expires_at: '2025-10-01T10:05:00.000000000-07:00',
        size_vram: Math.round((m.sizeBytes ?? 5225388164) * 1.27),
        ...(withCtx ? {context_length: m.loadedContext ?? state.opts.coldLoadContext ?? 4096} : {}),
      })),
    });
  }
  if (method === 'POST' && path === '/api/show') {
    const m = ollamaFind(state, ctx.json?.model ?? ctx.json?.name);
    if (!m) return sendJson(res, 404, {error: `model '${String(ctx.json?.model ?? ctx.json?.name)}' not found`});
    return sendJson(res, 200, {
      parameters: 'temperature 0.6',
      template: '{{ .Prompt }}',
      details: ollamaDetails(m),
      model_info: m.modelInfo ?? {
        'general.architecture': 'qwen3',
        'qwen3.context_length': m.maxContext ?? 40960,
        'qwen3.block_count': 36,
      },
      capabilities: m.toolUse === false ? ['completion'] : ['completion', 'tools', 'thinking'],
      modified_at: '2025-10-01T10:00:00-07:00',
    });
  }
  if (method === 'GET' && path === '/v1/models') {
    return sendJson(res, 200, {
      object: 'list',
      data: state.models.map((m) => ({id: m.id, object: 'model', created: 1759338000, owned_by: 'library'})),
    });
  }
  const overflow = () => ({
    status: 400,
    body: {
      error:
        'the prompt is longer than the context length currently available to the model; shorten the prompt, adjust the context length in settings, or use a model with a longer context length',
    },
  });
  if (method === 'POST' && path === '/api/chat') return ollamaChat(ctx, overflow);
  if (method === 'POST' && (path === '/v1/chat/completions' || path === '/v1/responses')) {
    if (path === '/v1/responses' && !responsesEnabled(state)) return sendText(res, 404, '404 page not found');
    return completion(ctx, path === '/v1/responses' ? 'responses' : 'chat', {
      rejectModel(c, id) {
        const m = ollamaFind(state, id);
        if (!m) {
          sendJson(c.res, 404, {
            error: {message: `model '${String(id)}' not found`, type: 'not_found_error', param: null, code: null},
          });
          return true;
        }
        ollamaLoad(state, m);
        return false;
      },
      overflow,
    });
  }
  return sendText(res, 404, '404 page not found');
}

async function ollamaChat(ctx: Ctx, overflow: () => {status: number; body: unknown}): Promise<void> {
  const {state, res, json} = ctx;
  if (!json) return sendJson(res, 400, {error: 'invalid JSON body'});
  const m = ollamaFind(state, json.model);
  if (!m) return sendJson(res, 404, {error: `model '${String(json.model)}' not found`});
  const prompt = estimateFakeTokens(json);
  if (state.opts.contextErrorAt !== undefined && prompt > state.opts.contextErrorAt) {
    const o = overflow();
    return sendJson(res, o.status, o.body);
  }
  ollamaLoad(state, m);
  const delay = state.opts.firstTokenDelayMs ?? 0;
  const at = '2025-10-01T17:00:00.000000Z';
  const final = {
    model: m.id,
    created_at: at,
    message: {role: 'assistant', content: ''},
    done: true,
    done_reason: 'stop',
    total_duration: 1e8,
    load_duration: delay * 1e6,
    prompt_eval_count: prompt,
    eval_count: 2,
  };
  if (json.stream === false) {
    await sleep(delay);
    return sendJson(res, 200, {...final, message: {role: 'assistant', content: 'Hello!'}});
  }
  res.writeHead(200, {'content-type': 'application/x-ndjson'});
  res.flushHeaders();
  await sleep(delay);
  res.write(
    JSON.stringify({model: m.id, created_at: at, message: {role: 'assistant', content: 'Hello'}, done: false}) + '\n',
  );
  await sleep(5);
  res.write(
    JSON.stringify({model: m.id, created_at: at, message: {role: 'assistant', content: '!'}, done: false}) + '\n',
  );
  res.end(JSON.stringify(final) + '\n');
}

// ---------------------------------------------------------------- llama.cpp

function llamaNotFound(res: ServerResponse): void {
  sendJson(res, 404, {error: {code: 404, message: 'File Not Found', type: 'not_found_error'}});
}

function llamaProps(m: FakeModel | undefined, state: FakeState) {
  return {
    default_generation_settings: {
      id: 0,
      id_task: -1,
      n_ctx: m ? (m.loadedContext ?? 8192) : 0,
      speculative: false,
      is_processing: false,
      params: {n_predict: -1, temperature: 0.8, n_keep: 0},
    },
    total_slots: 1,
    model_path: m ? (m.ggufPath ?? `/models/${m.id}.gguf`) : '',
    chat_template: '...',
    chat_template_caps: {},
    modalities: {vision: false},
    build_info: `${version(state)}-abc1234`,
    is_sleeping: false,
  };
}

async function llamacpp(ctx: Ctx): Promise<void> {
  const {state, res, method, path} = ctx;
  const router = state.opts.router === true;
  const single = state.models[0];
  if (method === 'GET' && path === '/') {
    return sendText(
      res,
      200,
      '<!doctype html><html><head><title>llama.cpp - chat</title></head><body></body></html>',
      'text/html; charset=utf-8',
    );
  }
  if (method === 'GET' && (path === '/health' || path === '/v1/health')) return sendJson(res, 200, {status: 'ok'});
  if (method === 'GET' && path === '/props') {
    if (router) {
      const m = state.models.find((x) => x.id === ctx.query.get('model') && isLoaded(x));
      return sendJson(res, 200, llamaProps(m, state));
    }
    return sendJson(res, 200, llamaProps(single, state));
  }
  if (method === 'GET' && (path === '/v1/models' || path === '/models')) {
    if (router) {
      return sendJson(res, 200, {
        data: state.models.map((m) => ({
          id: m.id,
          path: `/cache/${m.id}.gguf`,
          status: isLoaded(m)
            ? {value: 'loaded', args: ['llama-server', '-c', String(m.loadedContext ?? 8192)]}
            : {value: 'unloaded'},
        })),
      });
    }
    return sendJson(res, 200, {
      object: 'list',
      data: single
        ? [
            {
              id: single.id,
              object: 'model',
              created: CREATED,
              owned_by: 'llamacpp',
              architecture: {input_modalities: ['text'], output_modalities: ['text']},
              meta: {
                vocab_type: 2,
                n_vocab: 151936,
                n_ctx_train: single.maxContext ?? 40960,
                n_ctx: single.loadedContext ?? 8192,
                n_embd: 4096,
                n_params: 8190735360,
                size: single.sizeBytes ?? 5027783488,
              },
            },
          ]
        : [],
    });
  }
  if (
    method === 'POST' &&
    (path === '/v1/chat/completions' || path === '/v1/responses' || path === '/chat/completions')
  ) {
    if (path === '/v1/responses' && !responsesEnabled(state)) return llamaNotFound(res);
    return completion(ctx, path === '/v1/responses' ? 'responses' : 'chat', {
      rejectModel(c, id) {
        if (!router) return false; // single-model mode ignores the name
        const m = findModel(state, id);
        if (!m) {
          sendJson(c.res, 400, {
            error: {code: 400, message: `model '${String(id)}' not found`, type: 'invalid_request_error'},
          });
          return true;
        }
        m.loaded = true;
        return false;
      },
      overflow(prompt, limit) {
        return {
          status: 400,
          body: {
            error: {
              code: 400,
              message: `request (${prompt} tokens) exceeds the available context size (${limit} tokens), try increasing it`,
              type: 'exceed_context_size_error',
              n_prompt_tokens: prompt,
              n_ctx: limit,
            },
          },
        };
      },
    });
  }
  return llamaNotFound(res);
}

// ---------------------------------------------------------------- generic OpenAI-compatible

async function openaiCompatible(ctx: Ctx): Promise<void> {
  const {state, res, method, path} = ctx;
  if (method === 'GET' && path === '/v1/models') {
    return sendJson(res, 200, {
      object: 'list',
      data: state.models.map((m) => ({id: m.id, object: 'model', created: CREATED, owned_by: 'system'})),
    });
  }
  if (method === 'POST' && (path === '/v1/chat/completions' || path === '/v1/responses')) {
    if (path === '/v1/responses' && !responsesEnabled(state)) return sendText(res, 404, 'Not Found');
    return completion(ctx, path === '/v1/responses' ? 'responses' : 'chat', {
      rejectModel(c, id) {
        if (findModel(state, id)) return false;
        sendJson(c.res, 404, {
          error: {
            message: `The model \`${String(id)}\` does not exist or you do not have access to it.`,
            type: 'invalid_request_error',
            param: null,
            code: 'model_not_found',
          },
        });
        return true;
      },
      overflow(prompt, limit) {
        return {
          status: 400,
          body: {
            error: {
              message: `This model's maximum context length is ${limit} tokens. However, your messages resulted in ${prompt} tokens. Please reduce the length of the messages.`,
              type: 'invalid_request_error',
              param: 'messages',
              code: 'context_length_exceeded',
            },
          },
        };
      },
    });
  }
  return sendText(res, 404, 'Not Found');
}

export type {FakeKind};
