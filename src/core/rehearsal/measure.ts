/**
 * From timestamps to figures. One meter per request records when the first and last token arrived and what came
 * back; the rehearsal combines three requests: a one-token request on the cold model (load + fixed cost), OpenClaw's
 * big request (prefill + decode) and the same one-token request again on the warm model (fixed cost only).
 *   loadMs  = cold one-token first-token time − warm one-token first-token time
 *   prefill = prompt tokens ÷ (big request's first-token time − warm one-token first-token time)
 *   decode  = (output tokens − 1) ÷ (last token − first token)
 * Pure: time is passed in.
 */
import type {StreamEvent} from './stream.js';

/** Characters per token when the server reports no usage (English prose and JSON, tokenizer-independent enough). */
export const CHARS_PER_TOKEN = 4;
const MAX_KEPT_TEXT = 64 * 1024;

export interface RequestMeasure {
  startMs: number;
  firstTokenMs?: number;
  lastTokenMs?: number;
  endMs?: number;
  /** Content or reasoning chunks seen (a server sends about one token per chunk). */
  chunks: number;
  text: string;
  reasoning: string;
  toolCalls: string[];
  inputTokens?: number;
  outputTokens?: number;
  usageReported: boolean;
  done: boolean;
  error?: string;
}

export class RequestMeter {
  readonly m: RequestMeasure;
  constructor(startMs: number) {
    this.m = {startMs, chunks: 0, text: '', reasoning: '', toolCalls: [], usageReported: false, done: false};
  }

  event(e: StreamEvent, atMs: number): void {
    const m = this.m;
    if (e.kind === 'text' || e.kind === 'reasoning' || e.kind === 'tool-call') {
      m.firstTokenMs ??= atMs;
      m.lastTokenMs = atMs;
      m.chunks++;
    }
    if (e.kind === 'text' && m.text.length < MAX_KEPT_TEXT) m.text += e.text;
    if (e.kind === 'reasoning' && m.reasoning.length < MAX_KEPT_TEXT) m.reasoning += e.text;
    if (e.kind === 'tool-call' && m.toolCalls.length < 16) m.toolCalls.push(e.name);
    if (e.kind === 'usage') {
      if (e.inputTokens !== undefined || e.outputTokens !== undefined) m.usageReported = true;
      if (e.inputTokens !== undefined) m.inputTokens = e.inputTokens;
      if (e.outputTokens !== undefined) m.outputTokens = e.outputTokens;
    }
    if (e.kind === 'done') m.done = true;
    if (e.kind === 'error') m.error ??= e.message;
  }

  end(atMs: number, error?: string): RequestMeasure {
    this.m.endMs ??= atMs;
    if (error) this.m.error ??= error;
    return this.m;
  }
}

export const ttftOf = (m: RequestMeasure | undefined): number | undefined =>
  m?.firstTokenMs !== undefined ? Math.max(0, m.firstTokenMs - m.startMs) : undefined;

/** Output tokens: the server's count, else the chunks seen. */
export function outputTokensOf(m: RequestMeasure): number {
  return m.outputTokens ?? m.chunks;
}

export function decodeRate(m: RequestMeasure): number | undefined {
  if (m.firstTokenMs === undefined || m.lastTokenMs === undefined) return undefined;
  const n = outputTokensOf(m);
  const spanMs = m.lastTokenMs - m.firstTokenMs;
  if (n < 2 || spanMs <= 0) return undefined;
  return ((n - 1) * 1000) / spanMs;
}

export interface Figures {
  loadMs?: number;
  ttftMs?: number;
  prefillTokensPerSecond?: number;
  decodeTokensPerSecond?: number;
  totalMs?: number;
  promptTokens?: number;
  promptTokensEstimated: boolean;
  outputTokens?: number;
  usageReported?: boolean;
}

const round1 = (n: number): number => Math.round(n * 10) / 10;

export function figures(parts: {
  cold?: RequestMeasure;
  main?: RequestMeasure;
  warm?: RequestMeasure;
  promptChars: number;
}): Figures {
  const {cold, main, warm} = parts;
  const coldT = ttftOf(cold);
  const warmT = ttftOf(warm);
  const mainT = ttftOf(main);
  const out: Figures = {promptTokensEstimated: false};
  if (coldT !== undefined && warmT !== undefined) out.loadMs = Math.round(Math.max(0, coldT - warmT));
  if (main) {
    if (mainT !== undefined) out.ttftMs = Math.round(mainT);
    if (main.endMs !== undefined) out.totalMs = Math.round(main.endMs - main.startMs);
    out.usageReported = main.usageReported;
    const promptTokens = main.inputTokens ?? Math.round(parts.promptChars / CHARS_PER_TOKEN);
    out.promptTokens = promptTokens;
    out.promptTokensEstimated = main.inputTokens === undefined;
    if (mainT !== undefined) {
      const prefillMs = Math.max(1, mainT - (warmT ?? 0));
      out.prefillTokensPerSecond = round1((promptTokens * 1000) / prefillMs);
    }
    const d = decodeRate(main);
    if (d !== undefined) out.decodeTokensPerSecond = round1(d);
    if (main.firstTokenMs !== undefined) out.outputTokens = outputTokensOf(main);
  }
  return out;
}

/** Reasoning that reached the final text: `<think>` blocks, gpt-oss harmony tags, or harmony with the tags stripped. */
export function reasoningLeak(text: string): string | undefined {
  const patterns: RegExp[] = [
    /<\/?think>/i,
    /<\|(?:channel|message|start|end|return)\|>/,
    /\banalysis\b[\s\S]{0,4000}\bassistantfinal\b/i,
    /<\/?(?:reasoning|thinking)>/i,
  ];
  for (const p of patterns) {
    const m = p.exec(text);
    if (m) return m[0].slice(0, 40);
  }
  return undefined;
}

export type ToolCallVerdict = 'structured' | 'text' | 'unsupported' | 'error';

/** How the tool-call request came back. */
export function toolCallVerdict(
  m: RequestMeasure | undefined,
  expected: string,
  http?: {status: number; message: string},
): {verdict: ToolCallVerdict; detail: string} {
  if (http && http.status >= 400 && http.status < 500) {
    if (/tool/i.test(http.message)) return {verdict: 'unsupported', detail: http.message};
    return {verdict: 'error', detail: http.message};
  }
  if (!m) return {verdict: 'error', detail: http?.message ?? 'no answer'};
  if (m.toolCalls.length) return {verdict: 'structured', detail: `called ${m.toolCalls[0]}`};
  if (m.error)
    return /tool/i.test(m.error) ? {verdict: 'unsupported', detail: m.error} : {verdict: 'error', detail: m.error};
  const t = m.text;
  if (t.includes(expected) || /<tool_call>|"arguments"\s*:|\[TOOL_CALLS\]|<\|python_tag\|>/.test(t)) {
    return {verdict: 'text', detail: 'the call came back as plain text in the reply'};
  }
  return {verdict: 'text', detail: 'the model answered in prose and made no call'};
}
