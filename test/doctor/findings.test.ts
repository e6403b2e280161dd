import {describe, expect, it} from 'vitest';
import {contextFit} from '../../src/core/findings/context.js';
import {promptNeedTokens} from '../../src/core/openclaw/prompt-shape.js';
import {analyzeBaseUrl, effectiveApi} from '../../src/core/findings/base-url.js';
import {closestIds} from '../../src/core/findings/closest.js';
import {isCloudModel, quantInfo} from '../../src/core/findings/quantization.js';
import {nodeSatisfiesOpenClaw, parseNodeVersion} from '../../src/core/findings/node-version.js';
import {fmt, dotted} from '../../src/core/findings/format.js';
import {raiseContextCommand, guessKind} from '../../src/core/findings/server-commands.js';

describe('contextFit', () => {
  it('fails when contextWindow exceeds the loaded context, with both numbers', () => {
    const [v] = contextFit({
      contextWindow: 196608,
      maxTokens: 8192,
      loaded: 32768,
      maxContext: 262144,
      serverLabel: 'LM Studio',
    });
    expect(v.kind).toBe('exceeds-loaded');
    expect(v.status).toBe('fail');
    expect(v.message).toContain('contextWindow 196,608 > loaded context 32,768 (from LM Studio)');
    expect(v.lowerTo).toBe(32768);
    expect(v.raiseTo).toBe(196608);
  });
  it('uses contextTokens when it is the smaller cap', () => {
    const vs = contextFit({
      contextWindow: 196608,
      contextTokens: 32768,
      maxTokens: 8192,
      loaded: 32768,
      serverLabel: 'x',
    });
    expect(vs.map((v) => v.kind)).toEqual(['fits']);
    expect(vs[0].message).toContain('contextTokens 32,768');
  });
  it('passes when it fits and says so with numbers', () => {
    const vs = contextFit({contextWindow: 65536, maxTokens: 8192, loaded: 65536, serverLabel: 'LM Studio 0.4.2'});
    expect(vs).toHaveLength(1);
    expect(vs[0].status).toBe('pass');
    expect(vs[0].message).toBe('contextWindow 65,536 ≤ loaded context 65,536 (from LM Studio 0.4.2), maxTokens 8,192');
  });
  it('fails when maxTokens leaves no room for the prompt', () => {
    const vs = contextFit({contextWindow: 32768, maxTokens: 32768, loaded: 32768, serverLabel: 'x'});
    expect(vs[0].kind).toBe('output-too-large');
  });
  it('warns when the prompt room is below what OpenClaw needs', () => {
    const vs = contextFit({contextWindow: 20000, maxTokens: 16000, loaded: 32768, serverLabel: 'x'});
    expect(vs.map((v) => v.kind)).toContain('little-prompt-room');
    expect(vs.find((v) => v.kind === 'little-prompt-room')!.message).toContain('leaves 4,000 tokens');
  });
  it('fails below OpenClaw\'s minimum; one prompt-need number decides a small context (issue 16: no warning next to "needs ~12,000")', () => {
    expect(contextFit({contextWindow: 3000, loaded: 4096, serverLabel: 'x'}).map((v) => v.kind)).toContain(
      'below-openclaw-minimum',
    );
    // The server runs 8,192: OpenClaw's first prompt (≈16K tokens, measured) does not fit, so the call fails.
    const small = contextFit({contextWindow: 8192, loaded: 8192, serverLabel: 'x'});
    expect(small.map((v) => [v.kind, v.status])).toEqual([['prompt-does-not-fit', 'fail']]);
    expect(small[0].message).toContain(`needs about ${promptNeedTokens(8192).toLocaleString('en-US')}`);
    // The server has room (the call goes through, measured with OpenClaw 2026.9.6): only a warning about the budget.
    const budget = contextFit({contextWindow: 8192, loaded: 65536, serverLabel: 'x'});
    expect(budget.map((v) => [v.kind, v.status])).toEqual([['window-below-prompt', 'warn']]);
  });
  it('skips when the loaded context is unknown', () => {
    expect(contextFit({contextWindow: 65536, serverLabel: 'x'})[0].status).toBe('skip');
  });
  it('warns when no context is configured', () => {
    const [v] = contextFit({loaded: 32768, serverLabel: 'x'});
    expect(v.kind).toBe('no-context-configured');
    expect(v.lowerTo).toBe(32768);
  });
});

