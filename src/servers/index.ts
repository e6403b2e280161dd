/**
 * Server adapters and discovery. CONTRACT: the doctor and UI use only these.
 * Every network call: timeout + size cap; failures are typed results.
 */
import type {
  ClassifiedError,
  ClientOptions,
  CompletionTiming,
  DiscoveredServer,
  Fingerprint,
  Result,
  ServedModel,
  ServerKind,
  ServerReport,
} from './types.js';
export * from './types.js';

const todo = (name: string): never => {
  throw new Error(`${name} is not implemented yet`);
};

export const DEFAULT_PORTS: {port: number; kind: ServerKind}[] = [
  {port: 1234, kind: 'lmstudio'},
  {port: 11434, kind: 'ollama'},
  {port: 8000, kind: 'vllm'},
  {port: 4000, kind: 'litellm'},
  {port: 8080, kind: 'llamacpp'},
  {port: 9931, kind: 'llamacpp'},
  {port: 30000, kind: 'openai-compatible'},
];

/** One adapter per server kind, behind one interface. */
export interface ServerAdapter {
  kind: ServerKind;
  listModels(baseUrl: string, opts?: ClientOptions): Promise<Result<{models: ServedModel[]}>>;
  supportsResponses(baseUrl: string, opts?: ClientOptions): Promise<'yes' | 'no' | 'unknown'>;
  /** May cold-load a model: only when the user asked (doctor --probe). */
  tinyCompletion(
    baseUrl: string,
    model: string,
    api: CompletionTiming['api'],
    opts?: ClientOptions,
  ): Promise<Result<{timing: CompletionTiming}>>;
}

export function fingerprint(_baseUrl: string, _opts?: ClientOptions): Promise<Result<{fingerprint: Fingerprint}>> {
  return todo('fingerprint');
}

export function adapterFor(_kind: ServerKind): ServerAdapter {
  return todo('adapterFor');
}

/** fingerprint + listModels + supportsResponses for one baseUrl. */
export function probeServer(_baseUrl: string, _opts?: ClientOptions): Promise<Result<{report: ServerReport}>> {
  return todo('probeServer');
}

export interface DiscoverOptions extends ClientOptions {
  host?: string; // default 127.0.0.1
  ports?: number[]; // default DEFAULT_PORTS
  /** Extra baseUrls from the config, with their provider ids and keys. */
  configured?: {providerId: string; baseUrl: string; apiKey?: string}[];
}

export function discover(_opts?: DiscoverOptions): Promise<DiscoveredServer[]> {
  return todo('discover');
}

export function classifyError(_text: string): ClassifiedError {
  return todo('classifyError');
}

/** Removes apiKey values, Authorization headers, ?key= params from any text. */
export function redact(text: string, secrets: string[] = []): string {
  let out = text;
  for (const s of secrets) if (s && s.length >= 4) out = out.split(s).join('***');
  return out
    .replace(/(authorization\s*[:=]\s*)(bearer\s+)?[^\s"',}]+/gi, '$1$2***')
    .replace(/([?&](?:api[_-]?)?key=)[^&\s"']+/gi, '$1***')
    .replace(/\b(sk-[A-Za-z0-9_-]{6})[A-Za-z0-9_-]+/g, '$1***');
}
