/**
 * What the measured figures mean for OpenClaw, and what to change. OpenClaw's limits, as read in openclaw@2026.9.6:
 * - `models.providers.<id>.timeoutSeconds` bounds the whole model request (dist/provider-transport-fetch-*.mjs,
 *   resolveModelRequestTimeoutMs → AbortSignal.timeout) and caps the stream-idle watchdog.
 * - Without it, the idle watchdog (no stream event for that long) is off for a loopback baseUrl, 300 s for a
 *   self-hosted/LAN one and 120 s otherwise; `agents.defaults.timeoutSeconds` (default 172800 s) bounds the run and,
 *   when set, the watchdog too (dist/builtin-openclaw-*.mjs, resolveLlmIdleTimeoutMs).
 * - When a limit is hit the turn ends with "LLM request timed out." / "The model did not produce a response before
 *   the model idle timeout…", and OpenClaw fails over to the next model in `fallbacks` (reason "timeout";
 *   dist/embedded-agent-*.mjs). Pure.
 */
import type {Figures, ToolCallVerdict} from './measure.js';
import type {RehearsalApi} from './request.js';

export interface OpenclawLimits {
  /** Whole-request limit (provider timeoutSeconds, capped by the agent's), ms. */
  requestMs?: number;
  /** Longest silence before the first streamed event OpenClaw waits, ms; undefined: no watchdog. */
  idleMs?: number;
  /** Why these limits (which settings and defaults). */
  basis: string;
}

const SELF_HOSTED_IDLE_MS = 300_000;
const CLOUD_IDLE_MS = 120_000;

/** loopback: no implicit watchdog; private/LAN names: the self-hosted 300 s; anything else: 120 s. */
export function hostClass(baseUrl: string): 'loopback' | 'lan' | 'remote' {
  let host: string;
  try {
    host = new URL(baseUrl).hostname.replace(/^\[|\]$/g, '').toLowerCase();
  } catch {
    return 'remote';
  }
  if (host === 'localhost' || host === '::1' || host === '0.0.0.0' || /^127\./.test(host)) return 'loopback';
  if (
    /^(10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.|169\.254\.|fd|fe80:)/.test(host) ||
    host.endsWith('.local') ||
    host.endsWith('.lan') ||
    !host.includes('.')
  )
    return 'lan';
  return 'remote';
}

export function openclawLimits(p: {
  baseUrl: string;
  providerTimeoutSeconds?: number;
  agentTimeoutSeconds?: number;
}): OpenclawLimits {
  const agentMs =
    p.agentTimeoutSeconds !== undefined && p.agentTimeoutSeconds > 0 ? p.agentTimeoutSeconds * 1000 : undefined;
  if (p.providerTimeoutSeconds !== undefined && p.providerTimeoutSeconds > 0) {
    const ms = Math.min(p.providerTimeoutSeconds * 1000, agentMs ?? Infinity);
    return {
      requestMs: ms,
      idleMs: ms,
      basis: `models.providers.<id>.timeoutSeconds ${p.providerTimeoutSeconds}${agentMs ? `, agents.defaults.timeoutSeconds ${p.agentTimeoutSeconds}` : ''}`,
    };
  }
  const cls = hostClass(p.baseUrl);
  if (agentMs !== undefined) {
    const idle = cls === 'loopback' ? agentMs : Math.min(agentMs, cls === 'lan' ? SELF_HOSTED_IDLE_MS : CLOUD_IDLE_MS);
    return {
      requestMs: agentMs,
      idleMs: idle,
      basis: `agents.defaults.timeoutSeconds ${p.agentTimeoutSeconds} (no provider timeoutSeconds)`,
    };
  }
  if (cls === 'loopback') return {basis: 'no timeoutSeconds set; OpenClaw sets no idle limit for a loopback server'};
  const idle = cls === 'lan' ? SELF_HOSTED_IDLE_MS : CLOUD_IDLE_MS;
  return {
    idleMs: idle,
    basis: `no timeoutSeconds set; OpenClaw's default idle limit for a ${cls === 'lan' ? 'self-hosted' : 'remote'} server is ${idle / 1000} s`,
  };
}

export type Severity = 'pass' | 'info' | 'warn' | 'fail';

export interface RehearsalFinding {
  id: 'timeout' | 'cold-load' | 'prefill' | 'decode' | 'tool-call' | 'reasoning-leak' | 'usage' | 'stopped';
  severity: Severity;
  message: string;
  /** What to change, said exactly (a command or a config setting). */
  fix?: string;
}

export interface RehearsalContext {
  providerId: string;
  modelId: string;
  api: RehearsalApi;
  serverKind: string;
  baseUrl: string;
  limits: OpenclawLimits;
  contextWindow?: number;
}

