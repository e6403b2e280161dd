/**
 * The one way every command and every screen reads the user's setup:
 * locate → read → `$include` merged → view with `${VAR}` resolved from the
 * process env, the `.env` beside the config and `env.vars` (what OpenClaw
 * sees). Hardware and live servers are asked lazily, once per snapshot.
 *
 * Imports stay light (no zod, no undici at load): the app's first frame waits
 * on this. Hardware detection and discovery are imported on first use.
 */
import {locateConfig, type LocateNotes} from '../config/locate.js';
import {readConfig} from '../config/read.js';
import {effectiveEnv, resolveIncludes} from '../config/include.js';
import type {ConfigIssue, ConfigLocation, LoadedConfig} from '../core/types/config.js';
import {viewConfig, type ConfigView} from '../core/config-view.js';
import type {HardwareDetector} from '../hardware/index.js';
import type {HardwareProfile} from '../core/types/hardware.js';
import type {DiscoverOptions, DiscoveryResult} from '../servers/index.js';

export interface SnapshotInput {
  env: NodeJS.ProcessEnv;
  cwd: string;
  configPath?: string;
  profile?: string;
  /** Replaces the saved-profile file / live detection (tests, the app's session-wide detection). */
  detector?: HardwareDetector;
  hardwareTimeoutMs?: number;
}

/** A configured provider discovery may probe (discovery itself skips hosted hosts unless asked). */
export interface ProviderTarget {
  providerId: string;
  baseUrl: string;
  apiKey?: string;
}

export interface Snapshot {
  location: ConfigLocation & Partial<LocateNotes>;
  loaded: LoadedConfig;
  /** The process env the snapshot was loaded with. */
  env: NodeJS.ProcessEnv;
  /** The variables OpenClaw would see (process env, then .env, then env.vars). */
  openclawEnv: NodeJS.ProcessEnv;
  /** The value after `$include`; undefined when the file is missing or does not parse. */
  value?: unknown;
  /** Undefined when the file is missing or does not parse. */
  view?: ConfigView;
  /** Problems met while merging `$include` files. */
  includeIssues: ConfigIssue[];
  /** Every provider with a baseUrl, with the key that may go to it. */
  targets: ProviderTarget[];
  /** Plain-string keys of the config: never printed. */
  secrets: string[];
  /** This machine, or the saved profile the env names; detected once. A failure is not kept. */
  hardware(): Promise<HardwareProfile>;
  /** Default ports + `targets`, probed once per snapshot and options. */
  discover(opts?: Omit<DiscoverOptions, 'configured'>): Promise<DiscoveryResult>;
}

/** What a command or the app knows of where to look (a CommandContext fits). */
export interface SnapshotSource {
  io: {env: NodeJS.ProcessEnv; cwd: string};
  global: {configPath?: string; profile?: string};
}

/** loadSnapshot for a command's context. */
export function snapshotOf(ctx: SnapshotSource, extra: Partial<SnapshotInput> = {}): Promise<Snapshot> {
  return loadSnapshot({
    env: ctx.io.env,
    cwd: ctx.io.cwd,
    configPath: ctx.global.configPath,
    profile: ctx.global.profile,
    ...extra,
  });
}

export async function loadSnapshot(input: SnapshotInput): Promise<Snapshot> {
  const location = locateConfig({env: input.env, configPath: input.configPath, profile: input.profile, cwd: input.cwd});
  const loaded = await readConfig(location.path);
  const {value, view, env: openclawEnv, includeIssues} = resolveLoaded(loaded, location.path, input.env);
  const targets: ProviderTarget[] = (view?.providers ?? [])
    .filter((p) => typeof p.baseUrl === 'string' && p.baseUrl !== '')
    .map((p) => ({
      providerId: p.id,
      baseUrl: p.baseUrl!,
      ...(p.apiKeyForRequests ? {apiKey: p.apiKeyForRequests} : {}),
    }));
  // A key that is just the provider's own name ("studio2" for provider studio2) is a placeholder, not a secret.
  const secrets = targets
    .map((t) => (t.apiKey !== t.providerId ? t.apiKey : undefined))
    .filter((k): k is string => !!k);

  let detected: Promise<HardwareProfile> | undefined;
  const hardware = (): Promise<HardwareProfile> => {
    if (!detected) {
      const attempt = (async () => {
        const detector = input.detector ?? (await defaultDetector(input.env));
        return detector.detect({env: input.env, timeoutMs: input.hardwareTimeoutMs ?? 10_000});
      })();
      detected = attempt;
      attempt.catch(() => {
        if (detected === attempt) detected = undefined;
      });
    }
    return detected;
  };
  const scans = new Map<string, Promise<DiscoveryResult>>();
  const discover = (opts: Omit<DiscoverOptions, 'configured'> = {}): Promise<DiscoveryResult> => {
    const key = JSON.stringify(opts);
    let p = scans.get(key);
    if (!p) {
      p = import('../servers/index.js').then((s) => s.discoverDetailed({...opts, configured: targets}));
      scans.set(key, p);
    }
    return p;
  };
  return {
    location,
    loaded,
    env: input.env,
    openclawEnv,
    value,
    view,
    includeIssues,
    targets,
    secrets,
    hardware,
    discover,
  };
}

/**
 * The view of a read config, by the one rule: `$include` merged, `${VAR}` from
 * the variables OpenClaw would see. Nothing of it when the file is missing or
 * does not parse. Never throws.
 */
export function resolveLoaded(
  loaded: LoadedConfig,
  configPath: string,
  processEnv: NodeJS.ProcessEnv,
): {value?: unknown; view?: ConfigView; env: NodeJS.ProcessEnv; includeIssues: ConfigIssue[]} {
  if (loaded.value === undefined || loaded.parseError) return {env: processEnv, includeIssues: []};
  let value: unknown = loaded.value;
  let includeIssues: ConfigIssue[] = [];
  try {
    const inc = resolveIncludes(loaded.value, {configPath, env: processEnv});
    value = inc.value;
    includeIssues = inc.issues;
  } catch (err) {
    includeIssues = [
      {
        severity: 'error',
        code: 'include',
        message: `could not resolve $include: ${err instanceof Error ? err.message : String(err)}`,
      },
    ];
  }
  try {
    const env = effectiveEnv(value, configPath, processEnv);
    return {value, view: viewConfig(value, env), env, includeIssues};
  } catch {
    return {value, env: processEnv, includeIssues};
  }
}

/** The saved profile the env names (same variables, same errors everywhere), else this machine. */
export async function defaultDetector(env: NodeJS.ProcessEnv): Promise<HardwareDetector> {
  const [{hardwareFileDetector}, {liveDetector}] = await Promise.all([
    import('../hardware/profile-file.js'),
    import('../hardware/index.js'),
  ]);
  return hardwareFileDetector(env) ?? liveDetector();
}
