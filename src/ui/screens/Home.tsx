/**
 * First screen: where the config is, what this machine and the local
 * servers are, and what to do. Renders at once; facts fill in as the
 * background work finishes.
 */
import type React from 'react';
import {useEffect, useRef} from 'react';
import {Box, Text} from 'ink';
import {useKeys} from '../hooks/useKeys.js';
import {useTerminalSize} from '../hooks/useTerminalSize.js';
import type {ConfigView} from '../../core/config-view.js';
import type {HardwareProfile} from '../../core/types/hardware.js';
import {Busy} from '../components/Busy.js';
import {KeyHints} from '../components/KeyHints.js';
import {Select, type Choice} from '../components/Select.js';
import {StatusIcon} from '../components/StatusIcon.js';
import {Note} from '../components/Note.js';
import {
  formatGB,
  formatSoldGB,
  formatTokens,
  isEmptyConfig,
  kindLabel,
  notWritableReason,
  parseErrorText,
  unifiedAccelerator,
  portLabel,
  shortenLeft,
  tildePath,
} from '../format.js';
import {useKeysActive, useNav} from '../hooks/keys.js';
import {useSession} from '../hooks/session.js';
import {useAsync} from '../hooks/useAsync.js';
import type {ConfigSnapshot, Discovery} from '../services.js';
import {useTheme} from '../theme.js';
import {Wrap} from '../components/Wrap.js';
import {keepLoadedCommand} from '../../core/findings/server-commands.js';
import {printable} from '../../core/sanitize.js';

export type MenuValue = 'setup' | 'doctor' | 'hardware' | 'quit';

const LABEL_WIDTH = 14;

export function hasLocalProvider(view: ConfigView | undefined): boolean {
  return Boolean(view?.providers.some((p) => p.isLocal && p.models.length > 0));
}

function Row({label, children}: {label: string; children: React.ReactNode}) {
  return (
    <Box>
      <Box width={LABEL_WIDTH} flexShrink={0}>
        <Text>{label}</Text>
      </Box>
      <Box flexDirection="column" flexGrow={1}>
        {children}
      </Box>
    </Box>
  );
}

/**
 * The machine in one line, sizes as sold ("512 GB", not 549.8): a unified
 * machine is one memory figure plus what the GPU may use of it; otherwise
 * the cards and the RAM (usable memory is then on the Tier line).
 */
export function machineLine(p: HardwareProfile): string {
  const nodes = p.nodes > 1 ? ` · ${p.nodes} machines` : '';
  const unified = unifiedAccelerator(p);
  if (unified) {
    return `${unified.name} · ${formatSoldGB(unified.memoryGB ?? p.ramTotalGB)} unified (≈${formatGB(p.usableAcceleratorMemoryGB)} usable by the GPU)${nodes}`;
  }
  const acc = p.accelerators.filter((a) => a.kind !== 'other' || a.memoryGB);
  const names = acc.length
    ? acc
        .map((a) => {
          if (a.memoryGB === undefined) return `${a.count > 1 ? `${a.count}× ` : ''}${a.name}`;
          return a.count > 1
            ? `${a.count}× ${a.name} (${formatSoldGB(a.memoryGB)} each)`
            : `${a.name} (${formatSoldGB(a.memoryGB)})`;
        })
        .join(', ')
    : 'no GPU found';
  return `${names} · ${formatSoldGB(p.ramTotalGB)} RAM${nodes}`;
}

