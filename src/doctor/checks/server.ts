/** Checks that talk to the local servers (memoised probe per baseUrl). */
import type {PatchOp} from '../../core/types/config.js';
import {analyzeBaseUrl, effectiveApi} from '../../core/findings/base-url.js';
import {closestIds} from '../../core/findings/closest.js';
import {contextFit, effectiveContext, OPENCLAW_MIN_CONTEXT} from '../../core/findings/context.js';
import {evaluateHardware, offloadPoolGB} from '../../core/hardware.js';
import {
  lmstudioLoadContext,
  minimumWindow,
  preloadApplies,
  predictCall,
  REQUEST_PATH_OPENCLAW_VERSION,
  type MemoryAnswer,
  type RequestPathInput,
  type RequestPathPrediction,
  type ServerFamily,
} from '../../core/openclaw/request-path.js';
import {fmt, plural} from '../../core/findings/format.js';
import {keepLoadedCommand, portOf, raiseContextCommand, startCommand} from '../../core/findings/server-commands.js';
import {
  defineCheck,
  fail,
  findServed,
  isUsed,
  servedKey,
  modelPath,
  noViewSkip,
  pass,
  probedProviders,
  providerPath,
  relevantModels,
  serverBudget,
  serverState,
  skip,
  unreachableSkip,
  usedRefs,
  warn,
  type Finding,
  type ServerState,
} from '../define.js';
import type {DoctorContext, Fix} from '../types.js';
import {contextThisMachineHolds, servedGeometry} from '../fit-context.js';
import {MIN_USEFUL_CONTEXT} from '../../core/hardware.js';
import type {ModelView, ProviderView} from '../../core/config-view.js';
import type {ServedModel} from '../../core/types/servers.js';
import {COMPLETION_TIMEOUT_MS} from '../../servers/index.js';

/**
 * Why a 401 happened, as far as the file tells: a ${VAR} (or env SecretRef) that is
 * not set in this environment sends no key at all, which is not a wrong key.
 */
function authCause(ctx: DoctorContext, p: ProviderView, noKey: string): string {
  if (!p.hasApiKey) return noKey;
  const providers = (ctx.loaded.value as {models?: {providers?: Record<string, {apiKey?: unknown}>}} | undefined)
    ?.models?.providers;
  const raw = providers?.[p.id]?.apiKey;
  const unset = (name: string): boolean => !ctx.env[name];
  let missing: string[] = [];
  if (typeof raw === 'string')
    missing = [...raw.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g)].map((m) => m[1]).filter(unset);
  else if (
    raw &&
    typeof raw === 'object' &&
    (raw as {source?: unknown}).source === 'env' &&
    typeof (raw as {id?: unknown}).id === 'string'
  ) {
    const id = (raw as {id: string}).id;
    if (unset(id)) missing = [id];
  }
  if (missing.length) {
    const names = missing.join(', ');
    return `apiKey comes from ${names}, which ${missing.length > 1 ? 'are' : 'is'} not set in this environment, so no key was sent (OpenClaw reads it from its own environment or ~/.openclaw/.env: set it here too and re-run)`;
  }
  return 'the apiKey in the config is wrong';
}

function noProviders(ctx: DoctorContext): Finding[] | undefined {
  if (!ctx.view) return [noViewSkip(ctx)];
  const hosted = ctx.view.providers.filter((p) => p.baseUrl && !p.isLocal).length;
  if (probedProviders(ctx).length === 0) {
    return [
      skip(
        `no local provider with a baseUrl${hosted ? ` (${hosted} hosted: config checks only; --include-hosted probes them)` : ''}`,
      ),
    ];
  }
  return undefined;
}

async function eachServer(
  ctx: DoctorContext,
  body: (s: ServerState) => Promise<Finding[]> | Finding[],
): Promise<Finding[]> {
  const none = noProviders(ctx);
  if (none) return none;
  const states = await Promise.all(probedProviders(ctx).map((p) => serverState(ctx, p)));
  const out: Finding[] = [];
  for (const s of states) out.push(...(await body(s)));
  return out;
}

function hostPort(baseUrl: string): string {
  try {
    return new URL(baseUrl).host;
  } catch {
    return baseUrl;
  }
}

