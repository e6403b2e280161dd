/**
 * The whole command-line surface as data: parsing, --help and the README are
 * all derived from (or checked against) this table.
 */
export type FlagType = 'string' | 'boolean';

export interface FlagSpec {
  name: string;
  type: FlagType;
  short?: string;
  multiple?: boolean;
  /** Placeholder shown in help, e.g. "N" or "URL". */
  value?: string;
  description: string;
}

export interface CommandSpec {
  /** "setup", "config path", ... (sub-commands are space separated). */
  name: string;
  summary: string;
  usage: string;
  flags: FlagSpec[];
  examples: string[];
  /** Module under src/commands/ that exports `run(ctx)`. */
  module: string;
}

export const GLOBAL_FLAGS: FlagSpec[] = [
  {name: 'help', short: 'h', type: 'boolean', description: 'Show help (for a command: `<command> --help`).'},
  {name: 'version', short: 'v', type: 'boolean', description: 'Print the version and exit.'},
  {
    name: 'config',
    type: 'string',
    value: 'PATH',
    description: 'Use this openclaw.json instead of the one OpenClaw would pick.',
  },
  {name: 'profile', type: 'string', value: 'NAME', description: 'OpenClaw profile: ~/.openclaw-NAME/openclaw.json.'},
  {name: 'no-color', type: 'boolean', description: 'No colours (NO_COLOR is honoured too).'},
  {name: 'json', type: 'boolean', description: 'Machine-readable JSON on stdout (commands that support it).'},
];

const SETUP_FLAGS: FlagSpec[] = [
  {
    name: 'stack',
    type: 'string',
    value: 'ID',
    description: 'lmstudio | hybrid | local-first | regional | openai-compatible | ollama | llamacpp | exo',
  },
  {name: 'base-url', type: 'string', value: 'URL', description: "Server base URL (default: the stack's)."},
  {name: 'model', type: 'string', value: 'ID', description: 'Model id as the server serves it.'},
  {name: 'name', type: 'string', value: 'TEXT', description: 'Display name of the model.'},
  {name: 'context', type: 'string', value: 'N', description: 'contextWindow in tokens.'},
  {name: 'max-tokens', type: 'string', value: 'N', description: 'maxTokens for replies.'},
  {name: 'api', type: 'string', value: 'API', description: 'openai-responses | openai-completions | ollama'},
  {name: 'provider-id', type: 'string', value: 'ID', description: 'Provider id to write under models.providers.'},
  {name: 'primary', type: 'string', value: 'REF', description: 'Primary model ref (provider/model).'},
  {
    name: 'fallback',
    type: 'string',
    value: 'REF',
    multiple: true,
    description: 'Fallback model ref; repeat for several, in order.',
  },
  {
    name: 'region',
    type: 'string',
    value: 'REGION',
    description: 'regional stack: eu | us (OpenRouter provider pinning).',
  },
  {name: 'dry-run', type: 'boolean', description: 'Print the diff, write nothing.'},
  {name: 'yes', short: 'y', type: 'boolean', description: 'Write without asking (required when not on a terminal).'},
  {
    name: 'offline',
    type: 'boolean',
    description: "Do not ask the stack's server: the guide's model id and context as given.",
  },
  {
    name: 'wait-s',
    type: 'string',
    value: 'N',
    description: 'exo stack: seconds to wait for the placed model to load (default 600).',
  },
  {
    name: 'timeout-ms',
    type: 'string',
    value: 'N',
    description: 'Per-request timeout when asking a server (default 3000).',
  },
];

