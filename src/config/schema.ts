/**
 * A zod 4 schema for the parts of openclaw.json this tool reads and writes,
 * mirroring OpenClaw 2026.9.6 (its schema is also zod 4, so messages read
 * the same). Strict where OpenClaw is strict (providers, model entries,
 * compat, compaction, the model object); everything else passes through.
 * OpenClaw itself, when installed, stays the final word (see openclaw.ts).
 */
import {z} from 'zod';
import type {ConfigIssue} from '../core/types/config.js';
import {MODEL_APIS, isBuiltInProviderId} from '../core/providers.js';

export {MODEL_APIS, BUILT_IN_PROVIDER_IDS, isBuiltInProviderId} from '../core/providers.js';

export const MODEL_INPUTS = ['text', 'image', 'video', 'audio'] as const;
export const THINKING_FORMATS = [
  'openai',
  'openrouter',
  'deepseek',
  'together',
  'qwen',
  'qwen-chat-template',
  'zai',
] as const;
export const THINKING_LEVELS = [
  'off',
  'minimal',
  'low',
  'medium',
  'high',
  'xhigh',
  'adaptive',
  'max',
  'ultra',
] as const;

/** Keys removed from agents.defaults.compaction; OpenClaw 2026.9 rejects them. */
export const REMOVED_COMPACTION_KEYS = [
  'reserveTokens',
  'reserveTokensFloor',
  'maxHistoryShare',
  'customInstructions',
  'identifierInstructions',
];

const LLM_REMOVED_HINT = 'removed; use models.providers.<id>.timeoutSeconds and agents.defaults.timeoutSeconds';

const SECRET_PROVIDER = /^[a-z][a-z0-9_-]{0,63}$/;
const ENV_ID = /^[A-Z][A-Z0-9_]{0,127}$/;

export const SecretRefSchema = z.discriminatedUnion('source', [
  z.strictObject({source: z.literal('env'), provider: z.string().regex(SECRET_PROVIDER), id: z.string().regex(ENV_ID)}),
  z.strictObject({source: z.literal('file'), provider: z.string().regex(SECRET_PROVIDER), id: z.string()}),
  z.strictObject({source: z.literal('exec'), provider: z.string().regex(SECRET_PROVIDER), id: z.string()}),
  z.strictObject({
    source: z.literal('store'),
    provider: z.string().regex(SECRET_PROVIDER),
    id: z.string().regex(ENV_ID),
  }),
]);
export const SecretInputSchema = z.union([z.string(), SecretRefSchema]);

const ModelApiSchema = z.enum(MODEL_APIS, {
  error: (issue) =>
    issue.input === 'openai-codex-responses'
      ? '"openai-codex-responses" is a removed api id; use "openai-chatgpt-responses"'
      : undefined,
});

const posInt = () => z.number().int().positive();
const record = <T extends z.ZodType>(v: T) => z.record(z.string(), v);
const RuntimePolicy = z.strictObject({id: z.string().optional()});

const RoutingCutoffs = z.union([
  z.number(),
  z.strictObject({
    p50: z.number().optional(),
    p75: z.number().optional(),
    p90: z.number().optional(),
    p99: z.number().optional(),
  }),
]);
const PriceValue = z.union([z.number(), z.string()]);

