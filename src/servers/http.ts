/**
 * The one HTTP client of the servers module. Every call has a connect and a
 * total timeout and a response-size cap; redirects to another origin are never
 * followed; the API key goes only to the origin it belongs to. Failures come
 * back as typed results and every text is redacted.
 */
import {Agent, request} from 'undici';
import type {z} from 'zod';
import type {ClientOptions, Failure, FailureKind, Result} from '../core/types/servers.js';
import {redact} from './redact.js';
import {classifyError} from './classify.js';

export const DEFAULTS = {connectTimeoutMs: 1500, totalTimeoutMs: 3000, maxBytes: 1_000_000} as const;
const MAX_SAME_ORIGIN_REDIRECTS = 3;

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  text: string;
  /** The URL that finally answered (after same-origin redirects). */
  url: string;
}

export interface SendInit {
  method?: 'GET' | 'POST' | 'HEAD';
  /** JSON request body. */
  json?: unknown;
  opts?: ClientOptions;
  /** Origin the apiKey belongs to; default: the origin of the requested URL. */
  authOrigin?: string;
  /** Called with each decoded chunk as it arrives (streaming). */
  onText?: (chunk: string) => void;
  /** Stops the request (Ctrl+C); the result is then an 'other' failure saying so. */
  signal?: AbortSignal;
  /** Longest wait for the headers and between two chunks (streaming); default: the total timeout. */
  idleTimeoutMs?: number;
}

const agents = new Map<number, Agent>();
function agentFor(connectTimeoutMs: number): Agent {
  let a = agents.get(connectTimeoutMs);
  if (!a) {
    a = new Agent({connect: {timeout: connectTimeoutMs}, keepAliveTimeout: 1000});
    agents.set(connectTimeoutMs, a);
  }
  return a;
}

export function now(): number {
  return performance.now();
}

export function fail(
  kind: FailureKind,
  message: string,
  started: number,
  opts: ClientOptions | undefined,
  extra: Partial<Failure> = {},
): Failure {
  const secrets = secretsOf(opts);
  const out: Failure = {ok: false, kind, message: redact(message, secrets), elapsedMs: Math.round(now() - started)};
  if (extra.status !== undefined) out.status = extra.status;
  if (extra.bodyExcerpt !== undefined) out.bodyExcerpt = redact(extra.bodyExcerpt, secrets).slice(0, 500);
  if (extra.classified) {
    out.classified = extra.classified.match
      ? {...extra.classified, match: redact(extra.classified.match, secrets)}
      : extra.classified;
  }
  return out;
}

export function secretsOf(opts: ClientOptions | undefined): string[] {
  const out: string[] = [];
  if (opts?.apiKey) out.push(opts.apiKey);
  for (const [k, v] of Object.entries(opts?.headers ?? {}))
    if (/authorization|api-key|token/i.test(k) && v) out.push(v.replace(/^bearer\s+/i, ''));
  return out;
}

/** Maps a thrown network error to a failure kind and a short human reason. */
export function networkFailure(err: unknown, timedOut: boolean, url: URL): {kind: FailureKind; message: string} {
  const e = err as {code?: string; message?: string; cause?: {code?: string; message?: string}};
  const code = e?.code ?? e?.cause?.code ?? '';
  const where = `${url.protocol}//${url.host}`;
  if (timedOut) return {kind: 'timeout', message: `no answer from ${where} within the time limit`};
  if (code === 'UND_ERR_CONNECT_TIMEOUT') return {kind: 'timeout', message: `could not connect to ${where} in time`};
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT')
    return {kind: 'timeout', message: `${where} stopped answering`};
  if (code === 'ECONNREFUSED')
    return {kind: 'refused', message: `nothing is listening on ${where} (connection refused)`};
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NODATA' || code === 'EAI_NONAME') {
    return {kind: 'dns', message: `cannot resolve host ${url.hostname}`};
  }
  if (/CERT|SSL|TLS|EPROTO|SELF_SIGNED|UNABLE_TO_VERIFY/i.test(code) || /certificate|ssl|tls/i.test(e?.message ?? '')) {
    return {kind: 'tls', message: `TLS problem talking to ${where}: ${code || e?.message}`};
  }
  // An SSH banner, a database, a game server...: the bytes are not an HTTP response.
  if ((err as {name?: string})?.name === 'HTTPParserError' || /^HPE_/.test(code)) {
    return {kind: 'other', message: `${where} does not speak HTTP`};
  }
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE') {
    return {kind: 'other', message: `${where} closed the connection`};
  }
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return {kind: 'refused', message: `${where} is unreachable`};
  return {kind: 'other', message: `request to ${where} failed: ${code || e?.message || String(err)}`};
}

