/**
 * Our own verdict on a loaded config: syntax, duplicate keys, $include and
 * ${VAR}, the zod schema, model references and the allowlist trap. Every
 * issue carries a severity; line/column point into the main file when the
 * path can be found there.
 */
import {resolveConfigValue} from './include.js';
import {parseJson5Document, positionOf, type ValueNode} from './json5/index.js';
import {validateSchema} from './schema.js';
import {isBuiltInProviderId, isLocalBuiltInProviderId} from '../core/providers.js';
import type {ConfigIssue, JsonPath, LoadedConfig} from '../core/types/config.js';
import {OPENCLAW_MIN_CONTEXT} from '../core/findings/context.js';

export interface CheckOptions {
  /** Variables for ${VAR} (default: process.env). */
  env?: NodeJS.ProcessEnv;
}

/** Root keys of OpenClaw 2026.9.6 (the root object is strict there). */
export const KNOWN_ROOT_KEYS: ReadonlySet<string> = new Set([
  '$schema',
  'meta',
  'env',
  'wizard',
  'diagnostics',
  'logging',
  'update',
  'telemetry',
  'browser',
  'ui',
  'secrets',
  'auth',
  'accessGroups',
  'acp',
  'models',
  'nodeHost',
  'agents',
  'worktreeRoot',
  'worktreeAcceleration',
  'tools',
  'security',
  'bindings',
  'broadcast',
  'attachments',
  'messages',
  'tts',
  'commands',
  'approvals',
  'session',
  'cron',
  'transcripts',
  'hooks',
  'channels',
  'discovery',
  'talk',
  'gateway',
  'cloudWorkers',
  'desktop',
  'memory',
  'mcp',
  'skills',
  'plugins',
  'surfaces',
  'proxy',
]);

/** agents.defaults keys of OpenClaw 2026.9.6 (strict there). */
export const KNOWN_AGENT_DEFAULTS_KEYS: ReadonlySet<string> = new Set([
  'params',
  'model',
  'modelSelectionScope',
  'utilityModel',
  'decisionModel',
  'imageModel',
  'mediaModels',
  'voiceModel',
  'pdfModel',
  'pdfMaxMb',
  'pdfMaxPages',
  'models',
  'modelPolicy',
  'workspace',
  'cwd',
  'skills',
  'silentReply',
  'repoRoot',
  'skipBootstrap',
  'skipOptionalBootstrapFiles',
  'contextInjection',
  'bootstrapMaxChars',
  'bootstrapTotalMaxChars',
  'experimental',
  'userTimezone',
  'startupContext',
  'contextPruning',
  'compaction',
  'embeddedAgent',
  'thinkingDefault',
  'fastModeDefault',
  'verboseDefault',
  'toolProgressDetail',
  'reasoningDefault',
  'elevatedDefault',
  'blockStreamingDefault',
  'blockStreamingBreak',
  'timeoutSeconds',
  'mediaMaxMb',
  'imageMaxDimensionPx',
  'imageQuality',
  'typingIntervalSeconds',
  'systemAgent',
  'authInheritance',
  'sessionStore',
  'maxConcurrent',
  'subagents',
  'contextLimits',
  'blockStreamingChunk',
  'blockStreamingCoalesce',
  'humanDelay',
  'typingMode',
  'heartbeat',
  'sandbox',
]);

/** Keys OpenClaw migrates in memory (reported as warnings by `config validate`, not errors). */
const MIGRATED_KEYS: Record<string, string> = {
  'agents.list': 'legacy agents.list; OpenClaw moves it to agents.entries',
  'agents.defaults.contextTokens':
    'legacy agents.defaults.contextTokens; OpenClaw drops it in favour of per-model contextTokens',
};

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

interface PathedIssue extends ConfigIssue {
  jsonPath?: JsonPath;
}

