/**
 * Models OpenClaw users run locally, with the sizes the fit estimate uses.
 * Sizes are decimal GB; "computed" ones are total params × bits per weight / 8
 * (MoE: every expert stays resident, so TOTAL params count).
 */
import {
  gqaLayout,
  hybridLinearLayout,
  mlaLayout,
  recurrentStateBytesPerLayer,
  slidingWindowLayout,
  type KvLayout,
} from './kv.js';
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
  opts: {
    weightsGB?: number;
    aggressive?: boolean;
    format?: ModelBuild['format'];
    sizeBasis?: ModelBuild['sizeBasis'];
  } = {},
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
const GLM5_B = 744;
const DEEPSEEK_B = 685;

const MINIMAX_SOURCES = [
  'rtp-llm minimax_m2.py (62 layers, 8 KV heads × 128, all full attention)',
  'MiniMax-AI/MiniMax-M2 docs/vllm_deploy_guide.md (196,608 context; "240 GB per 1M context tokens")',
];
const GPT_OSS_SOURCES = [
  'EchoCog/gpt-oss-20b docs/gpt-oss-20b-architecture.md; GptOssConfig (alternating sliding window 128 / full, 8 KV heads × 64)',
  'checkpoints ~60.8 GiB (120b) / ~12.8 GiB (20b) MXFP4',
];
const QWEN35_SOURCES = [
  'SGLang qwen3_5 docs; HF blog EXDai qwen36 architecture (3:1 Gated DeltaNet : full attention, 2 KV heads × 256 on 35B-A3B)',
  'linear-layer state sized with Qwen3-Next config values (32 value heads, 16 key heads × 128, conv 4; unverified for Qwen3.5/3.6)',
];

/**
 * The hidden size (config.json hidden_size) sizes a quantized cache's dequantization scratch. MLA models need none
 * (the scratch estimate is for regular attention).
 */
function withHidden(layout: KvLayout, hidden: number): KvLayout {
  return {...layout, embeddingLength: hidden};
}

/** f32 state of one Gated-DeltaNet layer with Qwen3-Next's sizes (d_inner 4096, 16 groups × 128, conv 4): 2.09 MiB. */
const QWEN_NEXT_STATE = recurrentStateBytesPerLayer({convKernel: 4, innerSize: 4096, groupCount: 16, stateSize: 128});

