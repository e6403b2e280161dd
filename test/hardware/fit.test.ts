import {describe, expect, it} from 'vitest';
import fc from 'fast-check';
import {
  CATALOG,
  catalogBuild,
  catalogModel,
  estimateFit,
  evaluateHardware,
  fitBar,
  fitBarText,
  kvCacheGB,
  overheadGB,
  FIT_HEADROOM,
  matchModel,
  maxContextThatFits,
  tierFor,
  TIERS,
  bandwidthGBps,
  type FitInput,
} from '../../src/core/hardware.js';
import type {HardwareProfile} from '../../src/hardware/index.js';

/** Relative difference. */
const rel = (got: number, want: number): number => Math.abs(got - want) / want;

function profile(usableGB: number, over: Partial<HardwareProfile> = {}): HardwareProfile {
  return {
    schemaVersion: 1,
    platform: 'linux',
    ramTotalGB: 64,
    ramAvailableGB: 60,
    accelerators: [
      {
        kind: 'nvidia',
        name: 'NVIDIA H100 80GB HBM3',
        memoryGB: usableGB,
        memorySource: 'user',
        bandwidthGBps: 3350,
        count: 1,
        unified: false,
      },
    ],
    usableAcceleratorMemoryGB: usableGB,
    usableSource: 'user',
    nodes: 1,
    notes: [],
    ...over,
  };
}

const macStudio: HardwareProfile = profile(384, {
  platform: 'darwin',
  ramTotalGB: 512,
  ramAvailableGB: 400,
  accelerators: [
    {
      kind: 'apple',
      name: 'Apple M3 Ultra',
      memoryGB: 512,
      memorySource: 'user',
      bandwidthGBps: 819,
      count: 1,
      unified: true,
    },
  ],
  usableSource: 'estimated',
});

describe('reference numbers (hardware reference §4)', () => {
  const minimax = catalogModel('minimax-m2.1')!;

  it('MiniMax M2.1 KV cache: 248 KiB per token, ≈50 GB at 196,608 tokens', () => {
    expect(minimax.kvBytesPerToken / 1024).toBeCloseTo(248, 0);
    expect(rel(kvCacheGB(minimax.kvBytesPerToken, 196_608), 49.9)).toBeLessThan(0.02);
    expect(rel(kvCacheGB(minimax.kvBytesPerToken, 32_768), 8.3)).toBeLessThan(0.02);
    expect(rel(kvCacheGB(minimax.kvBytesPerToken, 65_536), 16.6)).toBeLessThan(0.02);
    expect(rel(kvCacheGB(minimax.kvBytesPerToken, 131_072), 33.3)).toBeLessThan(0.02);
    // MiniMax's own "240 GB per 1M tokens", within the reference's 6%.
    expect(rel(kvCacheGB(minimax.kvBytesPerToken, 1_000_000), 240)).toBeLessThan(0.06);
  });

  it('MiniMax M2.1 weights per build and totals with the full-context KV', () => {
    const weights: Record<string, number> = {
      bf16: 457,
      fp8: 230,
      'mlx-8bit-gs32': 257,
      'mlx-8bit-gs64': 243,
      q8_0: 243,
      'mlx-6bit-gs64': 186,
      q6_k: 188,
      'mlx-4bit-gs32': 143,
      q4_k_m: 137,
      'mlx-4bit-gs64': 129,
      iq2_m: 78.1,
    };
    for (const [id, gb] of Object.entries(weights)) {
      const b = catalogBuild(minimax, id);
      expect(b, id).toBeDefined();
      expect(rel(b!.weightsGB, gb), id).toBeLessThan(0.03);
    }
    const kv = kvCacheGB(minimax.kvBytesPerToken, 196_608);
    // FP8: 230 GB measured + 49.9 GB KV (the reference rounds this total to ~290).
    const totals: Record<string, number> = {'mlx-4bit-gs32': 198, q4_k_m: 190, fp8: 280, q8_0: 295, bf16: 515};
    for (const [id, gb] of Object.entries(totals))
      expect(rel(catalogBuild(minimax, id)!.weightsGB + kv, gb), id).toBeLessThan(0.03);
  });

  it('other models: KV per token and at native context', () => {
    const cases: [string, number, number][] = [
      // id, KiB per token, GB at native context
      ['glm-4.7', 368, 76.4],
      ['qwen3-coder-480b', 248, 66.6],
      ['qwen3-coder-30b', 96, 25.8],
      ['gpt-oss-120b', 36, 4.8],
      ['gpt-oss-20b', 24, 3.2],
      ['devstral-small', 160, 21.5],
      ['kimi-k2-thinking', 68.6, 18.4],
    ];
    for (const [id, kib, gb] of cases) {
      const m = catalogModel(id)!;
      expect(rel(m.kvBytesPerToken / 1024, kib), id).toBeLessThan(0.01);
      expect(rel(kvCacheGB(m.kvBytesPerToken, m.maxContext), gb), id).toBeLessThan(0.02);
    }
  });

  it('decode estimate for MiniMax 4-bit gs32 on an M3 Ultra: ≈70 tok/s at 2K, ≈20 at 64K', () => {
    const fit = evaluateHardware(macStudio, {model: 'minimax-m2.1-gs32', context: 65_536}).fit!;
    expect(fit.verdict).toBe('fits');
    expect(rel(fit.tokensPerSecond!.high, 70)).toBeLessThan(0.1);
    expect(rel(fit.tokensPerSecond!.low, 20)).toBeLessThan(0.1);
    expect(fit.tokensPerSecond!.basis).toMatch(/819 GB\/s/);
  });

  it('every build is sized consistently: computed ones are params × bpw / 8', () => {
    for (const m of CATALOG) {
      for (const b of m.builds) {
        expect(b.weightsGB, `${m.id} ${b.id}`).toBeGreaterThan(0);
        if (b.sizeBasis === 'computed')
          expect(rel(b.weightsGB, (m.totalParamsB * b.bitsPerWeight) / 8)).toBeLessThan(0.005);
      }
      expect(
        m.builds.some((b) => b.id === m.defaultBuild),
        m.id,
      ).toBe(true);
    }
  });
});

