/**
 * Set-up wizard: stack → server and model → context → fallbacks → review →
 * write → the doctor. Every decision comes from the engines (listStacks,
 * evaluate, discover, planStack, applyPatch); this screen only asks.
 */
import type React from 'react';
import {useEffect, useReducer, useState} from 'react';
import {Box, Text} from 'ink';
import {useKeys} from '../hooks/useKeys.js';
import {useTerminalSize} from '../hooks/useTerminalSize.js';
import {isLocalBaseUrl} from '../../core/config-view.js';
import {
  recommendStack,
  startServerCommands,
  type Recommendation,
  type StackId,
  type StackInfo,
} from '../../core/stacks.js';
import type {HardwareVerdict} from '../../core/hardware.js';
import type {DiscoveredServer, ServerKind} from '../../core/types/servers.js';
import {Bullet} from '../components/Bullet.js';
import {Busy} from '../components/Busy.js';
import {Failure} from '../components/Failure.js';
import {Field} from '../components/Field.js';
import {KeyHints, NAV_HINTS} from '../components/KeyHints.js';
import {Select, type Choice} from '../components/Select.js';
import {StatusIcon} from '../components/StatusIcon.js';
import {Note} from '../components/Note.js';
import {
  baseUrlForApi,
  errorExcerpt,
  formatGB,
  formatTokens,
  isEmptyConfig,
  kindLabel,
  parseErrorText,
  portLabel,
  tildePath,
} from '../format.js';
import {useBackHandler, useKeysActive, useNav, useTextEntry} from '../hooks/keys.js';
import {errorText, useAsync} from '../hooks/useAsync.js';
import {useSession} from '../hooks/session.js';
import {
  answersFrom,
  fallbackCandidates,
  initialSetupState,
  needsHostedChoice,
  requestSetsContext,
  serverAnswers,
  setupReducer,
  type ModelChoice,
  type SetupState,
} from '../state/setup.js';
import {useTheme} from '../theme.js';
import {Review} from './Review.js';
import {Wrap} from '../components/Wrap.js';
import {keepLoadedCommand} from '../../core/findings/server-commands.js';

/** The env var OpenClaw reads a hosted provider's key from: anthropic/… → ANTHROPIC_API_KEY. */
export function keyEnvFor(ref: string): string {
  return `${ref
    .slice(0, Math.max(0, ref.indexOf('/')))
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '_')}_API_KEY`;
}

/** Which discovered servers can serve a stack (undefined: any local server). */
const STACK_SERVERS: Partial<Record<StackId, ServerKind[]>> = {
  lmstudio: ['lmstudio'],
  ollama: ['ollama'],
  llamacpp: ['llamacpp'],
  exo: ['exo'],
  'openai-compatible': ['vllm', 'litellm', 'llamacpp', 'openai-compatible', 'lmstudio', 'unknown'],
};

/** Servers that are what a stack is named after: only these make its "found on" note (an LM Studio is not "an OpenAI-compatible server found"). */
const STACK_OWN_KINDS: Partial<Record<StackId, ServerKind[]>> = {
  ...STACK_SERVERS,
  'openai-compatible': ['vllm', 'litellm', 'openai-compatible', 'unknown'],
};

export function stackFoundNote(stack: StackInfo, servers: DiscoveredServer[]): string | undefined {
  const kinds = STACK_OWN_KINDS[stack.id];
  if (!kinds) return undefined;
  const found = servers.filter((s) => kinds.includes(s.fingerprint.kind));
  if (found.length) return `found on ${found.map((f) => portLabel(f.baseUrl)).join(' ')}`;
  return stack.id === 'openai-compatible' ? undefined : 'not running';
}

export function serversForStack(stack: StackInfo, servers: DiscoveredServer[]): DiscoveredServer[] {
  const kinds = STACK_SERVERS[stack.id];
  return kinds ? servers.filter((s) => kinds.includes(s.fingerprint.kind)) : servers;
}

/**
 * The baseUrl OpenClaw needs for a discovered server, by the rule used for a
 * typed one (baseUrlForApi): a scanned port is a bare origin and gets /v1
 * (Ollama: its native API at the root); a configured provider's URL with its
 * own path is kept, not given a /v1 it never had.
 */
