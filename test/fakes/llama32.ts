import {nvidiaProfile} from '../support/profiles.js';

/**
 * A model our catalog does not know, as a real Ollama serves it (llama3.2:3b), and the 16 GB card the tests judge it
 * on. Shared by the doctor/hardware tests and the app's hardware-screen test so both read the same server answer.
 */
/**
 * /api/show `model_info` of llama3.2:3b (Llama 3.2 3B Instruct, Q4_K_M), response shape of ollama docs/api.md
 * "Show Model Information"; these values as captured from a real server in pepperoni21/ollama-rs's
 * parse_show_model test. Tokenizer arrays are null without verbose=true.
 */
export const LLAMA32_MODEL_INFO = {
  'general.architecture': 'llama',
  'general.basename': 'Llama-3.2',
  'general.file_type': 15,
  'general.finetune': 'Instruct',
  'general.languages': ['en', 'de', 'fr', 'it', 'pt', 'hi', 'es', 'th'],
  'general.parameter_count': 3212749888,
  'general.quantization_version': 2,
  'general.size_label': '3B',
  'general.type': 'model',
  'llama.attention.head_count': 24,
  'llama.attention.head_count_kv': 8,
  'llama.attention.key_length': 128,
  'llama.attention.layer_norm_rms_epsilon': 0.00001,
  'llama.attention.value_length': 128,
  'llama.block_count': 28,
  'llama.context_length': 131072,
  'llama.embedding_length': 3072,
  'llama.feed_forward_length': 8192,
  'llama.rope.dimension_count': 128,
  'llama.rope.freq_base': 500000,
  'llama.vocab_size': 128256,
  'tokenizer.ggml.bos_token_id': 128000,
  'tokenizer.ggml.eos_token_id': 128009,
  'tokenizer.ggml.merges': null,
  'tokenizer.ggml.model': 'gpt2',
  'tokenizer.ggml.pre': 'llama-bpe',
  'tokenizer.ggml.token_type': null,
  'tokenizer.ggml.tokens': null,
};
export const LLAMA32_DETAILS = {
  parent_model: '',
  format: 'gguf',
  family: 'llama',
  families: ['llama'],
  parameter_size: '3.2B',
  quantization_level: 'Q4_K_M',
};
/** ollama.com/library/llama3.2: the 3b (latest) download is 2.0 GB. */
export const LLAMA32_BYTES = 2_019_393_189;
/** 2 × 28 layers × 8 KV heads × 128 × 2 bytes = 112 KiB per token (f16). */
export const KV_PER_TOKEN = 2 * 28 * 8 * 128 * 2;

/** The fake Ollama's model entry (test/fakes handlers: modelInfo → /api/show, ollamaDetails → details). */
export const LLAMA32_SERVED = {
  id: 'llama3.2:3b',
  loadedContext: 131072,
  maxContext: 131072,
  sizeBytes: LLAMA32_BYTES,
  modelInfo: LLAMA32_MODEL_INFO,
  ollamaDetails: LLAMA32_DETAILS,
};

/** A 16 GB NVIDIA card (the profile the doctor reads from OPENCLAW_LOCAL_DOCTOR_HARDWARE_FILE). */
export const GPU16 = nvidiaProfile({
  name: 'NVIDIA GeForce RTX 4080',
  memoryGB: 16,
  bandwidthGBps: 717,
  ramTotalGB: 64,
  ramAvailableGB: 48,
});
