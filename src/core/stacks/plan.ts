/**
 * planStack: (parsed config, answers) → patch ops + warnings. Pure and fast;
 * the wizard calls it on every keystroke of its preview.
 *
 * Rules: explicit answers win; otherwise what the config already has wins
 * over the stack's defaults (a docker baseUrl or a real LM Studio token stays);
 * only fields that differ get an op; nothing outside the provider, the
 * default model chain, its aliases and the allowlists is touched.
 */
import type {JsonPath, PatchOp} from '../types/config.js';
import {isModelApi} from '../providers.js';
import {HOSTED_DEFAULT} from './catalog.js';
import {resolveAnswers, type ResolvedAnswers} from './answers.js';
import {StackConfigError, StackInputError} from './errors.js';
import {isLocalProviderId, looksLikeSecret, isEnvRef, splitRef} from './refs.js';
import {isLocalBaseUrl} from '../config-view.js';
import type {LocalApi, StackAnswers, StackId, StackPlan} from './types.js';

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function own(obj: Obj | undefined, key: string): unknown {
  return obj && Object.hasOwn(obj, key) ? obj[key] : undefined;
}

function kind(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'an array' : `a ${typeof v}`;
}

/** The object at `path`, undefined when absent; throws when something else sits there. */
function objectAt(root: Obj, path: string[]): Obj | undefined {
  let cur: unknown = root;
  for (let i = 0; i < path.length; i++) {
    if (!isObj(cur)) return undefined;
    cur = own(cur, path[i]);
    if (cur === undefined) return undefined;
    if (!isObj(cur))
      throw new StackConfigError(
        `${path.slice(0, i + 1).join('.')} is ${kind(cur)}, not an object; fix it by hand before running setup`,
      );
  }
  return cur as Obj;
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isObj(a) && isObj(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => Object.hasOwn(b, k) && deepEqual(a[k], b[k]));
  }
  return false;
}

function unique(refs: string[]): string[] {
  return [...new Set(refs)];
}

interface Ctx {
  root: Obj;
  r: ResolvedAnswers;
  ops: PatchOp[];
  warnings: string[];
}