export function openclawBaseUrl(server: DiscoveredServer): string {
  return baseUrlForApi(server.baseUrl.replace(/\/+$/, ''), server.fingerprint.kind === 'ollama' ? 'ollama' : undefined);
}

export function modelChoices(servers: DiscoveredServer[]): ModelChoice[] {
  const out: ModelChoice[] = [];
  for (const s of servers) {
    // Loaded models first: they answer without a cold load.
    const models = [...s.models].sort((a, b) => Number(b.state === 'loaded') - Number(a.state === 'loaded'));
    for (const m of models) {
      out.push({
        baseUrl: openclawBaseUrl(s),
        model: m.id,
        serverKind: s.fingerprint.kind,
        serverLabel: `${kindLabel(s.fingerprint.kind)} on ${portLabel(s.baseUrl)}`,
        state: m.state,
        loadedContext: m.loadedContext,
        maxContext: m.maxContext,
        sizeBytes: m.sizeBytes,
        responses: s.responses,
      });
    }
  }
  return out;
}

/** The app's recommendation: only once both the hardware verdict and discovery are in (never "whichever came first"). */
function useRecommendation(): {pending: boolean; verdict?: HardwareVerdict; rec?: Recommendation} {
  const session = useSession();
  const profile = session.hardware.value;
  const verdict = useAsync(
    () => (profile ? session.services.evaluate(profile, {}) : Promise.resolve(undefined)),
    [profile],
  );
  const hardwareKnown = session.hardware.status !== 'pending' && !(profile && verdict.status === 'pending');
  const discoveryKnown = session.discovery.status !== 'pending';
  if (!hardwareKnown || !discoveryKnown) return {pending: true, verdict: verdict.value};
  const snap = session.config.value;
  const primary = snap?.view?.primary;
  const localIds = new Set((snap?.view?.providers ?? []).filter((p) => p.isLocal).map((p) => p.id));
  const rec = recommendStack({
    estimate: verdict.value?.recommendation.setupStacks,
    servers: (session.discovery.value?.servers ?? []).map((s) => ({
      kind: s.fingerprint.kind,
      baseUrl: s.baseUrl,
      models: s.models,
    })),
    primaryIsLocal: primary !== undefined && localIds.has(primary.slice(0, primary.indexOf('/'))),
  });
  return {pending: false, verdict: verdict.value, rec};
}

/** Nothing local runs: how to start a server on this OS, then rescan. Never a default that writes something unusable. */
function StartServer(props: {
  why: string;
  verdict?: HardwareVerdict;
  onRescan: () => void;
  onChooseAnyway: () => void;
}) {
  const session = useSession();
  const active = useKeysActive();
  const theme = useTheme();
  const platform = session.services.runtime().platform;
  // The model the hardware estimate picked for this machine, when it picked one.
  const model = props.verdict?.recommendation.model;
  const starts = startServerCommands(platform, {model});
  return (
    <Box flexDirection="column">
      <Text bold>Start a local model server first</Text>
      <Wrap>
        {props.why}
        {model
          ? ` What fits here: ${model}${props.verdict?.recommendation.contextCap ? ` at ${formatTokens(props.verdict.recommendation.contextCap)} tokens of context` : ''} (estimated).`
          : ' The hardware estimate fits no model for OpenClaw here: a small one runs, slowly; keeping a hosted model is the safer choice.'}
      </Wrap>
      <Box flexDirection="column" marginTop={1}>
        {starts.map((s) => (
          <Box key={s.server} flexDirection="column">
            <Text>
              <Text bold>{s.server}</Text>
              {s.note ? <Text dimColor={theme.dim}> ({s.note})</Text> : null}
            </Text>
            {s.commands.map((c) => (
              <Text key={c} wrap="truncate-end">
                {'    $ '}
                {c}
              </Text>
            ))}
          </Box>
        ))}
      </Box>
      <Box marginTop={1}>
        <Select
          items={[
            {label: 'Rescan', value: 'rescan' as const, hint: 'look for the server again'},
            {label: 'Choose a stack anyway', value: 'anyway' as const, hint: 'type a server URL, or a hosted stack'},
          ]}
          isFocused={active}
          onSelect={(v) => (v === 'rescan' ? props.onRescan() : props.onChooseAnyway())}
        />
      </Box>
    </Box>
  );
}

