/**
 * The exo part of `setup --stack exo`: find the cluster, pick the model it
 * serves, and (with consent) place the model first and wait for it, then
 * give the planner a contextWindow the placement can hold. The config write
 * itself is the ordinary setup pipeline.
 */
import type {CommandContext} from '../cli/context.js';
import {CliError, UsageError} from '../cli/errors.js';
import {askYesNo} from '../cli/prompt.js';
import {contextForPlacement} from '../core/cluster/context.js';
import {describePreview, nodeLabel} from '../core/cluster/describe.js';
import {machinesOf} from '../core/cluster/hardware.js';
import {defaultPreview} from '../core/cluster/parse-state.js';
import type {ClusterInfo, PlacementShare} from '../core/cluster/types.js';
import {GENERIC_CONTEXT} from '../core/stacks/catalog.js';
import type {StackAnswers} from '../core/stacks.js';
import type {ExoNoteEntry} from '../config/exo-note.js';
import {exoNoteEntry} from '../app/setup.js';

export const DEFAULT_WAIT_S = 600;

export interface ExoPrepared {
  answers: StackAnswers;
  /** What the doctor will expect later (written next to the config once setup writes). */
  note: ExoNoteEntry;
  placed: boolean;
  /** True when placing was needed but not done (dry run). */
  wouldPlace: boolean;
}

const clientOpts = (timeoutMs?: number) =>
  timeoutMs !== undefined ? {totalTimeoutMs: timeoutMs, connectTimeoutMs: Math.min(1500, timeoutMs)} : {};

function sharesOf(cluster: ClusterInfo, modelId: string): PlacementShare[] | undefined {
  const inst = cluster.instances.find((i) => i.modelId === modelId);
  return inst?.shards.map((s) => ({
    nodeId: s.nodeId,
    share: 0,
    ...(cluster.nodes.find((n) => n.id === s.nodeId)?.name
      ? {name: cluster.nodes.find((n) => n.id === s.nodeId)!.name}
      : {}),
  }));
}

