/**
 * Secret scrubbing for every text this module returns or prints: known key
 * values, Authorization headers, key-ish query parameters and token shapes.
 */
import {isKeyMarker, maskUrlSecrets} from '../core/mask-diff.js';

const TOKEN_SHAPES: RegExp[] = [
  // OpenAI / LiteLLM / OpenRouter / LM Studio style keys: the type prefix stays (which kind of key), no
  // character of the key itself does (a 10-character prefix used to show through).
  /\b((?:sk|rk|pk)-(?:[a-z]{2,8}-)?)[A-Za-z0-9][A-Za-z0-9_-]{9,}/g,
  // Hugging Face tokens
  /\b(hf_)[A-Za-z0-9]{10,}/g,
];

/** Placeholder keys ("lmstudio", "ollama-local") are not secrets: the one rule the diff mask uses too. */
export const isPlaceholderKey = isKeyMarker;

export function redact(text: string, secrets: readonly (string | undefined)[] = []): string {
  let out = text;
  // Longest first, so a key that contains another key is removed whole.
  const known = [
    ...new Set(secrets.filter((s): s is string => typeof s === 'string' && s.length >= 4 && !isPlaceholderKey(s))),
  ].sort((a, b) => b.length - a.length);
  for (const s of known) {
    out = out.split(s).join('***');
    // Servers sometimes echo the key URL- or JSON-escaped.
    const encoded = encodeURIComponent(s);
    if (encoded !== s) out = out.split(encoded).join('***');
    const jsonEscaped = JSON.stringify(s).slice(1, -1);
    if (jsonEscaped !== s) out = out.split(jsonEscaped).join('***');
  }
  out = out
    .replace(/(authorization["']?\s*[:=]\s*["']?)(bearer\s+|basic\s+)?[^\s"',}]+/gi, '$1$2***')
    .replace(/(\bbearer\s+)(?!\*\*\*)[A-Za-z0-9._~+/=-]{8,}/gi, '$1***')
    .replace(/(x-api-key["']?\s*[:=]\s*["']?)[^\s"',}]+/gi, '$1***');
  out = maskUrlSecrets(out);
  for (const re of TOKEN_SHAPES) out = out.replace(re, '$1***');
  return out;
}
