import {describe, expect, it} from 'vitest';
import {Readable} from 'node:stream';
import {memoryIo} from '../../src/cli/io.js';
import {explainText} from '../../src/commands/explain.js';
import {cli} from '../support/run-cli.js';

// Overflow texts as each server words them (local-servers reference, §8G and §10).
const OPENAI_STYLE_REQUESTED =
  "This model's maximum context length is 32768 tokens. However, you requested 40000 tokens (31808 in the messages, 8192 in the completion).";
const LLAMA =
  '{"error":{"code":400,"message":"request (13392 tokens) exceeds the available context size (8192 tokens), try increasing it","type":"exceed_context_size_error","n_prompt_tokens":13392,"n_ctx":8192}}';
const LMSTUDIO =
  '{"error":"The number of tokens to keep from the initial prompt is greater than the context length (n_keep: 40210>= n_ctx: 32768). Try to load the model with a larger context length, or provide a shorter input."}';
const LMSTUDIO_03 =
  'Trying to keep the first 9000 tokens when context the overflows. However, the model is loaded with context length of only 4096 tokens, which is not enough. Try to load the model with a larger context length, or provide a shorter input';
const OLLAMA =
  '{"error":"the prompt is longer than the context length currently available to the model; shorten the prompt, adjust the context length in settings, or use a model with a longer context length"}';
const LITELLM_PRECALL =
  'litellm.BadRequestError: No models have context window large enough for this call.\nModel=local-qwen, Max Input Tokens=28672, Got=45196';
const LITELLM_WRAPPED =
  '{"error":{"message":"litellm.ContextWindowExceededError: litellm.BadRequestError: ContextWindowExceededError: OpenAIException - {\\"error\\":{\\"code\\":400,\\"message\\":\\"request (40000 tokens) exceeds the available context size (32768 tokens), try increasing it\\",\\"type\\":\\"exceed_context_size_error\\",\\"n_prompt_tokens\\":40000,\\"n_ctx\\":32768}}","type":null,"param":null,"code":"400"}}';
const OPENROUTER =
  '{"error":{"message":"This endpoint\'s maximum context length is 40960 tokens. However, you requested about 52000 tokens (48000 of text input, 4000 in the output). Please reduce the length of either one, or use the \\"middle-out\\" transform to compress your prompt automatically.","code":400}}';
const VLLM_BUDGET =
  '{"error":{"message":"\'max_tokens\' or \'max_completion_tokens\' is too large: 8000. This model\'s maximum context length is 32768 tokens and your request has 30000 input tokens (8000 > 32768 - 30000).","type":"BadRequestError","param":null,"code":400}}';

const n = (x: number) => x.toLocaleString('en-US');

async function explain(args: string[]) {
  const io = memoryIo({env: {}, stdin: Object.assign(Readable.from([]), {isTTY: true}) as any});
  const code = await cli(['explain', ...args], io);
  return {code, out: io.out()};
}

/** The cause sentence, unwrapped. */
function causeOf(text: string): string {
  const [r] = explainText(text);
  expect(r.explanation.kind).toBe('context-overflow');
  return r.explanation.cause;
}

describe('explain: overflow numbers', () => {
  it('the "you requested N tokens (X in the messages, Y in the completion)" wording: every number and the overflow', async () => {
    const cause = causeOf(OPENAI_STYLE_REQUESTED);
    for (const x of [32768, 40000, 31808, 8192, 40000 - 32768]) expect(cause).toContain(n(x));
    expect(cause).toMatch(/7,232 tokens? (too many|over)/);
    const {code, out} = await explain(['--json', OPENAI_STYLE_REQUESTED]);
    expect(code).toBe(0);
    const [e] = JSON.parse(out).errors;
    expect(e.evidence).toEqual({
      limit: 32768,
      requested: 40000,
      promptTokens: 31808,
      completionTokens: 8192,
      overflowTokens: 7232,
    });
  });

  it.each([
    ['llama.cpp', LLAMA, {limit: 8192, promptTokens: 13392, overflowTokens: 5200}],
    ['LM Studio 0.4', LMSTUDIO, {limit: 32768, promptTokens: 40210, overflowTokens: 7442}],
    ['LM Studio 0.3', LMSTUDIO_03, {limit: 4096, promptTokens: 9000, overflowTokens: 4904}],
    ['LiteLLM pre-call check', LITELLM_PRECALL, {limit: 28672, promptTokens: 45196, overflowTokens: 16524}],
    ['LiteLLM relaying llama.cpp', LITELLM_WRAPPED, {limit: 32768, promptTokens: 40000, overflowTokens: 7232}],
    [
      'OpenRouter',
      OPENROUTER,
      {limit: 40960, requested: 52000, promptTokens: 48000, completionTokens: 4000, overflowTokens: 11040},
    ],
    [
      'vLLM output budget',
      VLLM_BUDGET,
      {limit: 32768, requested: 38000, promptTokens: 30000, completionTokens: 8000, overflowTokens: 5232},
    ],
  ] as const)('%s: the numbers in the text, and the overflow', async (_name, text, evidence) => {
    const cause = causeOf(text);
    for (const x of Object.values(evidence)) expect(cause).toContain(n(x));
    const {out} = await explain(['--json', text]);
    expect(JSON.parse(out).errors[0].evidence).toEqual(evidence);
  });

  it('Ollama says no numbers, and none are invented', async () => {
    const cause = causeOf(OLLAMA);
    expect(cause).not.toMatch(/\d/);
    const {out} = await explain(['--json', OLLAMA]);
    expect(JSON.parse(out).errors[0].evidence).toEqual({});
  });
});

