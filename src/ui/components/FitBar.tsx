/**
 * Memory fit as a bar: █ weights ▓ KV cache ▒ overhead ░ free, scaled to the
 * usable memory (or to the need, when it does not fit, with │ at the limit).
 * Shapes, not colours, tell the parts apart.
 */
import React from 'react';
import {Box, Text} from 'ink';
import type {FitEstimate} from '../../core/hardware.js';
import {formatGB} from '../format.js';
import {useTheme} from '../theme.js';

export interface FitBarParts {
  weights: number;
  kv: number;
  overhead: number;
  free: number;
  /** Cells past the usable limit (the part that does not fit). */
  over: number;
  /** Cell index of the usable-memory limit when the need exceeds it. */
  limitAt?: number;
}

/** Cell counts for a bar `width` cells wide; they always add up to `width`. */
export function fitBarCells(fit: Pick<FitEstimate, 'weightsGB' | 'kvCacheGB' | 'overheadGB' | 'usableGB'>, width: number): FitBarParts {
  const w = Math.max(4, Math.floor(width));
  const need = Math.max(0, fit.weightsGB) + Math.max(0, fit.kvCacheGB) + Math.max(0, fit.overheadGB);
  const scale = Math.max(fit.usableGB, need, 1e-9);
  const cells = (gb: number) => Math.round((Math.max(0, gb) / scale) * w);
  let weights = cells(fit.weightsGB);
  let kv = cells(fit.kvCacheGB);
  let overhead = cells(fit.overheadGB);
  // Visible parts get at least one cell so a small KV cache is not invisible.
  if (fit.kvCacheGB > 0 && kv === 0) kv = 1;
  if (fit.weightsGB > 0 && weights === 0) weights = 1;
  let used = weights + kv + overhead;
  while (used > w) {
    // Take rounding excess from the largest part.
    if (weights >= kv && weights >= overhead) weights--;
    else if (kv >= overhead) kv--;
    else overhead--;
    used--;
  }
  if (need > fit.usableGB) {
    const limitAt = Math.min(w - 1, Math.round((fit.usableGB / scale) * w));
    return {weights, kv, overhead: w - weights - kv, free: 0, over: w - limitAt, limitAt};
  }
  return {weights, kv, overhead, free: w - used, over: 0};
}

export function FitBar({fit, width}: {fit: FitEstimate; width: number}) {
  const theme = useTheme();
  const p = fitBarCells(fit, width);
  const body = '█'.repeat(p.weights) + '▓'.repeat(p.kv) + '▒'.repeat(p.overhead) + '░'.repeat(p.free);
  const bar = p.limitAt === undefined ? body : `${body.slice(0, p.limitAt)}│${body.slice(p.limitAt + 1)}`;
  const free = fit.usableGB - fit.totalGB;
  return (
    <Box flexDirection="column">
      <Text>
        <Text color={free >= 0 ? theme.tone.ok : theme.tone.fail}>{bar}</Text>
        <Text dimColor={theme.dim}> {formatGB(fit.usableGB)} usable</Text>
      </Text>
      <Text wrap="wrap">
        █ weights {formatGB(fit.weightsGB)} · ▓ KV cache {formatGB(fit.kvCacheGB)} · ▒ overhead {formatGB(fit.overheadGB)} ·{' '}
        {free >= 0 ? `░ free ${formatGB(free)}` : `✖ ${formatGB(-free)} over (│ marks the limit)`}
      </Text>
    </Box>
  );
}
