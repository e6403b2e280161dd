/**
 * Checks for a model served by an exo cluster (exo-explore/exo): the machines
 * recorded at setup are all there, the model's instance runs on the nodes the
 * preview chose, no member is swapping, the serving node is reachable from
 * where OpenClaw runs, and what a dropped node means for OpenClaw.
 *
 * Expected nodes come from our own note next to openclaw.json, written by
 * `setup --stack exo` (src/config/exo-note.ts): OpenClaw's schema has no place
 * for them, and exo itself forgets a node that left.
 */
import {splitModelRef} from '../../config/index.js';
import {describeInstance, nodeLabel, shortId} from '../../core/cluster/describe.js';
import {clusterProfile} from '../../core/cluster/hardware.js';
import {instanceReadiness} from '../../core/cluster/parse-state.js';
import type {ClusterInfo} from '../../core/cluster/types.js';
import type {ProviderView} from '../../core/config-view.js';
import {HOSTED_DEFAULT} from '../../core/stacks/catalog.js';
import type {HardwareProfile} from '../../core/types/hardware.js';
import {rootOf} from '../../servers/index.js';
import {readExoNote, type ExoNoteEntry} from '../../config/exo-note.js';
import {
  defineCheck,
  fail,
  noViewSkip,
  pass,
  probedProviders,
  providerIsLocal,
  serverBudget,
  serverState,
  skip,
  usedRefs,
  warn,
  type Finding,
} from '../define.js';
import type {DoctorContext} from '../types.js';

/** Swap in use on a node holding part of the model, in GB, from which it counts as swapping. */
export const SWAP_FAIL_GB = 1;

interface ExoTarget {
  provider: ProviderView;
  cluster: ClusterInfo;
  /** Model ids of this provider the agent uses. */
  models: string[];
  note?: ExoNoteEntry;
}

/** Providers whose server is exo, with their cluster (memoised per run through ctx.server). */
async function exoTargets(ctx: DoctorContext): Promise<ExoTarget[]> {
  const out: ExoTarget[] = [];
  const note = await readExoNote(ctx.location.path);
  for (const provider of probedProviders(ctx)) {
    const st = await serverState(ctx, provider);
    if (st.kind !== 'exo' || !st.report?.cluster) continue;
    const models = usedRefs(ctx)
      .map((r) => splitModelRef(r))
      .filter((r) => r && r.provider === provider.id)
      .map((r) => r!.model);
    const entry = note?.providers[provider.id];
    // A note for another URL is about another cluster.
    const sameUrl = entry && rootOf(entry.baseUrl) === rootOf(provider.baseUrl ?? '');
    out.push({
      provider,
      cluster: st.report.cluster,
      models: models.length ? models : provider.models.map((m) => m.id),
      ...(entry && sameUrl ? {note: entry} : {}),
    });
  }
  return out;
}

/** The cluster profile for a provider served by exo, for the hardware checks; undefined otherwise. */
export async function clusterProfileFor(
  ctx: DoctorContext,
  provider: ProviderView,
): Promise<HardwareProfile | undefined> {
  if (!provider.baseUrl) return undefined;
  const st = await serverState(ctx, provider);
  return st.kind === 'exo' && st.report?.cluster?.nodes.length ? clusterProfile(st.report.cluster) : undefined;
}

const noExo = (ctx: DoctorContext): Finding[] => [skip(ctx.view ? 'no provider is served by exo' : 'no config')];

/** A cluster check: skipped without a config or an exo provider; otherwise judges each exo target. */
function defineClusterCheck(spec: {
  id: string;
  title: string;
  detectTargets(
    targets: ExoTarget[],
    ctx: DoctorContext,
    view: NonNullable<DoctorContext['view']>,
  ): Finding[] | Promise<Finding[]>;
}) {
  return defineCheck({
    id: spec.id,
    title: spec.title,
    group: 'cluster',
    budgetMs: serverBudget,
    async detect(ctx) {
      if (!ctx.view) return [noViewSkip(ctx)];
      const targets = await exoTargets(ctx);
      if (!targets.length) return noExo(ctx);
      return spec.detectTargets(targets, ctx, ctx.view);
    },
  });
}

