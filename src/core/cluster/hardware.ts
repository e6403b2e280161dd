/**
 * The hardware verdict for an exo cluster: its real members (each machine's
 * RAM, chip and bandwidth from exo's /state), not `--nodes` identical copies.
 * Pure: the memory and fit rules are the single-machine ones in
 * src/core/hardware, called on a profile made of the cluster's nodes.
 *
 * Decode across machines (the assumption, stated): exo's default placement is
 * a pipeline (layers split across machines, MlxRing over TCP). Each token goes
 * through every machine in turn, so the time per token is the sum of each
 * machine's share of the weights read at its own bandwidth, plus one network
 * hop per machine. With equal machines that is the speed of one machine that
 * held the whole model: a pipeline adds memory, not speed. The slowest member's
 * bandwidth is what the estimate uses; the hop cost below is a rough per-link
 * figure, not measured here (`doctor --rehearse` or exo's /bench/chat/completions
 * measure the real tok/s). Tensor sharding over RDMA (MlxJaccl, Thunderbolt 5)
 * can add speed; it is not estimated.
 */
import type {HardwareProfile} from '../types/hardware.js';
import {appleDefaultGpuFraction, bandwidthGBps, GB_PER_GIB} from '../hardware/devices.js';
import {evaluateHardware} from '../hardware/evaluate.js';
import type {EvaluateOptions, HardwareVerdict} from '../hardware/types.js';
import {clusterLinkKind, linkWords, nodeLabel} from './describe.js';
import type {ClusterInfo, ClusterInstance, ClusterLinkKind, PlacementPreview, PlacementShare} from './types.js';

export interface ClusterMachine {
  id: string;
  name: string;
  chip?: string;
  ramTotalGB?: number;
  /** What a model may use on this machine (GB). */
  usableGB: number;
  usableSource: 'estimated' | 'unknown';
  bandwidthGBps?: number;
  swapUsedGB?: number;
}

/** Rough cost of one pipeline hop per token, by link (ms). Not measured here. */
export const HOP_MS: Record<ClusterLinkKind, number> = {
  rdma: 0.05,
  thunderbolt: 0.3,
  ethernet: 0.5,
  wifi: 5,
  unknown: 1,
};

export interface ClusterHardware {
  source: 'exo';
  baseUrl: string;
  nodes: ClusterMachine[];
  link?: {kind: ClusterLinkKind; words: string};
  usableGB: number;
  /** Where the model sits (its running instance) or would sit (exo's preview). */
  placement?: {
    from: 'instance' | 'preview';
    modelId: string;
    sharding?: string;
    meta?: string;
    shares: PlacementShare[];
  };
  /** The preview exo gave when the model cannot be placed. */
  placementError?: string;
  decode: {assumption: string; hopMsPerToken?: number};
}

export function machinesOf(cluster: ClusterInfo): ClusterMachine[] {
  return cluster.nodes.map((n) => {
    const apple = /apple|^m[1-9]\b/i.test(n.chip ?? '') || /mac/i.test(n.machine ?? '');
    const ram = n.ramTotalGB;
    // macOS gives the GPU a default share of unified memory (see devices.ts); elsewhere exo runs on the CPU/GPU pool: the same rule.
    const usable = ram !== undefined ? Math.round(ram * appleDefaultGpuFraction(ram / GB_PER_GIB) * 10) / 10 : 0;
    const bw = n.chip ? bandwidthGBps(n.chip) : undefined;
    const m: ClusterMachine = {
      id: n.id,
      name: nodeLabel(n),
      usableGB: usable,
      usableSource: ram !== undefined ? 'estimated' : 'unknown',
    };
    if (n.chip) m.chip = n.chip;
    if (ram !== undefined) m.ramTotalGB = ram;
    if (bw !== undefined) m.bandwidthGBps = bw;
    if (n.swapUsedGB !== undefined) m.swapUsedGB = n.swapUsedGB;
    void apple;
    return m;
  });
}

