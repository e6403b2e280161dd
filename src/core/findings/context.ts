/**
 * Does the configured context fit what the server has loaded? Pure decision
 * logic with the numbers spelled out, used by the context.fits check.
 */
import {fmt} from './format.js';
import {promptNeedTokens} from '../openclaw/prompt-shape.js';

/** OpenClaw's context-window guard (2026.9): blocks below this, warns below WARN. */
export const OPENCLAW_MIN_CONTEXT = 4000;
export const OPENCLAW_WARN_CONTEXT = 8000;
/** Builds from Feb–Apr 2026 refused anything below 16,000 ("Minimum is 16000"). */
export const OPENCLAW_LEGACY_MIN_CONTEXT = 16000;
/**
 * Token counts a server may report: whole numbers from 256 (the smallest context any runtime loads)
 * to 2^24 (above every model's window). Anything else is a broken or hostile server and counts as unknown,
 * so it never reaches a plan (a reported context of 1 once became `contextWindow: 1`).
 */
export const MIN_TOKEN_COUNT = 256;
export const MAX_TOKEN_COUNT = 16_777_216;

export function saneTokenCount(n: unknown): number | undefined {
  return typeof n === 'number' && Number.isInteger(n) && n >= MIN_TOKEN_COUNT && n <= MAX_TOKEN_COUNT ? n : undefined;
}

/**
 * OpenClaw's own system prompt + tool schemas at the largest measured window (≈61 KB): the one prompt-need number
 * lives in core/openclaw/prompt-shape.ts (promptNeedTokens by contextWindow); this is its value at 200,000.
 */
export const PROMPT_ROOM_TOKENS = promptNeedTokens(undefined);

export interface ContextFitInput {
  contextWindow?: number;
  contextTokens?: number;
  maxTokens?: number;
  /** What the server has loaded now; undefined when unknown (cold or not reported). */
  loaded?: number;
  /** Trained maximum, for the message only. */
  maxContext?: number;
  serverLabel: string;
}

export type ContextVerdictKind =
  | 'fits'
  | 'exceeds-loaded'
  | 'output-too-large'
  | 'little-prompt-room'
  | 'below-openclaw-minimum'
  | 'below-legacy-minimum'
  | 'prompt-does-not-fit'
  | 'window-below-prompt'
  | 'no-context-configured'
  | 'unknown-loaded';

export interface ContextVerdict {
  kind: ContextVerdictKind;
  status: 'pass' | 'warn' | 'fail' | 'skip';
  message: string;
  /** The context OpenClaw budgets with: min(contextWindow, contextTokens). */
  effective?: number;
  /** Value to lower contextWindow/contextTokens to, when lowering is the fix. */
  lowerTo?: number;
  /** Context to load the server with, when raising is the fix. */
  raiseTo?: number;
  evidence: Record<string, number | string | null>;
}

export function effectiveContext(contextWindow?: number, contextTokens?: number): number | undefined {
  const vals = [contextWindow, contextTokens].filter((v): v is number => typeof v === 'number' && v > 0);
  return vals.length ? Math.min(...vals) : undefined;
}

