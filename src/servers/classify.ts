/**
 * Classifies server error texts (bodies, SSE error events, log lines) into
 * the few failure classes the doctor acts on. Patterns come from the real
 * wordings of LM Studio, vLLM, LiteLLM, Ollama, llama.cpp, OpenRouter and
 * OpenAI; numbers (prompt tokens, limit) are extracted where the text has them.
 */
import type {ClassifiedError, ErrorClass, ServerKind} from '../core/types/servers.js';

type Overflow = Extract<ErrorClass, {kind: 'context-overflow'}>;

interface Rule {
  re: RegExp;
  server?: ServerKind;
  /** Extracts numbers from the match into the overflow class. */
  numbers?: (m: RegExpExecArray) => Omit<Overflow, 'kind'>;
}

const int = (s: string | undefined): number | undefined => {
  if (s === undefined) return undefined;
  const n = Number(s.replace(/[,_]/g, ''));
  return Number.isSafeInteger(n) ? n : undefined;
};

/** Most specific first: the first rule that matches gives the server and numbers. */
const OVERFLOW: Rule[] = [
  // llama.cpp (also quoted verbatim inside LiteLLM errors)
  {
    re: /request \((\d+) tokens\) exceeds the available context size \((\d+) tokens\)/i,
    server: 'llamacpp',
    numbers: (m) => ({promptTokens: int(m[1]), limit: int(m[2])}),
  },
  {
    re: /"n_prompt_tokens"\s*:\s*(\d+)\s*,\s*"n_ctx"\s*:\s*(\d+)/i,
    server: 'llamacpp',
    numbers: (m) => ({promptTokens: int(m[1]), limit: int(m[2])}),
  },
  {re: /exceeds the available context size/i, server: 'llamacpp'},
  {re: /exceed_context_size_error/i, server: 'llamacpp'},
  // LM Studio 0.4.x and 0.3.x
  {
    re: /n_keep:?\s*\(?(\d+)\)?\s*>=\s*n_ctx:?\s*\(?(\d+)/i,
    server: 'lmstudio',
    numbers: (m) => ({promptTokens: int(m[1]), limit: int(m[2])}),
  },
  {
    re: /keep the first (\d+) tokens when context the overflows[\s\S]{0,2000}?context length of only (\d+) tokens/i,
    server: 'lmstudio',
    numbers: (m) => ({promptTokens: int(m[1]), limit: int(m[2])}),
  },
  {re: /context length of only (\d+) tokens/i, server: 'lmstudio', numbers: (m) => ({limit: int(m[1])})},
  {re: /tokens to keep from the initial prompt is greater than the context length/i, server: 'lmstudio'},
  {re: /cannot truncate prompt with n_keep/i, server: 'lmstudio'},
  {re: /when context the overflows/i, server: 'lmstudio'},
  {re: /try to load the model with a larger context length/i, server: 'lmstudio'},
  // vLLM and OpenAI-style
  {
    re: /maximum context length is (\d+) tokens?\. However, your request has (\d+) input tokens/i,
    server: 'vllm',
    numbers: (m) => ({limit: int(m[1]), promptTokens: int(m[2])}),
  },
  {
    re: /'max_tokens' or 'max_completion_tokens' is too large: (\d+)\. This model's maximum context length is (\d+) tokens and your request has (\d+) input tokens/i,
    server: 'vllm',
    numbers: (m) => ({limit: int(m[2]), promptTokens: int(m[3]), requested: (int(m[3]) ?? 0) + (int(m[1]) ?? 0)}),
  },
  {re: /'max_tokens' or 'max_completion_tokens' is too large/i, server: 'vllm'},
  {
    re: /The input \((\d+) tokens\) is longer than the model's context length \((\d+) tokens\)/i,
    server: 'vllm',
    numbers: (m) => ({promptTokens: int(m[1]), limit: int(m[2])}),
  },
  {re: /is longer than the model's context length/i, server: 'vllm'},
  // OpenRouter
  {
    re: /endpoint's maximum context length is (\d+) tokens\. However, you requested about (\d+) tokens \((\d+) of text input/i,
    server: 'openrouter',
    numbers: (m) => ({limit: int(m[1]), requested: int(m[2]), promptTokens: int(m[3])}),
  },
  {re: /this endpoint's maximum context length is (\d+)/i, server: 'openrouter', numbers: (m) => ({limit: int(m[1])})},
  // OpenAI and most proxies
  {
    re: /maximum context length is (\d+) tokens?\. However, your messages resulted in (\d+) tokens/i,
    numbers: (m) => ({limit: int(m[1]), promptTokens: int(m[2])}),
  },
  {
    // The completion budget is requested minus messages; matched too so the excerpt shows it.
    re: /maximum context length is (\d+) tokens?\. However, you requested (\d+) tokens \((\d+) in the messages(?:, (\d+) in the completion\))?/i,
    numbers: (m) => ({limit: int(m[1]), requested: int(m[2]), promptTokens: int(m[3])}),
  },
  {re: /maximum context length is (\d+)/i, numbers: (m) => ({limit: int(m[1])})},
  {re: /your input exceeds the context window of this model/i},
  {re: /context_length_exceeded/i},
  // Ollama
  {re: /the prompt is longer than the context length currently available to the model/i, server: 'ollama'},
  {re: /the input length exceeds the context length/i, server: 'ollama'},
  {re: /input exceeds maximum context length/i, server: 'ollama'},
  // LiteLLM pre-call check
  {
    re: /no models have context window large enough[\s\S]{0,2000}?Max Input Tokens=(\d+), Got=(\d+)/i,
    server: 'litellm',
    numbers: (m) => ({limit: int(m[1]), promptTokens: int(m[2])}),
  },
  {re: /no models have context window large enough/i, server: 'litellm'},
  {re: /contextwindowexceedederror/i, server: 'litellm'},
  // Anthropic-style /v1/messages proxies
  {
    re: /prompt is too long: (\d+) tokens > (\d+) maximum/i,
    numbers: (m) => ({promptTokens: int(m[1]), limit: int(m[2])}),
  },
];

interface SimpleRule {
  re: RegExp;
  class: ErrorClass['kind'];
  server?: ServerKind;
  model?: (m: RegExpExecArray) => string | undefined;
}

const OTHERS: SimpleRule[] = [
  // Auth (§8F matcher plus the exact wordings)
  {re: /An LM Studio API token is required|LM Studio API token is invalid/i, class: 'auth', server: 'lmstudio'},
  {
    re: /Authentication Error, (No api key passed in|Invalid proxy server token passed)/i,
    class: 'auth',
    server: 'litellm',
  },
  {re: /key not allowed to access model/i, class: 'auth', server: 'litellm'},
  {re: /No auth credentials found/i, class: 'auth', server: 'openrouter'},
  {re: /"error"\s*:\s*"Unauthorized"/, class: 'auth', server: 'vllm'},
  {re: /Invalid API Key/, class: 'auth', server: 'llamacpp'},
  {
    re: /invalid[_ ]api[_ ]key|unauthori[sz]ed|authentication error|api token is required|no auth credentials|invalid proxy server token|incorrect api key|didn't provide an api key/i,
    class: 'auth',
  },
  // Model not found
  {re: /The model `([^`]+)` does not exist/, class: 'model-not-found', server: 'vllm', model: (m) => m[1]},
  {re: /Invalid model identifier "([^"]+)"/, class: 'model-not-found', server: 'lmstudio', model: (m) => m[1]},
  {
    re: /Invalid model name passed in model=([^\s.,]+)/,
    class: 'model-not-found',
    server: 'litellm',
    model: (m) => m[1],
  },
  {re: /model ['"]([^'"]+)['"] not found/i, class: 'model-not-found', server: 'ollama', model: (m) => m[1]},
  // Starts only after whitespace: from every position of a long word it would rescan up to 200 characters.
  {
    re: /(?<=^|\s)(\S{1,200}) is not a valid model ID/,
    class: 'model-not-found',
    server: 'openrouter',
    model: (m) => m[1],
  },
  {re: /model_not_found|model not found|no such model/i, class: 'model-not-found'},
  // Not loaded / load failures
  {re: /No models loaded\. Please load a model/i, class: 'not-loaded', server: 'lmstudio'},
  {re: /Model is unloaded|Failed to load model|The model has crashed/i, class: 'not-loaded', server: 'lmstudio'},
  // exo answers 404 {"detail": "No instance found for model X"} while no instance of X is placed (api/main.py).
  {re: /No instance found for model/i, class: 'not-loaded', server: 'exo'},
  {re: /model (is )?not loaded|no model (is )?loaded/i, class: 'not-loaded'},
  // Loading
  {
    re: /"message"\s*:\s*"Loading model"|\bLoading model\b[\s\S]{0,40}unavailable_error/i,
    class: 'loading',
    server: 'llamacpp',
  },
  // [ \t], not \s: with /m, \s* ran across every following blank line from each line start (quadratic).
  {re: /model is (still )?loading|^[ \t]*loading model[ \t]*$/im, class: 'loading'},
  // Tools
  {re: /does not support tools/i, class: 'tools-unsupported', server: 'ollama'},
  {re: /"auto" tool choice requires --enable-auto-tool-choice/i, class: 'tools-unsupported', server: 'vllm'},
  {re: /No endpoints found that support tool use/i, class: 'tools-unsupported', server: 'openrouter'},
  {
    re: /tool(s| calling| use)? (is |are )?not supported|does not support (function|tool) call/i,
    class: 'tools-unsupported',
  },
  // Responses API missing
  {re: /Unexpected endpoint or method\. \(POST \/v1\/responses\)/i, class: 'responses-unsupported', server: 'lmstudio'},
  {re: /\/v1\/responses\b.{0,60}(not found|not supported|unsupported|404)/i, class: 'responses-unsupported'},
  // developer role rejected by chat templates / validators
  {
    re: /\bdeveloper\b'?"? is not one of|(unsupported|invalid|unknown|unexpected) (message )?role:? ?['"`]?developer|role ['"`]?developer['"`]? is not (supported|allowed)/i,
    class: 'developer-role',
  },
  // Transport-ish texts (LiteLLM relays backend connection errors)
  {re: /ECONNREFUSED|Connection refused|\[Errno 111\]/i, class: 'refused'},
  {re: /No deployments available for selected model/i, class: 'refused', server: 'litellm'},
  {re: /ETIMEDOUT|timed out|\btimeout\b|deadline exceeded/i, class: 'timeout'},
];

/** Error texts are short; a huge body is cut so no pattern can run long. */
const MAX_CLASSIFY_CHARS = 16_384;

export function classifyError(text: string): ClassifiedError {
  const raw = (typeof text === 'string' ? text : String(text ?? '')).slice(0, MAX_CLASSIFY_CHARS);
  // Bodies often arrive JSON-escaped (or nested, as LiteLLM does): match on the unescaped text.
  const input = raw.replace(/\\(["'\\/])/g, '$1').replace(/\\n/g, '\n');
  for (const rule of OVERFLOW) {
    const m = rule.re.exec(input);
    if (!m) continue;
    const numbers = rule.numbers ? rule.numbers(m) : {};
    const cls: Overflow = {kind: 'context-overflow'};
    if (numbers.promptTokens !== undefined) cls.promptTokens = numbers.promptTokens;
    if (numbers.limit !== undefined) cls.limit = numbers.limit;
    if (numbers.requested !== undefined) cls.requested = numbers.requested;
    // A LiteLLM wrapper around a backend's text: say LiteLLM, keep the backend's numbers.
    const server = /contextwindowexceedederror/i.test(input) ? 'litellm' : rule.server;
    return {class: cls, ...(server ? {server} : {}), match: excerpt(m)};
  }
  for (const rule of OTHERS) {
    const m = rule.re.exec(input);
    if (!m) continue;
    let cls: ErrorClass;
    if (rule.class === 'model-not-found') {
      const model = rule.model?.(m);
      cls = model ? {kind: 'model-not-found', model} : {kind: 'model-not-found'};
    } else {
      cls = {kind: rule.class} as ErrorClass;
    }
    return {class: cls, ...(rule.server ? {server: rule.server} : {}), match: excerpt(m)};
  }
  return {class: {kind: 'unknown'}};
}

function excerpt(m: RegExpExecArray): string {
  return m[0].length > 300 ? `${m[0].slice(0, 300)}…` : m[0];
}
