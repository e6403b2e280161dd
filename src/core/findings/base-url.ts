/**
 * Is a provider's baseUrl right for its api and the server behind it?
 * `/v1` missing or extra; Ollama native must not have `/v1`; `openai-*` on
 * Ollama's `/v1` prints tool calls as text (openclaw #21243). Pure.
 */
import type {ServerKind} from '../types/servers.js';
import {serverName} from '../server-kinds.js';

export interface BaseUrlInput {
  baseUrl: string;
  /** The api OpenClaw will use (explicit, or its default for the provider). */
  api: string;
  kind: ServerKind;
  /** True when the kind came from fingerprinting the server, not a guess from the id/port. */
  kindConfirmed: boolean;
}

export interface BaseUrlVerdict {
  status: 'pass' | 'warn' | 'fail';
  message: string;
  /** Replacement baseUrl, when changing it is the fix. */
  baseUrl?: string;
  /** Replacement api, when changing it is the fix. */
  api?: string;
}

/** The api OpenClaw uses when the provider sets none (docs: custom providers default to openai-completions). */
export function effectiveApi(providerId: string, api?: string): string {
  if (api) return api;
  return providerId === 'ollama' ? 'ollama' : 'openai-completions';
}

function splitUrl(baseUrl: string): {origin: string; path: string} | undefined {
  try {
    const u = new URL(baseUrl);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return undefined;
    return {origin: u.origin, path: u.pathname.replace(/\/+$/, '')};
  } catch {
    return undefined;
  }
}

/** The path OpenClaw appends to baseUrl for an api. */
function endpointFor(api: string): string {
  if (api === 'openai-responses') return '/responses';
  if (api === 'anthropic-messages') return '/messages';
  return '/chat/completions';
}

const ENDPOINT_SUFFIX = /\/(chat\/completions|completions|responses|models|messages|embeddings)$/;

export function analyzeBaseUrl(input: BaseUrlInput): BaseUrlVerdict {
  const {baseUrl, api, kind, kindConfirmed} = input;
  const parts = splitUrl(baseUrl);
  if (!parts) return {status: 'fail', message: `baseUrl ${JSON.stringify(baseUrl)} is not an http(s) URL`};
  const {origin, path} = parts;
  const label = kindConfirmed ? serverName(kind) : `${serverName(kind)} (guessed from the id/port)`;

  if (ENDPOINT_SUFFIX.test(path)) {
    const fixed = origin + path.replace(ENDPOINT_SUFFIX, '');
    return {
      status: 'fail',
      message: `baseUrl ends with an endpoint path (${path}); OpenClaw appends the endpoint itself, so requests go to ${path}${endpointFor(api)}`,
      baseUrl: api === 'ollama' ? origin : fixed,
    };
  }
  if (/\/v1\/v1$/.test(path)) {
    return {status: 'fail', message: `baseUrl has /v1 twice (${path})`, baseUrl: origin + path.replace(/\/v1$/, '')};
  }

  if (api === 'ollama') {
    if (path.endsWith('/v1')) {
      return {
        status: 'fail',
        message: `api "ollama" uses Ollama's native API at the origin, but baseUrl ends with /v1 (${baseUrl}); requests go to ${path}/api/chat and fail`,
        baseUrl: origin + path.replace(/\/v1$/, ''),
      };
    }
    if (kindConfirmed && kind !== 'ollama') {
      return {
        status: 'fail',
        message: `api "ollama" but the server at ${origin} is ${serverName(kind)}, not Ollama`,
        api: 'openai-completions',
        baseUrl: `${origin}/v1`,
      };
    }
    return {status: 'pass', message: `${baseUrl} with api "ollama" (native API, no /v1)`};
  }

  if (kind === 'ollama') {
    if (path.endsWith('/v1')) {
      return {
        status: 'warn',
        message: `api "${api}" on Ollama's /v1: tool calls can arrive as plain text instead of running (openclaw #21243); use the native API`,
        baseUrl: origin + path.replace(/\/v1$/, ''),
        api: 'ollama',
      };
    }
    return {
      status: 'fail',
      message: `api "${api}" needs an OpenAI base ending in /v1, and ${label} serves that under /v1; the native API is better (api "ollama", no /v1)`,
      api: 'ollama',
    };
  }

  if (kind === 'litellm' || (kind === 'llamacpp' && !path.endsWith('/v1') && path === '')) {
    if (kind === 'llamacpp' && !kindConfirmed) {
      return {
        status: 'warn',
        message: `baseUrl ${baseUrl} has no /v1; llama.cpp serves both, but if this is another OpenAI-compatible server it needs …/v1`,
        baseUrl: `${origin}/v1`,
      };
    }
    return {status: 'pass', message: `${baseUrl} (${serverName(kind)} serves OpenAI routes with and without /v1)`};
  }

  if (!path.endsWith('/v1')) {
    if (path === '') {
      return {
        status: 'fail',
        message: `baseUrl ${baseUrl} has no /v1; with api "${api}" OpenClaw calls ${origin}${endpointFor(api)}, which ${label} does not serve${kind === 'lmstudio' ? ' (LM Studio even answers 200 with an error)' : ''}`,
        baseUrl: `${origin}/v1`,
      };
    }
    return {
      status: 'warn',
      message: `baseUrl path ${path} does not end in /v1; most OpenAI-compatible servers (${label}) expect …/v1`,
    };
  }
  return {status: 'pass', message: `${baseUrl} with api "${api}"`};
}
