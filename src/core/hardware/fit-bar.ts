/**
 * Text pieces for the fit bar (█ weights ▓ KV ▒ overhead ░ free, ✗ beyond
 * usable memory). Pure, so the Ink app and the plain command share it.
 */
import type {FitEstimate} from './types.js';
import {formatGB} from '../text/format.js';

export type FitBarKind = 'weights' | 'kv' | 'overhead' | 'free' | 'over';

export interface FitBarSegment {
  kind: FitBarKind;
  /** Character to repeat `width` times. */
  char: string;
  width: number;
  gb: number;
}

export const FIT_BAR_CHARS: Record<FitBarKind, string> = {
  weights: '█',
  kv: '▓',
  overhead: '▒',
  free: '░',
  over: '✗',
};

/** Splits `width` columns in proportion to `parts` (largest remainder; sums exactly to width). */
function allocate(parts: number[], width: number): number[] {
  const sum = parts.reduce((a, b) => a + b, 0);
  if (sum <= 0 || width <= 0) return parts.map(() => 0);
  const exact = parts.map((p) => (p / sum) * width);
  const out = exact.map(Math.floor);
  let left = width - out.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => ({i, r: e - Math.floor(e)})).sort((a, b) => b.r - a.r);
  for (const {i} of order) {
    if (left <= 0) break;
    if (parts[i] > 0) {
      out[i] += 1;
      left -= 1;
    }
  }
  // A non-zero part always gets at least one column when there is room to take it from the largest.
  for (let i = 0; i < parts.length; i++) {
    if (parts[i] > 0 && out[i] === 0) {
      const biggest = out.indexOf(Math.max(...out));
      if (out[biggest] > 1) {
        out[biggest] -= 1;
        out[i] = 1;
      }
    }
  }
  return out;
}

/** Segments spanning max(usable, total): what is used, what is free, and what overflows. */
export function fitBar(
  fit: Pick<FitEstimate, 'weightsGB' | 'kvCacheGB' | 'overheadGB' | 'totalGB' | 'usableGB'>,
  width: number,
): FitBarSegment[] {
  const w = Math.max(0, Math.floor(width));
  const usable = Math.max(0, fit.usableGB);
  let remaining = usable;
  const take = (gb: number): number => {
    const got = Math.max(0, Math.min(gb, remaining));
    remaining -= got;
    return got;
  };
  const weights = take(fit.weightsGB);
  const kv = take(fit.kvCacheGB);
  const overhead = take(fit.overheadGB);
  const free = Math.max(0, usable - fit.totalGB);
  const over = Math.max(0, fit.totalGB - usable);
  const gbs = [weights, kv, overhead, free, over];
  const kinds: FitBarKind[] = ['weights', 'kv', 'overhead', 'free', 'over'];
  const widths = allocate(gbs, w);
  return kinds
    .map((kind, i) => ({kind, char: FIT_BAR_CHARS[kind], width: widths[i], gb: Math.round(gbs[i] * 10) / 10}))
    .filter((s) => s.width > 0);
}

export function fitBarText(fit: Parameters<typeof fitBar>[0], width: number): string {
  return fitBar(fit, width)
    .map((s) => s.char.repeat(s.width))
    .join('');
}

const gb = formatGB;

/** "█ weights 143 GB  ▓ KV cache 50 GB  ▒ overhead 8.1 GB  ░ free 187 GB" */
export function fitLegend(
  fit: Pick<FitEstimate, 'weightsGB' | 'kvCacheGB' | 'overheadGB' | 'totalGB' | 'usableGB'>,
): string {
  const parts = [
    `${FIT_BAR_CHARS.weights} weights ${gb(fit.weightsGB)}`,
    `${FIT_BAR_CHARS.kv} KV cache ${gb(fit.kvCacheGB)}`,
    `${FIT_BAR_CHARS.overhead} overhead ${gb(fit.overheadGB)}`,
  ];
  if (fit.totalGB <= fit.usableGB) parts.push(`${FIT_BAR_CHARS.free} free ${gb(fit.usableGB - fit.totalGB)}`);
  else parts.push(`${FIT_BAR_CHARS.over} over by ${gb(fit.totalGB - fit.usableGB)}`);
  return parts.join('  ');
}

export {formatGB};

const tokens = (n: number): string => (n >= 1024 && n % 1024 === 0 ? `${n / 1024}K` : n.toLocaleString('en-US'));

export interface KvLadderStep {
  /** "32K", "64K", "128K", "196,608" */
  label: string;
  context: number;
  kvCacheGB: number;
  totalGB: number;
  fits: boolean;
}

/** How the KV part grows: one step per context of the fit's kvAt (32K / 64K / 128K / max). */
export function kvLadder(fit: Pick<FitEstimate, 'kvAt'>): KvLadderStep[] {
  return (fit.kvAt ?? []).map((k) => ({
    label: tokens(k.context),
    context: k.context,
    kvCacheGB: k.kvCacheGB,
    totalGB: k.totalGB,
    fits: k.fits,
  }));
}

/** "KV cache (f16) by context: 32K 8.3 GB ✔ · 64K 16.6 GB ✔ · 128K 33 GB ✗ · 192K 50 GB ✗ (✔ fits with 10% headroom)" */
export function kvLadderText(fit: Pick<FitEstimate, 'kvAt' | 'kvCacheType'>): string | undefined {
  const steps = kvLadder(fit);
  if (!steps.length) return undefined;
  const parts = steps.map((s) => `${s.label} ${gb(s.kvCacheGB)} ${s.fits ? '✔' : '✗'}`);
  return `KV cache (${fit.kvCacheType ?? 'f16'}) by context: ${parts.join(' · ')} (✔ fits with 10% headroom)`;
}
