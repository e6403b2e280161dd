/**
 * The rehearsal against servers that stream at known rates: each figure within 15 % of what the fake was told,
 * tool calls as text, leaked reasoning and missing usage flagged, every api, Ctrl+C mid-stream.
 * Rates are scaled so each run takes about a second.
 */
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {rehearse, rehearsalJson, rehearsalTarget, type RehearsalTarget} from '../../src/doctor/rehearse.js';
import {viewConfig} from '../../src/core/config-view.js';
import {PROMPT_PARTS} from '../../src/core/openclaw/prompt-shape.js';
import {MEASURED_FILE, measuredSpeedFor} from '../../src/process/measured-speeds.js';
import {startStreamingFake, type StreamingFakeOptions} from '../fakes/streaming.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'rehearse-'));
afterAll(() => rmSync(tmp, {recursive: true, force: true}));
let n = 0;
const envFor = () => ({OPENCLAW_LOCAL_DOCTOR_STATE_DIR: path.join(tmp, `s${n++}`)});

async function withFake(o: StreamingFakeOptions, target: Partial<RehearsalTarget>, serverKind = 'vllm') {
  const fake = await startStreamingFake(o);
  const env = envFor();
  try {
    // baseUrl '' stands for the fake's root (Ollama's native api has no /v1).
    const t: RehearsalTarget = {
      ref: 'vllm/qwen3-8b',
      providerId: 'vllm',
      modelId: 'qwen3-8b',
      api: 'openai-completions',
      ...target,
      baseUrl: target.baseUrl === '' ? fake.url : `${fake.url}/v1`,
    };
    const report = await rehearse(t, {waitMs: 5000, budgetMs: 30_000, env, serverKind});
    return {report, fake, env};
  } finally {
    await fake.close();
  }
}

const within = (got: number | undefined, want: number) => {
  expect(got).toBeDefined();
  expect(Math.abs(got! - want) / want).toBeLessThanOrEqual(0.15);
};

describe('rehearse: figures against a fake with known rates', () => {
  it('load, first token, prefill and decode within 15 % (Chat Completions)', async () => {
    const rates = {loadMs: 1500, prefillTokensPerSecond: 25_000, decodeTokensPerSecond: 100, outputTokens: 41};
    const {report, fake, env} = await withFake(rates, {});
    const o = report.outcome;
    const promptTokens = o.promptTokens!;
    expect(o.promptTokensEstimated).toBe(false);
    // The prompt is OpenClaw's measured size: system prompt + 12 tools ≈ (51,000 + 9,600) chars / 4.
    within(promptTokens, (PROMPT_PARTS.systemPromptChars + PROMPT_PARTS.toolDefinitionChars) / 4);
    within(o.loadMs, 1500);
    within(o.ttftMs, (promptTokens / 25_000) * 1000);
    within(o.prefillTokensPerSecond, 25_000);
    within(o.decodeTokensPerSecond, 100);
    within(o.totalMs, (promptTokens / 25_000) * 1000 + 400);
    expect(o.toolCall).toBe('structured');
    expect(o.reasoningLeak).toBe(false);
    expect(o.usageReported).toBe(true);
    // OpenClaw's shape: streamed, 12 tools, usage asked for, output limit as configured.
    const big = fake.requests[1].body;
    expect(big).toMatchObject({
      stream: true,
      stream_options: {include_usage: true},
      tool_choice: 'auto',
      max_completion_tokens: 8192,
    });
    expect((big.tools as unknown[]).length).toBe(12);
    // Measured speeds recorded for the next estimate.
    expect(measuredSpeedFor(env, 'vllm/qwen3-8b')?.decodeTokensPerSecond).toBeCloseTo(o.decodeTokensPerSecond!, 5);
    const json = rehearsalJson(report);
    for (const k of [
      'loadMs',
      'ttftMs',
      'prefillTokensPerSecond',
      'decodeTokensPerSecond',
      'totalMs',
      'toolCall',
      'reasoningLeak',
      'usageReported',
    ])
      expect(json).toHaveProperty(k);
  });

  it('2 s to first token at the real scale is reported as 2 s (one slow prefill, fast decode)', async () => {
    // 15,150 tokens at 7,575 tok/s = 2 s: the figure the issue names, without a long test.
    const {report} = await withFake({prefillTokensPerSecond: 7_575, decodeTokensPerSecond: 500, outputTokens: 5}, {});
    within(report.outcome.ttftMs, (report.outcome.promptTokens! / 7_575) * 1000);
  });
});

