/**
 * The shape and size of the first request OpenClaw sends to a model, as measured against openclaw@2026.9.6
 * (`openclaw agent --local -m hi --json`, Node 24, a fake LM Studio logging the body). One place for these figures:
 * the doctor's context verdicts and the rehearsal both read them. Refine them here, with the version, when OpenClaw
 * changes; never copy them elsewhere.
 */
export const PROMPT_SHAPE_OPENCLAW_VERSION = '2026.9.6';

/** One measured request: the body size in bytes at a given contextWindow. */
export interface MeasuredRequest {
  contextWindow: number;
  bodyBytes: number;
}

/**
 * Request bodies measured at five windows (the prompt shrinks a little with the window), maxTokens 2,048,
 * 12 tools, the user turn "hi" (test/agreement measures them again against the installed OpenClaw).
 * estimatedPromptTokens is OpenClaw's own pre-prompt estimate from the same run (contextBudgetStatus).
 */
export interface MeasuredPrompt extends MeasuredRequest {
  estimatedPromptTokens: number;
}
export const MEASURED_REQUESTS: readonly MeasuredPrompt[] = [
  {contextWindow: 8_192, bodyBytes: 51_889, estimatedPromptTokens: 16_198},
  {contextWindow: 16_384, bodyBytes: 52_474, estimatedPromptTokens: 16_365},
  {contextWindow: 32_768, bodyBytes: 52_692, estimatedPromptTokens: 16_431},
  {contextWindow: 65_536, bodyBytes: 56_499, estimatedPromptTokens: 17_572},
  {contextWindow: 200_000, bodyBytes: 61_103, estimatedPromptTokens: 18_952},
];

/**
 * The one prompt-need number: tokens OpenClaw's first prompt needs at a contextWindow, by OpenClaw's own estimate
 * (the same figure it budgets with), interpolated between the measured windows and held flat outside them. Every
 * verdict, fix floor and screen reads this; servers' tokenizers count a little less (~4 bytes a token: 13–15K).
 */
export function promptNeedTokens(contextWindow: number | undefined): number {
  const rows = MEASURED_REQUESTS;
  const w = contextWindow ?? rows[rows.length - 1].contextWindow;
  if (w <= rows[0].contextWindow) return rows[0].estimatedPromptTokens;
  for (let i = 1; i < rows.length; i++) {
    const a = rows[i - 1];
    const b = rows[i];
    if (w <= b.contextWindow) {
      const t = (w - a.contextWindow) / (b.contextWindow - a.contextWindow);
      return Math.ceil(a.estimatedPromptTokens + t * (b.estimatedPromptTokens - a.estimatedPromptTokens));
    }
  }
  return rows[rows.length - 1].estimatedPromptTokens;
}

/** What the body is made of at contextWindow 200,000. */
export const PROMPT_PARTS = {
  systemPromptChars: 51_000,
  toolCount: 12,
  toolDefinitionChars: 9_649,
} as const;

/** OpenClaw's own estimate of the first prompt, in tokens, and the reserve it keeps (same run). */
export const OPENCLAW_PROMPT_ESTIMATE_TOKENS = 18_952;
export const OPENCLAW_RESERVE_TOKENS = 20_000;
