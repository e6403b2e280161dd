/**
 * `setup` and the wizard, one use case: ground the answers in the stack's live
 * server (the model must be one it serves; contextWindow/maxTokens from what it
 * and the hardware really run), plan the stack, and propose the change.
 */
import {fmt} from '../core/findings/format.js';
import {planStack, stackInfo, type StackAnswers, type StackId, type StackPlan} from '../core/stacks.js';
import {resolveAnswers} from '../core/stacks/answers.js';
import {StackInputError} from '../core/stacks/errors.js';
import {groundedSizes, maxTokensFor, requestSetsContext, servedModel} from '../core/stacks/ground.js';
import type {LoadedConfig, PatchOp} from '../core/types/config.js';
import type {HardwareProfile} from '../core/types/hardware.js';
import type {Result, ServerReport} from '../core/types/servers.js';
import {SERVER_LABELS} from '../core/server-kinds.js';
import {applyPatch} from '../config/patch.js';
import {writeExoNote, type ExoNoteEntry} from '../config/exo-note.js';
import type {ClusterInfo} from '../core/cluster/types.js';

export interface GroundOptions {
  /** --offline: do not ask the server; the guide's values. */
  offline?: boolean;
  probe: (baseUrl: string) => Promise<Result<{report: ServerReport}>>;
  hardware?: () => Promise<HardwareProfile>;
  /** The baseUrl the config already gives a provider (${VAR} resolved): setup keeps it unless --base-url. */
  configuredBaseUrl?: (providerId: string) => string | undefined;
}

export interface Grounded {
  answers: StackAnswers;
  /** What the server said and what was taken from it (or why the guide's values were kept). */
  notes: string[];
}

/**
 * The answers with the model id as the server spells it and, unless given,
 * the context and reply sizes it really runs. Throws StackInputError (field
 * "model") when the server answers but does not serve the model.
 */
export async function groundAnswers(stack: StackId, answers: StackAnswers, opts: GroundOptions): Promise<Grounded> {
  if (!stackInfo(stack).local || opts.offline) return {answers, notes: []};
  const r = resolveAnswers(stack, answers);
  // The server the plan will point at: the given URL, else the provider's existing one, else the stack's.
  const baseUrl = (!r.baseUrl.explicit && opts.configuredBaseUrl?.(r.providerId)) || r.baseUrl.value;
  const probed = await opts.probe(baseUrl);
  if (!probed.ok) {
    return {
      answers,
      notes: [
        `${baseUrl} did not answer (${probed.message}): writing the guide's context ${fmt(r.contextWindow.value)}; run doctor once the server is up`,
      ],
    };
  }
  const report = probed.report;
  const kind = report.fingerprint.kind;
  const label = `${SERVER_LABELS[kind] ?? kind} at ${baseUrl}`;
  if (report.modelsError) {
    // A key it wants, a route that failed: no list to judge the model by, so nothing is refused.
    return {
      answers,
      notes: [
        `${label} did not list its models (${report.modelsError.message}): writing the guide's context ${fmt(r.contextWindow.value)}`,
      ],
    };
  }
  const ids = report.models.map((m) => m.id);
  const {id, others} = servedModel(kind, r.modelId, ids);
  if (!id) {
    const list = others.length
      ? `it serves ${others.slice(0, 8).join(', ')}${others.length > 8 ? `, … (${others.length} in all)` : ''}`
      : 'it lists no models';
    throw new StackInputError(`${label} does not serve "${r.modelId}": ${list}`, 'model');
  }
  const served = report.models.find((m) => m.id === id)!;
  const guide = {contextWindow: r.contextWindow.value, maxTokens: r.maxTokens.value};
  const facts = {kind, ...served};
  // Detected only where it can matter: OpenClaw's request makes the server load the model.
  const hardware =
    opts.hardware && requestSetsContext(r.api.value, facts) ? await opts.hardware().catch(() => undefined) : undefined;
  const sizes = groundedSizes({api: r.api.value, served: facts, guide, hardware});
  const out: StackAnswers = {...answers, model: id};
  const notes: string[] = id !== r.modelId ? [`${label} serves "${r.modelId}" as "${id}": writing "${id}"`] : [];
  if (answers.contextWindow === undefined) out.contextWindow = sizes.contextWindow;
  if (answers.maxTokens === undefined)
    out.maxTokens = maxTokensFor(out.contextWindow ?? sizes.contextWindow, guide.maxTokens);
  if (answers.contextWindow === undefined) {
    notes.push(
      sizes.source === 'loaded'
        ? `${label} runs ${id} with ${fmt(sizes.contextWindow)} tokens of context: contextWindow ${fmt(out.contextWindow!)}, maxTokens ${fmt(out.maxTokens!)}`
        : `${label} serves ${id}; OpenClaw's request loads it at contextWindow ${fmt(out.contextWindow!)}${
            sizes.fitCap === sizes.contextWindow ? ' (what fits in memory)' : ''
          }, maxTokens ${fmt(out.maxTokens!)}`,
    );
  }
  return {answers: out, notes};
}

/** The stack's plan for the config and the text it makes (ConfigPatchError when the file's shape cannot take it). */
export function planSetup(
  stack: StackId,
  loaded: LoadedConfig,
  answers: StackAnswers,
): {plan: StackPlan; newText: string} {
  const plan = planStack(stack, loaded.value, answers);
  return {plan, newText: applyOps(loaded.text, plan.ops)};
}

function applyOps(text: string, ops: PatchOp[]): string {
  return ops.length ? applyPatch(text, ops) : text;
}

/**
 * What the doctor's cluster.nodes check expects of an exo provider later (src/config/exo-note.ts): the cluster's
 * members and the nodes the model was placed on. `setup --stack exo` and the app's exo set-up build it here.
 */
export function exoNoteEntry(
  cluster: ClusterInfo,
  root: string,
  modelId: string,
  placedOn: string[],
  now: Date,
): ExoNoteEntry {
  const byId = (id: string) => {
    const n = cluster.nodes.find((x) => x.id === id);
    return {id, ...(n?.name ? {name: n.name} : {})};
  };
  return {
    baseUrl: root,
    modelId,
    nodes: cluster.nodes.map((n) => byId(n.id)),
    placedOn: placedOn.map(byId),
    recordedAt: now.toISOString(),
  };
}

/** The note written next to the config, once the config has the provider; returns where it went. */
export async function recordExoNote(configPath: string, providerId: string, entry: ExoNoteEntry): Promise<string> {
  return writeExoNote(configPath, providerId, entry);
}

/**
 * The note for the exo stack's answers as the app plans them (the server already placed the model: the app does
 * not place one): the cluster at the answers' baseUrl and the nodes its instance of the model runs on.
 */
export async function exoNoteForAnswers(
  answers: StackAnswers,
  opts: Pick<GroundOptions, 'probe' | 'configuredBaseUrl'> & {now: Date},
): Promise<ExoNoteEntry | undefined> {
  const r = resolveAnswers('exo', answers);
  const baseUrl = (!r.baseUrl.explicit && opts.configuredBaseUrl?.(r.providerId)) || r.baseUrl.value;
  const probed = await opts.probe(baseUrl);
  const cluster = probed.ok ? probed.report.cluster : undefined;
  if (!cluster) return undefined;
  const {rootOf} = await import('../servers/index.js');
  const modelId = answers.model ?? r.modelId;
  const placedOn = cluster.instances.find((i) => i.modelId === modelId)?.shards.map((s) => s.nodeId) ?? [];
  return exoNoteEntry(cluster, rootOf(baseUrl) ?? baseUrl, modelId, placedOn, opts.now);
}