export const serverReachable = defineCheck({
  id: 'server.reachable',
  title: 'Local server answers',
  group: 'server',
  budgetMs: serverBudget,
  detect: (ctx) =>
    eachServer(ctx, (s) => {
      const p = s.provider;
      const base = p.baseUrl!;
      const at = {provider: p.id, path: `models.providers.${p.id}.baseUrl`};
      if (s.report) {
        const r = s.report;
        if (r.modelsError) {
          const f = r.modelsError;
          if (f.kind === 'auth' || f.status === 401 || f.status === 403) {
            return [
              fail(
                `${s.label} at ${base} answered, but listing models failed with HTTP ${f.status ?? 401}: ${authCause(ctx, p, 'it needs an API key and the provider has none')}`,
                {
                  ...at,
                  path: `models.providers.${p.id}.apiKey`,
                  evidence: {status: f.status ?? null, latencyMs: r.latencyMs},
                  fix: {
                    kind: 'config',
                    description: `set models.providers.${p.id}.apiKey to the server's key (a \${VAR} reference keeps it out of the file)`,
                  },
                },
              ),
            ];
          }
          const ev = {status: f.status ?? null, cause: f.kind, latencyMs: r.latencyMs};
          if (r.fingerprint.loading || f.classified?.class.kind === 'loading') {
            return [
              warn(
                `${s.label} at ${base} is up but still loading its model (${f.message}); requests wait or fail until it is ready`,
                {...at, evidence: ev},
              ),
            ];
          }
          if (f.kind === 'error-body' || f.kind === 'http-404' || f.kind === 'not-json') {
            return [
              fail(
                `${s.label} at ${base} answered, but not as an OpenAI-style API: ${f.message} (is baseUrl's path right? see server.base-url)`,
                {...at, evidence: ev},
              ),
            ];
          }
          return [
            warn(`${s.label} at ${base} answered, but listing models failed: ${f.message}`, {...at, evidence: ev}),
          ];
        }
        return [
          pass(`${s.label} at ${base} (${fmt(r.latencyMs)} ms, ${plural(r.models.length, 'model')})`, {
            ...at,
            evidence: {latencyMs: r.latencyMs, kind: r.fingerprint.kind, version: r.fingerprint.version ?? null},
          }),
        ];
      }
      const f = s.failure!;
      const ev = {cause: f.kind, status: f.status ?? null, elapsedMs: f.elapsedMs};
      const start = startCommand(s.kind, portOf(base));
      const startFix: Fix | undefined = start
        ? {kind: 'command', description: `start ${s.label}`, command: start}
        : undefined;
      switch (f.kind) {
        case 'refused':
          return [
            fail(
              `connection refused at ${hostPort(base)}: nothing is listening there${s.kind === 'vllm' ? ' (vLLM also refuses until its weights are loaded)' : ''}; start ${s.label} or fix baseUrl's port`,
              {...at, evidence: ev, fix: startFix},
            ),
          ];
        case 'timeout':
          return [
            fail(
              `no answer from ${hostPort(base)} within ${fmt(ctx.options.timeoutMs)} ms: the server is hung or busy (a model load can block it)`,
              {
                ...at,
                evidence: {...ev, timeoutMs: ctx.options.timeoutMs},
                fix: {
                  kind: 'command',
                  description: `if it is loading a model, wait and re-run; if it stays hung, restart ${s.label}`,
                  command: s.kind === 'lmstudio' && start ? `lms server stop && ${start}` : start,
                },
              },
            ),
          ];
        case 'dns':
          return [fail(`cannot resolve the host in ${base}: ${f.message}`, {...at, evidence: ev})];
        case 'tls':
          return [
            fail(`TLS failed for ${base}: ${f.message} (local servers usually speak plain http://)`, {
              ...at,
              evidence: ev,
            }),
          ];
        case 'auth':
          return [
            fail(
              `${base} answered HTTP ${f.status ?? 401}: ${authCause(ctx, p, 'the server needs an API key and the provider has none')}`,
              {
                ...at,
                path: `models.providers.${p.id}.apiKey`,
                evidence: ev,
                fix: {kind: 'config', description: `set models.providers.${p.id}.apiKey to the server's key`},
              },
            ),
          ];
        case 'http-404':
          return [
            fail(`${base} answered HTTP 404: wrong path for this server (see server.base-url)`, {...at, evidence: ev}),
          ];
        case 'error-body':
          return [fail(`${base} answered with an error body: ${f.bodyExcerpt ?? f.message}`, {...at, evidence: ev})];
        case 'bad-url':
          return [fail(`baseUrl ${JSON.stringify(base)} is not a usable URL: ${f.message}`, at)];
        default:
          return [fail(`${base}: ${f.message}`, {...at, evidence: ev})];
      }
    }),
});

export const serverBaseUrl = defineCheck({
  id: 'server.base-url',
  title: 'baseUrl fits the api and server',
  group: 'server',
  budgetMs: serverBudget,
  detect: (ctx) =>
    eachServer(ctx, (s) => {
      const p = s.provider;
      const api = effectiveApi(p.id, p.api);
      const v = analyzeBaseUrl({baseUrl: p.baseUrl!, api, kind: s.kind, kindConfirmed: s.kindConfirmed});
      const patch: PatchOp[] = [];
      if (v.baseUrl) patch.push({op: 'set', path: providerPath(p, 'baseUrl'), value: v.baseUrl});
      if (v.api) patch.push({op: 'set', path: providerPath(p, 'api'), value: v.api});
      // Moving to api "ollama" brings #81878 (num_ctx 4096 unless contextTokens is set): fix both at once.
      let tokens = false;
      if (v.api === 'ollama' && api !== 'ollama') {
        for (const m of p.models) {
          if (m.contextTokens !== undefined || m.contextWindow === undefined) continue;
          const loaded = s.report ? findServed(s, m.id).served?.loadedContext : undefined;
          const to = loaded && loaded > 4096 ? Math.min(m.contextWindow, loaded) : m.contextWindow;
          patch.push({op: 'set', path: modelPath(p, m, 'contextTokens'), value: to});
          tokens = true;
        }
      }
      const desc = [
        v.baseUrl && `baseUrl → ${v.baseUrl}`,
        v.api && `api → "${v.api}"`,
        tokens && 'contextTokens (#81878)',
      ]
        .filter(Boolean)
        .join(', ');
      const extra = {
        provider: p.id,
        path: `models.providers.${p.id}.baseUrl`,
        evidence: {baseUrl: p.baseUrl!, api, server: s.kind, serverConfirmed: s.kindConfirmed},
        fix: patch.length ? ({kind: 'config', description: `set ${desc}`, patch} as Fix) : undefined,
      };
      return [
        v.status === 'pass'
          ? pass(v.message, {...extra, fix: undefined})
          : v.status === 'warn'
            ? warn(v.message, extra)
            : fail(v.message, extra),
      ];
    }),
});

