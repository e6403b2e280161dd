/**
 * One rule for a server base URL, whoever gives it (`setup --base-url`, the
 * wizard's typed URL, a discovered server): what is accepted, and the URL
 * OpenClaw needs for the API. Pure.
 */
import {looksLikeSecret} from './stacks/refs.js';

export type BaseUrlCheck = {value: string} | {error: string};

function decodeSafe(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

/**
 * http(s) with a host; no credentials, query, fragment or key-looking path
 * part. Returns the URL without trailing slashes. `api` shapes the suggestion
 * for a URL typed without a scheme (OpenAI-style APIs live under /v1).
 */
export function validateBaseUrl(raw: string, api?: string): BaseUrlCheck {
  const t = raw.trim();
  if (t === '') return {error: 'enter the server URL, e.g. http://127.0.0.1:1234/v1'};
  // "localhost:1234" parses as scheme "localhost:"; "127.0.0.1:1234" does not parse at all.
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(t)) {
    let guess: URL | undefined;
    try {
      guess = new URL(`http://${t}`);
    } catch {
      guess = undefined;
    }
    if (guess?.hostname && /^[^\s/:]+(:\d+)?(\/|$)/.test(t)) {
      const path =
        guess.pathname === '/'
          ? api !== undefined && api !== 'ollama'
            ? '/v1'
            : ''
          : guess.pathname.replace(/\/+$/, '');
      return {
        error: `base URL ${JSON.stringify(t)} has no http:// or https://; did you mean http://${guess.host}${path}?`,
      };
    }
  }
  let url: URL;
  try {
    url = new URL(t);
  } catch {
    return {error: `base URL ${JSON.stringify(t)} is not a valid URL (expected e.g. http://127.0.0.1:1234/v1)`};
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return {error: `base URL must use http or https, got ${url.protocol.replace(/:$/, '')}`};
  if (!url.hostname) return {error: 'base URL needs a host'};
  if (url.username || url.password)
    return {error: 'base URL must not contain a user name or password; put secrets in an env var'};
  if (url.search || url.hash || t.includes('?') || t.includes('#'))
    return {error: 'base URL must not have a query string or fragment'};
  if (url.pathname.split('/').some((part) => part !== '' && looksLikeSecret(decodeSafe(part)))) {
    return {error: 'base URL has a part that looks like an API key; keys go in apiKey as a ${ENV_VAR} reference'};
  }
  return {value: t.replace(/\/+$/, '')};
}

/**
 * The baseUrl OpenClaw needs for an API: OpenAI-style APIs are under /v1, so
 * a bare origin gets it; Ollama's native API is at the root, so /v1 goes. A
 * URL with any other path is the user's to decide and stays as given.
 */
export function baseUrlForApi(url: string, api: string | undefined): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return url;
  }
  const path = u.pathname.replace(/\/+$/, '');
  if (api === 'ollama') return path.toLowerCase() === '/v1' ? url.replace(/\/v1\/?$/i, '') : url;
  return path === '' ? `${url.replace(/\/+$/, '')}/v1` : url;
}
