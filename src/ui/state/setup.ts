/**
 * The set-up wizard as a pure reducer: stack → server/model (or typed) →
 * context → fallbacks → review → done. Async work (planning, patching,
 * writing) happens in the screen; results come back as actions.
 */
import type {HardwareProfile} from '../../core/types/hardware.js';
import type {LoadState, ServerKind} from '../../core/types/servers.js';
import type {StackAnswers, StackInfo, StackPlan} from '../../core/stacks.js';
import {checkBaseUrl, parseTokenCount} from '../format.js';
import {groundedSizes, servedModel} from '../../core/stacks/ground.js';

export type SetupStep = 'stack' | 'hosted' | 'server' | 'manual' | 'context' | 'fallbacks' | 'review' | 'done';

export interface ModelChoice {
  baseUrl: string;
  model: string;
  serverKind?: ServerKind;
  /** "LM Studio on :1234" */
  serverLabel?: string;
  state?: LoadState;
  loadedContext?: number;
  maxContext?: number;
  sizeBytes?: number;
  /** Whether the server serves /v1/responses (from discovery). */
  responses?: 'yes' | 'no' | 'unknown';
}

export interface FallbackItem {
  ref: string;
  keep: boolean;
  /** Why it is offered: "hosted fallback now", "your primary now", "the stack's default". */
  why: string;
  /** Offered by us as the hosted safety net (not from the config or the plan). */
  recommended?: boolean;
}

export interface SetupState {
  step: SetupStep;
  /** Steps behind the current one, for Esc. */
  trail: SetupStep[];
  stack?: StackInfo;
  /** This machine (the app's detection): caps the pre-filled context as `setup` does. */
  hardware?: HardwareProfile;
  choice?: ModelChoice;
  manual: {
    baseUrl: string;
    model: string;
    field: 'baseUrl' | 'model';
    error?: string;
    /** What the typed server said when asked (fingerprint and models). */
    probe?: {
      baseUrl: string;
      ok: boolean;
      text: string;
      models: ModelChoice[] /** The baseUrl to write instead of the typed one (/v1 added or dropped for the API). */;
      useBaseUrl?: string;
    };
  };
  context: {contextText: string; maxTokensText: string; field: 'context' | 'maxTokens'; error?: string};
  /** Hosted-only stacks (regional): where and which model. */
  hosted: {region?: string; model?: string};
  fallbacks: FallbackItem[];
  /** True once candidates were computed for the current answers. */
  fallbacksReady: boolean;
  /** Typing a fallback of one's own ("provider/model"), when set. */
  adding?: {text: string; error?: string};
  cursor: number;
  plan?: StackPlan;
  /** An engine refused the answers (StackInputError, patch error): shown on the current step. */
  error?: string;
}

export type SetupAction =
  | {type: 'choose-stack'; stack: StackInfo; hardware?: HardwareProfile}
  | {type: 'choose-model'; choice: ModelChoice}
  | {type: 'choose-region'; region: string}
  | {type: 'choose-hosted-model'; model: string}
  | {type: 'type-manually'}
  | {type: 'manual-edit'; value: string}
  | {type: 'manual-submit'}
  /** Up/Down between the Base URL and Model id fields (Down checks the URL, as Enter does). */
  | {type: 'manual-move'; delta: number}
  | {type: 'manual-probed'; probe: NonNullable<SetupState['manual']['probe']>}
  | {type: 'context-edit'; value: string}
  | {type: 'context-submit'}
  /** Up/Down between the Context and Max tokens fields (Down checks the context, as Enter does). */
  | {type: 'context-move'; delta: number}
  | {type: 'fallback-candidates'; items: FallbackItem[]}
  | {type: 'fallback-cursor'; delta: number}
  | {type: 'fallback-toggle'}
  | {type: 'fallback-move'; delta: number}
  | {type: 'fallbacks-done'}
  | {type: 'fallback-add-start'}
  | {type: 'fallback-add-edit'; value: string}
  | {type: 'fallback-add-submit'}
  | {type: 'fallback-add-cancel'}
  | {type: 'planned'; plan: StackPlan}
  | {type: 'engine-error'; message: string}
  | {type: 'written'}
  | {type: 'back'};

