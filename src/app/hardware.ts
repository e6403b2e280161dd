/**
 * The hardware verdict, one use case for `hardware` and the app's hardware
 * screen: the machine (or the exo cluster that answers: its real members),
 * the model to judge (flag, the configured primary, or a default), the
 * geometry its server reports before the catalog, then the tier and fit.
 * Both front-ends call `assessHardware`; they only render its answer.
 */

import {fmt} from '../core/text/index.js';
import {evaluateHardware, type HardwareVerdict, type KvCacheType, type ModelGeometry} from '../core/hardware.js';
import type {ClusterEvaluation} from '../core/cluster/hardware.js';
import type {ClusterInfo} from '../core/cluster/types.js';
import type {EngineAdvice} from '../core/cluster/engines.js';
import type {HardwareProfile} from '../core/types/hardware.js';
import type {HardwareDetector} from '../hardware/index.js';
import {measuredPhrase, readMeasuredSpeeds, type MeasuredSpeed} from '../process/measured-speeds.js';
import {snapshotOf, type SnapshotSource} from './snapshot.js';

/** OpenClaw's default local model, used when nothing local is configured. */
export const DEFAULT_LOCAL_MODEL = {ref: 'lmstudio/minimax-m2.1-gs32', contextWindow: 196_608};

export interface ConfiguredPrimary {
  /** Model ref or id to estimate; undefined when nothing usable is configured. */
  model?: string;
  contextWindow?: number;
  /** Why the model was or was not taken from the config. */
  note?: string;
  /** The local server the configured primary is served by: its size and layers are asked there. */
  server?: {baseUrl: string; apiKey?: string; modelId: string};
}

export interface HardwareCommandDeps {
  detector(): HardwareDetector;
  /** Asks the configured server for the model's geometry; must not throw. */
  servedGeometry(
    server: NonNullable<ConfiguredPrimary['server']>,
    timeoutMs: number,
  ): Promise<{geometry?: ModelGeometry; note?: string}>;
  /** Reads the configured primary; must not throw. */
  configuredPrimary(ctx: SnapshotSource): Promise<ConfiguredPrimary>;
  /** An exo cluster answering here or at a configured baseUrl; must not throw. */
  exoCluster?(ctx: SnapshotSource, timeoutMs: number | undefined): Promise<ExoFound | undefined>;
}

export interface ExoFound {
  baseUrl: string;
  cluster: ClusterInfo;
  modelIds: string[];
}

export async function exoClusterLive(
  ctx: SnapshotSource,
  timeoutMs: number | undefined,
): Promise<ExoFound | undefined> {
  try {
    const [{findExoCluster}, {scanOptionsFromEnv}] = await Promise.all([
      import('../servers/find-exo.js'),
      import('../servers/index.js'),
    ]);
    // The config's local providers too (the same targets as `servers`): exo may sit at a configured baseUrl.
    const snap = await snapshotOf(ctx);
    const configured = snap.view ? snap.targets : [];
    const s = await findExoCluster({
      ...scanOptionsFromEnv(ctx.io.env),
      configured,
      ...(timeoutMs !== undefined ? {totalTimeoutMs: timeoutMs, connectTimeoutMs: Math.min(1500, timeoutMs)} : {}),
    });
    return s ? {baseUrl: s.baseUrl, cluster: s.cluster, modelIds: s.models.map((m) => m.id)} : undefined;
  } catch {
    return undefined;
  }
}