function StackStep({dispatch}: {dispatch: React.Dispatch<Parameters<typeof setupReducer>[1]>}) {
  const session = useSession();
  const terminal = useTerminalSize();
  const active = useKeysActive();
  const theme = useTheme();
  const stacks = useAsync(() => session.services.listStacks(), [session.services]);
  const {pending, verdict: v, rec} = useRecommendation();
  const [anyway, setAnyway] = useState(false);
  if (stacks.status === 'pending') return <Busy label="loading the guide's stacks…" />;
  if (stacks.status === 'error') {
    return (
      <Text>
        <StatusIcon tone="fail" /> {stacks.error}
      </Text>
    );
  }
  if (pending || !rec) return <Busy label="checking the hardware and looking for local servers…" />;
  if (rec.kind === 'start-server' && !anyway) {
    return (
      <StartServer why={rec.why} verdict={v} onRescan={() => session.rescan()} onChooseAnyway={() => setAnyway(true)} />
    );
  }
  const recommended = rec.kind === 'server' ? rec.stack : undefined;
  const servers = session.discovery.value?.servers ?? [];
  // The exo stack is offered only when an exo cluster answers (recommendStack then picks it).
  const exoFound = servers.some((s) => s.fingerprint.kind === 'exo');
  const items: Choice<StackId>[] = stacks.value
    .filter((s) => s.id !== 'exo' || exoFound)
    .map((s) => {
      const note = session.discovery.status === 'done' ? stackFoundNote(s, servers) : undefined;
      return {
        label: s.label,
        value: s.id,
        hint: s.description,
        note,
        tag: s.id === recommended ? 'recommended' : undefined,
      };
    });
  const initial = Math.max(
    0,
    items.findIndex((i) => i.value === recommended),
  );
  return (
    <Box flexDirection="column">
      {v ? (
        <Wrap>
          Your tier: <Text bold>{v.tier.label}</Text> ({formatGB(v.usableAcceleratorMemoryGB)} usable).{' '}
          {rec.kind === 'server' ? rec.why : v.recommendation.why}
        </Wrap>
      ) : rec.kind === 'server' ? (
        <Wrap>{rec.why}</Wrap>
      ) : (
        <Text dimColor={theme.dim}>No hardware verdict; pick the stack that matches your server.</Text>
      )}
      <Box marginTop={1} flexDirection="column">
        <Text bold>Choose a stack</Text>
        <Select
          key={recommended ?? 'none'}
          items={items}
          initialIndex={initial}
          layout="stacked"
          compact={terminal.rows < 26}
          isFocused={active}
          onSelect={(id) =>
            dispatch({
              type: 'choose-stack',
              stack: stacks.value.find((s) => s.id === id)!,
              hardware: session.hardware.value,
            })
          }
        />
      </Box>
    </Box>
  );
}

function ServerStep({
  state,
  dispatch,
}: {
  state: SetupState;
  dispatch: React.Dispatch<Parameters<typeof setupReducer>[1]>;
}) {
  const session = useSession();
  const active = useKeysActive();
  const stack = state.stack!;
  const discovery = session.discovery;
  const choices = discovery.value ? modelChoices(serversForStack(stack, discovery.value.servers)) : [];
  const MANUAL = -1;
  const items: Choice<number>[] = choices.map((c, i) => ({
    label: `${c.model} · ${c.serverLabel}`,
    value: i,
    hint: [
      c.state === 'loaded' ? 'loaded' : c.state === 'not-loaded' ? 'not loaded' : undefined,
      c.loadedContext
        ? `${formatTokens(c.loadedContext)} ctx`
        : c.maxContext
          ? `max ${formatTokens(c.maxContext)} ctx`
          : undefined,
    ]
      .filter(Boolean)
      .join(' · '),
  }));
  items.push({
    label: 'Type a base URL and model id',
    value: MANUAL,
    hint: stack.defaults.baseUrl ? `default ${stack.defaults.baseUrl}` : undefined,
  });
  return (
    <Box flexDirection="column">
      <Text bold>Server and model for {stack.label}</Text>
      {discovery.status === 'pending' ? <Busy label="looking for local model servers…" /> : null}
      {discovery.status === 'done' && choices.length === 0 ? (
        <Note tone="pending">
          No running server for this stack was found on the usual ports. Start it, or type its URL.
        </Note>
      ) : null}
      <Select
        key={`${discovery.status}-${choices.length}`}
        items={items}
        isFocused={active}
        limit={10}
        onSelect={(i) =>
          i === MANUAL ? dispatch({type: 'type-manually'}) : dispatch({type: 'choose-model', choice: choices[i]})
        }
      />
    </Box>
  );
}

