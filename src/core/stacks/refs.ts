/**
 * Small pure helpers: model refs, local-vs-hosted, secret-looking strings.
 */

export {isLocalProviderId} from '../providers.js';

const ENV_REF = /^\$\{[A-Z_][A-Z0-9_]*\}$/;

export function isEnvRef(value: string): boolean {
  return ENV_REF.test(value);
}

/** "lmstudio/qwen/qwen3" → ["lmstudio", "qwen/qwen3"] (split at the first '/'). */
export function splitRef(ref: string): [string, string] | undefined {
  const i = ref.indexOf('/');
  if (i <= 0 || i === ref.length - 1) return undefined;
  return [ref.slice(0, i), ref.slice(i + 1)];
}

export function makeRef(providerId: string, modelId: string): string {
  return `${providerId}/${modelId}`;
}

/**
 * Does this string look like a pasted API key (not a model id or marker)?
 * Known key prefixes, or a long letters+digits run with no separators.
 */
export function looksLikeSecret(value: string): boolean {
  const v = value.trim();
  if (
    /^(sk|pk|rk|gsk|xai|hf|ghp|gho|github_pat|glpat|nvapi|csk|AIza)[-_]/.test(v) ||
    /^AIza[0-9A-Za-z_-]{20,}$/.test(v)
  )
    return true;
  if (/^Bearer\s/i.test(v)) return true;
  return v.split(/[-_./:@\s]/).some((part) => part.length >= 32 && /[0-9]/.test(part) && /[A-Za-z]/.test(part));
}

/**
 * The apiKey markers setup writes for local servers (localKeyMarker in catalog.ts: "ollama-local",
 * "vllm-local", "openai-compatible-local"): not secrets, shown as they are.
 */
export function isOwnKeyMarker(value: string): boolean {
  return /^[a-z0-9]+(?:-[a-z0-9]+)*-local$/.test(value) && value.length <= 48 && !looksLikeSecret(value);
}

const SECRET_KEY = /(api[_-]?key|token|secret|password|passwd|credential|authorization|cookie)/i;
const QUOTED_PAIR = /((["']?)([A-Za-z_$][\w$-]*)\2\s*:\s*)(["'])((?:\\.|(?!\4).)*)\4/g;

/**
 * A config text (or diff) fit to print: string values that look like secrets, or
 * that sit under a secret-named key (apiKey, token, password...), are masked.
 * ${VAR} references and short markers ("lmstudio", "ollama-local") stay.
 */
export function redactSecrets(text: string): string {
  return text.replace(QUOTED_PAIR, (whole, lead: string, _q: string, key: string, quote: string, value: string) => {
    if (value === '' || value.includes('${') || (/^api[_-]?key$/i.test(key) && isOwnKeyMarker(value))) return whole;
    const secret = looksLikeSecret(value) || (SECRET_KEY.test(key) && value.length >= 16);
    return secret ? `${lead}${quote}<redacted ${value.length} chars>${quote}` : whole;
  });
}