describe('memory bandwidth (hardware reference §5.3)', () => {
  it('uses the reference table for the names nvidia-smi and Apple print', () => {
    const cases: [string, number][] = [
      ['NVIDIA GeForce RTX 3090', 936],
      ['NVIDIA GeForce RTX 3090 Ti', 1008],
      ['NVIDIA GeForce RTX 4090', 1008],
      ['NVIDIA GeForce RTX 5090', 1792],
      ['NVIDIA RTX 6000 Ada Generation', 960],
      ['NVIDIA RTX PRO 6000 Blackwell Workstation Edition', 1792],
      ['NVIDIA A100-PCIE-40GB', 1555],
      ['NVIDIA A100-SXM4-40GB', 1555],
      ['NVIDIA A100-SXM4-80GB', 2039],
      ['NVIDIA H100 PCIe', 2039],
      ['NVIDIA H100 80GB HBM3', 3350],
      ['NVIDIA H200', 4800],
      ['AMD Instinct MI300X', 5300],
      ['AMD Radeon RX 7900 XTX', 960],
      ['NVIDIA GB10', 273],
      ['AMD Ryzen AI Max+ 395', 256],
      ['Apple M3 Ultra', 819],
      ['Apple M2 Max', 400],
      ['Apple M1', 68],
      ['Apple M4 Pro', 273],
    ];
    for (const [name, gbps] of cases) expect(bandwidthGBps(name), name).toBe(gbps);
  });

  it("laptop GPUs do not get the desktop card's bandwidth", () => {
    for (const name of [
      'NVIDIA GeForce RTX 4090 Laptop GPU',
      'NVIDIA GeForce RTX 3060 Laptop GPU',
      'NVIDIA GeForce RTX 5090 Laptop GPU',
    ]) {
      expect(bandwidthGBps(name), name).toBeUndefined();
    }
  });
});