/** The verdict from the cluster's members, with the model's placement (its instance, or exo's preview). */
async function evaluateExo(
  found: ExoFound,
  model: string,
  opts: {context?: number; modelSizeGB?: number; timeoutMs?: number},
): Promise<ClusterEvaluation> {
  const {evaluateCluster} = await import('../core/cluster/hardware.js');
  const {readExoPreviews} = await import('../servers/index.js');
  // The id exo knows: the model as given, or without the provider prefix of a ref (exo/mlx-community/…).
  const candidates = [model, model.split('/').slice(1).join('/')].filter(Boolean);
  const exoModelId =
    candidates.find((id) => found.cluster.instances.some((i) => i.modelId === id)) ??
    candidates.find((id) => found.modelIds.includes(id));
  let preview;
  if (exoModelId && !found.cluster.instances.some((i) => i.modelId === exoModelId)) {
    const t = opts.timeoutMs;
    const r = await readExoPreviews(
      found.baseUrl,
      exoModelId,
      found.cluster,
      t !== undefined ? {totalTimeoutMs: t, connectTimeoutMs: Math.min(1500, t)} : {},
    );
    if (r.ok) preview = r.previews;
  }
  return evaluateCluster(found.cluster, found.baseUrl, {
    model,
    ...(opts.context !== undefined ? {context: opts.context} : {}),
    ...(opts.modelSizeGB !== undefined ? {modelSizeGB: opts.modelSizeGB} : {}),
    ...(exoModelId ? {exoModelId} : {}),
    ...(preview ? {preview} : {}),
  });
}

export async function configuredPrimaryFromConfig(ctx: SnapshotSource): Promise<ConfiguredPrimary> {
  try {
    const {splitModelRef} = await import('../config/index.js');
    const {resolveRef} = await import('../core/config-view.js');
    const {isLocalProviderId} = await import('../core/stacks/refs.js');
    const {location: loc, view} = await snapshotOf(ctx);
    if (!loc.exists) return {note: `no OpenClaw config at ${loc.path}`};
    if (!view) return {note: `${loc.path} could not be parsed`};
    if (!view.primary) return {note: `${loc.path} sets no primary model`};
    const ref = splitModelRef(view.primary);
    if (!ref) return {note: `primary "${view.primary}" has no provider prefix`};
    const resolved = resolveRef(view, ref);
    const local = resolved ? resolved.provider.isLocal : isLocalProviderId(ref.provider);
    if (!local) return {note: `the configured primary ${view.primary} is hosted`};
    const baseUrl = resolved?.provider.baseUrl;
    return {
      model: view.primary,
      contextWindow: resolved?.model?.contextWindow,
      note: `the configured primary ${view.primary}`,
      ...(baseUrl ? {server: {baseUrl, apiKey: resolved.provider.apiKeyForRequests, modelId: ref.model}} : {}),
    };
  } catch (err) {
    return {note: `the config could not be read (${err instanceof Error ? err.message : String(err)})`};
  }
}

export async function servedGeometryFromServer(
  server: NonNullable<ConfiguredPrimary['server']>,
  timeoutMs: number,
): Promise<{geometry?: ModelGeometry; note?: string}> {
  try {
    const {probeServer} = await import('../servers/index.js');
    const res = await probeServer(server.baseUrl, {
      apiKey: server.apiKey,
      totalTimeoutMs: timeoutMs,
      connectTimeoutMs: Math.min(1500, timeoutMs),
    });
    if (!res.ok)
      return {note: `the server at ${server.baseUrl} did not answer (${res.kind}): sizes from our catalog only.`};
    const models = res.report.models;
    const id = server.modelId;
    const latest = id.includes(':') ? id.replace(/:latest$/, '') : `${id}:latest`;
    const served =
      models.find((m) => m.id === id) ??
      (res.report.fingerprint.kind === 'ollama' ? models.find((m) => m.id === latest) : undefined) ??
      (res.report.fingerprint.kind === 'llamacpp' && models.length === 1 ? models[0] : undefined);
    // llama.cpp names its GGUF (/props model_path): on this machine, its header gives the layers.
    const modelPath = served?.details?.modelPath;
    if (
      !served?.geometry?.kv &&
      typeof modelPath === 'string' &&
      /^https?:\/\/(127\.|localhost|\[::1\])/i.test(res.report.fingerprint.origin)
    ) {
      const {readGgufGeometry} = await import('../hardware/gguf-file.js');
      try {
        const geo = readGgufGeometry(modelPath);
        return {geometry: {...geo, source: `${geo.source} (llama.cpp /props model_path)`}};
      } catch {
        // Not readable here: the server's own numbers below.
      }
    }
    return served?.geometry ? {geometry: served.geometry} : {};
  } catch {
    return {};
  }
}

