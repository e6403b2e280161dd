/** The guide's hardware tiers, by usable accelerator memory (decimal GB). */
import type {Tier, TierId} from './types.js';

export const TIERS: readonly Tier[] = [
  {
    id: 'hosted-only',
    label: 'Hosted only',
    minGB: 0,
    summary:
      'Local not recommended for OpenClaw: under 20 GB of usable accelerator memory. Keep a hosted primary; small local checkpoints raise the prompt-injection risk.',
  },
  {
    id: 'light',
    label: 'Light',
    minGB: 20,
    summary:
      'A single 24 GB GPU works only for lighter prompts with higher latency. Hosted primary with a small local fallback (Qwen3-Coder-30B, gpt-oss-20b) at 32–64K context.',
  },
  {
    id: 'mid',
    label: 'Mid',
    minGB: 48,
    summary:
      'gpt-oss-120b at its full 131K context, or Qwen3-Coder-30B unquantized. MiniMax M2.1 only aggressively quantized (≤3-bit): raises prompt-injection risk, not recommended.',
  },
  {
    id: 'quantized-minimax',
    label: 'Quantized MiniMax',
    minGB: 160,
    summary:
      'MiniMax M2.1 at 4-bit (MLX gs32 ≈143 GB, Q4_K_M ≈137 GB) fits; the full 196K context needs ≈200 GB, otherwise cap it. OK, but not full-size.',
  },
  {
    id: 'full-size',
    label: 'Full-size',
    minGB: 300,
    summary:
      "MiniMax M2.1 at 8 bits (MLX 8-bit, Q8_0 or the official FP8, ≈290–310 GB with the full 196K context) on one box: the guide's full-size recommendation.",
  },
  {
    id: 'aim-high',
    label: 'Aim high',
    minGB: 600,
    summary:
      "The guide's target: ≥2 maxed-out Mac Studios or an equivalent GPU rig (~$30k+). MiniMax M2.1 in BF16 with the full context, or FP8 with room for parallel sessions.",
  },
];

export function tierFor(usableGB: number): Tier {
  const gb = Number.isFinite(usableGB) ? usableGB : 0;
  let tier = TIERS[0];
  for (const t of TIERS) if (gb >= (t.minGB ?? 0)) tier = t;
  return {...tier};
}

export function tierById(id: TierId): Tier {
  const t = TIERS.find((x) => x.id === id);
  if (!t) throw new Error(`unknown tier ${id}`);
  return {...t};
}
