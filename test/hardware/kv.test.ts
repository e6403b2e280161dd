/**
 * KV-cache sizes per architecture family, pinned against published or measured figures (each cited), within 10 %.
 */
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {
  catalogModel,
  contextThatFits,
  geometryFromGgufMetadata,
  GgufError,
  kvCacheBytes,
  kvGBAt,
  parseGgufHeader,
  parseKvCacheType,
  type KvLayout,
} from '../../src/core/hardware.js';
import {readGgufGeometry} from '../../src/hardware/gguf-file.js';
import {arr, f32, ggufHeaderBytes, str, u32, u64, writeGguf, type GgufValue} from './gguf-fixture.js';

const GiB = 1024 ** 3;
const MiB = 1024 ** 2;
const rel = (got: number, want: number): number => Math.abs(got - want) / want;
const layout = (id: string): KvLayout => catalogModel(id)!.kv!;

describe('KV cache by architecture, against published figures', () => {
  it('full attention / GQA: MiniMax M2.x at 196,608 tokens ≈ 46.5 GiB f16 (62 layers × 8 KV heads × 128)', () => {
    const bytes = kvCacheBytes(layout('minimax-m2.1'), 196_608, 'f16');
    // landscape-2026-12.md §4 (derived from the geometry in amd/MiniMax-M2.7-BF16 config.json): 46.5 GiB.
    expect(rel(bytes / GiB, 46.5)).toBeLessThan(0.1);
    // MiniMax-AI/MiniMax-M2 docs/vllm_deploy_guide.md: "240 GB per 1M context tokens" → 47.2 GB at 196,608.
    expect(rel(bytes / 1e9, (240 * 196_608) / 1e6)).toBeLessThan(0.1);
    // M2.7 has the same layout at its own 204,800.
    expect(kvCacheBytes(layout('minimax-m2.7'), 204_800)).toBeGreaterThan(bytes);
  });

  it('sliding window: gpt-oss-120b at 131,072 ≈ 4.5 GiB (only the 18 full-attention layers grow)', () => {
    const bytes = kvCacheBytes(layout('gpt-oss-120b'), 131_072, 'f16');
    // landscape-2026-12.md §4: "120b 36 KiB → 4.5 GiB @128K" (EchoCog/gpt-oss-20b architecture doc geometry).
    expect(rel(bytes / GiB, 4.5)).toBeLessThan(0.1);
    // Counting every layer as full attention would double it: the old formula's error.
    expect(bytes / GiB).toBeLessThan(6);
  });

  it('sliding window read from GGUF metadata: Gemma-3 27B at 131,072 ≈ 10.41 GB (unsloth PR 4757)', () => {
    // Gemma-3 27B: 62 layers, 16 KV heads × 128, window 1024, 1 global layer in 6 (llama.cpp set_swa_pattern(6)).
    const geo = geometryFromGgufMetadata(
      {
        'general.architecture': 'gemma3',
        'gemma3.block_count': 62,
        'gemma3.attention.head_count': 32,
        'gemma3.attention.head_count_kv': 16,
        'gemma3.attention.key_length': 128,
        'gemma3.attention.value_length': 128,
        'gemma3.attention.sliding_window': 1024,
        'gemma3.context_length': 131_072,
      },
      {source: 'test'},
    );
    expect(geo.kv?.architecture).toBe('sliding-window');
    // unslothai/unsloth PR 4757 table: "Gemma-3 27B | Sliding Window | 81.38 GB (old) | 10.41 GB".
    expect(rel(kvCacheBytes(geo.kv!, 131_072) / GiB, 10.41)).toBeLessThan(0.1);
  });

  it('MLA: DeepSeek V3.x at 163,840 ≈ 10.72 GB, Kimi K2.5 at 262,144 ≈ 17.16 GB, GLM-5 ≈ 17.18 GB (unsloth PR 4757)', () => {
    expect(rel(kvCacheBytes(layout('deepseek-v3.2'), 163_840) / GiB, 10.72)).toBeLessThan(0.1);
    expect(rel(kvCacheBytes(layout('kimi-k2.5'), 262_144) / GiB, 17.16)).toBeLessThan(0.1);
    expect(rel(kvCacheBytes(layout('glm-5'), 202_752) / GiB, 17.18)).toBeLessThan(0.1);
    // The same from GGUF keys (deepseek2 arch): kv_lora_rank + rope dims, K only.
    const geo = geometryFromGgufMetadata(
      {
        'general.architecture': 'deepseek2',
        'deepseek2.block_count': 61,
        'deepseek2.attention.head_count': 128,
        'deepseek2.attention.head_count_kv': 128,
        'deepseek2.attention.key_length': 192,
        'deepseek2.attention.value_length': 128,
        'deepseek2.attention.kv_lora_rank': 512,
        'deepseek2.rope.dimension_count': 64,
        'deepseek2.context_length': 163_840,
      },
      {source: 'test'},
    );
    expect(geo.kv?.architecture).toBe('mla');
    expect(rel(kvCacheBytes(geo.kv!, 163_840) / GiB, 10.72)).toBeLessThan(0.1);
  });

  it('hybrid linear attention: Qwen3.6-27B at 262,144 ≈ 16,384 MiB; Qwen3.5-9B at 131,072 = 4,146 MiB measured', () => {
    // lmstudio-bug-tracker#1862, llama.cpp log: "size = 16384.00 MiB (262144 cells, 16 layers…)".
    expect(rel(kvCacheBytes(layout('qwen3.6-27b'), 262_144) / MiB, 16_384)).toBeLessThan(0.1);
    // unslothai/unsloth PR 4757: "Qwen3.5 27B | Hybrid Mamba | 53.25 GB (old) | 16.00 GB".
    expect(rel(kvCacheBytes(layout('qwen3.6-27b'), 262_144) / GiB, 16.0)).toBeLessThan(0.1);
    // jaylfc/taOS#144, llama.cpp measured: Qwen3.5-9B f16/f16 KV self 4146 MiB at 131K (full layers + recurrent state).
    expect(rel(kvCacheBytes(layout('qwen3.5-9b'), 131_072) / MiB, 4146)).toBeLessThan(0.01);
    // From GGUF keys (qwen35: full_attention_interval 4): only 8 of 32 layers grow; the 24 others hold a fixed state.
    const geo = geometryFromGgufMetadata(
      {
        'general.architecture': 'qwen35',
        'qwen35.block_count': 32,
        'qwen35.attention.head_count': 16,
        'qwen35.attention.head_count_kv': 4,
        'qwen35.attention.key_length': 256,
        'qwen35.attention.value_length': 256,
        'qwen35.full_attention_interval': 4,
        'qwen35.ssm.conv_kernel': 4,
        'qwen35.ssm.inner_size': 4096,
        'qwen35.ssm.state_size': 128,
        'qwen35.ssm.group_count': 16,
      },
      {source: 'test'},
    );
    expect(geo.kv?.architecture).toBe('hybrid-linear');
    expect(rel(kvCacheBytes(geo.kv!, 131_072) / MiB, 4146)).toBeLessThan(0.01);
    // The state does not grow: 4K costs far less than 1/32 of 131K would with a plain formula.
    expect(kvCacheBytes(geo.kv!, 4096) / MiB).toBeLessThan(4146 / 32 + 60);
  });

  it('cache types: q8_0 ≈ 0.53 × f16, q4_0 ≈ 0.28 × f16 (ggml block sizes; hardware reference §3.1)', () => {
    const l = layout('minimax-m2.1');
    const f16 = kvCacheBytes(l, 65_536, 'f16');
    expect(kvCacheBytes(l, 65_536, 'q8_0') / f16).toBeCloseTo(34 / 64, 5);
    expect(kvCacheBytes(l, 65_536, 'q4_0') / f16).toBeCloseTo(18 / 64, 5);
    expect(parseKvCacheType('Q8_0')).toBe('q8_0');
    expect(parseKvCacheType('fp8_e4m3')).toBe('fp8');
    expect(parseKvCacheType('q3_k')).toBeUndefined();
  });
});