export const modelListed = defineCheck({
  id: 'model.listed',
  title: 'Configured model is served',
  group: 'model',
  budgetMs: serverBudget,
  detect: (ctx) =>
    eachServer(ctx, (s) => {
      const p = s.provider;
      if (!s.report || s.report.modelsError) return [unreachableSkip(s)];
      const models = relevantModels(ctx, p);
      if (models.length === 0)
        return [skip(`provider "${p.id}" lists no models (OpenClaw discovers them)`, {provider: p.id})];
      const served = s.report.models.map((m) => m.id);
      return models.map((m): Finding => {
        const at = {provider: p.id, model: m.id, path: `models.providers.${p.id}.models[${m.index}].id`};
        const hit = findServed(s, m.id);
        if (hit.how === 'exact') return pass(`"${m.id}" is served by ${s.label}`, at);
        if (hit.how === 'latest-tag')
          return pass(`"${m.id}" is served as "${hit.served!.id}" (Ollama's implied :latest)`, at);
        if (hit.how === 'single-model')
          return pass(`llama.cpp serves one model ("${hit.served!.id}") and ignores the requested name`, at);
        if (served.length === 0) {
          return fail(`${s.label} serves no models at all; "${m.id}" cannot be answered`, {
            ...at,
            fix:
              s.kind === 'ollama'
                ? {kind: 'command', description: 'pull the model', command: `ollama pull ${m.id}`}
                : undefined,
          });
        }
        const near = closestIds(m.id, served);
        const refPatch: PatchOp[] = [];
        if (near.exact) {
          refPatch.push({op: 'set', path: modelPath(p, m, 'id'), value: near.exact});
          const oldRef = `${p.id}/${m.id}`;
          const newRef = `${p.id}/${near.exact}`;
          if (ctx.view?.primary === oldRef)
            refPatch.push({op: 'set', path: ['agents', 'defaults', 'model', 'primary'], value: newRef});
          ctx.view?.fallbacks.forEach((f, i) => {
            if (f === oldRef)
              refPatch.push({op: 'set', path: ['agents', 'defaults', 'model', 'fallbacks', i], value: newRef});
          });
          if (ctx.view?.allow.includes(oldRef))
            refPatch.push({op: 'append-unique', path: ['agents', 'defaults', 'modelPolicy', 'allow'], value: newRef});
        }
        // Name each served id once: the closest first, then the rest of what it serves.
        const others = served.filter((x) => !near.ids.includes(x));
        const list =
          others
            .slice(0, 8)
            .map((x) => `"${x}"`)
            .join(', ') + (others.length > 8 ? `, … (${served.length} in all)` : '');
        const closest = near.ids.length ? `; closest: ${near.ids.map((x) => `"${x}"`).join(', ')}` : '';
        const rest = others.length ? `; ${near.ids.length ? 'it also serves' : 'it serves'} ${list}` : '';
        const idPath = `models.providers.${p.id}.models[${m.index}].id`;
        const byHand: Fix | undefined = near.ids.length
          ? {
              kind: 'config',
              description: `if you meant "${near.ids[0]}", set ${idPath} to it and the refs to "${p.id}/${near.ids[0]}"; otherwise get "${m.id}" onto the server`,
            }
          : undefined;
        return fail(`"${m.id}" is not served by ${s.label} (ids must match exactly)${closest}${rest}`, {
          ...at,
          evidence: {served: served.length},
          fix: near.exact
            ? {
                kind: 'config',
                description: `use the served id "${near.exact}" (and update refs to it)`,
                patch: refPatch,
              }
            : s.kind === 'ollama'
              ? {kind: 'command', description: 'pull the model', command: `ollama pull ${m.id}`}
              : byHand,
          alternatives: !near.exact && s.kind === 'ollama' && byHand ? [byHand] : undefined,
        });
      });
    }),
});

const COLD_TIMEOUT_SECONDS = 300;

export const modelLoaded = defineCheck({
  id: 'model.loaded',
  title: 'Model is loaded (warm)',
  group: 'model',
  budgetMs: serverBudget,
  detect: (ctx) =>
    eachServer(ctx, async (s) => {
      const p = s.provider;
      if (!s.report || s.report.modelsError) return [unreachableSkip(s)];
      const out: Finding[] = [];
      let cold = false;
      for (const m of relevantModels(ctx, p)) {
        const at = {provider: p.id, model: m.id};
        const {served} = findServed(s, m.id);
        if (!served) {
          out.push(skip(`"${m.id}" is not served (see model.listed)`, at));
          continue;
        }
        const key = servedKey(served);
        const want = effectiveContext(m.contextWindow, m.contextTokens);
        const ev = {
          state: served.state,
          loadedContext: served.loadedContext ?? null,
          contextWindow: m.contextWindow ?? null,
        };
        if (served.state === 'loaded') {
          out.push(
            pass(`"${m.id}" is loaded${served.loadedContext ? ` with context ${fmt(served.loadedContext)}` : ''}`, {
              ...at,
              evidence: ev,
            }),
          );
        } else if (served.state === 'loading') {
          cold = true;
          out.push(
            warn(`"${m.id}" is still loading on ${s.label}; requests wait (or time out) until it is ready`, {
              ...at,
              evidence: ev,
            }),
          );
        } else if (served.state === 'not-loaded' && !isUsed(ctx, p, m)) {
          out.push(
            pass(`"${m.id}" is not loaded, and the agent does not use it (primary/fallbacks); it loads on first use`, {
              ...at,
              evidence: ev,
            }),
          );
        } else if (served.state === 'not-loaded') {
          cold = true;
          const pred = await requestPathFor(ctx, s, m, served);
          const loadAt = pred.reload?.context ?? want;
          const evidence = {...ev, promptNeedTokens: pred.promptNeed, reloadContext: pred.reload?.context ?? null};
          if (pred.outcome === 'fails') {
            // OpenClaw's preload cannot load it, and the call then meets an empty server (2026.9.6).
            out.push(fail(`"${m.id}" is not loaded: ${pred.reason}`, {...at, evidence, fix: undefined}));
            continue;
          }
          // Never advise loading a context this machine cannot hold (contextThatFits, see hardware.fit).
          const load = await loadableContext(ctx, p, m.id, loadAt);
          const cmd = load.none ? undefined : keepLoadedCommand(s.kind, key, load.context, s.report.fingerprint.origin);
          const alternatives: Fix[] = [];
          if (s.kind === 'lmstudio' && (p.params?.preload as unknown) !== false && p.id === 'lmstudio') {
            alternatives.push({
              kind: 'config',
              description:
                'if you rely on LM Studio JIT loading and auto-unload instead, stop OpenClaw preloading (it marks models as manually loaded, #75921)',
              patch: [{op: 'set', path: [...providerPath(p, 'params'), 'preload'], value: false}],
            });
          }
          const how = pred.reload
            ? `OpenClaw loads it at ${fmt(pred.reload.context)} (POST /api/v1/models/load) before the first call: often tens of seconds, may evict another model`
            : `the first request relies on ${s.label} loading it by itself (JIT): often tens of seconds, may evict another model${
                s.kind === 'lmstudio' || s.kind === 'ollama'
                  ? ", and it gets the server's default context, not contextWindow"
                  : ''
              }`;
          out.push(
            warn(`"${m.id}" is listed but not loaded: ${how}${load.why ? `; ${load.why}` : ''}`, {
              ...at,
              evidence,
              fix: cmd ? {kind: 'command', description: 'load it now and keep it loaded', command: cmd} : undefined,
              alternatives: alternatives.length ? alternatives : undefined,
            }),
          );
        } else {
          out.push(pass(`${s.label} does not report load state; it serves "${served.id}"`, {...at, evidence: ev}));
        }
      }
      if (cold && (p.timeoutSeconds === undefined || p.timeoutSeconds < COLD_TIMEOUT_SECONDS)) {
        out.push(
          warn(
            `models.providers.${p.id}.timeoutSeconds is ${p.timeoutSeconds ?? 'not set'}: a cold load can outlast it and OpenClaw fails over or times out before the first token (#74353)`,
            {
              provider: p.id,
              path: `models.providers.${p.id}.timeoutSeconds`,
              evidence: {timeoutSeconds: p.timeoutSeconds ?? null, suggested: 600},
              fix: {
                kind: 'config',
                description: `set models.providers.${p.id}.timeoutSeconds to 600`,
                patch: [{op: 'set', path: providerPath(p, 'timeoutSeconds'), value: 600}],
              },
            },
          ),
        );
      }
      return out;
    }),
});