/** A HardwareProfile whose accelerators are the cluster's machines: the single-machine fit rules then apply as they are. */
export function clusterProfile(cluster: ClusterInfo): HardwareProfile {
  const machines = machinesOf(cluster);
  const allApple =
    cluster.nodes.length > 0 && cluster.nodes.every((n) => /apple/i.test(n.chip ?? '') || /mac/i.test(n.machine ?? ''));
  return {
    schemaVersion: 1,
    platform: allApple ? 'darwin' : 'linux',
    ramTotalGB: Math.round(machines.reduce((a, m) => a + (m.ramTotalGB ?? 0), 0) * 10) / 10,
    accelerators: machines.map((m) => ({
      kind: allApple ? 'apple' : 'other',
      name: `${m.name}${m.chip ? `: ${m.chip}` : ''}`,
      ...(m.ramTotalGB !== undefined ? {memoryGB: m.ramTotalGB} : {}),
      memorySource: m.ramTotalGB !== undefined ? 'exo' : 'unknown',
      ...(m.bandwidthGBps !== undefined ? {bandwidthGBps: m.bandwidthGBps} : {}),
      count: 1,
      unified: true,
    })),
    usableAcceleratorMemoryGB: Math.round(machines.reduce((a, m) => a + m.usableGB, 0) * 10) / 10,
    usableSource: 'estimated',
    nodes: 1,
    notes: [],
  };
}

function sharesOfInstance(inst: ClusterInstance, cluster: ClusterInfo): PlacementShare[] {
  const per = inst.storageGB !== undefined && inst.shards.length ? inst.storageGB : undefined;
  return inst.shards.map((s) => {
    const layers = s.startLayer !== undefined && s.endLayer !== undefined ? s.endLayer - s.startLayer : undefined;
    const share =
      layers !== undefined && s.nLayers ? Math.round((layers / s.nLayers) * 1000) / 1000 : 1 / inst.shards.length;
    const name = cluster.nodes.find((n) => n.id === s.nodeId)?.name;
    return {
      nodeId: s.nodeId,
      ...(name ? {name} : {}),
      ...(s.startLayer !== undefined ? {startLayer: s.startLayer} : {}),
      ...(s.endLayer !== undefined ? {endLayer: s.endLayer} : {}),
      ...(s.nLayers !== undefined ? {nLayers: s.nLayers} : {}),
      ...(per !== undefined ? {memoryGB: Math.round(per * share * 10) / 10} : {}),
      share,
    };
  });
}

export interface ClusterEvaluation {
  verdict: HardwareVerdict;
  cluster: ClusterHardware;
  profile: HardwareProfile;
}

/**
 * The verdict from the cluster's members. `exoModelId` is the id exo knows the
 * model by (its running instance, or the preview asked for it).
 */