/** A URL from the user's file, fit to print: no user info, query or fragment (they may hold credentials). */
function displayUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@]*@/i, '$1').replace(/[?#].*$/, '');
}

function set(ctx: Ctx, path: JsonPath, value: unknown): void {
  ctx.ops.push({op: 'set', path, value});
}

// ---------------------------------------------------------------- provider

function isHostedRef(ctx: Ctx, ref: string, depth = 0): boolean {
  const split = splitRef(ref);
  if (!split) {
    // Resolved as OpenClaw does: an alias, then a unique configured model with that id. Anything
    // else (a ${VAR}, an unknown id) stays in the chain rather than be dropped unclassified.
    const target = depth === 0 ? resolveBareRef(ctx, ref) : undefined;
    return target ? isHostedRef(ctx, target, 1) : true;
  }
  const [provider, model] = split;
  // Ollama cloud models run hosted even though they go through the local daemon.
  if (/[:-]cloud$/.test(model)) return true;
  if (provider === ctx.r.providerId) return !ctx.r.info.local;
  const providers = objectAt(ctx.root, ['models', 'providers']);
  const p = own(providers, provider);
  const baseUrl = isObj(p) ? own(p, 'baseUrl') : undefined;
  if (typeof baseUrl === 'string' && !baseUrl.includes('${')) return !isLocalBaseUrl(baseUrl);
  return !isLocalProviderId(provider);
}

function resolveBareRef(ctx: Ctx, ref: string): string | undefined {
  const models = objectAt(ctx.root, ['agents', 'defaults', 'models']);
  const aliased = Object.entries(models ?? {}).find(([, v]) => isObj(v) && own(v, 'alias') === ref)?.[0];
  if (aliased) return aliased;
  const providers = objectAt(ctx.root, ['models', 'providers']);
  const owners = Object.entries(providers ?? {}).filter(([, p]) => {
    const list = isObj(p) ? own(p, 'models') : undefined;
    return Array.isArray(list) && list.some((m) => isObj(m) && own(m, 'id') === ref);
  });
  return owners.length === 1 ? `${owners[0][0]}/${ref}` : undefined;
}

function planModelEntry(r: ResolvedAnswers): Obj {
  const entry: Obj = {
    id: r.modelId,
    name: r.name.value,
    reasoning: false,
    input: ['text'],
    cost: {input: 0, output: 0, cacheRead: 0, cacheWrite: 0},
  };
  entry.contextWindow = r.contextWindow.value;
  if (r.contextTokens) entry.contextTokens = r.contextWindow.value;
  entry.maxTokens = r.maxTokens.value;
  return entry;
}

function planProvider(ctx: Ctx): void {
  const {r} = ctx;
  const providers = objectAt(ctx.root, ['models', 'providers']);
  const path: JsonPath = ['models', 'providers', r.providerId];
  const existing = own(providers, r.providerId);
  if (existing === undefined) {
    checkSizes(r.contextWindow.value, r.maxTokens.value);
    set(ctx, path, {baseUrl: r.baseUrl.value, apiKey: r.apiKey.value, api: r.api.value, models: [planModelEntry(r)]});
    return;
  }
  if (!isObj(existing))
    throw new StackConfigError(
      `models.providers.${r.providerId} is ${kind(existing)}, not an object; fix it by hand before running setup`,
    );
  if (own(existing, '$include') !== undefined) {
    ctx.warnings.push(
      `models.providers.${r.providerId} uses $include: setup writes its keys next to it (they override the included file), without reading that file.`,
    );
  }

  // baseUrl: explicit > existing (fixed up for Ollama) > default
  const curBase = own(existing, 'baseUrl');
  let wantBase = r.baseUrl.value;
  if (!r.baseUrl.explicit && typeof curBase === 'string' && curBase.trim() !== '') {
    wantBase = curBase;
    if (r.api.value === 'ollama' && /\/v1\/*$/i.test(curBase)) {
      wantBase = curBase.replace(/\/v1\/*$/i, '');
      ctx.warnings.push(
        `models.providers.${r.providerId}.baseUrl ends in /v1; the native Ollama API needs ${displayUrl(wantBase)} (with /v1, tool calls come back as plain text; OpenClaw #21243).`,
      );
    }
  }
  if (curBase !== wantBase) {
    set(ctx, [...path, 'baseUrl'], wantBase);
    const others = own(existing, 'models');
    if (
      typeof curBase === 'string' &&
      Array.isArray(others) &&
      others.some((m) => isObj(m) && own(m, 'id') !== r.modelId)
    ) {
      ctx.warnings.push(
        `models.providers.${r.providerId}.baseUrl changes from ${displayUrl(curBase)} to ${wantBase}; the provider's other models go there too.`,
      );
    }
  }

  // apiKey: never overwrite a key the user has, unless they answered one; point out plaintext.
  const curKey = own(existing, 'apiKey');
  if (r.apiKey.explicit ? curKey !== r.apiKey.value : curKey === undefined || curKey === '')
    set(ctx, [...path, 'apiKey'], r.apiKey.value);
  else if (typeof curKey === 'string' && !isEnvRef(curKey) && !curKey.includes('${') && looksLikeSecret(curKey)) {
    ctx.warnings.push(
      `models.providers.${r.providerId}.apiKey holds a key in plain text; setup leaves it, but move it to an env var and write a reference like ${r.apiKey.value.startsWith('${') ? r.apiKey.value : '${MY_API_KEY}'}.`,
    );
  }

  // api: explicit > forced (Ollama is native) > existing valid value > default
  const curApi = own(existing, 'api');
  let wantApi: string = r.api.value;
  if (!r.api.explicit && r.api.value !== 'ollama' && isModelApi(curApi)) wantApi = curApi;
  if (curApi !== wantApi) {
    if (typeof curApi === 'string' && !r.api.explicit) {
      ctx.warnings.push(`models.providers.${r.providerId}.api changes from "${curApi}" to "${wantApi}".`);
    }
    set(ctx, [...path, 'api'], wantApi);
  }
  const effectiveApi = wantApi as LocalApi;

  // models[]: add the model, or update the fields setup owns in place.
  const models = own(existing, 'models');
  if (models === undefined) {
    checkSizes(r.contextWindow.value, r.maxTokens.value);
    set(ctx, [...path, 'models'], [planModelEntry(withApi(r, effectiveApi))]);
    return;
  }
  if (!Array.isArray(models))
    throw new StackConfigError(
      `models.providers.${r.providerId}.models is ${kind(models)}, not a list; fix it by hand before running setup`,
    );
  const index = models.findIndex((m) => isObj(m) && own(m, 'id') === r.modelId);
  if (index < 0) {
    checkSizes(r.contextWindow.value, r.maxTokens.value);
    ctx.ops.push({op: 'append-unique', path: [...path, 'models'], value: planModelEntry(withApi(r, effectiveApi))});
    return;
  }
  const entry = models[index] as Obj;
  const at: JsonPath = [...path, 'models', index];
  const want = (field: string, answer: {value: unknown; explicit: boolean}): unknown => {
    const cur = own(entry, field);
    return answer.explicit || cur === undefined || cur === null || cur === '' ? answer.value : cur;
  };
  const name = want('name', r.name);
  const ctxWin = want('contextWindow', r.contextWindow);
  const maxTok = want('maxTokens', r.maxTokens);
  if (typeof ctxWin === 'number' && typeof maxTok === 'number') checkSizes(ctxWin, maxTok);
  if (own(entry, 'name') !== name) set(ctx, [...at, 'name'], name);
  if (own(entry, 'contextWindow') !== ctxWin) set(ctx, [...at, 'contextWindow'], ctxWin);
  if (effectiveApi === 'ollama') {
    const curTokens = own(entry, 'contextTokens');
    const wantTokens = r.contextWindow.explicit || curTokens === undefined ? ctxWin : curTokens;
    if (curTokens !== wantTokens) set(ctx, [...at, 'contextTokens'], wantTokens);
  }
  if (own(entry, 'maxTokens') !== maxTok) set(ctx, [...at, 'maxTokens'], maxTok);
}

function withApi(r: ResolvedAnswers, api: LocalApi): ResolvedAnswers {
  return api === 'ollama' && !r.contextTokens ? {...r, contextTokens: true} : r;
}

function checkSizes(contextWindow: number, maxTokens: number): void {
  if (maxTokens >= contextWindow) {
    throw new StackInputError(
      `max tokens (${maxTokens}) must be smaller than the context window (${contextWindow})`,
      'maxTokens',
    );
  }
}

// ---------------------------------------------------------------- mode

function planMode(ctx: Ctx): void {
  const models = objectAt(ctx.root, ['models']);
  const cur = own(models, 'mode');
  if (ctx.r.mode !== undefined) {
    if (cur !== ctx.r.mode) set(ctx, ['models', 'mode'], ctx.r.mode);
    return;
  }
  if (cur === undefined) set(ctx, ['models', 'mode'], 'merge');
  else if (cur === 'replace') {
    ctx.warnings.push(
      'models.mode is "replace": OpenClaw then drops its bundled provider catalogs and discovery, so hosted fallbacks need their own provider entries. ' +
        'setup leaves it as it is; the guide uses "merge": to switch, set models.mode to "merge" by hand and run setup again.',
    );
  } else if (cur !== 'merge') {
    ctx.warnings.push(
      `models.mode is ${JSON.stringify(cur)}, which OpenClaw rejects (allowed: "merge", "replace"); setup leaves it, fix it by hand.`,
    );
  }
}

// ---------------------------------------------------------------- chain

function currentChain(ctx: Ctx): {primary?: string; fallbacks: string[]; raw: unknown} {
  const defaults = objectAt(ctx.root, ['agents', 'defaults']);
  const raw = own(defaults, 'model');
  if (raw === undefined || raw === null) return {fallbacks: [], raw};
  if (typeof raw === 'string') return {primary: raw.trim() || undefined, fallbacks: [], raw};
  if (!isObj(raw))
    throw new StackConfigError(
      `agents.defaults.model is ${kind(raw)}; it must be "provider/model" or {primary, fallbacks}. Fix it by hand before running setup`,
    );
  const p = own(raw, 'primary');
  const f = own(raw, 'fallbacks');
  return {
    primary: typeof p === 'string' && p.trim() !== '' ? p : undefined,
    fallbacks: Array.isArray(f) ? f.filter((x): x is string => typeof x === 'string' && x.trim() !== '') : [],
    raw,
  };
}

function planChain(ctx: Ctx): {primary: string; fallbacks: string[]; introduced: string[]; localOnly: boolean} {
  const {r} = ctx;
  const cur = currentChain(ctx);
  const hosted = (ref: string) => isHostedRef(ctx, ref);
  const introduced: string[] = [r.modelRef];
  let primary: string;
  let fallbacks: string[];

  if (r.stack === 'hybrid') {
    if (r.hostedPrimary !== undefined && !hosted(r.hostedPrimary)) {
      throw new StackInputError(
        `${r.hostedPrimary} runs locally; the hybrid stack's primary is a hosted model (the local-first stack puts a local model first)`,
        'primary',
      );
    }
    primary =
      r.hostedPrimary ??
      (cur.primary && cur.primary !== r.modelRef && hosted(cur.primary) ? cur.primary : undefined) ??
      cur.fallbacks.find(hosted) ??
      HOSTED_DEFAULT.ref;
    const rest = r.fallbacks ?? [...(cur.primary && hosted(cur.primary) ? [cur.primary] : []), ...cur.fallbacks];
    fallbacks = unique([r.modelRef, ...rest]).filter((f) => f !== primary);
  } else {
    primary = r.modelRef;
    if (r.fallbacks) fallbacks = unique(r.fallbacks);
    else {
      // A hosted primary the user had becomes the first fallback; their fallbacks stay after it.
      fallbacks = unique([
        ...(cur.primary && cur.primary !== primary && hosted(cur.primary) ? [cur.primary] : []),
        ...cur.fallbacks,
      ]);
      if (r.stack === 'local-first' && !fallbacks.some(hosted)) fallbacks.push(HOSTED_DEFAULT.ref);
    }
    fallbacks = fallbacks.filter((f) => f !== primary);
  }
  // The hosted default is new to the chain whoever picked it (the stack, or the user keeping the
  // suggested fallback): it gets its alias and the key warning either way.
  const hadBefore = [cur.primary, ...cur.fallbacks].some(
    (ref) => ref !== undefined && (splitRef(ref) ? ref : resolveBareRef(ctx, ref)) === HOSTED_DEFAULT.ref,
  );
  if ([primary, ...fallbacks].includes(HOSTED_DEFAULT.ref) && !hadBefore) introduced.push(HOSTED_DEFAULT.ref);
  if (r.fallbacks?.includes(primary))
    ctx.warnings.push(`${primary} is the primary, so it is left out of the fallbacks.`);
  if (r.stack === 'local-first' && !fallbacks.some(hosted))
    ctx.warnings.push('No hosted model is left among the fallbacks: when the local server is down nothing takes over.');
  if (cur.primary && cur.primary !== primary && !fallbacks.includes(cur.primary)) {
    ctx.warnings.push(
      `The old primary ${cur.primary} leaves the model chain (its provider settings stay in the file).`,
    );
  }
  if (introduced.includes(HOSTED_DEFAULT.ref)) {
    ctx.warnings.push(
      `${HOSTED_DEFAULT.ref} needs an Anthropic key: export ${HOSTED_DEFAULT.keyEnv} (or run \`openclaw models auth\`); setup writes no keys.`,
    );
  }

  const defaultsPath: JsonPath = ['agents', 'defaults', 'model'];
  if (typeof cur.raw === 'string' || cur.raw === undefined || cur.raw === null) {
    // A plain string stays a string only when it already says everything.
    if (!(cur.raw === primary && fallbacks.length === 0))
      set(ctx, defaultsPath, fallbacks.length ? {primary, fallbacks} : {primary});
  } else {
    const obj = cur.raw as Obj;
    if (own(obj, 'primary') !== primary) set(ctx, [...defaultsPath, 'primary'], primary);
    const curF = own(obj, 'fallbacks');
    if (!(curF === undefined && fallbacks.length === 0) && !deepEqual(curF, fallbacks))
      set(ctx, [...defaultsPath, 'fallbacks'], fallbacks);
  }
  return {primary, fallbacks, introduced, localOnly: ![primary, ...fallbacks].some((ref) => runsHosted(ctx, ref))};
}

/** Like isHostedRef, but the stack's own provider counts as hosted when its URL (the one that ends up in the file) is not local. */
function runsHosted(ctx: Ctx, ref: string): boolean {
  const split = splitRef(ref);
  if (!split || split[0] !== ctx.r.providerId || /[:-]cloud$/.test(split[1])) return isHostedRef(ctx, ref);
  const existing = own(objectAt(ctx.root, ['models', 'providers']), ctx.r.providerId);
  const fileUrl = isObj(existing) ? own(existing, 'baseUrl') : undefined;
  const url = !ctx.r.baseUrl.explicit && typeof fileUrl === 'string' ? fileUrl : ctx.r.baseUrl.value;
  return url.includes('${') ? !ctx.r.info.local : !isLocalBaseUrl(url);
}

// ---------------------------------------------------------------- aliases and allowlists

function refAllowedBy(list: unknown[], ref: string, aliasesOfRef: string[]): boolean {
  return list.some((entry) => {
    if (typeof entry !== 'string') return false;
    if (entry === ref || entry === '*' || aliasesOfRef.includes(entry)) return true;
    return entry.endsWith('/*') && ref.startsWith(entry.slice(0, -1));
  });
}

function aliasesOf(models: Obj | undefined, ref: string): string[] {
  const e = own(models, ref);
  const a = isObj(e) ? own(e, 'alias') : undefined;
  return typeof a === 'string' ? [a] : [];
}

function planAliasesAndAllow(ctx: Ctx, chain: {primary: string; fallbacks: string[]; introduced: string[]}): void {
  const {r} = ctx;
  const models = objectAt(ctx.root, ['agents', 'defaults', 'models']);
  const modelsPath: JsonPath = ['agents', 'defaults', 'models'];
  const taken = new Set<string>();
  for (const v of Object.values(models ?? {})) {
    const a = isObj(v) ? own(v, 'alias') : undefined;
    if (typeof a === 'string') taken.add(a.toLowerCase());
  }
  const wantAlias = new Map<string, string>([[r.modelRef, r.alias]]);
  if (chain.introduced.includes(HOSTED_DEFAULT.ref)) wantAlias.set(HOSTED_DEFAULT.ref, HOSTED_DEFAULT.alias);
  const added = new Set<string>();
  for (const [ref, alias] of wantAlias) {
    const entry = own(models, ref);
    const free = !taken.has(alias.toLowerCase());
    if (entry === undefined) {
      set(ctx, [...modelsPath, ref], free ? {alias} : {});
      added.add(ref);
      if (free) taken.add(alias.toLowerCase());
    } else if (isObj(entry) && own(entry, 'alias') === undefined && free) {
      set(ctx, [...modelsPath, ref, 'alias'], alias);
      taken.add(alias.toLowerCase());
    } else if (!isObj(entry)) {
      throw new StackConfigError(
        `agents.defaults.models["${ref}"] is ${kind(entry)}, not an object; fix it by hand before running setup`,
      );
    }
  }

  const chainRefs = unique([chain.primary, ...chain.fallbacks]);
  // Allowlist trap: until OpenClaw records meta.migrations.modelPolicyAllowlist, its next write turns
  // the keys of agents.defaults.models into modelPolicy.allow; every ref in use must be a key then.
  const migrated = own(objectAt(ctx.root, ['meta', 'migrations']), 'modelPolicyAllowlist') !== undefined;
  const policy = objectAt(ctx.root, ['agents', 'defaults', 'modelPolicy']);
  const allow = own(policy, 'allow');
  if (allow !== undefined && !Array.isArray(allow))
    throw new StackConfigError(
      `agents.defaults.modelPolicy.allow is ${kind(allow)}, not a list; fix it by hand before running setup`,
    );
  // setup always adds its own key, so the map is non-empty after this write.
  const keys = Object.keys(models ?? {});
  if (!migrated && (!Array.isArray(allow) || allow.length === 0)) {
    // Agents with their own model are in use too: once setup starts the map, they need keys as well.
    for (const ref of unique([...chainRefs, ...agentModelRefs(ctx)])) {
      // Keys must be provider/model; a bare id or alias is matched through the ref it stands for.
      if (added.has(ref) || !splitRef(ref) || refAllowedBy(keys, ref, [])) continue;
      set(ctx, [...modelsPath, ref], {});
    }
  }
  if (Array.isArray(allow) && allow.length > 0) {
    for (const ref of chainRefs) {
      const aliases = [...aliasesOf(models, ref), ...(wantAlias.has(ref) ? [wantAlias.get(ref)!] : [])];
      if (!refAllowedBy(allow, ref, aliases))
        ctx.ops.push({op: 'append-unique', path: ['agents', 'defaults', 'modelPolicy', 'allow'], value: ref});
    }
  }
}

// ---------------------------------------------------------------- notes about agents setup does not touch

/** Model refs the agents of agents.list / agents.entries set for themselves (string or {primary, fallbacks}). */
function agentModelRefs(ctx: Ctx): string[] {
  const agents = objectAt(ctx.root, ['agents']);
  const list = own(agents, 'list');
  const entries = own(agents, 'entries');
  const all = [...(Array.isArray(list) ? list : []), ...(isObj(entries) ? Object.values(entries) : [])];
  const refs: string[] = [];
  for (const a of all) {
    const m = isObj(a) ? own(a, 'model') : undefined;
    if (typeof m === 'string') refs.push(m);
    else if (isObj(m)) {
      const p = own(m, 'primary');
      const f = own(m, 'fallbacks');
      if (typeof p === 'string') refs.push(p);
      if (Array.isArray(f)) refs.push(...f.filter((x): x is string => typeof x === 'string'));
    }
  }
  return refs.map((r) => r.trim()).filter((r) => r !== '' && !r.includes('${'));
}

function agentNotes(ctx: Ctx, chain: {primary: string; fallbacks: string[]}): void {
  const agents = objectAt(ctx.root, ['agents']);
  const list = own(agents, 'list');
  const entries = own(agents, 'entries');
  const items: [string, unknown][] = [];
  if (Array.isArray(list))
    list.forEach((a, i) =>
      items.push([isObj(a) && typeof own(a, 'id') === 'string' ? String(own(a, 'id')) : `#${i}`, a]),
    );
  if (isObj(entries)) for (const [id, a] of Object.entries(entries)) items.push([id, a]);
  const ownModel: string[] = [];
  const blocked: string[] = [];
  for (const [id, a] of items) {
    if (!isObj(a)) continue;
    if (own(a, 'model') !== undefined) ownModel.push(id);
    const pol = own(a, 'modelPolicy');
    const allow = isObj(pol) ? own(pol, 'allow') : undefined;
    if (Array.isArray(allow) && allow.length > 0 && !refAllowedBy(allow, chain.primary, [])) blocked.push(id);
  }
  const names = (ids: string[]) =>
    `Agent${ids.length > 1 ? 's' : ''} ${ids.slice(0, 5).join(', ')}${ids.length > 5 ? ` and ${ids.length - 5} more` : ''}`;
  if (ownModel.length)
    ctx.warnings.push(
      `${names(ownModel)} set${ownModel.length > 1 ? '' : 's'} its own model; setup changes only agents.defaults.`.replace(
        /^(Agents .*) sets? its own/,
        '$1 set their own',
      ),
    );
  if (blocked.length)
    ctx.warnings.push(
      `${names(blocked)} ha${blocked.length > 1 ? 've' : 's'} its own modelPolicy.allow without ${chain.primary}; add it there to use it.`.replace(
        'have its own',
        'have their own',
      ),
    );
}

// ---------------------------------------------------------------- entry point

export function planStack(id: StackId, current: unknown, answers: StackAnswers = {}): StackPlan {
  const r = resolveAnswers(id, answers);
  // null is a value too (the patch editor could not open it): refused like an array, not taken for a new config.
  if (current !== undefined && !isObj(current)) {
    throw new StackConfigError(
      `the config's top level is ${kind(current)}, not an object; fix it by hand before running setup`,
    );
  }
  const root: Obj = isObj(current) ? current : {};
  const ctx: Ctx = {root, r, ops: [], warnings: [...r.warnings]};
  for (const p of [[], ['models'], ['models', 'providers'], ['agents'], ['agents', 'defaults']]) {
    const o = p.length ? objectAt(root, p) : root;
    if (o && own(o, '$include') !== undefined) {
      ctx.warnings.push(
        `${p.length ? p.join('.') : 'The config'} uses $include: setup writes next to it (sibling keys override the included file) and cannot see what the included file sets.`,
      );
    }
  }

  // A brand-new config also needs gateway.mode "local", or the Gateway refuses to start.
  if (Object.keys(root).length === 0) set(ctx, ['gateway', 'mode'], 'local');
  planMode(ctx);
  planProvider(ctx);
  const chain = planChain(ctx);
  planAliasesAndAllow(ctx, chain);
  agentNotes(ctx, chain);
  if (r.stack === 'regional') {
    ctx.warnings.push(
      `OpenRouter's ${r.region!.toUpperCase()} endpoint needs a Business or Enterprise plan; requests with no in-region provider fail rather than leave the region. Export OPENROUTER_API_KEY.`,
    );
  }
  return {
    stack: id,
    ops: ctx.ops,
    warnings: unique(ctx.warnings),
    primary: chain.primary,
    fallbacks: chain.fallbacks,
    providerId: r.providerId,
    modelRef: r.modelRef,
    localOnly: chain.localOnly,
  };
}
