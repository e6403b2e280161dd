/**
 * Models OpenClaw users run locally, with the sizes the fit estimate uses.
 * Sizes are decimal GB; "computed" ones are total params × bits per weight / 8
 * (MoE: every expert stays resident, so TOTAL params count).
 */
import type {CatalogModel, ModelBuild} from './types.js';

/** f16 KV bytes per token for standard attention: K and V × layers × kv heads × head_dim × 2 bytes. */
export function kvBytesPerToken(layers: number, kvHeads: number, headDim: number): number {
  return 2 * layers * kvHeads * headDim * 2;
}

function build(
  totalParamsB: number,
  id: string,
  label: string,
  bitsPerWeight: number,
  opts: {weightsGB?: number; aggressive?: boolean; format?: ModelBuild['format']; sizeBasis?: ModelBuild['sizeBasis']} = {},
): ModelBuild {
  const computed = Math.round(((totalParamsB * bitsPerWeight) / 8) * 10) / 10;
  return {
    id,
    label,
    bitsPerWeight,
    weightsGB: opts.weightsGB ?? computed,
    aggressive: opts.aggressive ?? bitsPerWeight <= 3.95,
    format: opts.format,
    sizeBasis: opts.sizeBasis ?? (opts.weightsGB === undefined ? 'computed' : 'document'),
  };
}

const MINIMAX_B = 228.7;
const GLM_B = 355;
const KIMI_B = 1040;
const QWEN480_B = 480;
const QWEN30_B = 30.5;
const QWEN235_B = 235;

