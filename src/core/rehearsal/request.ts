/**
 * The rehearsal's requests: OpenClaw's first request rebuilt at its measured shape and size (core/openclaw/prompt-shape.ts),
 * for the api the provider is configured with. What OpenClaw 2026.9.6 sends (captured with `openclaw agent --local -m hi`
 * against a logging server, 2026-12-07): Responses `POST /v1/responses` {model, input: [system message (50,879 chars of
 * input_text), user messages], stream: true, max_output_tokens = the model's maxTokens, tools: 12 × {type, name,
 * description, parameters} (9,649 chars), store: false}, 61,075 bytes in all; Chat
 * Completions `POST /v1/chat/completions` with `stream_options.include_usage`, `max_completion_tokens`, tools and
 * `tool_choice: "auto"`; Ollama native `POST /api/chat` with `options.num_ctx`. Pure: no I/O.
 */
import {PROMPT_PARTS} from '../openclaw/prompt-shape.js';

export type RehearsalApi = 'openai-responses' | 'openai-completions' | 'ollama';

export interface RehearsalRequest {
  /** Path appended to the provider's baseUrl. */
  path: string;
  body: Record<string, unknown>;
  /** Characters of system prompt and tool JSON sent (what the prefill has to read). */
  promptChars: number;
}

/** The api we speak for a configured `api` value; undefined for ones a rehearsal cannot imitate. */
export function rehearsalApi(api: string | undefined): RehearsalApi | undefined {
  if (api === undefined || api === 'openai-completions') return 'openai-completions';
  if (api === 'openai-responses' || api === 'ollama') return api;
  return undefined;
}

const SECTIONS = [
  'Tooling',
  'Tool Call Style',
  'Safety',
  'Workspace',
  'Messaging',
  'Memory',
  'Sessions',
  'Heartbeats',
  'Runtime',
];
const SENTENCE =
  'Use the available tools when they help; prefer reading a file before editing it, keep replies short on chat surfaces, ' +
  'never reveal secrets from the workspace, and say plainly when something failed. ';

/** A system prompt of exactly `chars` characters, in sections like OpenClaw's (markdown headings and rules). */
export function syntheticSystemPrompt(chars: number, nonce = ''): string {
  // A nonce first: a server's prefix cache must not serve a prompt it saw in an earlier rehearsal.
  let out = `You are a personal assistant running inside OpenClaw.${nonce ? ` Session ${nonce}.` : ''}\n`;
  for (let i = 0; out.length < chars; i++) {
    out += `\n## ${SECTIONS[i % SECTIONS.length]}\n`;
    for (let j = 0; j < 6 && out.length < chars; j++) out += `- ${SENTENCE}\n`;
  }
  return out.slice(0, chars);
}

/** The 12 tools OpenClaw 2026.9.6 sent in the captured request (agent --local, default tool profile). */
const TOOL_NAMES = [
  'apply_patch',
  'edit',
  'exec',
  'ls',
  'openclaw',
  'process',
  'read',
  'sessions_yield',
  'tool_call',
  'tool_describe',
  'tool_search',
  'write',
];

interface ToolDef {
  name: string;
  description: string;
  parameters: Record<string, unknown>;
}

/** `count` tools whose JSON (name, description, parameters) adds up to about `totalChars` characters. */
export function syntheticTools(count: number, totalChars: number): ToolDef[] {
  const per = Math.max(120, Math.floor(totalChars / Math.max(1, count)));
  const tools: ToolDef[] = [];
  for (let i = 0; i < count; i++) {
    const name = TOOL_NAMES[i % TOOL_NAMES.length] + (i >= TOOL_NAMES.length ? `_${i}` : '');
    const parameters = {
      type: 'object',
      properties: {
        path: {type: 'string', description: 'Path relative to the workspace.'},
        limit: {type: 'integer', description: 'Maximum number of items.'},
      },
      required: ['path'],
      additionalProperties: false,
    };
    const bare = JSON.stringify({name, description: '', parameters}).length;
    let description = `${name}: `;
    while (description.length < per - bare) description += SENTENCE;
    tools.push({name, description: description.slice(0, Math.max(10, per - bare)), parameters});
  }
  return tools;
}