/**
 * OpenClaw's request path for one configured model on this server (core/openclaw/request-path.ts), with the fit
 * engine answering whether a (re)load at a context fits this machine.
 */
/**
 * The fit engine's "does this model fit this machine at context c" for contexts up to `upTo`: the largest context
 * the machine holds (contextThisMachineHolds, the same rule hardware.fit and the load commands use), and the GB on
 * both sides for the message. Undefined when the model's size or layers are unknown.
 */
async function memoryFor(
  ctx: DoctorContext,
  p: ProviderView,
  m: ModelView,
  upTo: number,
): Promise<((c: number) => MemoryAnswer | undefined) | undefined> {
  const holds = await contextThisMachineHolds(ctx, p, m.id, upTo);
  if (holds === undefined) return undefined;
  const profile = await ctx.hardware().catch(() => undefined);
  const {geometry} = await servedGeometry(ctx, p, m.id);
  return (context) => {
    const v = profile
      ? evaluateHardware(profile, {
          nodes: ctx.options.nodes,
          model: `${p.id}/${m.id}`,
          context,
          ...(geometry ? {geometry} : {}),
        })
      : undefined;
    const usableGB = profile ? profile.usableAcceleratorMemoryGB + offloadPoolGB(profile) : 0;
    return {fits: context <= holds, needGB: Math.round(v?.fit?.totalGB ?? 0), usableGB: Math.round(usableGB)};
  };
}

async function requestPathFor(
  ctx: DoctorContext,
  s: ServerState,
  m: ModelView,
  served: ServedModel,
): Promise<RequestPathPrediction> {
  const p = s.provider;
  const input: RequestPathInput = {
    providerId: p.id,
    api: effectiveApi(p.id, p.api),
    server: serverFamily(s.kind),
    lmstudioNativeApi: served.details?.source === '/api/v1/models',
    preloadParam: p.params?.preload,
    contextWindow: m.contextWindow,
    contextTokens: m.contextTokens,
    maxTokens: m.maxTokens,
    served: {
      state:
        served.state === 'loaded' || served.state === 'not-loaded' || served.state === 'loading'
          ? served.state
          : 'unknown',
      loadedContext: served.loadedContext,
      maxContext: served.maxContext,
    },
  };
  // Hardware is looked at only when OpenClaw will (re)load the model.
  const loadsFirst =
    preloadApplies(input) &&
    !(
      (input.served.loadedContext ?? 0) >= lmstudioLoadContext(m.contextWindow, m.contextTokens, served.maxContext) &&
      served.state === 'loaded'
    );
  const loadAt = lmstudioLoadContext(m.contextWindow, m.contextTokens, served.maxContext);
  return predictCall({...input, memoryAt: loadsFirst ? await memoryFor(ctx, p, m, loadAt) : undefined});
}

function serverFamily(kind: string): ServerFamily {
  return kind === 'lmstudio' || kind === 'ollama' || kind === 'vllm' || kind === 'llamacpp' ? kind : 'other';
}

/**
 * A window OpenClaw can load and run on this machine when a reload at contextWindow does not fit: the largest that
 * fits (multiple of 1,024), never below the prompt need plus maxTokens. Undefined when none does.
 */
function windowThatFits(
  pred: RequestPathPrediction,
  m: ModelView,
  memoryAt: ((c: number) => MemoryAnswer | undefined) | undefined,
): number | undefined {
  if (!memoryAt || !pred.reload) return undefined;
  const floor = minimumWindow(m.contextWindow, m.maxTokens);
  for (let c = Math.floor(pred.reload.context / 1024) * 1024; c >= floor; c -= c > 65536 ? 8192 : 1024) {
    if (memoryAt(c)?.fits && c >= minimumWindow(c, m.maxTokens)) return c;
  }
  return undefined;
}

