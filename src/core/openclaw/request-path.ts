/**
 * What OpenClaw does between "send a message" and the model's first token, per api and server kind, and
 * whether that call works. Read from the installed openclaw@2026.9.6 package (files cited per rule) and checked
 * by test/agreement against the real `openclaw agent --local`. The doctor's context verdicts and fixes come from
 * here, so a check fails exactly when OpenClaw's call would fail. Pure: no I/O.
 */
import {fmt} from '../findings/format.js';
import {promptNeedTokens} from './prompt-shape.js';

/** The OpenClaw release every rule below was read from and measured against. */
export const REQUEST_PATH_OPENCLAW_VERSION = '2026.9.6';

/**
 * LM Studio preload (dist/extensions/lmstudio/index.js, wrapLmstudioInferencePreload; dist/models.fetch-*.mjs,
 * prepareLmstudioModelForInference), 2026.9.6:
 *  - only for provider id "lmstudio", and unless `params.preload === false`;
 *  - GET {root}/api/v1/models (native API, LM Studio ≥ 0.4; 0.3.x has none, so the preload fails);
 *  - load context = min(contextTokens ?? contextWindow ?? 64,000, max_context_length when advertised);
 *  - when no loaded instance has at least that context: POST {root}/api/v1/models/load {model, context_length};
 *  - timeout 30 s; a failed preload is logged and OpenClaw carries on with the model as it is (best effort),
 *    then skips preloading for a cooldown.
 */
export const LMSTUDIO_PRELOAD_PROVIDER_ID = 'lmstudio';
export const LMSTUDIO_DEFAULT_LOAD_CONTEXT = 64_000;
export const LMSTUDIO_PRELOAD_TIMEOUT_MS = 30_000;

/**
 * Requests (2026.9.6): one POST per turn, `stream: true`; openai-responses sends `max_output_tokens` = maxTokens,
 * `store: false`; openai-completions sends `max_tokens` (or `max_completion_tokens`) = maxTokens; api "ollama" posts
 * /api/chat with options.num_ctx = params.num_ctx ?? contextTokens, omitted otherwise (Ollama then picks its own:
 * dist/stream.runtime-*.mjs, resolveOllamaNativeNumCtx); openai-completions to an Ollama port injects num_ctx =
 * params.num_ctx ?? contextTokens ?? contextWindow ?? maxTokens ?? 200,000 (dist/stream-compat-*.mjs).
 * OpenClaw does not cap its first prompt to the server's context: whether it fits is the server's business.
 * Provider `timeoutSeconds` bounds each call (default 120 s in our checks' reading); failures go to the fallbacks.
 */
export type ServerFamily = 'lmstudio' | 'ollama' | 'vllm' | 'llamacpp' | 'other';

export interface ServedNow {
  state: 'loaded' | 'not-loaded' | 'loading' | 'unknown';
  loadedContext?: number;
  maxContext?: number;
}

/** The fit engine's answer for "this model at this context on this machine" (src/core/hardware). */
export interface MemoryAnswer {
  fits: boolean;
  needGB: number;
  usableGB: number;
}

export interface RequestPathInput {
  providerId: string;
  /** The api OpenClaw uses for the provider (effectiveApi). */
  api: string;
  server: ServerFamily;
  /** LM Studio answers GET /api/v1/models (0.4+): OpenClaw's preload can work. */
  lmstudioNativeApi?: boolean;
  /** models.providers.<id>.params.preload as written. */
  preloadParam?: unknown;
  contextWindow?: number;
  contextTokens?: number;
  maxTokens?: number;
  served: ServedNow;
  /** Memory at a context, when the model is known to the fit engine; undefined when unknown. */
  memoryAt?: (context: number) => MemoryAnswer | undefined;
}

export type CallOutcome = 'works' | 'fails' | 'unknown';

export interface RequestPathPrediction {
  outcome: CallOutcome;
  /** OpenClaw's words for what happens, for the finding's message. */
  reason: string;
  /** Context the server will run the call in, when known. */
  runContext?: number;
  /** Tokens the first prompt needs (measured, by contextWindow). */
  promptNeed: number;
  /** OpenClaw (re)loads the model before the call. */
  reload?: {context: number; memory?: MemoryAnswer};
  /** The server-side remedy: run the model with this much context. */
  serverContext?: number;
}

export function preloadApplies(
  input: Pick<RequestPathInput, 'providerId' | 'server' | 'preloadParam' | 'lmstudioNativeApi'>,
): boolean {
  return (
    input.providerId === LMSTUDIO_PRELOAD_PROVIDER_ID &&
    input.server === 'lmstudio' &&
    input.preloadParam !== false &&
    input.lmstudioNativeApi === true
  );
}

/** The context OpenClaw asks LM Studio to load (prepareLmstudioModelForInference, 2026.9.6). */
export function lmstudioLoadContext(
  contextWindow: number | undefined,
  contextTokens: number | undefined,
  maxContext: number | undefined,
): number {
  const requested = contextTokens ?? contextWindow ?? LMSTUDIO_DEFAULT_LOAD_CONTEXT;
  return maxContext !== undefined ? Math.min(requested, maxContext) : requested;
}

