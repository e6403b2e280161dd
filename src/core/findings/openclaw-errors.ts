/**
 * OpenClaw's own error messages (not a server's): the context-window guard, the
 * model allowlist and strict config validation. Pure; used by `explain`.
 */
import type {ConfigView} from '../config-view.js';
import {fmt} from './format.js';
import {PROMPT_SHAPE_OPENCLAW_VERSION, promptNeedTokens} from '../openclaw/prompt-shape.js';

export type OpenClawErrorKind =
  | 'context-too-small'
  | 'model-not-allowed'
  | 'config-invalid'
  | 'empty-reply'
  | 'string-content'
  | 'strict-keys'
  | 'message-ordering';

export interface OpenClawError {
  kind: OpenClawErrorKind;
  /** The matched excerpt. */
  match: string;
  evidence: Record<string, number | string>;
}

const TOO_SMALL = /model context window too small \((\d+)(?: tokens)?\)\.?\s*minimum is (\d+)/i;
const NOT_ALLOWED = /model (?:is )?not allowed(?::?\s*"?([\w.:@-]+\/[^\s"',)]+))?/i;
/** Signatures from OpenClaw's troubleshooting docs (skills-and-model-providers, local-models). */
const DOC_SIGNATURES: [OpenClawErrorKind, RegExp][] = [
  ['empty-reply', /incomplete turn detected[^\n]*payloads=0/i],
  ['string-content', /content[^\n]{0,80}expected a string/i],
  ['strict-keys', /validation\.keys[^\n]*/i],
  ['message-ordering', /message ordering conflict/i],
];

/** `× openclaw.json:35 — models.providers.x.api: Invalid option: expected one of …` (config validate). */
// Found from its fixed words (": invalid option"), then the path and line are read backwards from there
// (an optional prefix searched first made each start position rescan, as with UNRECOGNIZED).
const INVALID_REASON = /:[ \t]*(invalid (?:option|input|type|value)[^\n]*)/gi;
const INVALID_BEFORE =
  /(?:openclaw\.json5?:(\d+)[ \t]*[—–-]+[ \t]*)?((?:models|agents|channels|gateway|logging|tools|session|plugins|skills|hooks|browser|auth|meta|commands|messages\.(?:tts|queue))\b[\w$.[\]-]{0,200})$/i;
/** Occurrences of ": invalid …" looked at; real messages have a handful. */
const MAX_INVALID_TRIES = 50;

function findInvalid(text: string): {line?: number; path: string; reason: string; match: string} | undefined {
  INVALID_REASON.lastIndex = 0;
  for (let tries = 0; tries < MAX_INVALID_TRIES; tries++) {
    const m = INVALID_REASON.exec(text);
    if (!m) return undefined;
    // The path sits right before the colon: take the run of path characters there (at most 200) and what leads it.
    const head = text.slice(Math.max(0, m.index - 260), m.index);
    let start = head.length;
    while (start > 0 && start > head.length - 200 && /[\w$.[\]-]/.test(head[start - 1]!)) start--;
    const lead =
      /(?:openclaw\.json5?:\d+[ \t]*[—–-]+[ \t]*)?$/i.exec(head.slice(Math.max(0, start - 40), start))?.[0] ?? '';
    const before = INVALID_BEFORE.exec(lead + head.slice(start));
    if (before) {
      return {
        ...(before[1] ? {line: Number(before[1])} : {}),
        path: before[2]!,
        reason: m[1]!.trim(),
        match: `${before[0]}${m[0]}`.trim(),
      };
    }
  }
  return undefined;
}
// Searched from the fixed words, then the path is read backwards from there: an optional path
// group in front made every start position scan its run of word characters (quadratic; 100k chars took 72 s).
const UNRECOGNIZED = /unrecognized keys?:?[ \t]*((?:"[^"\n]{1,200}"(?:,[ \t]*)?){1,50})?/i;
const PATH_BEFORE = /([\w$.[\]-]{1,200}):[ \t]*$/;

/** The first OpenClaw message found in the text, or undefined. */
export function classifyOpenClawError(text: string): OpenClawError | undefined {
  const small = TOO_SMALL.exec(text);
  if (small)
    return {
      kind: 'context-too-small',
      match: small[0],
      evidence: {contextWindow: Number(small[1]), minimum: Number(small[2])},
    };
  const allowed = NOT_ALLOWED.exec(text);
  if (allowed) return {kind: 'model-not-allowed', match: allowed[0], evidence: allowed[1] ? {model: allowed[1]} : {}};
  for (const [kind, re] of DOC_SIGNATURES) {
    const m = re.exec(text);
    if (m) return {kind, match: m[0], evidence: {}};
  }
  const invalid = findInvalid(text);
  if (invalid) {
    const evidence: Record<string, number | string> = {path: invalid.path, reason: invalid.reason};
    if (invalid.line !== undefined) evidence.line = invalid.line;
    return {kind: 'config-invalid', match: invalid.match, evidence};
  }
  const keys = UNRECOGNIZED.exec(text);
  if (keys) {
    const evidence: Record<string, string> = {};
    const before = PATH_BEFORE.exec(text.slice(Math.max(0, keys.index - 210), keys.index));
    if (before) evidence.path = before[1]!;
    if (keys[1]) evidence.keys = [...keys[1].matchAll(/"([^"]+)"/g)].map((m) => m[1]).join(', ');
    return {kind: 'config-invalid', match: (before ? before[0] : '') + keys[0], evidence};
  }
  return undefined;
}

export interface OpenClawExplanation {
  kind: OpenClawErrorKind;
  title: string;
  cause: string;
  fixes: string[];
  checkId: string;
}

export function explainOpenClawError(e: OpenClawError): OpenClawExplanation {
  switch (e.kind) {
    case 'context-too-small': {
      const have = Number(e.evidence.contextWindow);
      const min = Number(e.evidence.minimum);
      return {
        kind: e.kind,
        title: 'Context window too small for OpenClaw',
        cause: `OpenClaw refuses a model whose context window is below its minimum: this one has ${fmt(have)} tokens and the minimum is ${fmt(min)} (both numbers from the message). The window comes from the model's contextWindow in openclaw.json or, without one, from what discovery reported (Ollama's default num_ctx, #68344). The 16,000 floor is from OpenClaw builds of Feb–Apr 2026; current builds block only below 4,000.`,
        fixes: [
          `Load the model with at least ${fmt(min)} tokens of context (more is better: OpenClaw's prompt alone needs about ${fmt(promptNeedTokens(min))}, measured with ${PROMPT_SHAPE_OPENCLAW_VERSION}) and set the model's contextWindow and contextTokens to that number.`,
          'Ollama: give the model an explicit models[] entry with contextWindow, and start the server with that context (OLLAMA_CONTEXT_LENGTH=32768 ollama serve).',
          'Or upgrade OpenClaw (npm install -g openclaw@latest).',
        ],
        checkId: 'context.fits',
      };
    }
    case 'model-not-allowed': {
      const ref = e.evidence.model ? `"${e.evidence.model}"` : 'the model OpenClaw tried';
      return {
        kind: e.kind,
        title: 'Model not allowed',
        cause: `agents.defaults.modelPolicy.allow is set and does not list ${ref}, so OpenClaw refuses to use it. Older configs did not have that list: OpenClaw created it from the keys of agents.defaults.models the first time it rewrote the file, leaving out models that were not keys there.`,
        fixes: [
          `Add ${e.evidence.model ? `"${e.evidence.model}"` : 'the "<provider>/<model>" ref'} to agents.defaults.modelPolicy.allow (openclaw-local-doctor doctor --fix does this for the models the agent uses).`,
          'Or remove modelPolicy.allow to allow every configured model.',
        ],
        checkId: 'config.allowlist',
      };
    }
    case 'empty-reply':
      return {
        kind: e.kind,
        title: 'The model answered with nothing',
        cause:
          'The backend finished the turn without any text (payloads=0): often a reasoning model that spent the whole reply budget thinking, a chat template the server does not apply, or a custom openai-completions provider whose requests never reach the server (#16151, #18076).',
        fixes: [
          'Raise the model\'s maxTokens, or turn thinking off for it (agents.defaults.thinkingDefault: "off").',
          'Qwen on vLLM: set compat.thinkingFormat: "qwen-chat-template" on the model.',
          'Check that baseUrl ends in /v1 and api matches the server (openclaw-local-doctor doctor --only server.).',
        ],
        checkId: 'server.base-url',
      };
    case 'string-content':
      return {
        kind: e.kind,
        title: 'Server wants plain-string message content',
        cause: 'OpenClaw sent message content as a list of parts and this server accepts only a string.',
        fixes: ['Set compat.requiresStringContent: true on the model in models.providers.<id>.models[].'],
        checkId: 'model.listed',
      };
    case 'strict-keys':
      return {
        kind: e.kind,
        title: 'Server rejects extra message keys',
        cause:
          'The server validates message objects strictly and refuses keys OpenClaw adds (such as reasoning fields).',
        fixes: ['Set compat.strictMessageKeys: true on the model in models.providers.<id>.models[].'],
        checkId: 'model.listed',
      };
    case 'message-ordering':
      return {
        kind: e.kind,
        title: 'Message ordering conflict',
        cause: `Seen when the very first message of a fresh session overflows a small loaded context (LM Studio on small GPUs, #110953): OpenClaw's prompt alone needs about ${fmt(promptNeedTokens(8192))}–${fmt(promptNeedTokens(undefined))} tokens (measured with OpenClaw ${PROMPT_SHAPE_OPENCLAW_VERSION}), so load at least 32,768 in practice.`,
        fixes: [
          'Load the model with at least 32,768 tokens of context and set contextWindow to match (openclaw-local-doctor doctor --only context.fits shows both numbers).',
          'On a small GPU, use a smaller model or a hosted primary.',
        ],
        checkId: 'context.fits',
      };
    case 'config-invalid': {
      if (e.evidence.reason) {
        const line = e.evidence.line !== undefined ? ` (line ${e.evidence.line})` : '';
        return {
          kind: e.kind,
          title: "openclaw.json does not fit OpenClaw's schema",
          cause: `OpenClaw rejects ${e.evidence.path}${line}: ${e.evidence.reason}. The schema is strict, so the Gateway refuses to start (under systemd it restarts in a loop, #57391).`,
          fixes: [
            `Correct ${e.evidence.path}${line}; openclaw config validate lists every problem with its line.`,
            'openclaw doctor --fix repairs known legacy keys (it keeps a .bak).',
            'Or restore the last good copy, openclaw.json.bak, next to the config.',
          ],
          checkId: 'config.schema',
        };
      }
      const keys = e.evidence.keys
        ? ` (${String(e.evidence.keys)
            .split(', ')
            .map((k) => `"${k}"`)
            .join(', ')})`
        : '';
      const where = e.evidence.path ? ` under ${e.evidence.path}` : '';
      return {
        kind: e.kind,
        title: 'Unknown key in openclaw.json',
        cause: `OpenClaw's config schema is strict: the file has a key it does not know${where}${keys}, so the Gateway refuses to start (under systemd it restarts in a loop, #57391). Usually a typo, a key from another tool or version, or a hand edit.`,
        fixes: [
          'Remove or rename the key; openclaw config validate lists every problem with its line.',
          'openclaw doctor --fix repairs known legacy keys (it keeps a .bak).',
          'Or restore the last good copy, openclaw.json.bak, next to the config.',
        ],
        checkId: 'config.schema',
      };
    }
  }
}

/** Entries of the user's config that this error points at. */
export function openClawConfigAdvice(e: OpenClawError, view: ConfigView | undefined): string[] {
  if (!view) return [];
  const out: string[] = [];
  if (e.kind === 'context-too-small') {
    const min = Number(e.evidence.minimum);
    for (const p of view.providers) {
      for (const m of p.models) {
        const eff = Math.min(m.contextWindow ?? Infinity, m.contextTokens ?? Infinity);
        if (Number.isFinite(eff) && eff < min)
          out.push(`models.providers.${p.id}.models[${m.index}] ("${m.id}"): context ${fmt(eff)} < ${fmt(min)}`);
        else if (!Number.isFinite(eff))
          out.push(
            `models.providers.${p.id}.models[${m.index}] ("${m.id}") sets no contextWindow, so OpenClaw uses what the server reports`,
          );
      }
    }
  }
  if (e.kind === 'model-not-allowed' && view.allow.length) {
    const used = [view.primary, ...view.fallbacks].filter((r): r is string => !!r);
    for (const ref of used)
      if (!view.allow.includes(ref))
        out.push(`"${ref}" is used but not in agents.defaults.modelPolicy.allow (${view.allow.length} entries)`);
  }
  return out;
}
