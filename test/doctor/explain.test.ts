import {afterEach, describe, expect, it} from 'vitest';
import {Readable} from 'node:stream';
import {memoryIo} from '../../src/cli/io.js';
import {explainText, readBounded} from '../../src/commands/explain.js';
import {cli} from '../support/run-cli.js';
import {configText, tempSetup, type TempSetup} from './env.js';

// Real bodies as the servers send them (local-servers reference, §10).
const LMSTUDIO_OVERFLOW =
  '400 {"error":"The number of tokens to keep from the initial prompt is greater than the context length (n_keep: 40210>= n_ctx: 32768). Try to load the model with a larger context length, or provide a shorter input."}';
const VLLM_OVERFLOW =
  '{"error":{"message":"This model\'s maximum context length is 32768 tokens. However, your request has 40000 input tokens. Please reduce the length of the input messages.","type":"BadRequestError","param":null,"code":400}}';
const LLAMA_OVERFLOW =
  '{"error":{"code":400,"message":"request (13392 tokens) exceeds the available context size (8192 tokens), try increasing it","type":"exceed_context_size_error","n_prompt_tokens":13392,"n_ctx":8192}}';
const LM_NOT_FOUND =
  '{"error":{"message":"Invalid model identifier \\"gpt-4o\\". Please specify a valid downloaded model (e.g., qwen/qwen3-8b, google/gemma-3-12b).","type":"invalid_request_error","param":"model","code":"model_not_found"}}';
const LM_NO_MODEL =
  '{"error":{"message":"No models loaded. Please load a model in the developer page or use the \'lms load\' command.","type":"invalid_request_error","param":"model","code":null}}';
const LM_AUTH =
  '{"error":{"type":"invalid_request","code":"invalid_api_key","message":"An LM Studio API token is required to make requests to this server, but none was provided using the Authorization header using the \'Bearer\' scheme."}}';
const LM_NO_RESPONSES = '{"error":"Unexpected endpoint or method. (POST /v1/responses)"}';

let setups: TempSetup[] = [];
afterEach(() => {
  for (const s of setups) s.cleanup();
  setups = [];
});

async function explain(args: string[], stdin?: string, env: NodeJS.ProcessEnv = {}) {
  const io = memoryIo({
    env,
    stdin: (stdin !== undefined ? Readable.from([stdin]) : Object.assign(Readable.from([]), {isTTY: true})) as any,
  });
  const code = await cli(['explain', ...args], io);
  return {code, out: io.out(), err: io.err()};
}

describe('explain', () => {
  it('recognises context overflow from LM Studio, vLLM and llama.cpp with the numbers', () => {
    for (const [text, limit] of [
      [LMSTUDIO_OVERFLOW, 32768],
      [VLLM_OVERFLOW, 32768],
      [LLAMA_OVERFLOW, 8192],
    ] as const) {
      const [r] = explainText(text);
      expect(r.explanation.kind).toBe('context-overflow');
      expect(r.classified.class).toMatchObject({limit});
      expect(r.explanation.cause).toContain(`${limit.toLocaleString('en-US')} tokens`);
      expect(r.explanation.checkId).toBe('context.fits');
    }
  });

  it('recognises not-found, not-loaded, auth and missing /v1/responses', () => {
    expect(explainText(LM_NOT_FOUND)[0].explanation.kind).toBe('model-not-found');
    expect(explainText(LM_NO_MODEL)[0].explanation.kind).toBe('not-loaded');
    expect(explainText(LM_AUTH)[0].explanation.kind).toBe('auth');
    expect(explainText(LM_NO_RESPONSES)[0].explanation.kind).toBe('responses-unsupported');
  });

  it("names the provider whose contextWindow to lower, from the user's config", async () => {
    const s = tempSetup();
    setups.push(s);
    s.write(configText({baseUrl: 'http://127.0.0.1:1234/v1', contextWindow: 196608}));
    const {code, out} = await explain(['--config', s.configPath, LMSTUDIO_OVERFLOW], undefined, s.env);
    expect(code).toBe(0);
    expect(out).toContain('Recognised: Context overflow');
    // Prose wraps at 80 columns; read it back as one line.
    expect(out.replace(/\n {6}(?![ $])/g, ' ')).toContain(
      'models.providers.lmstudio.models[0] ("qwen/qwen3-coder-30b"): contextWindow 196,608 > 32,768: lower it to 32768',
    );
    expect(out).toContain('lms load qwen/qwen3-coder-30b --context-length 196608');
    expect(out).toContain('doctor --only context.fits');
  });

  it('reads a piped log tail and lists each distinct error', async () => {
    const log = ['info: started', `error: ${LM_NO_MODEL}`, 'info: retry', `error: ${LLAMA_OVERFLOW}`].join('\n');
    const {code, out} = await explain(['--json'], log);
    expect(code).toBe(0);
    const j = JSON.parse(out);
    expect(j.recognised).toBe(true);
    expect(j.errors.map((e: any) => e.kind).sort()).toEqual(['context-overflow', 'not-loaded']);
    expect(j.errors.find((e: any) => e.kind === 'context-overflow').evidence).toMatchObject({limit: 8192});
  });

  it('unrecognised text exits 1; no text is a usage error', async () => {
    const r = await explain(['the weather is nice']);
    expect(r.code).toBe(1);
    expect(r.out).toContain('Not recognised');
    expect((await explain([])).code).toBe(2);
  });

  it('never echoes a configured apiKey', async () => {
    const s = tempSetup();
    setups.push(s);
    s.write(configText({baseUrl: 'http://127.0.0.1:1234/v1', contextWindow: 65536, apiKey: 'sk-lm-supersecretvalue'}));
    const {out} = await explain(
      ['--config', s.configPath, `401 Authorization: Bearer sk-lm-supersecretvalue ${LM_AUTH}`],
      undefined,
      s.env,
    );
    expect(out).toContain('Authentication failed');
    expect(out).not.toContain('supersecretvalue');
  });

  it('readBounded stops at the byte limit', async () => {
    const text = await readBounded(Readable.from(['a'.repeat(1000), 'b'.repeat(1000)]), 1500);
    expect(text.length).toBe(1500);
  });
});