export function evaluateCluster(
  cluster: ClusterInfo,
  baseUrl: string,
  opts: EvaluateOptions & {exoModelId?: string; preview?: PlacementPreview[]} = {},
): ClusterEvaluation {
  const profile = clusterProfile(cluster);
  const {exoModelId, preview, nodes: _ignored, ...rest} = opts;
  const verdict = evaluateHardware(profile, rest);
  const machines = machinesOf(cluster);
  const linkKind = clusterLinkKind(cluster);
  const n = machines.length;
  const out: ClusterHardware = {
    source: 'exo',
    baseUrl,
    nodes: machines,
    ...(linkKind ? {link: {kind: linkKind, words: linkWords(linkKind)}} : {}),
    usableGB: profile.usableAcceleratorMemoryGB,
    decode: {assumption: ''},
  };
  const inst = exoModelId ? cluster.instances.find((i) => i.modelId === exoModelId) : undefined;
  if (inst) {
    out.placement = {
      from: 'instance',
      modelId: inst.modelId,
      ...(inst.sharding ? {sharding: inst.sharding} : {}),
      ...(inst.meta ? {meta: inst.meta} : {}),
      shares: sharesOfInstance(inst, cluster),
    };
  } else if (exoModelId && preview) {
    const usable = preview.filter((p) => !p.error && p.shares.length);
    const pick = usable.find((p) => (p.sharding ?? 'Pipeline') === 'Pipeline') ?? usable[0];
    if (pick)
      out.placement = {
        from: 'preview',
        modelId: pick.modelId,
        ...(pick.sharding ? {sharding: pick.sharding} : {}),
        ...(pick.meta ? {meta: pick.meta} : {}),
        shares: pick.shares,
      };
    else if (preview.find((p) => p.error)) out.placementError = preview.find((p) => p.error)!.error;
  }
  const spans = out.placement ? out.placement.shares.length : n;
  const hop = linkKind ? HOP_MS[linkKind] : undefined;
  const slowest = machines.filter((m) => m.bandwidthGBps).sort((a, b) => a.bandwidthGBps! - b.bandwidthGBps!)[0];
  out.decode = {
    assumption:
      spans > 1
        ? `The model spans ${spans} machines as a pipeline: each token passes through them in turn, so decode runs at about one machine's speed` +
          `${slowest ? ` (the slowest, ${slowest.name}: ${slowest.bandwidthGBps} GB/s)` : ''}, not ${spans}×, minus about ${hop ?? 1} ms per hop per token` +
          `${linkKind ? ` over ${linkWords(linkKind)}` : ''} (a rough figure). Spanning machines adds memory (context, bigger builds), not speed. ` +
          "Tensor sharding over RDMA (Thunderbolt 5) can be faster; measure it with exo's /bench/chat/completions or doctor --rehearse."
        : "The model sits on one machine: decode runs at that machine's speed; the other members add nothing to it.",
    ...(spans > 1 && hop !== undefined ? {hopMsPerToken: Math.round(hop * (spans - 1) * 100) / 100} : {}),
  };
  // The hop cost lowers the fit's tok/s estimate: per token time + hops.
  if (verdict.fit?.tokensPerSecond && spans > 1 && hop !== undefined) {
    const t = verdict.fit.tokensPerSecond;
    const slow = (tps: number) => Math.max(0.1, Math.round((1000 / (1000 / tps + hop * (spans - 1))) * 10) / 10);
    verdict.fit.tokensPerSecond = {
      low: slow(t.low),
      high: slow(t.high),
      basis: `${t.basis}; pipeline over ${spans} machines, ${hop} ms per hop (assumed)`,
    };
  }
  verdict.nodes = n;
  // The single-machine hint names one sysctl value for the summed RAM: on a cluster it is per Mac.
  verdict.notes = verdict.notes.map((note) =>
    note.includes('iogpu.wired_limit_mb')
      ? 'It would fit with the GPU memory limit raised on each Mac: sudo sysctl iogpu.wired_limit_mb=N with N about (RAM − 16 GB) in MiB, on every member (resets on reboot).'
      : note,
  );
  verdict.notes.unshift(
    `Cluster from exo at ${baseUrl}: ${machines.map((m) => `${m.name} ${m.usableGB} GB usable${m.bandwidthGBps ? ` (${m.bandwidthGBps} GB/s)` : ''}`).join(' + ')} = ${profile.usableAcceleratorMemoryGB} GB.`,
  );
  // A cluster is set up with the exo stack; the single-machine stacks stay as alternatives.
  const r = verdict.recommendation;
  const allApple = profile.platform === 'darwin';
  // exo serves MLX builds (and BF16 safetensors through MLX) on Macs: no LM Studio, no vLLM there.
  const why =
    allApple &&
    r.model &&
    r.build &&
    r.contextCap &&
    ['aim-high', 'full-size', 'quantized-minimax'].includes(verdict.tier.id)
      ? `exo across the ${n} machine${n === 1 ? '' : 's'} with ${verdict.fit?.model === r.model && verdict.fit.verdict === 'fits' ? `the model it runs (${verdict.fit.buildLabel ?? verdict.fit.build})` : `MiniMax M2.1 (${r.build})`} at up to ${r.contextCap.toLocaleString('en-US')} tokens of context: the guide's ${verdict.tier.id} setup, on one endpoint (setup --stack exo).`
      : r.why;
  verdict.recommendation = {...r, why, setupStacks: ['exo', ...r.setupStacks.filter((s) => s !== 'exo')]};
  return {verdict, cluster: out, profile};
}
