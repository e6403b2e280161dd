/**
 * Server adapters and discovery: the doctor and the UI use only these.
 * Every network call: timeout + size cap; failures are typed results.
 */
import type {
  ClassifiedError,
  ClientOptions,
  DiscoveredServer,
  Fingerprint,
  Result,
  ServerKind,
  ServerReport,
} from '../core/types/servers.js';
import type {ServerAdapter} from './adapter.js';
import {fingerprintServer} from './fingerprint.js';
import {classifyError as classify} from './classify.js';
import {redact as redactText} from './redact.js';
import {now} from './http.js';
import {guarded} from './adapters/common.js';
import {scan, type DiscoveryResult} from './discover.js';
import {DEFAULT_PORTS} from '../core/server-kinds.js';
import {lmstudioAdapter} from './adapters/lmstudio.js';
import {vllmAdapter} from './adapters/vllm.js';
export {readParallelism} from './adapters/vllm.js';
import {litellmAdapter} from './adapters/litellm.js';
import {ollamaAdapter} from './adapters/ollama.js';
import {llamacppAdapter} from './adapters/llamacpp.js';
import {exoAdapter, readExo} from './adapters/exo.js';
import {openaiCompatibleAdapter, openrouterAdapter, unknownAdapter} from './adapters/openai.js';
export * from '../core/types/servers.js';
export type {ServerAdapter} from './adapter.js';
export type {DiscoveryResult, DiscoverMiss, DiscoverTarget} from './discover.js';
export {isLocalHost} from './discover.js';
export {rootOf} from './adapters/common.js';
export {DEFAULTS as CLIENT_DEFAULTS} from './http.js';
export {COMPLETION_TIMEOUT_MS} from './completion.js';
export {
  readExo,
  readExoCluster,
  readExoPreviews,
  placeExoInstance,
  awaitExoInstance,
  benchExo,
  EXO_AWAIT_MAX_S,
  type AwaitOutcome,
  type ExoBench,
} from './adapters/exo.js';

/** Default port of each server kind, scanned by discover. */
export {DEFAULT_PORTS};

// Human names of the server kinds: in their own tiny module so the app's first frame can use them without loading the clients.
export {SERVER_LABELS} from '../core/server-kinds.js';

/** Which server is behind baseUrl (with version when it says), by the probe order of the reference. */
export function fingerprint(baseUrl: string, opts?: ClientOptions): Promise<Result<{fingerprint: Fingerprint}>> {
  return guarded(() => fingerprintServer(baseUrl, opts), now(), opts);
}

const ADAPTERS: Record<ServerKind, ServerAdapter> = {
  lmstudio: lmstudioAdapter,
  vllm: vllmAdapter,
  litellm: litellmAdapter,
  ollama: ollamaAdapter,
  llamacpp: llamacppAdapter,
  exo: exoAdapter,
  openrouter: openrouterAdapter,
  'openai-compatible': openaiCompatibleAdapter,
  unknown: unknownAdapter,
};

export function adapterFor(kind: ServerKind): ServerAdapter {
  return ADAPTERS[kind] ?? unknownAdapter;
}

/** fingerprint + listModels + supportsResponses for one baseUrl. */
export function probeServer(baseUrl: string, opts?: ClientOptions): Promise<Result<{report: ServerReport}>> {
  return guarded(() => probe(baseUrl, opts), now(), opts);
}

async function probe(baseUrl: string, opts?: ClientOptions): Promise<Result<{report: ServerReport}>> {
  const started = now();
  // The adapter reads the routes the fingerprint already fetched instead of asking again.
  const shared: ClientOptions = {...opts, fetched: opts?.fetched ?? new Map()};
  const fp = await fingerprintServer(baseUrl, shared);
  if (!fp.ok) return fp;
  const adapter = adapterFor(fp.fingerprint.kind);
  // exo: one read of /state gives both the models and the cluster.
  const exo = fp.fingerprint.kind === 'exo';
  const [models, responses] = await Promise.all([
    exo ? readExo(baseUrl, shared) : adapter.listModels(baseUrl, shared),
    adapter.supportsResponses(baseUrl, shared),
  ]);
  const probeMs = Math.round(now() - started);
  const report: ServerReport = {
    baseUrl: redactText(baseUrl, [opts?.apiKey]),
    fingerprint: fp.fingerprint,
    models: models.ok ? models.models : [],
    responses,
    latencyMs: fp.fingerprint.latencyMs ?? fp.elapsedMs,
    probeMs,
  };
  if (!models.ok) report.modelsError = models;
  else if ('cluster' in models) report.cluster = (models as {cluster: ServerReport['cluster']}).cluster;
  return {ok: true, elapsedMs: probeMs, report};
}

export interface DiscoverOptions extends ClientOptions {
  host?: string; // default 127.0.0.1
  ports?: number[]; // default DEFAULT_PORTS
  /** Extra baseUrls from the config, with their provider ids and keys. */
  configured?: {providerId: string; baseUrl: string; apiKey?: string}[];
  /** Also probe configured baseUrls on public hosts (default: only loopback/LAN hosts). */
  includeHosted?: boolean;
}

/**
 * Every live server on the default ports and configured baseUrls, probed in
 * parallel. A top-level apiKey is ignored: keys travel only with their
 * configured baseUrl.
 */
export async function discover(opts: DiscoverOptions = {}): Promise<DiscoveredServer[]> {
  return (await discoverDetailed(opts)).servers;
}

/** discover() plus what answered nothing (refused, timeout, not a model server) and what was skipped. */
export function discoverDetailed(opts: DiscoverOptions = {}): Promise<DiscoveryResult> {
  return scan(opts, DEFAULT_PORTS, probeServer);
}

/**
 * Scan overrides from the environment, for isolated end-to-end runs:
 * OPENCLAW_LOCAL_DOCTOR_HOST (default 127.0.0.1) and
 * OPENCLAW_LOCAL_DOCTOR_PORTS (comma-separated; empty means none).
 */
export function scanOptionsFromEnv(env: NodeJS.ProcessEnv): Pick<DiscoverOptions, 'host' | 'ports'> {
  const out: Pick<DiscoverOptions, 'host' | 'ports'> = {};
  const host = env.OPENCLAW_LOCAL_DOCTOR_HOST?.trim();
  if (host) out.host = host;
  const raw = env.OPENCLAW_LOCAL_DOCTOR_PORTS;
  if (raw !== undefined) {
    out.ports = raw
      .split(',')
      .map((s) => Number(s.trim()))
      .filter((n) => Number.isInteger(n) && n > 0 && n < 65536);
  }
  return out;
}

export function classifyError(text: string): ClassifiedError {
  return classify(text);
}

/** Removes apiKey values, Authorization headers, ?key= params from any text. */
export function redact(text: string, secrets: string[] = []): string {
  return redactText(text, secrets);
}