const REGION_LABEL: Record<string, string> = {eu: 'EU', us: 'US'};

function HostedStep({
  state,
  dispatch,
}: {
  state: SetupState;
  dispatch: React.Dispatch<Parameters<typeof setupReducer>[1]>;
}) {
  const active = useKeysActive();
  const stack = state.stack!;
  const ask = needsHostedChoice(stack, state.hosted);
  if (ask === 'region') {
    return (
      <Box flexDirection="column">
        <Text bold>Which region should serve {stack.label}?</Text>
        <Select
          key="region"
          items={(stack.regions ?? []).map((r) => ({
            label: REGION_LABEL[r] ?? r,
            value: r,
            hint: 'requests stay in this region',
          }))}
          isFocused={active}
          onSelect={(region) => dispatch({type: 'choose-region', region})}
        />
      </Box>
    );
  }
  return (
    <Box flexDirection="column">
      <Text bold>
        Which model{state.hosted.region ? ` (${REGION_LABEL[state.hosted.region] ?? state.hosted.region})` : ''}?
      </Text>
      <Select
        key="model"
        items={(stack.modelChoices ?? []).map((m) => ({
          label: m.name,
          value: m.id,
          hint: `${m.id} · ${formatTokens(m.contextWindow)} ctx`,
        }))}
        isFocused={active}
        onSelect={(model) => dispatch({type: 'choose-hosted-model', model})}
      />
    </Box>
  );
}

function ManualStep({
  state,
  dispatch,
}: {
  state: SetupState;
  dispatch: React.Dispatch<Parameters<typeof setupReducer>[1]>;
}) {
  const session = useSession();
  const active = useKeysActive();
  const theme = useTheme();
  useTextEntry(true);
  const m = state.manual;
  // Once the URL is in, ask that server what it is and what it serves (inline, while the model id is typed).
  const accepted = m.field === 'model' ? m.baseUrl : undefined;
  useEffect(() => {
    if (!accepted || !isLocalBaseUrl(accepted)) return;
    let live = true;
    session.services.probe(accepted).then(
      (r) => {
        if (!live) return;
        if (!r.ok) {
          dispatch({
            type: 'manual-probed',
            probe: {
              baseUrl: accepted,
              ok: false,
              text: `nothing usable answered (${r.message}); you can still use this URL`,
              models: [],
            },
          });
          return;
        }
        // A bare origin gets the path the stack's API needs (LM Studio's OpenAI API is under /v1).
        const api =
          serverAnswers(state.stack, {baseUrl: accepted, model: '', serverKind: r.report.fingerprint.kind}).api ??
          state.stack?.defaults.api;
        const useBaseUrl = baseUrlForApi(accepted, api);
        const models = modelChoices([{...r.report, port: 0, foundVia: {kind: 'default-port'}}]).map((c) => ({
          ...c,
          baseUrl: useBaseUrl,
        }));
        const names = models.map((c) => `${c.model}${c.state === 'loaded' ? ' (loaded)' : ''}`);
        const kind = kindLabel(r.report.fingerprint.kind);
        const text =
          `${kind}${r.report.fingerprint.version ? ` ${r.report.fingerprint.version}` : ''} answers${names.length ? `: ${names.slice(0, 4).join(', ')}${names.length > 4 ? ` +${names.length - 4} more` : ''}` : ', with no models listed'}` +
          (useBaseUrl !== accepted ? `; OpenClaw will use ${useBaseUrl}` : '');
        dispatch({type: 'manual-probed', probe: {baseUrl: accepted, ok: true, text, models, useBaseUrl}});
      },
      () =>
        live &&
        dispatch({
          type: 'manual-probed',
          probe: {baseUrl: accepted, ok: false, text: 'could not ask the server', models: []},
        }),
    );
    return () => {
      live = false;
    };
  }, [accepted]);
  useFieldMoves((delta) => dispatch({type: 'manual-move', delta}), active);
  const probe = m.probe?.baseUrl === accepted ? m.probe : undefined;
  const listed = probe?.models.map((c) => c.model) ?? [];
  const typed = m.model.trim();
  return (
    <Box flexDirection="column">
      <Text bold>Where is the server?</Text>
      <Field
        label="Base URL"
        value={m.baseUrl}
        focus={active && m.field === 'baseUrl'}
        placeholder="http://HOST:PORT/v1"
        error={m.field === 'baseUrl' ? m.error : undefined}
        onChange={(value) => dispatch({type: 'manual-edit', value})}
        onSubmit={() => dispatch({type: 'manual-submit'})}
      />
      {accepted && isLocalBaseUrl(accepted) ? (
        probe ? (
          <Note tone={probe.ok ? 'ok' : 'warn'} indent={2}>
            {probe.text}
          </Note>
        ) : (
          <Box marginLeft={2}>
            <Busy label="asking the server…" />
          </Box>
        )
      ) : null}
      <Field
        label="Model id"
        value={m.model}
        focus={active && m.field === 'model'}
        placeholder="as the server lists it"
        error={m.field === 'model' ? m.error : undefined}
        onChange={(value) => dispatch({type: 'manual-edit', value})}
        onSubmit={() => dispatch({type: 'manual-submit'})}
      />
      {m.field === 'model' && !m.error && typed && listed.length && !listed.includes(typed) ? (
        <Note tone="warn" indent={2} dim={theme.dim}>
          not among the models this server lists
        </Note>
      ) : null}
    </Box>
  );
}