describe('analyzeBaseUrl', () => {
  it('api "ollama" must not end in /v1', () => {
    const v = analyzeBaseUrl({
      baseUrl: 'http://127.0.0.1:11434/v1',
      api: 'ollama',
      kind: 'ollama',
      kindConfirmed: true,
    });
    expect(v.status).toBe('fail');
    expect(v.baseUrl).toBe('http://127.0.0.1:11434');
  });
  it('openai-* on Ollama /v1 warns about tool calls as text (#21243) and suggests the native API', () => {
    const v = analyzeBaseUrl({
      baseUrl: 'http://10.0.0.5:11434/v1',
      api: 'openai-completions',
      kind: 'ollama',
      kindConfirmed: true,
    });
    expect(v.status).toBe('warn');
    expect(v.message).toContain('#21243');
    expect(v).toMatchObject({api: 'ollama', baseUrl: 'http://10.0.0.5:11434'});
  });
  it('missing /v1 on an OpenAI-style server fails with the fixed URL', () => {
    const v = analyzeBaseUrl({
      baseUrl: 'http://127.0.0.1:1234',
      api: 'openai-responses',
      kind: 'lmstudio',
      kindConfirmed: true,
    });
    expect(v.status).toBe('fail');
    expect(v.baseUrl).toBe('http://127.0.0.1:1234/v1');
  });
  it('extra /v1 and endpoint paths are caught', () => {
    expect(
      analyzeBaseUrl({baseUrl: 'http://h:8000/v1/v1', api: 'openai-completions', kind: 'vllm', kindConfirmed: true})
        .baseUrl,
    ).toBe('http://h:8000/v1');
    expect(
      analyzeBaseUrl({
        baseUrl: 'http://h:8000/v1/chat/completions',
        api: 'openai-completions',
        kind: 'vllm',
        kindConfirmed: true,
      }).baseUrl,
    ).toBe('http://h:8000/v1');
  });
  it('LiteLLM works with or without /v1; a correct URL passes', () => {
    expect(
      analyzeBaseUrl({
        baseUrl: 'http://127.0.0.1:4000',
        api: 'openai-completions',
        kind: 'litellm',
        kindConfirmed: true,
      }).status,
    ).toBe('pass');
    expect(
      analyzeBaseUrl({
        baseUrl: 'http://127.0.0.1:8000/v1',
        api: 'openai-completions',
        kind: 'vllm',
        kindConfirmed: true,
      }).status,
    ).toBe('pass');
  });
  it('llama.cpp serves routes without /v1 (pass when confirmed, warn when only guessed)', () => {
    expect(
      analyzeBaseUrl({
        baseUrl: 'http://127.0.0.1:8080',
        api: 'openai-completions',
        kind: 'llamacpp',
        kindConfirmed: true,
      }).status,
    ).toBe('pass');
    const g = analyzeBaseUrl({
      baseUrl: 'http://127.0.0.1:8080',
      api: 'openai-completions',
      kind: 'llamacpp',
      kindConfirmed: false,
    });
    expect(g.status).toBe('warn');
    expect(g.baseUrl).toBe('http://127.0.0.1:8080/v1');
  });
  it('not a URL fails', () => {
    expect(
      analyzeBaseUrl({baseUrl: 'not a url', api: 'openai-completions', kind: 'unknown', kindConfirmed: false}).status,
    ).toBe('fail');
  });
  it('effectiveApi defaults', () => {
    expect(effectiveApi('ollama')).toBe('ollama');
    expect(effectiveApi('mybox')).toBe('openai-completions');
    expect(effectiveApi('mybox', 'openai-responses')).toBe('openai-responses');
  });
});