describe('rehearse: what goes wrong', () => {
  it('a tool call returned as text is flagged with the vLLM parser flags', async () => {
    const {report} = await withFake(
      {prefillTokensPerSecond: 1e6, decodeTokensPerSecond: 2000, outputTokens: 5, toolMode: 'text'},
      {},
    );
    expect(report.outcome.toolCall).toBe('text');
    const f = report.findings.find((x) => x.id === 'tool-call');
    expect(f).toMatchObject({severity: 'fail'});
    expect(f?.fix).toBe('restart vLLM with --enable-auto-tool-choice --tool-call-parser hermes');
  });

  it('"does not support tools" is unsupported; <think> in the text is a leak; no usage is said (Ollama native)', async () => {
    const {report, fake} = await withFake(
      {
        prefillTokensPerSecond: 1e6,
        decodeTokensPerSecond: 2000,
        outputTokens: 5,
        toolMode: 'unsupported',
        leak: 'think',
        noUsage: true,
      },
      {api: 'ollama', baseUrl: '', ref: 'ollama/m', providerId: 'ollama', modelId: 'm', contextWindow: 32768},
      'ollama',
    );
    expect(fake.requests[1].path).toBe('/api/chat');
    expect(fake.requests[1].body).toMatchObject({stream: true, options: {num_predict: 8192, num_ctx: 32768}});
    expect(report.outcome.toolCall).toBe('unsupported');
    expect(report.outcome.reasoningLeak).toBe(true);
    expect(report.outcome.usageReported).toBe(false);
    expect(report.outcome.promptTokensEstimated).toBe(true);
    expect(report.findings.find((x) => x.id === 'reasoning-leak')?.severity).toBe('fail');
    expect(report.findings.find((x) => x.id === 'usage')?.severity).toBe('info');
  });

  it("harmony tags leak through the Responses api; the request is OpenClaw's Responses shape", async () => {
    const {report, fake} = await withFake(
      {prefillTokensPerSecond: 1e6, decodeTokensPerSecond: 2000, outputTokens: 5, leak: 'harmony'},
      {api: 'openai-responses', modelId: 'openai/gpt-oss-20b'},
    );
    expect(report.outcome.reasoningLeak).toBe(true);
    expect(report.findings.find((x) => x.id === 'reasoning-leak')?.fix).toBe(
      'restart vLLM with --reasoning-parser openai_gptoss',
    );
    expect(fake.requests[1].path).toBe('/v1/responses');
    expect(fake.requests[1].body).toMatchObject({
      stream: true,
      max_output_tokens: 8192,
      store: false,
      input: [{type: 'message', role: 'system'}, {role: 'user'}],
    });
    expect(fake.requests[1].body.tool_choice).toBeUndefined(); // as OpenClaw 2026.9.6 sends it
    expect(JSON.stringify(fake.requests[1].body).length).toBeGreaterThan(58_000); // the captured body: 61,075 bytes
    expect(report.outcome.toolCall).toBe('structured');
  });

  it("a cold load past OpenClaw's limit fails with the timeoutSeconds to set", async () => {
    const {report} = await withFake(
      {loadMs: 1500, prefillTokensPerSecond: 1e6, decodeTokensPerSecond: 2000, outputTokens: 5},
      {providerTimeoutSeconds: 1},
    );
    const f = report.findings.find((x) => x.id === 'timeout');
    expect(f?.severity).toBe('fail');
    expect(f?.fix).toMatch(/^set models\.providers\.vllm\.timeoutSeconds to 60 /);
  });

  it('sends the key only to its own origin, never prints it', async () => {
    const {report, fake} = await withFake(
      {prefillTokensPerSecond: 1e6, decodeTokensPerSecond: 2000, outputTokens: 3},
      {apiKey: 'sk-secret-123'},
    );
    expect(fake.requests.every((r) => r.auth === 'Bearer sk-secret-123')).toBe(true);
    expect(JSON.stringify(rehearsalJson(report))).not.toContain('sk-secret-123');
  });
});