describe("explain: OpenClaw's own messages", () => {
  it('recognises "Model context window too small (N). Minimum is M" with both numbers', () => {
    const [r] = explainText('Error: Model context window too small (8192). Minimum is 16000');
    expect(r).toBeDefined();
    expect(r.explanation.title).toMatch(/context window too small/i);
    expect(r.explanation.cause).toContain('8,192');
    expect(r.explanation.cause).toContain('16,000');
    expect(r.explanation.checkId).toBe('context.fits');
  });

  it('recognises "model not allowed" and points at modelPolicy.allow', () => {
    const [r] = explainText('FailoverError: model not allowed: lmstudio/qwen3-8b');
    expect(r).toBeDefined();
    expect(r.explanation.fixes.join(' ')).toContain('modelPolicy.allow');
    expect(r.explanation.checkId).toBe('config.allowlist');
  });

  it('recognises "Unrecognized key" from OpenClaw\'s config validation', () => {
    const [r] = explainText(
      'Invalid config at /home/u/.openclaw/openclaw.json:\n- models.providers.lmstudio: Unrecognized key: "contextLength"',
    );
    expect(r).toBeDefined();
    expect(r.explanation.cause).toContain('contextLength');
    expect(r.explanation.fixes.join(' ')).toContain('openclaw config validate');
  });
});

describe('explain overflow numbers', () => {
  it('splits prompt and reply budget when the server gives both', () => {
    const [r] = explainText(
      "'max_tokens' or 'max_completion_tokens' is too large: 8192. This model's maximum context length is 16384 tokens and your request has 12000 input tokens (8192 > 16384 - 12000). None",
    );
    expect(r.explanation.cause).toContain(
      'the prompt had 12,000 tokens and the reply budget (max_tokens) 8,192: 20,192 in all',
    );
  });
});

describe('explain: OpenClaw validation output', () => {
  it('recognises "OpenClaw config is invalid" with the path, line and reason', () => {
    const text = `OpenClaw config is invalid: /home/u/.openclaw/openclaw.json
  × openclaw.json:35 — models.providers.lmstudio.models[0].contextWindow: Invalid input: expected number, received string

Run \`openclaw doctor --fix\` to repair, or fix the keys above manually.`;
    const [r] = explainText(text);
    expect(r).toBeDefined();
    expect(r.evidence).toMatchObject({line: 35, path: 'models.providers.lmstudio.models[0].contextWindow'});
    expect(r.explanation.cause).toContain('line 35');
    expect(r.explanation.cause).toContain('expected number, received string');
  });
});

describe("explain: a server's own validation error is not an OpenClaw config error", () => {
  it('messages.0.content: Invalid input stays unclassified as config', () => {
    const rs = explainText('400 {"error":"messages.0.content: Invalid input: expected string, received array"}');
    expect(rs.every((r) => r.explanation.kind !== 'config-invalid')).toBe(true);
  });
});

describe('explain: a piped log with several OpenClaw messages', () => {
  it('explains each kind once', () => {
    const log = [
      '09:00 [agent] FailoverError: model not allowed: lmstudio/qwen3-8b',
      '09:01 [agent] Error: Model context window too small (8192). Minimum is 16000',
      '09:02 [agent] FailoverError: model not allowed: lmstudio/qwen3-8b',
    ].join('\n');
    const kinds = explainText(log).map((r) => r.explanation.kind);
    expect(kinds.sort()).toEqual(['context-too-small', 'model-not-allowed']);
  });
});
