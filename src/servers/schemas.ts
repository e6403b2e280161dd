/**
 * Shapes of the server responses we read. Lenient on purpose: only the fields
 * we use are typed, unknown fields pass, and a field of the wrong type becomes
 * undefined instead of failing the whole answer (servers drift between versions).
 */
import {z} from 'zod';

const num = z.number().finite().nullish().catch(undefined);
const str = z.string().nullish().catch(undefined);
const bool = z.boolean().nullish().catch(undefined);

/** OpenAI-style `/v1/models` (every server), with the extras some add. */
export const OpenAiModelList = z.looseObject({
  data: z.array(
    z.looseObject({
      id: z.string(),
      owned_by: str,
      // vLLM, SGLang
      max_model_len: num,
      root: str,
      parent: str,
      // OpenRouter and a few others
      context_length: num,
      supported_parameters: z.array(z.string()).nullish().catch(undefined),
      // llama.cpp single-model
      meta: z.looseObject({n_ctx_train: num, n_ctx: num, size: num, n_params: num}).nullish().catch(undefined),
      // llama.cpp router mode
      status: z
        .looseObject({value: str, args: z.array(z.string()).nullish().catch(undefined), failed: bool})
        .nullish()
        .catch(undefined),
      path: str,
    }),
  ),
});

export const LmStudioV1Models = z.looseObject({
  models: z.array(
    z.looseObject({
      key: z.string(),
      type: str,
      display_name: str,
      format: str,
      architecture: str,
      params_string: str,
      quantization: z.looseObject({name: str, bits_per_weight: num}).nullish().catch(undefined),
      size_bytes: num,
      max_context_length: num,
      loaded_instances: z.array(
        z.looseObject({
          id: str,
          config: z.looseObject({context_length: num, parallel: num}).nullish().catch(undefined),
        }),
      ),
      capabilities: z.looseObject({trained_for_tool_use: bool, vision: bool}).nullish().catch(undefined),
    }),
  ),
});

export const LmStudioV0Models = z.looseObject({
  data: z.array(
    z.looseObject({
      id: z.string(),
      type: str,
      state: z.string(),
      max_context_length: num,
      loaded_context_length: num,
      quantization: str,
      compatibility_type: str,
      arch: str,
      capabilities: z.array(z.string()).nullish().catch(undefined),
    }),
  ),
});

export const VersionBody = z.looseObject({version: z.string()});

const OllamaDetails = z
  .looseObject({quantization_level: str, parameter_size: str, family: str})
  .nullish()
  .catch(undefined);

export const OllamaTags = z.looseObject({
  models: z
    .array(z.looseObject({name: z.string(), model: str, size: num, digest: str, details: OllamaDetails}))
    .nullish()
    .catch(undefined),
});

export const OllamaPs = z.looseObject({
  models: z
    .array(
      z.looseObject({
        name: z.string(),
        model: str,
        size: num,
        size_vram: num,
        expires_at: str,
        context_length: num,
        details: OllamaDetails,
      }),
    )
    .nullish()
    .catch(undefined),
});

export const OllamaShow = z.looseObject({
  parameters: str,
  model_info: z.record(z.string(), z.unknown()).nullish().catch(undefined),
  capabilities: z.array(z.string()).nullish().catch(undefined),
  details: OllamaDetails,
});

export const LlamaProps = z.looseObject({
  default_generation_settings: z.looseObject({n_ctx: num}).nullish().catch(undefined),
  build_info: str,
  model_path: str,
  total_slots: num,
  is_sleeping: bool,
});

export const LiteLlmModelInfo = z.looseObject({
  data: z.array(
    z.looseObject({
      model_name: z.string(),
      litellm_params: z.looseObject({model: str, api_base: str}).nullish().catch(undefined),
      model_info: z
        .looseObject({
          max_input_tokens: num,
          max_tokens: num,
          supports_function_calling: bool,
          litellm_provider: str,
          mode: str,
        })
        .nullish()
        .catch(undefined),
    }),
  ),
});
