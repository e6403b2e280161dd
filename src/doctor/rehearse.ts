/**
 * `doctor --rehearse`: OpenClaw's first request, rehearsed against the configured primary model, measured.
 * Four streamed requests in a row: a one-token request (loads a cold model), OpenClaw's request at its measured
 * size, the one-token request again (the warm fixed cost), and a small request that asks for a tool call. Every
 * wait is bounded by the per-wait limit, the whole run by a total budget, and an AbortSignal (Ctrl+C) stops it with
 * what was measured so far. Both front-ends call this; it prints nothing.
 */
import {splitModelRef} from '../config/index.js';
import {resolveRef, type ConfigView} from '../core/config-view.js';
import {figures, reasoningLeak, toolCallVerdict, type RequestMeasure} from '../core/rehearsal/measure.js';
import {
  openclawLimits,
  rehearsalFindings,
  type RehearsalContext,
  type RehearsalFinding,
  type RehearsalOutcome,
} from '../core/rehearsal/findings.js';
import {
  rehearsalApi,
  rehearsalRequest,
  tinyRequest,
  TOOL_CALL_NAME,
  toolCallRequest,
  type RehearsalModel,
} from '../core/rehearsal/request.js';
import type {StreamEvent} from '../core/rehearsal/stream.js';
import {probeServer} from '../servers/index.js';
import {streamOnce, type StreamedAnswer} from '../servers/rehearse.js';
import {now} from '../servers/http.js';
import {recordMeasuredSpeed} from '../process/measured-speeds.js';

/** Per-answer wait when --timeout-ms is not given: OpenClaw's own idle limit for a self-hosted server. */
export const REHEARSAL_WAIT_MS = 300_000;
/** The whole rehearsal (four requests). */
export const REHEARSAL_BUDGET_MS = 15 * 60_000;

export type RehearsalPhase = 'load' | 'prefill' | 'decode' | 'warm' | 'tool-call' | 'done';

export interface RehearsalProgress {
  phase: RehearsalPhase;
  /** Since the current request started. */
  elapsedMs: number;
  /** Chunks streamed so far in the current request. */
  tokens: number;
}

export interface RehearsalTarget {
  ref: string;
  providerId: string;
  modelId: string;
  baseUrl: string;
  api: string;
  apiKey?: string;
  maxTokens?: number;
  contextWindow?: number;
  providerTimeoutSeconds?: number;
  agentTimeoutSeconds?: number;
}

export interface RehearsalReport {
  target: Omit<RehearsalTarget, 'apiKey'>;
  serverKind: string;
  outcome: RehearsalOutcome;
  findings: RehearsalFinding[];
  limits: RehearsalContext['limits'];
  promptChars: number;
  /** Set when nothing could be rehearsed (no primary, a hosted or unsupported api...). */
  skipped?: string;
}

/** The configured primary, as OpenClaw would call it; a string says why there is none to rehearse. */
export function rehearsalTarget(view: ConfigView | undefined, rawConfig: unknown): RehearsalTarget | string {
  if (!view?.primary) return 'no primary model is configured (agents.defaults.model.primary)';
  const ref = splitModelRef(view.primary);
  if (!ref) return `the primary "${view.primary}" has no provider prefix`;
  const resolved = resolveRef(view, ref);
  if (!resolved?.provider.baseUrl) return `provider "${ref.provider}" has no baseUrl in the config`;
  const p = resolved.provider;
  const defaults = (rawConfig as {agents?: {defaults?: {timeoutSeconds?: unknown}}} | undefined)?.agents?.defaults;
  const agentT =
    typeof defaults?.timeoutSeconds === 'number' && Number.isFinite(defaults.timeoutSeconds)
      ? defaults.timeoutSeconds
      : undefined;
  return {
    ref: view.primary,
    providerId: p.id,
    modelId: ref.model,
    baseUrl: p.baseUrl!,
    api: p.api ?? 'openai-completions',
    ...(p.apiKeyForRequests ? {apiKey: p.apiKeyForRequests} : {}),
    ...(resolved.model?.maxTokens ? {maxTokens: resolved.model.maxTokens} : {}),
    ...(resolved.model?.contextWindow ? {contextWindow: resolved.model.contextWindow} : {}),
    ...(p.timeoutSeconds !== undefined ? {providerTimeoutSeconds: p.timeoutSeconds} : {}),
    ...(agentT !== undefined ? {agentTimeoutSeconds: agentT} : {}),
  };
}