/**
 * Will OpenClaw's first call work? `outcome` is "fails" exactly when the server refuses it (no model loaded and
 * none can be, or a prompt larger than the context the server runs).
 */
export function predictCall(input: RequestPathInput): RequestPathPrediction {
  const {served} = input;
  const window = input.contextTokens ?? input.contextWindow;
  const promptNeed = promptNeedTokens(window);
  const base = {promptNeed};
  const tooSmall = (ctx: number, why: string): RequestPathPrediction => ({
    ...base,
    outcome: 'fails',
    runContext: ctx,
    serverContext: neededContext(input),
    reason: `${why}: the server runs ${fmt(ctx)} tokens of context, and OpenClaw's first prompt alone needs about ${fmt(promptNeed)} (system prompt and tool definitions, measured with OpenClaw ${REQUEST_PATH_OPENCLAW_VERSION}); the server answers "context length" errors`,
  });

  if (preloadApplies(input)) {
    const loadAt = lmstudioLoadContext(input.contextWindow, input.contextTokens, served.maxContext);
    const loaded = served.state === 'loaded' ? served.loadedContext : undefined;
    if (loaded !== undefined && loaded >= loadAt)
      return judgeContext(input, loaded, promptNeed, `loaded with ${fmt(loaded)}`);
    const memory = input.memoryAt?.(loadAt);
    if (memory && !memory.fits) {
      const now = loaded ?? (served.state === 'loaded' ? undefined : 0);
      const note = `OpenClaw will ${loaded !== undefined ? 'reload' : 'load'} the model at ${fmt(loadAt)}; that needs ${fmt(memory.needGB)} GB, this machine has ${fmt(memory.usableGB)}`;
      if (!now)
        return {
          ...base,
          outcome: 'fails',
          reload: {context: loadAt, memory},
          reason: `${note}, so the load fails and LM Studio answers "No models loaded"`,
        };
      if (now < promptNeed)
        return {
          ...tooSmall(now, `${note}, so the load fails and it carries on with the ${fmt(now)} loaded`),
          reload: {context: loadAt, memory},
        };
      return {
        ...base,
        outcome: 'works',
        runContext: now,
        reload: {context: loadAt, memory},
        reason: `${note}; the load fails and it carries on with the ${fmt(now)} loaded`,
      };
    }
    const verb = loaded !== undefined ? `reload it (loaded with ${fmt(loaded)})` : 'load it';
    const loadNote = `before the call OpenClaw will ${verb} at ${fmt(loadAt)} via POST /api/v1/models/load${memory ? ` (needs ${fmt(memory.needGB)} GB of ${fmt(memory.usableGB)})` : ''}`;
    return {...judgeContext(input, loadAt, promptNeed, loadNote), reload: {context: loadAt, memory}};
  }

  if (served.state === 'not-loaded' || served.state === 'loading') {
    // No preload: the server's own JIT load decides (LM Studio and Ollama load on request, on by default).
    return {
      ...base,
      outcome: 'unknown',
      reason:
        "not loaded: the first request relies on the server loading it by itself (JIT), at the server's default context",
    };
  }
  if (input.api === 'ollama' && input.server === 'ollama') {
    const numCtx = input.contextTokens;
    // Ollama truncates a prompt longer than num_ctx instead of refusing it (docs/faq.md): the call works, badly.
    return {
      ...base,
      outcome: 'works',
      runContext: numCtx ?? served.loadedContext,
      reason: numCtx
        ? `OpenClaw sends num_ctx ${fmt(numCtx)} and Ollama loads at that size`
        : 'no num_ctx sent: Ollama picks its own context and truncates longer prompts',
    };
  }
  if (served.loadedContext === undefined)
    return {...base, outcome: 'unknown', reason: 'the server does not say what context it runs'};
  return judgeContext(input, served.loadedContext, promptNeed, `loaded with ${fmt(served.loadedContext)}`);
}

function judgeContext(input: RequestPathInput, ctx: number, promptNeed: number, how: string): RequestPathPrediction {
  if (ctx < promptNeed) {
    return {
      promptNeed,
      outcome: 'fails',
      runContext: ctx,
      serverContext: neededContext(input),
      reason: `${how}: the server runs ${fmt(ctx)} tokens of context, and OpenClaw's first prompt alone needs about ${fmt(promptNeed)} (system prompt and tool definitions, measured with OpenClaw ${REQUEST_PATH_OPENCLAW_VERSION}), so the server refuses it ("context length")`,
    };
  }
  return {promptNeed, outcome: 'works', runContext: ctx, reason: how};
}

/** The context a server should run for this model entry: the window, and never below prompt + output. */
export function neededContext(
  input: Pick<RequestPathInput, 'contextWindow' | 'contextTokens' | 'maxTokens' | 'served'>,
): number {
  const window = input.contextTokens ?? input.contextWindow;
  const floor = minimumWindow(window, input.maxTokens);
  const want = Math.max(window ?? floor, floor);
  return input.served.maxContext !== undefined ? Math.min(want, input.served.maxContext) : want;
}

/** The smallest contextWindow a fix may set: the prompt need plus maxTokens (never lower, issue 11). */
export function minimumWindow(contextWindow: number | undefined, maxTokens: number | undefined): number {
  return promptNeedTokens(contextWindow) + (maxTokens ?? 0);
}
