import {describe, expect, it} from 'vitest';
import {classifyError} from '../../src/servers/index.js';

// Real error bodies as the servers send them (LM Studio, vLLM, LiteLLM,
// Ollama, llama.cpp, OpenRouter, OpenAI), with what the doctor must read out.
const OVERFLOW: [string, string, {promptTokens?: number; limit?: number; requested?: number}, string?][] = [
  [
    'LM Studio 0.4 (n_keep)',
    '{"error":"The number of tokens to keep from the initial prompt is greater than the context length (n_keep: 40210>= n_ctx: 32768). Try to load the model with a larger context length, or provide a shorter input."}',
    {promptTokens: 40210, limit: 32768},
    'lmstudio',
  ],
  [
    'LM Studio 0.4 (cannot truncate)',
    'Cannot truncate prompt with n_keep (5000) >= n_ctx (4096)',
    {promptTokens: 5000, limit: 4096},
    'lmstudio',
  ],
  [
    'LM Studio 0.3',
    'Trying to keep the first 9000 tokens when context the overflows. However, the model is loaded with context length of only 4096 tokens, which is not enough. Try to load the model with a larger context length, or provide a shorter input',
    {promptTokens: 9000, limit: 4096},
    'lmstudio',
  ],
  [
    'vLLM prompt too long',
    '{"error":{"message":"This model\'s maximum context length is 32768 tokens. However, your request has 40000 input tokens. Please reduce the length of the input messages.","type":"BadRequestError","param":null,"code":400}}',
    {limit: 32768, promptTokens: 40000},
    'vllm',
  ],
  [
    'vLLM output budget',
    '{"error":{"message":"\'max_tokens\' or \'max_completion_tokens\' is too large: 8000. This model\'s maximum context length is 32768 tokens and your request has 30000 input tokens (8000 > 32768 - 30000).","type":"BadRequestError","param":null,"code":400}}',
    {limit: 32768, promptTokens: 30000, requested: 38000},
    'vllm',
  ],
  [
    'vLLM newer engine',
    "The input (41000 tokens) is longer than the model's context length (32768 tokens).",
    {promptTokens: 41000, limit: 32768},
    'vllm',
  ],
  [
    'llama.cpp',
    '{"error":{"code":400,"message":"request (13392 tokens) exceeds the available context size (8192 tokens), try increasing it","type":"exceed_context_size_error","n_prompt_tokens":13392,"n_ctx":8192}}',
    {promptTokens: 13392, limit: 8192},
    'llamacpp',
  ],
  ['llama.cpp older wording', 'the request exceeds the available context size, try increasing it', {}, 'llamacpp'],
  [
    'LiteLLM wrapping llama.cpp',
    '{"error":{"message":"litellm.ContextWindowExceededError: litellm.BadRequestError: ContextWindowExceededError: OpenAIException - {\\"error\\":{\\"code\\":400,\\"message\\":\\"request (40000 tokens) exceeds the available context size (32768 tokens), try increasing it\\",\\"type\\":\\"exceed_context_size_error\\",\\"n_prompt_tokens\\":40000,\\"n_ctx\\":32768}}","type":null,"param":null,"code":"400"}}',
    {promptTokens: 40000, limit: 32768},
    'litellm',
  ],
  [
    'LiteLLM pre-call check',
    'litellm.BadRequestError: No models have context window large enough for this call.\nModel=local-qwen, Max Input Tokens=28672, Got=45196',
    {limit: 28672, promptTokens: 45196},
    'litellm',
  ],
  [
    'Ollama shift off',
    '{"error":"the prompt is longer than the context length currently available to the model; shorten the prompt, adjust the context length in settings, or use a model with a longer context length"}',
    {},
    'ollama',
  ],
  ['Ollama embeddings', '{"error":"the input length exceeds the context length"}', {}, 'ollama'],
  [
    'OpenRouter',
    '{"error":{"message":"This endpoint\'s maximum context length is 40960 tokens. However, you requested about 52000 tokens (48000 of text input, 4000 in the output). Please reduce the length of either one, or use the \\"middle-out\\" transform to compress your prompt automatically.","code":400}}',
    {limit: 40960, requested: 52000, promptTokens: 48000},
    'openrouter',
  ],
  [
    'OpenAI chat',
    '{"error":{"message":"This model\'s maximum context length is 8192 tokens. However, your messages resulted in 9100 tokens. Please reduce the length of the messages.","type":"invalid_request_error","param":"messages","code":"context_length_exceeded"}}',
    {limit: 8192, promptTokens: 9100},
  ],
  [
    'OpenAI responses',
    '{"error":{"code":"context_length_exceeded","message":"Your input exceeds the context window of this model. Please adjust your input and try again."}}',
    {},
  ],
  [
    'vLLM/OpenAI prompt + max_tokens',
    '{"error":{"message":"This model\'s maximum context length is 32768 tokens. However, you requested 40000 tokens (31808 in the messages, 8192 in the completion). Please reduce the length of the messages or completion.","type":"BadRequestError","param":null,"code":400}}',
    {limit: 32768, requested: 40000, promptTokens: 31808},
  ],
  [
    'Anthropic-style proxy',
    'prompt is too long: 210000 tokens > 200000 maximum',
    {promptTokens: 210000, limit: 200000},
  ],
];

