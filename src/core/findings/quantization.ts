/**
 * Heavily quantized or small checkpoints follow instructions less reliably,
 * which makes prompt injection (from web pages, mail, chats) easier. Pure.
 */

export interface QuantInfo {
  bits?: number;
  /** "Q3_K_M", "3bit", "IQ2_XS"... as found. */
  label?: string;
  /** Parameter count in billions when the id says (8b, 30B-A3B → 30). */
  paramsB?: number;
  aggressive: boolean;
  small: boolean;
}

export function bitsFromLabel(label: string): number | undefined {
  const s = label.toLowerCase();
  let m = /(?:^|[^a-z0-9])i?q(\d)(?:_|$|[^0-9])/.exec(s) ?? /^i?q(\d)/.exec(s);
  if (m) return Number(m[1]);
  m = /(\d(?:\.\d+)?)[-_ ]?bits?\b/.exec(s) ?? /(\d)bit/.exec(s);
  if (m) return Number(m[1]);
  if (/\b(fp16|bf16|f16)\b/.test(s)) return 16;
  if (/\b(fp8|int8|f8)\b/.test(s)) return 8;
  if (/\b(int4|awq|gptq|nf4)\b/.test(s)) return 4;
  return undefined;
}

export function quantInfo(modelId: string, serverQuant?: string, bitsPerWeight?: number): QuantInfo {
  const label = serverQuant ?? /(i?q\d[_a-z0-9]*|\d(?:\.\d+)?-?bits?)/i.exec(modelId)?.[0] ?? undefined;
  const bits = bitsPerWeight ?? (serverQuant ? bitsFromLabel(serverQuant) : undefined) ?? bitsFromLabel(modelId);
  const pm = /(?:^|[^a-z0-9.])(\d+(?:\.\d+)?)b(?:$|[^a-z0-9])/i.exec(modelId);
  const paramsB = pm ? Number(pm[1]) : undefined;
  // Only a parameter count in the id counts: words like "mini" also name hosted models (gpt-4o-mini) behind local proxies.
  const small = paramsB !== undefined && paramsB < 14;
  return {bits, label, paramsB, aggressive: bits !== undefined && bits <= 3, small};
}

/** Ollama cloud models (`gpt-oss:120b-cloud`, `minimax-m2:cloud`) run on ollama.com, not on this machine. */
export function isCloudModel(modelId: string): boolean {
  return /[:-]cloud$/i.test(modelId);
}