describe('compute buffer of a quantized cache', () => {
  it('q4_0 at 262,144 on a 27B hybrid (n_embd 5120): ≈ 2.86 GB of compute, measured (unsloth PR 9525)', async () => {
    const {quantScratchBytes} = await import('../../src/core/hardware/kv.js');
    // unslothai/unsloth PR 9525, Qwen3.8-27B UD-IQ3_XXS at 262,144 with q4_0 KV: compute 2.86 GB (f16: 0.42 GB).
    expect(rel(quantScratchBytes(layout('qwen3.6-27b'), 262_144, 'q4_0') / 1e9, 2.86)).toBeLessThan(0.1);
    expect(quantScratchBytes(layout('qwen3.6-27b'), 262_144, 'f16')).toBe(0);
    expect(quantScratchBytes(layout('deepseek-v3.2'), 163_840, 'q8_0')).toBe(0);
  });
});

describe('the context that fits', () => {
  it('is the largest multiple of 1024 whose total stays within 90% of usable memory, per cache type', () => {
    const kv = layout('minimax-m2.1');
    const f16 = contextThatFits({weightsGB: 143, kv, usableGB: 192, cap: 196_608});
    const q8 = contextThatFits({weightsGB: 143, kv, usableGB: 192, cap: 196_608, cacheType: 'q8_0'});
    expect(f16 % 1024).toBe(0);
    // q8_0 stores 34/64 of f16, plus a dequantization scratch of 2.25 × n_embd (3072) bytes per token.
    expect(q8).toBeGreaterThan(f16 * 1.7);
    // What it returns does fit, and 1024 more does not.
    const scratch = (c: number, t: 'f16' | 'q8_0') => (t === 'q8_0' ? (2.25 * 3072 * c) / 1e9 : 0);
    const total = (c: number, t: 'f16' | 'q8_0') =>
      143 + kvGBAt(kv, c, t) + Math.max(1.5, 0.05 * 143) + 1 + scratch(c, t);
    expect(total(f16, 'f16')).toBeLessThanOrEqual(0.9 * 192);
    expect(total(f16 + 1024, 'f16')).toBeGreaterThan(0.9 * 192);
    expect(total(q8, 'q8_0')).toBeLessThanOrEqual(0.9 * 192);
    expect(total(q8 + 1024, 'q8_0')).toBeGreaterThan(0.9 * 192);
    // The whole window when it fits; 0 when the weights alone do not.
    expect(contextThatFits({weightsGB: 143, kv, usableGB: 400, cap: 196_608})).toBe(196_608);
    expect(contextThatFits({weightsGB: 143, kv, usableGB: 128, cap: 196_608})).toBe(0);
  });
});