export interface RehearseOptions {
  /** Longest wait for one answer's headers or next chunk. */
  waitMs: number;
  /** The whole rehearsal. */
  budgetMs: number;
  signal?: AbortSignal;
  onProgress?: (p: RehearsalProgress) => void;
  env: NodeJS.ProcessEnv;
  /** Record the measured speeds in the state dir (default true). */
  record?: boolean;
  /** Test seam: the server kind without probing. */
  serverKind?: string;
  nowDate?: () => Date;
}

export async function rehearse(t: RehearsalTarget, o: RehearseOptions): Promise<RehearsalReport> {
  const started = now();
  const limits = openclawLimits({
    baseUrl: t.baseUrl,
    providerTimeoutSeconds: t.providerTimeoutSeconds,
    agentTimeoutSeconds: t.agentTimeoutSeconds,
  });
  const {apiKey: _key, ...shownTarget} = t;
  const api = rehearsalApi(t.api);
  const base = {target: shownTarget, limits, promptChars: 0};
  if (!api)
    return {
      ...base,
      serverKind: 'unknown',
      outcome: {promptTokensEstimated: false},
      findings: [],
      skipped: `api "${t.api}" is not one a rehearsal can imitate (openai-responses, openai-completions, ollama)`,
    };
  const nonce = Math.floor(Math.random() * 2 ** 32).toString(36);
  const model: RehearsalModel = {
    api,
    model: t.modelId,
    nonce,
    ...(t.maxTokens ? {maxTokens: t.maxTokens} : {}),
    ...(api === 'ollama' && t.contextWindow ? {contextTokens: t.contextWindow} : {}),
  };
  let serverKind = o.serverKind;
  if (!serverKind) {
    const probed = await probeServer(t.baseUrl, {apiKey: t.apiKey, totalTimeoutMs: Math.min(o.waitMs, 10_000)});
    serverKind = probed.ok ? probed.report.fingerprint.kind : 'unknown';
  }
  const big = rehearsalRequest(model);
  const left = (): number => o.budgetMs - (now() - started);
  let stopped: string | undefined;

  const run = async (phase: RehearsalPhase, req: typeof big): Promise<StreamedAnswer | undefined> => {
    if (stopped) return undefined;
    if (o.signal?.aborted) {
      stopped = 'interrupted';
      return undefined;
    }
    const budget = left();
    if (budget <= 0) {
      stopped = 'the total budget ran out';
      return undefined;
    }
    const t0 = now();
    let tokens = 0;
    let current: RehearsalPhase = phase;
    const tick = setInterval(() => o.onProgress?.({phase: current, elapsedMs: now() - t0, tokens}), 250);
    tick.unref?.();
    o.onProgress?.({phase, elapsedMs: 0, tokens: 0});
    try {
      const answer = await streamOnce(t.baseUrl, api, req, {
        apiKey: t.apiKey,
        idleTimeoutMs: o.waitMs,
        totalTimeoutMs: budget,
        signal: o.signal,
        onEvent: (e: StreamEvent) => {
          if (e.kind === 'text' || e.kind === 'reasoning') {
            tokens++;
            if (phase === 'prefill') current = 'decode';
          }
        },
      });
      if (o.signal?.aborted) stopped = 'interrupted';
      else if (answer.measure.error && now() - started >= o.budgetMs) stopped = 'the total budget ran out';
      return answer;
    } finally {
      clearInterval(tick);
    }
  };

  const cold = await run('load', tinyRequest(model));
  const main = await run('prefill', big);
  const warm = await run('warm', tinyRequest(model));
  const tool = await run('tool-call', toolCallRequest(model));
  o.onProgress?.({phase: 'done', elapsedMs: now() - started, tokens: 0});

  const ok = (a: StreamedAnswer | undefined): RequestMeasure | undefined =>
    a && !a.measure.error && a.measure.firstTokenMs !== undefined ? a.measure : undefined;
  const outcome: RehearsalOutcome = figures({
    cold: ok(cold),
    main: main?.measure.firstTokenMs !== undefined ? main.measure : undefined,
    warm: ok(warm),
    promptChars: big.promptChars,
  });
  if (main && main.measure.firstTokenMs !== undefined) {
    const leak = reasoningLeak(main.measure.text);
    outcome.reasoningLeak = leak !== undefined;
    if (leak) outcome.leakSample = leak;
  }
  if (tool) {
    const v = toolCallVerdict(tool.measure, TOOL_CALL_NAME, tool.http);
    outcome.toolCall = v.verdict;
    outcome.toolCallDetail = v.detail;
  }
  const firstError = [cold, main, warm].find((a) => a?.measure.error)?.measure.error;
  if (stopped) outcome.stopped = stopped;
  else if (firstError && main?.measure.firstTokenMs === undefined) outcome.stopped = `error: ${firstError}`;

  const ctx: RehearsalContext = {
    providerId: t.providerId,
    modelId: t.modelId,
    api,
    serverKind,
    baseUrl: t.baseUrl,
    limits,
    ...(t.contextWindow ? {contextWindow: t.contextWindow} : {}),
  };
  const findings = rehearsalFindings(outcome, ctx);
  if (
    o.record !== false &&
    !outcome.stopped &&
    (outcome.decodeTokensPerSecond !== undefined || outcome.prefillTokensPerSecond !== undefined)
  ) {
    recordMeasuredSpeed(o.env, {
      model: t.ref,
      at: (o.nowDate?.() ?? new Date()).toISOString(),
      ...(outcome.decodeTokensPerSecond !== undefined ? {decodeTokensPerSecond: outcome.decodeTokensPerSecond} : {}),
      ...(outcome.prefillTokensPerSecond !== undefined ? {prefillTokensPerSecond: outcome.prefillTokensPerSecond} : {}),
      ...(outcome.ttftMs !== undefined ? {ttftMs: outcome.ttftMs} : {}),
      ...(outcome.loadMs !== undefined ? {loadMs: outcome.loadMs} : {}),
    });
  }
  return {target: shownTarget, serverKind, outcome, findings, limits, promptChars: big.promptChars};
}

/** The `rehearsal` object of `doctor --json`. */
export function rehearsalJson(r: RehearsalReport): Record<string, unknown> {
  const o = r.outcome;
  return {
    model: r.target.ref,
    api: r.target.api,
    serverKind: r.serverKind,
    ...(r.skipped ? {skipped: r.skipped} : {}),
    loadMs: o.loadMs ?? null,
    ttftMs: o.ttftMs ?? null,
    prefillTokensPerSecond: o.prefillTokensPerSecond ?? null,
    decodeTokensPerSecond: o.decodeTokensPerSecond ?? null,
    totalMs: o.totalMs ?? null,
    promptTokens: o.promptTokens ?? null,
    promptTokensEstimated: o.promptTokensEstimated,
    outputTokens: o.outputTokens ?? null,
    toolCall: o.toolCall ?? null,
    reasoningLeak: o.reasoningLeak ?? null,
    usageReported: o.usageReported ?? null,
    openclawLimits: {requestMs: r.limits.requestMs ?? null, idleMs: r.limits.idleMs ?? null, basis: r.limits.basis},
    ...(o.stopped ? {stopped: o.stopped} : {}),
    findings: r.findings,
  };
}