export const clusterNodes = defineClusterCheck({
  id: 'cluster.nodes',
  title: 'Every machine of the exo cluster is there',
  async detectTargets(targets) {
    return targets.map(({provider, cluster, note}) => {
      const at = {provider: provider.id};
      const present = cluster.nodes.map(nodeLabel).join(', ');
      if (!note) {
        return pass(
          `${cluster.nodes.length} machine${cluster.nodes.length === 1 ? '' : 's'} in the cluster (${present}); setup recorded none, so a missing one cannot be told (setup --stack exo records them)`,
          {
            ...at,
            evidence: {nodes: cluster.nodes.length},
          },
        );
      }
      const missing = note.nodes.filter((n) => !cluster.nodes.some((c) => c.id === n.id));
      const ev = {expected: note.nodes.length, present: cluster.nodes.length, missing: missing.length};
      if (missing.length) {
        const names = missing.map((n) => `${n.name ?? shortId(n.id)} (${shortId(n.id)})`).join(', ');
        return fail(
          `${names} ${missing.length === 1 ? 'is' : 'are'} missing: exo at ${rootOf(provider.baseUrl!)} reports ${cluster.nodes.length} of the ${note.nodes.length} machines recorded at setup (${present || 'none'})`,
          {
            ...at,
            evidence: ev,
            fix: {
              kind: 'command',
              description: `on ${missing.map((n) => n.name ?? shortId(n.id)).join(', ')}: start exo (the EXO app, or this in its exo checkout) and check the Thunderbolt cable or network; exo finds it again by itself`,
              command: 'uv run exo',
            },
          },
        );
      }
      return pass(`all ${note.nodes.length} machines recorded at setup are there: ${present}`, {...at, evidence: ev});
    });
  },
});

export const clusterPlacement = defineClusterCheck({
  id: 'cluster.placement',
  title: 'The model runs on the nodes the placement chose',
  async detectTargets(targets) {
    const out: Finding[] = [];
    for (const {provider, cluster, models, note} of targets) {
      for (const modelId of models) {
        const at = {provider: provider.id, model: modelId};
        const inst = cluster.instances.find((i) => i.modelId === modelId);
        if (!inst) {
          out.push(
            fail(
              `no instance of ${modelId} is placed on the cluster: OpenClaw's requests get 404 "No instance found for model ${modelId}"`,
              {
                ...at,
                fix: {
                  kind: 'command',
                  description: 'place it again (asks first) and record where it went',
                  command: `openclaw-local-doctor setup --stack exo --provider-id ${provider.id} --model ${modelId}`,
                },
              },
            ),
          );
          continue;
        }
        const ready = instanceReadiness(inst);
        const where = describeInstance(inst, cluster.nodes);
        const ev = {nodes: inst.shards.length, readiness: ready};
        if (ready === 'failed') {
          out.push(
            fail(`${where}: a runner failed (${inst.shards.map((s) => s.status).join(', ')})`, {...at, evidence: ev}),
          );
          continue;
        }
        if (ready === 'loading') {
          out.push(
            warn(
              `${where}: still loading (${inst.shards.map((s) => s.status).join(', ')}); requests wait or fail until it is ready`,
              {...at, evidence: ev},
            ),
          );
          continue;
        }
        const planned = note && note.modelId === modelId ? note.placedOn : undefined;
        const now = inst.shards.map((s) => s.nodeId);
        if (planned?.length && (planned.length !== now.length || planned.some((p) => !now.includes(p.id)))) {
          out.push(
            warn(
              `${where}, not on ${planned.map((p) => p.name ?? shortId(p.id)).join(' + ')} as at setup: exo placed it again; the contextWindow was worked out for the old placement`,
              {
                ...at,
                evidence: ev,
                fix: {
                  kind: 'command',
                  description: 'work the context out again for this placement',
                  command: `openclaw-local-doctor setup --stack exo --provider-id ${provider.id} --model ${modelId}`,
                },
              },
            ),
          );
          continue;
        }
        out.push(
          pass(`${where}${planned ? ', as placed at setup' : ''}${ready === 'ready' ? ', ready' : ''}`, {
            ...at,
            evidence: ev,
          }),
        );
      }
    }
    return out;
  },
});

export const clusterMemory = defineClusterCheck({
  id: 'cluster.memory',
  title: 'No machine of the cluster is swapping',
  async detectTargets(targets) {
    const out: Finding[] = [];
    for (const {provider, cluster} of targets) {
      const holding = new Set(cluster.instances.flatMap((i) => i.shards.map((s) => s.nodeId)));
      const swapping = cluster.nodes.filter((n) => (n.swapUsedGB ?? 0) >= SWAP_FAIL_GB);
      const bad = swapping.filter((n) => holding.has(n.id));
      const at = {provider: provider.id, evidence: {swapping: swapping.length}};
      const list = (ns: typeof swapping) =>
        ns
          .map(
            (n) =>
              `${nodeLabel(n)} ${n.swapUsedGB} GB of swap in use${n.ramAvailableGB !== undefined ? `, ${n.ramAvailableGB} GB RAM free` : ''}`,
          )
          .join('; ');
      if (bad.length) {
        out.push(
          fail(
            `${list(bad)}: a machine holding part of the model is swapping, so every token waits on it (decode slows many times); close other apps there, or place a smaller build or on more machines`,
            at,
          ),
        );
      } else if (swapping.length) out.push(warn(`${list(swapping)} (holds no part of a model)`, at));
      else
        out.push(
          pass(
            `no machine is swapping (${cluster.nodes.map((n) => `${nodeLabel(n)}: ${n.swapUsedGB ?? '?'} GB swap`).join(', ')})`,
            at,
          ),
        );
    }
    return out;
  },
});