describe('GGUF header reader', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'gguf-'));
  afterAll(() => rmSync(dir, {recursive: true, force: true}));

  const gptOssMeta: Record<string, GgufValue> = {
    'general.architecture': str('gpt-oss'),
    'general.name': str('Gpt-Oss-120B'),
    'general.file_type': u32(38),
    'gpt-oss.block_count': u32(36),
    'gpt-oss.context_length': u32(131_072),
    'gpt-oss.embedding_length': u32(2880),
    'gpt-oss.attention.head_count': u32(64),
    'gpt-oss.attention.head_count_kv': u32(8),
    'gpt-oss.attention.key_length': u32(64),
    'gpt-oss.attention.value_length': u32(64),
    'gpt-oss.attention.sliding_window': u32(128),
    'gpt-oss.expert_count': u32(128),
    'gpt-oss.expert_used_count': u32(4),
    'gpt-oss.rope.freq_base': f32(150_000),
    'tokenizer.ggml.tokens': arr('str', ['<|start|>', 'a', 'b']),
  };

  it('reads a gpt-oss header: sliding-window layout, context, MoE active share, weights from the tensor table', () => {
    const file = path.join(dir, 'gpt-oss-120b-mxfp4.gguf');
    // One MXFP4 expert tensor and one dense tensor; the file is a sparse hole up to the tensors' size.
    const tensors = [
      {name: 'blk.0.ffn_up_exps.weight', dims: [2880, 2880, 128 * 36], type: 39},
      {name: 'token_embd.weight', dims: [2880, 201_088], type: 8},
    ];
    const header = ggufHeaderBytes(gptOssMeta, tensors);
    const tensorBytes = Math.ceil((2880 * 2880 * 128 * 36) / 32) * 17 + Math.ceil((2880 * 201_088) / 32) * 34;
    writeGguf(file, gptOssMeta, tensors, header.length + tensorBytes);
    const geo = readGgufGeometry(file);
    expect(geo.source).toBe('GGUF header of gpt-oss-120b-mxfp4.gguf');
    expect(geo.architecture).toBe('gpt-oss');
    expect(geo.quantization).toBe('MXFP4');
    expect(geo.contextLength).toBe(131_072);
    expect(geo.weightsBytes).toBe(tensorBytes);
    expect(geo.kv?.architecture).toBe('sliding-window');
    expect(rel(kvCacheBytes(geo.kv!, 131_072) / GiB, 4.5)).toBeLessThan(0.1);
    expect(geo.activeParams! / geo.totalParams!).toBeLessThan(0.2);
    expect(geo.notes).toBeUndefined();
  });

  it('says so when the file is shorter than its tensors (an incomplete download)', () => {
    const file = path.join(dir, 'short.gguf');
    writeGguf(file, gptOssMeta, [{name: 'token_embd.weight', dims: [2880, 201_088], type: 8}]);
    expect(readGgufGeometry(file).notes?.join(' ')).toMatch(/incomplete download/);
  });

  it('refuses a non-GGUF file, a truncated header, version 1 and absurd counts with one clear sentence', () => {
    const notGguf = path.join(dir, 'model.safetensors');
    writeFileSync(notGguf, '{"__metadata__": {}}');
    expect(() => readGgufGeometry(notGguf)).toThrow(/not a GGUF file/);
    const truncated = path.join(dir, 'truncated.gguf');
    writeFileSync(truncated, ggufHeaderBytes(gptOssMeta).subarray(0, 200));
    expect(() => readGgufGeometry(truncated)).toThrow(/truncated GGUF header/);
    expect(() => readGgufGeometry(path.join(dir, 'missing.gguf'))).toThrow(/no such file/);
    expect(() => readGgufGeometry(dir)).toThrow(/not a regular file/);
    const v1 = Buffer.from(ggufHeaderBytes({}, [], 1));
    expect(() => parseGgufHeader({size: v1.length, read: (o, n) => v1.subarray(o, o + n)})).toThrow(/version 1/);
    // A header that claims 2^40 metadata entries stops at the count, before reading any.
    const absurd = Buffer.concat([
      Buffer.from('GGUF'),
      Buffer.from([3, 0, 0, 0]),
      Buffer.alloc(8),
      Buffer.from([0, 0, 0, 0, 0, 1, 0, 0]),
    ]);
    expect(() => parseGgufHeader({size: absurd.length, read: (o, n) => absurd.subarray(o, o + n)})).toThrow(GgufError);
    // A string length past the end of the file.
    const longString = Buffer.concat([
      Buffer.from('GGUF'),
      Buffer.from([3, 0, 0, 0]),
      Buffer.alloc(8),
      Buffer.from([1, 0, 0, 0, 0, 0, 0, 0]),
      Buffer.from([255, 255, 255, 0, 0, 0, 0, 0]),
    ]);
    expect(() => parseGgufHeader({size: longString.length, read: (o, n) => longString.subarray(o, o + n)})).toThrow(
      /over the|truncated/,
    );
  });

  it('never reads the tensor data: a 60 GB sparse file is read in a few chunks', () => {
    const file = path.join(dir, 'big.gguf');
    writeGguf(file, {...gptOssMeta, 'general.parameter_count': u64(116_829_156_672)}, [], 60e9);
    let reads = 0;
    let bytes = 0;
    const buf = ggufHeaderBytes({...gptOssMeta, 'general.parameter_count': u64(116_829_156_672)});
    parseGgufHeader({
      size: 60e9,
      read(o, n) {
        reads++;
        bytes += Math.min(n, Math.max(0, buf.length - o));
        return buf.subarray(o, o + n);
      },
    });
    expect(reads).toBeLessThanOrEqual(2);
    expect(bytes).toBeLessThanOrEqual(buf.length);
    expect(readGgufGeometry(file).totalParams).toBe(116_829_156_672);
  });
});