describe('classifyError: context overflow', () => {
  it.each(OVERFLOW)('%s', (_name, text, numbers, server) => {
    const c = classifyError(text);
    expect(c.class.kind).toBe('context-overflow');
    expect(c.class).toEqual({kind: 'context-overflow', ...numbers});
    if (server) expect(c.server).toBe(server);
    expect(c.match && text.includes(c.match.replace(/…$/, ''))).toBe(true);
  });
});

const OTHERS: [string, string, Record<string, unknown>, string?][] = [
  [
    'LM Studio no model loaded',
    '{"error":{"message":"No models loaded. Please load a model in the developer page or use the \'lms load\' command.","type":"invalid_request_error","param":"model","code":null}}',
    {kind: 'not-loaded'},
    'lmstudio',
  ],
  [
    'LM Studio unknown model',
    '{"error":{"message":"Invalid model identifier \\"gpt-4o\\". Please specify a valid downloaded model (e.g., qwen/qwen3-8b, google/gemma-3-12b).","type":"invalid_request_error","param":"model","code":"model_not_found"}}',
    {kind: 'model-not-found', model: 'gpt-4o'},
    'lmstudio',
  ],
  [
    'LM Studio auth',
    '{"error":{"type":"invalid_request","code":"invalid_api_key","message":"An LM Studio API token is required to make requests to this server, but none was provided using the Authorization header using the \'Bearer\' scheme (i.e., \'Authorization: Bearer $LM_API_TOKEN\'). Learn more at: https://lmstudio.ai/docs/developer/core/authentication."}}',
    {kind: 'auth'},
    'lmstudio',
  ],
  [
    'LM Studio old build, no /v1/responses',
    '{"error":"Unexpected endpoint or method. (POST /v1/responses)"}',
    {kind: 'responses-unsupported'},
    'lmstudio',
  ],
  [
    'LM Studio crash',
    'The model has crashed without additional information. (Exit code: 137)',
    {kind: 'not-loaded'},
    'lmstudio',
  ],
  [
    'vLLM not served',
    '{"error":{"message":"The model `gpt-4o` does not exist.","type":"NotFoundError","param":"model","code":404}}',
    {kind: 'model-not-found', model: 'gpt-4o'},
    'vllm',
  ],
  [
    'vLLM legacy envelope',
    '{"object":"error","message":"The model `gpt-4o` does not exist.","type":"NotFoundError","param":null,"code":404}',
    {kind: 'model-not-found', model: 'gpt-4o'},
    'vllm',
  ],
  ['vLLM auth', '{"error":"Unauthorized"}', {kind: 'auth'}, 'vllm'],
  [
    'vLLM tools without flags',
    '{"error":{"message":"\\"auto\\" tool choice requires --enable-auto-tool-choice and --tool-call-parser to be set","type":"BadRequestError","param":null,"code":400}}',
    {kind: 'tools-unsupported'},
    'vllm',
  ],
  [
    'LiteLLM no key',
    '{"error":{"message":"Authentication Error, No api key passed in.","type":"auth_error","param":"None","code":"401"}}',
    {kind: 'auth'},
    'litellm',
  ],
  [
    'LiteLLM unknown model',
    '{"error":{"message":"/chat/completions: Invalid model name passed in model=Local-Qwen. Call `/v1/models` to view available models for your key.","type":"None","param":"None","code":"400"}}',
    {kind: 'model-not-found', model: 'Local-Qwen'},
    'litellm',
  ],
  [
    'LiteLLM backend down',
    '{"error":{"message":"No deployments available for selected model, Try again in 5 seconds. Passed model=local-qwen. pre-call-checks=False, allowed_model_region=n/a","type":"None","param":"None","code":"429"}}',
    {kind: 'refused'},
    'litellm',
  ],
  [
    'LiteLLM relayed refusal',
    'litellm.APIConnectionError: APIConnectionError: OpenAIException - [Errno 111] Connection refused',
    {kind: 'refused'},
  ],
  [
    'Ollama not pulled',
    '{"error":"model \'qwen3:14b\' not found"}',
    {kind: 'model-not-found', model: 'qwen3:14b'},
    'ollama',
  ],
  [
    'Ollama not pulled (scheduler)',
    'model "qwen3:14b" not found, try pulling it first',
    {kind: 'model-not-found', model: 'qwen3:14b'},
    'ollama',
  ],
  [
    'Ollama no tools',
    '{"error":"registry.ollama.ai/library/gemma:2b does not support tools"}',
    {kind: 'tools-unsupported'},
    'ollama',
  ],
  [
    'llama.cpp loading',
    '{"error":{"code":503,"message":"Loading model","type":"unavailable_error"}}',
    {kind: 'loading'},
    'llamacpp',
  ],
  [
    'llama.cpp auth',
    '{"error":{"code":401,"message":"Invalid API Key","type":"authentication_error"}}',
    {kind: 'auth'},
    'llamacpp',
  ],
  ['OpenRouter auth', '{"error":{"message":"No auth credentials found","code":401}}', {kind: 'auth'}, 'openrouter'],
  [
    'OpenRouter no tools',
    '{"error":{"message":"No endpoints found that support tool use","code":404}}',
    {kind: 'tools-unsupported'},
    'openrouter',
  ],
  [
    'OpenRouter bad id',
    'qwen/not-a-model is not a valid model ID',
    {kind: 'model-not-found', model: 'qwen/not-a-model'},
    'openrouter',
  ],
  ['OpenAI wrong key', 'Incorrect API key provided: sk-abc***xyz. You can find your API key at ...', {kind: 'auth'}],
  [
    'developer role rejected',
    "1 validation error: messages.0.role: 'developer' is not one of ['system', 'assistant', 'user', 'tool', 'function']",
    {kind: 'developer-role'},
  ],
  ['developer role (template)', 'Unsupported message role: developer', {kind: 'developer-role'}],
  ['timeout', 'Request timed out after 600 seconds', {kind: 'timeout'}],
  ['refused', 'connect ECONNREFUSED 127.0.0.1:1234', {kind: 'refused'}],
];