describe('tiers', () => {
  it("uses the guide's boundaries exactly", () => {
    const cases: [number, string][] = [
      [0, 'hosted-only'],
      [19.99, 'hosted-only'],
      [20, 'light'],
      [47.9, 'light'],
      [48, 'mid'],
      [159.9, 'mid'],
      [160, 'quantized-minimax'],
      [299.9, 'quantized-minimax'],
      [300, 'full-size'],
      [599.9, 'full-size'],
      [600, 'aim-high'],
      [5000, 'aim-high'],
      [Number.NaN, 'hosted-only'],
    ];
    for (const [gb, id] of cases) expect(tierFor(gb).id, String(gb)).toBe(id);
  });

  it("speaks in the guide's words", () => {
    expect(tierFor(24).summary).toContain(
      'a single 24 GB GPU works only for lighter prompts with higher latency'.replace(/^a/, 'A'),
    );
    expect(tierFor(1000).summary).toContain('≥2 maxed-out Mac Studios or an equivalent GPU rig (~$30k+)');
  });

  it('no summary repeats its own label (the text reads "Tier: <label>. <summary>")', () => {
    for (const t of TIERS) expect(t.summary.toLowerCase().startsWith(t.label.toLowerCase()), t.id).toBe(false);
  });

  it('--nodes on GPU boxes does not talk about MLX (an Apple-only framework)', () => {
    const gpus = evaluateHardware(profile(100), {nodes: 2});
    expect(gpus.notes.join(' ')).toMatch(/2 identical machines pooled/);
    expect(gpus.notes.join(' ')).not.toMatch(/MLX/);
    expect(evaluateHardware(macStudio, {nodes: 2}).notes.join(' ')).toMatch(/MLX distributed/);
  });

  it('--nodes multiplies usable memory and says a layer split adds no speed', () => {
    const one = evaluateHardware(macStudio);
    const two = evaluateHardware(macStudio, {nodes: 2, model: 'minimax-m2.1-bf16', context: 196_608});
    expect(one.tier.id).toBe('full-size');
    expect(two.usableAcceleratorMemoryGB).toBe(768);
    expect(two.tier.id).toBe('aim-high');
    expect(two.fit?.verdict).toBe('fits');
    expect(two.notes.join(' ')).toMatch(/2 × 384 GB usable.*adds memory, not speed/);
    // The speed estimate stays that of one machine.
    const oneNode = evaluateHardware(macStudio, {model: 'mlx-community/MiniMax-M2.1-8bit-gs32', context: 4096}).fit!;
    const twoNodes = evaluateHardware(macStudio, {
      nodes: 2,
      model: 'mlx-community/MiniMax-M2.1-8bit-gs32',
      context: 4096,
    }).fit!;
    expect(oneNode.tokensPerSecond?.high).toBeGreaterThan(0);
    expect(twoNodes.tokensPerSecond).toEqual(oneNode.tokensPerSecond);
  });
});