describe('geometry from server answers: every field range-checked', () => {
  it('ignores wrong types, negatives, absurd sizes and mismatched per-layer arrays', () => {
    const geo = geometryFromGgufMetadata(
      {
        'general.architecture': 'llama',
        'general.parameter_count': -5,
        'llama.block_count': 1e9,
        'llama.attention.head_count_kv': 'eight',
        'llama.context_length': 1.5,
      },
      {source: 'Ollama /api/show', weightsBytes: Number.NaN},
    );
    expect(geo).toEqual({source: 'Ollama /api/show', architecture: 'llama'});
    const mismatched = geometryFromGgufMetadata(
      {
        'general.architecture': 'x',
        'x.block_count': 4,
        'x.attention.head_count': 8,
        'x.attention.head_count_kv': [0, 2],
        'x.attention.key_length': 64,
      },
      {source: 't'},
    );
    // A per-layer array of the wrong length is not trusted; no scalar either: plain multi-head attention.
    expect(kvCacheBytes(mismatched.kv!, 1)).toBe(4 * 8 * 64 * 2 * 2);
  });

  it('hybrid MLA (per-layer head_count_kv with zeros, as Kimi-K3 GGUFs publish it): only the MLA layers grow', () => {
    const heads = [0, 0, 0, 1, 0, 0, 0, 1];
    const geo = geometryFromGgufMetadata(
      {
        'general.architecture': 'kimi',
        'kimi.block_count': 8,
        'kimi.attention.head_count': 64,
        'kimi.attention.head_count_kv': heads,
        'kimi.attention.kv_lora_rank': 512,
        'kimi.rope.dimension_count': 64,
      },
      {source: 't'},
    );
    expect(geo.kv?.architecture).toBe('mla');
    expect(kvCacheBytes(geo.kv!, 1000)).toBe(2 * 576 * 2 * 1000);
  });

  it('llama.cpp /v1/models meta and LM Studio list give weights and context, no layers', async () => {
    const {geometryFromLlamaCppMeta, geometryFromLmStudio} = await import('../../src/core/hardware.js');
    expect(geometryFromLlamaCppMeta({n_params: 8190735360, size: 5027783488, n_ctx_train: 40960, n_ctx: 8192})).toEqual(
      {
        source: 'llama.cpp /v1/models meta',
        weightsBytes: 5027783488,
        totalParams: 8190735360,
        contextLength: 40960,
      },
    );
    expect(geometryFromLlamaCppMeta({n_ctx: 4096})).toBeUndefined();
    expect(
      geometryFromLmStudio({
        architecture: 'qwen3moe',
        quantization: 'Q4_K_M',
        sizeBytes: 18_556_688_736,
        maxContext: 262_144,
      }),
    ).toMatchObject({
      weightsBytes: 18_556_688_736,
      architecture: 'qwen3moe',
      contextLength: 262_144,
    });
    expect(geometryFromLmStudio({sizeBytes: -1})).toBeUndefined();
  });
});

