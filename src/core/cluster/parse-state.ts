/**
 * Reads exo's answers into ClusterInfo / PlacementPreview. Pure: the bytes
 * come from src/servers/adapters/exo.ts.
 *
 * Wire shape, from exo-explore/exo (docs/api.md; src/exo/shared/types/state.py,
 * profiling.py, memory.py, topology.py, worker/instances.py, worker/runners.py,
 * worker/shards.py; src/exo/api/types/api.py): GET /state is the pydantic State
 * model dumped with camelCase aliases (FastAPI's jsonable_encoder):
 *   {instances: {id: {MlxRingInstance|MlxJacclInstance: {instanceId, shardAssignments: {modelId,
 *      runnerToShard: {rid: {PipelineShardMetadata|TensorShardMetadata: {modelCard, deviceRank, worldSize,
 *      startLayer, endLayer, nLayers}}}, nodeToRunner: {nodeId: rid}}, hostsByNode?}}},
 *    runners: {rid: {RunnerReady: {}}}, topology: {nodes: [id], connections: {src: {sink: [
 *      {sinkMultiaddr: {address: "/ip4/…/tcp/…"}} | {sourceRdmaIface, sinkRdmaIface}]}}},
 *    nodeIdentities: {id: {modelId, chipId, friendlyName, osVersion}},
 *    nodeMemory: {id: {ramTotal: {inBytes}, ramAvailable, swapTotal, swapAvailable}},
 *    nodeSystem: {id: {gpuUsage, …}}, nodeNetwork: {id: {interfaces: [{name, ipAddress, interfaceType}]}}}
 * exo's own dashboard reads the same shape (dashboard/src/lib/stores/app.svelte.ts, RawStateResponse).
 * Tagged unions are one-key objects named after the class (TaggedModel). Nested
 * models dumped with model_dump_json (the /instance/await stream) are snake_case,
 * so both spellings are read. Nothing here is trusted: numbers are range-checked,
 * strings cleaned and capped, lists bounded.
 */
import type {
  ClusterInfo,
  ClusterInstance,
  ClusterLink,
  ClusterLinkKind,
  ClusterNode,
  ClusterShard,
  InstanceReadiness,
  PlacementPreview,
  PlacementShare,
} from './types.js';

type Obj = Record<string, unknown>;
const MAX_NODES = 256;
const MAX_INSTANCES = 64;
const MAX_LINKS = 4096;
const GB = 1e9;

const obj = (v: unknown): Obj | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined);
const arr = (v: unknown): unknown[] | undefined => (Array.isArray(v) ? v : undefined);
const snake = (k: string): string => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
/** A field by its camelCase name, or its snake_case spelling. */
function pick(o: Obj | undefined, key: string): unknown {
  if (!o) return undefined;
  return Object.hasOwn(o, key) ? o[key] : o[snake(key)];
}

/** Control characters out, length capped: these names reach terminals. */
export function cleanText(v: unknown, max = 120): string | undefined {
  if (typeof v !== 'string') return undefined;
  // eslint-disable-next-line no-control-regex
  const s = v.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '').trim();
  if (!s || s === 'Unknown') return undefined;
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

function num(v: unknown, min: number, max: number): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max ? v : undefined;
}

/** exo's Memory is {inBytes}; older dumps may give a bare number. GB, 1 decimal. */
function memBytes(v: unknown): number | undefined {
  return num(typeof v === 'number' ? v : pick(obj(v), 'inBytes'), 0, 1e16);
}
function memGB(v: unknown): number | undefined {
  const n = memBytes(v);
  return n === undefined ? undefined : Math.round((n / GB) * 10) / 10;
}

/** {ClassName: {...}} → [ClassName, body]; a plain object → [undefined, it]. */
function untag(v: unknown): [string | undefined, Obj | undefined] {
  const o = obj(v);
  if (!o) return [undefined, undefined];
  const keys = Object.keys(o);
  if (keys.length === 1 && /^[A-Z][A-Za-z]+$/.test(keys[0]) && obj(o[keys[0]])) return [keys[0], obj(o[keys[0]])];
  return [undefined, o];
}

