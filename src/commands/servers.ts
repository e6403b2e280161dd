/**
 * `servers`: find local model servers (default ports + the config's
 * baseUrls), say what each one is, what it has loaded and with which context.
 * Always exit 0: finding nothing is an answer, not an error.
 */
import {describeCluster} from '../core/cluster/describe.js';
import type {CommandContext} from '../cli/context.js';
import {intFlag} from '../cli/flags.js';
import {snapshotOf} from '../app/snapshot.js';
import {fmt, paint, TEXT_WIDTH, textWidth, wrapLine} from '../core/text/index.js';
import {printableDeep, printableJson} from '../core/sanitize.js';
import {
  DEFAULT_PORTS,
  discoverDetailed,
  readParallelism,
  redact,
  scanOptionsFromEnv,
  SERVER_LABELS,
  type DiscoverOptions,
  type DiscoveredServer,
  type DiscoveryResult,
  type ServedModel,
} from '../servers/index.js';

export interface ServersDeps {
  /** Overrides for the scan (tests: host and ports of fakes). */
  scan?: Partial<DiscoverOptions>;
  /** Reads configured providers; must not throw. */
  configured?: (
    ctx: CommandContext,
  ) => Promise<{configured: NonNullable<DiscoverOptions['configured']>; note?: string}>;
}

/** The config's providers with a baseUrl (and their keys), for a scan; never throws. */
export async function configuredFromConfig(
  ctx: CommandContext,
): Promise<{configured: NonNullable<DiscoverOptions['configured']>; note?: string}> {
  try {
    const snap = await snapshotOf(ctx);
    if (!snap.location.exists) return {configured: []};
    if (!snap.view)
      return {configured: [], note: `${snap.location.path} could not be parsed; scanning the default ports only`};
    return {configured: snap.targets};
  } catch (err) {
    return {
      configured: [],
      note: `the config could not be read (${err instanceof Error ? err.message : String(err)}); scanning the default ports only`,
    };
  }
}

export async function run(ctx: CommandContext): Promise<number> {
  return runServers(ctx, {});
}

export async function runServers(ctx: CommandContext, deps: ServersDeps): Promise<number> {
  const timeoutMs = intFlag(ctx.values, 'timeout-ms', {min: 50, max: 600_000});
  const {configured, note} = await (deps.configured ?? configuredFromConfig)(ctx);
  // A key that is just the provider's own name ("studio2" for provider studio2) is a placeholder, not a secret.
  const secrets = configured
    .map((c) => (c.apiKey !== c.providerId ? c.apiKey : undefined))
    .filter((k): k is string => !!k);
  const fromEnv = scanOptionsFromEnv(ctx.io.env);
  const opts: DiscoverOptions = {
    ...fromEnv,
    configured,
    ...(timeoutMs !== undefined ? {totalTimeoutMs: timeoutMs, connectTimeoutMs: Math.min(1500, timeoutMs)} : {}),
    ...deps.scan,
  };
  if (note) ctx.io.stderr.write(`${redact(note, secrets)}\n`);
  const badPorts = (ctx.io.env.OPENCLAW_LOCAL_DOCTOR_PORTS ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '' && !fromEnv.ports?.includes(Number(p)));
  if (badPorts.length)
    ctx.io.stderr.write(
      `OPENCLAW_LOCAL_DOCTOR_PORTS: ignoring ${badPorts.map((p) => `"${p}"`).join(', ')} (not a port)\n`,
    );
  if (!ctx.global.json)
    ctx.io.stderr.write(`Scanning ${opts.host ?? '127.0.0.1'} and ${configured.length} configured baseUrl(s)...\n`);
  const result = await discoverDetailed(opts);
  // Multi-GPU / multi-node vLLM: its parallel sizes, where /metrics says them (one more request per vLLM, here only).
  await Promise.all(
    result.servers
      .filter((s) => s.fingerprint.kind === 'vllm')
      .map(async (s) => {
        const key = configured.find((c) => c.baseUrl === s.baseUrl)?.apiKey;
        const p = await readParallelism(s.baseUrl, {...opts, ...(key ? {apiKey: key} : {})});
        if (p) s.parallel = p;
      }),
  );
  const ports = opts.ports ?? DEFAULT_PORTS.map((d) => d.port);
  if (ctx.global.json) {
    const payload = {
      host: opts.host ?? '127.0.0.1',
      ports,
      elapsedMs: result.elapsedMs,
      servers: result.servers,
      nothingOn: result.misses.map((m) => ({
        port: m.port,
        baseUrl: m.baseUrl,
        foundVia: m.foundVia,
        ...(m.expected ? {usually: m.expected} : {}),
        kind: m.failure.kind,
        message: m.failure.message,
      })),
      skipped: result.skipped,
    };
    ctx.io.stdout.write(`${redact(printableJson(payload), secrets)}\n`);
    return 0;
  }
  const color = ctx.global.color && ctx.io.stdout.isTTY === true;
  const width = textWidth(ctx.io.stdout);
  ctx.io.stdout.write(
    redact(
      formatServers(result, {
        color,
        host: opts.host ?? '127.0.0.1',
        totalTimeoutMs: opts.totalTimeoutMs ?? 3000,
        width,
      }),
      secrets,
    ),
  );
  return 0;
}