export const initialSetupState: SetupState = {
  step: 'stack',
  trail: [],
  manual: {baseUrl: '', model: '', field: 'baseUrl'},
  context: {contextText: '', maxTokensText: '', field: 'context'},
  hosted: {},
  fallbacks: [],
  fallbacksReady: false,
  cursor: 0,
};

function go(state: SetupState, step: SetupStep): SetupState {
  return {...state, step, trail: [...state.trail, state.step], error: undefined};
}

/**
 * Ollama's native API sends the context with every request (num_ctx, from
 * contextTokens) and Ollama reloads the model with it: what is loaded now
 * (often its 4,096 default) is no limit there.
 */
export function requestSetsContext(stack: StackInfo | undefined, choice?: ModelChoice): boolean {
  return (serverAnswers(stack, choice).api ?? stack?.defaults.api) === 'ollama';
}

/**
 * The stacks built on LM Studio's defaults (hybrid, local first) take any
 * local server: for another kind, the provider and API must follow the
 * server, or an Ollama would be written as "lmstudio" over the Responses API.
 */
export function serverAnswers(
  stack: StackInfo | undefined,
  choice: ModelChoice | undefined,
): Pick<StackAnswers, 'api' | 'providerId'> {
  const kind = choice?.serverKind;
  if (!stack?.local || stack.defaults.providerId !== 'lmstudio' || !kind || kind === 'lmstudio') return {};
  const apis = stack.apis ?? [stack.defaults.api];
  if (kind === 'ollama') return apis.includes('ollama') ? {api: 'ollama', providerId: 'ollama'} : {};
  const providerId = kind === 'vllm' || kind === 'litellm' || kind === 'llamacpp' ? kind : 'local';
  const api =
    choice.responses === 'yes' && apis.includes('openai-responses')
      ? 'openai-responses'
      : apis.includes('openai-completions')
        ? 'openai-completions'
        : undefined;
  return api ? {api, providerId} : {providerId};
}

/** Context and reply sizes to pre-fill: the rule `setup` grounds its answers with (core/stacks/ground). */
export function suggestedSizes(
  stack: StackInfo | undefined,
  choice: ModelChoice | undefined,
  hardware?: HardwareProfile,
): {contextWindow?: number; maxTokens?: number} {
  const d = stack?.defaults;
  if (!d?.contextWindow || !d.maxTokens)
    return {contextWindow: d?.contextWindow ?? choice?.maxContext, maxTokens: d?.maxTokens};
  const guide = {contextWindow: d.contextWindow, maxTokens: d.maxTokens};
  if (!choice) return guide;
  const api = serverAnswers(stack, choice).api ?? d.api;
  const served = {
    kind: choice.serverKind ?? 'unknown',
    state: choice.state,
    loadedContext: choice.loadedContext,
    maxContext: choice.maxContext,
    id: choice.model,
    sizeBytes: choice.sizeBytes,
  } as const;
  const {contextWindow, maxTokens} = groundedSizes({api, served, guide, hardware});
  return {contextWindow, maxTokens};
}

function prefillContext(state: SetupState): SetupState['context'] {
  const {contextWindow, maxTokens} = suggestedSizes(state.stack, state.choice, state.hardware);
  return {
    contextText: contextWindow ? String(contextWindow) : '',
    maxTokensText: maxTokens ? String(maxTokens) : '',
    field: 'context',
  };
}

