/**
 * What a classified OpenClaw/server error means and what to do about it.
 * Shared by `explain` and the logs.recent-errors check. Pure.
 */
import type {ErrorClass, ServerKind} from '../types/servers.js';
import type {ConfigView} from '../config-view.js';
import {fmt} from './format.js';
import {raiseContextCommand, guessKind} from './server-commands.js';
import {serverName} from '../server-kinds.js';

export interface Explanation {
  /** Stable id of the cause, e.g. "context-overflow". */
  kind: ErrorClass['kind'];
  title: string;
  cause: string;
  fixes: string[];
  /** Doctor check that looks at this, for "run doctor --only X". */
  checkId?: string;
}

export function explainClass(cls: ErrorClass, server?: ServerKind): Explanation | undefined {
  const who = server ? serverName(server) : 'the server';
  switch (cls.kind) {
    case 'context-overflow': {
      const o = overflowNumbers(cls);
      return {
        kind: cls.kind,
        title: 'Context overflow',
        cause: `The prompt (OpenClaw's system prompt, tools and chat history) plus the reply budget did not fit the context ${who} has loaded.${overflowSentence(o)} OpenClaw budgets with the configured contextWindow, so it is larger than what is really loaded.`,
        fixes: [
          "Lower the model's contextWindow (and contextTokens) in openclaw.json to the loaded context, or",
          ...reloadFixes(server),
          'Keep compaction on (agents.defaults.compaction) so long sessions are summarised before they overflow.',
        ],
        checkId: 'context.fits',
      };
    }
    case 'model-not-found':
      return {
        kind: cls.kind,
        title: 'Model not found',
        cause: `${who} does not serve a model with the id OpenClaw sent${cls.model ? ` ("${cls.model}")` : ''}. Ids must match exactly (case, :tag, publisher/ prefix); a ref is split at the first "/" into provider and model id.`,
        fixes: [
          'Make models.providers.<id>.models[].id exactly what the server lists (GET /v1/models), and the ref "<provider>/<that id>".',
          'Check that baseUrl ends in /v1 (except api "ollama") so the request reaches the right route.',
          'Ollama: pull the model first (ollama pull <name>).',
        ],
        checkId: 'model.listed',
      };
    case 'not-loaded':
      return {
        kind: cls.kind,
        title: 'No model loaded',
        cause: `${who} has no model loaded and did not load one on demand (JIT off, or the load failed).`,
        fixes: [
          'Load it and keep it loaded: lms load <model> --context-length N (LM Studio), or enable JIT loading.',
          'Raise models.providers.<id>.timeoutSeconds so a cold load does not time out (#74353).',
          "exo: place it on the cluster (openclaw-local-doctor setup --stack exo --model <id>, or exo's dashboard); exo drops the instance when a machine leaves and places it again.",
        ],
        checkId: 'model.loaded',
      };
    case 'loading':
      return {
        kind: cls.kind,
        title: 'Model still loading',
        cause: `${who} is still loading the model (cold start).`,
        fixes: [
          'Wait, or pre-load it before starting OpenClaw and keep it loaded.',
          'Raise models.providers.<id>.timeoutSeconds (explicit values are not clamped) and agents.defaults.timeoutSeconds (#74353).',
        ],
        checkId: 'model.loaded',
      };
    case 'auth':
      return {
        kind: cls.kind,
        title: 'Authentication failed',
        cause: `${who} requires an API key and the one OpenClaw sent is missing or wrong.`,
        fixes: [
          "Set models.providers.<id>.apiKey to the server's key (a ${VAR} reference keeps it out of the file).",
          'LM Studio: Developer → Server Settings → Require Authentication decides this; its tokens look like sk-lm-….',
        ],
        checkId: 'server.reachable',
      };
    case 'tools-unsupported':
      return {
        kind: cls.kind,
        title: 'Tool calls not supported',
        cause: `OpenClaw always sends tools, and ${who} (or this model) cannot take them.`,
        fixes: [
          'Use a model trained for tool use (Ollama: /api/show capabilities must include "tools").',
          'vLLM: start with --enable-auto-tool-choice --tool-call-parser <parser>; llama.cpp: --jinja.',
        ],
        checkId: 'model.listed',
      };
    case 'responses-unsupported':
      return {
        kind: cls.kind,
        title: 'Responses API not served',
        cause: `The provider uses api "openai-responses" but ${who} has no /v1/responses route (LM Studio before 0.3.29, Ollama before 0.13.3, older vLLM and llama.cpp builds).`,
        fixes: ['Set the provider\'s api to "openai-completions", or upgrade the server.'],
        checkId: 'api.responses',
      };
    case 'timeout':
      return {
        kind: cls.kind,
        title: 'Timed out',
        cause: `No answer from ${who} in time: usually a cold model load or a slow first token on a large prompt.`,
        fixes: [
          'Keep the model loaded (lms load / OLLAMA_KEEP_ALIVE=-1).',
          'Raise models.providers.<id>.timeoutSeconds (e.g. 600) and agents.defaults.timeoutSeconds; remove the retired agents.defaults.llm (#74353).',
        ],
        checkId: 'latency.cold-start',
      };
    case 'refused':
      return {
        kind: cls.kind,
        title: 'Connection refused',
        cause: `Nothing is listening at the provider's baseUrl: ${who} is not running, runs on another port, or (vLLM) is still loading weights.`,
        fixes: [
          "Start the server (lms server start / ollama serve / vllm serve / llama-server) or correct baseUrl's host and port.",
        ],
        checkId: 'server.reachable',
      };
    case 'developer-role':
      return {
        kind: cls.kind,
        title: '"developer" role rejected',
        cause: `${who} does not accept the "developer" message role that OpenAI-style clients send (#27037).`,
        fixes: [
          'Set compat.supportsDeveloperRole: false on the model, or upgrade OpenClaw (non-native endpoints now default to false).',
        ],
      };
    default:
      return undefined;
  }
}

