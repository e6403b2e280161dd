/**
 * Hardware: accelerators, usable memory, the tier in the guide's words, and
 * a fit bar for the configured (or recommended) model. + / - change the
 * number of identical machines for a cluster.
 */
import {useState} from 'react';
import {Box, Text} from 'ink';
import {useKeys} from '../hooks/useKeys.js';
import {useTerminalSize} from '../hooks/useTerminalSize.js';
import type {FitVerdict} from '../../core/hardware.js';
import type {ModelSource} from '../../app/hardware.js';
import {Bullet} from '../components/Bullet.js';
import {Busy} from '../components/Busy.js';
import {Failure} from '../components/Failure.js';
import {FitBar} from '../components/FitBar.js';
import {KeyHints, NAV_HINTS} from '../components/KeyHints.js';
import {StatusIcon} from '../components/StatusIcon.js';
import {Note} from '../components/Note.js';
import {formatGB, formatSoldGB, formatTokens, soldGB, sourceLabel, unifiedAccelerator} from '../format.js';
import {useAsync} from '../hooks/useAsync.js';
import {useKeysActive} from '../hooks/keys.js';
import {useSession} from '../hooks/session.js';
import type {Tone} from '../theme.js';
import {useTheme} from '../theme.js';
import {Wrap} from '../components/Wrap.js';

const MAX_NODES = 16;

const VERDICT: Record<FitVerdict, {tone: Tone; text: string}> = {
  fits: {tone: 'ok', text: 'fits in accelerator memory'},
  'reduced-context': {tone: 'warn', text: 'fits only with a smaller context'},
  offload: {tone: 'warn', text: 'only with part of it in system RAM (slow)'},
  'does-not-fit': {tone: 'fail', text: 'does not fit'},
};

/** Where the judged model came from (the use case's `model.source`). */
const SOURCE_WORDS: Record<ModelSource, (id: string) => string> = {
  config: (id) => `your primary ${id}`,
  recommended: () => 'recommended',
  default: () => "OpenClaw's default local model",
  exo: () => 'the model the cluster runs',
  flag: () => 'as asked',
  gguf: () => 'from the GGUF file',
};