function toJsonPath(dotted: string | undefined): JsonPath | undefined {
  if (!dotted || dotted === '<root>') return dotted === '<root>' ? [] : undefined;
  return dotted.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function dottedOf(path: JsonPath): string {
  return path.length ? path.map(String).join('.') : '<root>';
}

interface Pos {
  line: number;
  column: number;
}

/**
 * Line/column (1-based, as json5 counts them) of the deepest part of `path`
 * found in the text: the key for object members, the element for array
 * items. For a duplicated key, the last occurrence (the one JSON5 keeps).
 */
export function locatePath(text: string, path: JsonPath): Pos | undefined {
  const root = parseRoot(text);
  return root && locateIn(text, root, path);
}

function parseRoot(text: string): ValueNode | undefined {
  try {
    return parseJson5Document(text, {tokens: false}).root;
  } catch {
    return undefined;
  }
}

function locateIn(text: string, root: ValueNode, path: JsonPath): Pos {
  let node = root;
  let found = positionOf(text, node.start);
  for (const seg of path) {
    if (node.type === 'object') {
      const member = node.members.findLast((m) => m.key === String(seg));
      if (!member) break;
      found = positionOf(text, member.keyStart);
      node = member.value;
    } else if (node.type === 'array' && typeof seg === 'number' && seg < node.elements.length) {
      node = node.elements[seg].value;
      found = positionOf(text, node.start);
    } else break;
  }
  return found;
}

// ---------------------------------------------------------------------------
// Model references and the allowlist.

interface RefUse {
  ref: string;
  path: JsonPath;
  role: 'primary' | 'fallback' | 'alias-key' | 'agent';
}

function modelRefsOf(model: unknown, base: JsonPath, primaryRole: RefUse['role']): RefUse[] {
  const out: RefUse[] = [];
  if (typeof model === 'string') out.push({ref: model, path: base, role: primaryRole});
  else if (isObj(model)) {
    if (typeof model.primary === 'string')
      out.push({ref: model.primary, path: [...base, 'primary'], role: primaryRole});
    if (Array.isArray(model.fallbacks)) {
      model.fallbacks.forEach((f, i) => {
        if (typeof f === 'string')
          out.push({ref: f, path: [...base, 'fallbacks', i], role: primaryRole === 'agent' ? 'agent' : 'fallback'});
      });
    }
  }
  return out;
}

interface ProviderInfo {
  id: string;
  builtIn: boolean;
  modelIds: string[] | undefined;
}

function providerMap(value: Obj): Map<string, ProviderInfo> {
  const map = new Map<string, ProviderInfo>();
  const providers = isObj(value.models) && isObj(value.models.providers) ? value.models.providers : {};
  for (const [id, p] of Object.entries(providers)) {
    const models =
      isObj(p) && Array.isArray(p.models)
        ? p.models.map((m) => (isObj(m) ? str(m.id) : undefined)).filter((x): x is string => !!x)
        : undefined;
    map.set(id.trim().toLowerCase(), {id, builtIn: isBuiltInProviderId(id), modelIds: models});
  }
  return map;
}

function checkRef(
  use: RefUse,
  providers: Map<string, ProviderInfo>,
  aliases: Map<string, string>,
): PathedIssue | undefined {
  const where =
    use.role === 'alias-key'
      ? 'agents.defaults.models key'
      : use.role === 'primary'
        ? 'primary model'
        : use.role === 'fallback'
          ? 'fallback model'
          : 'agent model';
  const at = {jsonPath: use.path, path: dottedOf(use.path), ref: use.ref};
  const ref = use.ref.trim();
  if (ref.includes('${')) return undefined; // unresolved ${VAR}: reported as env-var already
  const slash = ref.indexOf('/');
  if (slash === -1 && ref !== '') {
    if (use.role !== 'alias-key' && aliases.has(ref)) return undefined;
    // OpenClaw: a bare id goes to the one configured provider that lists it, else to its default provider (openai).
    const owners = [...providers.values()].filter((p) => p.modelIds?.includes(ref));
    if (owners.length === 1) return undefined;
    return {
      severity: 'warning',
      code: 'model-ref',
      message: `${where} ${JSON.stringify(use.ref)} has no provider prefix and matches no alias${
        owners.length > 1 ? ` (several providers list it: ${owners.map((o) => o.id).join(', ')})` : ''
      }; OpenClaw then uses its default provider ("openai/${ref}"). Write "provider/model"`,
      ...at,
    };
  }
  if (slash <= 0 || slash === ref.length - 1) {
    return {
      severity: use.role === 'primary' ? 'error' : 'warning',
      code: 'model-ref',
      message: `${where} ${JSON.stringify(use.ref)} is not a "provider/model" reference`,
      ...at,
    };
  }
  const providerId = ref.slice(0, slash);
  const modelId = ref.slice(slash + 1);
  const provider = providers.get(providerId.toLowerCase());
  const builtIn = isBuiltInProviderId(providerId);
  // "vllm/*" is how OpenClaw is told to list a provider's discovered models.
  if (modelId === '*' && (provider || builtIn)) return undefined;
  if (!provider) {
    if (builtIn && isLocalBuiltInProviderId(providerId)) {
      return {
        severity: 'info',
        code: 'model-ref',
        message: `${where} ${JSON.stringify(use.ref)}: provider "${providerId}" is not under models.providers; OpenClaw only finds it by discovery`,
        ...at,
      };
    }
    if (builtIn) return undefined; // bundled catalog
    return {
      severity: 'warning',
      code: 'model-ref',
      message: `${where} ${JSON.stringify(use.ref)}: provider "${providerId}" is not defined under models.providers (and is not a bundled provider)`,
      ...at,
    };
  }
  if (!provider.modelIds || provider.modelIds.length === 0) return undefined; // discovery / bundled catalog
  if (provider.modelIds.includes(modelId)) return undefined;
  const caseOnly = provider.modelIds.find((m) => m.toLowerCase() === modelId.toLowerCase());
  const hint = caseOnly ? ` (did you mean "${provider.id}/${caseOnly}"? ids are case-sensitive)` : '';
  const listed = provider.modelIds.length <= 5 ? `; defined: ${provider.modelIds.join(', ')}` : '';
  // A custom provider with an explicit list has nothing else to resolve from.
  const hard = !provider.builtIn && (use.role === 'primary' || use.role === 'fallback' || use.role === 'agent');
  return {
    severity: hard ? 'error' : 'warning',
    code: 'model-ref',
    message: `${where} ${JSON.stringify(use.ref)}: models.providers.${provider.id}.models has no id "${modelId}"${hint}${listed}`,
    ...at,
  };
}

function allowMatches(allow: string[], ref: string, aliases: Map<string, string>): boolean {
  const target = aliases.get(ref) ?? ref;
  const slash = target.indexOf('/');
  const provider = slash > 0 ? target.slice(0, slash).toLowerCase() : undefined;
  return allow.some((a) => {
    const entry = a.trim();
    if (entry === target || entry === '*') return true;
    if (entry.endsWith('/*') && provider !== undefined) return entry.slice(0, -2).toLowerCase() === provider;
    if (entry.toLowerCase() === target.toLowerCase()) return true;
    return false;
  });
}

function semanticIssues(value: Obj): PathedIssue[] {
  const out: PathedIssue[] = [];
  const agents = isObj(value.agents) ? value.agents : undefined;
  const defaults = agents && isObj(agents.defaults) ? agents.defaults : undefined;

  for (const key of Object.keys(value)) {
    if (!KNOWN_ROOT_KEYS.has(key)) {
      out.push({
        severity: 'warning',
        code: 'unknown-key',
        message: `Unrecognized key: ${JSON.stringify(key)} (OpenClaw 2026.9.6 rejects unknown top-level keys)${key === 'providers' ? '; providers belong under models.providers' : ''}`,
        path: key,
        jsonPath: [key],
      });
    }
  }
  if (agents && 'list' in agents)
    out.push({
      severity: 'info',
      code: 'legacy-key',
      message: MIGRATED_KEYS['agents.list'],
      path: 'agents.list',
      jsonPath: ['agents', 'list'],
    });
  if (defaults) {
    for (const key of Object.keys(defaults)) {
      if (key === 'llm') continue; // schema error already
      if (key === 'contextTokens') {
        out.push({
          severity: 'info',
          code: 'legacy-key',
          message: MIGRATED_KEYS['agents.defaults.contextTokens'],
          path: 'agents.defaults.contextTokens',
          jsonPath: ['agents', 'defaults', key],
        });
      } else if (!KNOWN_AGENT_DEFAULTS_KEYS.has(key)) {
        out.push({
          severity: 'warning',
          code: 'unknown-key',
          message: `Unrecognized key: ${JSON.stringify(key)} (OpenClaw 2026.9.6 rejects unknown keys in agents.defaults)`,
          path: `agents.defaults.${key}`,
          jsonPath: ['agents', 'defaults', key],
        });
      }
    }
  }

  out.push(...tokenNumberIssues(value));
  const providers = providerMap(value);
  const aliasEntries = defaults && isObj(defaults.models) ? defaults.models : {};
  const aliases = new Map<string, string>();
  for (const [key, entry] of Object.entries(aliasEntries))
    if (isObj(entry) && typeof entry.alias === 'string') aliases.set(entry.alias, key);

  const uses: RefUse[] = defaults ? modelRefsOf(defaults.model, ['agents', 'defaults', 'model'], 'primary') : [];
  for (const key of Object.keys(aliasEntries))
    uses.push({ref: key, path: ['agents', 'defaults', 'models', key], role: 'alias-key'});
  const entries = agents && isObj(agents.entries) ? Object.entries(agents.entries) : [];
  for (const [id, entry] of entries)
    if (isObj(entry)) uses.push(...modelRefsOf(entry.model, ['agents', 'entries', id, 'model'], 'agent'));
  if (agents && Array.isArray(agents.list)) {
    agents.list.forEach((entry, i) => {
      if (isObj(entry)) uses.push(...modelRefsOf(entry.model, ['agents', 'list', i, 'model'], 'agent'));
    });
  }
  for (const use of uses) {
    const issue = checkRef(use, providers, aliases);
    if (issue) out.push(issue);
  }

  // Allowlist trap: a non-empty modelPolicy.allow blocks every model not on it.
  const policy = defaults && isObj(defaults.modelPolicy) ? defaults.modelPolicy : undefined;
  const allow =
    policy && Array.isArray(policy.allow) ? policy.allow.filter((a): a is string => typeof a === 'string') : undefined;
  const inUse = uses.filter((u) => u.role !== 'alias-key' && !u.ref.includes('${'));
  if (allow && allow.length > 0) {
    for (const use of inUse) {
      if (allowMatches(allow, use.ref.trim(), aliases)) continue;
      out.push({
        severity: use.role === 'primary' ? 'error' : 'warning',
        code: 'allowlist',
        message: `${JSON.stringify(use.ref)} is in use but missing from agents.defaults.modelPolicy.allow, so OpenClaw answers "model not allowed"; add it there`,
        path: dottedOf(use.path),
        jsonPath: use.path,
      });
    }
  } else if (!allow) {
    // OpenClaw's next own write copies the agents.defaults.models keys into modelPolicy.allow
    // (materializeModelPolicyAllowlist) unless the migration is recorded in meta.
    const meta = isObj(value.meta) ? value.meta : undefined;
    const migrations = meta && isObj(meta.migrations) ? meta.migrations : undefined;
    const keys = Object.keys(aliasEntries);
    if (keys.length > 0 && !(migrations && 'modelPolicyAllowlist' in migrations)) {
      for (const use of inUse) {
        if (allowMatches(keys, use.ref.trim(), aliases)) continue;
        out.push({
          severity: 'warning',
          code: 'allowlist',
          message: `${JSON.stringify(use.ref)} is not a key of agents.defaults.models; OpenClaw's next write turns those keys into modelPolicy.allow, which would then block it`,
          path: dottedOf(use.path),
          jsonPath: use.path,
        });
      }
    }
  }
  return out;
}

/**
 * Token numbers of each model entry. OpenClaw 2026.9.6's schema takes any positive number
 * (zod-schema.core: contextWindow/maxTokens `number().positive()`), so these are not schema errors;
 * but its context-window guard (dist/context-window-guard-*.mjs, CONTEXT_WINDOW_HARD_MIN_TOKENS = 4e3)
 * refuses the model below 4,000 tokens at run time, a fraction of a token means nothing to a server,
 * and a reply budget as large as the window leaves no room for the prompt.
 */
function tokenNumberIssues(value: Obj): PathedIssue[] {
  const out: PathedIssue[] = [];
  const providers = isObj(value.models) && isObj(value.models.providers) ? value.models.providers : {};
  for (const [id, p] of Object.entries(providers)) {
    if (!isObj(p) || !Array.isArray(p.models)) continue;
    p.models.forEach((m, i) => {
      if (!isObj(m)) return;
      const at = (key: string): Pick<PathedIssue, 'path' | 'jsonPath'> => ({
        path: `models.providers.${id}.models.${i}.${key}`,
        jsonPath: ['models', 'providers', id, 'models', i, key],
      });
      for (const key of ['contextWindow', 'contextTokens', 'maxTokens']) {
        const n = m[key];
        if (typeof n === 'number' && n > 0 && Number.isFinite(n) && !Number.isInteger(n)) {
          out.push({
            severity: 'warning',
            code: 'token-number',
            message: `${key} ${n} is not a whole number of tokens`,
            ...at(key),
          });
        }
      }
      const window =
        typeof m.contextTokens === 'number'
          ? m.contextTokens
          : typeof m.contextWindow === 'number'
            ? m.contextWindow
            : undefined;
      const windowKey = typeof m.contextTokens === 'number' ? 'contextTokens' : 'contextWindow';
      if (window !== undefined && window > 0 && window < OPENCLAW_MIN_CONTEXT) {
        out.push({
          severity: 'error',
          code: 'token-number',
          message: `${windowKey} ${window} is below OpenClaw's minimum of ${OPENCLAW_MIN_CONTEXT} tokens: OpenClaw refuses to use this model ("Model context window too small")`,
          ...at(windowKey),
        });
      }
      const max = m.maxTokens;
      if (typeof max === 'number' && window !== undefined && max > 0 && window > 0 && max >= window) {
        out.push({
          severity: 'warning',
          code: 'token-number',
          message: `maxTokens ${max} is not below ${windowKey} ${window}: the reply budget leaves no room for the prompt`,
          ...at('maxTokens'),
        });
      }
    });
  }
  return out;
}

const SEVERITY_ORDER = {error: 0, warning: 1, info: 2} as const;

/** Our zod schema + duplicate keys + model refs + allowlist trap. */
export function checkConfig(loaded: LoadedConfig, opts: CheckOptions = {}): ConfigIssue[] {
  if (loaded.readError) return [{severity: 'error', code: 'read', message: loaded.readError}];
  if (!loaded.exists) {
    return [
      {
        severity: 'error',
        code: 'missing',
        message: `no config file at ${loaded.path}; create one for a local model with \`openclaw-local-doctor setup --stack lmstudio\` (or another stack), or run \`openclaw onboard\``,
      },
    ];
  }
  if (loaded.parseError && loaded.text.trim() === '') {
    // What OpenClaw 2026.9.6 does with it too: `config validate` says "JSON5 parse failed: invalid end of input".
    // `setup` fills an empty file (nothing in it to keep); the doctor and the app say the same.
    return [
      {
        severity: 'error',
        code: 'parse',
        message:
          'the file is empty: OpenClaw refuses an empty config too (JSON5: invalid end of input); `openclaw-local-doctor setup` fills it',
      },
    ];
  }
  if (loaded.parseError) {
    const {message, line, column, hint} = loaded.parseError;
    // The position is in line/column; the message says it only when they are missing.
    const text = line > 0 ? message.replace(/ at \d+:\d+$/, '') : message;
    return [
      {
        severity: 'error',
        code: 'parse',
        message: `JSON5 syntax error: ${text}${hint ? `; ${hint}` : ''}`,
        ...(line > 0 ? {line, column} : {}),
      },
    ];
  }
  const issues: PathedIssue[] = [];
  for (const d of loaded.duplicateKeys) {
    issues.push({
      severity: 'warning',
      code: 'duplicate-key',
      message: `key appears more than once in the same object; JSON5 (and OpenClaw) keep only the last one`,
      path: d.path,
      line: d.line,
      column: d.column,
    });
  }
  const unlisted = (loaded.duplicateKeyCount ?? 0) - loaded.duplicateKeys.length;
  if (unlisted > 0) {
    issues.push({
      severity: 'warning',
      code: 'duplicate-key',
      message: `${unlisted} more duplicate key(s) not listed (${loaded.duplicateKeyCount} in all; only the first ${loaded.duplicateKeys.length} are shown)`,
    });
  }
  if (loaded.notUtf8) {
    issues.push({
      severity: 'warning',
      code: 'encoding',
      message: 'the file is not valid UTF-8; this tool will not rewrite it',
    });
  }
  const resolved = resolveConfigValue(loaded.value, {configPath: loaded.path, env: opts.env ?? process.env});
  issues.push(...resolved.issues.map((i) => ({...i, jsonPath: toJsonPath(i.path)})));
  for (const i of validateSchema(resolved.value)) issues.push({...i, jsonPath: toJsonPath(i.path)});
  if (isObj(resolved.value)) issues.push(...semanticIssues(resolved.value));

  const out: ConfigIssue[] = [];
  // Parsed once, and only when some issue needs a position.
  let root: ValueNode | undefined | null = null;
  for (const {jsonPath, ...issue} of issues) {
    if (issue.line === undefined && jsonPath) {
      if (root === null) root = parseRoot(loaded.text);
      if (root) Object.assign(issue, locateIn(loaded.text, root, jsonPath));
    }
    out.push(issue);
  }
  return out.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || (a.line ?? 0) - (b.line ?? 0));
}

