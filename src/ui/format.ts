/** Pure text helpers for the screens (no React, no I/O). */
import type {ServerKind} from '../servers/types.js';
import type {CheckStatus} from '../doctor/types.js';
import type {Tone} from './theme.js';

const KIND_LABEL: Record<ServerKind, string> = {
  lmstudio: 'LM Studio',
  vllm: 'vLLM',
  litellm: 'LiteLLM',
  ollama: 'Ollama',
  llamacpp: 'llama.cpp',
  openrouter: 'OpenRouter',
  'openai-compatible': 'OpenAI-compatible server',
  unknown: 'unknown server',
};

export function kindLabel(kind: ServerKind | string): string {
  return (KIND_LABEL as Record<string, string>)[kind] ?? kind;
}

/** 196608 → "196,608" (fixed locale so output is the same everywhere). */
export function formatTokens(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** GB with sensible precision: 143 → "143 GB", 10.7 → "10.7 GB", 0.5 → "0.5 GB". */
export function formatGB(gb: number): string {
  if (!Number.isFinite(gb)) return '? GB';
  const v = gb >= 100 ? Math.round(gb) : Math.round(gb * 10) / 10;
  return `${v} GB`;
}

/** /home/ann/.openclaw/openclaw.json → ~/.openclaw/openclaw.json */
export function tildePath(path: string, home: string | undefined): string {
  if (home && home !== '/' && (path === home || path.startsWith(home.endsWith('/') ? home : `${home}/`))) {
    return `~${path.slice(home.replace(/\/$/, '').length)}`;
  }
  return path;
}

/** Keep the end of a long path (the file name matters most): "…/b/openclaw.json". */
export function shortenLeft(text: string, max: number): string {
  if (max <= 1 || text.length <= max) return text;
  return `…${text.slice(text.length - max + 1)}`;
}

export function statusTone(status: CheckStatus): Tone {
  switch (status) {
    case 'pass':
      return 'ok';
    case 'warn':
      return 'warn';
    case 'fail':
    case 'crashed':
      return 'fail';
    default:
      return 'pending';
  }
}

/** A positive whole number typed by the user ("32768", "32,768", "32_768", "32k"). */
export function parseTokenCount(text: string): {value: number} | {error: string} {
  const t = text.trim().toLowerCase();
  if (t === '') return {error: 'enter a number of tokens'};
  const m = /^(\d[\d,_]*)(k)?$/.exec(t);
  if (!m) return {error: `not a whole number: ${JSON.stringify(text.trim())}`};
  const n = Number(m[1].replace(/[,_]/g, '')) * (m[2] ? 1024 : 1);
  if (!Number.isSafeInteger(n) || n <= 0) return {error: 'must be more than 0'};
  return {value: n};
}

/** A base URL the user typed: http(s) only, with a host. */
export function checkBaseUrl(text: string): {value: string} | {error: string} {
  const t = text.trim();
  if (t === '') return {error: 'enter the server URL, e.g. http://127.0.0.1:1234/v1'};
  let url: URL;
  try {
    url = new URL(t);
  } catch {
    return {error: 'not a URL: it should look like http://127.0.0.1:1234/v1'};
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return {error: 'the URL must start with http:// or https://'};
  if (!url.hostname) return {error: 'the URL needs a host'};
  return {value: t.replace(/\/+$/, '')};
}

/** ":1234" style port label of a URL, or the host when it has no port. */
export function portLabel(baseUrl: string): string {
  try {
    const u = new URL(baseUrl);
    return u.port ? `:${u.port}` : u.host;
  } catch {
    return baseUrl;
  }
}