/** Up/Down between a step's two fields: one rule for the server step and the context step. */
function useFieldMoves(move: (delta: number) => void, active: boolean) {
  useKeys(
    (_input, key) => {
      if (key.upArrow) move(-1);
      else if (key.downArrow) move(1);
    },
    {isActive: active},
  );
}

function ContextStep({
  state,
  dispatch,
}: {
  state: SetupState;
  dispatch: React.Dispatch<Parameters<typeof setupReducer>[1]>;
}) {
  const active = useKeysActive();
  useTextEntry(true);
  const c = state.context;
  useFieldMoves((delta) => dispatch({type: 'context-move', delta}), active);
  const choice = state.choice!;
  const where = choice.serverLabel ?? choice.baseUrl;
  let why: React.ReactNode;
  if (requestSetsContext(state.stack, choice)) {
    why = (
      <Note tone="info">
        With Ollama&apos;s native API, OpenClaw sends this context with every request (num_ctx) and Ollama loads the
        model with it
        {choice.loadedContext ? ` (it has ${formatTokens(choice.loadedContext)} loaded now)` : ''}
        {choice.maxContext ? `; ${choice.model} takes up to ${formatTokens(choice.maxContext)}` : ''}. More context
        needs more memory.
      </Note>
    );
  } else if (choice.loadedContext && choice.maxContext && choice.loadedContext < choice.maxContext) {
    why = (
      <Note tone="warn">
        {where} has {choice.model} loaded with {formatTokens(choice.loadedContext)} tokens of context; the model can
        take {formatTokens(choice.maxContext)}. OpenClaw must not ask for more than is loaded, so{' '}
        {formatTokens(choice.loadedContext)} is filled in. For more, reload the model with a larger context first, then
        run set-up again.
      </Note>
    );
  } else if (choice.loadedContext) {
    why = (
      <Note tone="ok">
        From {where}: the model is loaded with {formatTokens(choice.loadedContext)} tokens of context.
      </Note>
    );
  } else if (choice.state === 'not-loaded') {
    const load = choice.serverKind
      ? keepLoadedCommand(
          choice.serverKind,
          choice.model,
          Number(c.contextText) || undefined,
          choice.baseUrl.replace(/\/v1\/?$/, ''),
        )
      : undefined;
    why = (
      <Note tone="warn">
        {where} lists {choice.model} but has not loaded it, so no context is loaded yet. Load it with the context below
        {load ? `: ${load}` : ''}. Until it is loaded, the first request waits for a cold load (or fails when the server
        does not load on demand).
        {choice.maxContext ? ` The model takes up to ${formatTokens(choice.maxContext)}.` : ''}
      </Note>
    );
  } else {
    why = (
      <Note tone="pending">
        The server did not say how much context is loaded; this is the stack's default
        {choice.maxContext ? ` (the model's maximum is ${formatTokens(choice.maxContext)})` : ''}. Use what the server
        really loads.
      </Note>
    );
  }
  return (
    <Box flexDirection="column">
      <Text bold>Context for {choice.model}</Text>
      {why}
      <Box marginTop={1} flexDirection="column">
        <Field
          label="Context"
          value={c.contextText}
          focus={active && c.field === 'context'}
          placeholder="tokens, e.g. 32768"
          error={c.field === 'context' ? c.error : undefined}
          onChange={(value) => dispatch({type: 'context-edit', value})}
          onSubmit={() => dispatch({type: 'context-submit'})}
        />
        <Field
          label="Max tokens"
          value={c.maxTokensText}
          focus={active && c.field === 'maxTokens'}
          placeholder="reply limit, e.g. 8192"
          error={c.field === 'maxTokens' ? c.error : undefined}
          onChange={(value) => dispatch({type: 'context-edit', value})}
          onSubmit={() => dispatch({type: 'context-submit'})}
        />
      </Box>
    </Box>
  );
}