/**
 * Issues in `after` that `before` did not have. Compared by severity, code and
 * path (the message only when there is no path): a problem the file already
 * had stays "old" even when its wording changes (e.g. the list of defined models).
 * A model-ref issue is about its ref, an env-var issue about its variable, not
 * where they sit: a dangling ref or unset ${VAR} that moved (string primary →
 * fallbacks), or a ref that is now also an alias key, is not new.
 */
export function newIssues(before: ConfigIssue[], after: ConfigIssue[]): ConfigIssue[] {
  // What the issue is about, wherever it sits: the model ref, or the unset ${VAR} (its message names only the variable).
  const subject = (i: ConfigIssue) =>
    i.ref !== undefined ? `ref\u0000${i.ref}` : i.code === 'env-var' ? `msg\u0000${i.message}` : undefined;
  const refKey = (i: ConfigIssue) => `${i.severity}\u0000${i.code}\u0000${subject(i)}`;
  const oldRefs = new Set(before.filter((i) => subject(i) !== undefined).map(refKey));
  const key = (i: ConfigIssue) => `${i.severity}\u0000${i.code}\u0000${i.path ?? `\u0000${i.message}`}`;
  const had = new Map<string, number>();
  for (const i of before) had.set(key(i), (had.get(key(i)) ?? 0) + 1);
  const out: ConfigIssue[] = [];
  for (const i of after) {
    const n = had.get(key(i)) ?? 0;
    if (n > 0) had.set(key(i), n - 1);
    else if (subject(i) === undefined || !oldRefs.has(refKey(i))) out.push(i);
  }
  return out;
}
