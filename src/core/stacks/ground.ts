/**
 * Setup grounded in the live server, one rule for `setup` and the wizard:
 * the model id must be one the server serves, and contextWindow/maxTokens are
 * what the server (and, where OpenClaw makes it load the model, the memory)
 * really runs. Pure: the caller probes and detects.
 */
import {closestIds} from '../findings/closest.js';
import {evaluateHardware} from '../hardware.js';
import type {HardwareProfile} from '../types/hardware.js';
import {promptNeedTokens} from '../openclaw/prompt-shape.js';
import type {LoadState, ServerKind} from '../types/servers.js';
import type {LocalApi} from './types.js';

export interface ServedFacts {
  kind: ServerKind;
  state?: LoadState;
  /** Context the server runs the model with now (LM Studio instance, vLLM max_model_len, llama.cpp n_ctx, Ollama /api/ps). */
  loadedContext?: number;
  /** The model's own maximum (trained / max_context_length). */
  maxContext?: number;
  /** The served model id and its size on disk: what the fit engine sizes the KV cache against. */
  id?: string;
  sizeBytes?: number;
}

export interface SizeInput {
  api: LocalApi;
  served: ServedFacts;
  /** The guide's values for the stack. */
  guide: {contextWindow: number; maxTokens: number};
  /** This machine: where OpenClaw's request makes the server load the model, the context is capped by what fits. */
  hardware?: HardwareProfile;
}

export interface Sizes {
  contextWindow: number;
  maxTokens: number;
  /** Where the context comes from, for a note. */
  source: 'loaded' | 'requested';
  /** The largest context whose KV cache fits next to the weights (fit engine), when it was asked. */
  fitCap?: number;
}

/** The largest context the machine holds for the served model, when OpenClaw's request sets the context. */
function memoryCap({api, served, guide, hardware}: SizeInput): number | undefined {
  if (!hardware || !served.id || !requestSetsContext(api, served)) return undefined;
  try {
    const modelSizeGB = served.sizeBytes && served.sizeBytes > 0 ? served.sizeBytes / 1e9 : undefined;
    return evaluateHardware(hardware, {model: served.id, context: guide.contextWindow, modelSizeGB}).fit
      ?.maxContextThatFits;
  } catch {
    return undefined;
  }
}

/**
 * Does OpenClaw's request set the context the server loads? Native Ollama:
 * OpenClaw sends num_ctx (= the configured context) and Ollama reloads at it.
 * LM Studio: OpenClaw's preload loads a model that is not loaded at
 * contextWindow (openclaw 2026.9.6, extensions/lmstudio). vLLM's
 * max_model_len and llama.cpp's n_ctx are fixed when the server starts.
 */
export function requestSetsContext(api: LocalApi, served: ServedFacts): boolean {
  if (served.kind === 'ollama') return api === 'ollama';
  if (served.kind === 'lmstudio') return served.loadedContext === undefined;
  return false;
}

/** The reply budget for a context: the guide's, but never so large that OpenClaw's prompt (the one measured number) has no room. */
export function maxTokensFor(contextWindow: number, guideMaxTokens: number): number {
  return Math.min(
    guideMaxTokens,
    Math.max(1024, Math.min(Math.floor(contextWindow / 4), contextWindow - promptNeedTokens(contextWindow))),
  );
}

/**
 * contextWindow/maxTokens OpenClaw then succeeds with: a context fixed by the
 * server (or loaded in LM Studio, which OpenClaw keeps when contextWindow is
 * not above it) is the limit; where OpenClaw's request makes the server load
 * the model, the guide's value capped by the model's maximum and by memory.
 */
export function groundedSizes(input: SizeInput): Sizes {
  const {served, guide} = input;
  const positive = (n: number | undefined) =>
    n !== undefined && Number.isFinite(n) && n > 0 ? Math.floor(n) : undefined;
  const loaded = positive(served.loadedContext);
  if (loaded !== undefined && !requestSetsContext(input.api, served)) {
    return {contextWindow: loaded, maxTokens: maxTokensFor(loaded, guide.maxTokens), source: 'loaded'};
  }
  const fitCap = memoryCap(input);
  const caps = [guide.contextWindow, positive(served.maxContext), positive(fitCap)].filter(
    (n): n is number => n !== undefined,
  );
  const contextWindow = Math.min(...caps);
  return {contextWindow, maxTokens: maxTokensFor(contextWindow, guide.maxTokens), source: 'requested', fitCap};
}

/** `qwen3` and `qwen3:latest` are one Ollama model. */
function sameModel(kind: ServerKind, a: string, b: string): boolean {
  if (a === b) return true;
  const tag = (s: string) => (s.includes(':') ? s : `${s}:latest`);
  return kind === 'ollama' && tag(a) === tag(b);
}

/** The served id the model answer names (in the server's spelling), or undefined and the served ids closest first. */
export function servedModel(kind: ServerKind, wanted: string, served: string[]): {id?: string; others: string[]} {
  const id = served.find((s) => sameModel(kind, s, wanted));
  if (id) return {id, others: []};
  const near = closestIds(wanted, served, served.length);
  // The same model under a harmless difference (case, a publisher prefix): written as the server spells it.
  if (near.exact) return {id: near.exact, others: []};
  return {others: [...near.ids, ...served.filter((s) => !near.ids.includes(s)).sort()]};
}