export function Hardware() {
  const session = useSession();
  const active = useKeysActive();
  const theme = useTheme();
  const terminal = useTerminalSize();
  const columns = terminal.columns;
  // Room for the longer explanations (the tok/s basis) only on tall terminals.
  const tall = terminal.rows >= 32;
  const detected = session.hardware.value;
  const [nodes, setNodes] = useState<number | undefined>(undefined);
  const view = session.config.value?.view;
  // The use case `hardware` runs (app/hardware): the same model, server geometry and exo cluster, so the same verdict.
  const assessed = useAsync(
    async () => (detected ? session.services.assessHardware({nodes}) : new Promise<never>(() => {})),
    [detected, nodes, view?.primary, JSON.stringify(view?.providers.map((p) => [p.id, p.baseUrl]) ?? [])],
  );
  const a = assessed.value;
  // An exo cluster that answers is the hardware: its members, not this machine.
  const profile = a?.profile ?? detected;
  const cluster = a?.cluster;
  const effectiveNodes = cluster ? (a?.verdict.nodes ?? 1) : (nodes ?? profile?.nodes ?? 1);
  const verdict = {status: assessed.status, error: assessed.error, value: a?.verdict};

  useKeys(
    (input) => {
      // Functional updates: the keys of one burst run before a re-render.
      const base = (n: number | undefined) => n ?? profile?.nodes ?? 1;
      if (input === '+' || input === '=') setNodes((n) => Math.min(MAX_NODES, base(n) + 1));
      if (input === '-' || input === '_') setNodes((n) => Math.max(1, base(n) - 1));
    },
    {isActive: active && Boolean(profile) && !cluster},
  );

  if (session.hardware.status === 'pending') return <Busy label="detecting hardware…" />;
  if (session.hardware.status === 'error' || !profile) {
    return <Failure>Hardware detection failed: {session.hardware.error}</Failure>;
  }
  const v = verdict.value;
  const fit = v?.fit;
  const unified = unifiedAccelerator(profile);
  // Sizes as sold are GiB; everything computed below is in GB of 10^9 bytes: say so once, with the figures.
  const soldPairs = new Map<number, number>();
  for (const gb of [...profile.accelerators.map((a) => a.memoryGB), unified ? undefined : profile.ramTotalGB]) {
    const sold = gb === undefined ? undefined : soldGB(gb);
    if (gb !== undefined && sold !== undefined && sold !== Math.round(gb)) soldPairs.set(sold, gb);
  }
  const soldNote = soldPairs.size
    ? `(as sold: ${[...soldPairs].map(([sold, gb]) => `${sold} GB = ${formatGB(gb)}`).join(', ')} in the 10⁹-byte GB used below)`
    : undefined;
  return (
    <Box flexDirection="column">
      <Text bold wrap="truncate-end">
        {cluster ? `Your exo cluster at ${cluster.baseUrl}` : 'Your hardware'}
      </Text>
      {profile.accelerators.length === 0 ? <Text> no GPU or accelerator found</Text> : null}
      {profile.accelerators.map((a, i) => (
        <Text key={i} wrap="truncate-end">
          {'  '}
          {a.count > 1 ? `${a.count}× ` : ''}
          {a.name} ·{' '}
          {a.memoryGB !== undefined
            ? `${formatSoldGB(a.memoryGB)}${a.count > 1 ? ' each' : ''}${a.unified ? ' unified memory' : ''}`
            : 'memory unknown'}
          <Text dimColor={theme.dim}> ({sourceLabel(a.memorySource)})</Text>
        </Text>
      ))}
      {/* Unified memory is the RAM: one line says it. */}
      {/* A cluster's members are listed above, their memory with them. */}
      {cluster || (unified && Math.abs((unified.memoryGB ?? 0) - profile.ramTotalGB) < 1) ? null : (
        <Text wrap="truncate-end">
          {'  '}RAM {formatSoldGB(profile.ramTotalGB)}
          {profile.cpu?.brand && !profile.accelerators.some((a) => a.name === profile.cpu?.brand)
            ? ` · ${profile.cpu.brand}`
            : ''}
        </Text>
      )}
      <Text wrap="truncate-end">
        {'  '}Usable by a model: ≈{formatGB(profile.usableAcceleratorMemoryGB)} {cluster ? 'in all' : 'per machine'}
        <Text dimColor={theme.dim}> ({sourceLabel(profile.usableSource)})</Text>
      </Text>
      {soldNote ? (
        <Box marginLeft={2}>
          <Wrap dimColor={theme.dim}>{soldNote}</Wrap>
        </Box>
      ) : null}
      <Box marginLeft={2}>
        <Wrap>
          Machines: {effectiveNodes}
          <Text dimColor={theme.dim}>
            {cluster ? ' (as exo reports them)' : ' (press + / - if you pool identical machines in a cluster)'}
          </Text>
        </Wrap>
      </Box>
      {/* A narrow, short terminal has no room for the detection notes: say they are there. */}
      {terminal.rows >= 30 || columns >= 76 ? (
        profile.notes.map((n, i) => <Bullet key={i}>{n}</Bullet>)
      ) : profile.notes.length ? (
        <Bullet>
          {profile.notes.length} detection note{profile.notes.length > 1 ? 's' : ''}: a larger terminal shows{' '}
          {profile.notes.length > 1 ? 'them' : 'it'}
        </Bullet>
      ) : null}
      <Box marginTop={1} flexDirection="column">
        {verdict.status === 'pending' ? (
          <Busy label="working out what fits…" />
        ) : verdict.status === 'error' ? (
          <Text>
            <StatusIcon tone="fail" /> {verdict.error}
          </Text>
        ) : v ? (
          <>
            <Wrap>
              <Text bold>Tier: {v.tier.label}</Text> ({formatGB(v.usableAcceleratorMemoryGB)} usable
              {effectiveNodes > 1 ? ` over ${effectiveNodes} machines` : ''}). {v.tier.summary}
            </Wrap>
            {fit ? (
              <Box marginTop={1} flexDirection="column">
                <Text wrap="truncate-end">
                  {fit.model} · {fit.build} · context {formatTokens(fit.context)}
                  {fit.userSize ? ' (size given by you)' : ''}
                  <Text dimColor={theme.dim}>
                    {' '}
                    ({SOURCE_WORDS[a?.model.source ?? 'recommended'](a?.model.id ?? '')})
                  </Text>
                </Text>
                <FitBar fit={fit} width={Math.max(20, Math.min(60, columns - 20))} kvLadder={tall} />
                <Note tone={VERDICT[fit.verdict].tone}>
                  {VERDICT[fit.verdict].text}
                  {fit.verdict !== 'fits' && fit.maxContextThatFits > 0
                    ? ` · up to ${formatTokens(fit.maxContextThatFits)} tokens of context fit`
                    : ''}
                  {fit.tokensPerSecond
                    ? ` · ≈${fit.tokensPerSecond.low}–${fit.tokensPerSecond.high} tok/s (estimated)`
                    : ''}
                </Note>
                {fit.tokensPerSecond && tall ? <Bullet indent={0}>estimate: {fit.tokensPerSecond.basis}</Bullet> : null}
                {fit.aggressiveQuantization && !fit.notes.some((n) => /prompt-injection/i.test(n)) ? (
                  <Note tone="warn">aggressively quantized: raises prompt-injection risk</Note>
                ) : null}
                {fit.notes.map((n, i) => (
                  <Bullet key={i} indent={0}>
                    {n}
                  </Bullet>
                ))}
              </Box>
            ) : v.unknownModel ? (
              <Note tone="warn">{v.unknownModel.message}</Note>
            ) : null}
            <Box marginTop={1}>
              <Wrap>
                <Text bold>Recommendation:</Text> {v.recommendation.why}
              </Wrap>
            </Box>
            {/* Where the model came from is in its line's label; the use case's longer words on tall terminals. */}
            {[...v.notes, ...(tall ? (a?.modelNotes ?? []) : [])].map((n, i) => (
              <Bullet key={i} indent={0}>
                {n}
              </Bullet>
            ))}
          </>
        ) : null}
      </Box>
      <KeyHints hints={cluster ? NAV_HINTS : ['+/- machines', ...NAV_HINTS]} />
    </Box>
  );
}
