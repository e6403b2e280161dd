/** Builds a DoctorContext from real adapters (default) or injected ones (tests, the UI). */
import {readGgufGeometry} from '../hardware/gguf-file.js';
import type {ModelGeometry} from '../core/hardware/geometry.js';
import {runCommand} from '../process/run-command.js';
import {open, readdir, stat, readFile} from 'node:fs/promises';
import {join} from 'node:path';
import {checkConfig, findOpenclawBin, openclawValidate} from '../config/index.js';
import {resolveLoaded} from '../app/snapshot.js';
import {openclawIdentity} from '../config/openclaw-cache.js';
import type {ConfigIssue, ConfigLocation, LoadedConfig, OpenClawValidation} from '../core/types/config.js';
import type {ConfigView} from '../core/config-view.js';
import {liveDetector, type HardwareDetector} from '../hardware/index.js';
import {hardwareFileDetector} from '../hardware/profile-file.js';
import type {HardwareProfile} from '../core/types/hardware.js';
import {adapterFor, probeServer} from '../servers/index.js';
import type {ClientOptions, CompletionTiming, Result, ServerReport} from '../core/types/servers.js';
import type {AgentCatalogFile, DoctorContext, DoctorOptions} from './types.js';

export interface CreateDoctorContextInput {
  location: ConfigLocation;
  loaded: LoadedConfig;
  /** The snapshot's view, when the caller has one (else it is built by the same rule). */
  view?: ConfigView;
  env: NodeJS.ProcessEnv;
  options: DoctorOptions;
  now?: () => Date;
  detector?: HardwareDetector;
  probe?: (baseUrl: string, opts?: ClientOptions) => Promise<Result<{report: ServerReport}>>;
  completion?: (
    baseUrl: string,
    model: string,
    api: CompletionTiming['api'],
    opts?: ClientOptions,
  ) => Promise<Result<{timing: CompletionTiming}>>;
  openclawVersion?: () => Promise<string | null>;
  /** `openclaw config validate` stand-in. */
  validate?: () => Promise<OpenClawValidation>;
  nodeVersion?: () => Promise<string | null>;
  /** Directory of OpenClaw's daily logs (default /tmp/openclaw). */
  logDir?: string;
}

const MAX_CATALOG_BYTES = 5 * 1024 * 1024;

function memo<T>(f: () => T): () => T {
  let done = false;
  let value: T;
  return () => {
    if (!done) {
      value = f();
      done = true;
    }
    return value;
  };
}