export function setupReducer(state: SetupState, action: SetupAction): SetupState {
  switch (action.type) {
    case 'choose-stack': {
      const next = {
        ...state,
        stack: action.stack,
        hardware: action.hardware,
        choice: undefined,
        hosted: {},
        plan: undefined,
        fallbacks: [],
        fallbacksReady: false,
      };
      if (action.stack.local) return go(next, 'server');
      // A hosted-only stack (regional) has no server or context; it may ask for a region and a model.
      return go(next, needsHostedChoice(action.stack, {}) ? 'hosted' : 'fallbacks');
    }
    case 'choose-region': {
      const next = {...state, hosted: {...state.hosted, region: action.region}, fallbacksReady: false};
      return needsHostedChoice(next.stack, next.hosted) ? next : go(next, 'fallbacks');
    }
    case 'choose-hosted-model': {
      const next = {...state, hosted: {...state.hosted, model: action.model}, fallbacksReady: false};
      return needsHostedChoice(next.stack, next.hosted) ? next : go(next, 'fallbacks');
    }
    case 'choose-model': {
      const next = {...state, choice: action.choice, fallbacksReady: false};
      return go({...next, context: prefillContext(next)}, 'context');
    }
    case 'type-manually': {
      const d = state.stack?.defaults;
      return go({...state, manual: {baseUrl: d?.baseUrl ?? '', model: d?.model ?? '', field: 'baseUrl'}}, 'manual');
    }
    case 'manual-edit':
      return {...state, manual: {...state.manual, [state.manual.field]: action.value, error: undefined}};
    case 'manual-submit': {
      const m = state.manual;
      if (m.field === 'baseUrl') {
        const r = checkBaseUrl(m.baseUrl);
        if ('error' in r) return {...state, manual: {...m, error: r.error}};
        return {...state, manual: {...m, baseUrl: r.value, field: 'model', error: undefined}};
      }
      const model = m.model.trim();
      if (!model) return {...state, manual: {...m, error: 'enter the model id exactly as the server lists it'}};
      if (/\s/.test(model)) return {...state, manual: {...m, error: 'a model id has no spaces'}};
      if (looksLikeUrl(model)) {
        return {
          ...state,
          manual: {
            ...m,
            error:
              'that is a URL: the model id is the name the server lists (e.g. qwen3-coder-30b); the URL goes in Base URL',
          },
        };
      }
      // A server that answered with its list refuses a model it does not serve (the engine's rule, core/stacks/ground).
      const asked = m.probe?.baseUrl === m.baseUrl && m.probe.ok && m.probe.models.length ? m.probe : undefined;
      let id = model;
      if (asked) {
        const listed = asked.models.map((c) => c.model);
        const found = servedModel(asked.models[0].serverKind ?? 'unknown', model, listed);
        if (!found.id) {
          const list =
            found.others.slice(0, 6).join(', ') +
            (found.others.length > 6 ? `, … (${found.others.length} in all)` : '');
          return {
            ...state,
            manual: {
              ...m,
              error: `${asked.models[0].serverLabel ?? 'the server'} does not serve "${model}": it serves ${list}`,
            },
          };
        }
        id = found.id;
      }
      // What the server said about this model (loaded context, ...) when it was asked.
      const served = m.probe?.baseUrl === m.baseUrl ? m.probe.models.find((c) => c.model === id) : undefined;
      const useBaseUrl = (m.probe?.baseUrl === m.baseUrl && m.probe.useBaseUrl) || m.baseUrl;
      const next = {...state, choice: served ?? {baseUrl: useBaseUrl, model: id}, fallbacksReady: false};
      return go({...next, context: prefillContext(next)}, 'context');
    }
    case 'manual-move': {
      if (action.delta > 0 && state.manual.field === 'baseUrl') return setupReducer(state, {type: 'manual-submit'});
      if (action.delta < 0 && state.manual.field === 'model')
        return {...state, manual: {...state.manual, field: 'baseUrl', error: undefined}};
      return state;
    }
    case 'manual-probed':
      return {...state, manual: {...state.manual, probe: action.probe}};
    case 'context-edit': {
      const c = state.context;
      const key = c.field === 'context' ? 'contextText' : 'maxTokensText';
      return {...state, context: {...c, [key]: action.value, error: undefined}};
    }
    case 'context-submit': {
      const c = state.context;
      if (c.field === 'context') {
        const r = parseTokenCount(c.contextText);
        if ('error' in r) return {...state, context: {...c, error: `context: ${r.error}`}};
        const most = state.choice?.maxContext;
        if (most && r.value > most)
          return {...state, context: {...c, error: `context: ${state.choice!.model} takes at most ${most} tokens`}};
        return {...state, context: {...c, contextText: String(r.value), field: 'maxTokens', error: undefined}};
      }
      const r = parseTokenCount(c.maxTokensText);
      if ('error' in r) return {...state, context: {...c, error: `max tokens: ${r.error}`}};
      const ctx = Number(c.contextText);
      if (r.value >= ctx)
        return {...state, context: {...c, error: `max tokens (${r.value}) must be less than the context (${ctx})`}};
      return go(
        {...state, context: {...c, maxTokensText: String(r.value), error: undefined}, fallbacksReady: false},
        'fallbacks',
      );
    }
    case 'context-move': {
      if (action.delta > 0 && state.context.field === 'context') return setupReducer(state, {type: 'context-submit'});
      if (action.delta < 0 && state.context.field === 'maxTokens')
        return {...state, context: {...state.context, field: 'context', error: undefined}};
      return state;
    }
    case 'fallback-candidates':
      return {...state, fallbacks: action.items, fallbacksReady: true, cursor: 0, error: undefined};
    case 'fallback-cursor': {
      const n = state.fallbacks.length;
      return n ? {...state, cursor: (state.cursor + action.delta + n) % n} : state;
    }
    case 'fallback-toggle': {
      const items = state.fallbacks.map((f, i) => (i === state.cursor ? {...f, keep: !f.keep} : f));
      return {...state, fallbacks: items};
    }
    case 'fallback-move': {
      const from = state.cursor;
      const to = from + action.delta;
      if (to < 0 || to >= state.fallbacks.length) return state;
      const items = [...state.fallbacks];
      [items[from], items[to]] = [items[to], items[from]];
      return {...state, fallbacks: items, cursor: to};
    }
    case 'fallback-add-start':
      return {...state, adding: {text: ''}};
    case 'fallback-add-edit':
      return state.adding ? {...state, adding: {text: action.value}} : state;
    case 'fallback-add-cancel':
      return {...state, adding: undefined};
    case 'fallback-add-submit': {
      if (!state.adding) return state;
      const ref = state.adding.text.trim();
      const error = fallbackRefError(
        ref,
        state.fallbacks.map((f) => f.ref),
      );
      if (error) return {...state, adding: {text: state.adding.text, error}};
      const items = [...state.fallbacks, {ref, keep: true, why: 'added by you'}];
      return {...state, fallbacks: items, cursor: items.length - 1, adding: undefined};
    }
    case 'fallbacks-done':
      return go({...state, plan: undefined}, 'review');
    case 'planned':
      return {...state, plan: action.plan, error: undefined};
    case 'engine-error':
      return {...state, error: action.message};
    case 'written':
      return {...state, step: 'done', trail: [], error: undefined};
    case 'back': {
      if (!state.trail.length || state.step === 'done') return state;
      const step = state.trail[state.trail.length - 1];
      // Going back to the hosted step asks its questions again.
      const hosted = step === 'hosted' ? {} : state.hosted;
      return {
        ...state,
        step,
        hosted,
        trail: state.trail.slice(0, -1),
        error: undefined,
        plan: step === 'review' ? state.plan : undefined,
      };
    }
  }
}

