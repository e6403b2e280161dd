/** Small helpers shared by the checks: result builders, provider selection, server state. */
import type {Severity} from '../core/types/config.js';
import type {ModelView, ProviderView} from '../core/config-view.js';
import {resolveRef} from '../core/config-view.js';
import {splitModelRef} from '../config/index.js';
import type {ServedModel, ServerKind, ServerReport, Failure} from '../core/types/servers.js';
import {guessKind} from '../core/findings/server-commands.js';
import {serverName} from '../core/server-kinds.js';
import type {Check, CheckResult, CheckStatus, DoctorContext, DoctorOptions} from './types.js';

/** What a check's body returns: id/title/severity are filled in by defineCheck. */
export type Finding = Omit<CheckResult, 'id' | 'title' | 'severity'> & {severity?: Severity};

export function severityFor(status: CheckStatus): Severity {
  return status === 'fail' ? 'error' : status === 'warn' || status === 'crashed' ? 'warning' : 'info';
}

export interface CheckDef {
  id: string;
  title: string;
  group: string;
  /** Upper bound for this check's run (the runner reports it crashed after). */
  budgetMs?: (o: DoctorOptions) => number;
  detect(ctx: DoctorContext): Promise<Finding[]> | Finding[];
}

export interface DefinedCheck extends Check {
  budgetMs?: (o: DoctorOptions) => number;
}

export function defineCheck(def: CheckDef): DefinedCheck {
  return {
    id: def.id,
    title: def.title,
    group: def.group,
    budgetMs: def.budgetMs,
    async detect(ctx) {
      const found = await def.detect(ctx);
      return found.map((f) => ({...f, id: def.id, title: def.title, severity: f.severity ?? severityFor(f.status)}));
    },
  };
}

export const pass = (message: string, extra: Partial<Finding> = {}): Finding => ({status: 'pass', message, ...extra});
export const warn = (message: string, extra: Partial<Finding> = {}): Finding => ({status: 'warn', message, ...extra});
export const fail = (message: string, extra: Partial<Finding> = {}): Finding => ({status: 'fail', message, ...extra});
export const skip = (message: string, extra: Partial<Finding> = {}): Finding => ({status: 'skip', message, ...extra});

/** Time for a check that waits on the memoised server probe (a few requests of timeoutMs each, plus slack). */
export const serverBudget = (o: {timeoutMs: number}): number => o.timeoutMs * 4 + 5000;

/** The skip for a check that needs the config's view when there is none: no file, or it does not parse. */
export const noViewSkip = (ctx: {loaded: {exists: boolean}}): Finding =>
  skip(ctx.loaded.exists ? 'the file does not parse' : 'no config file');

/** Providers the doctor may contact: local ones, plus hosted ones with --include-hosted. */
export function probedProviders(ctx: DoctorContext): ProviderView[] {
  return (ctx.view?.providers ?? []).filter((p) => p.baseUrl && (p.isLocal || ctx.options.includeHosted));
}

/** Refs the agent really uses: primary first, then fallbacks (deduplicated). */
export function usedRefs(ctx: DoctorContext): string[] {
  const v = ctx.view;
  if (!v) return [];
  return [...new Set([v.primary, ...v.fallbacks].filter((r): r is string => typeof r === 'string' && r.length > 0))];
}

/** Models of a provider worth checking: the ones the agent uses, or all when none is used. */
export function relevantModels(ctx: DoctorContext, provider: ProviderView): ModelView[] {
  const used = new Set(
    usedRefs(ctx)
      .map((r) => splitModelRef(r))
      .filter((r) => r && r.provider === provider.id)
      .map((r) => r!.model),
  );
  const picked = provider.models.filter((m) => used.has(m.id));
  return picked.length ? picked : provider.models;
}

/** True when the agent's primary or a fallback points at this model. */
export function isUsed(ctx: DoctorContext, provider: ProviderView, model: ModelView): boolean {
  return usedRefs(ctx).includes(`${provider.id}/${model.id}`);
}

export function providerIsLocal(ctx: DoctorContext, ref: string): boolean | undefined {
  const v = ctx.view;
  const split = splitModelRef(ref);
  if (!v || !split) return undefined;
  const hit = resolveRef(v, split);
  return hit ? hit.provider.isLocal : false;
}

export const modelPath = (p: ProviderView, m: ModelView, key?: string): (string | number)[] =>
  key ? ['models', 'providers', p.id, 'models', m.index, key] : ['models', 'providers', p.id, 'models', m.index];
export const providerPath = (p: ProviderView, key?: string): (string | number)[] =>
  key ? ['models', 'providers', p.id, key] : ['models', 'providers', p.id];

export interface ServerState {
  provider: ProviderView;
  report?: ServerReport;
  failure?: Failure;
  kind: ServerKind;
  kindConfirmed: boolean;
  label: string;
}

/** The memoised probe of a provider's server, with the kind (fingerprinted or guessed). */
export async function serverState(ctx: DoctorContext, provider: ProviderView): Promise<ServerState> {
  const res = await ctx.server(provider.baseUrl!, {
    apiKey: provider.apiKeyForRequests,
    totalTimeoutMs: ctx.options.timeoutMs,
    connectTimeoutMs: Math.min(1500, ctx.options.timeoutMs),
  });
  if (res.ok) {
    const fk = res.report.fingerprint.kind;
    const confirmed = fk !== 'unknown';
    const kind = confirmed ? fk : guessKind(provider.id, provider.baseUrl, provider.api);
    const version = res.report.fingerprint.version;
    return {
      provider,
      report: res.report,
      kind,
      kindConfirmed: confirmed,
      label: `${serverName(kind)}${confirmed && version ? ` ${version}` : ''}`,
    };
  }
  const kind = guessKind(provider.id, provider.baseUrl, provider.api);
  return {provider, failure: res, kind, kindConfirmed: false, label: serverName(kind)};
}

/** The served entry for a configured model id: exact, Ollama's implied :latest, llama.cpp's single model. */
export function findServed(
  state: ServerState,
  id: string,
): {served?: ServedModel; how: 'exact' | 'latest-tag' | 'single-model' | 'none'} {
  const models = state.report?.models ?? [];
  const exact = models.find((m) => m.id === id);
  if (exact) return {served: exact, how: 'exact'};
  if (state.kind === 'ollama') {
    const alt = id.includes(':') ? id.replace(/:latest$/, '') : `${id}:latest`;
    const hit = models.find((m) => m.id === alt);
    if (hit) return {served: hit, how: 'latest-tag'};
  }
  if (state.kind === 'llamacpp' && models.length === 1) return {served: models[0], how: 'single-model'};
  return {how: 'none'};
}

export function unreachableSkip(state: ServerState, extra: Partial<Finding> = {}): Finding {
  const why = !state.report
    ? 'is not reachable'
    : state.report.fingerprint.loading
      ? 'is still loading its model'
      : 'answered, but listing its models failed';
  return skip(`${state.label} at ${state.provider.baseUrl} ${why} (see server.reachable)`, {
    provider: state.provider.id,
    ...extra,
  });
}

/** The id to load a served model by (LM Studio's model key when it differs from the instance id). */
export function servedKey(served: ServedModel): string {
  return typeof served.details?.key === 'string' ? (served.details.key as string) : served.id;
}
