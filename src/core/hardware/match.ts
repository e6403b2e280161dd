/**
 * Maps the ids people and servers use ("lmstudio/minimax-m2.1-gs32",
 * "qwen3-coder:30b", "mlx-community/MiniMax-M2.1-4bit") to a catalog build.
 * Unknown ids return undefined: the caller says so rather than guessing.
 */
import {CATALOG, catalogBuild, catalogModel} from './catalog.js';
import type {CatalogModel, ModelBuild, ModelMatch} from './types.js';

interface ModelRule {
  model: string;
  test: RegExp;
  /** Set when the id names a sibling of the catalog entry (same architecture and size). */
  sibling?: string;
  /** The sibling's official release, when it differs from the catalog entry's. */
  officialBuild?: string;
}

// Order matters: more specific names first ("120b" before "20b", "480b" before "30b").
const MODEL_RULES: ModelRule[] = [
  {model: 'minimax-m2.1', test: /minimax-?m2\.1(?![0-9])/},
  {model: 'minimax-m2.7', test: /minimax-?m2\.7(?![0-9])/},
  {
    model: 'minimax-m2.1',
    test: /minimax-?m2(\.[0-9])?(?![0-9])/,
    sibling: "MiniMax M2/M2.5/M2.7 share M2.1's architecture and size",
  },
  {model: 'glm-4.7', test: /glm-?4\.7(?![0-9])(?!.*(flash|air))/},
  {
    model: 'glm-4.7',
    test: /glm-?4\.[56](?![0-9v])(?!.*(flash|air))/,
    sibling: "GLM-4.5/4.6 share GLM-4.7's 355B architecture",
  },
  {model: 'glm-5', test: /glm-?5(?![.0-9])(?!.*(flash|air))/},
  {
    model: 'glm-5',
    test: /glm-?5\.[0-9](?![0-9])(?!.*(flash|air|next))/,
    sibling: "GLM-5.x shares GLM-5's 744B MLA architecture; GLM-5.2 is trained to 1,048,576 tokens",
  },
  {model: 'kimi-k2.5', test: /kimi-?k2\.5(?![0-9])/},
  {model: 'deepseek-v3.2', test: /deepseek-?v3\.2(?![0-9])/},
  {
    model: 'deepseek-v3.2',
    test: /deepseek-?(v3|r1)(\.[01])?(?![.0-9])(?!-?lite)/,
    sibling: "DeepSeek V3/V3.1/R1 share V3.2's size and MLA geometry",
  },
  {model: 'qwen3.6-35b-a3b', test: /qwen3\.[56]-35b(-a3b)?(?![0-9])/},
  {model: 'qwen3.6-27b', test: /qwen3\.[568]-27b(?![0-9])/},
  {model: 'qwen3.5-9b', test: /qwen3\.5-9b(?![0-9])/},
  {model: 'gemma-4-e4b', test: /gemma-?4-?e4b/},
  {model: 'kimi-k2-thinking', test: /kimi-?k2-?thinking/},
  {
    model: 'kimi-k2-thinking',
    test: /kimi-?k2(?![.0-9])/,
    sibling: 'Kimi K2 Instruct has the same size as K2 Thinking; its context may be 128K',
    officialBuild: 'fp8',
  },
  {model: 'qwen3-coder-480b', test: /qwen3-coder(-plus)?-480b/},
  {model: 'qwen3-coder-30b', test: /qwen3-coder-30b/},
  {model: 'qwen3-235b', test: /qwen3-235b/},
  {model: 'gpt-oss-120b', test: /gpt-oss-120b/},
  {model: 'gpt-oss-20b', test: /gpt-oss-20b/},
  {model: 'devstral-small-2', test: /devstral-small-2(?![0-9])/},
  {model: 'devstral-small', test: /devstral-small/},
  // Ollama's "devstral:24b" (and "devstral:24b-small-2505-q4_K_M") is Devstral Small.
  {model: 'devstral-small', test: /(^|[^a-z0-9])devstral-24b/},
];

/** Bare names whose default tag (Ollama "latest") is a known size. */
const BARE_NAMES: Record<string, {model: string; note: string}> = {
  'qwen3-coder': {model: 'qwen3-coder-30b', note: 'plain "qwen3-coder" is the 30B-A3B model in Ollama\'s library'},
  'gpt-oss': {model: 'gpt-oss-20b', note: 'plain "gpt-oss" is the 20b model in Ollama\'s library'},
  devstral: {model: 'devstral-small', note: 'plain "devstral" is Devstral Small (24B) in Ollama\'s library'},
};