/** Why a typed fallback ref cannot be used, or undefined. OpenClaw refs are "provider/model" (the model may hold more slashes). */
export function fallbackRefError(ref: string, existing: string[]): string | undefined {
  if (!ref) return 'type a model ref: provider/model, e.g. openai/gpt-5.1';
  if (/\s/.test(ref)) return 'a model ref has no spaces';
  if (looksLikeUrl(ref)) return 'that is a URL: a fallback is a model ref, provider/model (e.g. openai/gpt-5.1)';
  const slash = ref.indexOf('/');
  if (slash <= 0 || slash === ref.length - 1) return 'a model ref is provider/model, e.g. openai/gpt-5.1';
  if (existing.includes(ref)) return `${ref} is already in the list`;
  return undefined;
}

/** "http://…", "127.0.0.1:1234/v1", "localhost:11434": an address, not a model id. */
export function looksLikeUrl(text: string): boolean {
  return (
    /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ||
    /^(localhost|\d{1,3}(\.\d{1,3}){3}|\[[0-9a-f:]+\])(:\d+)?(\/|$)/i.test(text)
  );
}

/** What a hosted-only stack still has to ask: 'region', then 'model', or nothing. */
export function needsHostedChoice(
  stack: StackInfo | undefined,
  hosted: SetupState['hosted'],
): 'region' | 'model' | undefined {
  if (!stack || stack.local) return undefined;
  if (stack.regions?.length && !hosted.region) return 'region';
  if (stack.modelChoices?.length && !hosted.model) return 'model';
  return undefined;
}