function entries(v: unknown, max: number): [string, unknown][] {
  const o = obj(v);
  return o ? Object.entries(o).slice(0, max) : [];
}

function linkKind(edge: Obj, sink: ClusterNode | undefined): {kind: ClusterLinkKind; address?: string} {
  if (pick(edge, 'sourceRdmaIface') !== undefined || pick(edge, 'sinkRdmaIface') !== undefined) return {kind: 'rdma'};
  const multi = obj(pick(edge, 'sinkMultiaddr'));
  const address = cleanText(pick(multi, 'address'), 200);
  const ip =
    (address ? /^\/ip[46]\/([^/]+)/.exec(address)?.[1] : undefined) ?? cleanText(pick(multi, 'ipAddress'), 100);
  const iface = ip ? sink?.addresses.find((a) => a.ip === ip)?.interfaceType : undefined;
  const kind: ClusterLinkKind =
    iface === 'thunderbolt'
      ? 'thunderbolt'
      : iface === 'ethernet' || iface === 'maybe_ethernet'
        ? 'ethernet'
        : iface === 'wifi'
          ? 'wifi'
          : 'unknown';
  return {kind, ...(address ? {address} : {})};
}

function shardOf(v: unknown): {sharding?: string; body?: Obj} {
  const [tag, body] = untag(v);
  const sharding = tag ? tag.replace(/ShardMetadata$/, '') : undefined;
  return {...(sharding ? {sharding} : {}), ...(body ? {body} : {})};
}

/** One instance from /state, /instance/previews or the await stream. */
export function parseInstance(v: unknown, runners?: Obj): ClusterInstance | undefined {
  const [tag, body] = untag(v);
  const sa = obj(pick(body, 'shardAssignments'));
  const modelId = cleanText(pick(sa, 'modelId'), 300);
  if (!body || !sa || !modelId) return undefined;
  const runnerToShard = obj(pick(sa, 'runnerToShard')) ?? {};
  const shards: ClusterShard[] = [];
  let sharding: string | undefined;
  let contextLength: number | undefined;
  let storageGB: number | undefined;
  for (const [nodeIdRaw, runnerIdRaw] of entries(pick(sa, 'nodeToRunner'), MAX_NODES)) {
    const nodeId = cleanText(nodeIdRaw, 200);
    if (!nodeId) continue;
    const runnerId = typeof runnerIdRaw === 'string' ? runnerIdRaw : undefined;
    const shard = runnerId ? shardOf(runnerToShard[runnerId]) : {};
    sharding ??= shard.sharding;
    const card = obj(pick(shard.body, 'modelCard'));
    contextLength ??= num(pick(card, 'contextLength'), 1, 100_000_000);
    storageGB ??= memGB(pick(card, 'storageSize'));
    const [status] = runnerId && runners ? untag(runners[runnerId]) : [undefined];
    const s: ClusterShard = {nodeId};
    const rank = num(pick(shard.body, 'deviceRank'), 0, 10_000);
    const world = num(pick(shard.body, 'worldSize'), 1, 10_000);
    const start = num(pick(shard.body, 'startLayer'), 0, 100_000);
    const end = num(pick(shard.body, 'endLayer'), 0, 100_000);
    const n = num(pick(shard.body, 'nLayers'), 0, 100_000);
    if (rank !== undefined) s.rank = rank;
    if (world !== undefined) s.worldSize = world;
    if (start !== undefined) s.startLayer = start;
    if (end !== undefined) s.endLayer = end;
    if (n !== undefined) s.nLayers = n;
    if (status) s.status = status;
    shards.push(s);
  }
  shards.sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0));
  const hosts: Record<string, string[]> = {};
  for (const [nodeId, list] of entries(pick(body, 'hostsByNode'), MAX_NODES)) {
    const ips = (arr(list) ?? [])
      .map((h) => {
        const o = obj(h);
        const ip = cleanText(pick(o, 'ip'), 100);
        const port = num(pick(o, 'port'), 1, 65535);
        return ip ? (port ? `${ip}:${port}` : ip) : undefined;
      })
      .filter((x): x is string => !!x)
      .slice(0, 16);
    if (ips.length) hosts[nodeId] = ips;
  }
  return {
    id: cleanText(pick(body, 'instanceId'), 200) ?? '?',
    modelId,
    ...(tag ? {meta: tag.replace(/Instance$/, '')} : {}),
    ...(sharding ? {sharding} : {}),
    shards,
    ...(contextLength ? {contextLength} : {}),
    ...(storageGB ? {storageGB} : {}),
    ...(Object.keys(hosts).length ? {hosts} : {}),
  };
}

