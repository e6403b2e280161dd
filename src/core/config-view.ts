/**
 * A typed, read-only view of the parts of openclaw.json this tool reasons
 * about. Pure: takes the parsed value. Tolerates any garbage input: wrong
 * types become undefined, never exceptions.
 */
import type {ModelRef} from './types/config.js';

export interface ModelView {
  id: string;
  name?: string;
  contextWindow?: number;
  contextTokens?: number;
  maxTokens?: number;
  reasoning?: boolean;
  input?: string[];
  /** Index in the provider's models[] (for patch paths). */
  index: number;
  compat?: Record<string, unknown>;
}

export interface ProviderView {
  id: string;
  baseUrl?: string;
  api?: string;
  /** True when an apiKey is set (string or SecretRef). The value itself is never exposed here. */
  hasApiKey: boolean;
  /** The apiKey if it is a plain string after ${VAR} resolution; for sending to its own baseUrl only. */
  apiKeyForRequests?: string;
  timeoutSeconds?: number;
  params?: Record<string, unknown>;
  models: ModelView[];
  /** loopback / LAN / .local / docker host: the doctor may probe it. */
  isLocal: boolean;
}

export interface ConfigView {
  mode?: string;
  providers: ProviderView[];
  primary?: string;
  fallbacks: string[];
  /** agents.defaults.models keys → alias. */
  aliases: Record<string, string | undefined>;
  allow: string[];
  compaction?: {enabled?: boolean; mode?: string};
  whatsappEnabled: boolean;
  /** thinkingDefault / reasoningDefault under agents.defaults. */
  thinkingDefault?: string;
  reasoningDefault?: string;
  loggingFile?: string;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const bool = (v: unknown): boolean | undefined => (typeof v === 'boolean' ? v : undefined);
const obj = (v: unknown): Obj | undefined => (isObj(v) ? v : undefined);

const ENV_NAME = /^[A-Z_][A-Z0-9_]*$/;

/**
 * OpenClaw's ${VAR} rule for string values: names [A-Z_][A-Z0-9_]*, `$${VAR}`
 * is a literal `${VAR}`, an unset or empty variable stays as written (and is
 * reported through onMissing).
 */
export function substituteEnvString(value: string, env: NodeJS.ProcessEnv, onMissing?: (name: string) => void): string {
  if (typeof value !== 'string' || !value.includes('$')) return value;
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const ch = value[i];
    if (ch !== '$') {
      out += ch;
      continue;
    }
    const escaped = value[i + 1] === '$' && value[i + 2] === '{';
    const open = escaped ? i + 2 : value[i + 1] === '{' ? i + 1 : -1;
    if (open >= 0) {
      const end = value.indexOf('}', open + 1);
      const name = end === -1 ? '' : value.slice(open + 1, end);
      if (end !== -1 && ENV_NAME.test(name)) {
        if (escaped) out += `\${${name}}`;
        else {
          const v = env?.[name];
          if (v === undefined || v === '') {
            onMissing?.(name);
            out += `\${${name}}`;
          } else out += v;
        }
        i = end;
        continue;
      }
    }
    out += ch;
  }
  return out;
}

const substitute = (value: string, env: NodeJS.ProcessEnv) => substituteEnvString(value, env);

function hasUnresolved(value: string): boolean {
  let missing = false;
  substituteEnvString(value, {}, () => (missing = true));
  return missing;
}

function modelView(raw: unknown, index: number): ModelView | undefined {
  const m = obj(raw);
  const id = m && str(m.id);
  if (!m || id === undefined) return undefined;
  const input = Array.isArray(m.input) ? m.input.filter((x): x is string => typeof x === 'string') : undefined;
  const view: ModelView = {id, index};
  const name = str(m.name);
  if (name !== undefined) view.name = name;
  const cw = num(m.contextWindow);
  if (cw !== undefined) view.contextWindow = cw;
  const ct = num(m.contextTokens);
  if (ct !== undefined) view.contextTokens = ct;
  const mt = num(m.maxTokens);
  if (mt !== undefined) view.maxTokens = mt;
  const r = bool(m.reasoning);
  if (r !== undefined) view.reasoning = r;
  if (input) view.input = input;
  const compat = obj(m.compat);
  if (compat) view.compat = compat;
  return view;
}