/** First line of output of a short command, or null when it fails or is missing. */
async function run(cmd: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<string | null> {
  const r = await runCommand(cmd, args, {env, timeoutMs, maxBytes: 64 * 1024});
  return r.ok ? r.stdout.trim() || null : null;
}

/** Last `maxBytes` of a regular file as UTF-8; null when it is missing or not a file. */
/** Header-only read of a local GGUF file (bounded; never the tensors); undefined when it is not one. */
function ggufGeometry(file: string): ModelGeometry | undefined {
  try {
    return readGgufGeometry(file);
  } catch {
    return undefined;
  }
}

export async function readTail(path: string, maxBytes: number): Promise<string | null> {
  let fh;
  try {
    fh = await open(path, 'r');
    const st = await fh.stat();
    if (!st.isFile()) return null;
    const len = Math.min(st.size, maxBytes);
    const buf = Buffer.alloc(len);
    await fh.read(buf, 0, len, st.size - len);
    return buf.toString('utf8');
  } catch {
    return null;
  } finally {
    await fh?.close().catch(() => undefined);
  }
}

/** <stateDir>/agents/<id>/agent/models.json files that exist. */
export async function readAgentCatalogs(stateDir: string): Promise<AgentCatalogFile[]> {
  let ids: string[];
  try {
    ids = (await readdir(join(stateDir, 'agents'), {withFileTypes: true}))
      .filter((d) => d.isDirectory())
      .map((d) => d.name);
  } catch {
    return [];
  }
  const out: AgentCatalogFile[] = [];
  for (const agentId of ids.sort().slice(0, 100)) {
    const path = join(stateDir, 'agents', agentId, 'agent', 'models.json');
    try {
      const st = await stat(path);
      if (!st.isFile()) continue;
      if (st.size > MAX_CATALOG_BYTES) {
        out.push({agentId, path, error: `larger than ${MAX_CATALOG_BYTES} bytes; not read`});
        continue;
      }
      const text = await readFile(path, 'utf8');
      try {
        out.push({agentId, path, value: JSON.parse(text)});
      } catch (e) {
        out.push({agentId, path, error: `not valid JSON (${e instanceof Error ? e.message : String(e)})`});
      }
    } catch {
      // no catalog for this agent
    }
  }
  return out;
}

export function createDoctorContext(input: CreateDoctorContextInput): DoctorContext {
  const {location, loaded, env, options} = input;
  // Providers and agents may live in $include'd files: the view must see them, as OpenClaw does.
  const view = input.view ?? resolveLoaded(loaded, location.path, env).view;
  let detector: HardwareDetector;
  try {
    detector = input.detector ?? hardwareFileDetector(env) ?? liveDetector();
  } catch (e) {
    // A bad profile file fails the hardware checks (reported crashed, with the reason), not the whole run.
    detector = {detect: () => Promise.reject(e)};
  }
  const probe = input.probe ?? probeServer;
  const servers = new Map<string, Promise<Result<{report: ServerReport}>>>();
  const server = (baseUrl: string, opts?: ClientOptions): Promise<Result<{report: ServerReport}>> => {
    // Keyed by the key itself: two providers on one server with different keys must not share an answer (a 401 is per key).
    const k = `${baseUrl}\u0000${opts?.apiKey ?? ''}`;
    let p = servers.get(k);
    if (!p) {
      p = Promise.resolve().then(() => probe(baseUrl, opts));
      servers.set(k, p);
    }
    return p;
  };
  const hardware = memo((): Promise<HardwareProfile> => detector.detect({env, timeoutMs: 10_000}));
  const validation = memo(
    input.validate ?? (() => openclawValidate(location.path, {env, timeoutMs: 15_000, cache: true})),
  );
  // One OpenClaw start (≈1.5 s on Node 24) answers both: validate reports the version it ran.
  const ocVersion = memo(
    input.openclawVersion ??
      (async () => {
        const v = await validation();
        if (v.available && v.version) return v.version;
        if (!loaded.exists) {
          const bin = findOpenclawBin(env);
          return bin ? (openclawIdentity(bin)?.version ?? run(bin, ['--version'], env, 10_000)) : null;
        }
        return null;
      }),
  );
  const issues = memo((): ConfigIssue[] => checkConfig(loaded, {env}));
  const nodeV = memo(input.nodeVersion ?? (() => run('node', ['--version'], env, 5000)));
  const catalogs = memo(() => readAgentCatalogs(location.stateDir));
  const now = input.now ?? (() => new Date());
  const completion =
    input.completion ??
    (async (baseUrl: string, model: string, api: CompletionTiming['api'], opts?: ClientOptions) => {
      const s = await server(baseUrl, opts);
      const kind = s.ok ? s.report.fingerprint.kind : 'openai-compatible';
      return adapterFor(kind === 'unknown' ? 'openai-compatible' : kind).tinyCompletion(baseUrl, model, api, opts);
    });
  return {
    location,
    loaded,
    view,
    env,
    options,
    hardware,
    server,
    reprobe: (baseUrl: string, opts?: ClientOptions) => probe(baseUrl, opts),
    completion,
    openclawVersion: ocVersion,
    now,
    configIssues: issues,
    openclawValidation: validation,
    nodeVersion: nodeV,
    agentCatalogs: catalogs,
    readTail,
    ggufGeometry,
    // OpenClaw's own default (src/logging/log-file-path.ts, 2026.9.6); the env override keeps tests off the shared dir.
    logDir: input.logDir ?? env.OPENCLAW_LOCAL_DOCTOR_LOG_DIR ?? '/tmp/openclaw',
  };
}