describe('classifyError: the matched excerpt', () => {
  it('holds every number of the "you requested" wording, the completion budget included', () => {
    const c = classifyError(OVERFLOW.find(([name]) => name === 'vLLM/OpenAI prompt + max_tokens')![1]);
    expect(c.match).toContain('(31808 in the messages, 8192 in the completion)');
  });
});

describe('classifyError: other classes', () => {
  it.each(OTHERS)('%s', (_name, text, cls, server) => {
    const c = classifyError(text);
    expect(c.class).toEqual(cls);
    if (server) expect(c.server).toBe(server);
  });

  it('unknown text stays unknown', () => {
    expect(classifyError('everything is fine').class).toEqual({kind: 'unknown'});
    expect(classifyError('').class).toEqual({kind: 'unknown'});
  });

  it('the old-build 404 of a route is not mistaken for a missing model', () => {
    expect(classifyError('{"error":{"code":404,"message":"File Not Found","type":"not_found_error"}}').class.kind).toBe(
      'unknown',
    );
  });
});

describe('classifyError on hostile input', () => {
  // A catastrophic backtrack on this input would run far past the test timeout.
  it('a megabyte without spaces stays unknown', () => {
    expect(classifyError('x'.repeat(1_000_000)).class.kind).toBe('unknown');
    expect(classifyError(`${'y'.repeat(500_000)} is not a valid model ID`).class.kind).toBe('unknown');
  });
});