/** Does this look like exo's /state at all? (fingerprinting) */
export function looksLikeExoState(v: unknown): boolean {
  const o = obj(v);
  return (
    !!o &&
    !!obj(o.topology) &&
    (obj(o.nodeMemory) !== undefined || obj(o.node_memory) !== undefined) &&
    obj(o.instances) !== undefined
  );
}

export function parseExoState(v: unknown): ClusterInfo {
  const o = obj(v) ?? {};
  const notes: string[] = [];
  const identities = obj(pick(o, 'nodeIdentities')) ?? {};
  const memory = obj(pick(o, 'nodeMemory')) ?? {};
  const system = obj(pick(o, 'nodeSystem')) ?? {};
  const network = obj(pick(o, 'nodeNetwork')) ?? {};
  const topology = obj(o.topology);
  const listed = (arr(topology?.nodes) ?? []).filter((x): x is string => typeof x === 'string');
  // The topology is exo's membership: a node that timed out leaves it.
  const ids = (listed.length ? listed : Object.keys(memory)).slice(0, MAX_NODES);
  if (listed.length > MAX_NODES) notes.push(`more than ${MAX_NODES} nodes: only the first ${MAX_NODES} are read`);
  const nodes: ClusterNode[] = [];
  for (const rawId of ids) {
    const id = cleanText(rawId, 200);
    if (!id) continue;
    const ident = obj(identities[rawId]);
    const mem = obj(memory[rawId]);
    const ramTotalGB = memGB(pick(mem, 'ramTotal'));
    const ramAvailableGB = memGB(pick(mem, 'ramAvailable'));
    const swapTotalGB = memGB(pick(mem, 'swapTotal'));
    const swapTotal = memBytes(pick(mem, 'swapTotal'));
    const swapAvailable = memBytes(pick(mem, 'swapAvailable'));
    const addresses = (arr(pick(obj(network[rawId]), 'interfaces')) ?? [])
      .slice(0, 64)
      .map((i) => {
        const io = obj(i);
        const ip = cleanText(pick(io, 'ipAddress'), 100);
        return ip ? {ip, interfaceType: cleanText(pick(io, 'interfaceType'), 30) ?? 'unknown'} : undefined;
      })
      .filter((x): x is {ip: string; interfaceType: string} => !!x);
    const node: ClusterNode = {id, addresses};
    const name = cleanText(pick(ident, 'friendlyName'));
    const chip = cleanText(pick(ident, 'chipId'));
    const machine = cleanText(pick(ident, 'modelId'));
    if (name) node.name = name;
    if (chip) node.chip = chip;
    if (machine) node.machine = machine;
    if (ramTotalGB !== undefined) node.ramTotalGB = ramTotalGB;
    if (ramAvailableGB !== undefined) node.ramAvailableGB = ramAvailableGB;
    if (swapTotalGB !== undefined) node.swapTotalGB = swapTotalGB;
    if (swapTotal !== undefined && swapAvailable !== undefined)
      node.swapUsedGB = Math.max(0, Math.round(((swapTotal - swapAvailable) / GB) * 10) / 10);
    const gpu = num(pick(obj(system[rawId]), 'gpuUsage'), 0, 100);
    if (gpu !== undefined) node.gpuUsage = gpu > 1 ? gpu / 100 : gpu;
    if (ramTotalGB === undefined) notes.push(`node ${name ?? id}: exo reports no memory for it yet`);
    nodes.push(node);
  }
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const links: ClusterLink[] = [];
  for (const [from, sinks] of entries(topology?.connections, MAX_NODES)) {
    for (const [to, edges] of entries(sinks, MAX_NODES)) {
      for (const e of (arr(edges) ?? []).slice(0, 16)) {
        const edge = obj(e);
        if (!edge || links.length >= MAX_LINKS) continue;
        const f = cleanText(from, 200);
        const t = cleanText(to, 200);
        if (f && t) links.push({from: f, to: t, ...linkKind(edge, byId.get(t))});
      }
    }
  }
  const runners = obj(o.runners) ?? {};
  const instances: ClusterInstance[] = [];
  for (const [, inst] of entries(o.instances, MAX_INSTANCES)) {
    const parsed = parseInstance(inst, runners);
    if (parsed) instances.push(parsed);
    else notes.push('an instance in /state has a shape this tool does not know');
  }
  return {nodes, links, instances, notes: [...new Set(notes)]};
}

