/**
 * The rehearsal's HTTP: one streamed POST, read chunk by chunk and timed as it arrives. Uses the one client of this
 * module (http.ts: connect/idle/total timeouts, size cap, same-origin redirects only, the key only to its origin).
 */
import {RequestMeter, type RequestMeasure} from '../core/rehearsal/measure.js';
import type {RehearsalApi, RehearsalRequest} from '../core/rehearsal/request.js';
import {eventsFromWholeBody, StreamReader, type StreamEvent} from '../core/rehearsal/stream.js';
import {errorText, now, send, tryParseJson} from './http.js';

/** A streamed answer is bigger than a probe's; still bounded. */
export const MAX_STREAM_BYTES = 8 * 1024 * 1024;

export interface StreamOptions {
  apiKey?: string;
  /** Longest wait for the headers or the next chunk (the user's --timeout-ms). */
  idleTimeoutMs: number;
  /** This request's share of the total budget. */
  totalTimeoutMs: number;
  signal?: AbortSignal;
  /** Each event as it arrives, with the time it arrived (performance.now()). */
  onEvent?: (e: StreamEvent, atMs: number) => void;
}

export interface StreamedAnswer {
  measure: RequestMeasure;
  /** An HTTP error status and its message (4xx/5xx answers). */
  http?: {status: number; message: string};
}

/** The URL OpenClaw posts to: baseUrl + path; Ollama's native api lives at the root (a trailing /v1 is dropped). */
export function rehearsalUrl(baseUrl: string, api: RehearsalApi, path: string): string {
  let base = baseUrl.replace(/\/+$/, '');
  if (api === 'ollama') base = base.replace(/\/v1$/, '');
  return `${base}${path}`;
}

export async function streamOnce(
  baseUrl: string,
  api: RehearsalApi,
  req: RehearsalRequest,
  o: StreamOptions,
): Promise<StreamedAnswer> {
  const meter = new RequestMeter(now());
  const reader = new StreamReader(api);
  const emit = (e: StreamEvent, at: number): void => {
    meter.event(e, at);
    o.onEvent?.(e, at);
  };
  let status = 0;
  const r = await send(rehearsalUrl(baseUrl, api, req.path), {
    method: 'POST',
    json: req.body,
    signal: o.signal,
    idleTimeoutMs: o.idleTimeoutMs,
    opts: {
      apiKey: o.apiKey,
      connectTimeoutMs: Math.min(o.idleTimeoutMs, 10_000),
      totalTimeoutMs: o.totalTimeoutMs,
      maxBytes: MAX_STREAM_BYTES,
    },
    onText: (piece) => {
      const at = now();
      for (const e of reader.feed(piece)) emit(e, at);
    },
  });
  const end = now();
  if (!r.ok) {
    for (const e of reader.end()) emit(e, end);
    return {
      measure: meter.end(end, r.message),
      ...(r.status && r.status >= 400 ? {http: {status: r.status, message: r.message}} : {}),
    };
  }
  status = r.response.status;
  const parsed = tryParseJson(r.response.text);
  if (status >= 400) {
    const message = (parsed.ok ? errorText(parsed.value) : undefined) ?? r.response.text.trim().slice(0, 300);
    return {
      measure: meter.end(end, `HTTP ${status}: ${message}`),
      http: {status, message: `HTTP ${status}: ${message}`},
    };
  }
  for (const e of reader.end()) emit(e, end);
  // A server that ignored stream: true answers one JSON body: read it, though its timing says nothing about tokens.
  if (meter.m.chunks === 0 && !meter.m.done && parsed.ok)
    for (const e of eventsFromWholeBody(api, parsed.value)) emit(e, end);
  return {measure: meter.end(end)};
}
