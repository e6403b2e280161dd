/**
 * Validate the user's answers and fill the stack's defaults. Pure. Every
 * problem is a StackInputError with a one-line message.
 */
import {
  GENERIC_CONTEXT,
  GENERIC_MAX_TOKENS,
  GUIDE_MODEL,
  OPENROUTER_KEY_REF,
  OPENROUTER_REGION_BASE,
  REGIONAL_MODELS,
  localKeyMarker,
  stackInfo,
} from './catalog.js';
import {StackInputError} from './errors.js';
import {isEnvRef, looksLikeSecret, makeRef, splitRef} from './refs.js';
import {isLocalBaseUrl} from '../config-view.js';
import {promptNeedTokens} from '../openclaw/prompt-shape.js';
import {baseUrlForApi, validateBaseUrl} from '../base-url.js';
import type {LocalApi, Region, StackAnswers, StackId, StackInfo} from './types.js';

/** A value plus whether the user gave it (explicit answers beat what the config already has). */
export interface Answer<T> {
  value: T;
  explicit: boolean;
}

export interface ResolvedAnswers {
  stack: StackId;
  info: StackInfo;
  providerId: string;
  /** True when providerId came from the answers (then an existing provider of that id is the target). */
  baseUrl: Answer<string>;
  api: Answer<LocalApi>;
  apiKey: Answer<string>;
  modelId: string;
  modelRef: string;
  name: Answer<string>;
  contextWindow: Answer<number>;
  maxTokens: Answer<number>;
  alias: string;
  /** Write contextTokens = contextWindow (Ollama: sets num_ctx, #81878). */
  contextTokens: boolean;
  hostedPrimary?: string;
  fallbacks?: string[];
  region?: Region;
  mode?: 'merge' | 'replace';
  warnings: string[];
}

/** Built-in hosted providers: a local stack must not write its server into one of these. */
const HOSTED_PROVIDER_IDS = new Set([
  'anthropic',
  'openai',
  'openai-codex',
  'google',
  'gemini',
  'google-vertex',
  'openrouter',
  'groq',
  'mistral',
  'deepseek',
  'xai',
  'together',
  'fireworks',
  'moonshot',
  'kimi',
  'minimax',
  'zai',
  'bedrock',
  'amazon-bedrock',
  'azure',
  'github-copilot',
  'cerebras',
]);

const API_VALUES: LocalApi[] = ['openai-responses', 'openai-completions', 'ollama'];
const PROVIDER_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const MAX_TOKENS_LIMIT = 100_000_000;

function fail(message: string, field: keyof StackAnswers): never {
  throw new StackInputError(message, field);
}

function cleanString(value: unknown, field: keyof StackAnswers, what: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') fail(`${what} must be text`, field);
  const v = value.trim();
  if (v === '') fail(`${what} must not be empty`, field);
  if (/[\u0000-\u001f\u007f]/.test(v)) fail(`${what} contains control characters`, field);
  return v;
}

function positiveInt(value: unknown, field: keyof StackAnswers, what: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) {
    fail(`${what} must be a positive whole number, got ${JSON.stringify(value)}`, field);
  }
  if (value > MAX_TOKENS_LIMIT) fail(`${what} is implausibly large: ${value}`, field);
  return value;
}

/** validateBaseUrl (core/base-url), as an answer error on `field`. */
export function checkBaseUrl(raw: string, field: keyof StackAnswers = 'baseUrl', api?: LocalApi): string {
  const r = validateBaseUrl(raw, api);
  if ('error' in r) fail(r.error, field);
  return r.value;
}