/** GET /instance/previews → one preview per sharding/meta/node-count exo offers. */
export function parsePreviews(v: unknown, nodes: ClusterNode[] = []): PlacementPreview[] {
  const list = arr(obj(v)?.previews) ?? [];
  const names = new Map(nodes.map((n) => [n.id, n.name]));
  const out: PlacementPreview[] = [];
  for (const p of list.slice(0, 64)) {
    const po = obj(p);
    const modelId = cleanText(pick(po, 'modelId'), 300);
    if (!po || !modelId) continue;
    const error = cleanText(pick(po, 'error'), 300);
    const inst = parseInstance(pick(po, 'instance'));
    const delta = obj(pick(po, 'memoryDeltaByNode')) ?? {};
    const shares: PlacementShare[] = (inst?.shards ?? []).map((s) => {
      const layers = s.startLayer !== undefined && s.endLayer !== undefined ? s.endLayer - s.startLayer : undefined;
      const bytes = num(delta[s.nodeId], 0, 1e16);
      const share: PlacementShare = {
        nodeId: s.nodeId,
        share: layers !== undefined && s.nLayers ? Math.round((layers / s.nLayers) * 1000) / 1000 : 0,
      };
      const name = names.get(s.nodeId);
      if (name) share.name = name;
      if (s.startLayer !== undefined) share.startLayer = s.startLayer;
      if (s.endLayer !== undefined) share.endLayer = s.endLayer;
      if (s.nLayers !== undefined) share.nLayers = s.nLayers;
      if (bytes !== undefined) share.memoryGB = Math.round((bytes / GB) * 10) / 10;
      return share;
    });
    // Tensor sharding splits every layer: the share is the byte share.
    const totalBytes = shares.reduce((a, s) => a + (s.memoryGB ?? 0), 0);
    for (const s of shares)
      if (!s.share && totalBytes > 0 && s.memoryGB !== undefined)
        s.share = Math.round((s.memoryGB / totalBytes) * 1000) / 1000;
    out.push({
      modelId,
      ...(cleanText(pick(po, 'sharding'), 40) ? {sharding: cleanText(pick(po, 'sharding'), 40)} : {}),
      ...(cleanText(pick(po, 'instanceMeta'), 40) ? {meta: cleanText(pick(po, 'instanceMeta'), 40)} : {}),
      ...(error ? {error} : {}),
      shares,
    });
  }
  return out;
}

/** The preview exo's own POST /place_instance defaults take: Pipeline over MlxRing, the fewest nodes that work. */
export function defaultPreview(previews: PlacementPreview[]): PlacementPreview | undefined {
  const ok = previews.filter((p) => !p.error && p.shares.length > 0);
  const pipeline = ok.filter((p) => (p.sharding ?? 'Pipeline') === 'Pipeline' && (p.meta ?? 'MlxRing') === 'MlxRing');
  const pool = pipeline.length ? pipeline : ok;
  return [...pool].sort((a, b) => a.shares.length - b.shares.length)[0];
}

export function instanceReadiness(inst: ClusterInstance): InstanceReadiness {
  const st = inst.shards.map((s) => s.status);
  if (!st.length || st.some((s) => s === undefined)) return 'unknown';
  if (st.some((s) => /Failed|Shut/.test(s!))) return 'failed';
  if (st.every((s) => s === 'RunnerReady' || s === 'RunnerRunning')) return 'ready';
  return 'loading';
}