/** Validates a URL for our client: http(s) only, with a host. */
export function parseHttpUrl(raw: string): URL | undefined {
  try {
    const u = new URL(raw);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return undefined;
    if (!u.hostname) return undefined;
    return u;
  } catch {
    return undefined;
  }
}

/**
 * Sends one request. Any HTTP status is a success here (callers read bodies of
 * 4xx answers too); only transport problems, cross-origin redirects and
 * oversized bodies are failures.
 */
export function send(rawUrl: string, init: SendInit = {}): Promise<Result<{response: RawResponse}>> {
  const fetched = init.opts?.fetched;
  // A GET already made in this probe is answered from it (same URL, same key, same limits but maxBytes).
  if (!fetched || (init.method ?? 'GET') !== 'GET' || init.onText) return sendOnce(rawUrl, init);
  let p = fetched.get(rawUrl);
  if (!p) {
    p = sendOnce(rawUrl, init);
    fetched.set(rawUrl, p);
  }
  return p;
}

async function sendOnce(rawUrl: string, init: SendInit): Promise<Result<{response: RawResponse}>> {
  const started = now();
  const opts = init.opts;
  const first = parseHttpUrl(rawUrl);
  if (!first) return fail('bad-url', `not an http(s) URL: ${rawUrl}`, started, opts);
  let url: URL = first;
  const authOrigin = init.authOrigin ?? url.origin;
  const connectTimeoutMs = opts?.connectTimeoutMs ?? DEFAULTS.connectTimeoutMs;
  const totalTimeoutMs = opts?.totalTimeoutMs ?? DEFAULTS.totalTimeoutMs;
  const maxBytes = opts?.maxBytes ?? DEFAULTS.maxBytes;
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, totalTimeoutMs);
  const stop = (): void => controller.abort();
  init.signal?.addEventListener('abort', stop, {once: true});
  if (init.signal?.aborted) controller.abort();
  const idleMs = Math.min(init.idleTimeoutMs ?? totalTimeoutMs, totalTimeoutMs);
  let method = init.method ?? 'GET';
  let body = init.json === undefined ? undefined : JSON.stringify(init.json);
  try {
    for (let hop = 0; ; hop++) {
      const headers: Record<string, string> = {
        accept: 'application/json, text/plain, */*',
        'user-agent': 'openclaw-local-doctor',
      };
      for (const [k, v] of Object.entries(opts?.headers ?? {})) {
        // Extra headers that carry credentials follow the same rule as the key.
        if (/authorization|api-key|token/i.test(k) && url.origin !== authOrigin) continue;
        headers[k.toLowerCase()] = v;
      }
      if (body !== undefined) headers['content-type'] = 'application/json';
      if (opts?.apiKey && url.origin === authOrigin) headers.authorization = `Bearer ${opts.apiKey}`;
      let res;
      try {
        res = await request(url, {
          method,
          headers,
          body,
          signal: controller.signal,
          dispatcher: agentFor(connectTimeoutMs),
          reset: true, // one request per connection: nothing lingers after we are done
          headersTimeout: idleMs,
          bodyTimeout: idleMs,
        });
      } catch (err) {
        if (init.signal?.aborted && !timedOut) return fail('other', 'stopped (interrupted)', started, opts);
        const {kind, message} = networkFailure(err, timedOut, url);
        return fail(kind, message, started, opts);
      }
      // We may stop reading early (size cap, redirect): that must not surface as an unhandled stream error.
      res.body.on('error', () => {});
      const headersOut: Record<string, string> = {};
      for (const [k, v] of Object.entries(res.headers))
        if (v !== undefined) headersOut[k] = Array.isArray(v) ? v.join(', ') : v;
      if (res.statusCode >= 300 && res.statusCode < 400 && headersOut.location) {
        res.body.destroy();
        const next = ((): URL | undefined => {
          try {
            return new URL(headersOut.location, url);
          } catch {
            return undefined;
          }
        })();
        if (!next || next.origin !== url.origin) {
          return fail(
            'redirect',
            `${url.origin} redirects (${res.statusCode}) to ${next ? next.origin : 'an invalid location'}; not followed to another origin`,
            started,
            opts,
            {
              status: res.statusCode,
            },
          );
        }
        if (hop >= MAX_SAME_ORIGIN_REDIRECTS)
          return fail('redirect', `too many redirects at ${url.origin}`, started, opts, {status: res.statusCode});
        if (res.statusCode === 303 || ((res.statusCode === 301 || res.statusCode === 302) && method === 'POST')) {
          method = 'GET';
          body = undefined;
        }
        url = next;
        continue;
      }
      const declared = Number(headersOut['content-length']);
      if (Number.isFinite(declared) && declared > maxBytes) {
        res.body.destroy();
        return fail('too-large', `${url.origin} answered ${declared} bytes (limit ${maxBytes})`, started, opts, {
          status: res.statusCode,
        });
      }
      const decoder = new TextDecoder();
      let size = 0;
      let text = '';
      try {
        for await (const chunk of res.body) {
          const buf = chunk as Buffer;
          size += buf.length;
          if (size > maxBytes) {
            res.body.destroy();
            return fail('too-large', `${url.origin} sent more than ${maxBytes} bytes; stopped reading`, started, opts, {
              status: res.statusCode,
            });
          }
          const piece = decoder.decode(buf, {stream: true});
          text += piece;
          if (init.onText && piece) init.onText(piece);
        }
        const tail = decoder.decode();
        text += tail;
        if (init.onText && tail) init.onText(tail);
      } catch (err) {
        if (init.signal?.aborted && !timedOut)
          return fail('other', 'stopped (interrupted)', started, opts, {status: res.statusCode});
        const {kind, message} = networkFailure(err, timedOut, url);
        return fail(kind, message, started, opts, {status: res.statusCode});
      }
      return {
        ok: true,
        elapsedMs: Math.round(now() - started),
        response: {status: res.statusCode, headers: headersOut, text, url: url.toString()},
      };
    }
  } finally {
    clearTimeout(timer);
    init.signal?.removeEventListener('abort', stop);
  }
}