const isLoopback = (host: string) => /^(localhost|127\.|\[?::1\]?$|0\.0\.0\.0)/i.test(host);
const isLinkLocal = (host: string) => /^169\.254\./.test(host) || /^\[?fe80:/i.test(host);

export const clusterReachable = defineClusterCheck({
  id: 'cluster.reachable',
  title: 'OpenClaw can reach the node serving the cluster',
  async detectTargets(targets, ctx) {
    return targets.map(({provider, cluster}) => {
      const host = new URL(rootOf(provider.baseUrl!)!).hostname;
      const node = cluster.nodes.find((n) => n.addresses.some((a) => a.ip === host.replace(/^\[|\]$/g, '')));
      const at = {provider: provider.id, path: `models.providers.${provider.id}.baseUrl`};
      const lan = cluster.nodes.flatMap((n) =>
        n.addresses
          .filter((a) => !isLinkLocal(a.ip) && a.interfaceType !== 'thunderbolt')
          .map((a) => `${nodeLabel(n)} ${a.ip}`),
      );
      // OpenClaw's gateway makes the model requests: with gateway.mode "remote" it runs on another host.
      const gw = (ctx.loaded.value as {gateway?: {mode?: unknown; remote?: {url?: unknown}}} | undefined)?.gateway;
      const remote = gw?.mode === 'remote';
      const elsewhere = remote
        ? `the gateway runs elsewhere (gateway.mode "remote"${typeof gw?.remote?.url === 'string' ? ` at ${gw.remote.url.replace(/\/\/[^@/]*@/, '//')}` : ''})`
        : '';
      const use = lan.length ? ` (use a LAN address: ${lan.slice(0, 3).join(', ')})` : '';
      if (isLoopback(host)) {
        return remote
          ? fail(
              `baseUrl ${provider.baseUrl} is loopback, but ${elsewhere}: 127.0.0.1 there is not this Mac, so OpenClaw reaches no exo${use}`,
              at,
            )
          : pass(
              `baseUrl ${provider.baseUrl} answers here, where the gateway runs; from another host or a container it would reach nothing${use}`,
              at,
            );
      }
      if (isLinkLocal(host)) {
        const what = `baseUrl ${provider.baseUrl} is a link-local address${node ? ` of ${nodeLabel(node)}` : ''} (Thunderbolt bridge): only machines on that cable reach it`;
        return remote ? warn(`${what}, and ${elsewhere}${use}`, at) : pass(`${what}; it answers here`, at);
      }
      return pass(
        `baseUrl ${provider.baseUrl} answers from here${node ? `, served by ${nodeLabel(node)}` : ''}; if that machine drops, OpenClaw loses the whole cluster`,
        at,
      );
    });
  },
});

export const clusterFailover = defineClusterCheck({
  id: 'cluster.failover',
  title: 'What happens when a machine drops',
  async detectTargets(targets, ctx, v) {
    const hosted = v.fallbacks.filter((r) => providerIsLocal(ctx, r) === false);
    const out: Finding[] = [];
    for (const {provider, cluster, models} of targets) {
      for (const modelId of models) {
        const inst = cluster.instances.find((i) => i.modelId === modelId);
        if (!inst || inst.shards.length < 2) continue;
        const at = {
          provider: provider.id,
          model: modelId,
          evidence: {spans: inst.shards.length, hostedFallbacks: hosted.length},
        };
        const what = `${modelId} spans ${inst.shards.length} machines: when one drops, exo removes the instance and places it again on what is left (if it still fits); until then OpenClaw's requests fail`;
        if (hosted.length) out.push(pass(`${what}, and OpenClaw falls back to ${hosted.join(', ')}`, at));
        else {
          out.push(
            warn(`${what}, and there is no hosted fallback to take over`, {
              ...at,
              // Offered, never applied by --fix: the user decides to send prompts to a hosted model.
              fix: {
                kind: 'command',
                description: `keep a hosted fallback (needs ${HOSTED_DEFAULT.keyEnv})`,
                command: `openclaw-local-doctor setup --stack exo --provider-id ${provider.id} --model ${modelId} --fallback ${HOSTED_DEFAULT.ref}`,
              },
            }),
          );
        }
      }
    }
    return out.length ? out : [pass('no model spans several machines')];
  },
});