/** The answers planStack gets, from what the user chose. */
export function answersFrom(state: SetupState, withFallbacks = true): StackAnswers {
  const a: StackAnswers = {};
  if (state.stack?.local && state.choice) {
    a.baseUrl = state.choice.baseUrl;
    a.model = state.choice.model;
    Object.assign(a, serverAnswers(state.stack, state.choice));
    const ctx = parseTokenCount(state.context.contextText);
    const max = parseTokenCount(state.context.maxTokensText);
    if ('value' in ctx) a.contextWindow = ctx.value;
    if ('value' in max) a.maxTokens = max.value;
  }
  if (state.stack && !state.stack.local) {
    if (state.hosted.region) a.region = state.hosted.region;
    if (state.hosted.model) a.model = state.hosted.model;
  }
  if (withFallbacks && state.fallbacksReady) a.fallbacks = state.fallbacks.filter((f) => f.keep).map((f) => f.ref);
  return a;
}

/**
 * What to offer as fallbacks: the stack's own choice, then the fallbacks the
 * config has now, then the current primary if it is being replaced. Kept
 * ones are on by default; nothing the user had is dropped silently.
 */
export function fallbackCandidates(input: {
  planned: string[];
  newPrimary?: string;
  currentPrimary?: string;
  currentFallbacks: string[];
  /**
   * The guide's hosted safety net (a stack's hostedDefault) and how to tell a
   * hosted ref: offered, ticked and marked recommended when the chain would
   * otherwise have no hosted model. Dropping it stays one key away.
   */
  hosted?: {suggest?: string; isHosted: (ref: string) => boolean};
}): FallbackItem[] {
  const out: FallbackItem[] = [];
  const seen = new Set<string>(input.newPrimary ? [input.newPrimary] : []);
  const add = (ref: string | undefined, why: string) => {
    if (!ref || seen.has(ref)) return;
    seen.add(ref);
    out.push({ref, keep: true, why});
  };
  const why = (r: string) =>
    r === input.currentPrimary
      ? 'your primary now'
      : input.currentFallbacks.includes(r)
        ? 'a fallback now'
        : "the stack's choice";
  for (const r of input.planned) add(r, why(r));
  for (const r of input.currentFallbacks) add(r, 'a fallback now');
  add(input.currentPrimary, 'your primary now');
  const h = input.hosted;
  const primaryHosted = input.newPrimary !== undefined && h?.isHosted(input.newPrimary);
  if (h?.suggest && !primaryHosted && !out.some((f) => h.isHosted(f.ref)) && !seen.has(h.suggest)) {
    seen.add(h.suggest);
    out.push({ref: h.suggest, keep: true, why: 'recommended: the hosted safety net', recommended: true});
  }
  return out;
}