interface BuildRule {
  test: RegExp;
  build: string | ((model: CatalogModel) => string | undefined);
}

function mlxBuild(bits: number, groupSize: number | undefined): (model: CatalogModel) => string | undefined {
  return (model) => {
    const gs = groupSize ?? 64; // MLX's default group size
    const exact = `mlx-${bits}bit-gs${gs}`;
    if (catalogBuild(model, exact)) return exact;
    return model.builds.find((b) => b.id.startsWith(`mlx-${bits}bit`))?.id;
  };
}

const BUILD_RULES: BuildRule[] = [
  {test: /(^|[^a-z0-9])(bf16|fp16|f16)([^a-z0-9]|$)/, build: 'bf16'},
  {test: /(^|[^a-z0-9])fp8([^a-z0-9]|$)/, build: 'fp8'},
  {test: /mxfp4/, build: 'mxfp4'},
  {test: /(^|[^a-z0-9])int4([^a-z0-9]|$)/, build: 'int4'},
  {test: /q8_0|q8-0/, build: 'q8_0'},
  {test: /q6_k|q6-k/, build: 'q6_k'},
  {test: /q5_k/, build: 'q5_k_xl'},
  {test: /q4_k_m|q4-k-m|q4_k|q4_0/, build: 'q4_k_m'},
  {test: /q3_k/, build: 'q3_k_m'},
  {test: /iq2_m|iq2-m/, build: 'iq2_m'},
  {test: /q2_k/, build: 'ud-q2_k_xl'},
  {test: /tq1_0/, build: 'ud-tq1_0'},
];

/**
 * Effective bits per weight of llama.cpp quant types in large models, for quants
 * the catalog has no measured size for (llama.cpp's per-type figures; K-quants
 * keep some tensors at higher precision).
 */
const GGUF_BPW: Record<string, number> = {
  q8_0: 8.5,
  q6_k: 6.56,
  q5_1: 6.0,
  q5_k_m: 5.7,
  q5_k_s: 5.5,
  q5_0: 5.5,
  q4_1: 5.0,
  q4_k_m: 4.8,
  q4_k_s: 4.6,
  q4_0: 4.5,
  iq4_nl: 4.5,
  iq4_xs: 4.25,
  q3_k_l: 4.3,
  q3_k_m: 3.9,
  iq3_m: 3.66,
  q3_k_s: 3.6,
  iq3_s: 3.44,
  iq3_xs: 3.3,
  iq3_xxs: 3.06,
  q2_k: 3.0,
  q2_k_s: 2.9,
  iq2_m: 2.7,
  iq2_s: 2.5,
  iq2_xs: 2.31,
  iq2_xxs: 2.06,
  tq2_0: 2.06,
  iq1_m: 1.75,
  tq1_0: 1.69,
  iq1_s: 1.56,
};

/** Bits per weight of a quantization name ("Q4_K_M", "q8_0", "MXFP4", "BF16"); undefined when unknown. */
export function bitsPerWeightOf(quant: string): number | undefined {
  const q = quant.trim().toLowerCase();
  if (q === 'bf16' || q === 'f16' || q === 'fp16') return 16;
  if (q === 'f32') return 32;
  if (q === 'mxfp4') return 4.25;
  if (q === 'fp8') return 8;
  return GGUF_BPW[q] ?? ggufQuant(q)?.bpw;
}

/** "q4_k_m", "iq2_xxs", unsloth's "ud-q4_k_xl" (→ q4_k_m) from an id; undefined when none is named. */
function ggufQuant(full: string): {type: string; bpw: number} | undefined {
  const re = /(?:^|[^a-z0-9])(?:ud-)?((?:i?q[1-8]|tq[12])(?:_[a-z0-9]+)+)(?![a-z0-9])/g;
  for (const m of full.matchAll(re)) {
    const raw = m[1];
    const tries = [raw, raw.replace(/_xl$/, '_m'), raw.replace(/_xl$/, ''), raw.replace(/_k_xl$/, '_0')];
    for (const t of tries) if (GGUF_BPW[t] !== undefined) return {type: t, bpw: GGUF_BPW[t]};
  }
  return undefined;
}

