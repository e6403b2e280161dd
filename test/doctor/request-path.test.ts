import {describe, expect, it} from 'vitest';
import {
  lmstudioLoadContext,
  minimumWindow,
  predictCall,
  preloadApplies,
  type RequestPathInput,
} from '../../src/core/openclaw/request-path.js';
import {MEASURED_REQUESTS, promptNeedTokens} from '../../src/core/openclaw/prompt-shape.js';

const lm = (o: Partial<RequestPathInput> = {}): RequestPathInput => ({
  providerId: 'lmstudio',
  api: 'openai-responses',
  server: 'lmstudio',
  lmstudioNativeApi: true,
  contextWindow: 200_000,
  maxTokens: 8192,
  served: {state: 'loaded', loadedContext: 4096, maxContext: 262_144},
  ...o,
});

describe('OpenClaw 2026.9.6 request path', () => {
  it('the prompt need is the measured figure, interpolated by window and flat outside', () => {
    expect(promptNeedTokens(8192)).toBe(MEASURED_REQUESTS[0].estimatedPromptTokens);
    expect(promptNeedTokens(1000)).toBe(MEASURED_REQUESTS[0].estimatedPromptTokens);
    expect(promptNeedTokens(200_000)).toBe(MEASURED_REQUESTS.at(-1)!.estimatedPromptTokens);
    expect(promptNeedTokens(undefined)).toBe(MEASURED_REQUESTS.at(-1)!.estimatedPromptTokens);
    const mid = promptNeedTokens(100_000);
    expect(mid).toBeGreaterThan(promptNeedTokens(65_536));
    expect(mid).toBeLessThan(promptNeedTokens(200_000));
    expect(minimumWindow(65_536, 4096)).toBe(promptNeedTokens(65_536) + 4096);
  });

  it('LM Studio preload: only provider "lmstudio", native API, preload not false; loads at min(window, model max)', () => {
    expect(preloadApplies(lm())).toBe(true);
    expect(preloadApplies(lm({providerId: 'lms'}))).toBe(false);
    expect(preloadApplies(lm({preloadParam: false}))).toBe(false);
    expect(preloadApplies(lm({lmstudioNativeApi: false}))).toBe(false);
    expect(lmstudioLoadContext(200_000, undefined, 131_072)).toBe(131_072);
    expect(lmstudioLoadContext(200_000, 65_536, undefined)).toBe(65_536);
    expect(lmstudioLoadContext(undefined, undefined, undefined)).toBe(64_000);
  });

  it('loaded below the window with a reload that fits: works; without preload the 4,096 fails', () => {
    const p = predictCall(lm({memoryAt: () => ({fits: true, needGB: 30, usableGB: 144})}));
    expect(p.outcome).toBe('works');
    expect(p.reload?.context).toBe(200_000);
    expect(p.reason).toContain('reload it (loaded with 4,096) at 200,000');
    const off = predictCall(lm({preloadParam: false}));
    expect(off.outcome).toBe('fails');
    expect(off.runContext).toBe(4096);
    expect(off.serverContext).toBe(200_000);
  });

  it("a reload that does not fit: says it in OpenClaw's terms; the loaded context then decides", () => {
    const memoryAt = (c: number) => ({fits: c <= 65_536, needGB: c > 65_536 ? 62 : 14, usableGB: 24});
    const small = predictCall(lm({memoryAt}));
    expect(small.outcome).toBe('fails');
    expect(small.reason).toContain('OpenClaw will reload the model at 200,000; that needs 62 GB, this machine has 24');
    const roomy = predictCall(lm({memoryAt, served: {state: 'loaded', loadedContext: 32_768, maxContext: 262_144}}));
    expect(roomy.outcome).toBe('works');
    const cold = predictCall(lm({memoryAt, served: {state: 'not-loaded', maxContext: 262_144}}));
    expect(cold.outcome).toBe('fails');
    expect(cold.reason).toContain('No models loaded');
  });

  it("no preload and not loaded: the server's JIT decides (unknown); Ollama native works (it truncates)", () => {
    expect(predictCall(lm({providerId: 'lms', served: {state: 'not-loaded'}})).outcome).toBe('unknown');
    const ol = predictCall({
      providerId: 'ollama',
      api: 'ollama',
      server: 'ollama',
      contextWindow: 65_536,
      contextTokens: 65_536,
      served: {state: 'loaded', loadedContext: 4096},
    });
    expect(ol.outcome).toBe('works');
    expect(ol.runContext).toBe(65_536);
  });
});