/** Rounds a needed time up to a friendly number of seconds with room to spare (×2, to the next 30 s). */
export function suggestedTimeoutSeconds(neededMs: number): number {
  return Math.max(60, Math.ceil((neededMs * 2) / 1000 / 30) * 30);
}

/** vLLM's --tool-call-parser for a model id, by family (docs.vllm.ai, features/tool_calling). */
export function vllmToolParser(modelId: string): string {
  const id = modelId.toLowerCase();
  if (id.includes('gpt-oss')) return 'openai';
  if (id.includes('qwen3-coder') || id.includes('qwen3_coder')) return 'qwen3_coder';
  if (/qwen|hermes/.test(id)) return 'hermes';
  if (id.includes('llama-4') || id.includes('llama4')) return 'llama4_pythonic';
  if (id.includes('llama')) return 'llama3_json';
  if (/mistral|mixtral|devstral|magistral/.test(id)) return 'mistral';
  if (id.includes('deepseek')) return 'deepseek_v3';
  if (id.includes('granite')) return 'granite';
  if (id.includes('glm')) return 'glm45';
  if (id.includes('kimi')) return 'kimi_k2';
  if (id.includes('minimax')) return 'minimax_m2';
  return '<parser for this model family: hermes, llama3_json, mistral, openai, …>';
}

/** vLLM's --reasoning-parser for a model id, by family. */
function vllmReasoningParser(modelId: string): string {
  const id = modelId.toLowerCase();
  if (id.includes('gpt-oss')) return 'openai_gptoss';
  if (id.includes('qwen3')) return 'qwen3';
  if (id.includes('deepseek')) return 'deepseek_r1';
  if (id.includes('glm')) return 'glm45';
  return '<parser for this model family: qwen3, deepseek_r1, …>';
}