export async function prepareExoStack(
  ctx: CommandContext,
  answers: StackAnswers,
  o: {dryRun: boolean; yes: boolean; json: boolean; timeoutMs?: number; waitS: number},
): Promise<ExoPrepared> {
  const {io} = ctx;
  const say = (s: string) => io.stderr.write(s);
  const servers = await import('../servers/index.js');
  const client = clientOpts(o.timeoutMs);

  // 1. The cluster: --base-url, else exo's port here or a configured baseUrl (by what answers, not the port).
  let baseUrl: string;
  let cluster: ClusterInfo;
  let modelIds: string[];
  if (answers.baseUrl) {
    const r = await servers.probeServer(answers.baseUrl, client);
    if (!r.ok)
      throw new CliError(
        `no server answers at ${answers.baseUrl}: ${r.message}. Start exo on each machine, or check --base-url.`,
        1,
      );
    if (r.report.fingerprint.kind !== 'exo' || !r.report.cluster) {
      throw new CliError(
        `${answers.baseUrl} is ${servers.SERVER_LABELS[r.report.fingerprint.kind]}, not exo (${r.report.fingerprint.evidence}).`,
        1,
      );
    }
    // exo serves its OpenAI routes under /v1 (docs/api.md): http://host:52415 becomes http://host:52415/v1.
    baseUrl = `${servers.rootOf(answers.baseUrl) ?? answers.baseUrl}/v1`;
    cluster = r.report.cluster;
    modelIds = r.report.models.map((m) => m.id);
  } else {
    const [{findExoCluster}, {configuredFromConfig}] = await Promise.all([
      import('../servers/find-exo.js'),
      import('./servers.js'),
    ]);
    const {configured} = await configuredFromConfig(ctx);
    const found = await findExoCluster({...servers.scanOptionsFromEnv(io.env), configured, ...client});
    if (!found) {
      throw new CliError(
        'no exo cluster answers on this machine (port 52415) or at a baseUrl in the config. Start exo on each Mac, or pass --base-url http://HOST:52415/v1.',
        1,
      );
    }
    baseUrl = `${servers.rootOf(found.baseUrl)}/v1`;
    cluster = found.cluster;
    modelIds = found.models.map((m) => m.id);
  }
  const root = servers.rootOf(baseUrl)!;
  say(`exo at ${root}: ${cluster.nodes.map((n) => nodeLabel(n)).join(', ')}\n`);

  // 2. The model: --model, else the one instance the cluster runs.
  let modelId = answers.model?.trim().replace(/^exo\//, '');
  if (!modelId) {
    const running = [...new Set(cluster.instances.map((i) => i.modelId))];
    if (running.length === 1) modelId = running[0];
    else {
      const choices = running.length ? running : modelIds.slice(0, 8);
      throw new UsageError(
        `--model: the exo stack needs the model id exo serves${choices.length ? ` (e.g. ${choices.join(', ')})` : ''}`,
        'setup',
      );
    }
  }

  // 3. Where it is, or would be, placed.
  let shares = sharesOf(cluster, modelId);
  let placed = false;
  let wouldPlace = false;
  if (!shares) {
    const pv = await servers.readExoPreviews(root, modelId, cluster, client);
    if (!pv.ok) throw new CliError(`exo could not preview a placement for ${modelId}: ${pv.message}`, 1);
    const pick = defaultPreview(pv.previews);
    if (!pick) {
      const why = pv.previews.find((p) => p.error)?.error ?? 'no placement offered';
      throw new CliError(
        `exo cannot place ${modelId} on this cluster: ${why}. Pick a smaller build, or add a machine.`,
        1,
      );
    }
    say(`${modelId} is not placed yet. exo would place it on ${describePreview(pick)}.\n`);
    if (o.dryRun) {
      wouldPlace = true;
      shares = pick.shares;
    } else {
      if (!o.yes) {
        const interactive = !o.json && io.stdin.isTTY === true && io.stdout.isTTY === true;
        if (!interactive)
          throw new CliError(
            'Not placed: not on a terminal. Re-run with --yes to place the model and write the config (or --dry-run).',
            1,
          );
        if (
          !(await askYesNo(
            io,
            `Place ${modelId} on the cluster now (loads it into memory; may download it first)? [y/N] `,
          ))
        ) {
          throw new CliError('Nothing placed, nothing written.', 1);
        }
      }
      const p = await servers.placeExoInstance(root, modelId, client);
      if (!p.ok) throw new CliError(`exo refused to place ${modelId}: ${p.message}`, 1);
      // Bounded: rounds of at most 30 s (exo allows 300), progress after each.
      const started = Date.now();
      let ready = false;
      while (!ready) {
        const left = o.waitS - (Date.now() - started) / 1000;
        if (left <= 0) break;
        const r = await servers.awaitExoInstance(root, modelId, Math.min(30, left), client);
        if (!r.ok) throw new CliError(`waiting for ${modelId} on exo failed: ${r.message}`, 1);
        ready = r.outcome.state === 'ready';
        if (!ready)
          say(
            `  still waiting for exo to load ${modelId} (${Math.round((Date.now() - started) / 1000)} s of at most ${o.waitS} s)...\n`,
          );
      }
      if (!ready) {
        throw new CliError(
          `${modelId} was not ready after ${o.waitS} s (exo may still be downloading it; see its dashboard at ${root}). Nothing written; run setup again when it is placed, or pass --wait-s.`,
          1,
        );
      }
      const again = await servers.readExoCluster(root, client);
      if (again.ok) cluster = again.cluster;
      shares = sharesOf(cluster, modelId) ?? pick.shares;
      placed = true;
      say(`Placed ${modelId}.\n`);
    }
  }

  // 4. The context the placement can hold, unless the user said.
  const inst = cluster.instances.find((i) => i.modelId === modelId);
  const ctxInfo = contextForPlacement({
    modelId,
    ...(inst?.contextLength ? {cardContext: inst.contextLength} : {}),
    ...(inst?.storageGB ? {storageGB: inst.storageGB} : {}),
    shares,
    machines: machinesOf(cluster),
    fallback: GENERIC_CONTEXT,
  });
  const out: StackAnswers = {...answers, baseUrl, model: modelId};
  if (answers.contextWindow === undefined) {
    out.contextWindow = ctxInfo.contextWindow;
    say(`contextWindow ${ctxInfo.contextWindow.toLocaleString('en-US')}: ${ctxInfo.why}\n`);
    if (ctxInfo.tooSmall)
      say(
        'warning: that is less than OpenClaw needs for agent work (16,384 tokens); a smaller build leaves more room.\n',
      );
  }
  if (answers.name === undefined) out.name = `${modelId.split('/').pop()} on exo`;
  return {
    answers: out,
    placed,
    wouldPlace,
    note: exoNoteEntry(
      cluster,
      root,
      modelId,
      shares.map((s) => s.nodeId),
      io.now(),
    ),
  };
}