function ConfigRows({snap, home}: {snap: ConfigSnapshot; home?: string}) {
  const {loaded, view} = snap;
  if (!loaded.exists) {
    return (
      <Row label="Config">
        <Text>
          <StatusIcon tone="pending" /> no openclaw.json yet: set-up will create it
        </Text>
      </Row>
    );
  }
  if (isEmptyConfig(loaded)) {
    return (
      <Row label="Config">
        <Note tone="pending">openclaw.json is empty: set-up will fill it</Note>
      </Row>
    );
  }
  if (loaded.parseError) {
    return (
      <Row label="Config">
        <Note tone="fail">does not parse: {parseErrorText(loaded.parseError)}</Note>
      </Row>
    );
  }
  const primary = view?.primary;
  const legacy = snap.location.legacyFound.length ? (
    <Text wrap="truncate-end">
      <StatusIcon tone="warn" /> OpenClaw ignores {snap.location.legacyFound.map((f) => tildePath(f, home)).join(', ')}
    </Text>
  ) : null;
  const dups = loaded.duplicateKeys.length ? (
    <Text wrap="truncate-end">
      <StatusIcon tone="warn" /> key{loaded.duplicateKeys.length > 1 ? 's' : ''} given twice (the last one wins):{' '}
      {printable(loaded.duplicateKeys.map((d) => `${d.path} (line ${d.line})`).join(', '))}
    </Text>
  ) : null;
  const notWritable = notWritableReason(loaded, snap.location, home);
  const readOnly = notWritable ? <Note tone="warn">not writable: {notWritable}</Note> : null;
  const local = view?.providers.filter((p) => p.isLocal) ?? [];
  return (
    <Row label="Model">
      {primary ? (
        <Text wrap="truncate-end">
          primary {primary}
          {view?.fallbacks.length ? ` · fallbacks ${view.fallbacks.join(', ')}` : ''}
        </Text>
      ) : (
        <Text>no primary model set</Text>
      )}
      <Text wrap="truncate-end">
        {local.length
          ? `local provider${local.length > 1 ? 's' : ''}: ${local.map((p) => `${p.id}${p.baseUrl ? ` (${tildePath(p.baseUrl, home)})` : ''}`).join(', ')}`
          : 'no local provider configured yet'}
      </Text>
      {readOnly}
      {dups}
      {legacy}
    </Row>
  );
}

function ServerRows({discovery}: {discovery: Discovery}) {
  const foundPorts = new Set(discovery.servers.map((s) => s.port));
  const silent = (discovery.silent ?? []).filter((s) => !foundPorts.has(s.port));
  const silentPorts = new Set(silent.map((s) => s.port));
  const quiet = discovery.scanned.filter((s) => !foundPorts.has(s.port) && !silentPorts.has(s.port));
  return (
    <>
      {discovery.servers.map((s) => {
        const loaded = s.models.filter((m) => m.state === 'loaded');
        const shown = loaded.length ? loaded : s.models;
        const models = shown.length
          ? shown
              .slice(0, 2)
              .map(
                (m) =>
                  `${m.id}${m.state === 'loaded' ? ' loaded' : ''}${m.loadedContext ? ` (${formatTokens(m.loadedContext)} ctx)` : ''}`,
              )
              .join(', ') + (shown.length > 2 ? ` +${shown.length - 2} more` : '')
          : s.modelsError
            ? `models: ${s.modelsError.message}`
            : 'no models';
        // Listed but not loaded: the server answers, the model does not yet (the first request cold-loads it, or fails).
        const notLoaded = !loaded.length && s.models.some((m) => m.state === 'not-loaded');
        const load = notLoaded
          ? keepLoadedCommand(s.fingerprint.kind, s.models[0].id, undefined, s.baseUrl)
          : undefined;
        return (
          <Text key={s.baseUrl} wrap="truncate-end">
            <StatusIcon tone={s.modelsError || notLoaded ? 'warn' : 'ok'} /> {kindLabel(s.fingerprint.kind)}
            {s.fingerprint.version ? ` ${s.fingerprint.version}` : ''} on {portLabel(s.baseUrl)} · {models}
            {notLoaded ? ` · not loaded${load ? `: ${load}` : ''}` : ''}
          </Text>
        );
      })}
      {silent.map((s) => (
        <Note key={`silent-${s.port}`} tone="warn">
          :{s.port} ({kindLabel(s.kind)}) accepted the connection but did not answer in time (still loading, busy, or
          not a model server)
        </Note>
      ))}
      {discovery.servers.length === 0 && quiet.length === 0 && silent.length === 0 ? (
        <Note tone="pending">no local model server found (no ports were scanned)</Note>
      ) : null}
      {quiet.length ? (
        <Note tone="pending">nothing on {quiet.map((q) => `:${q.port} (${kindLabel(q.kind)})`).join(' ')}</Note>
      ) : null}
    </>
  );
}