const secs = (ms: number): string => `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;

export interface RehearsalOutcome extends Figures {
  toolCall?: ToolCallVerdict;
  toolCallDetail?: string;
  reasoningLeak?: boolean;
  leakSample?: string;
  /** Set when the run did not finish: Ctrl+C, the total budget, or an error. */
  stopped?: string;
}

export function rehearsalFindings(r: RehearsalOutcome, c: RehearsalContext): RehearsalFinding[] {
  const out: RehearsalFinding[] = [];
  const keyPath = `models.providers.${c.providerId}.timeoutSeconds`;
  if (r.stopped)
    out.push({
      id: 'stopped',
      severity: 'warn',
      message: `the rehearsal stopped early (${r.stopped}); the figures below are what was measured until then`,
    });

  // Time: a cold first turn is load + OpenClaw's request.
  const firstEventMs = r.ttftMs !== undefined ? (r.loadMs ?? 0) + r.ttftMs : undefined;
  const wholeMs = r.totalMs !== undefined ? (r.loadMs ?? 0) + r.totalMs : undefined;
  const needMs = Math.max(wholeMs ?? 0, firstEventMs ?? 0);
  const tooLong =
    (c.limits.requestMs !== undefined && wholeMs !== undefined && wholeMs > c.limits.requestMs) ||
    (c.limits.idleMs !== undefined && firstEventMs !== undefined && firstEventMs > c.limits.idleMs);
  const close =
    !tooLong &&
    ((c.limits.requestMs !== undefined && wholeMs !== undefined && wholeMs > 0.7 * c.limits.requestMs) ||
      (c.limits.idleMs !== undefined && firstEventMs !== undefined && firstEventMs > 0.7 * c.limits.idleMs));
  if (needMs > 0) {
    const fix = `set ${keyPath} to ${suggestedTimeoutSeconds(needMs)} (and agents.defaults.timeoutSeconds at least as high if it is set lower)`;
    const what = `a cold first turn takes ${secs(needMs)} (${r.loadMs ? `load ${secs(r.loadMs)} + ` : ''}first token ${secs(r.ttftMs ?? 0)}${r.totalMs !== undefined ? `, whole answer ${secs(r.totalMs)}` : ''})`;
    if (tooLong) {
      out.push({
        id: 'timeout',
        severity: 'fail',
        message: `${what}: past OpenClaw's limit (${c.limits.basis}); OpenClaw ends the turn with "LLM request timed out." and fails over to the next fallback`,
        fix,
      });
    } else if (close) {
      out.push({
        id: 'timeout',
        severity: 'warn',
        message: `${what}: within 30 % of OpenClaw's limit (${c.limits.basis})`,
        fix,
      });
    } else {
      out.push({id: 'timeout', severity: 'pass', message: `${what}: within OpenClaw's limit (${c.limits.basis})`});
    }
  }

  if (r.loadMs !== undefined && r.loadMs >= 10_000) {
    const keep: Record<string, string> = {
      ollama: 'keep it loaded: OLLAMA_KEEP_ALIVE=-1 on the server (or keep_alive: -1 per request)',
      lmstudio: `keep it loaded: lms load ${c.modelId} (no --ttl), or raise params.ttlSeconds on the provider`,
      llamacpp: 'keep it loaded: drop --sleep-idle-seconds (router mode) or load it with POST /models/load',
    };
    out.push({
      id: 'cold-load',
      severity: 'warn',
      message: `loading the model took ${secs(r.loadMs)} before the first token`,
      fix: keep[c.serverKind] ?? "keep the model loaded between turns (the server's TTL / keep-alive setting)",
    });
  }

  if (r.prefillTokensPerSecond !== undefined && r.promptTokens !== undefined) {
    const prefillMs = (r.promptTokens / r.prefillTokensPerSecond) * 1000;
    if (prefillMs >= 60_000) {
      out.push({
        id: 'prefill',
        severity: 'warn',
        message: `reading OpenClaw's ${r.promptTokens.toLocaleString('en-US')}-token prompt takes ${secs(prefillMs)} at ${Math.round(r.prefillTokensPerSecond)} tok/s; every new session pays it`,
        fix: "pick a smaller model or a smaller context (contextWindow), or turn on the server's prompt cache so later turns reuse it",
      });
    }
  }
  if (r.decodeTokensPerSecond !== undefined && r.decodeTokensPerSecond < 5) {
    out.push({
      id: 'decode',
      severity: 'warn',
      message: `the answer streams at ${r.decodeTokensPerSecond} tok/s: a 300-word reply takes over a minute`,
      fix: 'pick a smaller or more quantized model, or make sure it runs on the GPU',
    });
  }

  if (r.toolCall && r.toolCall !== 'structured') {
    const fixes: Record<string, string> = {
      vllm: `restart vLLM with --enable-auto-tool-choice --tool-call-parser ${vllmToolParser(c.modelId)}`,
      ollama:
        c.api === 'ollama'
          ? 'pick a model whose /api/show capabilities include "tools"'
          : 'set the provider\'s api to "ollama" and its baseUrl without /v1 (the OpenAI route loses tool calls)',
      lmstudio: 'load a model trained for tool use (lms ls shows it), or set the provider\'s api to "openai-responses"',
      llamacpp: 'start llama-server with --jinja (its chat template then parses tool calls)',
    };
    const sev: Severity = r.toolCall === 'error' ? 'warn' : 'fail';
    // A server we could not name gets each known server's fix.
    const fix =
      fixes[c.serverKind] ??
      `vLLM: ${fixes.vllm.replace('restart vLLM', 'restart it')}; llama.cpp: ${fixes.llamacpp.replace('start llama-server ', 'start it ')}; otherwise use a model trained for tool use`;
    out.push({
      id: 'tool-call',
      severity: sev,
      message: `asked to call a tool, the model's answer was ${r.toolCall === 'text' ? 'text, not a structured call' : r.toolCall === 'unsupported' ? 'a refusal: tools not supported' : 'an error'} (${r.toolCallDetail ?? ''}); OpenClaw's tools will not run`,
      fix,
    });
  } else if (r.toolCall === 'structured') {
    out.push({id: 'tool-call', severity: 'pass', message: 'a tool call comes back as a structured call'});
  }

  if (r.reasoningLeak) {
    const fixes: Record<string, string> = {
      vllm: `restart vLLM with --reasoning-parser ${vllmReasoningParser(c.modelId)}`,
      lmstudio: 'set the provider\'s api to "openai-responses" (LM Studio separates reasoning there)',
      ollama: 'set the provider\'s api to "ollama" (native thinking field)',
    };
    out.push({
      id: 'reasoning-leak',
      severity: 'fail',
      message: `reasoning reached the reply text (${r.leakSample ?? 'tags'}): users would see it`,
      fix:
        fixes[c.serverKind] ?? 'enable the server\'s reasoning parser, or set reasoningDefault: "off" for this model',
    });
  } else if (r.reasoningLeak === false) {
    out.push({id: 'reasoning-leak', severity: 'pass', message: 'no reasoning in the reply text'});
  }

  if (r.usageReported === false) {
    out.push({
      id: 'usage',
      severity: 'info',
      message: 'the stream reports no token usage: OpenClaw estimates context use instead of counting it',
      fix:
        c.api === 'openai-completions'
          ? 'upgrade the server, or switch the api to one that reports usage (openai-responses, or ollama for Ollama)'
          : 'upgrade the server',
    });
  } else if (r.usageReported) {
    out.push({id: 'usage', severity: 'pass', message: 'the stream reports token usage'});
  }
  return out;
}
