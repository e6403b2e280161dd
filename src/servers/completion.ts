/**
 * A tiny streamed completion to measure time to first token and total time.
 * It can cold-load a model, so it runs only when the caller asks for it.
 */
import type {ClientOptions, CompletionTiming, Result} from '../core/types/servers.js';
import {errorText, fail, now, send, statusFailure, tryParseJson} from './http.js';
import {classifyError} from './classify.js';

/** A cold load can take a minute; probes keep their short default. */
export const COMPLETION_TIMEOUT_MS = 120_000;
const PROMPT = 'Reply with the single word OK.';

function requestFor(root: string, model: string, api: CompletionTiming['api']): {url: string; json: unknown} {
  switch (api) {
    case 'openai-responses':
      return {url: `${root}/v1/responses`, json: {model, input: PROMPT, max_output_tokens: 16, stream: true}};
    case 'openai-completions':
      return {
        url: `${root}/v1/chat/completions`,
        json: {model, messages: [{role: 'user', content: PROMPT}], max_tokens: 8, stream: true},
      };
    case 'ollama':
      return {
        url: `${root}/api/chat`,
        json: {model, messages: [{role: 'user', content: PROMPT}], stream: true, options: {num_predict: 8}},
      };
  }
}

/** True when one streamed event carries generated text (or reasoning, or a tool call). */
function isToken(event: Record<string, unknown>, api: CompletionTiming['api']): boolean {
  if (api === 'openai-responses') return typeof event.type === 'string' && event.type.endsWith('.delta');
  if (api === 'ollama') {
    const msg = event.message as Record<string, unknown> | undefined;
    return (
      !!msg &&
      ((typeof msg.content === 'string' && msg.content !== '') ||
        (typeof msg.thinking === 'string' && msg.thinking !== '') ||
        Array.isArray(msg.tool_calls))
    );
  }
  const choices = event.choices as {delta?: Record<string, unknown>}[] | undefined;
  const delta = choices?.[0]?.delta;
  if (!delta) return false;
  return (
    ['content', 'reasoning_content', 'reasoning'].some((k) => typeof delta[k] === 'string' && delta[k] !== '') ||
    Array.isArray(delta.tool_calls)
  );
}

function eventError(event: Record<string, unknown>): string | undefined {
  if (event.type === 'error' || event.type === 'response.failed') return JSON.stringify(event).slice(0, 500);
  return event.error ? (errorText(event) ?? JSON.stringify(event.error)) : undefined;
}

export async function tinyCompletion(
  root: string,
  model: string,
  api: CompletionTiming['api'],
  opts: ClientOptions = {},
): Promise<Result<{timing: CompletionTiming}>> {
  const started = now();
  const callOpts: ClientOptions = {...opts, totalTimeoutMs: opts.totalTimeoutMs ?? COMPLETION_TIMEOUT_MS};
  const {url, json} = requestFor(root, model, api);
  let firstTokenAt: number | undefined;
  let streamError: string | undefined;
  let buffer = '';
  const onLine = (line: string): void => {
    const trimmed = line.trim();
    const payload = api === 'ollama' ? trimmed : trimmed.startsWith('data:') ? trimmed.slice(5).trim() : '';
    if (!payload || payload === '[DONE]') return;
    const parsed = tryParseJson(payload);
    if (!parsed.ok || !parsed.value || typeof parsed.value !== 'object') return;
    const event = parsed.value as Record<string, unknown>;
    const err = eventError(event);
    if (err && streamError === undefined) streamError = err;
    if (firstTokenAt === undefined && isToken(event, api)) firstTokenAt = now();
  };
  const r = await send(url, {
    method: 'POST',
    json,
    opts: callOpts,
    authOrigin: new URL(root).origin,
    onText(chunk) {
      buffer += chunk;
      let i: number;
      while ((i = buffer.indexOf('\n')) >= 0) {
        onLine(buffer.slice(0, i));
        buffer = buffer.slice(i + 1);
      }
    },
  });
  if (!r.ok) return r;
  if (buffer) onLine(buffer);
  const res = r.response;
  const parsed = tryParseJson(res.text);
  if (res.status < 200 || res.status >= 300)
    return statusFailure(res, parsed.ok ? parsed.value : undefined, started, callOpts, r.elapsedMs);
  // A server that ignored stream:true and answered one JSON object (maybe an error).
  if (parsed.ok && parsed.value && typeof parsed.value === 'object') {
    const err = eventError(parsed.value as Record<string, unknown>);
    if (err) streamError = err;
  }
  if (streamError !== undefined) {
    const classified = classifyError(streamError);
    return fail('error-body', `the stream carried an error: ${streamError}`, started, callOpts, {
      status: res.status,
      bodyExcerpt: res.text,
      ...(classified.class.kind !== 'unknown' ? {classified} : {}),
    });
  }
  const totalMs = Math.round(now() - started);
  const firstTokenMs = firstTokenAt === undefined ? totalMs : Math.round(firstTokenAt - started);
  return {ok: true, elapsedMs: totalMs, timing: {firstTokenMs, totalMs, api}};
}