/** `lastChoice`: what the user picked last time, so coming back keeps the place. */
export function Home({lastChoice, onChoose}: {lastChoice?: MenuValue; onChoose?: (v: MenuValue) => void}) {
  const session = useSession();
  const nav = useNav();
  const active = useKeysActive();
  const theme = useTheme();
  const terminal = useTerminalSize();
  const columns = terminal.columns;
  const rt = session.services.runtime();
  const {config, hardware, discovery, openclawVersion} = session;
  const profile = hardware.value;
  const verdict = useAsync(
    () => (profile ? session.services.evaluate(profile, {}) : new Promise<never>(() => {})),
    [profile],
  );

  const configPath = config.value ? tildePath(config.value.location.path, session.home) : undefined;
  const title = `openclaw-local-doctor ${session.version}`;
  // Title, one space, "config ", the path: all on one row.
  const pathRoom = Math.max(10, columns - title.length - 'config '.length - 1);

  const local = hasLocalProvider(config.value?.view);
  const loaded = config.value?.loaded;
  // A file that does not parse: set-up refuses it; the doctor says where it breaks.
  const broken = Boolean(loaded?.parseError && !isEmptyConfig(loaded));
  const items: Choice<MenuValue>[] = [
    {
      label: 'Set up a local model',
      value: 'setup',
      hint: broken
        ? 'fix the syntax error first'
        : local
          ? 'change stack, server or model'
          : 'write a local model into openclaw.json',
    },
    {
      label: 'Run the doctor',
      value: 'doctor',
      hint: config.value?.view?.primary
        ? `check ${config.value.view.primary} end to end`
        : 'the troubleshooting checklist',
    },
    {label: 'Check my hardware', value: 'hardware', hint: 'what fits, and how fast'},
    {label: 'Quit', value: 'quit'},
  ];
  const baseIndex = lastChoice ? items.findIndex((i) => i.value === lastChoice) : local || broken ? 1 : 0;
  // Keys typed before the menu is there (the config read takes a moment) are kept, not lost:
  // ↓ then Enter must not pick the default.
  const early = useRef({delta: 0, enter: false});
  useKeys(
    (_input, key) => {
      if (key.upArrow) early.current.delta--;
      else if (key.downArrow) early.current.delta++;
      else if (key.return) early.current.enter = true;
    },
    {isActive: active && config.status === 'pending'},
  );
  const defaultIndex = (((baseIndex + early.current.delta) % items.length) + items.length) % items.length;
  const choose = (v: MenuValue) => {
    onChoose?.(v);
    if (v === 'quit') nav.quit();
    else nav.push({screen: v});
  };
  const ready = config.status !== 'pending';
  useEffect(() => {
    if (!ready || !early.current.enter) return;
    early.current.enter = false;
    choose(items[defaultIndex].value);
    // Once, when the menu first appears.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ready]);

  return (
    <Box flexDirection="column">
      <Box justifyContent="space-between">
        <Text bold>{title}</Text>
        <Text dimColor={theme.dim}>
          {configPath ? `config ${shortenLeft(configPath, pathRoom)}` : 'finding config…'}
        </Text>
      </Box>
      <Text dimColor={theme.dim} wrap="truncate-end">
        Node {rt.node} · OpenClaw{' '}
        {openclawVersion.status === 'pending' ? '…' : openclawVersion.value ? openclawVersion.value : 'not found'} ·{' '}
        {rt.platform} {rt.arch}
      </Text>
      <Box marginTop={1} flexDirection="column">
        <Row label="This machine">
          {hardware.status === 'pending' ? (
            <Busy label="detecting hardware…" />
          ) : hardware.status === 'error' ? (
            <Text>
              <StatusIcon tone="warn" /> could not detect: {hardware.error}
            </Text>
          ) : (
            <Wrap>{machineLine(hardware.value)}</Wrap>
          )}
        </Row>
        {verdict.value ? (
          <Row label="Tier">
            <Text wrap="truncate-end">
              {verdict.value.tier.label}
              {/* A unified machine already says what is usable on the line above. */}
              {profile && unifiedAccelerator(profile)
                ? ''
                : ` (${formatGB(verdict.value.usableAcceleratorMemoryGB)} usable)`}
              : {verdict.value.recommendation.why}
            </Text>
          </Row>
        ) : null}
        <Row label="Running here">
          {discovery.status === 'pending' ? (
            <Busy label="looking for local model servers…" />
          ) : discovery.status === 'error' ? (
            <Text>
              <StatusIcon tone="warn" /> could not look: {discovery.error}
            </Text>
          ) : (
            <ServerRows discovery={discovery.value} />
          )}
        </Row>
        {config.status === 'done' ? (
          <ConfigRows snap={config.value} home={session.home} />
        ) : config.status === 'error' ? (
          <Row label="Config">
            <Text>
              <StatusIcon tone="fail" /> {config.error}
            </Text>
          </Row>
        ) : null}
      </Box>
      <Box marginTop={1}>
        {/* The menu waits for the config (a quick read): its default depends on it, and an early Enter must not pick the wrong one. */}
        {config.status === 'pending' ? (
          <Busy label="reading the config…" />
        ) : (
          <Select items={items} initialIndex={defaultIndex} labelWidth={22} isFocused={active} onSelect={choose} />
        )}
      </Box>
      <KeyHints hints={['↑↓ move', 'enter choose', '? keys', 'q quit']} />
    </Box>
  );
}