describe('rehearse: stops', () => {
  it('Ctrl+C mid-decode stops at once and keeps what was measured', async () => {
    const ac = new AbortController();
    const fake = await startStreamingFake({prefillTokensPerSecond: 1e6, decodeTokensPerSecond: 20, outputTokens: 400});
    try {
      const t: RehearsalTarget = {
        ref: 'vllm/m',
        providerId: 'vllm',
        modelId: 'm',
        baseUrl: `${fake.url}/v1`,
        api: 'openai-completions',
      };
      const started = Date.now();
      const report = await rehearse(t, {
        waitMs: 5000,
        budgetMs: 60_000,
        env: envFor(),
        serverKind: 'vllm',
        signal: ac.signal,
        onProgress: (p) => {
          if (p.phase === 'decode' && p.tokens >= 5) ac.abort();
        },
      });
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(report.outcome.stopped).toBe('interrupted');
      expect(report.outcome.ttftMs).toBeDefined();
      expect(report.outcome.decodeTokensPerSecond).toBeGreaterThan(0);
      expect(report.findings[0]).toMatchObject({id: 'stopped', severity: 'warn'});
    } finally {
      await fake.close();
    }
  });

  it('the total budget ends the run', async () => {
    const fake = await startStreamingFake({prefillTokensPerSecond: 1e6, decodeTokensPerSecond: 10, outputTokens: 400});
    try {
      const t: RehearsalTarget = {
        ref: 'vllm/m',
        providerId: 'vllm',
        modelId: 'm',
        baseUrl: `${fake.url}/v1`,
        api: 'openai-completions',
      };
      const report = await rehearse(t, {waitMs: 5000, budgetMs: 800, env: envFor(), serverKind: 'vllm'});
      expect(report.outcome.stopped).toBe('the total budget ran out');
    } finally {
      await fake.close();
    }
  });
});

describe('rehearsalTarget', () => {
  it("takes the primary, its provider and OpenClaw's limits from the config", () => {
    const cfg = {
      models: {
        providers: {
          lm: {
            baseUrl: 'http://127.0.0.1:9/v1',
            api: 'openai-responses',
            timeoutSeconds: 120,
            models: [{id: 'q', name: 'q', maxTokens: 4096, contextWindow: 32768}],
          },
        },
      },
      agents: {defaults: {model: {primary: 'lm/q'}, timeoutSeconds: 600}},
    };
    const t = rehearsalTarget(viewConfig(cfg, {}), cfg);
    expect(t).toMatchObject({
      ref: 'lm/q',
      providerId: 'lm',
      modelId: 'q',
      api: 'openai-responses',
      maxTokens: 4096,
      providerTimeoutSeconds: 120,
      agentTimeoutSeconds: 600,
    });
    expect(rehearsalTarget(viewConfig({}, {}), {})).toMatch(/no primary/);
  });

  it('the store is 0600 JSON in the state dir', async () => {
    const {env} = await withFake({prefillTokensPerSecond: 1e6, decodeTokensPerSecond: 2000, outputTokens: 5}, {});
    const text = readFileSync(path.join(env.OPENCLAW_LOCAL_DOCTOR_STATE_DIR, MEASURED_FILE), 'utf8');
    expect(JSON.parse(text).entries[0].model).toBe('vllm/qwen3-8b');
  });
});