export const ModelCompatSchema = z.strictObject({
  supportsStore: z.boolean().optional(),
  supportsPromptCacheKey: z.boolean().optional(),
  supportsResponsesContinuation: z.boolean().optional(),
  supportsDeveloperRole: z.boolean().optional(),
  supportsReasoningEffort: z.boolean().optional(),
  supportsTemperature: z.boolean().optional(),
  supportsInstructions: z.boolean().optional(),
  supportsUsageInStreaming: z.boolean().optional(),
  supportsTools: z.boolean().optional(),
  codeMode: z.enum(['preferred', 'capable']).optional(),
  supportsStrictMode: z.boolean().optional(),
  supportsJsonSchemaResponseFormat: z.boolean().optional(),
  requiresStringContent: z.boolean().optional(),
  strictMessageKeys: z.boolean().optional(),
  visibleReasoningDetailTypes: z.array(z.string().min(1)).optional(),
  supportedReasoningEfforts: z.array(z.string().min(1)).optional(),
  reasoningEffortMap: z.record(z.string().min(1), z.string().min(1)).optional(),
  maxTokensField: z.enum(['max_completion_tokens', 'max_tokens']).optional(),
  thinkingFormat: z.enum(THINKING_FORMATS).optional(),
  requiresToolResultName: z.boolean().optional(),
  requiresAssistantAfterToolResult: z.boolean().optional(),
  requiresThinkingAsText: z.boolean().optional(),
  requiresReasoningContentOnAssistantMessages: z.boolean().optional(),
  toolSchemaProfile: z.string().optional(),
  unsupportedToolSchemaKeywords: z.array(z.string().min(1)).optional(),
  toolCallArgumentsEncoding: z.string().optional(),
  requiresOpenAiAnthropicToolPayload: z.boolean().optional(),
  openRouterRouting: z
    .strictObject({
      allow_fallbacks: z.boolean().optional(),
      require_parameters: z.boolean().optional(),
      data_collection: z.enum(['deny', 'allow']).optional(),
      zdr: z.boolean().optional(),
      enforce_distillable_text: z.boolean().optional(),
      order: z.array(z.string()).optional(),
      only: z.array(z.string()).optional(),
      ignore: z.array(z.string()).optional(),
      quantizations: z.array(z.string()).optional(),
      sort: z
        .union([z.string(), z.strictObject({by: z.string().optional(), partition: z.string().nullable().optional()})])
        .optional(),
      max_price: z
        .strictObject({
          prompt: PriceValue.optional(),
          completion: PriceValue.optional(),
          image: PriceValue.optional(),
          audio: PriceValue.optional(),
          request: PriceValue.optional(),
        })
        .optional(),
      preferred_min_throughput: RoutingCutoffs.optional(),
      preferred_max_latency: RoutingCutoffs.optional(),
    })
    .optional(),
  vercelGatewayRouting: z
    .strictObject({only: z.array(z.string()).optional(), order: z.array(z.string()).optional()})
    .optional(),
  zaiToolStream: z.boolean().optional(),
  cacheControlFormat: z.literal('anthropic').optional(),
  sendSessionAffinityHeaders: z.boolean().optional(),
  sendSessionIdHeader: z.boolean().optional(),
  supportsEagerToolInputStreaming: z.boolean().optional(),
  supportsLongCacheRetention: z.boolean().optional(),
});

const ThinkingLevelValue = z.string().nullable().optional();

export const ModelEntrySchema = z.strictObject({
  id: z.string().min(1),
  name: z.string().min(1),
  api: ModelApiSchema.optional(),
  baseUrl: z.string().min(1).optional(),
  reasoning: z.boolean().optional(),
  input: z.array(z.enum(MODEL_INPUTS)).optional(),
  cost: z
    .strictObject({
      input: z.number().optional(),
      output: z.number().optional(),
      cacheRead: z.number().optional(),
      cacheWrite: z.number().optional(),
      tieredPricing: z
        .array(
          z.strictObject({
            input: z.number(),
            output: z.number(),
            cacheRead: z.number(),
            cacheWrite: z.number(),
            range: z.union([z.tuple([z.number(), z.number()]), z.tuple([z.number()])]),
          }),
        )
        .optional(),
    })
    .optional(),
  contextWindow: z.number().positive().optional(),
  contextTokens: posInt().optional(),
  maxTokens: z.number().positive().optional(),
  thinkingLevelMap: z
    .strictObject({
      off: ThinkingLevelValue,
      minimal: ThinkingLevelValue,
      low: ThinkingLevelValue,
      medium: ThinkingLevelValue,
      high: ThinkingLevelValue,
      xhigh: ThinkingLevelValue,
      max: ThinkingLevelValue,
    })
    .optional(),
  params: record(z.unknown()).optional(),
  agentRuntime: RuntimePolicy.optional(),
  headers: record(z.string()).optional(),
  compat: ModelCompatSchema.optional(),
  mediaInput: z
    .strictObject({
      image: z
        .strictObject({
          maxBytes: posInt().optional(),
          maxPixels: posInt().optional(),
          maxSidePx: posInt().optional(),
          preferredSidePx: posInt().optional(),
          tokenMode: z.enum(['tile', 'detail', 'provider']).optional(),
        })
        .optional(),
    })
    .optional(),
  metadataSource: z.literal('models-add').optional(),
});

const RequestTls = z.strictObject({
  ca: SecretInputSchema.optional(),
  cert: SecretInputSchema.optional(),
  key: SecretInputSchema.optional(),
  passphrase: SecretInputSchema.optional(),
  serverName: z.string().optional(),
  insecureSkipVerify: z.boolean().optional(),
});