/** The numbers an overflow text gave, plus what follows from them. */
export interface OverflowNumbers {
  /** The context the server has loaded. */
  limit?: number;
  /** Prompt plus reply budget, when the text says it. */
  requested?: number;
  promptTokens?: number;
  /** The reply budget (max_tokens): requested minus prompt. */
  completionTokens?: number;
  /** How far the request (or the prompt alone) is past the limit. */
  overflowTokens?: number;
}

export function overflowNumbers(cls: Extract<ErrorClass, {kind: 'context-overflow'}>): OverflowNumbers {
  const out: OverflowNumbers = {};
  if (cls.limit !== undefined) out.limit = cls.limit;
  if (cls.requested !== undefined) out.requested = cls.requested;
  if (cls.promptTokens !== undefined) out.promptTokens = cls.promptTokens;
  if (cls.requested !== undefined && cls.promptTokens !== undefined && cls.requested > cls.promptTokens) {
    out.completionTokens = cls.requested - cls.promptTokens;
  }
  const total = cls.requested ?? cls.promptTokens;
  if (total !== undefined && cls.limit !== undefined && total > cls.limit) out.overflowTokens = total - cls.limit;
  return out;
}

function overflowSentence(o: OverflowNumbers): string {
  if (o.limit === undefined) {
    if (o.requested !== undefined) return ` The request asked for ${fmt(o.requested)} tokens in all.`;
    return o.promptTokens !== undefined ? ` The prompt had ${fmt(o.promptTokens)} tokens.` : '';
  }
  const over = o.overflowTokens !== undefined ? `, ${fmt(o.overflowTokens)} tokens over` : '';
  let need = '';
  if (o.requested !== undefined && o.promptTokens !== undefined && o.completionTokens !== undefined) {
    need = `; the prompt had ${fmt(o.promptTokens)} tokens and the reply budget (max_tokens) ${fmt(o.completionTokens)}: ${fmt(o.requested)} in all${over}`;
  } else if (o.promptTokens !== undefined) {
    need = `; the prompt had ${fmt(o.promptTokens)} tokens${over}`;
  } else if (o.requested !== undefined) {
    need = `; the request asked for ${fmt(o.requested)} in all${over}`;
  }
  return ` The server's limit is ${fmt(o.limit)} tokens${need}.`;
}