function computedBuild(
  model: CatalogModel,
  id: string,
  label: string,
  bpw: number,
  format: ModelBuild['format'],
): ModelBuild {
  return {
    id,
    label,
    bitsPerWeight: bpw,
    weightsGB: Math.round(((model.totalParamsB * bpw) / 8) * 10) / 10,
    // Same rule as the catalog: ≤3-bit builds and small checkpoints carry the warning.
    aggressive: model.small || bpw <= 3.95,
    format,
    sizeBasis: 'computed',
  };
}

const notInCatalog = (model: CatalogModel, build: ModelBuild, how: string): string =>
  `${build.label} is not in our catalog for ${model.label}; its size is computed from ${how} (pass --model-size-gb for the real size)`;

/** Lower-case, Ollama tag colon to dash, provider and org prefixes dropped for the model name. */
function normalize(id: string): {full: string; name: string; bare: string} {
  const full = id.trim().toLowerCase().replace(/\s+/g, '-');
  const lastSegment = full.split('/').filter(Boolean).pop() ?? full;
  const bare = lastSegment.split(':')[0];
  const name = lastSegment.replace(/:/g, '-');
  return {full: full.replace(/:/g, '-'), name, bare};
}

function pickBuild(
  model: CatalogModel,
  full: string,
  ggufHint: boolean,
  officialBuild = model.official?.build,
): {build: ModelBuild; confidence: ModelMatch['confidence']; note?: string} {
  // MLX: "4bit", "4-bit", with an optional "gs32"/"gs64"; LM Studio's "minimax-m2.1-gs32" carries only the group size.
  const bits = /(?:^|[^0-9.])([2-8](?:\.[0-9]+)?)-?bits?(?![0-9])/.exec(full);
  const gs = /(?:^|[^a-z0-9])(?:gs|g)(32|64|128)(?![0-9])/.exec(full) ?? /gs(32|64|128)/.exec(full);
  if (bits || (gs && model.builds.some((b) => b.format === 'mlx'))) {
    const b = Number(bits?.[1] ?? 4);
    const id = mlxBuild(b, gs ? Number(gs[1]) : undefined)(model);
    const found = id ? catalogBuild(model, id) : undefined;
    if (!found && bits) {
      // The id says the bit width; a build we have no entry for is sized from it, never swapped for another.
      const group = gs ? Number(gs[1]) : 64;
      const made = computedBuild(model, `mlx-${b}bit-gs${group}`, `MLX ${b}-bit gs${group}`, b + 32 / group, 'mlx');
      return {
        build: made,
        confidence: 'likely',
        note: notInCatalog(model, made, `${b} bits + 32/${group} per weight${gs ? '' : " (MLX's default group size)"}`),
      };
    }
    if (found) {
      if (!bits) {
        return {
          build: found,
          confidence: 'likely',
          note: `the id gives the group size but not the bit width; assuming ${found.label} (pass --model-size-gb for the real size)`,
        };
      }
      return {
        build: found,
        confidence: gs ? 'exact' : 'likely',
        note: gs ? undefined : `group size not in the id; assuming MLX's default (${found.label})`,
      };
    }
  }
  for (const rule of BUILD_RULES) {
    if (!rule.test.test(full)) continue;
    const id = typeof rule.build === 'string' ? rule.build : rule.build(model);
    const found = id ? catalogBuild(model, id) : undefined;
    if (found) return {build: found, confidence: 'exact'};
  }
  // A GGUF quant type the catalog has no entry for: sized from its bits. Models that ship one native
  // quantization (gpt-oss: MXFP4) keep about that size whatever GGUF they are repackaged as.
  const quant = model.builds.length > 1 ? ggufQuant(full) : undefined;
  if (quant) {
    const listed = catalogBuild(model, quant.type);
    if (listed) return {build: listed, confidence: 'exact'};
    const made = computedBuild(model, quant.type, `GGUF ${quant.type.toUpperCase()}`, quant.bpw, 'gguf');
    return {
      build: made,
      confidence: 'likely',
      note: notInCatalog(
        model,
        made,
        `llama.cpp's typical ${quant.bpw} bits per weight for ${quant.type.toUpperCase()}`,
      ),
    };
  }
  if (
    model.official &&
    officialBuild &&
    (full.startsWith(`${model.official.org}/`) || full.includes(`/${model.official.org}/`))
  ) {
    const official = catalogBuild(model, officialBuild);
    if (official)
      return {
        build: official,
        confidence: 'likely',
        note: `the official ${model.official.org} release is ${official.label}`,
      };
  }
  let fallbackId = model.defaultBuild ?? model.builds[model.builds.length - 1].id;
  // "…-GGUF" or "…-MLX" without a quantization: that format's usual 4-bit build, not another format's.
  const format =
    ggufHint || /(^|[^a-z0-9])gguf([^a-z0-9]|$)/.test(full)
      ? 'gguf'
      : /(^|[^a-z0-9])mlx([^a-z0-9]|$)/.test(full)
        ? 'mlx'
        : undefined;
  if (format && catalogBuild(model, fallbackId)?.format !== format) {
    const usual =
      format === 'gguf' ? catalogBuild(model, 'q4_k_m') : model.builds.find((b) => b.id.startsWith('mlx-4bit'));
    if (usual) fallbackId = usual.id;
  }
  const fallback = catalogBuild(model, fallbackId) ?? model.builds[0];
  const only = model.builds.length === 1;
  return {
    build: fallback,
    confidence: only ? 'exact' : 'default-build',
    note: only
      ? undefined
      : `the id does not say which build; assuming ${fallback.label} (pass --model-size-gb for the real size)`,
  };
}

