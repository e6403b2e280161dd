/**
 * Probes the default ports of every known server on one host, plus the
 * baseUrls from the config, all at once. A refused port costs ~1 ms; a port
 * that accepts and never answers costs one total timeout.
 */
import type {
  ClientOptions,
  DiscoveredServer,
  Failure,
  Result,
  ServerKind,
  ServerReport,
} from '../core/types/servers.js';
import {now} from './http.js';
import {redact} from './redact.js';
import {rootOf} from './adapters/common.js';
import {isLocalBaseUrl} from '../core/config-view.js';

export interface DiscoverTarget {
  baseUrl: string;
  port: number;
  foundVia: DiscoveredServer['foundVia'];
  /** The server usually found on this default port. */
  expected?: ServerKind;
  apiKey?: string;
}

export interface DiscoverMiss extends DiscoverTarget {
  failure: Failure;
}

export interface DiscoveryResult {
  servers: DiscoveredServer[];
  /** Targets where no model server answered (refused, timeout, not a model server...). */
  misses: DiscoverMiss[];
  /** Configured baseUrls not probed because they are hosted (see includeHosted). */
  skipped: {providerId: string; baseUrl: string; reason: string}[];
  elapsedMs: number;
}

export interface ScanOptions extends ClientOptions {
  host?: string;
  ports?: number[];
  configured?: {providerId: string; baseUrl: string; apiKey?: string}[];
  /** Probe configured baseUrls on public hosts too (default false: only local/LAN hosts). */
  includeHosted?: boolean;
}

/**
 * Loopback, private ranges, link-local, *.local and bare host names count as
 * local: the same rule the config view uses for a provider's isLocal, so the
 * servers command and the doctor agree on what gets probed.
 */
export function isLocalHost(hostname: string): boolean {
  const h = hostname.trim();
  return isLocalBaseUrl(`http://${h.includes(':') && !h.startsWith('[') ? `[${h}]` : h}`);
}

/** One key per server: loopback spellings and a trailing /v1 do not make two. */
function targetKey(baseUrl: string): string {
  const root = rootOf(baseUrl);
  if (!root) return baseUrl;
  const u = new URL(root);
  const host = u.hostname.replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host === '::1' || host === '0.0.0.0' || host.startsWith('127.')) u.hostname = '127.0.0.1';
  return `${u.protocol}//${u.hostname}:${portOf(u)}${u.pathname.replace(/\/$/, '')}`;
}

function portOf(u: URL): number {
  return u.port ? Number(u.port) : u.protocol === 'https:' ? 443 : 80;
}

export function targetsFor(
  opts: ScanOptions,
  defaults: {port: number; kind: ServerKind}[],
): {targets: DiscoverTarget[]; skipped: DiscoveryResult['skipped']} {
  const host = opts.host ?? '127.0.0.1';
  const hostPart = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  const byRoot = new Map<string, DiscoverTarget>();
  const ports = opts.ports ?? defaults.map((d) => d.port);
  for (const port of ports) {
    const baseUrl = `http://${hostPart}:${port}`;
    const expected = defaults.find((d) => d.port === port)?.kind;
    byRoot.set(targetKey(baseUrl), {baseUrl, port, foundVia: {kind: 'default-port'}, ...(expected ? {expected} : {})});
  }
  const skipped: DiscoveryResult['skipped'] = [];
  for (const c of opts.configured ?? []) {
    const root = rootOf(c.baseUrl);
    if (!root) {
      skipped.push({providerId: c.providerId, baseUrl: redact(c.baseUrl, [c.apiKey]), reason: 'not an http(s) URL'});
      continue;
    }
    const u = new URL(root);
    if (!opts.includeHosted && !isLocalHost(u.hostname)) {
      skipped.push({
        providerId: c.providerId,
        baseUrl: redact(c.baseUrl, [c.apiKey]),
        reason: 'hosted provider, not probed (doctor --include-hosted checks it)',
      });
      continue;
    }
    const key = targetKey(c.baseUrl);
    const existing = byRoot.get(key);
    // A configured entry replaces the default-port one: it carries the provider id and its key.
    if (existing && existing.foundVia.kind === 'config') continue;
    byRoot.set(key, {
      baseUrl: c.baseUrl,
      port: portOf(u),
      foundVia: {kind: 'config', providerId: c.providerId},
      ...(existing?.expected ? {expected: existing.expected} : {}),
      ...(c.apiKey ? {apiKey: c.apiKey} : {}),
    });
  }
  return {targets: [...byRoot.values()], skipped};
}

export async function scan(
  opts: ScanOptions,
  defaults: {port: number; kind: ServerKind}[],
  probeServer: (baseUrl: string, opts?: ClientOptions) => Promise<Result<{report: ServerReport}>>,
): Promise<DiscoveryResult> {
  const started = now();
  const {targets, skipped} = targetsFor(opts, defaults);
  const client: ClientOptions = {
    ...(opts.connectTimeoutMs !== undefined ? {connectTimeoutMs: opts.connectTimeoutMs} : {}),
    ...(opts.totalTimeoutMs !== undefined ? {totalTimeoutMs: opts.totalTimeoutMs} : {}),
    ...(opts.maxBytes !== undefined ? {maxBytes: opts.maxBytes} : {}),
    ...(opts.headers ? {headers: opts.headers} : {}),
  };
  const results = await Promise.all(
    targets.map(async (t) => {
      // Each target gets only its own key (never a global one), so keys stay with their origin.
      const r = await probeServer(t.baseUrl, {...client, ...(t.apiKey ? {apiKey: t.apiKey} : {})});
      return {t, r};
    }),
  );
  const servers: DiscoveredServer[] = [];
  const misses: DiscoverMiss[] = [];
  for (const {t, r} of results) {
    if (r.ok) servers.push({...r.report, port: t.port, foundVia: t.foundVia});
    else {
      const {apiKey: _key, ...rest} = t;
      misses.push({...rest, baseUrl: redact(t.baseUrl, [t.apiKey]), failure: r});
    }
  }
  servers.sort((a, b) => a.port - b.port);
  misses.sort((a, b) => a.port - b.port);
  return {servers, misses, skipped, elapsedMs: Math.round(now() - started)};
}