export const liveHardwareDeps: Omit<HardwareCommandDeps, 'detector'> = {
  configuredPrimary: configuredPrimaryFromConfig,
  exoCluster: exoClusterLive,
  servedGeometry: servedGeometryFromServer,
};

/** The latest rehearsal of this model: by its ref, or by the model id behind any provider. */
function findMeasured(env: NodeJS.ProcessEnv, model: string): MeasuredSpeed | undefined {
  return readMeasuredSpeeds(env).find(
    (m) =>
      m.model === model || m.model.endsWith(`/${model}`) || model.endsWith(`/${m.model.split('/').slice(1).join('/')}`),
  );
}

export interface HardwareRequest {
  nodes?: number;
  context?: number;
  modelSizeGB?: number;
  model?: string;
  /** A profile read from a file: no detection and no cluster lookup. */
  profile?: HardwareProfile;
  /** Geometry from a GGUF file (--gguf), and that file's path (its name names the model when --model is not given). */
  geometry?: ModelGeometry;
  ggufFile?: string;
  kvCacheType?: KvCacheType;
  /** The user's --timeout-ms, when given (exo's own client defaults otherwise). */
  timeoutMs?: number;
  /**
   * With nothing local configured: judge the model the tier recommends (the app) instead of OpenClaw's default
   * local model (the command, which says how to pick another with --model).
   */
  unconfigured?: 'default' | 'recommended';
}

export type ModelSource = 'flag' | 'config' | 'default' | 'gguf' | 'exo' | 'recommended';

export interface HardwareAssessment {
  profile: HardwareProfile;
  verdict: HardwareVerdict;
  model: {id: string; source: ModelSource};
  cluster?: ClusterEvaluation['cluster'];
  engine?: EngineAdvice;
  measured?: MeasuredSpeed;
  /** The profile's, the verdict's and this use case's notes, in that order (the measured speed first). */
  notes: string[];
  /** Only this use case's notes (the model's source, the server's answer, the measured speed): no profile's. */
  modelNotes: string[];
}