export const contextFits = defineCheck({
  id: 'context.fits',
  title: 'contextWindow fits the loaded context',
  group: 'model',
  budgetMs: serverBudget,
  detect: (ctx) =>
    eachServer(ctx, async (s) => {
      const p = s.provider;
      if (!s.report || s.report.modelsError) return [unreachableSkip(s)];
      const out: Finding[] = [];
      const api = effectiveApi(p.id, p.api);
      for (const m of relevantModels(ctx, p)) {
        const at = {provider: p.id, model: m.id, path: `models.providers.${p.id}.models[${m.index}].contextWindow`};
        const {served} = findServed(s, m.id);
        if (!served) {
          out.push(skip(`"${m.id}" is not served (see model.listed)`, at));
          continue;
        }
        // Native Ollama API: OpenClaw sends num_ctx = contextTokens with every request and Ollama
        // reloads the model at that size, so the context loaded right now is not the limit.
        const numCtx = api === 'ollama' && s.kind === 'ollama' ? m.contextTokens : undefined;
        if (numCtx !== undefined) {
          out.push(ollamaNumCtxVerdict(p, m, numCtx, served, s.label, at));
          continue;
        }
        const key = servedKey(served);
        const pred = await requestPathFor(ctx, s, m, served);
        const predEvidence = {
          promptNeedTokens: pred.promptNeed,
          runContext: pred.runContext ?? null,
          reloadContext: pred.reload?.context ?? null,
          openclaw: REQUEST_PATH_OPENCLAW_VERSION,
        };
        if (pred.reload) {
          // OpenClaw's LM Studio preload decides the context, not what is loaded now.
          if (pred.outcome === 'fails') {
            const memoryAt = await memoryFor(ctx, p, m, pred.reload.context);
            const to = windowThatFits(pred, m, memoryAt);
            const patch: PatchOp[] = to ? [{op: 'set', path: modelPath(p, m, 'contextWindow'), value: to}] : [];
            if (to && m.contextTokens !== undefined && m.contextTokens > to)
              patch.push({op: 'set', path: modelPath(p, m, 'contextTokens'), value: to});
            out.push(
              fail(`${pred.reason}`, {
                ...at,
                evidence: predEvidence,
                fix: to
                  ? {
                      kind: 'config',
                      description: `lower contextWindow to ${fmt(to)}, which OpenClaw can load on this machine (prompt ${fmt(pred.promptNeed)} + maxTokens ${fmt(m.maxTokens ?? 0)} still fit)`,
                      patch,
                    }
                  : undefined,
              }),
            );
          } else if (pred.outcome === 'works' && pred.reload.memory && !pred.reload.memory.fits) {
            out.push(warn(pred.reason, {...at, evidence: predEvidence}));
          } else {
            out.push(
              pass(`${pred.reason} (OpenClaw ${REQUEST_PATH_OPENCLAW_VERSION}, provider "lmstudio" preload)`, {
                ...at,
                evidence: predEvidence,
              }),
            );
          }
          continue;
        }
        if (served.state === 'not-loaded' || served.state === 'loading') {
          out.push(skip(`"${m.id}" is not loaded, so its context is unknown until it loads (see model.loaded)`, at));
          continue;
        }
        const verdicts = contextFit({
          contextWindow: m.contextWindow,
          contextTokens: m.contextTokens,
          maxTokens: m.maxTokens,
          loaded: served.loadedContext,
          maxContext: served.maxContext,
          serverLabel: s.label,
        });
        let raisedTo: number | undefined;
        for (const v of verdicts) {
          const base = {...at, evidence: {...v.evidence, ...predEvidence}};
          switch (v.kind) {
            case 'exceeds-loaded': {
              // The server-side remedy first: run the model with the context OpenClaw budgets for.
              const want = Math.max(v.raiseTo ?? v.effective!, minimumWindow(m.contextWindow, m.maxTokens));
              // The server cannot go higher when its model maximum is loaded already.
              const serverCanGrow =
                want > (served.loadedContext ?? 0) &&
                (served.maxContext === undefined || served.maxContext > (served.loadedContext ?? 0));
              // Raising the server's context is offered only when this machine holds all of it (fit engine).
              const holds = serverCanGrow && (await loadableContext(ctx, p, m.id, want)).context === want;
              const cmd = holds ? raiseContextCommand(s.kind, key, want) : undefined;
              if (cmd) raisedTo = want;
              // Lowering contextWindow: never below OpenClaw's minimum, nor below the prompt need plus maxTokens.
              const lowerOk = v.lowerTo! >= OPENCLAW_MIN_CONTEXT && v.lowerTo! >= minimumWindow(v.lowerTo, m.maxTokens);
              const patch: PatchOp[] = [{op: 'set', path: modelPath(p, m, 'contextWindow'), value: v.lowerTo!}];
              if (m.contextTokens !== undefined && m.contextTokens > v.lowerTo!)
                patch.push({op: 'set', path: modelPath(p, m, 'contextTokens'), value: v.lowerTo!});
              const lower: Fix | undefined = lowerOk
                ? {kind: 'config', description: `lower contextWindow to the loaded ${fmt(v.lowerTo!)}`, patch}
                : undefined;
              const serverFix: Fix | undefined = cmd
                ? {kind: 'command', description: `load the model with ${fmt(want)} tokens of context`, command: cmd}
                : undefined;
              const noPreload =
                s.kind === 'lmstudio' && p.id !== 'lmstudio'
                  ? ` (OpenClaw reloads LM Studio models only for provider id "lmstudio")`
                  : '';
              out.push(
                fail(`${v.message}${noPreload}`, {
                  ...base,
                  // Lowering contextWindow alone never keeps a session inside the server's context: measured with
                  // OpenClaw 2026.9.6 (test/agreement), a session past the loaded context overflows even at
                  // contextWindow = loaded. So it is offered, never applied by --fix.
                  fix: serverFix,
                  alternatives: lower
                    ? [
                        {
                          ...lower,
                          description: `${serverFix ? 'or ' : ''}${lower.description} (OpenClaw then budgets what the server runs; a session longer than ${fmt(v.lowerTo!)} tokens still fails)`,
                        },
                      ]
                    : undefined,
                }),
              );
              break;
            }
            case 'output-too-large':
            case 'little-prompt-room': {
              const limit = Math.min(v.effective ?? Infinity, served.loadedContext ?? Infinity);
              const target = Math.max(1024, Math.min(Math.floor(limit / 4), limit - pred.promptNeed));
              const finding = v.status === 'fail' ? fail : warn;
              out.push(
                finding(v.message, {
                  ...base,
                  path: `models.providers.${p.id}.models[${m.index}].maxTokens`,
                  fix:
                    target < (m.maxTokens ?? 0)
                      ? {
                          kind: 'config',
                          description: `lower maxTokens to ${fmt(target)}`,
                          patch: [{op: 'set', path: modelPath(p, m, 'maxTokens'), value: target}],
                        }
                      : undefined,
                }),
              );
              break;
            }
            case 'prompt-does-not-fit':
            case 'window-below-prompt':
            case 'below-openclaw-minimum':
            case 'below-legacy-minimum': {
              // The exceeds-loaded fix already raises the server's context at least this far; never a load this
              // machine cannot hold.
              const holdsMin = (await loadableContext(ctx, p, m.id, v.raiseTo!)).context === v.raiseTo;
              const cmd =
                (raisedTo !== undefined && raisedTo >= v.raiseTo!) || !holdsMin
                  ? undefined
                  : raiseContextCommand(s.kind, key, v.raiseTo!);
              const finding = v.status === 'fail' ? fail : warn;
              const windowFix: Fix | undefined =
                v.kind === 'window-below-prompt' && (served.loadedContext ?? 0) >= v.raiseTo!
                  ? {
                      kind: 'config',
                      description: `raise contextWindow to ${fmt(v.raiseTo!)} (the server runs ${fmt(served.loadedContext!)})`,
                      patch: [{op: 'set', path: modelPath(p, m, 'contextWindow'), value: v.raiseTo!}],
                    }
                  : undefined;
              out.push(
                finding(v.message, {
                  ...base,
                  fix:
                    windowFix ??
                    (cmd
                      ? {
                          kind: 'command',
                          description: `load the model with ${fmt(v.raiseTo!)} tokens of context`,
                          command: cmd,
                        }
                      : undefined),
                }),
              );
              break;
            }
            case 'no-context-configured':
              out.push(
                warn(v.message, {
                  ...base,
                  fix:
                    v.lowerTo && v.lowerTo >= minimumWindow(v.lowerTo, m.maxTokens)
                      ? {
                          kind: 'config',
                          description: `set contextWindow to the loaded ${fmt(v.lowerTo)}`,
                          patch: [{op: 'set', path: modelPath(p, m, 'contextWindow'), value: v.lowerTo}],
                        }
                      : undefined,
                }),
              );
              break;
            case 'unknown-loaded':
              out.push(skip(v.message, base));
              break;
            default:
              out.push(pass(v.message, base));
          }
        }
        // #81878: OpenClaw ≥ 2026.5.10 sends num_ctx 4096 to Ollama unless contextTokens says otherwise.
        if (api === 'ollama' && m.contextTokens === undefined && m.contextWindow !== undefined) {
          const to = Math.min(
            m.contextWindow,
            served.loadedContext && served.loadedContext > 4096 ? served.loadedContext : m.contextWindow,
          );
          out.push(
            warn(
              `api "ollama" without contextTokens: recent OpenClaw sends num_ctx 4,096 and ignores contextWindow ${fmt(m.contextWindow)}, so prompts get truncated (#81878)`,
              {
                ...at,
                path: `models.providers.${p.id}.models[${m.index}].contextTokens`,
                fix: {
                  kind: 'config',
                  description: `set contextTokens to ${fmt(to)}`,
                  patch: [{op: 'set', path: modelPath(p, m, 'contextTokens'), value: to}],
                },
              },
            ),
          );
        }
      }
      return out;
    }),
});