/**
 * True when the id states a total parameter count ("139b") that is not the
 * model's own: pruned (REAP) or distilled variants have another size, and
 * sizing them as the full model would be a guess presented as fact.
 */
function statesOtherSize(model: CatalogModel, full: string): boolean {
  // "a10b"/"a3b" (active params) are preceded by a letter, so they are not picked up.
  for (const m of full.matchAll(/(?:^|[^a-z0-9.])([0-9]+(?:\.[0-9]+)?)b(?![a-z0-9])/g)) {
    if (Math.abs(Number(m[1]) - model.totalParamsB) / model.totalParamsB > 0.12) return true;
  }
  return false;
}

/** Maps "minimax-m2.1-gs32", "lmstudio/qwen/qwen3-coder-30b", "qwen3-coder:30b" to a catalog build. */
export function matchModel(id: string): ModelMatch | undefined {
  if (typeof id !== 'string' || id.trim() === '') return undefined;
  const {full, name, bare} = normalize(id);
  let model: CatalogModel | undefined;
  let note: string | undefined;
  let officialBuild: string | undefined;
  let likely = false;
  for (const rule of MODEL_RULES) {
    if (rule.test.test(name) || rule.test.test(full.replace(/\//g, '-'))) {
      model = catalogModel(rule.model);
      note = rule.sibling;
      officialBuild = rule.officialBuild;
      likely = rule.sibling !== undefined;
      break;
    }
  }
  if (!model) {
    const tagless = bare === name || /-latest$/.test(name);
    const bareRule = tagless ? BARE_NAMES[bare] : undefined;
    if (bareRule) {
      model = catalogModel(bareRule.model);
      note = bareRule.note;
      likely = true;
    }
  }
  if (!model || statesOtherSize(model, full)) return undefined;
  // Ollama serves GGUF: an "ollama/…" ref or a "name:tag" id is a GGUF build.
  const raw = id.trim().toLowerCase();
  const ggufHint = /^ollama[^/]*\//.test(raw) || (raw.split('/').pop() ?? '').includes(':');
  const picked = pickBuild(model, full, ggufHint, officialBuild ?? model.official?.build);
  // Ollama's ":cloud" models (also "671b-cloud") run on Ollama's servers; the size is still the model's.
  const cloud = /:(?:[a-z0-9._-]*-)?cloud$/i.test(id.trim())
    ? "a :cloud tag runs on Ollama's servers, not on this machine; this is the estimate for running the same model locally"
    : undefined;
  const notes = [note, picked.note, cloud].filter((n): n is string => Boolean(n));
  const confidence: ModelMatch['confidence'] = picked.confidence === 'exact' && likely ? 'likely' : picked.confidence;
  return {model, build: picked.build, confidence, ...(notes.length ? {note: notes.join('; ')} : {})};
}

/** Every catalog model id, for help texts and errors. */
export function knownModelIds(): string[] {
  return CATALOG.map((m) => m.id);
}