/** The user's turn: asks for a paragraph, so there is something to time the decode on. */
export const REHEARSAL_USER_PROMPT =
  'Write one paragraph of about 120 words on why people run language models locally. Do not use tools.';

function toolsFor(api: RehearsalApi, tools: ToolDef[]): unknown[] {
  if (api === 'openai-responses')
    return tools.map((t) => ({type: 'function', name: t.name, description: t.description, parameters: t.parameters}));
  return tools.map((t) => ({
    type: 'function',
    function: {name: t.name, description: t.description, parameters: t.parameters},
  }));
}

function body(
  api: RehearsalApi,
  model: string,
  system: string,
  user: string,
  tools: ToolDef[],
  maxTokens: number,
  numCtx?: number,
): RehearsalRequest {
  const promptChars = system.length + JSON.stringify(tools).length + user.length;
  if (api === 'openai-responses') {
    return {
      path: '/responses',
      promptChars,
      body: {
        model,
        // As captured: the system prompt is an input message with role "system"; no tool_choice, no instructions.
        input: [
          {type: 'message', role: 'system', content: [{type: 'input_text', text: system}]},
          {type: 'message', role: 'user', content: [{type: 'input_text', text: user}]},
        ],
        stream: true,
        max_output_tokens: maxTokens,
        tools: toolsFor(api, tools),
        store: false,
      },
    };
  }
  const messages = [
    {role: 'system', content: system},
    {role: 'user', content: user},
  ];
  if (api === 'ollama') {
    // Ollama's native endpoint lives at the root, not under /v1 (OpenClaw's own ollama transport).
    return {
      path: '/api/chat',
      promptChars,
      body: {
        model,
        messages,
        tools: toolsFor(api, tools),
        stream: true,
        options: {num_predict: maxTokens, ...(numCtx ? {num_ctx: numCtx} : {})},
      },
    };
  }
  return {
    path: '/chat/completions',
    promptChars,
    body: {
      model,
      messages,
      tools: toolsFor(api, tools),
      tool_choice: 'auto',
      max_completion_tokens: maxTokens,
      stream: true,
      stream_options: {include_usage: true},
    },
  };
}

export interface RehearsalModel {
  api: RehearsalApi;
  /** The id the server knows the model by. */
  model: string;
  /** The model's maxTokens (OpenClaw sends it as the output limit). */
  maxTokens?: number;
  /** What OpenClaw would ask Ollama to load (num_ctx). */
  contextTokens?: number;
  /** Makes each rehearsal's prompt unique (no prefix-cache hit). */
  nonce?: string;
}

/** OpenClaw's default output limit when the model sets none (its provider defaults). */
export const DEFAULT_MAX_TOKENS = 8192;

/** The big one: OpenClaw's system prompt and tools at their measured size. */
export function rehearsalRequest(m: RehearsalModel): RehearsalRequest {
  const system = syntheticSystemPrompt(PROMPT_PARTS.systemPromptChars, m.nonce);
  const tools = syntheticTools(PROMPT_PARTS.toolCount, PROMPT_PARTS.toolDefinitionChars);
  return body(m.api, m.model, system, REHEARSAL_USER_PROMPT, tools, m.maxTokens ?? DEFAULT_MAX_TOKENS, m.contextTokens);
}

/** A one-token request: run before the big one it loads the model (cold time), after it the fixed cost per request. */
export function tinyRequest(m: RehearsalModel): RehearsalRequest {
  const r = body(m.api, m.model, 'Answer briefly.', 'Say OK.', [], 1, m.contextTokens);
  delete r.body.tools;
  delete r.body.tool_choice;
  return r;
}

export const TOOL_CALL_NAME = 'get_weather';

/** Asks for one tool call: does it come back as a structured call, as text, or is it refused? */
export function toolCallRequest(m: RehearsalModel): RehearsalRequest {
  const tool: ToolDef = {
    name: TOOL_CALL_NAME,
    description: 'Get the current weather for a city.',
    parameters: {
      type: 'object',
      properties: {city: {type: 'string', description: 'City name'}},
      required: ['city'],
      additionalProperties: false,
    },
  };
  return body(
    m.api,
    m.model,
    'You are a helpful assistant. Use tools when asked.',
    'What is the weather in Paris right now? Call the get_weather tool.',
    [tool],
    256,
    m.contextTokens,
  );
}
