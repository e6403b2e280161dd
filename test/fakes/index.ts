/**
 * Fake local model servers for tests and benchmarks. Each kind answers the
 * documented shapes of its real server (native endpoints, OpenAI routes,
 * error bodies); see handlers.ts. Real HTTP on 127.0.0.1, port 0 by default.
 *
 *   const f = await startFake('lmstudio', {models: [{id: 'minimax-m2.1-gs32', loadedContext: 196608}]});
 *   ... f.v1, f.requests ...; f.set({hang: true}); await f.close();
 *
 * Per kind: lmstudio (0.4: /api/v1/models, /api/v1/models/load, /api/v0/models,
 * 200 "Unexpected endpoint" for anything else, JIT load on first completion),
 * lmstudio-0.3 (no /api/v1; /v1/responses only from version 0.3.29), vllm
 * (/health empty 200, /version, /tokenize, max_model_len, 404 {"detail"}),
 * litellm (/health/liveliness, /health/readiness, /model/info, string codes),
 * ollama (GET / text, /api/version, /api/tags, /api/ps, /api/show, /api/chat
 * NDJSON; /v1/responses from 0.13.3), llamacpp (/health, /props, meta.n_ctx,
 * router mode with `router: true`, 503 "Loading model" with `loading: true`),
 * openai-compatible (/v1 only; its 401 echoes the key it got).
 * Completions stream SSE ("Hello", "!") after firstTokenDelayMs; with
 * contextErrorAt, a prompt of more tokens (chars / 4) gets the server's own
 * overflow error. `apiKey` makes the routes that real server protects answer
 * its own 401 body.
 */
import {createServer, type IncomingMessage, type Server, type ServerResponse} from 'node:http';
import type {Socket} from 'node:net';
import {handle, type FakeRequest} from './handlers.js';
import {defaultModels} from './defaults.js';

export {defaultModels, defaultVersion} from './defaults.js';

export type FakeKind = 'lmstudio' | 'lmstudio-0.3' | 'vllm' | 'litellm' | 'ollama' | 'llamacpp' | 'openai-compatible';

export const FAKE_KINDS: readonly FakeKind[] = [
  'lmstudio',
  'lmstudio-0.3',
  'vllm',
  'litellm',
  'ollama',
  'llamacpp',
  'openai-compatible',
];

export interface FakeModel {
  id: string;
  loaded?: boolean /* default true */;
  loadedContext?: number;
  maxContext?: number;
  toolUse?: boolean;
  quantization?: string;
  sizeBytes?: number;
  /** Ollama only: the /api/show `model_info` (GGUF keys) and `details` to answer, e.g. copied from a real server. */
  modelInfo?: Record<string, unknown>;
  ollamaDetails?: Record<string, unknown>;
  /** llama.cpp only: the model_path /props reports (a real GGUF fixture in tests). */
  ggufPath?: string;
}

export interface FakeOptions {
  models?: FakeModel[];
  version?: string;
  apiKey?: string /* require Bearer */;
  responses?: boolean /* /v1/responses exists */;
  firstTokenDelayMs?: number /* cold load: delay before the first completion token */;
  loading?: boolean /* llama.cpp 503 */;
  hang?: boolean /* accept and never answer */;
  garbage?: boolean /* non-JSON 200 */;
  hugeBody?: boolean /* > 1 MB */;
  redirectTo?: string /* 302 to another origin */;
  /** Completions answer this server's real context-overflow error when the prompt is larger. */
  contextErrorAt?: number;
  port?: number;
  /** llama.cpp only: router mode (no -m), `/models` with per-model status. */
  router?: boolean;
  /** Context a JIT/cold load gets when the model has no loadedContext (LM Studio, Ollama). Default 4096. */
  coldLoadContext?: number;
  /**
   * Completions refuse a prompt larger than the context the model runs (its loadedContext), as LM Studio,
   * llama.cpp and vLLM do, counting tool definitions too (they are rendered into the prompt); vLLM also counts the
   * requested output (prompt + max_tokens ≤ max_model_len). Ollama truncates instead (docs/faq.md), so not there.
   */
  enforceLoadedContext?: boolean;
  /** LM Studio: the largest context this machine can load (memory); loads above it fail, JIT loads too. */
  loadLimit?: number;
  /** LM Studio: JIT loading off (Developer settings): a request for an unloaded model is not loaded by it. */
  jit?: boolean;
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface FakeServer {
  origin: string /* http://127.0.0.1:PORT */;
  v1: string /* origin + '/v1' */;
  port: number;
  kind: FakeKind;
  requests: RecordedRequest[];
  set(opts: Partial<FakeOptions>): void;
  close(): Promise<void>;
}

/** Live state shared with the handlers. */
export interface FakeState {
  kind: FakeKind;
  opts: FakeOptions;
  models: FakeModel[];
}

export async function startFake(kind: FakeKind, opts: FakeOptions = {}): Promise<FakeServer> {
  if (!FAKE_KINDS.includes(kind)) throw new Error(`unknown fake kind ${kind}`);
  const state: FakeState = {kind, opts: {...opts}, models: cloneModels(opts.models ?? defaultModels(kind))};
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    collectBody(req)
      .then((body) => {
        const path = req.url ?? '/';
        requests.push({method: req.method ?? 'GET', path, headers: {...req.headers}, body});
        if (state.opts.hang) return; // keep the socket open, never answer
        return handle(
          state,
          {method: req.method ?? 'GET', url: path, headers: req.headers, body} satisfies FakeRequest,
          res,
        );
      })
      .catch(() => {
        if (!res.headersSent) res.writeHead(500).end();
        else res.destroy();
      });
  });
  const sockets = trackSockets(server);
  const port = await listen(server, opts.port ?? 0);
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    v1: `${origin}/v1`,
    port,
    kind,
    requests,
    set(next) {
      state.opts = {...state.opts, ...next};
      if (next.models) state.models = cloneModels(next.models);
    },
    close: () => closeServer(server, sockets),
  };
}

/** A port that accepts connections and never sends a byte. */
export async function startHangingServer(port = 0): Promise<{origin: string; port: number; close(): Promise<void>}> {
  const server = createServer(() => {
    /* never answer */
  });
  const sockets = trackSockets(server);
  const bound = await listen(server, port);
  return {origin: `http://127.0.0.1:${bound}`, port: bound, close: () => closeServer(server, sockets)};
}

function cloneModels(models: FakeModel[]): FakeModel[] {
  return models.map((m) => ({...m}));
}

function collectBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function trackSockets(server: Server): Set<Socket> {
  const sockets = new Set<Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  return sockets;
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      const addr = server.address();
      resolve(typeof addr === 'object' && addr ? addr.port : port);
    });
  });
}

function closeServer(server: Server, sockets: Set<Socket>): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
    server.closeAllConnections();
    for (const s of sockets) s.destroy();
  });
}

export type {ServerResponse};
