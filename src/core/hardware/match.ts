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
}

// Order matters: more specific names first ("120b" before "20b", "480b" before "30b").
const MODEL_RULES: ModelRule[] = [
  {model: 'minimax-m2.1', test: /minimax-?m2\.1(?![0-9])/},
  {model: 'minimax-m2.1', test: /minimax-?m2(\.[0-9])?(?![0-9])/, sibling: 'MiniMax M2/M2.5/M2.7 share M2.1\'s architecture and size'},
  {model: 'glm-4.7', test: /glm-?4\.7(?![0-9])(?!.*(flash|air))/},
  {model: 'glm-4.7', test: /glm-?4\.[56](?![0-9v])(?!.*(flash|air))/, sibling: 'GLM-4.5/4.6 share GLM-4.7\'s 355B architecture'},
  {model: 'kimi-k2-thinking', test: /kimi-?k2-?thinking/},
  {model: 'kimi-k2-thinking', test: /kimi-?k2(?![.0-9])/, sibling: 'Kimi K2 Instruct has the same size as K2 Thinking; its context may be 128K'},
  {model: 'qwen3-coder-480b', test: /qwen3-coder(-plus)?-480b/},
  {model: 'qwen3-coder-30b', test: /qwen3-coder-30b/},
  {model: 'qwen3-235b', test: /qwen3-235b/},
  {model: 'gpt-oss-120b', test: /gpt-oss-120b/},
  {model: 'gpt-oss-20b', test: /gpt-oss-20b/},
  {model: 'devstral-small-2', test: /devstral-small-2(?![0-9])/},
  {model: 'devstral-small', test: /devstral-small/},
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

/** Lower-case, Ollama tag colon to dash, provider and org prefixes dropped for the model name. */
function normalize(id: string): {full: string; name: string; bare: string} {
  const full = id.trim().toLowerCase().replace(/\s+/g, '-');
  const lastSegment = full.split('/').filter(Boolean).pop() ?? full;
  const bare = lastSegment.split(':')[0];
  const name = lastSegment.replace(/:/g, '-');
  return {full: full.replace(/:/g, '-'), name, bare};
}

function pickBuild(model: CatalogModel, full: string): {build: ModelBuild; confidence: ModelMatch['confidence']; note?: string} {
  // MLX: "4bit", "4-bit", with an optional "gs32"/"gs64"; LM Studio's "minimax-m2.1-gs32" carries only the group size.
  const bits = /(?:^|[^0-9])([2-8])-?bits?(?![0-9])/.exec(full);
  const gs = /(?:^|[^a-z0-9])(?:gs|g)(32|64|128)(?![0-9])/.exec(full) ?? /gs(32|64|128)/.exec(full);
  if (bits || (gs && model.builds.some((b) => b.format === 'mlx'))) {
    const b = Number(bits?.[1] ?? 4);
    const id = mlxBuild(b, gs ? Number(gs[1]) : undefined)(model);
    const found = id ? catalogBuild(model, id) : undefined;
    if (found) {
      if (!bits) {
        return {
          build: found,
          confidence: 'likely',
          note: `the id gives the group size but not the bit width; assuming ${found.label} (pass --model-size-gb for the real size)`,
        };
      }
      return {build: found, confidence: gs ? 'exact' : 'likely', note: gs ? undefined : `group size not in the id; assuming MLX's default (${found.label})`};
    }
  }
  for (const rule of BUILD_RULES) {
    if (!rule.test.test(full)) continue;
    const id = typeof rule.build === 'string' ? rule.build : rule.build(model);
    const found = id ? catalogBuild(model, id) : undefined;
    if (found) return {build: found, confidence: 'exact'};
  }
  if (model.official && (full.startsWith(`${model.official.org}/`) || full.includes(`/${model.official.org}/`))) {
    const official = catalogBuild(model, model.official.build);
    if (official) return {build: official, confidence: 'likely', note: `the official ${model.official.org} release is ${official.label}`};
  }
  const fallbackId = model.defaultBuild ?? model.builds[model.builds.length - 1].id;
  const fallback = catalogBuild(model, fallbackId) ?? model.builds[0];
  const only = model.builds.length === 1;
  return {
    build: fallback,
    confidence: only ? 'exact' : 'default-build',
    note: only ? undefined : `the id does not say which build; assuming ${fallback.label} (pass --model-size-gb for the real size)`,
  };
}

/** Maps "minimax-m2.1-gs32", "lmstudio/qwen/qwen3-coder-30b", "qwen3-coder:30b" to a catalog build. */
export function matchModel(id: string): ModelMatch | undefined {
  if (typeof id !== 'string' || id.trim() === '') return undefined;
  const {full, name, bare} = normalize(id);
  let model: CatalogModel | undefined;
  let note: string | undefined;
  let likely = false;
  for (const rule of MODEL_RULES) {
    if (rule.test.test(name) || rule.test.test(full.replace(/\//g, '-'))) {
      model = catalogModel(rule.model);
      note = rule.sibling;
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
  if (!model) return undefined;
  const picked = pickBuild(model, full);
  const notes = [note, picked.note].filter((n): n is string => Boolean(n));
  const confidence: ModelMatch['confidence'] = picked.confidence === 'exact' && likely ? 'likely' : picked.confidence;
  return {model, build: picked.build, confidence, ...(notes.length ? {note: notes.join('; ')} : {})};
}

/** Every catalog model id, for help texts and errors. */
export function knownModelIds(): string[] {
  return CATALOG.map((m) => m.id);
}