export function checkRef(raw: unknown, field: keyof StackAnswers, what: string): string {
  const ref = cleanString(raw, field, what)!;
  if (/\s/.test(ref)) fail(`${what} ${JSON.stringify(ref)} must not contain spaces`, field);
  // "anthropic/sk-live-…": the key can hide behind a provider prefix.
  if (looksLikeSecret(ref) || ref.split('/').some(looksLikeSecret))
    fail(`${what} looks like an API key, not a model ref`, field);
  if (!splitRef(ref))
    fail(`${what} ${JSON.stringify(ref)} must look like provider/model, e.g. anthropic/claude-sonnet-4-5`, field);
  return ref;
}

function envRefFor(providerId: string): string {
  return `\${${
    providerId
      .toUpperCase()
      .replace(/[^A-Z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '') || 'LOCAL'
  }_API_KEY}`;
}

function defaultProviderFor(stack: StackId, baseUrl: string, defaults: StackInfo['defaults']): string {
  if (stack !== 'openai-compatible') return defaults.providerId;
  let port = '';
  try {
    port = new URL(baseUrl).port;
  } catch {
    /* checked before */
  }
  if (port === '8000') return 'vllm';
  if (port === '4000') return 'litellm';
  if (port === '30000') return 'sglang';
  return 'openai-compatible';
}

function aliasFor(stack: StackId, modelId: string, region?: Region): string {
  if (stack === 'regional') {
    const known = REGIONAL_MODELS.find((m) => m.id === modelId);
    const base = known ? known.alias : slug(modelId);
    return region ? `${base}${region.toUpperCase()}` : base;
  }
  if (modelId === GUIDE_MODEL.id) return GUIDE_MODEL.alias;
  return slug(modelId);
}

function slug(modelId: string): string {
  const last = modelId.slice(modelId.lastIndexOf('/') + 1);
  const noTag = last.replace(/:[^:]*$/, '');
  return noTag || last;
}

