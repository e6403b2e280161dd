/** Short human lines about a cluster, for `servers`, `hardware` and the doctor. Pure. */
import type {ClusterInfo, ClusterInstance, ClusterLinkKind, ClusterNode, PlacementPreview} from './types.js';

const LINK_WORDS: Record<ClusterLinkKind, string> = {
  rdma: 'RDMA over Thunderbolt 5',
  thunderbolt: 'Thunderbolt (TCP)',
  ethernet: 'Ethernet',
  wifi: 'Wi-Fi',
  unknown: 'a network link of unknown kind',
};

export function nodeLabel(n: Pick<ClusterNode, 'id' | 'name'>): string {
  return n.name ? `${n.name}` : shortId(n.id);
}

/** exo node ids are long libp2p peer ids: the tail is enough to tell them apart. */
export function shortId(id: string): string {
  return id.length > 14 ? `…${id.slice(-8)}` : id;
}

export function describeNode(n: ClusterNode): string {
  const parts = [
    n.chip ?? n.machine,
    n.ramTotalGB !== undefined ? `${Math.round(n.ramTotalGB)} GB RAM` : undefined,
  ].filter(Boolean);
  return `${nodeLabel(n)}${parts.length ? ` (${parts.join(', ')})` : ''}`;
}

/** The best link kind between the nodes exo reports (RDMA beats Thunderbolt beats Ethernet beats Wi-Fi). */
export function clusterLinkKind(c: ClusterInfo): ClusterLinkKind | undefined {
  const order: ClusterLinkKind[] = ['wifi', 'unknown', 'ethernet', 'thunderbolt', 'rdma'];
  if (!c.links.length) return undefined;
  // The slowest pair decides: take, per node pair, its best link, then the worst of those.
  const best = new Map<string, number>();
  for (const l of c.links) {
    const key = [l.from, l.to].sort().join('|');
    best.set(key, Math.max(best.get(key) ?? -1, order.indexOf(l.kind)));
  }
  return order[Math.min(...best.values())];
}

export function linkWords(kind: ClusterLinkKind): string {
  return LINK_WORDS[kind];
}

export function describeCluster(c: ClusterInfo): string {
  const link = clusterLinkKind(c);
  const n = c.nodes.length;
  return `${n} node${n === 1 ? '' : 's'}: ${c.nodes.map(describeNode).join(', ')}${link && n > 1 ? ` · linked by ${linkWords(link)}` : ''}`;
}

export function describeInstance(inst: ClusterInstance, nodes: ClusterNode[]): string {
  const names = inst.shards.map((s) => {
    const node = nodes.find((n) => n.id === s.nodeId);
    const layers =
      s.startLayer !== undefined && s.endLayer !== undefined ? ` layers ${s.startLayer}–${s.endLayer - 1}` : '';
    return `${node ? nodeLabel(node) : shortId(s.nodeId)}${layers}`;
  });
  return `${inst.modelId} on ${names.join(' + ')}${inst.sharding ? ` (${inst.sharding}${inst.meta ? `, ${inst.meta}` : ''})` : ''}`;
}

export function describePreview(p: PlacementPreview): string {
  if (p.error) return `${p.modelId}: ${p.error}`;
  return p.shares
    .map((s) => {
      const who = s.name ?? shortId(s.nodeId);
      const layers =
        s.startLayer !== undefined && s.endLayer !== undefined ? `, layers ${s.startLayer}–${s.endLayer - 1}` : '';
      return `${who} ${Math.round(s.share * 100)}%${s.memoryGB !== undefined ? ` (${s.memoryGB} GB${layers})` : layers ? ` (${layers.slice(2)})` : ''}`;
    })
    .join(' + ');
}