export function describeModel(m: ServedModel): string {
  const parts: string[] = [];
  const trained =
    m.maxContext !== undefined && m.maxContext !== m.loadedContext ? `trained max ${fmt(m.maxContext)}` : undefined;
  switch (m.state) {
    case 'loaded':
      parts.push(
        `${m.id} loaded (${m.loadedContext !== undefined ? `${fmt(m.loadedContext)} ctx` : 'context not reported'}${trained ? `; ${trained}` : ''})`,
      );
      break;
    case 'not-loaded':
      parts.push(`${m.id} not loaded${trained ? ` (${trained})` : ''}`);
      break;
    case 'loading':
      parts.push(`${m.id} loading`);
      break;
    default:
      // Listed by a server that does not say what is loaded; a context here is the limit it enforces.
      parts.push(
        `${m.id} listed${m.loadedContext !== undefined ? ` (${fmt(m.loadedContext)} ctx limit)` : ''}${trained ? ` (${trained})` : ''}`,
      );
  }
  if (m.toolUse === true) parts.push('tools');
  if (m.quantization) parts.push(m.quantization);
  return parts.join(' · ');
}

/** "0.13.5", "≥0.4.0", "0.3.x"; empty when the server does not say. */
export function versionText(fp: DiscoveredServer['fingerprint']): string {
  if (fp.version) return fp.version;
  const range = fp.versionRange;
  if (!range) return '';
  const m = /^>=(\d+)\.(\d+)\.\d+ <(\d+)\.(\d+)\.0$/.exec(range);
  if (m && m[1] === m[3]) return `${m[1]}.${m[2]}.x`;
  return range.replace(/>=\s*/g, '≥').replace(/<\s*/g, '<');
}

function where(s: DiscoveredServer, host: string): string {
  const u = new URL(s.fingerprint.origin);
  const h = u.hostname.replace(/^\[|\]$/g, '');
  return h === host ? `:${s.port}` : s.fingerprint.origin;
}

export function formatServers(
  unsafe: DiscoveryResult,
  o: {color: boolean; host: string; totalTimeoutMs: number; width?: number},
): string {
  const result = printableDeep(unsafe);
  const c = paint(o.color);
  const width = o.width ?? TEXT_WIDTH;
  const out: string[] = [];
  const lines = {
    push: (...texts: string[]) =>
      texts.forEach((t) => out.push(...wrapLine(t, width, {indent: t.startsWith('    ') ? '      ' : '    '}))),
  };
  for (const s of result.servers) {
    const fp = s.fingerprint;
    const version = versionText(fp);
    const via = s.foundVia.kind === 'config' ? ` (provider ${s.foundVia.providerId})` : '';
    const head = `${c.green('✔')} ${c.bold(`${SERVER_LABELS[fp.kind]}${version ? ` ${version}` : ''}`)} on ${where(s, o.host)}${via}`;
    const facts = [`${fmt(s.latencyMs)} ms`, `Responses API: ${s.responses}`];
    if (fp.loading) facts.push(c.yellow('still loading the model'));
    if (fp.authRequired) facts.push('needs an API key');
    if (s.parallel) facts.push(`TP ${s.parallel.tensorParallel ?? 1} × PP ${s.parallel.pipelineParallel ?? 1}`);
    // Models always go on their own lines: a server line with its model rarely fits 80 columns.
    lines.push(`${head} · ${facts.join(' · ')}`);
    if (s.cluster) lines.push(`    cluster: ${describeCluster(s.cluster)}`);
    for (const m of s.models) lines.push(`    ${m.state === 'loaded' ? c.green('●') : c.dim('○')} ${describeModel(m)}`);
    // A loading llama.cpp answers 503 to everything: the head already says it is loading.
    const restatesLoading = fp.loading && s.modelsError?.status === 503;
    if (s.modelsError && !restatesLoading) lines.push(`    ${c.yellow('!')} models: ${s.modelsError.message}`);
    else if (s.models.length === 0 && !restatesLoading) lines.push(`    ${c.dim('no models')}`);
  }
  const refused: string[] = [];
  for (const m of result.misses) {
    const label =
      m.foundVia.kind === 'config'
        ? `${m.baseUrl} (provider ${m.foundVia.providerId})`
        : `:${m.port}${m.expected && m.expected !== 'openai-compatible' ? ` (${SERVER_LABELS[m.expected]})` : ''}`;
    if (m.failure.kind === 'refused' && m.foundVia.kind === 'default-port') {
      refused.push(label);
      continue;
    }
    const why =
      m.failure.kind === 'timeout'
        ? `accepted the connection but sent nothing within ${fmt(o.totalTimeoutMs)} ms`
        : m.failure.kind === 'refused'
          ? 'nothing is listening'
          : m.failure.message.replace(/^(https?:\/\/)?[^\s/]+:\d+\s+/, '');
    lines.push(`${c.red('✖')} ${label}${m.foundVia.kind === 'config' ? ':' : ''} ${why}`);
  }
  // Every probed port or baseUrl ends up a server or a miss: neither means nothing was probed.
  if (result.servers.length === 0 && result.misses.length === 0)
    lines.push('No ports to scan and no baseUrl in the config to probe.');
  else if (result.servers.length === 0)
    lines.push('No local model server is running (LM Studio, Ollama, vLLM, LiteLLM, llama.cpp, exo).');
  if (refused.length)
    for (const l of wrapLine(`Nothing on ${refused.join(', ')}`, width, {indent: '    '})) out.push(c.dim(l));
  for (const s of result.skipped) lines.push(c.dim(`Skipped ${s.baseUrl} (provider ${s.providerId}): ${s.reason}`));
  lines.push(c.dim(`Scanned in ${fmt(result.elapsedMs)} ms.`));
  return `${out.join('\n')}\n`;
}
