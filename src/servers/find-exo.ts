/**
 * Finds an exo cluster: exo's default port on the scan host, plus the config's
 * baseUrls (a cluster usually serves from another Mac on the LAN). The kind
 * comes from the fingerprint, never from the port.
 */
import type {ClusterInfo} from '../core/cluster/types.js';
import type {DiscoveredServer} from '../core/types/servers.js';
import {discoverDetailed, type DiscoverOptions} from './index.js';
import {guessKind} from '../core/findings/server-commands.js';

export const EXO_DEFAULT_PORT = 52415;

export type ExoServer = DiscoveredServer & {cluster: ClusterInfo};

/** The first exo server that answered with a cluster (a configured one first), or undefined. */
export async function findExoCluster(opts: DiscoverOptions): Promise<ExoServer | undefined> {
  // Only configured providers that may be exo (named exo, or on its port): a dead LAN server of another kind must
  // not cost `hardware` a timeout.
  const configured = (opts.configured ?? []).filter((c) => guessKind(c.providerId, c.baseUrl) === 'exo');
  const result = await discoverDetailed({...opts, configured, ports: opts.ports ?? [EXO_DEFAULT_PORT]});
  const exo = result.servers.filter(
    (s): s is ExoServer => s.fingerprint.kind === 'exo' && !!s.cluster && s.cluster.nodes.length > 0,
  );
  return exo.find((s) => s.foundVia.kind === 'config') ?? exo[0];
}
