/**
 * Local model servers as data: kinds, what they serve, typed results (never
 * exceptions). The servers adapter (src/servers) fills them in.
 */
import type {ClusterInfo} from '../cluster/types.js';
import type {ModelGeometry} from '../hardware/geometry.js';

export type ServerKind =
  | 'lmstudio'
  | 'vllm'
  | 'litellm'
  | 'ollama'
  | 'llamacpp'
  | 'exo'
  | 'openrouter'
  | 'openai-compatible'
  | 'unknown';

export type FailureKind =
  | 'refused'
  | 'timeout'
  | 'dns'
  | 'tls'
  | 'auth'
  | 'not-json'
  | 'too-large'
  | 'error-body'
  | 'redirect'
  | 'bad-url'
  /** JSON of the wrong shape (zod validation failed). */
  | 'bad-shape'
  | `http-${number}`
  | 'other';

export interface Failure {
  ok: false;
  kind: FailureKind;
  /** Human text, secrets redacted. */
  message: string;
  status?: number;
  /** Redacted body excerpt (≤ 500 chars) when there was one. */
  bodyExcerpt?: string;
  elapsedMs: number;
  /** What the error body means, when classifyError recognised it. */
  classified?: ClassifiedError;
}

export type Result<T> = ({ok: true; elapsedMs: number} & T) | Failure;

export interface ClientOptions {
  connectTimeoutMs?: number; // default 1500
  totalTimeoutMs?: number; // default 3000
  maxBytes?: number; // default 1_000_000
  /** Sent as Authorization: Bearer only to the baseUrl's own origin. */
  apiKey?: string;
  headers?: Record<string, string>;
  /**
   * GET answers already fetched for this server in the same probe, by URL: the
   * fingerprint fills it and the adapter reads from it, so no route is asked twice.
   */
  fetched?: FetchedRoutes;
}

/** A probe's GET answers by URL (see ClientOptions.fetched); each entry is the promise of one request. */
export type FetchedRoutes = Map<
  string,
  Promise<Result<{response: {status: number; headers: Record<string, string>; text: string; url: string}}>>
>;

export type LoadState = 'loaded' | 'not-loaded' | 'loading' | 'unknown';

export interface ServedModel {
  id: string;
  state: LoadState;
  /** The context that limits requests now (loaded instance), when the server says. */
  loadedContext?: number;
  /** Trained maximum: never the limit. */
  maxContext?: number;
  toolUse?: boolean;
  quantization?: string;
  sizeBytes?: number;
  /** Size and layer layout as the server reports them (Ollama model_info, llama.cpp meta, LM Studio list). */
  geometry?: ModelGeometry;
  /** Server-specific extra facts, e.g. LM Studio key, Ollama expires_at. */
  details?: Record<string, unknown>;
}

export interface Fingerprint {
  kind: ServerKind;
  version?: string;
  /** Which probe decided, e.g. "GET / said 'Ollama is running'". */
  evidence: string;
  /** Origin with any /v1 stripped. */
  origin: string;
  /** What the API level tells when no exact version is said, e.g. LM Studio ">=0.4.0". */
  versionRange?: string;
  /** The server asked for an API key (401/403) on some probe. */
  authRequired?: boolean;
  /** llama.cpp answering 503 "Loading model". */
  loading?: boolean;
  /** Round trip of the first probe (GET /), in ms. */
  latencyMs?: number;
}

export interface ServerReport {
  baseUrl: string;
  fingerprint: Fingerprint;
  models: ServedModel[];
  /** Whether /v1/responses exists: by a probe that cannot load a model. */
  responses: 'yes' | 'no' | 'unknown';
  latencyMs: number;
  /** Set when listing failed after fingerprinting (e.g. auth). */
  modelsError?: Failure;
  /** Whole probe (fingerprint + models + responses), in ms. */
  probeMs?: number;
  /** exo: the machines of the cluster, their links and the placed instances (GET /state). */
  cluster?: ClusterInfo;
  /** Tensor / pipeline parallel sizes, when the server's /metrics publishes them (asked by `servers` for vLLM). */
  parallel?: {tensorParallel?: number; pipelineParallel?: number; metric: string};
}

export interface DiscoveredServer extends ServerReport {
  port: number;
  /** "default-port" or "config" (with the provider id). */
  foundVia: {kind: 'default-port'} | {kind: 'config'; providerId: string};
}

export interface CompletionTiming {
  /** Time to first token (ms); total when not streaming. */
  firstTokenMs: number;
  totalMs: number;
  api: 'openai-responses' | 'openai-completions' | 'ollama';
}

export type ErrorClass =
  | {kind: 'context-overflow'; promptTokens?: number; limit?: number; requested?: number}
  | {kind: 'model-not-found'; model?: string}
  | {kind: 'not-loaded'}
  | {kind: 'loading'}
  | {kind: 'auth'}
  | {kind: 'tools-unsupported'}
  | {kind: 'responses-unsupported'}
  | {kind: 'timeout'}
  | {kind: 'refused'}
  | {kind: 'developer-role'}
  | {kind: 'unknown'};

export interface ClassifiedError {
  class: ErrorClass;
  /** Which server's wording matched, when it says. */
  server?: ServerKind;
  /** The matched excerpt. */
  match?: string;
}
