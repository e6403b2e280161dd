/**
 * A typed, read-only view of the parts of openclaw.json this tool reasons
 * about. Pure: takes the json5-parsed value. CONTRACT (owned by config-engine
 * work; others read it). Tolerates any garbage input: wrong types become
 * undefined, never exceptions.
 */
import type {ModelRef} from '../config/types.js';

export interface ModelView {
  id: string;
  name?: string;
  contextWindow?: number;
  contextTokens?: number;
  maxTokens?: number;
  reasoning?: boolean;
  input?: string[];
  /** Index in the provider's models[] (for patch paths). */
  index: number;
  compat?: Record<string, unknown>;
}

export interface ProviderView {
  id: string;
  baseUrl?: string;
  api?: string;
  /** True when an apiKey is set (string or SecretRef). The value itself is never exposed here. */
  hasApiKey: boolean;
  /** The apiKey if it is a plain string after ${VAR} resolution; for sending to its own baseUrl only. */
  apiKeyForRequests?: string;
  timeoutSeconds?: number;
  params?: Record<string, unknown>;
  models: ModelView[];
  /** loopback / LAN / .local / docker host: the doctor may probe it. */
  isLocal: boolean;
}

export interface ConfigView {
  mode?: string;
  providers: ProviderView[];
  primary?: string;
  fallbacks: string[];
  /** agents.defaults.models keys → alias. */
  aliases: Record<string, string | undefined>;
  allow: string[];
  compaction?: {enabled?: boolean; mode?: string};
  whatsappEnabled: boolean;
  /** thinkingDefault / reasoningDefault under agents.defaults. */
  thinkingDefault?: string;
  reasoningDefault?: string;
  loggingFile?: string;
}

const todo = (name: string): never => {
  throw new Error(`${name} is not implemented yet`);
};

/** env is used only to resolve ${VAR} in baseUrl/apiKey for reading. */
export function viewConfig(_value: unknown, _env: NodeJS.ProcessEnv = {}): ConfigView {
  return todo('viewConfig');
}

/** Provider + model entry a ref points at, if defined. */
export function resolveRef(_view: ConfigView, _ref: ModelRef): {provider: ProviderView; model?: ModelView} | undefined {
  return todo('resolveRef');
}

/** True for loopback, RFC1918/link-local, *.local, host.docker.internal and similar. */
export function isLocalBaseUrl(_baseUrl: string): boolean {
  return todo('isLocalBaseUrl');
}