/** All verdicts that apply, worst first. */
export function contextFit(input: ContextFitInput): ContextVerdict[] {
  const {contextWindow, contextTokens, maxTokens, loaded, maxContext, serverLabel} = input;
  const effective = effectiveContext(contextWindow, contextTokens);
  const evidence: Record<string, number | string | null> = {
    contextWindow: contextWindow ?? null,
    contextTokens: contextTokens ?? null,
    maxTokens: maxTokens ?? null,
    loadedContext: loaded ?? null,
    maxContext: maxContext ?? null,
  };
  const which =
    contextTokens !== undefined && effective === contextTokens && contextTokens !== contextWindow
      ? 'contextTokens'
      : 'contextWindow';
  const out: ContextVerdict[] = [];
  if (effective === undefined) {
    out.push({
      kind: 'no-context-configured',
      status: 'warn',
      message:
        loaded !== undefined
          ? `no contextWindow configured; OpenClaw assumes a default (often 128,000–200,000) while ${serverLabel} has ${fmt(loaded)} loaded`
          : 'no contextWindow configured; OpenClaw falls back to a default that may not match the server',
      lowerTo: loaded,
      evidence,
    });
    return out;
  }
  if (loaded === undefined) {
    out.push({
      kind: 'unknown-loaded',
      status: 'skip',
      message: `${which} ${fmt(effective)}; ${serverLabel} does not report a loaded context (model not loaded, or the server does not say)`,
      effective,
      evidence,
    });
  } else if (effective > loaded) {
    out.push({
      kind: 'exceeds-loaded',
      status: 'fail',
      message: `${which} ${fmt(effective)} > loaded context ${fmt(loaded)} (from ${serverLabel}): long sessions will overflow or be truncated${
        maxContext && maxContext > loaded
          ? ` (${serverLabel} reports a maximum of ${fmt(maxContext)} for this model)`
          : ''
      }`,
      effective,
      lowerTo: loaded,
      raiseTo: maxContext ? Math.min(effective, maxContext) : effective,
      evidence,
    });
  }
  const limit = loaded !== undefined ? Math.min(effective, loaded) : effective;
  // The one prompt-need number (measured; core/openclaw/prompt-shape.ts).
  const need = promptNeedTokens(effective);
  evidence.promptNeedTokens = need;
  // When the server's context cannot hold the prompt at all, only that is said (and fixed): trimming maxTokens
  // would never make the call work.
  const promptFits = loaded === undefined || loaded >= need;
  if (!promptFits) {
    // judged below (prompt-does-not-fit)
  } else if (maxTokens !== undefined && maxTokens >= limit) {
    out.push({
      kind: 'output-too-large',
      status: 'fail',
      message: `maxTokens ${fmt(maxTokens)} ≥ context ${fmt(limit)}: no room is left for the prompt`,
      effective,
      evidence,
    });
  } else if (maxTokens !== undefined && limit >= need && limit - maxTokens < need) {
    out.push({
      kind: 'little-prompt-room',
      status: 'warn',
      message: `context ${fmt(limit)} − maxTokens ${fmt(maxTokens)} leaves ${fmt(limit - maxTokens)} tokens for the prompt; OpenClaw's system prompt and tools alone need about ${fmt(need)}`,
      effective,
      evidence,
    });
  }
  if (limit < OPENCLAW_MIN_CONTEXT) {
    out.push({
      kind: 'below-openclaw-minimum',
      status: 'fail',
      message: `context ${fmt(limit)} is below OpenClaw's minimum of ${fmt(OPENCLAW_MIN_CONTEXT)}: OpenClaw refuses to use this model`,
      effective,
      raiseTo: 32768,
      evidence,
    });
  } else if (loaded !== undefined && loaded < need) {
    // The server runs less context than the first prompt: it refuses the call ("context length").
    out.push({
      kind: 'prompt-does-not-fit',
      status: 'fail',
      message: `${serverLabel} runs ${fmt(loaded)} tokens of context, and OpenClaw's first prompt alone needs about ${fmt(need)} (system prompt and tools): the server refuses the call ("context length")`,
      effective,
      raiseTo: Math.max(32768, need + (maxTokens ?? 0)),
      evidence,
    });
  } else if (effective < need) {
    // The server has room, so the call goes through; OpenClaw's budget is below its own prompt.
    out.push({
      kind: 'window-below-prompt',
      status: 'warn',
      message: `${which} ${fmt(effective)} is below OpenClaw's own prompt of about ${fmt(need)} tokens: every turn starts over budget and OpenClaw compacts constantly${
        effective < OPENCLAW_LEGACY_MIN_CONTEXT
          ? ` (builds from Feb–Apr 2026 refuse anything under ${fmt(OPENCLAW_LEGACY_MIN_CONTEXT)})`
          : ''
      }`,
      effective,
      raiseTo: Math.max(32768, need + (maxTokens ?? 0)),
      evidence,
    });
  }
  if (out.length === 0) {
    out.push({
      kind: 'fits',
      status: 'pass',
      message:
        loaded !== undefined
          ? `${which} ${fmt(effective)} ≤ loaded context ${fmt(loaded)} (from ${serverLabel})${maxTokens !== undefined ? `, maxTokens ${fmt(maxTokens)}` : ''}`
          : `${which} ${fmt(effective)}`,
      effective,
      evidence,
    });
  }
  const rank = {fail: 0, warn: 1, skip: 2, pass: 3};
  return out.sort((a, b) => rank[a.status] - rank[b.status]);
}