export async function assessHardware(
  ctx: SnapshotSource,
  req: HardwareRequest,
  deps: HardwareCommandDeps,
): Promise<HardwareAssessment> {
  const {nodes, context, modelSizeGB, kvCacheType, timeoutMs: timeoutFlag} = req;
  const timeoutMs = timeoutFlag ?? 3000;
  const notes: string[] = [];
  let geometry = req.geometry;
  // An exo cluster that answers is the hardware: its real members, not this machine or --nodes copies.
  const exo = req.profile ? undefined : await deps.exoCluster?.(ctx, timeoutFlag);
  const profile =
    req.profile ??
    (exo
      ? (await import('../core/cluster/hardware.js')).clusterProfile(exo.cluster)
      : await deps.detector().detect({env: ctx.io.env}));

  let model = req.model;
  let ctxTokens = context;
  let modelSource: ModelSource = 'flag';
  let server: ConfiguredPrimary['server'];
  let defaultNote = false;
  if (!model && geometry && req.ggufFile) {
    // The file name usually says model and quantization ("Qwen3.6-27B-Q4_K_M.gguf"); the catalog may know it.
    model = req.ggufFile
      .split(/[\\/]/)
      .pop()!
      .replace(/\.gguf$/i, '');
    modelSource = 'gguf';
  }
  if (!model) {
    const primary = await deps.configuredPrimary(ctx);
    if (primary.model) {
      model = primary.model;
      ctxTokens ??= primary.contextWindow;
      modelSource = 'config';
      server = primary.server;
    } else if (req.unconfigured === 'recommended' && !exo) {
      // The fit of the model the tier recommends, with the build in the id (the bare id is sized as its smallest).
      const rec = evaluateHardware(profile, {...(nodes !== undefined ? {nodes} : {})}).recommendation;
      if (rec.model) {
        model = rec.build ? `${rec.model}-${rec.build}` : rec.model;
        ctxTokens ??= rec.contextCap;
        modelSource = 'recommended';
      }
    }
    if (!model) {
      model = DEFAULT_LOCAL_MODEL.ref;
      ctxTokens ??= DEFAULT_LOCAL_MODEL.contextWindow;
      modelSource = 'default';
      defaultNote = true;
      notes.push(
        `${primary.note ? `${primary.note[0].toUpperCase()}${primary.note.slice(1)}: s` : 'S'}howing OpenClaw's default local model ${DEFAULT_LOCAL_MODEL.ref} at ${fmt(ctxTokens)} tokens; pick another with --model.`,
      );
    }
  }

  // The configured server says what it serves (Ollama /api/show, llama.cpp meta, LM Studio's list): its numbers
  // come before the catalog's. One probe of that server; none when --gguf or --model-size-gb says the size.
  if (!exo && server && !geometry && modelSizeGB === undefined) {
    const found = await deps.servedGeometry(server, timeoutMs);
    if (found.geometry) geometry = found.geometry;
    else if (found.note) notes.push(found.note);
  }

  let cluster: ClusterEvaluation['cluster'] | undefined;
  let verdict: HardwareVerdict;
  if (exo) {
    // With nothing local configured, the model the cluster runs is the one to judge.
    if (modelSource === 'default' && exo.cluster.instances.length) {
      if (defaultNote) notes.pop();
      model = exo.cluster.instances[0].modelId;
      ctxTokens = context ?? exo.cluster.instances[0].contextLength;
      modelSource = 'exo';
      notes.push(`Showing the model the cluster runs, ${model}; pick another with --model.`);
    }
    if (nodes !== undefined)
      notes.push(
        `--nodes ${nodes} ignored: the exo cluster at ${exo.baseUrl} says how many machines there are (${exo.cluster.nodes.length}).`,
      );
    const evaluated = await evaluateExo(exo, model, {
      ...(ctxTokens !== undefined ? {context: ctxTokens} : {}),
      ...(modelSizeGB !== undefined ? {modelSizeGB} : {}),
      ...(timeoutFlag !== undefined ? {timeoutMs: timeoutFlag} : {}),
    });
    verdict = evaluated.verdict;
    cluster = evaluated.cluster;
  } else {
    verdict = evaluateHardware(profile, {
      ...(nodes !== undefined ? {nodes} : {}),
      model,
      ...(ctxTokens !== undefined ? {context: ctxTokens} : {}),
      ...(modelSizeGB !== undefined ? {modelSizeGB} : {}),
      ...(geometry ? {geometry} : {}),
      ...(kvCacheType ? {kvCacheType} : {}),
    });
  }
  // Several machines (or GPUs) on paper: name the engine that pools them, with its start commands.
  const engine = exo
    ? undefined
    : (await import('../core/cluster/engines.js')).multiNodeEngine(profile, verdict.nodes ?? 1);
  const allNotes = [...profile.notes, ...verdict.notes, ...notes];

  // What the rehearsal measured for this model on this machine, next to the estimate.
  const measured = findMeasured(ctx.io.env, model);
  const phrase = measured ? measuredPhrase(measured) : undefined;
  if (phrase && verdict.fit?.tokensPerSecond) {
    const said = `Decode speed ${phrase} (doctor --rehearse); the estimate above is from memory bandwidth.`;
    allNotes.unshift(said);
    notes.unshift(said);
  }
  return {
    profile,
    verdict,
    model: {id: model, source: modelSource},
    ...(cluster ? {cluster} : {}),
    ...(engine ? {engine} : {}),
    ...(measured ? {measured} : {}),
    notes: allNotes,
    modelNotes: notes,
  };
}
