/**
 * Masks secrets in a diff of openclaw.json before it is shown anywhere
 * (setup, doctor --fix, the app's review): anything that looks like a key,
 * plus every provider apiKey the config holds in plain text, even short
 * custom ones. Placeholder markers ("lmstudio", "ollama-local") stay
 * readable. Pure: takes the parsed config value.
 */
import {isOwnKeyMarker, looksLikeSecret, redactSecrets} from './stacks/refs.js';

/** Keys that local servers ignore and guides tell people to write: not secrets. */
const MARKER_KEYS = new Set([
  'lmstudio',
  'lm-studio',
  'ollama',
  'ollama-local',
  'vllm',
  'litellm',
  'llamacpp',
  'llama-cpp',
  'llama.cpp',
  'local',
  'none',
  'null',
  'empty',
  'dummy',
  'not-needed',
  'no-key',
  'nokey',
  'placeholder',
  'sk-no-key-required',
]);

/**
 * Non-secret apiKey values ("lmstudio", "ollama-local", "sk-no-key-required"...).
 * Masking or scrubbing them would only garble server kinds and provider ids.
 */
export function isKeyMarker(key: string): boolean {
  const k = key.trim();
  return (
    MARKER_KEYS.has(k.toLowerCase()) ||
    isOwnKeyMarker(k) ||
    (!looksLikeSecret(k) &&
      /^(?:[a-z]+[-_])?(?:local|none|dummy|empty|not[-_]?needed|no[-_]?key(?:[-_]required)?|ollama|lmstudio|vllm|llama)$/i.test(
        k,
      ))
  );
}

/** Query parameters whose values are credentials (Google's key=, S3/Azure sig=, OAuth access_token=...). */
const SECRET_QUERY =
  /([?&](?:api[_-]?key|apikey|key|token|access[_-]?token|refresh[_-]?token|id[_-]?token|auth|sig|signature|x-amz-signature|password|passwd|pwd|secret|client[_-]?secret)=)[^&\s"'#<>\\]+/gi;
/** user:password@ (or a lone user@ token) after a scheme. */
const USERINFO = /(\b[a-z][a-z0-9+.-]*:\/\/)[^\s/?#@"'<>\\]+@/gi;

/**
 * The one rule for credentials inside URLs, wherever a baseUrl is shown (text,
 * --json, --probe, diffs): userinfo becomes `***@` and secret-looking query
 * values `***`. Works on any text, so whole reports can go through it.
 */
export function maskUrlSecrets(text: string): string {
  return text.replace(USERINFO, '$1***@').replace(SECRET_QUERY, '$1***');
}

export function maskDiffSecrets(diff: string, configValues: unknown[]): string {
  let out = maskUrlSecrets(redactSecrets(diff));
  const keys = new Set<string>();
  for (const value of configValues) {
    const providers = (value as {models?: {providers?: Record<string, {apiKey?: unknown}>}} | undefined)?.models
      ?.providers;
    if (!providers || typeof providers !== 'object') continue;
    for (const [id, p] of Object.entries(providers)) {
      const k = p && typeof p === 'object' ? p.apiKey : undefined;
      // A key that is also a provider id ("ollama") is a marker, and masking it would garble the ids.
      if (typeof k === 'string' && k !== '' && !k.includes('${') && !(k in providers) && k !== id && !isKeyMarker(k))
        keys.add(k);
    }
  }
  for (const k of [...keys].sort((a, b) => b.length - a.length)) {
    for (const q of ['"', "'"]) out = out.split(`${q}${k}${q}`).join(`${q}<redacted ${k.length} chars>${q}`);
  }
  return out;
}