/** Servers whose context the user sets when loading the model, in the order they are listed. */
const RELOADABLE: ServerKind[] = ['lmstudio', 'ollama', 'vllm', 'llamacpp'];
/** A number no command has, so the template's N replaces only the context. */
const N_SENTINEL = 987_654_321;

/** The reload command for a server, with <model> and N left for the user to fill in. */
function reloadTemplate(kind: ServerKind): string | undefined {
  return raiseContextCommand(kind, '<model>', N_SENTINEL)
    ?.replaceAll(String(N_SENTINEL), 'N')
    .replace(/'<model>'/g, '<model>');
}

/**
 * The "reload with more context" fix. A known server gets its one command; otherwise
 * one "Label: command" line per server after the first line, so each can be shown
 * (and copied) on its own.
 */
function reloadFixes(server: ServerKind | undefined): string[] {
  const own = server && reloadTemplate(server);
  if (own) return [`reload the model with a larger context: ${own}.`];
  const each = RELOADABLE.map((k) => `${serverName(k)}: ${reloadTemplate(k)}`);
  if (server === 'openrouter') {
    return [
      'pick a model or provider with a larger context_length (OpenRouter lists it per provider), or let OpenRouter shorten the prompt with the "middle-out" transform.',
    ];
  }
  if (server === 'litellm') {
    return [
      [
        "reload the model with a larger context on the server behind LiteLLM (it passes the error on), or raise model_info.max_input_tokens in LiteLLM's config if that is what is too small:",
        ...each,
      ].join('\n'),
    ];
  }
  return [['reload the model with a larger context; the command for your server:', ...each].join('\n')];
}

/** Config-specific advice: which model entries to change for this error. */
export function configAdvice(cls: ErrorClass, view: ConfigView | undefined): string[] {
  if (!view) return [];
  const out: string[] = [];
  if (cls.kind === 'context-overflow' && cls.limit !== undefined) {
    for (const p of view.providers) {
      for (const m of p.models) {
        const eff = Math.min(m.contextWindow ?? Infinity, m.contextTokens ?? Infinity);
        if (Number.isFinite(eff) && eff > cls.limit) {
          const cmd = raiseContextCommand(guessKind(p.id, p.baseUrl, p.api), m.id, eff);
          out.push(
            `models.providers.${p.id}.models[${m.index}] ("${m.id}"): contextWindow ${fmt(eff)} > ${fmt(cls.limit)}: lower it to ${cls.limit}${cmd ? `, or load the model with more context: ${cmd}` : ''}`,
          );
        }
      }
    }
  }
  if (cls.kind === 'model-not-found' && cls.model) {
    const wanted = cls.model.toLowerCase();
    for (const p of view.providers) {
      for (const m of p.models) {
        if (m.id.toLowerCase() === wanted || `${p.id}/${m.id}`.toLowerCase() === wanted) {
          out.push(
            `"${cls.model}" is models.providers.${p.id}.models[${m.index}]; check that ${p.baseUrl ?? 'its server'} really serves this exact id`,
          );
        }
      }
    }
    if (wanted.includes('/')) {
      const prefix = wanted.split('/')[0];
      if (view.providers.some((p) => p.id.toLowerCase() === prefix)) {
        out.push(
          `the id sent starts with "${prefix}/": the provider prefix may have been sent to the server (#67435); the model id is the part after the first "/"`,
        );
      }
    }
  }
  if (cls.kind === 'timeout' || cls.kind === 'loading') {
    for (const p of view.providers.filter((q) => q.isLocal)) {
      if (p.timeoutSeconds === undefined || p.timeoutSeconds < 300) {
        out.push(
          `models.providers.${p.id}.timeoutSeconds is ${p.timeoutSeconds ?? 'not set'}: raise it (e.g. 600) for cold loads`,
        );
      }
    }
  }
  return out;
}