const MODELS: CatalogModel[] = [
  {
    id: 'minimax-m2.1',
    label: 'MiniMax M2.1',
    totalParamsB: MINIMAX_B,
    activeParamsB: 10,
    kvBytesPerToken: kvBytesPerToken(62, 8, 128), // 253,952 B ≈ 248 KiB
    kv: withHidden(gqaLayout(62, 8, 128), 3072),
    maxContext: 196_608,
    small: false,
    defaultBuild: 'mlx-4bit-gs32',
    official: {org: 'minimaxai', build: 'fp8'},
    sources: MINIMAX_SOURCES,
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
    id: 'minimax-m2.7',
    label: 'MiniMax M2.7',
    totalParamsB: MINIMAX_B,
    activeParamsB: 10,
    kvBytesPerToken: kvBytesPerToken(62, 8, 128),
    kv: withHidden(gqaLayout(62, 8, 128), 3072),
    // amd/MiniMax-M2.7-BF16 config.json: max_position_embeddings 204,800.
    maxContext: 204_800,
    small: false,
    defaultBuild: 'mlx-4bit-gs32',
    official: {org: 'minimaxai', build: 'fp8'},
    sources: [
      ...MINIMAX_SOURCES,
      'amd/MiniMax-M2.7-BF16 config.json (max_position_embeddings 204,800)',
      'thetom-ai/MiniMax-M2.7-ConfigI-MLX card (FP8 source 230 GB)',
    ],
    builds: [
      build(MINIMAX_B, 'bf16', 'BF16', 16, {format: 'hf'}),
      build(MINIMAX_B, 'fp8', 'FP8 (official)', 8, {weightsGB: 230, format: 'hf', sizeBasis: 'measured'}),
      build(MINIMAX_B, 'mlx-8bit-gs64', 'MLX 8-bit gs64', 8.5, {format: 'mlx'}),
      build(MINIMAX_B, 'q8_0', 'GGUF Q8_0', 8.5, {format: 'gguf'}),
      build(MINIMAX_B, 'mlx-6bit-gs64', 'MLX 6-bit gs64', 6.5, {format: 'mlx'}),
      build(MINIMAX_B, 'q6_k', 'GGUF Q6_K', 6.56, {format: 'gguf'}),
      build(MINIMAX_B, 'mlx-4bit-gs32', 'MLX 4-bit gs32', 5.0, {format: 'mlx'}),
      build(MINIMAX_B, 'q4_k_m', 'GGUF Q4_K_M', 4.8, {format: 'gguf'}),
      build(MINIMAX_B, 'mlx-4bit-gs64', 'MLX 4-bit gs64', 4.5, {format: 'mlx'}),
    ],
    notes: [
      'Same architecture and size as M2.1/M2.5; only the trained context differs. No measured GGUF sizes found for M2.7: they are computed.',
    ],
  },
  {
    id: 'glm-4.7',
    label: 'GLM-4.7',
    totalParamsB: GLM_B,
    activeParamsB: 32,
    kvBytesPerToken: kvBytesPerToken(92, 8, 128), // 368 KiB
    kv: withHidden(gqaLayout(92, 8, 128), 5120),
    maxContext: 202_752,
    sources: [
      'THUDM/slime glm4.5-355B-A32B.sh; GLM-4.6 config dump (92 layers, 8 KV heads × 128)',
      'xorbitsai/inference glm-4.7.rst (context)',
    ],
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
    kv: mlaLayout(61, 512, 64),
    maxContext: 262_144,
    sources: [
      'ParagEkbote/hf-model-inspector Kimi-K2-Instruct-0905 report (61 layers, 262,144)',
      'Megatron args: kv-lora-rank 512, qk-pos-emb 64',
    ],
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
    kv: withHidden(gqaLayout(62, 8, 128), 6144),
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
    kv: withHidden(gqaLayout(48, 4, 128), 2048),
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
    kv: withHidden(gqaLayout(94, 4, 128), 4096),
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
    kv: withHidden(slidingWindowLayout(18, 18, 128, 8, 64), 2880),
    sources: GPT_OSS_SOURCES,
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
    kv: withHidden(slidingWindowLayout(12, 12, 128, 8, 64), 2880),
    sources: GPT_OSS_SOURCES,
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
    kv: withHidden(gqaLayout(40, 8, 128), 5120),
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
  {
    id: 'glm-5',
    label: 'GLM-5',
    totalParamsB: GLM5_B,
    activeParamsB: 40,
    kvBytesPerToken: 78 * (512 + 64) * 2, // 87.75 KiB
    kv: mlaLayout(78, 512, 64),
    // "200K" (Z.ai); 202,752 is GLM-4.x's value, assumed here (unverified for GLM-5).
    maxContext: 202_752,
    small: false,
    defaultBuild: 'q4_k_m',
    official: {org: 'zai-org', build: 'fp8'},
    sources: [
      'HF transformers glm_moe_dsa; NVIDIA Megatron-Bridge GLM5 page (78 layers, MLA kv_lora_rank 512 + rope 64, 744B/40B)',
      'unslothai/unsloth PR 4757 (KV 17.18 GB at full context)',
    ],
    builds: [
      build(GLM5_B, 'bf16', 'BF16', 16, {format: 'hf'}),
      build(GLM5_B, 'fp8', 'FP8', 8, {format: 'hf'}),
      build(GLM5_B, 'q8_0', 'GGUF Q8_0', 8.5, {format: 'gguf'}),
      // AesSedai/GLM-5.1-GGUF README (llama.cpp): Q4_K_M 432.80 GiB (4.93 BPW), IQ4_XS 336.61 GiB (3.84 BPW).
      build(GLM5_B, 'q4_k_m', 'GGUF Q4_K_M', 4.93, {weightsGB: 464.7, format: 'gguf', sizeBasis: 'measured'}),
      build(GLM5_B, 'iq4_xs', 'GGUF IQ4_XS', 3.84, {weightsGB: 361.4, format: 'gguf', sizeBasis: 'measured'}),
      build(GLM5_B, 'mlx-4bit-gs64', 'MLX 4-bit gs64', 4.5, {format: 'mlx'}),
      // unsloth GLM-5.2 guide: "The 2-bit quant (UD-IQ2_M) uses 239GB of disk space".
      build(GLM5_B, 'iq2_m', 'GGUF UD-IQ2_M', 2.57, {weightsGB: 239, format: 'gguf', sizeBasis: 'document'}),
    ],
    notes: [
      'GLM-5.1/5.2 share this size and MLA layout; GLM-5.2 is trained to 1,048,576 tokens (unsloth GLM-5.2 guide), read from its server or GGUF. Q4_K_M/IQ4_XS are measured on GLM-5.1, UD-IQ2_M on GLM-5.2.',
      "The DSA indexer's own small per-token cache is not counted (unverified size).",
    ],
  },
  {
    id: 'kimi-k2.5',
    label: 'Kimi K2.5',
    totalParamsB: KIMI_B,
    activeParamsB: 32,
    kvBytesPerToken: 61 * (512 + 64) * 2, // 68.6 KiB
    kv: mlaLayout(61, 512, 64),
    maxContext: 262_144,
    small: false,
    defaultBuild: 'int4',
    official: {org: 'moonshotai', build: 'int4'},
    sources: [
      'Megatron-Bridge KimiK2Provider (61 layers, MLA); openclaw/openclaw #19866 (catalog context 262,144)',
      'unslothai/unsloth PR 4757 (KV 17.16 GB at 262,144)',
      'unsloth docs kimi-k2.5: full (INT4) model 630 GB; UD-Q2_K_XL 375 GB; UD-TQ1_0 (1.8-bit) 240 GB',
    ],
    builds: [
      build(KIMI_B, 'bf16', 'BF16', 16, {format: 'hf'}),
      build(KIMI_B, 'q8_0', 'GGUF Q8_0', 8.4, {weightsGB: 1090, format: 'gguf', sizeBasis: 'document'}),
      build(KIMI_B, 'int4', 'INT4 (native)', 4.85, {weightsGB: 630, format: 'hf', sizeBasis: 'document'}),
      build(KIMI_B, 'q4_k_m', 'GGUF Q4_K_M', 4.8, {format: 'gguf'}),
      build(KIMI_B, 'mlx-4bit-gs64', 'MLX 4-bit gs64', 4.5, {format: 'mlx'}),
      build(KIMI_B, 'ud-q2_k_xl', 'GGUF UD-Q2_K_XL', 2.88, {weightsGB: 375, format: 'gguf', sizeBasis: 'document'}),
      build(KIMI_B, 'ud-tq1_0', 'GGUF UD-TQ1_0', 1.85, {weightsGB: 240, format: 'gguf', sizeBasis: 'document'}),
    ],
    notes: ["Released natively in INT4 (630 GB); Q8_0 is unsloth's figure for K2 (same size)."],
  },
  {
    id: 'deepseek-v3.2',
    label: 'DeepSeek V3.2',
    totalParamsB: DEEPSEEK_B,
    activeParamsB: 37,
    kvBytesPerToken: 61 * (512 + 64) * 2,
    kv: mlaLayout(61, 512, 64),
    maxContext: 163_840,
    small: false,
    defaultBuild: 'q4_k_m',
    official: {org: 'deepseek-ai', build: 'fp8'},
    sources: [
      'HF transformers deepseek_v32; deepseek-ai/DeepSeek-V3.2 README (V3 geometry: 61 layers, MLA 512 + 64)',
      'unslothai/unsloth PR 4757 (DeepSeek-V3.1 KV 10.72 GB at 163,840); 37B active is the V3-family figure (unconfirmed for V3.2)',
    ],
    builds: [
      build(DEEPSEEK_B, 'bf16', 'BF16', 16, {format: 'hf'}),
      build(DEEPSEEK_B, 'fp8', 'FP8 (official)', 8, {format: 'hf'}),
      build(DEEPSEEK_B, 'q8_0', 'GGUF Q8_0', 8.5, {format: 'gguf'}),
      build(DEEPSEEK_B, 'q4_k_m', 'GGUF Q4_K_M', 4.8, {format: 'gguf'}),
    ],
  },
  {
    id: 'qwen3.6-35b-a3b',
    label: 'Qwen3.6-35B-A3B',
    totalParamsB: 35,
    activeParamsB: 3,
    kvBytesPerToken: kvBytesPerToken(10, 2, 256), // 20 KiB
    // 40 layers: 30 Gated DeltaNet + 10 full attention (16 Q / 2 KV heads, head_dim 256).
    kv: withHidden(hybridLinearLayout(10, 2, 256, 30 * QWEN_NEXT_STATE), 2048),
    maxContext: 262_144,
    small: true,
    defaultBuild: 'q4_k_m',
    sources: QWEN35_SOURCES,
    // GGUF sizes measured in mudler/Qwen3.6-35B-A3B-APEX-GGUF README (llama.cpp b8797): BF16 65 GB, Q8_0 35 GB,
    // UD-Q4_K_M 21 GB, UD-Q3_K_M 16 GB. MLX and FP8 sizes are computed.
    builds: [
      build(35, 'bf16', 'BF16', 14.9, {weightsGB: 65, format: 'hf', sizeBasis: 'measured'}),
      build(35, 'fp8', 'FP8', 8, {format: 'hf'}),
      build(35, 'q8_0', 'GGUF Q8_0', 8.0, {weightsGB: 35, format: 'gguf', sizeBasis: 'measured'}),
      build(35, 'mlx-8bit-gs64', 'MLX 8-bit gs64', 8.5, {format: 'mlx'}),
      build(35, 'q4_k_m', 'GGUF Q4_K_M', 4.8, {weightsGB: 21, format: 'gguf', sizeBasis: 'measured'}),
      build(35, 'mlx-4bit-gs64', 'MLX 4-bit gs64', 4.5, {format: 'mlx'}),
      build(35, 'q3_k_m', 'GGUF UD-Q3_K_M', 3.66, {weightsGB: 16, format: 'gguf', sizeBasis: 'measured'}),
    ],
    notes: ['Qwen3.5-35B-A3B has the same layout.'],
  },
  {
    id: 'qwen3.6-27b',
    label: 'Qwen3.6-27B',
    totalParamsB: 27,
    activeParamsB: 27,
    kvBytesPerToken: kvBytesPerToken(16, 4, 256), // 64 KiB
    // 64 layers: 48 Gated DeltaNet + 16 full attention (4 KV heads × 256).
    kv: withHidden(hybridLinearLayout(16, 4, 256, 48 * QWEN_NEXT_STATE), 5120),
    maxContext: 262_144,
    small: true,
    defaultBuild: 'q4_k_m',
    sources: [...QWEN35_SOURCES, 'lmstudio-bug-tracker#1862 (llama.cpp: 16384.00 MiB, 262144 cells, 16 layers)'],
    builds: [
      build(27, 'bf16', 'BF16', 16, {format: 'hf'}),
      build(27, 'q8_0', 'GGUF Q8_0', 8.5, {format: 'gguf'}),
      build(27, 'mlx-8bit-gs64', 'MLX 8-bit gs64', 8.5, {format: 'mlx'}),
      build(27, 'q4_k_m', 'GGUF Q4_K_M', 4.8, {format: 'gguf'}),
      build(27, 'mlx-4bit-gs64', 'MLX 4-bit gs64', 4.5, {format: 'mlx'}),
      // unsloth docs qwen3.8-27b: UD-IQ3_XXS weights 12.32 GB (Qwen3.8-27B, same size class).
      build(27, 'iq3_xxs', 'GGUF UD-IQ3_XXS', 3.65, {weightsGB: 12.32, format: 'gguf', sizeBasis: 'measured'}),
    ],
    notes: ['Qwen3.5-27B and Qwen3.8-27B share this layout.'],
  },
  {
    id: 'qwen3.5-9b',
    label: 'Qwen3.5-9B',
    totalParamsB: 9,
    activeParamsB: 9,
    kvBytesPerToken: kvBytesPerToken(8, 4, 256), // 32 KiB
    // 32 layers: 24 Gated DeltaNet + 8 full attention (4 KV heads × 256).
    kv: withHidden(hybridLinearLayout(8, 4, 256, 24 * QWEN_NEXT_STATE), 4096),
    maxContext: 262_144,
    small: true,
    defaultBuild: 'q4_k_m',
    sources: [
      ...QWEN35_SOURCES,
      'jaylfc/taOS#144 (llama.cpp measured: Q4_K_M model 5406 MiB; KV 4146 MiB at 131,072, f16)',
    ],
    builds: [
      build(9, 'bf16', 'BF16', 16, {format: 'hf'}),
      build(9, 'q8_0', 'GGUF Q8_0', 8.5, {format: 'gguf'}),
      build(9, 'q4_k_m', 'GGUF Q4_K_M', 5.04, {weightsGB: 5.67, format: 'gguf', sizeBasis: 'measured'}),
    ],
  },
  {
    id: 'gemma-4-e4b',
    label: 'Gemma 4 E4B',
    totalParamsB: 8,
    activeParamsB: 4,
    // Layer geometry not found in our sources: the KV cache is read from the server or the GGUF (hardware --gguf).
    kvBytesPerToken: 0,
    maxContext: 65_536,
    small: true,
    defaultBuild: 'q4_k_m',
    sources: [
      'openclaw docs/plugins/llama-cpp.md: managed llama.cpp default, Gemma 4 E4B IT Q4_K_M ~5.0 GB, 65,536 context cap',
    ],
    builds: [build(8, 'q4_k_m', 'GGUF Q4_K_M', 5.0, {weightsGB: 5.0, format: 'gguf', sizeBasis: 'document'})],
    notes: [
      "OpenClaw's managed llama.cpp default. Its layer layout and total parameter count were not found: KV is not counted from the catalog; the 8B total is an assumption (E4B = 4B effective).",
    ],
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
