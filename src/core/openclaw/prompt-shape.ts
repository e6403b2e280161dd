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

/** Request bodies measured at three windows (the prompt shrinks a little with the window). */
export const MEASURED_REQUESTS: readonly MeasuredRequest[] = [
  {contextWindow: 8_192, bodyBytes: 51_000},
  {contextWindow: 32_768, bodyBytes: 53_000},
  {contextWindow: 200_000, bodyBytes: 61_000},
];

/** What the body is made of at contextWindow 200,000. */
export const PROMPT_PARTS = {
  systemPromptChars: 51_000,
  toolCount: 12,
  toolDefinitionChars: 9_600,
} as const;

/** OpenClaw's own estimate of the first prompt, in tokens, and the reserve it keeps (same run). */
export const OPENCLAW_PROMPT_ESTIMATE_TOKENS = 18_860;
export const OPENCLAW_RESERVE_TOKENS = 20_000;