function providerView(id: string, raw: unknown, env: NodeJS.ProcessEnv): ProviderView {
  const p = obj(raw) ?? {};
  const rawBase = str(p.baseUrl);
  const baseUrl = rawBase === undefined ? undefined : substitute(rawBase, env);
  const key = p.apiKey;
  const hasApiKey = (typeof key === 'string' && key.trim() !== '') || isObj(key);
  let apiKeyForRequests: string | undefined;
  if (typeof key === 'string') {
    const resolved = substitute(key, env).trim();
    if (resolved !== '' && !hasUnresolved(resolved)) apiKeyForRequests = resolved;
  } else if (isObj(key) && key.source === 'env' && typeof key.id === 'string') {
    const v = env[key.id];
    if (v) apiKeyForRequests = v;
  }
  const models = Array.isArray(p.models)
    ? p.models.map((m, i) => modelView(m, i)).filter((m): m is ModelView => m !== undefined)
    : [];
  const view: ProviderView = {id, hasApiKey, models, isLocal: baseUrl !== undefined && isLocalBaseUrl(baseUrl)};
  if (baseUrl !== undefined) view.baseUrl = baseUrl;
  const api = str(p.api);
  if (api !== undefined) view.api = api;
  if (apiKeyForRequests !== undefined) view.apiKeyForRequests = apiKeyForRequests;
  const t = num(p.timeoutSeconds);
  if (t !== undefined) view.timeoutSeconds = t;
  const params = obj(p.params);
  if (params) view.params = params;
  return view;
}

/** env is used only to resolve ${VAR} in baseUrl/apiKey for reading. */
export function viewConfig(value: unknown, env: NodeJS.ProcessEnv = {}): ConfigView {
  const root = obj(value) ?? {};
  const models = obj(root.models);
  const providersRaw = obj(models?.providers) ?? {};
  const agents = obj(root.agents);
  const defaults = obj(agents?.defaults);
  const view: ConfigView = {
    providers: Object.entries(providersRaw).map(([id, p]) => providerView(id, p, env ?? {})),
    fallbacks: [],
    aliases: {},
    allow: [],
    whatsappEnabled: false,
  };
  const mode = str(models?.mode);
  if (mode !== undefined) view.mode = mode;

  const model = defaults?.model;
  if (typeof model === 'string') view.primary = model;
  else if (isObj(model)) {
    const primary = str(model.primary);
    if (primary !== undefined) view.primary = primary;
    if (Array.isArray(model.fallbacks))
      view.fallbacks = model.fallbacks.filter((f): f is string => typeof f === 'string');
  }
  for (const [key, entry] of Object.entries(obj(defaults?.models) ?? {})) view.aliases[key] = str(obj(entry)?.alias);
  const allow = obj(defaults?.modelPolicy)?.allow;
  if (Array.isArray(allow)) view.allow = allow.filter((a): a is string => typeof a === 'string');
  const compaction = obj(defaults?.compaction);
  if (compaction) {
    view.compaction = {};
    const enabled = bool(compaction.enabled);
    if (enabled !== undefined) view.compaction.enabled = enabled;
    const cmode = str(compaction.mode);
    if (cmode !== undefined) view.compaction.mode = cmode;
  }
  const thinking = str(defaults?.thinkingDefault);
  if (thinking !== undefined) view.thinkingDefault = thinking;
  const reasoning = str(defaults?.reasoningDefault);
  if (reasoning !== undefined) view.reasoningDefault = reasoning;

  // WhatsApp counts as on when the block exists and is not switched off (top level or every account).
  const wa = obj(obj(root.channels)?.whatsapp);
  if (wa) {
    const accounts = Object.values(obj(wa.accounts) ?? {})
      .map(obj)
      .filter((a): a is Obj => a !== undefined);
    if (wa.enabled === false) view.whatsappEnabled = false;
    else if (accounts.length > 0) view.whatsappEnabled = accounts.some((a) => a.enabled !== false);
    else view.whatsappEnabled = true;
  }
  const loggingFile = str(obj(root.logging)?.file);
  if (loggingFile !== undefined) view.loggingFile = loggingFile;
  return view;
}