/** The lines of the "fix:" block of the plain output. */
function fixBlock(out: string): string[] {
  const lines = out.split('\n');
  const start = lines.indexOf('  fix:');
  const end = lines.findIndex((l, i) => i > start && /^ {2}\S/.test(l));
  return lines.slice(start + 1, end);
}

const COMMANDS = {
  lmstudio: /\$ lms .*--context-length N/,
  ollama: /\$ OLLAMA_CONTEXT_LENGTH=N ollama serve/,
  vllm: /\$ vllm serve .*--max-model-len N/,
  llamacpp: /\$ llama-server .*-c N/,
};

describe('explain: the reload fix', () => {
  it('unknown server: one server per line, each command whole on its own line, within 80 columns', async () => {
    const {out} = await explain([OPENAI_STYLE_REQUESTED]);
    const fix = fixBlock(out);
    for (const l of fix) expect(l.length).toBeLessThanOrEqual(80);
    for (const [label, re] of [
      ['LM Studio', COMMANDS.lmstudio],
      ['Ollama', COMMANDS.ollama],
      ['vLLM', COMMANDS.vllm],
      ['llama.cpp', COMMANDS.llamacpp],
    ] as const) {
      const at = fix.findIndex((l) => l.trim() === `${label}:`);
      expect(at, `${label} heading in:\n${fix.join('\n')}`).toBeGreaterThan(-1);
      // The command is the next line, alone: "$ " then the command, nothing else of the other servers.
      expect(fix[at + 1]).toMatch(re);
      expect(fix[at + 1].trim().startsWith('$ ')).toBe(true);
    }
    // No line mixes two servers' commands.
    for (const l of fix) expect(Object.values(COMMANDS).filter((re) => re.test(l)).length).toBeLessThanOrEqual(1);
  });

  it.each([
    ['llama.cpp', LLAMA, 'llamacpp'],
    ['LM Studio', LMSTUDIO, 'lmstudio'],
    ['Ollama', OLLAMA, 'ollama'],
  ] as const)('known server (%s wording): only its command', async (_label, text, kind) => {
    const {out} = await explain([text]);
    const fix = fixBlock(out).join('\n');
    for (const [k, re] of Object.entries(COMMANDS)) {
      if (k === kind) expect(fix).toMatch(re);
      else expect(fix).not.toMatch(re);
    }
    for (const l of fixBlock(out)) expect(l.length).toBeLessThanOrEqual(80);
  });

  it('OpenRouter (hosted): no reload command, a hosted-side fix instead', async () => {
    const {out} = await explain([OPENROUTER]);
    const fix = fixBlock(out).join('\n');
    for (const re of Object.values(COMMANDS)) expect(fix).not.toMatch(re);
    expect(fix).toMatch(/middle-out|context_length/);
  });

  it('the --json fixes hold the same per-server commands', async () => {
    const {out} = await explain(['--json', OPENAI_STYLE_REQUESTED]);
    const fixes: string[] = JSON.parse(out).errors[0].fixes;
    const reload = fixes.find((f) => /reload/.test(f))!;
    // One line per server, "Label: command".
    for (const re of Object.values(COMMANDS))
      expect(reload.split('\n').some((l) => re.test(l.replace(/^[\w. ]+: /, '$ ')))).toBe(true);
  });
});