describe('catalog refresh: ids as servers spell them', () => {
  it('maps the current models to their catalog entries and builds', async () => {
    const {matchModel} = await import('../../src/core/hardware.js');
    const cases: [string, string, string][] = [
      ['ollama/qwen3.6:35b-a3b', 'qwen3.6-35b-a3b', 'q4_k_m'],
      ['qwen/qwen3.6-27b', 'qwen3.6-27b', 'q4_k_m'],
      ['unsloth/Kimi-K2.5-GGUF:UD-Q2_K_XL', 'kimi-k2.5', 'ud-q2_k_xl'],
      ['moonshotai/Kimi-K2.5', 'kimi-k2.5', 'int4'],
      ['zai-org/GLM-5-FP8', 'glm-5', 'fp8'],
      ['glm-5.1:Q4_K_M', 'glm-5', 'q4_k_m'],
      ['deepseek-ai/DeepSeek-V3.2', 'deepseek-v3.2', 'fp8'],
      ['lmstudio/minimax-m2.7', 'minimax-m2.7', 'mlx-4bit-gs32'],
      ['gemma4:e4b', 'gemma-4-e4b', 'q4_k_m'],
    ];
    for (const [id, model, build] of cases) {
      const m = matchModel(id);
      expect(m?.model.id, id).toBe(model);
      expect(m?.build.id, id).toBe(build);
    }
    expect(matchModel('minimax-m2.7')!.model.maxContext).toBe(204_800);
    expect(matchModel('glm-5.2')!.note).toMatch(/1,048,576/);
    expect(matchModel('deepseek-v3.1')!.note).toMatch(/share V3\.2's size/);
    // GLM-5.3-Flash is a different, smaller hybrid model: not sized as GLM-5.
    expect(matchModel('glm-5.3-flash')).toBeUndefined();
  });
});

describe('GGUF reader on special files', () => {
  it('refuses a FIFO without blocking on it', async () => {
    const {execFileSync} = await import('node:child_process');
    const dir = mkdtempSync(path.join(tmpdir(), 'gguf-fifo-'));
    try {
      const fifo = path.join(dir, 'pipe.gguf');
      execFileSync('mkfifo', [fifo]);
      expect(() => readGgufGeometry(fifo)).toThrow(/not a regular file/);
    } finally {
      rmSync(dir, {recursive: true, force: true});
    }
  });
});

describe('fit verdicts by cache type', () => {
  it('says how far a q8_0 cache would reach, and a q8_0 server gets the smaller KV in the verdict', async () => {
    const {evaluateHardware} = await import('../../src/core/hardware.js');
    const profile = {
      schemaVersion: 1 as const,
      platform: 'darwin',
      ramTotalGB: 256,
      accelerators: [
        {
          kind: 'apple' as const,
          name: 'Apple M3 Ultra',
          memoryGB: 256,
          memorySource: 'user' as const,
          bandwidthGBps: 819,
          count: 1,
          unified: true,
        },
      ],
      usableAcceleratorMemoryGB: 192,
      usableSource: 'user' as const,
      nodes: 1,
      notes: [],
    };
    const f16 = evaluateHardware(profile, {model: 'minimax-m2.1-gs32', context: 196_608}).fit!;
    expect(f16.verdict).toBe('reduced-context');
    const reach = /up to ([0-9,]+) tokens would fit/.exec(f16.notes.join(' '));
    expect(reach).not.toBeNull();
    const q8Reach = Number(reach![1].replace(/,/g, ''));
    expect(q8Reach).toBeGreaterThan(f16.maxContextThatFits * 1.7);
    const q8 = evaluateHardware(profile, {model: 'minimax-m2.1-gs32', context: 196_608, kvCacheType: 'q8_0'}).fit!;
    expect(q8.kvCacheType).toBe('q8_0');
    expect(q8.kvCacheGB).toBeCloseTo((f16.kvCacheGB * 34) / 64, 0);
    expect(q8.maxContextThatFits).toBe(Math.min(196_608, q8Reach));
    // The dequantization scratch of a quantized cache is counted, and said.
    expect(q8.overheadGB).toBeGreaterThan(f16.overheadGB);
    expect(q8.notes.join(' ')).toMatch(/q8_0 KV cache adds a [0-9.]+ GB dequantization buffer/);
  });
});

describe('GGUF reader on hostile bytes', () => {
  it('any truncation or byte flip of a valid header ends in a header or a GgufError, nothing else', async () => {
    const fc = (await import('fast-check')).default;
    const valid = ggufHeaderBytes(
      {
        'general.architecture': str('llama'),
        'llama.block_count': u32(32),
        'llama.attention.head_count_kv': arr('i32', [8, 8, 0, 8]),
        'tokenizer.ggml.tokens': arr('str', ['a', 'bb', 'ccc']),
      },
      [{name: 'blk.0.attn_q.weight', dims: [4096, 4096], type: 12}],
    );
    fc.assert(
      fc.property(
        fc.nat(valid.length),
        fc.array(fc.tuple(fc.nat(valid.length - 1), fc.integer({min: 0, max: 255})), {maxLength: 4}),
        (cut, flips) => {
          const bytes = Buffer.from(valid.subarray(0, cut));
          for (const [at, v] of flips) if (at < bytes.length) bytes[at] = v;
          try {
            const h = parseGgufHeader({size: bytes.length, read: (o, n) => bytes.subarray(o, o + n)});
            expect(h.tensorCount).toBeLessThanOrEqual(1_000_000);
          } catch (err) {
            expect(err).toBeInstanceOf(GgufError);
          }
        },
      ),
      {numRuns: 300},
    );
  });
});

describe('names from files and servers', () => {
  it('lose control characters before they reach a terminal', () => {
    const geo = geometryFromGgufMetadata(
      {'general.architecture': 'llama', 'general.name': 'evil\u001b[2J\u0007name'},
      {source: 't', quantization: 'Q4\u001b[31m_K_M'},
    );
    expect(geo.name).toBe('evil[2Jname');
    expect(geo.quantization).toBe('Q4[31m_K_M');
  });
});