/** Provider + model entry a ref points at, if defined. Provider ids compare case-insensitively, model ids exactly. */
export function resolveRef(view: ConfigView, ref: ModelRef): {provider: ProviderView; model?: ModelView} | undefined {
  if (!view || !ref || typeof ref.provider !== 'string' || typeof ref.model !== 'string') return undefined;
  const wanted = ref.provider.trim().toLowerCase();
  const provider =
    (view.providers ?? []).find((p) => p.id === ref.provider) ??
    (view.providers ?? []).find((p) => p.id.trim().toLowerCase() === wanted);
  if (!provider) return undefined;
  const model = provider.models.find((m) => m.id === ref.model);
  return model ? {provider, model} : {provider};
}

function ipv4Parts(host: string): number[] | undefined {
  const parts = host.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p))) return undefined;
  const nums = parts.map(Number);
  return nums.every((n) => n <= 255) ? nums : undefined;
}

function isPrivateIpv4([a, b]: number[]): boolean {
  return (
    a === 127 || // loopback
    a === 10 ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 169 && b === 254) || // link-local
    (a === 100 && b >= 64 && b <= 127) || // CGNAT, e.g. Tailscale addresses
    a === 0
  );
}

function isLocalIpv6(host: string): boolean {
  const h = host.toLowerCase();
  if (h === '::1' || h === '::') return true;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(h);
  if (mapped) {
    const parts = ipv4Parts(mapped[1]);
    return parts !== undefined && isPrivateIpv4(parts);
  }
  // WHATWG URL writes an IPv4-mapped address in hex: ::ffff:c0a8:102.
  const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(h);
  if (hex) {
    const hi = parseInt(hex[1], 16);
    const lo = parseInt(hex[2], 16);
    return isPrivateIpv4([hi >> 8, hi & 255, lo >> 8, lo & 255]);
  }
  const first = parseInt(h.split(':')[0] || '0', 16);
  if (Number.isNaN(first)) return false;
  return (
    (first & 0xfe00) === 0xfc00 /* fc00::/7 unique local */ || (first & 0xffc0) === 0xfe80
  ); /* fe80::/10 link-local */
}

/** True for loopback, RFC1918/link-local/CGNAT, *.local, Tailscale *.ts.net, host.docker.internal and similar. */
export function isLocalBaseUrl(baseUrl: string): boolean {
  if (typeof baseUrl !== 'string') return false;
  const trimmed = baseUrl.trim();
  if (!trimmed) return false;
  let host: string;
  try {
    const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `http://${trimmed}`);
    host = url.hostname;
  } catch {
    return false;
  }
  host = host
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '')
    .toLowerCase();
  if (!host) return false;
  if (host.includes(':')) return isLocalIpv6(host);
  const v4 = ipv4Parts(host);
  if (v4) return isPrivateIpv4(v4);
  if (/^\d+$/.test(host) || !/^[a-z0-9._-]+$/.test(host)) return false;
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (host === 'host.docker.internal' || host === 'gateway.docker.internal' || host === 'host.containers.internal')
    return true;
  if (
    host.endsWith('.local') ||
    host.endsWith('.lan') ||
    host.endsWith('.internal') ||
    host.endsWith('.home.arpa') ||
    host.endsWith('.ts.net')
  )
    return true;
  // A single-label name (`ollama`, `vllm`) only resolves on a LAN or a docker network.
  if (!host.includes('.')) return true;
  return false;
}