export const COMMANDS: CommandSpec[] = [
  {
    name: 'setup',
    summary: "Write one of the guide's local-model stacks into openclaw.json, in place.",
    usage: 'setup --stack ID [options]',
    flags: SETUP_FLAGS,
    examples: [
      'openclaw-local-doctor setup --stack lmstudio --dry-run',
      'openclaw-local-doctor setup --stack ollama --model qwen3-coder:30b --context 65536 --yes',
      'openclaw-local-doctor setup --stack openai-compatible --base-url http://127.0.0.1:8000/v1 --model Qwen/Qwen3-Coder-30B-A3B-Instruct --yes',
      'openclaw-local-doctor setup --stack exo --model mlx-community/MiniMax-M2.1-8bit --yes',
    ],
    module: 'setup',
  },
  {
    name: 'config path',
    summary: 'Show which openclaw.json OpenClaw would use, and why.',
    usage: 'config path [--json]',
    flags: [],
    examples: ['openclaw-local-doctor config path', 'openclaw-local-doctor --profile work config path --json'],
    module: 'config-path',
  },
  {
    name: 'config check',
    summary: 'Parse and validate openclaw.json: syntax, schema, model references, allowlist.',
    usage: 'config check [--json]',
    flags: [],
    examples: [
      'openclaw-local-doctor config check',
      'openclaw-local-doctor config check --config ./openclaw.json --json',
    ],
    module: 'config-check',
  },
  {
    name: 'hardware',
    summary: 'Detect GPU/VRAM/RAM, give the tier verdict and whether a model fits.',
    usage:
      'hardware [--json] [--hardware FILE] [--nodes N] [--model ID] [--context N] [--model-size-gb N] [--gguf PATH] [--kv-cache-type T] [--timeout-ms N]',
    flags: [
      {
        name: 'hardware',
        type: 'string',
        value: 'FILE',
        description: 'Evaluate a saved or hand-written hardware profile instead of this machine.',
      },
      {
        name: 'nodes',
        type: 'string',
        value: 'N',
        description: 'Number of identical machines in a cluster (e.g. 2 Mac Studios).',
      },
      {
        name: 'model',
        type: 'string',
        value: 'ID',
        description: 'Model id or ref to estimate (default: the configured primary).',
      },
      {
        name: 'context',
        type: 'string',
        value: 'N',
        description: 'Context in tokens (default: the configured contextWindow).',
      },
      {name: 'model-size-gb', type: 'string', value: 'N', description: 'Weights size for a model we do not know.'},
      {
        name: 'gguf',
        type: 'string',
        value: 'PATH',
        description: "Read the model's size and layers from a local GGUF file (header only).",
      },
      {
        name: 'kv-cache-type',
        type: 'string',
        value: 'T',
        description: 'KV cache type the server uses: f16 (default), q8_0, q4_0, fp8.',
      },
      {
        name: 'timeout-ms',
        type: 'string',
        value: 'N',
        description: 'Per-request timeout when asking the configured server or an exo cluster (default 3000).',
      },
    ],
    examples: [
      'openclaw-local-doctor hardware',
      'openclaw-local-doctor hardware --gguf ~/models/Qwen3.6-27B-Q4_K_M.gguf --kv-cache-type q8_0',
      'openclaw-local-doctor hardware --model minimax-m2.1-gs32 --context 65536',
      'openclaw-local-doctor hardware --hardware mac-studio.json --nodes 2 --json',
    ],
    module: 'hardware',
  },
  {
    name: 'servers',
    summary: 'Find local model servers (LM Studio, Ollama, vLLM, LiteLLM, llama.cpp) and what they have loaded.',
    usage: 'servers [--json] [--timeout-ms N]',
    flags: [
      {
        name: 'timeout-ms',
        type: 'string',
        value: 'N',
        description: 'Per-request timeout in milliseconds (default 3000).',
      },
    ],
    examples: ['openclaw-local-doctor servers', 'openclaw-local-doctor servers --json'],
    module: 'servers',
  },
  {
    name: 'doctor',
    summary: 'Run the troubleshooting checklist against the config and the real servers.',
    usage:
      'doctor [--json] [--fix [--yes | --dry-run]] [--add-fallback REF] [--probe] [--rehearse] [--only IDS] [--skip IDS] [--severity-min LEVEL] [--timeout-ms N]',
    flags: [
      {name: 'fix', type: 'boolean', description: 'Apply the config fixes (shows the diff; asks unless --yes).'},
      {name: 'yes', short: 'y', type: 'boolean', description: 'Apply fixes without asking.'},
      {name: 'dry-run', type: 'boolean', description: 'With --fix: print the diff of every fix, write nothing.'},
      {
        name: 'probe',
        type: 'boolean',
        description: 'Also send a tiny completion to measure cold start (may load a model).',
      },
      {
        name: 'rehearse',
        type: 'boolean',
        description:
          "Send the primary model OpenClaw's real request (its prompt and tools at full size, streamed) and measure load, first token, prefill and decode speed, tool calls and reasoning leaks (loads the model; waits up to --timeout-ms, default 300000 here, per answer).",
      },
      {
        name: 'only',
        type: 'string',
        value: 'IDS',
        description: 'Comma-separated check ids (prefixes like "config." work).',
      },
      {name: 'skip', type: 'string', value: 'IDS', description: 'Comma-separated check ids to skip.'},
      {
        name: 'severity-min',
        type: 'string',
        value: 'LEVEL',
        description: 'info | warning | error: lowest severity that makes the exit code 1 (default error).',
      },
      {
        name: 'timeout-ms',
        type: 'string',
        value: 'N',
        description: 'Per-request timeout in milliseconds (default 3000).',
      },
      {name: 'include-hosted', type: 'boolean', description: 'Also probe hosted providers over the network.'},
      {
        name: 'nodes',
        type: 'string',
        value: 'N',
        description: 'Number of identical machines (for the hardware checks).',
      },
      {
        name: 'add-fallback',
        type: 'string',
        value: 'REF',
        description: 'With --fix: add this hosted model as a fallback (never added otherwise).',
      },
    ],
    examples: [
      'openclaw-local-doctor doctor',
      'openclaw-local-doctor doctor --json --severity-min warning',
      'openclaw-local-doctor doctor --fix --yes',
      'openclaw-local-doctor doctor --rehearse',
    ],
    module: 'doctor',
  },
  {
    name: 'explain',
    summary: 'Explain a pasted OpenClaw or server error: cause and fix.',
    usage: 'explain "<error text>"   (or pipe the text on stdin)',
    flags: [],
    examples: [
      'openclaw-local-doctor explain "400 This model\'s maximum context length is 32768 tokens"',
      'tail -n 50 /tmp/openclaw/openclaw-2026-11-22.log | openclaw-local-doctor explain',
    ],
    module: 'explain',
  },
];

export function findCommand(positionals: string[]): {spec: CommandSpec; rest: string[]} | undefined {
  // Longest match first so "config path" wins over a hypothetical "config".
  const sorted = [...COMMANDS].sort((a, b) => b.name.split(' ').length - a.name.split(' ').length);
  for (const spec of sorted) {
    const words = spec.name.split(' ');
    if (words.every((w, i) => positionals[i] === w)) return {spec, rest: positionals.slice(words.length)};
  }
  return undefined;
}