/** context.fits for api "ollama" with contextTokens: compare the num_ctx OpenClaw asks for with the trained maximum. */
function ollamaNumCtxVerdict(
  p: ProviderView,
  m: ModelView,
  numCtx: number,
  served: ServedModel,
  label: string,
  at: {provider: string; model: string; path: string},
): Finding {
  const evidence = {
    contextWindow: m.contextWindow ?? null,
    contextTokens: numCtx,
    numCtx,
    loadedContext: served.loadedContext ?? null,
    maxContext: served.maxContext ?? null,
  };
  const now =
    served.loadedContext !== undefined && served.loadedContext !== numCtx
      ? `; loaded now with ${fmt(served.loadedContext)}, Ollama reloads it at ${fmt(numCtx)} on the next request`
      : '';
  if (served.maxContext !== undefined && numCtx > served.maxContext) {
    const patch: PatchOp[] = [];
    if (m.contextWindow !== undefined && m.contextWindow > served.maxContext)
      patch.push({op: 'set', path: modelPath(p, m, 'contextWindow'), value: served.maxContext});
    patch.push({op: 'set', path: modelPath(p, m, 'contextTokens'), value: served.maxContext});
    return warn(
      `contextTokens ${fmt(numCtx)} (sent to Ollama as num_ctx) is above "${m.id}"'s trained maximum ${fmt(served.maxContext)} (from ${label}): past it the model loses track of the conversation`,
      {
        ...at,
        path: `models.providers.${p.id}.models[${m.index}].contextTokens`,
        evidence,
        fix: {kind: 'config', description: `lower the context to the trained ${fmt(served.maxContext)}`, patch},
      },
    );
  }
  return pass(
    `OpenClaw sends num_ctx ${fmt(numCtx)} (contextTokens) with each request${now}${served.maxContext !== undefined ? `; trained maximum ${fmt(served.maxContext)}` : ''} (from ${label})`,
    {...at, evidence},
  );
}

const RESPONSES_SINCE: Partial<Record<string, string>> = {
  lmstudio: 'LM Studio 0.3.29',
  ollama: 'Ollama 0.13.3',
  vllm: 'vLLM ≈0.10',
  llamacpp: 'a 2026 llama.cpp build',
};

/** "OpenClaw 2026.5.30 (abc)" → [2026, 5, 30] */
export function parseOpenClawVersion(v: string | null): [number, number, number] | undefined {
  const m = v ? /(\d{4})\.(\d+)\.(\d+)/.exec(v) : null;
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}
const vnum = (v: [number, number, number]): number => v[0] * 10000 + v[1] * 100 + v[2];

export const apiResponses = defineCheck({
  id: 'api.responses',
  title: 'Responses API where it is used',
  group: 'model',
  budgetMs: serverBudget,
  async detect(ctx) {
    const out = await eachServer(ctx, async (s) => {
      const p = s.provider;
      const api = effectiveApi(p.id, p.api);
      const at = {provider: p.id, path: `models.providers.${p.id}.api`};
      if (api !== 'openai-responses') return [pass(`api "${api}" does not need /v1/responses`, at)];
      if (!s.report) return [unreachableSkip(s, at)];
      const ver = s.report.fingerprint.version;
      const ev = {server: s.kind, version: ver ?? null, responses: s.report.responses};
      if (s.report.responses === 'no') {
        const since = RESPONSES_SINCE[s.kind];
        return [
          fail(
            `api "openai-responses" but ${s.label} has no /v1/responses${since ? ` (it arrived in ${since})` : ''}: every request fails`,
            {
              ...at,
              evidence: ev,
              fix: {
                kind: 'config',
                description: 'switch the provider to api "openai-completions"',
                patch: [{op: 'set', path: providerPath(p, 'api'), value: 'openai-completions'}],
              },
              alternatives: since ? [{kind: 'command', description: `or upgrade to ${since} or newer`}] : undefined,
            },
          ),
        ];
      }
      if (s.report.responses === 'unknown')
        return [skip(`${s.label} did not say whether /v1/responses exists`, {...at, evidence: ev})];
      const out: Finding[] = [pass(`${s.label} serves /v1/responses`, {...at, evidence: ev})];
      if (s.kind === 'lmstudio') {
        const oc = parseOpenClawVersion(await ctx.openclawVersion());
        if (oc && vnum(oc) >= vnum([2026, 5, 27]) && vnum(oc) <= vnum([2026, 6, 1])) {
          out.push(
            warn(
              `OpenClaw ${oc.join('.')} with LM Studio and "openai-responses" runs tools with empty arguments (#90585, fixed after 2026.6.1)`,
              {
                ...at,
                fix: {kind: 'command', description: 'upgrade OpenClaw', command: 'npm install -g openclaw@latest'},
                alternatives: [
                  {
                    kind: 'config',
                    description: 'or use api "openai-completions"',
                    patch: [{op: 'set', path: providerPath(p, 'api'), value: 'openai-completions'}],
                  },
                ],
              },
            ),
          );
        }
      }
      return out;
    });
    // WhatsApp with a local primary that is not on the Responses API: reasoning may reach chats.
    const v = ctx.view;
    if (v?.whatsappEnabled && v.primary) {
      const pid = v.primary.split('/')[0];
      const prov = v.providers.find((p) => p.id === pid);
      const quiet = v.reasoningDefault === 'off' && (v.thinkingDefault === undefined || v.thinkingDefault === 'off');
      if (prov?.isLocal && effectiveApi(prov.id, prov.api) !== 'openai-responses' && !quiet) {
        // The guide: stick to the Responses API so only final text is sent. Offer it first when the server has it
        // (not for Ollama, whose openai-* routes bring #21243).
        const state = prov.baseUrl && probedProviders(ctx).includes(prov) ? await serverState(ctx, prov) : undefined;
        const serves = state?.kind === 'ollama' ? 'no' : (state?.report?.responses ?? 'unknown');
        const quietFix: Fix = {
          kind: 'config',
          description: 'turn reasoning output off by default',
          patch: [{op: 'set', path: ['agents', 'defaults', 'reasoningDefault'], value: 'off'}],
        };
        const responsesFix: Fix = {
          kind: 'config',
          description: `use api "openai-responses"${serves === 'yes' ? ` (${state!.label} serves /v1/responses)` : ', if the server serves /v1/responses'}`,
          patch: [{op: 'set', path: providerPath(prov, 'api'), value: 'openai-responses'}],
        };
        const [fix, alternatives] =
          serves === 'yes'
            ? [responsesFix, [quietFix]]
            : serves === 'no'
              ? [quietFix, undefined]
              : [quietFix, [responsesFix]];
        out.push(
          warn(
            `WhatsApp is enabled and the local primary "${v.primary}" uses api "${effectiveApi(prov.id, prov.api)}", not the Responses API: the model's reasoning can leak into chats (#25214, #87712)`,
            {
              provider: prov.id,
              path: serves === 'yes' ? `models.providers.${prov.id}.api` : 'agents.defaults.reasoningDefault',
              fix,
              alternatives,
            },
          ),
        );
      }
    }
    return out;
  },
});