describe('model id matching', () => {
  const cases: [string, string, string][] = [
    ['minimax-m2.1-gs32', 'minimax-m2.1', 'mlx-4bit-gs32'],
    ['lmstudio/minimax-m2.1-gs32', 'minimax-m2.1', 'mlx-4bit-gs32'],
    ['mlx-community/MiniMax-M2.1-4bit', 'minimax-m2.1', 'mlx-4bit-gs64'],
    ['mlx-community/MiniMax-M2.1-8bit-gs32', 'minimax-m2.1', 'mlx-8bit-gs32'],
    ['unsloth/MiniMax-M2.1-GGUF:Q6_K', 'minimax-m2.1', 'q6_k'],
    ['hf.co/unsloth/MiniMax-M2.1-GGUF:IQ2_M', 'minimax-m2.1', 'iq2_m'],
    ['MiniMaxAI/MiniMax-M2.1', 'minimax-m2.1', 'fp8'],
    ['vllm/MiniMaxAI/MiniMax-M2.1', 'minimax-m2.1', 'fp8'],
    ['qwen/qwen3-coder-30b', 'qwen3-coder-30b', 'q4_k_m'],
    ['lmstudio/qwen/qwen3-coder-30b', 'qwen3-coder-30b', 'q4_k_m'],
    ['qwen3-coder:30b', 'qwen3-coder-30b', 'q4_k_m'],
    ['ollama/qwen3-coder:30b-a3b-q8_0', 'qwen3-coder-30b', 'q8_0'],
    ['Qwen/Qwen3-Coder-480B-A35B-Instruct-FP8', 'qwen3-coder-480b', 'fp8'],
    ['qwen3-coder', 'qwen3-coder-30b', 'q4_k_m'],
    ['openai/gpt-oss-20b', 'gpt-oss-20b', 'mxfp4'],
    ['gpt-oss:120b', 'gpt-oss-120b', 'mxfp4'],
    ['gpt-oss:20b', 'gpt-oss-20b', 'mxfp4'],
    ['zai-org/GLM-4.7-FP8', 'glm-4.7', 'fp8'],
    ['glm-4.6', 'glm-4.7', 'q4_k_m'],
    ['moonshotai/Kimi-K2-Thinking', 'kimi-k2-thinking', 'int4'],
    ['Qwen/Qwen3-235B-A22B-Instruct-2507', 'qwen3-235b', 'q4_k_m'],
    ['mistralai/Devstral-Small-2507', 'devstral-small', 'q4_k_m'],
    ['devstral-small-2:24b', 'devstral-small-2', 'q4_k_m'],
  ];
  for (const [id, model, build] of cases) {
    it(`${id} → ${model} ${build}`, () => {
      const m = matchModel(id);
      expect(m?.model.id).toBe(model);
      expect(m?.build.id).toBe(build);
    });
  }

  it('a quantization the id names but the catalog lacks is sized from its bits, not swapped for the default build', () => {
    // bits per weight: llama.cpp's figures per quant type; MLX costs bits + 32 / group size (64 by default).
    const cases: [string, string, number][] = [
      ['unsloth/MiniMax-M2.1-GGUF:Q2_K', 'minimax-m2.1', 3.0],
      ['unsloth/MiniMax-M2.1-GGUF:UD-IQ2_XXS', 'minimax-m2.1', 2.06],
      ['mlx-community/MiniMax-M2.1-3bit', 'minimax-m2.1', 3 + 32 / 64],
      ['qwen3-coder:30b-a3b-q6_K', 'qwen3-coder-30b', 6.56],
      ['lmstudio-community/gpt-oss-120b-MLX-8bit', 'gpt-oss-120b', 8 + 32 / 64],
    ];
    for (const [id, model, bpw] of cases) {
      const m = matchModel(id)!;
      expect(m.model.id, id).toBe(model);
      expect(m.build.bitsPerWeight, id).toBeCloseTo(bpw, 2);
      expect(m.build.weightsGB, id).toBeCloseTo((m.model.totalParamsB * bpw) / 8, 0);
      expect(m.build.id, id).not.toBe(m.model.defaultBuild);
      expect(m.confidence, id).toBe('likely');
      expect(m.note, id).toMatch(/not in our catalog/);
      expect(m.note, id).not.toMatch(/does not say which build/);
    }
    expect(matchModel('unsloth/MiniMax-M2.1-GGUF:UD-IQ2_XXS')!.build.aggressive).toBe(true);
    expect(matchModel('mlx-community/MiniMax-M2.1-3bit')!.build.aggressive).toBe(true);
    expect(matchModel('qwen3-coder:30b-a3b-q6_K')!.build.aggressive).toBe(true); // small checkpoint
  });

  it("a format in the id without a quantization picks that format's usual build", () => {
    const gguf = matchModel('unsloth/MiniMax-M2.1-GGUF')!;
    expect(gguf.build.format).toBe('gguf');
    expect(gguf.build.id).toBe('q4_k_m');
    expect(gguf.note).toMatch(/GGUF Q4_K_M/);
    const mlx = matchModel('lmstudio-community/Qwen3-Coder-30B-A3B-Instruct-MLX')!;
    expect(mlx.build.format).toBe('mlx');
    // Ollama serves GGUF: its refs and name:tag ids are not MLX builds.
    expect(matchModel('ollama/minimax-m2.1')!.build.id).toBe('q4_k_m');
    expect(matchModel('minimax-m2.5:latest')!.build.format).toBe('gguf');
    expect(matchModel('lmstudio/minimax-m2.1-gs32')!.build.format).toBe('mlx');
    // unsloth's UD-Q8_K_XL is the catalog's Q8_0
    expect(matchModel('unsloth/MiniMax-M2.1-GGUF:UD-Q8_K_XL')).toMatchObject({
      build: {id: 'q8_0'},
      confidence: 'exact',
    });
  });

  it("Ollama's devstral:24b tags are Devstral Small", () => {
    expect(matchModel('devstral:24b')?.model.id).toBe('devstral-small');
    expect(matchModel('ollama/devstral:24b-small-2505-q4_K_M')?.build.id).toBe('q4_k_m');
    expect(matchModel('ollama-remote/devstral:24b')?.model.id).toBe('devstral-small');
  });

  it('an Ollama :cloud tag is sized, with a note that it does not run on this machine', () => {
    const m = matchModel('ollama/minimax-m2.1:cloud')!;
    expect(m.model.id).toBe('minimax-m2.1');
    expect(m.note).toMatch(/:cloud.*Ollama's servers/);
    expect(matchModel('ollama/glm-4.6:cloud')?.note).toMatch(/Ollama's servers/);
    expect(matchModel('minimax-m2.1-gs32')?.note ?? '').not.toMatch(/cloud/);
  });

  it('a pruned or resized variant whose id states another parameter count is not sized as the full model', () => {
    for (const id of [
      'cerebras/MiniMax-M2.1-REAP-139B-A10B',
      'cerebras/GLM-4.6-REAP-268B-A32B',
      'Qwen3-Coder-REAP-25B-A3B-GGUF:Q4_K_M',
      'lmstudio-community/MiniMax-M2-REAP-172B-A10B-MLX-4bit',
    ]) {
      expect(matchModel(id), id).toBeUndefined();
    }
    // Sizes that are the model's own (rounded) still match.
    for (const id of [
      'qwen3-coder:30b-a3b-q4_K_M',
      'gpt-oss:120b',
      'openai/gpt-oss-20b',
      'Qwen/Qwen3-Coder-480B-A35B-Instruct-FP8',
      'qwen3:235b',
      'mistralai/Devstral-Small-2-24B-Instruct-2512',
      'devstral:24b',
      'minimax-m2.1:230b-cloud',
    ]) {
      expect(matchModel(id), id).toBeDefined();
    }
  });

  it('Kimi K2 Instruct from moonshotai is the FP8 release (only K2 Thinking ships native INT4)', () => {
    expect(matchModel('moonshotai/Kimi-K2-Instruct-0905')?.build.id).toBe('fp8');
    expect(matchModel('moonshotai/Kimi-K2-Thinking')?.build.id).toBe('int4');
  });

  it('says how sure it is', () => {
    expect(matchModel('unsloth/MiniMax-M2.1-GGUF:Q4_K_M')?.confidence).toBe('exact');
    expect(matchModel('qwen3-coder:30b')?.confidence).toBe('default-build');
    const gs32 = matchModel('minimax-m2.1-gs32')!;
    expect(gs32.confidence).toBe('likely');
    expect(gs32.note).toMatch(/bit width/);
  });

  it('unknown ids are not guessed', () => {
    for (const id of [
      'llama3.1:8b',
      'glm-4.7-flash',
      'glm-4.5-air',
      'minimax-m3',
      'devstral-2:123b',
      'foo',
      '',
      '   ',
      'anthropic/claude-opus-4',
    ]) {
      expect(matchModel(id), id).toBeUndefined();
    }
    const v = evaluateHardware(profile(80), {model: 'llama3.1:8b'});
    expect(v.fit).toBeUndefined();
    expect(v.unknownModel?.id).toBe('llama3.1:8b');
    expect(v.unknownModel?.message).toMatch(/not a model we know.*--model-size-gb/);
  });

  it('--model-size-gb estimates an unknown model without pretending to know its KV cache', () => {
    const v = evaluateHardware(profile(80), {model: 'llama3.3:70b', modelSizeGB: 42.5, context: 32_768});
    expect(v.unknownModel).toBeUndefined();
    expect(v.fit).toMatchObject({
      model: 'llama3.3:70b',
      weightsGB: 42.5,
      kvCacheGB: 0,
      userSize: true,
      verdict: 'fits',
    });
    expect(v.fit?.tokensPerSecond).toBeUndefined();
    expect(v.fit?.notes.join(' ')).toMatch(/KV cache not counted/);
  });

  it('--model-size-gb overrides the catalog size of a known model but keeps its KV cache', () => {
    const fit = evaluateHardware(profile(300), {model: 'minimax-m2.1-gs32', modelSizeGB: 120, context: 196_608}).fit!;
    expect(fit.weightsGB).toBe(120);
    expect(fit.kvCacheGB).toBeCloseTo(49.9, 1);
    expect(fit.userSize).toBe(true);
  });
});

describe('fit verdicts', () => {
  const base = (over: Partial<FitInput>): FitInput => ({
    model: 'm',
    build: 'b',
    weightsGB: 100,
    kvBytesPerToken: 253_952,
    activeWeightsGB: 6.25,
    maxContext: 196_608,
    context: 196_608,
    usableGB: 400,
    offloadPoolGB: 0,
    bandwidthGBps: 819,
    aggressive: false,
    ...over,
  });

  it('fits / reduced-context / offload / does-not-fit', () => {
    expect(estimateFit(base({})).verdict).toBe('fits');
    const reduced = estimateFit(base({usableGB: 140}));
    expect(reduced.verdict).toBe('reduced-context');
    // The context it offers really fits, and 1024 more tokens would not.
    const check = estimateFit(base({usableGB: 140, context: reduced.maxContextThatFits}));
    expect(check.verdict).toBe('fits');
    expect(estimateFit(base({usableGB: 140, context: reduced.maxContextThatFits + 1024})).verdict).not.toBe('fits');
    expect(estimateFit(base({usableGB: 100, offloadPoolGB: 200})).verdict).toBe('offload');
    expect(estimateFit(base({usableGB: 100, offloadPoolGB: 10})).verdict).toBe('does-not-fit');
    expect(estimateFit(base({usableGB: 0, offloadPoolGB: 0})).verdict).toBe('does-not-fit');
  });

  it('offload within usable memory but over the 90% line says it is tight, not a wholesale spill', () => {
    // 140 GB weights + 8 GB overhead + 4.2 GB KV = 152 GB: above 90% of 160 GB, below 160 GB.
    const tight = estimateFit(base({weightsGB: 140, usableGB: 160, offloadPoolGB: 100, context: 16_384}));
    expect(tight.verdict).toBe('offload');
    expect(tight.notes.join(' ')).toMatch(/needs 152 of 160 GB usable \(over 90%, no headroom\)/);
    expect(tight.notes.join(' ')).not.toMatch(/expect a few tokens per second/);
    // Unified memory has no separate system RAM to spill into.
    const unified = estimateFit(base({weightsGB: 140, usableGB: 160, offloadPoolGB: 0, context: 16_384}));
    expect(unified.notes.join(' ')).toMatch(/needs 152 of 160 GB usable \(over 90%, no headroom\)/);
    expect(unified.notes.join(' ')).not.toMatch(/system RAM/);
    const far = estimateFit(base({usableGB: 100, offloadPoolGB: 200}));
    expect(far.verdict).toBe('offload');
    expect(far.notes.join(' ')).not.toMatch(/no headroom/);
    expect(far.notes.join(' ')).toMatch(/spilling layers into system RAM/);
  });

  it('a context that would shrink below 16K is not offered as a reduced context', () => {
    // 100 GB weights + 6 GB overhead leave about 1 GB: a few thousand tokens.
    const fit = estimateFit(base({usableGB: 119, offloadPoolGB: 0}));
    expect(fit.maxContextThatFits).toBeLessThan(16_384);
    expect(fit.verdict).toBe('does-not-fit');
  });

  it('flags aggressive quantization and small checkpoints with the prompt-injection warning', () => {
    const iq2 = evaluateHardware(profile(120), {model: 'unsloth/MiniMax-M2.1-GGUF:IQ2_M', context: 32_768}).fit!;
    expect(iq2.aggressiveQuantization).toBe(true);
    expect(iq2.notes.join(' ')).toMatch(
      /aggressively quantized \(≤3-bit\): raises prompt-injection risk; not recommended/,
    );
    const small = evaluateHardware(profile(40), {model: 'gpt-oss:20b', context: 32_768}).fit!;
    expect(small.aggressiveQuantization).toBe(true);
    expect(small.notes.join(' ')).toMatch(/small checkpoint: raises prompt-injection risk/);
    const big = evaluateHardware(profile(400), {model: 'MiniMaxAI/MiniMax-M2.1', context: 32_768}).fit!;
    expect(big.aggressiveQuantization).toBe(false);
  });

  it('an MLX build on a machine that is not an Apple Silicon Mac gets a note that it cannot run there', () => {
    const linux = evaluateHardware(profile(400), {model: 'lmstudio/minimax-m2.1-gs32', context: 65_536}).fit!;
    expect(linux.build).toBe('mlx-4bit-gs32');
    expect(linux.notes.join(' ')).toMatch(/MLX builds run only on Apple Silicon/);
    const mac = evaluateHardware(macStudio, {model: 'lmstudio/minimax-m2.1-gs32', context: 65_536}).fit!;
    expect(mac.notes.join(' ')).not.toMatch(/only on Apple Silicon/);
    const gguf = evaluateHardware(profile(400), {model: 'unsloth/MiniMax-M2.1-GGUF:Q4_K_M', context: 65_536}).fit!;
    expect(gguf.notes.join(' ')).not.toMatch(/only on Apple Silicon/);
  });

  it('tells a Mac user when raising the GPU memory limit would make it fit', () => {
    const v = evaluateHardware(macStudio, {model: 'mlx-community/MiniMax-M2.1-8bit-gs32', context: 196_608});
    expect(v.fit?.verdict).toBe('fits');
    const bf16 = evaluateHardware(
      {...macStudio, usableAcceleratorMemoryGB: 300},
      {model: 'minimax-m2.1-mlx-8bit-gs32', context: 196_608},
    );
    expect(bf16.fit?.verdict).not.toBe('fits');
    expect(bf16.notes.join(' ')).toMatch(/sudo sysctl iogpu\.wired_limit_mb=\d+/);
  });

  it('when it fits, maxContextThatFits is at least the context asked for (also when that is not a multiple of 1024)', () => {
    for (const context of [1, 5_000, 100_000, 131_071]) {
      const fit = estimateFit(base({context}));
      expect(fit.verdict, String(context)).toBe('fits');
      expect(fit.maxContextThatFits, String(context)).toBeGreaterThanOrEqual(context);
    }
    // Just enough memory for 5,050 tokens of KV: 5,000 fits, and the answer is not rounded down to 4,096.
    const snug = (100 + overheadGB(100) + (253_952 * 5_050) / 1e9) / FIT_HEADROOM;
    const tight = estimateFit(base({context: 5_000, usableGB: snug}));
    expect(tight.verdict).toBe('fits');
    expect(tight.maxContextThatFits).toBe(5_000);
    fc.assert(
      fc.property(
        fc.integer({min: 1, max: 196_608}),
        fc.double({min: 50, max: 2000, noNaN: true}),
        (context, usableGB) => {
          const fit = estimateFit(base({context, usableGB}));
          if (fit.verdict === 'fits') expect(fit.maxContextThatFits).toBeGreaterThanOrEqual(context);
        },
      ),
    );
  });

  it('maxContextThatFits never decreases with more memory (property)', () => {
    fc.assert(
      fc.property(
        fc.double({min: 1, max: 500, noNaN: true}),
        fc.double({min: 0, max: 2000, noNaN: true}),
        fc.double({min: 0, max: 500, noNaN: true}),
        (w, u, extra) => {
          const a = maxContextThatFits(w, 253_952, u, 1_000_000);
          const b = maxContextThatFits(w, 253_952, u + extra, 1_000_000);
          return b >= a && a >= 0 && a <= 1_000_000 && (a === 1_000_000 || a % 1024 === 0);
        },
      ),
    );
  });
});

describe('recommendation per tier', () => {
  it('picks the stack, build and a context cap that fits', () => {
    const cases: [number, string, string | undefined, string | undefined][] = [
      [10, 'hosted-only', undefined, undefined],
      [24.7, 'hybrid', 'gpt-oss-20b', 'mxfp4'],
      [100, 'hybrid', 'gpt-oss-120b', 'mxfp4'],
      [200, 'local-first', 'minimax-m2.1', 'q4_k_m'],
      [384, 'local-first', 'minimax-m2.1', 'fp8'],
      [700, 'local-first', 'minimax-m2.1', 'bf16'],
    ];
    for (const [gb, stack, model, build] of cases) {
      const r = evaluateHardware(profile(gb)).recommendation;
      expect(r.stack, String(gb)).toBe(stack);
      expect(r.model, String(gb)).toBe(model);
      expect(r.build, String(gb)).toBe(build);
      if (r.model) {
        const fit = evaluateHardware(profile(gb), {model: `${r.model}-${r.build}`, context: r.contextCap}).fit!;
        expect(fit.verdict, `${gb}: ${r.model} ${r.build} @ ${r.contextCap}`).toBe('fits');
      }
    }
  });

  it('a safetensors checkpoint (FP8, BF16) is recommended with vLLM/SGLang: LM Studio loads only GGUF and MLX', () => {
    for (const gb of [384, 700]) {
      const r = evaluateHardware(profile(gb)).recommendation;
      expect(catalogBuild(catalogModel(r.model!)!, r.build!)!.format, String(gb)).toBe('hf');
      expect(r.setupStacks[0], String(gb)).toBe('openai-compatible');
      expect(r.why, String(gb)).toMatch(/^vLLM or SGLang with MiniMax M2\.1/);
      expect(r.why, String(gb)).not.toMatch(/^LM Studio/);
    }
    // GGUF builds stay with LM Studio.
    const gguf = evaluateHardware(profile(200)).recommendation;
    expect(gguf.build).toBe('q4_k_m');
    expect(gguf.setupStacks[0]).not.toBe('openai-compatible');
  });

  it('on a Mac the MLX builds are recommended', () => {
    const r = evaluateHardware(macStudio).recommendation;
    expect(r.build).toMatch(/^mlx-8bit/);
    expect(r.contextCap).toBe(196_608);
    expect(r.setupStacks[0]).toBe('lmstudio');
  });
});

describe('fit bar', () => {
  const fit = {weightsGB: 143, kvCacheGB: 50, overheadGB: 8, totalGB: 201, usableGB: 384};

  it('fills exactly the width, in order: weights, KV, overhead, free', () => {
    const segs = fitBar(fit, 60);
    expect(segs.map((s) => s.kind)).toEqual(['weights', 'kv', 'overhead', 'free']);
    expect(segs.reduce((n, s) => n + s.width, 0)).toBe(60);
    expect(fitBarText(fit, 60)).toMatch(/^█+▓+▒+░+$/);
    expect(segs[0].width).toBeGreaterThan(segs[1].width);
  });

  it('shows what does not fit', () => {
    const segs = fitBar({...fit, usableGB: 150}, 40);
    expect(segs.at(-1)?.kind).toBe('over');
    expect(segs.find((s) => s.kind === 'free')).toBeUndefined();
  });

  it('always sums to the width (property)', () => {
    fc.assert(
      fc.property(
        fc.record({
          w: fc.double({min: 0, max: 1e4, noNaN: true}),
          k: fc.double({min: 0, max: 1e4, noNaN: true}),
          o: fc.double({min: 0, max: 100, noNaN: true}),
          u: fc.double({min: 0, max: 2e4, noNaN: true}),
        }),
        fc.integer({min: 1, max: 200}),
        ({w, k, o, u}, width) => {
          const total = w + k + o;
          const segs = fitBar({weightsGB: w, kvCacheGB: k, overheadGB: o, totalGB: total, usableGB: u}, width);
          const sum = segs.reduce((n, s) => n + s.width, 0);
          return total + u === 0 ? sum === 0 : sum === width;
        },
      ),
    );
  });
});