const ProviderRequestSchema = z.strictObject({
  headers: record(SecretInputSchema).optional(),
  auth: z
    .discriminatedUnion('mode', [
      z.strictObject({mode: z.literal('provider-default')}),
      z.strictObject({mode: z.literal('authorization-bearer'), token: SecretInputSchema}),
      z.strictObject({
        mode: z.literal('header'),
        headerName: z.string().min(1),
        value: SecretInputSchema,
        prefix: z.string().optional(),
      }),
    ])
    .optional(),
  proxy: z
    .discriminatedUnion('mode', [
      z.strictObject({mode: z.literal('env-proxy'), tls: RequestTls.optional()}),
      z.strictObject({mode: z.literal('explicit-proxy'), url: z.string().min(1), tls: RequestTls.optional()}),
    ])
    .optional(),
  tls: RequestTls.optional(),
  allowPrivateNetwork: z.boolean().optional(),
});

export const ProviderSchema = z.strictObject({
  baseUrl: z.string().optional(),
  apiKey: SecretInputSchema.optional(),
  auth: z.enum(['api-key', 'aws-sdk', 'oauth', 'token']).optional(),
  api: ModelApiSchema.optional(),
  maxTokens: z.number().positive().optional(),
  timeoutSeconds: posInt().optional(),
  region: z.string().min(1).optional(),
  injectNumCtxForOpenAICompat: z.boolean().optional(),
  params: record(z.unknown()).optional(),
  agentRuntime: RuntimePolicy.optional(),
  localService: z
    .strictObject({
      command: z.string().min(1),
      args: z.array(z.string()).optional(),
      cwd: z.string().min(1).optional(),
      env: record(z.string()).optional(),
      healthUrl: z.string().min(1).optional(),
      readyTimeoutMs: posInt().optional(),
      idleStopMs: z.number().int().nonnegative().optional(),
    })
    .optional(),
  headers: record(SecretInputSchema).optional(),
  authHeader: z.boolean().optional(),
  request: ProviderRequestSchema.optional(),
  models: z.array(ModelEntrySchema).optional(),
});

const ProvidersSchema = record(ProviderSchema).superRefine((providers, ctx) => {
  for (const [id, provider] of Object.entries(providers)) {
    if (isBuiltInProviderId(id)) continue;
    if (!provider.baseUrl) {
      ctx.addIssue({
        code: 'custom',
        path: [id, 'baseUrl'],
        message:
          'custom model providers must declare baseUrl; provider overlays without baseUrl are only supported for bundled providers',
      });
    }
    if (!Array.isArray(provider.models)) {
      ctx.addIssue({
        code: 'custom',
        path: [id, 'models'],
        message:
          'custom model providers must declare models; provider overlays without models are only supported for bundled providers',
      });
    }
  }
});

export const ModelsSchema = z.strictObject({
  mode: z.enum(['merge', 'replace']).optional(),
  providers: ProvidersSchema.optional(),
  catalogRefresh: z.strictObject({enabled: z.boolean().optional(), url: z.string().optional()}).optional(),
});

export const AgentModelSchema = z.union([
  z.string(),
  z.strictObject({primary: z.string().optional(), fallbacks: z.array(z.string()).optional()}),
]);

export const ModelAliasEntrySchema = z.strictObject({
  alias: z.string().optional(),
  params: record(z.unknown()).optional(),
  agentRuntime: RuntimePolicy.optional(),
  pickerRuntimes: z
    .array(
      z
        .string()
        .min(1)
        .max(128)
        .regex(/^[a-z][a-z0-9-]*$/),
    )
    .max(8)
    .optional(),
  codeMode: z.boolean().optional(),
  streaming: z.boolean().optional(),
});

const intOrString = z.union([z.number().int().nonnegative(), z.string()]);

export const CompactionSchema = z.strictObject({
  enabled: z.boolean().optional(),
  mode: z.enum(['default', 'safeguard']).optional(),
  provider: z.string().optional(),
  thinkingLevel: z.enum([...THINKING_LEVELS, 'inherit']).optional(),
  keepRecentTokens: posInt().optional(),
  identifierPolicy: z.enum(['strict', 'off']).optional(),
  recentTurnsPreserve: z.number().int().min(0).max(12).optional(),
  qualityGuard: z
    .strictObject({enabled: z.boolean().optional(), maxRetries: z.number().int().nonnegative().optional()})
    .optional(),
  midTurnPrecheck: z.strictObject({enabled: z.boolean().optional()}).optional(),
  postIndexSync: z.enum(['off', 'async', 'await']).optional(),
  postCompactionSections: z.array(z.string()).optional(),
  model: z.string().optional(),
  timeoutSeconds: posInt().optional(),
  memoryFlush: z
    .strictObject({
      enabled: z.boolean().optional(),
      model: z.string().optional(),
      softThresholdTokens: z.number().int().nonnegative().optional(),
      forceFlushTranscriptBytes: intOrString.optional(),
    })
    .optional(),
  maxActiveTranscriptBytes: intOrString.optional(),
  notifyUser: z.boolean().optional(),
});