function FallbacksStep({
  state,
  dispatch,
}: {
  state: SetupState;
  dispatch: React.Dispatch<Parameters<typeof setupReducer>[1]>;
}) {
  const session = useSession();
  const active = useKeysActive();
  const theme = useTheme();
  const snap = session.config.value;
  const stack = state.stack!;
  // Candidates come from the stack's own plan plus what the config has now.
  useEffect(() => {
    if (state.fallbacksReady) return;
    let live = true;
    Promise.all([
      session.services.planStack(stack.id, snap?.loaded.value, answersFrom(state, false)),
      session.services.listStacks(),
    ]).then(
      ([plan, stacks]) => {
        if (!live) return;
        // A ref is local when its provider is the stack's new local one or a local provider in the config.
        const localProviders = new Set((snap?.view?.providers ?? []).filter((p) => p.isLocal).map((p) => p.id));
        if (stack.local && plan.providerId) localProviders.add(plan.providerId);
        const isHosted = (ref: string) => !localProviders.has(ref.slice(0, ref.indexOf('/')));
        dispatch({
          type: 'fallback-candidates',
          items: fallbackCandidates({
            planned: plan.fallbacks,
            newPrimary: plan.primary,
            currentPrimary: snap?.view?.primary,
            currentFallbacks: snap?.view?.fallbacks ?? [],
            hosted: {suggest: stack.hostedDefault ?? stacks.find((s) => s.hostedDefault)?.hostedDefault, isHosted},
          }),
        });
      },
      (err: unknown) => live && dispatch({type: 'engine-error', message: errorText(err)}),
    );
    return () => {
      live = false;
    };
  }, [state.fallbacksReady]);
  useKeys(
    (input, key) => {
      if (key.upArrow) dispatch({type: 'fallback-cursor', delta: -1});
      else if (key.downArrow) dispatch({type: 'fallback-cursor', delta: 1});
      else if (input === ' ') dispatch({type: 'fallback-toggle'});
      else if (input === 'u' || input === '[') dispatch({type: 'fallback-move', delta: -1});
      else if (input === 'd' || input === ']') dispatch({type: 'fallback-move', delta: 1});
      else if (input === 'a' || input === '+') dispatch({type: 'fallback-add-start'});
      else if (key.return) dispatch({type: 'fallbacks-done'});
    },
    {isActive: active && state.fallbacksReady && !state.error && !state.adding},
  );
  useTextEntry(Boolean(state.adding));
  if (state.error) {
    return (
      <Box flexDirection="column">
        <Note tone="fail">{state.error}</Note>
        <KeyHints hints={['esc back to change the answers', 'q quit']} />
      </Box>
    );
  }
  if (!state.fallbacksReady) return <Busy label="planning…" />;
  const suggested = state.fallbacks.find((f) => f.recommended);
  return (
    <Box flexDirection="column">
      <Text bold>Fallbacks</Text>
      <Wrap dimColor={theme.dim}>
        When the primary fails, OpenClaw tries these in order.
        {stack.local ? ' Hosted ones are a safety net when the local server is down.' : ''}
      </Wrap>
      {state.fallbacks.length === 0 ? (
        <Text>
          <StatusIcon tone="pending" /> none to offer: OpenClaw will use only the primary.
        </Text>
      ) : (
        state.fallbacks.map((f, i) => (
          <Text key={f.ref} wrap="truncate-end">
            <Text color={i === state.cursor ? theme.accent : undefined}>{i === state.cursor ? '❯' : ' '}</Text> [
            {f.keep ? 'x' : ' '}] {f.keep ? `${state.fallbacks.filter((g, j) => g.keep && j <= i).length}. ` : '   '}
            {f.ref}
            <Text dimColor={!f.recommended && theme.dim}> ({f.why})</Text>
          </Text>
        ))
      )}
      {suggested?.keep ? (
        <Bullet indent={0}>
          Recommended: when the local server is down, loading or out of context, OpenClaw falls back to {suggested.ref}.
          It needs {keyEnvFor(suggested.ref)} in the gateway&apos;s environment (or `openclaw models auth`); set-up
          writes no keys.
        </Bullet>
      ) : null}
      {state.fallbacks.length > 0 && !state.fallbacks.some((f) => f.keep) ? (
        <Note tone="warn">none kept: when the local server is down, every request fails.</Note>
      ) : null}
      {state.adding ? (
        <Field
          label="Add"
          value={state.adding.text}
          focus={active}
          placeholder="provider/model, e.g. openai/gpt-5.1"
          error={state.adding.error}
          onChange={(value) => dispatch({type: 'fallback-add-edit', value})}
          onSubmit={() => dispatch({type: 'fallback-add-submit'})}
        />
      ) : null}
      <KeyHints
        hints={
          state.adding
            ? ['enter add', 'esc cancel']
            : ['↑↓ move', 'space keep/drop', 'u/d reorder', 'a add your own', 'enter continue']
        }
      />
    </Box>
  );
}