const MODELS: CatalogModel[] = [
  {
    id: 'minimax-m2.1',
    label: 'MiniMax M2.1',
    totalParamsB: MINIMAX_B,
    activeParamsB: 10,
    kvBytesPerToken: kvBytesPerToken(62, 8, 128), // 253,952 B ≈ 248 KiB
    maxContext: 196_608,
    small: false,
    defaultBuild: 'mlx-4bit-gs32',
    official: {org: 'minimaxai', build: 'fp8'},
    builds: [
      build(MINIMAX_B, 'bf16', 'BF16', 16, {format: 'hf'}),
      build(MINIMAX_B, 'fp8', 'FP8 (official)', 8, {weightsGB: 230, format: 'hf', sizeBasis: 'measured'}),
      build(MINIMAX_B, 'mlx-8bit-gs32', 'MLX 8-bit gs32', 9.0, {format: 'mlx'}),
      build(MINIMAX_B, 'mlx-8bit-gs64', 'MLX 8-bit gs64', 8.5, {format: 'mlx'}),
      build(MINIMAX_B, 'q8_0', 'GGUF Q8_0', 8.5, {format: 'gguf'}),
      build(MINIMAX_B, 'mlx-6bit-gs64', 'MLX 6-bit gs64', 6.5, {format: 'mlx'}),
      build(MINIMAX_B, 'q6_k', 'GGUF Q6_K', 6.56, {format: 'gguf'}),
      build(MINIMAX_B, 'q5_k_xl', 'GGUF Q5_K_XL', 5.7, {weightsGB: 162, format: 'gguf', sizeBasis: 'measured'}),
      build(MINIMAX_B, 'mlx-4bit-gs32', 'MLX 4-bit gs32', 5.0, {format: 'mlx'}),
      build(MINIMAX_B, 'q4_k_m', 'GGUF Q4_K_M', 4.8, {weightsGB: 137, format: 'gguf', sizeBasis: 'measured'}),
      build(MINIMAX_B, 'mlx-4bit-gs64', 'MLX 4-bit gs64', 4.5, {format: 'mlx'}),
      build(MINIMAX_B, 'q3_k_m', 'GGUF Q3_K_M', 3.9, {weightsGB: 112, format: 'gguf', aggressive: true}),
      build(MINIMAX_B, 'iq2_m', 'GGUF IQ2_M', 2.7, {weightsGB: 78.1, format: 'gguf', sizeBasis: 'measured'}),
    ],
    notes: ['M2, M2.5 and M2.7 share this architecture and size.'],
  },
  {
    id: 'glm-4.7',
    label: 'GLM-4.7',
    totalParamsB: GLM_B,
    activeParamsB: 32,
    kvBytesPerToken: kvBytesPerToken(92, 8, 128), // 368 KiB
    maxContext: 202_752,
    small: false,
    defaultBuild: 'q4_k_m',
    official: {org: 'zai-org', build: 'bf16'},
    builds: [
      build(GLM_B, 'bf16', 'BF16', 16, {format: 'hf'}),
      build(GLM_B, 'fp8', 'FP8', 8, {format: 'hf'}),
      build(GLM_B, 'q8_0', 'GGUF Q8_0', 8.5, {format: 'gguf'}),
      build(GLM_B, 'q4_k_m', 'GGUF Q4_K_M', 4.8, {format: 'gguf'}),
      build(GLM_B, 'ud-q2_k_xl', 'GGUF UD-Q2_K_XL', 3.0, {weightsGB: 134, format: 'gguf', aggressive: true}),
    ],
    notes: ['GLM-4.6 and GLM-4.5 (355B) share this architecture.'],
  },
  {
    id: 'kimi-k2-thinking',
    label: 'Kimi K2 Thinking',
    totalParamsB: KIMI_B,
    activeParamsB: 32,
    // MLA: latent (512) + rope (64) per layer, with an MLA-aware runtime.
    kvBytesPerToken: 61 * (512 + 64) * 2,
    maxContext: 262_144,
    small: false,
    defaultBuild: 'int4',
    official: {org: 'moonshotai', build: 'int4'},
    builds: [
      build(KIMI_B, 'bf16', 'BF16', 16, {format: 'hf'}),
      build(KIMI_B, 'q8_0', 'GGUF Q8_0', 8.4, {weightsGB: 1090, format: 'gguf'}),
      build(KIMI_B, 'fp8', 'FP8 (K2)', 7.9, {weightsGB: 1030, format: 'hf'}),
      build(KIMI_B, 'q4_k_m', 'GGUF Q4_K_M', 4.8, {format: 'gguf'}),
      build(KIMI_B, 'int4', 'INT4 (native)', 4.57, {weightsGB: 594, format: 'hf'}),
      build(KIMI_B, 'ud-q2_k_xl', 'GGUF UD-Q2_K_XL', 2.9, {weightsGB: 381, format: 'gguf'}),
      build(KIMI_B, 'ud-tq1_0', 'GGUF UD-TQ1_0', 1.9, {weightsGB: 245, format: 'gguf'}),
    ],
    notes: ['KV assumes an MLA-aware runtime; expanded MLA needs about 35× more.'],
  },
  {
    id: 'qwen3-coder-480b',
    label: 'Qwen3-Coder-480B-A35B',
    totalParamsB: QWEN480_B,
    activeParamsB: 35,
    kvBytesPerToken: kvBytesPerToken(62, 8, 128),
    maxContext: 262_144,
    small: false,
    defaultBuild: 'q4_k_m',
    builds: [
      build(QWEN480_B, 'bf16', 'BF16', 16, {format: 'hf'}),
      build(QWEN480_B, 'fp8', 'FP8', 8, {format: 'hf'}),
      build(QWEN480_B, 'q8_0', 'GGUF Q8_0', 8.5, {format: 'gguf'}),
      build(QWEN480_B, 'q4_k_m', 'GGUF Q4_K_M', 4.8, {format: 'gguf'}),
      build(QWEN480_B, 'iq2_m', 'GGUF IQ2_M', 2.7, {weightsGB: 162, format: 'gguf'}),
    ],
  },
  {
    id: 'qwen3-coder-30b',
    label: 'Qwen3-Coder-30B-A3B',
    totalParamsB: QWEN30_B,
    activeParamsB: 3.3,
    kvBytesPerToken: kvBytesPerToken(48, 4, 128), // 96 KiB
    maxContext: 262_144,
    small: true,
    defaultBuild: 'q4_k_m',
    builds: [
      build(QWEN30_B, 'bf16', 'BF16', 16, {format: 'hf'}),
      build(QWEN30_B, 'fp8', 'FP8', 8, {format: 'hf'}),
      build(QWEN30_B, 'q8_0', 'GGUF Q8_0', 8.5, {format: 'gguf'}),
      build(QWEN30_B, 'mlx-8bit-gs64', 'MLX 8-bit gs64', 8.5, {format: 'mlx'}),
      build(QWEN30_B, 'mlx-4bit-gs64', 'MLX 4-bit gs64', 4.5, {format: 'mlx'}),
      build(QWEN30_B, 'q4_k_m', 'GGUF Q4_K_M', 4.88, {weightsGB: 18.6, format: 'gguf', sizeBasis: 'measured'}),
      build(QWEN30_B, 'iq3', 'GGUF 3-bit imatrix', 2.99, {weightsGB: 11.4, format: 'gguf', sizeBasis: 'measured'}),
    ],
  },
  {
    id: 'qwen3-235b',
    label: 'Qwen3-235B-A22B',
    totalParamsB: QWEN235_B,
    activeParamsB: 22,
    kvBytesPerToken: kvBytesPerToken(94, 4, 128), // 188 KiB
    maxContext: 131_072,
    small: false,
    defaultBuild: 'q4_k_m',
    builds: [
      build(QWEN235_B, 'bf16', 'BF16', 16, {format: 'hf'}),
      build(QWEN235_B, 'fp8', 'FP8', 8, {format: 'hf'}),
      build(QWEN235_B, 'q8_0', 'GGUF Q8_0', 8.5, {format: 'gguf'}),
      build(QWEN235_B, 'q4_k_m', 'GGUF Q4_K_M', 4.8, {format: 'gguf'}),
    ],
    notes: ['Native context 32K (131K with YaRN); the 2507 releases claim 262K (unverified).'],
  },
  {
    id: 'gpt-oss-120b',
    label: 'gpt-oss-120b',
    totalParamsB: 116.8,
    activeParamsB: 5.1,
    // 18 full-attention layers; the 18 sliding-window layers hold only 128 tokens.
    kvBytesPerToken: kvBytesPerToken(18, 8, 64), // 36 KiB
    maxContext: 131_072,
    small: false,
    defaultBuild: 'mxfp4',
    builds: [build(116.8, 'mxfp4', 'MXFP4 (native)', 4.45, {weightsGB: 65, format: 'gguf'})],
  },
  {
    id: 'gpt-oss-20b',
    label: 'gpt-oss-20b',
    totalParamsB: 20.9,
    activeParamsB: 3.6,
    kvBytesPerToken: kvBytesPerToken(12, 8, 64), // 24 KiB
    maxContext: 131_072,
    small: true,
    defaultBuild: 'mxfp4',
    builds: [build(20.9, 'mxfp4', 'MXFP4 (native)', 5.28, {weightsGB: 13.8, format: 'gguf'})],
  },
  {
    id: 'devstral-small',
    label: 'Devstral Small 1.1',
    totalParamsB: 23.6,
    activeParamsB: 23.6,
    kvBytesPerToken: kvBytesPerToken(40, 8, 128), // 160 KiB
    maxContext: 131_072,
    small: true,
    defaultBuild: 'q4_k_m',
    builds: [
      build(23.6, 'bf16', 'BF16', 16, {weightsGB: 47, format: 'hf'}),
      build(23.6, 'q8_0', 'GGUF Q8_0', 8.5, {weightsGB: 25, format: 'gguf'}),
      build(23.6, 'q4_k_m', 'GGUF Q4_K_M', 4.8, {weightsGB: 14.2, format: 'gguf'}),
    ],
  },
  {
    id: 'devstral-small-2',
    label: 'Devstral Small 2',
    totalParamsB: 24,
    activeParamsB: 24,
    kvBytesPerToken: kvBytesPerToken(40, 8, 128),
    maxContext: 262_144,
    small: true,
    defaultBuild: 'q4_k_m',
    builds: [
      build(24, 'bf16', 'BF16', 16, {weightsGB: 47, format: 'hf'}),
      build(24, 'q8_0', 'GGUF Q8_0', 8.5, {weightsGB: 25, format: 'gguf'}),
      build(24, 'q4_k_m', 'GGUF Q4_K_M', 4.8, {weightsGB: 14.2, format: 'gguf'}),
    ],
    notes: ['KV layout assumed equal to Devstral Small 1.x (unverified).'],
  },
];

export function catalogModel(id: string): CatalogModel | undefined {
  return CATALOG.find((m) => m.id === id);
}

export function catalogBuild(model: CatalogModel, buildId: string): ModelBuild | undefined {
  return model.builds.find((b) => b.id === buildId);
}

/** Small checkpoints carry the guide's prompt-injection warning whatever the quantization. */
export const CATALOG: CatalogModel[] = MODELS.map((m) =>
  m.small ? {...m, builds: m.builds.map((b) => ({...b, aggressive: true}))} : m,
);
