/** The grounding rule itself (core/stacks/ground), per server kind as OpenClaw 2026.9.6 drives it. */
import {describe, expect, it} from 'vitest';
import {groundedSizes, maxTokensFor, servedModel} from '../../src/core/stacks/ground.js';
import {evaluateHardware} from '../../src/core/hardware.js';
import type {HardwareProfile} from '../../src/core/types/hardware.js';
import {RTX4090_24GB} from '../support/profiles.js';

const LM_GUIDE = {contextWindow: 196608, maxTokens: 8192};
const GENERIC = {contextWindow: 32768, maxTokens: 8192};
/** A 24 GB card. */
const GPU24: HardwareProfile = RTX4090_24GB;
/** A 17.5 GB model on it: the KV cache, not the model's maximum, is the limit. */
const BIG = {id: 'qwen3-coder:30b', sizeBytes: 17.5e9, maxContext: 262144};

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
    const fits = evaluateHardware(GPU24, {model: BIG.id, context: LM_GUIDE.contextWindow, modelSizeGB: 17.5}).fit!
      .maxContextThatFits;
    expect(fits).toBeGreaterThan(0);
    expect(fits).toBeLessThan(LM_GUIDE.contextWindow);
    expect(
      groundedSizes({api: 'openai-responses', served: {kind: 'lmstudio', ...BIG}, guide: LM_GUIDE, hardware: GPU24}),
    ).toMatchObject({contextWindow: fits, fitCap: fits, source: 'requested'});
    // Native Ollama on the same machine: memory caps the guide's 32k.
    expect(
      groundedSizes({api: 'ollama', served: {kind: 'ollama', ...BIG}, guide: GENERIC, hardware: GPU24}).contextWindow,
    ).toBeLessThan(GENERIC.contextWindow);
    // A context the server fixed is not second-guessed by memory.
    expect(
      groundedSizes({
        api: 'openai-completions',
        served: {kind: 'vllm', ...BIG, loadedContext: 65536},
        guide: GENERIC,
        hardware: GPU24,
      }).contextWindow,
    ).toBe(65536);
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
