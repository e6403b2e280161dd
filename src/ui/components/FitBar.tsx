/**
 * Memory fit as a bar: █ weights ▓ KV cache ▒ overhead ░ free, ✗ past the
 * usable memory. The segments and legend come from the hardware engine (the
 * `hardware` command prints the same); shapes, not colours, tell them apart.
 */
import {Box, Text} from 'ink';
import {fitBar, fitLegend, kvLadder, type FitEstimate} from '../../core/hardware.js';
import {formatGB} from '../format.js';
import {useTheme} from '../theme.js';

/** `kvLadder`: also show the KV part at 32K / 64K / 128K / max (one more line; screens leave it out when short). */
export function FitBar({
  fit,
  width,
  kvLadder: showLadder = true,
}: {
  fit: FitEstimate;
  width: number;
  kvLadder?: boolean;
}) {
  const theme = useTheme();
  const fits = fit.totalGB <= fit.usableGB;
  return (
    <Box flexDirection="column">
      <Text>
        {fitBar(fit, width).map((seg, i) => (
          <Text
            key={i}
            color={
              seg.kind === 'over'
                ? theme.tone.fail
                : seg.kind === 'free'
                  ? undefined
                  : fits
                    ? theme.tone.ok
                    : theme.tone.warn
            }
            dimColor={seg.kind === 'free' && theme.dim}
          >
            {seg.char.repeat(seg.width)}
          </Text>
        ))}
        <Text dimColor={theme.dim}> {formatGB(fit.usableGB)} usable</Text>
      </Text>
      {/* Entries wrap whole ("░ free 91 GB" never splits across lines). */}
      <Box flexWrap="wrap" columnGap={2}>
        {fitLegend(fit)
          .split(/ {2,}/)
          .map((entry, i) => (
            <Text key={i}>{entry}</Text>
          ))}
      </Box>
      {/* How the KV part grows with the context: 32K / 64K / 128K / max. */}
      {showLadder && fit.kvAt && fit.kvAt.length > 0 ? (
        <Box flexWrap="wrap" columnGap={2}>
          <Text dimColor={theme.dim}>KV ({fit.kvCacheType ?? 'f16'}):</Text>
          {kvLadder(fit).map((s) => (
            <Text key={s.context} color={s.fits ? theme.tone.ok : theme.tone.fail}>
              {s.label} {formatGB(s.kvCacheGB)} {s.fits ? '✔' : '✗'}
            </Text>
          ))}
        </Box>
      ) : null}
    </Box>
  );
}
