/**
 * Streamed answers, read as they come: Server-Sent Events for the OpenAI-style apis (Chat Completions `data:` chunks
 * ending in `[DONE]`; Responses typed events ending in `response.completed`), newline-delimited JSON for Ollama's
 * `/api/chat`. Each becomes a small event the measurement understands. Pure and incremental: feed text, get events.
 * Server text is untrusted: lines and fields are bounded, odd shapes are skipped.
 */
import type {RehearsalApi} from './request.js';

export type StreamEvent =
  | {kind: 'text'; text: string}
  | {kind: 'reasoning'; text: string}
  | {kind: 'tool-call'; name: string}
  | {kind: 'usage'; inputTokens?: number; outputTokens?: number}
  | {kind: 'done'}
  | {kind: 'error'; message: string};

const MAX_LINE = 1024 * 1024;
type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const count = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < 1e9 ? v : undefined;

function parseJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return undefined;
  }
}

function errorMessage(v: unknown): string {
  if (typeof v === 'string') return v.slice(0, 500);
  if (isObj(v) && typeof v.message === 'string') return v.message.slice(0, 500);
  return 'the server reported an error in the stream';
}

function chatEvents(v: unknown): StreamEvent[] {
  if (!isObj(v)) return [];
  if (v.error) return [{kind: 'error', message: errorMessage(v.error)}];
  const out: StreamEvent[] = [];
  const choice = Array.isArray(v.choices) && isObj(v.choices[0]) ? v.choices[0] : undefined;
  const delta = choice && isObj(choice.delta) ? choice.delta : undefined;
  if (delta) {
    const reasoning = str(delta.reasoning_content) ?? str(delta.reasoning);
    if (reasoning) out.push({kind: 'reasoning', text: reasoning});
    const content = str(delta.content);
    if (content) out.push({kind: 'text', text: content});
    if (Array.isArray(delta.tool_calls)) {
      for (const c of delta.tool_calls) {
        const name = isObj(c) && isObj(c.function) ? str(c.function.name) : undefined;
        if (name) out.push({kind: 'tool-call', name: name.slice(0, 200)});
      }
    }
  }
  if (isObj(v.usage))
    out.push({
      kind: 'usage',
      inputTokens: count(v.usage.prompt_tokens),
      outputTokens: count(v.usage.completion_tokens),
    });
  return out;
}

function responsesEvents(v: unknown): StreamEvent[] {
  if (!isObj(v)) return [];
  const type = str(v.type) ?? '';
  if (type === 'response.output_text.delta') return str(v.delta) ? [{kind: 'text', text: v.delta as string}] : [];
  if (type === 'response.reasoning_text.delta' || type === 'response.reasoning_summary_text.delta') {
    return str(v.delta) ? [{kind: 'reasoning', text: v.delta as string}] : [];
  }
  if (type === 'response.output_item.added' && isObj(v.item) && v.item.type === 'function_call') {
    return [{kind: 'tool-call', name: (str(v.item.name) ?? '').slice(0, 200)}];
  }
  if (type === 'response.completed' || type === 'response.incomplete') {
    const r = isObj(v.response) ? v.response : {};
    const out: StreamEvent[] = [];
    if (isObj(r.usage))
      out.push({kind: 'usage', inputTokens: count(r.usage.input_tokens), outputTokens: count(r.usage.output_tokens)});
    out.push({kind: 'done'});
    return out;
  }
  if (type === 'response.failed' || type === 'error') {
    const r = isObj(v.response) ? v.response : v;
    return [{kind: 'error', message: errorMessage(r.error ?? v.message)}];
  }
  return [];
}

function ollamaEvents(v: unknown): StreamEvent[] {
  if (!isObj(v)) return [];
  if (v.error) return [{kind: 'error', message: errorMessage(v.error)}];
  const out: StreamEvent[] = [];
  const m = isObj(v.message) ? v.message : undefined;
  if (m) {
    if (str(m.thinking)) out.push({kind: 'reasoning', text: m.thinking as string});
    if (str(m.content)) out.push({kind: 'text', text: m.content as string});
    if (Array.isArray(m.tool_calls)) {
      for (const c of m.tool_calls) {
        const name = isObj(c) && isObj(c.function) ? str(c.function.name) : undefined;
        if (name) out.push({kind: 'tool-call', name: name.slice(0, 200)});
      }
    }
  }
  if (v.done === true) {
    const inputTokens = count(v.prompt_eval_count);
    const outputTokens = count(v.eval_count);
    if (inputTokens !== undefined || outputTokens !== undefined) out.push({kind: 'usage', inputTokens, outputTokens});
    out.push({kind: 'done'});
  }
  return out;
}

/** An incremental reader of one streamed answer. */
export class StreamReader {
  private buf = '';
  private overflow = false;
  constructor(private readonly api: RehearsalApi) {}

  /** Feeds a decoded piece; returns the events its complete lines finished. */
  feed(piece: string): StreamEvent[] {
    this.buf += piece;
    const out: StreamEvent[] = [];
    let nl: number;
    while ((nl = this.buf.indexOf('\n')) >= 0) {
      const line = this.buf.slice(0, nl).replace(/\r$/, '');
      this.buf = this.buf.slice(nl + 1);
      out.push(...this.line(line));
    }
    if (this.buf.length > MAX_LINE && !this.overflow) {
      this.overflow = true;
      this.buf = '';
      out.push({kind: 'error', message: 'a streamed line is longer than 1 MiB'});
    }
    return out;
  }

  /** The end of the body: a last line without a newline. */
  end(): StreamEvent[] {
    const rest = this.buf;
    this.buf = '';
    return rest.trim() ? this.line(rest) : [];
  }

  private line(line: string): StreamEvent[] {
    if (this.api === 'ollama') return line.trim() ? ollamaEvents(parseJson(line)) : [];
    // SSE: only data lines carry payloads; the Responses event type is repeated inside the JSON.
    if (!line.startsWith('data:')) return [];
    const data = line.slice(5).trim();
    if (data === '[DONE]') return [{kind: 'done'}];
    const v = parseJson(data);
    return this.api === 'openai-responses' ? responsesEvents(v) : chatEvents(v);
  }
}

/** A non-streamed JSON answer (a server that ignored `stream: true`): the same events from one body. */
export function eventsFromWholeBody(api: RehearsalApi, v: unknown): StreamEvent[] {
  if (!isObj(v)) return [];
  if (api === 'ollama') return ollamaEvents({...v, done: true});
  if (api === 'openai-responses') {
    const out: StreamEvent[] = [];
    for (const item of Array.isArray(v.output) ? v.output : []) {
      if (!isObj(item)) continue;
      if (item.type === 'function_call') out.push({kind: 'tool-call', name: (str(item.name) ?? '').slice(0, 200)});
      if (item.type === 'message' && Array.isArray(item.content)) {
        for (const c of item.content) if (isObj(c) && str(c.text)) out.push({kind: 'text', text: c.text as string});
      }
    }
    return [...out, ...responsesEvents({type: 'response.completed', response: v})];
  }
  const choice = Array.isArray(v.choices) && isObj(v.choices[0]) ? v.choices[0] : undefined;
  const message = choice && isObj(choice.message) ? choice.message : undefined;
  return [...chatEvents({choices: [{delta: message ?? {}}], usage: v.usage}), {kind: 'done'}];
}
