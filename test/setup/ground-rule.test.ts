/** The grounding rule itself (core/stacks/ground), per server kind as OpenClaw 2026.9.6 drives it. */
import {describe, expect, it} from 'vitest';
import {groundedSizes, maxTokensFor, servedModel} from '../../src/core/stacks/ground.js';

const LM_GUIDE = {contextWindow: 196608, maxTokens: 8192};
const GENERIC = {contextWindow: 32768, maxTokens: 8192};

describe('groundedSizes', () => {
  it('a context fixed by the server (vLLM, llama.cpp) or loaded in LM Studio is the limit', () => {
    expect(
      groundedSizes({api: 'openai-completions', served: {kind: 'vllm', loadedContext: 24576}, guide: GENERIC}),
    ).toEqual({contextWindow: 24576, maxTokens: 6144, source: 'loaded'});
    expect(
      groundedSizes({api: 'openai-completions', served: {kind: 'llamacpp', loadedContext: 65536}, guide: GENERIC})
        .contextWindow,
    ).toBe(65536);
    expect(
      groundedSizes({
        api: 'openai-responses',
        served: {kind: 'lmstudio', loadedContext: 32768, maxContext: 196608},
        guide: LM_GUIDE,
      }),
    ).toEqual({contextWindow: 32768, maxTokens: 8192, source: 'loaded'});
  });

  it('where OpenClaw makes the server load the model: the guide, capped by the model and by memory', () => {
    // Native Ollama: num_ctx = the configured context, whatever is loaded now.
    expect(
      groundedSizes({api: 'ollama', served: {kind: 'ollama', loadedContext: 4096, maxContext: 40960}, guide: GENERIC})
        .contextWindow,
    ).toBe(32768);
    expect(
      groundedSizes({api: 'ollama', served: {kind: 'ollama', maxContext: 16384}, guide: GENERIC}).contextWindow,
    ).toBe(16384);
    // LM Studio with the model not loaded: OpenClaw's preload loads it at contextWindow.
    expect(
      groundedSizes({
        api: 'openai-responses',
        served: {kind: 'lmstudio', maxContext: 196608},
        guide: LM_GUIDE,
        fitCap: 90000,
      }),
    ).toMatchObject({contextWindow: 90000, source: 'requested'});
    // Ollama behind /v1 gets no num_ctx: what is loaded is the limit.
    expect(
      groundedSizes({api: 'openai-completions', served: {kind: 'ollama', loadedContext: 8192}, guide: GENERIC})
        .contextWindow,
    ).toBe(8192);
  });

  it("maxTokens leaves OpenClaw's prompt room", () => {
    expect(maxTokensFor(196608, 8192)).toBe(8192);
    // OpenClaw's prompt needs ≈16.4K at this window (prompt-shape.ts): the reply gets the floor.
    expect(maxTokensFor(16384, 8192)).toBe(1024);
    expect(maxTokensFor(32768, 8192)).toBe(8192);
    expect(maxTokensFor(4096, 8192)).toBe(1024);
  });
});

describe('servedModel', () => {
  it("Ollama's implied :latest is the same model; otherwise what is served, closest first", () => {
    expect(servedModel('ollama', 'qwen3', ['qwen3:latest']).id).toBe('qwen3:latest');
    expect(servedModel('lmstudio', 'qwen3-8b', ['qwen/qwen3-8b', 'google/gemma-3-12b']).id).toBe('qwen/qwen3-8b');
    expect(servedModel('lmstudio', 'minimax-m2.1', ['qwen/qwen3-8b', 'zeta', 'minimax-m2.1-gs32'])).toEqual({
      others: ['minimax-m2.1-gs32', 'qwen/qwen3-8b', 'zeta'],
    });
  });
});