export function resolveAnswers(stack: StackId, answers: StackAnswers): ResolvedAnswers {
  const info = stackInfo(stack);
  const warnings: string[] = [];
  if (answers === null || typeof answers !== 'object') fail('answers must be an object', 'model');

  // region (regional only)
  let region: Region | undefined;
  const regionRaw = cleanString(answers.region, 'region', 'region');
  if (regionRaw !== undefined) {
    if (stack !== 'regional') fail('region applies only to the regional stack', 'region');
    const r = regionRaw.toLowerCase();
    if (r !== 'eu' && r !== 'us') fail(`region must be eu or us, got ${JSON.stringify(regionRaw)}`, 'region');
    region = r;
  } else if (stack === 'regional') {
    fail('the regional stack needs a region: eu or us', 'region');
  }

  // api
  let api: Answer<LocalApi> = {value: info.defaults.api, explicit: false};
  if (answers.api !== undefined) {
    if (!API_VALUES.includes(answers.api))
      fail(`api must be one of ${API_VALUES.join(', ')}, got ${JSON.stringify(answers.api)}`, 'api');
    const allowed = info.apis ?? API_VALUES;
    if (!allowed.includes(answers.api)) {
      fail(
        stack === 'ollama'
          ? "the ollama stack uses Ollama's native API; for its OpenAI-compatible /v1 endpoint use the openai-compatible stack"
          : `api "ollama" is for the ollama stack; ${stack} accepts ${allowed.join(' or ')}`,
        'api',
      );
    }
    api = {value: answers.api, explicit: true};
  }
  // hybrid/local-first over Ollama's native API take the ollama stack's server defaults.
  const defaults = api.value === 'ollama' ? stackInfo('ollama').defaults : info.defaults;

  // baseUrl
  let baseUrl: Answer<string>;
  const baseRaw = cleanString(answers.baseUrl, 'baseUrl', 'base URL');
  if (stack === 'regional') {
    if (baseRaw !== undefined)
      fail("the regional stack takes OpenRouter's in-region URL from the region; do not give a base URL", 'baseUrl');
    baseUrl = {value: OPENROUTER_REGION_BASE[region!], explicit: true};
  } else if (baseRaw !== undefined) {
    baseUrl = {value: checkBaseUrl(baseRaw, 'baseUrl', api.value), explicit: true};
  } else {
    baseUrl = {value: defaults.baseUrl!, explicit: false};
  }
  const forApi = stack === 'regional' ? baseUrl.value : baseUrlForApi(baseUrl.value, api.value);
  if (forApi !== baseUrl.value) {
    warnings.push(
      api.value === 'ollama'
        ? // Native Ollama API lives at the root; /v1 + tools prints raw tool JSON (OpenClaw #21243).
          `Ollama's native API has no /v1: using base URL ${forApi} (with /v1, tool calls come back as plain text; OpenClaw #21243).`
        : `OpenAI-style APIs live under /v1: using base URL ${forApi}.`,
    );
    baseUrl = {value: forApi, explicit: baseUrl.explicit};
  } else if (baseUrl.explicit && api.value !== 'ollama' && stack !== 'regional' && !/\/v1$/i.test(baseUrl.value)) {
    warnings.push(
      `Base URL ${baseUrl.value} does not end in /v1; most OpenAI-compatible servers need it (LiteLLM accepts both).`,
    );
  }

  // provider id
  let providerId = cleanString(answers.providerId, 'providerId', 'provider id');
  if (providerId !== undefined) {
    if (looksLikeSecret(providerId))
      fail('provider id looks like an API key; give the name to list the server under (e.g. lmstudio)', 'providerId');
    if (!PROVIDER_ID.test(providerId)) {
      fail(
        `provider id ${JSON.stringify(providerId)} must be letters, digits, '.', '_' or '-' (no spaces or '/')`,
        'providerId',
      );
    }
    if (info.local && HOSTED_PROVIDER_IDS.has(providerId.toLowerCase())) {
      fail(
        `provider id "${providerId}" is a hosted provider; give your local server its own id (e.g. ${defaults.providerId})`,
        'providerId',
      );
    }
  } else {
    providerId = defaultProviderFor(stack, baseUrl.value, defaults);
  }

  // model id
  let modelId = cleanString(answers.model, 'model', 'model id');
  if (modelId === undefined) {
    if (!defaults.model) {
      fail(
        `the ${stack} stack needs a model id (as the server lists it${api.value === 'ollama' ? ', e.g. qwen3-coder:30b' : ''})`,
        'model',
      );
    }
    modelId = defaults.model;
  }
  if (/\s/.test(modelId)) fail(`model id ${JSON.stringify(modelId)} must not contain spaces`, 'model');
  if (looksLikeSecret(modelId))
    fail('model id looks like an API key; give the model id as the server lists it', 'model');
  if (modelId.startsWith(`${providerId}/`)) {
    const bare = modelId.slice(providerId.length + 1);
    if (bare === '') fail(`model id ${JSON.stringify(modelId)} has no model after the provider id`, 'model');
    warnings.push(
      `Model id "${modelId}" starts with the provider id; using "${bare}" (refs add "${providerId}/" themselves; a doubled prefix is sent to the server and fails).`,
    );
    modelId = bare;
  }
  if (modelId.length > 300) fail('model id is too long', 'model');

  // Model metadata: the stack's numbers for its own model; an unknown model gets the generic ones
  // (the guide model's 196608 context would not load for most others).
  const known =
    modelId === defaults.model
      ? {name: defaults.name, contextWindow: defaults.contextWindow, maxTokens: defaults.maxTokens}
      : stack === 'regional'
        ? REGIONAL_MODELS.find((m) => m.id === modelId)
        : undefined;
  const nameRaw = cleanString(answers.name, 'name', 'model name');
  if (nameRaw !== undefined && nameRaw.length > 200) fail('model name is too long (200 characters at most)', 'name');
  if (nameRaw !== undefined && looksLikeSecret(nameRaw))
    fail('model name looks like an API key; give the name to show for the model', 'name');
  const name: Answer<string> =
    nameRaw !== undefined ? {value: nameRaw, explicit: true} : {value: known?.name ?? modelId, explicit: false};
  const ctx = positiveInt(answers.contextWindow, 'contextWindow', 'context window');
  const maxT = positiveInt(answers.maxTokens, 'maxTokens', 'max tokens');
  const contextWindow: Answer<number> =
    ctx !== undefined
      ? {value: ctx, explicit: true}
      : {value: known?.contextWindow ?? GENERIC_CONTEXT, explicit: false};
  const maxTokens: Answer<number> =
    maxT !== undefined
      ? {value: maxT, explicit: true}
      : {value: known?.maxTokens ?? GENERIC_MAX_TOKENS, explicit: false};
  if (ctx !== undefined && maxT !== undefined && maxT >= ctx) {
    fail(`max tokens (${maxT}) must be smaller than the context window (${ctx})`, 'maxTokens');
  }
  if (ctx !== undefined && ctx < promptNeedTokens(ctx) + (maxT ?? 0)) {
    warnings.push(
      `A context window of ${ctx} tokens is small: OpenClaw's prompt alone needs about ${promptNeedTokens(ctx)} tokens (measured) plus maxTokens for the answer, and builds from early 2026 refuse anything under 16000.`,
    );
  }

  // api key: only env references, or a non-secret marker for a local server
  const local = stack !== 'regional' && isLocalBaseUrl(baseUrl.value);
  const defaultKey =
    stack === 'regional'
      ? OPENROUTER_KEY_REF
      : providerId === 'litellm'
        ? '${LITELLM_API_KEY}'
        : !local
          ? envRefFor(providerId)
          : localKeyMarker(providerId);
  let apiKey: Answer<string> = {value: defaultKey, explicit: false};
  const keyRaw = cleanString(answers.apiKey, 'apiKey', 'API key');
  if (keyRaw !== undefined) {
    if (isEnvRef(keyRaw)) apiKey = {value: keyRaw, explicit: true};
    else if (local && /^[a-z][a-z0-9-]{0,31}$/.test(keyRaw) && !looksLikeSecret(keyRaw))
      apiKey = {value: keyRaw, explicit: true};
    else
      fail(
        `refusing to write a raw API key into the config; export it and give a reference like ${envRefFor(providerId)}`,
        'apiKey',
      );
  }

  // chain answers
  const modelRef = makeRef(providerId, modelId);
  let hostedPrimary: string | undefined;
  if (answers.primary !== undefined) {
    const p = checkRef(answers.primary, 'primary', 'primary');
    if (stack === 'hybrid') hostedPrimary = p;
    else if (p !== modelRef)
      fail(
        `in the ${stack} stack the primary is its own model (${modelRef}); use the hybrid stack for a hosted primary`,
        'primary',
      );
  }
  let fallbacks: string[] | undefined;
  if (answers.fallbacks !== undefined) {
    if (!Array.isArray(answers.fallbacks)) fail('fallbacks must be a list of model refs', 'fallbacks');
    fallbacks = answers.fallbacks.map((f) => checkRef(f, 'fallbacks', 'fallback'));
  }
  if (hostedPrimary === modelRef)
    fail(`the hybrid stack's primary must be a hosted model, not the local ${modelRef}`, 'primary');

  let mode: ResolvedAnswers['mode'];
  if (answers.mode !== undefined) {
    if (answers.mode !== 'merge' && answers.mode !== 'replace')
      fail(`mode must be merge or replace, got ${JSON.stringify(answers.mode)}`, 'mode');
    mode = answers.mode;
  }

  return {
    stack,
    info,
    providerId,
    baseUrl,
    api,
    apiKey,
    modelId,
    modelRef,
    name,
    contextWindow,
    maxTokens,
    alias: aliasFor(stack, modelId, region),
    contextTokens: api.value === 'ollama',
    hostedPrimary,
    fallbacks,
    region,
    mode,
    warnings,
  };
}