function ReviewStep({
  state,
  dispatch,
}: {
  state: SetupState;
  dispatch: React.Dispatch<Parameters<typeof setupReducer>[1]>;
}) {
  const session = useSession();
  const nav = useNav();
  const snap = session.config.value;
  const stack = state.stack!;
  const prepared = useAsync(async () => {
    if (!snap) throw new Error('the config is not loaded');
    return session.services.setupText(stack.id, snap.loaded, answersFrom(state));
  }, [snap]);
  if (prepared.status === 'pending') return <Busy label="preparing the change…" />;
  if (prepared.status === 'error') return <Failure>{prepared.error}</Failure>;
  const {plan, newText} = prepared.value;
  return (
    <Review
      loaded={snap!.loaded}
      newText={newText}
      warnings={[
        ...plan.warnings,
        // The hosted safety net we suggested: say what it needs, unless the planner already did.
        ...state.fallbacks
          .filter(
            (f) =>
              f.recommended &&
              f.keep &&
              plan.fallbacks.includes(f.ref) &&
              !plan.warnings.some((w) => w.includes(keyEnvFor(f.ref))),
          )
          .map(
            (f) =>
              `${f.ref} needs ${keyEnvFor(f.ref)} in the gateway's environment (or \`openclaw models auth\`); set-up writes no keys.`,
          ),
      ]}
      summary={
        <Wrap>
          {stack.label}: primary <Text bold>{plan.primary ?? '(unchanged)'}</Text>
          {plan.fallbacks.length ? ` → ${plan.fallbacks.join(' → ')}` : ' (no fallbacks)'}
        </Wrap>
      }
      onBack={() => dispatch({type: 'back'})}
      onWritten={(result) => {
        dispatch({type: 'written'});
        session.refresh();
        const backup = result.backupPath ? ` · backup ${tildePath(result.backupPath, session.home)}` : '';
        nav.replace({screen: 'doctor', note: `Wrote ${tildePath(result.path, session.home)}${backup}`});
      }}
    />
  );
}