export function tryParseJson(text: string): {ok: true; value: unknown} | {ok: false} {
  try {
    return {ok: true, value: JSON.parse(text)};
  } catch {
    return {ok: false};
  }
}

/** The error text of a JSON error envelope, whatever its shape. */
export function errorText(body: unknown): string | undefined {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
  const b = body as Record<string, unknown>;
  const e = b.error;
  if (typeof e === 'string') return e;
  if (e && typeof e === 'object') {
    const msg = (e as Record<string, unknown>).message;
    if (typeof msg === 'string') return msg;
    return JSON.stringify(e);
  }
  if (b.object === 'error' && typeof b.message === 'string') return b.message;
  if (typeof b.detail === 'string') return b.detail;
  return undefined;
}

export function statusFailure(
  res: RawResponse,
  parsed: unknown,
  started: number,
  opts: ClientOptions | undefined,
  elapsedMs: number,
): Failure {
  const text = errorText(parsed) ?? res.text.trim().slice(0, 200);
  const classified = classifyError(res.text);
  const kind: FailureKind =
    res.status === 401 || res.status === 403 || classified.class.kind === 'auth' ? 'auth' : `http-${res.status}`;
  const f = fail(kind, `HTTP ${res.status}${text ? `: ${text}` : ''}`, started, opts, {
    status: res.status,
    bodyExcerpt: res.text,
  });
  f.elapsedMs = elapsedMs;
  if (classified.class.kind !== 'unknown') f.classified = classified;
  return f;
}

/**
 * GET/POST expecting a JSON body of a given shape. Non-2xx, non-JSON, a 200
 * that carries an `error` key (LM Studio) and shape mismatches are failures.
 */
export async function requestJson<S extends z.ZodType>(
  url: string,
  schema: S,
  init: SendInit = {},
): Promise<Result<{data: z.infer<S>; response: RawResponse}>> {
  const started = now();
  const r = await send(url, init);
  if (!r.ok) return r;
  const res = r.response;
  const parsed = tryParseJson(res.text);
  if (res.status < 200 || res.status >= 300)
    return statusFailure(res, parsed.ok ? parsed.value : undefined, started, init.opts, r.elapsedMs);
  if (!parsed.ok) {
    return fail('not-json', `${new URL(res.url).pathname} did not answer JSON`, started, init.opts, {
      status: res.status,
      bodyExcerpt: res.text,
    });
  }
  const v = parsed.value;
  if (v && typeof v === 'object' && !Array.isArray(v) && 'error' in v && (v as {error: unknown}).error) {
    const classified = classifyError(res.text);
    return fail('error-body', `HTTP ${res.status} with an error body: ${errorText(v) ?? ''}`, started, init.opts, {
      status: res.status,
      bodyExcerpt: res.text,
      ...(classified.class.kind !== 'unknown' ? {classified} : {}),
    });
  }
  const checked = schema.safeParse(v);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    const where = issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'unexpected shape';
    return fail(
      'bad-shape',
      `${new URL(res.url).pathname} answered an unexpected shape (${where})`,
      started,
      init.opts,
      {
        status: res.status,
        bodyExcerpt: res.text,
      },
    );
  }
  return {ok: true, elapsedMs: r.elapsedMs, data: checked.data as z.infer<S>, response: res};
}