describe('closestIds', () => {
  it('finds a case-only difference as exact', () => {
    expect(closestIds('Qwen/Qwen3-8B', ['qwen/qwen3-8b', 'google/gemma-3-12b']).exact).toBe('qwen/qwen3-8b');
  });
  it('treats Ollama :latest as the same model', () => {
    expect(closestIds('qwen3', ['qwen3:latest', 'llama3:8b']).exact).toBe('qwen3:latest');
  });
  it('suggests near ids for typos, nothing for unrelated', () => {
    const r = closestIds('qwen3-coder-30b', ['qwen/qwen3-coder-30b-a3b', 'google/gemma-3-12b', 'text-embedding-nomic']);
    expect(r.ids[0]).toBe('qwen/qwen3-coder-30b-a3b');
    expect(r.ids).not.toContain('text-embedding-nomic');
    expect(closestIds('mistral', ['zzzzzzzzzzzz']).ids).toEqual([]);
  });
});

describe('quantInfo', () => {
  it('flags ≤3-bit and small checkpoints', () => {
    expect(quantInfo('minimax-m2.1', 'Q3_K_M').aggressive).toBe(true);
    expect(quantInfo('qwen3-coder-30b-iq2_xs').aggressive).toBe(true);
    expect(quantInfo('qwen/qwen3-8b', 'Q4_K_M')).toMatchObject({aggressive: false, small: true, bits: 4, paramsB: 8});
    expect(quantInfo('mlx-community/GLM-4.5-Air-3bit').bits).toBe(3);
  });
  it('hosted names behind a local proxy are not "small"; Ollama cloud tags are recognised', () => {
    expect(quantInfo('gpt-4o-mini').small).toBe(false);
    expect(isCloudModel('minimax-m2:cloud')).toBe(true);
    expect(isCloudModel('gpt-oss:120b-cloud')).toBe(true);
    expect(isCloudModel('qwen3:8b')).toBe(false);
  });
  it('a large 4/8-bit model is fine', () => {
    expect(quantInfo('qwen/qwen3-coder-30b', 'Q8_0')).toMatchObject({aggressive: false, small: false});
    expect(quantInfo('minimax-m2.1-gs32', undefined, 4)).toMatchObject({aggressive: false});
  });
});

describe('node version', () => {
  it('matches OpenClaw 2026.9 engines', () => {
    const ok = (s: string) => nodeSatisfiesOpenClaw(parseNodeVersion(s)!);
    expect(ok('v20.19.0')).toBe(false);
    expect(ok('v22.22.0')).toBe(false);
    expect(ok('v24.15.9')).toBe(false);
    expect(ok('v24.16.0')).toBe(true);
    expect(ok('v25.2.0')).toBe(false);
    expect(ok('v26.1.0')).toBe(true);
    expect(ok('v27.0.0')).toBe(true);
    expect(parseNodeVersion('garbage')).toBeUndefined();
  });
});

describe('format and server commands', () => {
  it('formats numbers and paths', () => {
    expect(fmt(196608)).toBe('196,608');
    expect(dotted(['models', 'providers', 'lm studio', 'models', 0, 'contextWindow'])).toBe(
      'models.providers["lm studio"].models[0].contextWindow',
    );
  });
  it('prints the right command per server', () => {
    expect(raiseContextCommand('lmstudio', 'qwen/qwen3-8b', 65536)).toContain(
      'lms load qwen/qwen3-8b --context-length 65536',
    );
    expect(raiseContextCommand('ollama', 'qwen3:8b', 65536)).toBe('OLLAMA_CONTEXT_LENGTH=65536 ollama serve');
    expect(raiseContextCommand('vllm', 'q', 32768)).toContain('--max-model-len 32768');
    expect(raiseContextCommand('llamacpp', 'q', 32768)).toContain('-c 32768');
    expect(guessKind('my-box', 'http://127.0.0.1:11434')).toBe('ollama');
    expect(guessKind('lmstudio')).toBe('lmstudio');
  });
});