/** Completions probed per run at most; each waits probeWaitMs, so the whole probe has a bound too. */
const MAX_PROBES = 3;

/**
 * How long one completion probe may take: the provider's timeoutSeconds (a cold load may need it), at most
 * 120 s, and never more than --timeout-ms when the user gave it (a hanging or dripping server then
 * costs that, not two minutes).
 */
export function probeWaitMs(
  options: {timeoutMs: number; timeoutExplicit?: boolean},
  timeoutSeconds: number | undefined,
): number {
  const allowed = Math.min((timeoutSeconds ?? 120) * 1000, COMPLETION_TIMEOUT_MS);
  return options.timeoutExplicit ? Math.min(allowed, options.timeoutMs) : allowed;
}

export const latencyColdStart = defineCheck({
  id: 'latency.cold-start',
  title: 'First token arrives within the timeout',
  group: 'model',
  budgetMs: (o) => probeWaitMs(o, undefined) * MAX_PROBES + serverBudget(o),
  async detect(ctx) {
    if (!ctx.options.probe) return [skip('only with --probe (sends a tiny completion, which may load the model)')];
    const none = noProviders(ctx);
    if (none) return none;
    const out: Finding[] = [];
    const refs = usedRefs(ctx);
    let probes = 0;
    for (const p of probedProviders(ctx)) {
      const models = relevantModels(ctx, p).filter((m) => refs.length === 0 || refs.includes(`${p.id}/${m.id}`));
      for (const m of models) {
        if (probes++ >= MAX_PROBES) {
          out.push(skip(`not probed: at most ${MAX_PROBES} completions per run`, {provider: p.id, model: m.id}));
          continue;
        }
        const api = effectiveApi(p.id, p.api) as 'openai-responses' | 'openai-completions' | 'ollama';
        const limitS = p.timeoutSeconds ?? 120;
        const at = {provider: p.id, model: m.id};
        const before = await serverState(ctx, p);
        const wasCold = findServed(before, m.id).served?.state === 'not-loaded';
        const waitMs = probeWaitMs(ctx.options, p.timeoutSeconds);
        const res = await ctx.completion(p.baseUrl!, m.id, api, {
          apiKey: p.apiKeyForRequests,
          totalTimeoutMs: waitMs,
          connectTimeoutMs: Math.min(1500, waitMs),
        });
        if (!res.ok) {
          const why =
            res.kind === 'timeout'
              ? `no first token within ${fmt(waitMs)} ms${ctx.options.timeoutExplicit ? ' (--timeout-ms)' : ''}`
              : res.message;
          out.push(
            fail(`tiny completion failed (${res.kind}): ${why}`, {
              ...at,
              evidence: {cause: res.kind, elapsedMs: res.elapsedMs, timeoutSeconds: limitS, timeoutMs: waitMs},
            }),
          );
          continue;
        }
        const t = res.timing;
        const ev = {firstTokenMs: t.firstTokenMs, totalMs: t.totalMs, timeoutSeconds: limitS};
        const ratio = t.firstTokenMs / (limitS * 1000);
        const suggested = Math.max(600, Math.ceil((t.firstTokenMs * 3) / 60000) * 60);
        const fix: Fix = {
          kind: 'config',
          description: `set models.providers.${p.id}.timeoutSeconds to ${suggested}`,
          patch: [{op: 'set', path: providerPath(p, 'timeoutSeconds'), value: suggested}],
        };
        if (ratio >= 1)
          out.push(
            fail(`first token after ${fmt(t.firstTokenMs)} ms, beyond timeoutSeconds ${limitS}`, {
              ...at,
              evidence: ev,
              fix,
            }),
          );
        else if (ratio >= 0.5)
          out.push(
            warn(
              `first token after ${fmt(t.firstTokenMs)} ms, over half of timeoutSeconds ${limitS}; a real prompt is slower`,
              {...at, evidence: ev, fix},
            ),
          );
        else
          out.push(
            pass(`first token after ${fmt(t.firstTokenMs)} ms (timeoutSeconds ${limitS})`, {...at, evidence: ev}),
          );
        if (wasCold) {
          const cold = await coldLoadContext(ctx, before, m.id);
          if (cold) out.push(cold);
        }
      }
    }
    return out.length ? out : [skip('no local model in use to probe')];
  },
});

/**
 * The probe just cold-loaded the model: the server picked its context, not
 * contextWindow. Ask again and compare (the context of a cold model is unknown until it loads).
 */