const AgentDefaultsSchema = z
  .looseObject({
    model: AgentModelSchema.optional(),
    models: record(ModelAliasEntrySchema).optional(),
    modelPolicy: z.strictObject({allow: z.array(z.string()).optional()}).optional(),
    compaction: CompactionSchema.optional(),
    thinkingDefault: z.enum(THINKING_LEVELS).optional(),
    reasoningDefault: z.enum(['off', 'on', 'stream']).optional(),
    timeoutSeconds: z.number().int().nonnegative().optional(),
  })
  .superRefine((defaults, ctx) => {
    // agents.defaults is strict in OpenClaw; `llm` is the removed key users still have.
    if ('llm' in defaults)
      ctx.addIssue({
        code: 'custom',
        path: [],
        message: `Unrecognized key: "llm" (${LLM_REMOVED_HINT})`,
        params: {unknownKey: 'llm'},
      });
  });

const AgentsSchema = z.looseObject({defaults: AgentDefaultsSchema.optional()});

const ChannelsSchema = z.looseObject({
  // The WhatsApp plugin schema is strict; blockStreaming is a key people copy from old guides.
  whatsapp: z
    .looseObject({})
    .superRefine((wa, ctx) => {
      if ('blockStreaming' in wa)
        ctx.addIssue({
          code: 'custom',
          path: [],
          message: 'Unrecognized key: "blockStreaming"',
          params: {unknownKey: 'blockStreaming'},
        });
    })
    .optional(),
});

export const ConfigSchema = z.looseObject({
  $schema: z.string().optional(),
  models: ModelsSchema.optional(),
  agents: AgentsSchema.optional(),
  channels: ChannelsSchema.optional(),
});

type RawIssue = z.core.$ZodIssue;

function dotted(path: readonly PropertyKey[]): string {
  return path.map((p) => String(p)).join('.');
}

/** Pick the union branch that best matches the input (the one whose first error is not a top-level type mismatch). */
function bestBranch(branches: RawIssue[][]): RawIssue[] {
  let best = branches[0] ?? [];
  let bestScore = -1;
  for (const b of branches) {
    const rootTypeErrors = b.filter(
      (i) => i.path.length === 0 && (i.code === 'invalid_type' || i.code === 'invalid_value'),
    ).length;
    const score = rootTypeErrors === 0 ? 1000 - b.length : 0;
    if (score > bestScore) {
      best = b;
      bestScore = score;
    }
  }
  return best;
}

function flatten(issue: RawIssue, prefix: readonly PropertyKey[], out: ConfigIssue[]): void {
  const full = [...prefix, ...issue.path];
  if (issue.code === 'invalid_union' && 'errors' in issue && Array.isArray(issue.errors) && issue.errors.length) {
    const branch = bestBranch(issue.errors as RawIssue[][]);
    const onlyRootType = branch.every((i) => i.path.length === 0 && i.code === 'invalid_type');
    if (!onlyRootType) {
      for (const sub of branch) flatten(sub, full, out);
      return;
    }
  }
  if (issue.code === 'unrecognized_keys') {
    for (const key of issue.keys) {
      out.push({
        severity: 'error',
        code: 'unknown-key',
        message: `Unrecognized key: ${JSON.stringify(key)}`,
        path: dotted([...full, key]),
      });
    }
    return;
  }
  const unknownKey =
    issue.code === 'custom' ? (issue.params as {unknownKey?: string} | undefined)?.unknownKey : undefined;
  if (unknownKey) {
    out.push({severity: 'error', code: 'unknown-key', message: issue.message, path: dotted([...full, unknownKey])});
    return;
  }
  out.push({severity: 'error', code: 'schema', message: issue.message, path: full.length ? dotted(full) : '<root>'});
}

/**
 * Schema issues of a parsed (and $include/${VAR}-resolved) config. Paths are
 * dotted with array indexes as numbers ("models.providers.x.models.0.name");
 * an unknown key's path ends with the key itself. Never throws.
 */
export function validateSchema(value: unknown): ConfigIssue[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    const got = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
    return [
      {severity: 'error', code: 'schema', message: `Invalid input: expected object, received ${got}`, path: '<root>'},
    ];
  }
  let result;
  try {
    result = ConfigSchema.safeParse(value);
  } catch (err) {
    return [
      {
        severity: 'error',
        code: 'schema',
        message: `schema check failed: ${err instanceof Error ? err.message : String(err)}`,
        path: '<root>',
      },
    ];
  }
  if (result.success) return [];
  const out: ConfigIssue[] = [];
  for (const issue of result.error.issues) flatten(issue, [], out);
  return out;
}
