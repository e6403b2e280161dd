/**
 * An exo cluster as this tool sees it: machines, the links between them and
 * the model instances placed on them. Read from exo's GET /state (see
 * parse-state.ts for the wire shape and its source). Pure data.
 */

export interface ClusterNode {
  /** exo's node id (a libp2p peer id, stable per machine). */
  id: string;
  /** The name the machine gives itself (exo's friendlyName), e.g. "Studio A". */
  name?: string;
  /** "Apple M3 Ultra" (exo's chipId). */
  chip?: string;
  /** "Mac Studio" (exo's modelId of the machine). */
  machine?: string;
  /** RAM as installed, in GB (10^9 bytes). */
  ramTotalGB?: number;
  ramAvailableGB?: number;
  swapTotalGB?: number;
  /** Swap in use now: memory pressure; a node swapping decodes many times slower. */
  swapUsedGB?: number;
  /** IPv4/IPv6 addresses exo reports for the node, with the interface kind. */
  addresses: {ip: string; interfaceType: string}[];
  /** GPU busy share 0..1 when exo reports it. */
  gpuUsage?: number;
}

export type ClusterLinkKind = 'rdma' | 'thunderbolt' | 'ethernet' | 'wifi' | 'unknown';

export interface ClusterLink {
  from: string;
  to: string;
  kind: ClusterLinkKind;
  /** The address the connection goes to (sockets), when said. */
  address?: string;
}

export interface ClusterShard {
  nodeId: string;
  rank?: number;
  worldSize?: number;
  startLayer?: number;
  endLayer?: number;
  nLayers?: number;
  /** Runner status as exo names it: RunnerReady, RunnerLoading, RunnerFailed, ... */
  status?: string;
}

export interface ClusterInstance {
  id: string;
  modelId: string;
  /** MlxRing (sockets) or MlxJaccl (RDMA over Thunderbolt 5). */
  meta?: string;
  /** Pipeline (layers split across nodes) or Tensor. */
  sharding?: string;
  shards: ClusterShard[];
  /** The model card's context length, when it says (> 0). */
  contextLength?: number;
  /** Size of the weights, in GB. */
  storageGB?: number;
  /** Host each node listens on for the ring (MlxRing only). */
  hosts?: Record<string, string[]>;
}

export interface ClusterInfo {
  nodes: ClusterNode[];
  links: ClusterLink[];
  instances: ClusterInstance[];
  /** Things in /state we could not read, said once each. */
  notes: string[];
}

/** Where one node would hold a share of the model (from /instance/previews). */
export interface PlacementShare {
  nodeId: string;
  name?: string;
  startLayer?: number;
  endLayer?: number;
  nLayers?: number;
  /** Bytes of the model on this node as exo computes it (memory_delta_by_node), in GB. */
  memoryGB?: number;
  /** Fraction of the layers (or of the bytes) this node holds, 0..1. */
  share: number;
}

export interface PlacementPreview {
  modelId: string;
  sharding?: string;
  meta?: string;
  /** Set when this placement cannot be made, exo's own words. */
  error?: string;
  shares: PlacementShare[];
}

/** A summary of the runner statuses of one instance. */
export type InstanceReadiness = 'ready' | 'loading' | 'failed' | 'unknown';