const STEP_NAME: Record<SetupState['step'], string> = {
  stack: 'stack',
  hosted: 'region and model',
  server: 'server',
  manual: 'server',
  context: 'context',
  fallbacks: 'fallbacks',
  review: 'review',
  done: 'done',
};

/** "1 stack › [2 server] › 3 context…", or "step 2 of 5: server" when that does not fit on the line. */
export function stepsLine(steps: string[], current: string, room: number): string {
  const full = steps.map((s) => (s === current ? `[${s}]` : s)).join(' › ');
  if (full.length <= room) return full;
  const i = steps.indexOf(current);
  return i < 0 ? current : `step ${i + 1} of ${steps.length}: ${current.replace(/^\d+ /, '')}`;
}

export function Setup() {
  const [state, dispatch] = useReducer(setupReducer, initialSetupState);
  const session = useSession();
  const theme = useTheme();
  useBackHandler(() => {
    // Esc while typing a fallback of one's own: cancel that, stay on the step.
    if (state.adding) {
      dispatch({type: 'fallback-add-cancel'});
      return true;
    }
    if (state.trail.length === 0) return false;
    dispatch({type: 'back'});
    return true;
  });
  const terminal = useTerminalSize();
  const snap = session.config.value;
  if (session.config.status === 'pending') return <Busy label="reading the config…" />;
  if (snap?.loaded.parseError && !isEmptyConfig(snap.loaded)) {
    const e = snap.loaded.parseError;
    return (
      <Box flexDirection="column">
        <Note tone="fail">
          {tildePath(snap.loaded.path, session.home)} does not parse: {parseErrorText(e)}
        </Note>
        <Box flexDirection="column" marginY={1} marginLeft={2}>
          {errorExcerpt(snap.loaded.text, e.line, e.column, terminal.columns - 2).map((l, i) => (
            <Text key={i} wrap="truncate-end">
              {l}
            </Text>
          ))}
        </Box>
        <Wrap>
          Nothing was written: set-up never rewrites a file it cannot read. Fix the syntax, then run set-up again.
        </Wrap>
        <KeyHints hints={NAV_HINTS} />
      </Box>
    );
  }
  // Numbered in order: a hosted-only stack has four steps, not 1, 2, 4, 5.
  const names =
    state.stack?.local === false
      ? ['stack', 'region and model', 'fallbacks', 'review']
      : ['stack', 'server', 'context', 'fallbacks', 'review'];
  const steps = names.map((n, i) => `${i + 1} ${n}`);
  const current = steps[names.indexOf(STEP_NAME[state.step])] ?? STEP_NAME[state.step];
  return (
    <Box flexDirection="column">
      <Text>
        <Text bold>Set up a local model</Text>
        <Text dimColor={theme.dim}>
          {'  '}
          {stepsLine(steps, current, terminal.columns - 'Set up a local model  '.length)}
        </Text>
      </Text>
      <Box marginTop={1} flexDirection="column">
        {state.step === 'stack' ? <StackStep dispatch={dispatch} /> : null}
        {state.step === 'hosted' ? <HostedStep state={state} dispatch={dispatch} /> : null}
        {state.step === 'server' ? <ServerStep state={state} dispatch={dispatch} /> : null}
        {state.step === 'manual' ? <ManualStep state={state} dispatch={dispatch} /> : null}
        {state.step === 'context' ? <ContextStep state={state} dispatch={dispatch} /> : null}
        {state.step === 'fallbacks' ? <FallbacksStep state={state} dispatch={dispatch} /> : null}
        {state.step === 'review' ? <ReviewStep state={state} dispatch={dispatch} /> : null}
        {state.step === 'done' ? <Busy label="written; starting the doctor…" /> : null}
      </Box>
      {state.step === 'review' || state.step === 'fallbacks' ? null : (
        <KeyHints
          hints={
            state.step === 'manual'
              ? ['↑↓ field', 'enter next', 'ctrl+u clear', 'esc back', 'ctrl+c quit']
              : state.step === 'context'
                ? ['enter next', 'ctrl+u clear', 'esc back', 'ctrl+c quit']
                : ['↑↓ move', 'enter choose', ...NAV_HINTS]
          }
        />
      )}
    </Box>
  );
}