async function coldLoadContext(ctx: DoctorContext, before: ServerState, modelId: string): Promise<Finding | undefined> {
  const p = before.provider;
  if (!ctx.reprobe) return undefined;
  const again = await ctx.reprobe(p.baseUrl!, {
    apiKey: p.apiKeyForRequests,
    totalTimeoutMs: ctx.options.timeoutMs,
    connectTimeoutMs: Math.min(1500, ctx.options.timeoutMs),
  });
  if (!again.ok) return undefined;
  const served = findServed({...before, report: again.report}, modelId).served;
  const m = p.models.find((x) => x.id === modelId);
  const want = m ? effectiveContext(m.contextWindow, m.contextTokens) : undefined;
  if (!served?.loadedContext || !want) return undefined;
  const at = {provider: p.id, model: modelId, evidence: {loadedContext: served.loadedContext, contextWindow: want}};
  if (served.loadedContext >= want)
    return pass(
      `the cold load got context ${fmt(served.loadedContext)} (from ${before.label}), enough for ${fmt(want)}`,
      at,
    );
  const load = await loadableContext(ctx, p, modelId, want);
  const cmd =
    load.none || (load.context ?? want) <= served.loadedContext
      ? undefined
      : keepLoadedCommand(before.kind, servedKey(served), load.context, again.report.fingerprint.origin);
  return warn(
    `the cold load got context ${fmt(served.loadedContext)} (from ${before.label}), below contextWindow ${fmt(want)}: every cold start (JIT, after an unload or eviction) runs with the smaller context`,
    {
      ...at,
      fix: cmd
        ? {
            kind: 'command',
            description: `load it yourself with ${fmt(load.context ?? want)} tokens and keep it loaded`,
            command: cmd,
          }
        : undefined,
    },
  );
}

export const modelTools = defineCheck({
  id: 'model.tools',
  title: 'Tool calling can work',
  group: 'model',
  budgetMs: serverBudget,
  detect: (ctx) =>
    eachServer(ctx, async (s) => {
      const p = s.provider;
      const out: Finding[] = [];
      for (const m of relevantModels(ctx, p)) {
        const at = {provider: p.id, model: m.id};
        if (m.compat?.supportsTools === false) {
          out.push(
            warn(
              `compat.supportsTools is false: OpenClaw starts sessions with no tools and the model may pretend to run them (#91434)`,
              {
                ...at,
                path: `models.providers.${p.id}.models[${m.index}].compat.supportsTools`,
                fix: {
                  kind: 'config',
                  description: 'let OpenClaw send tools',
                  patch: [{op: 'delete', path: [...modelPath(p, m), 'compat', 'supportsTools']}],
                },
              },
            ),
          );
          continue;
        }
        if (!s.report || s.report.modelsError) {
          out.push(unreachableSkip(s, at));
          continue;
        }
        const served = findServed(s, m.id).served;
        if (!served) {
          out.push(skip(`"${m.id}" is not served (see model.listed)`, at));
          continue;
        }
        if (served.toolUse === false) {
          out.push(
            warn(
              `${s.label} says "${served.id}" was not trained for tool use; OpenClaw relies on tools for nearly everything, so expect tool calls as plain text or none at all`,
              {
                ...at,
                severity: 'warning',
                evidence: {toolUse: false},
              },
            ),
          );
        } else {
          out.push(
            pass(
              served.toolUse
                ? `"${m.id}" is trained for tool use (${s.label} says so)`
                : `"${m.id}": no sign that tools are off (${s.label} does not say)`,
              at,
            ),
          );
        }
      }
      // #122224: OpenClaw 2026.7.1–2026.7.2 showed Ollama's tool calls as text instead of running them.
      if (effectiveApi(p.id, p.api) === 'ollama') {
        const oc = parseOpenClawVersion(await ctx.openclawVersion());
        if (oc && vnum(oc) >= vnum([2026, 7, 1]) && vnum(oc) <= vnum([2026, 7, 2])) {
          out.push(
            warn(`OpenClaw ${oc.join('.')} shows Ollama tool calls as text instead of running them (#122224)`, {
              provider: p.id,
              fix: {kind: 'command', description: 'upgrade OpenClaw', command: 'npm install -g openclaw@latest'},
            }),
          );
        }
      }
      // Providers without a models list rely on discovery, which picks its own context (#138589, #35436).
      if (p.models.length === 0) {
        const api = effectiveApi(p.id, p.api);
        if (api === 'ollama' || s.kind === 'ollama') {
          out.push(
            warn(
              'no models[] for Ollama: discovery assumes a 128,000-token window and Ollama may allocate a huge KV cache (OOM, #35436); list the model with an explicit contextWindow and contextTokens',
              {
                provider: p.id,
                fix: {
                  kind: 'command',
                  description: 'write an explicit Ollama model entry',
                  command: 'openclaw-local-doctor setup --stack ollama',
                },
              },
            ),
          );
        } else if (s.kind === 'lmstudio' || p.id === 'lmstudio') {
          out.push(
            warn(
              'no models[] for LM Studio: discovery caps the context budget at 64,000 whatever is loaded (#138589); list the model with an explicit contextWindow',
              {
                provider: p.id,
                severity: 'info',
                fix: {
                  kind: 'command',
                  description: 'write an explicit LM Studio model entry',
                  command: 'openclaw-local-doctor setup --stack lmstudio',
                },
              },
            ),
          );
        }
      }
      return out.length ? out : [skip(`provider "${p.id}" lists no models`, {provider: p.id})];
    }),
});

/**
 * The context a load command may ask for: `want` when this machine holds it (or when the model's size is
 * unknown), else the most it holds when that is still useful (≥ 16K), else no load command at all.
 */
async function loadableContext(
  ctx: DoctorContext,
  p: ProviderView,
  modelId: string,
  want: number | undefined,
): Promise<{context?: number; none?: boolean; why?: string}> {
  if (!want) return {context: want};
  const holds = await contextThisMachineHolds(ctx, p, modelId, want);
  if (holds === undefined || holds >= want) return {context: want};
  if (holds === 0)
    return {none: true, why: "it does not fit in this machine's accelerator memory at all (see hardware.fit)"};
  if (holds < MIN_USEFUL_CONTEXT)
    return {none: true, why: `this machine holds only about ${fmt(holds)} tokens of its context (see hardware.fit)`};
  return {
    context: holds,
    why: `this machine holds about ${fmt(holds)} tokens of it, not contextWindow ${fmt(want)} (see hardware.fit)`,
  };
}
