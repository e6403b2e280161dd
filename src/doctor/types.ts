/**
 * Doctor checks as data: the UI renders CheckResult and applies Fix through
 * the config engine.
 */
import type {
  ConfigIssue,
  ConfigLocation,
  LoadedConfig,
  OpenClawValidation,
  PatchOp,
  Severity,
} from '../core/types/config.js';
import type {ConfigView} from '../core/config-view.js';
import type {HardwareProfile} from '../core/types/hardware.js';
import type {ClientOptions, Result, ServerReport, CompletionTiming} from '../core/types/servers.js';
import type {ModelGeometry} from '../core/hardware/geometry.js';

export type CheckStatus = 'pass' | 'warn' | 'fail' | 'skip' | 'crashed';

export interface Fix {
  kind: 'config' | 'command';
  description: string;
  /** For kind "config": ops applied through the config engine. */
  patch?: PatchOp[];
  /** For kind "command": what the user runs (never run by us). */
  command?: string;
}

export interface CheckResult {
  id: string;
  status: CheckStatus;
  severity: Severity;
  title: string;
  message: string;
  provider?: string;
  model?: string;
  /** Dotted config path the finding is about. */
  path?: string;
  /** Numbers behind the verdict: {configured: 196608, loaded: 32768, ...}. */
  evidence?: Record<string, number | string | boolean | null>;
  fix?: Fix;
  /** Other ways out (e.g. the server command when `fix` lowers the config). Never applied by --fix. */
  alternatives?: Fix[];
  durationMs?: number;
}

/** What checks see. Expensive things are lazy and memoised so checks can share them. */
export interface DoctorContext {
  location: ConfigLocation;
  loaded: LoadedConfig;
  /** Undefined when the config is missing or unparsable. */
  view?: ConfigView;
  env: NodeJS.ProcessEnv;
  options: DoctorOptions;
  hardware(): Promise<HardwareProfile>;
  /** Probe a provider's server once (memoised per baseUrl). */
  server(baseUrl: string, opts?: ClientOptions): Promise<Result<{report: ServerReport}>>;
  /** A fresh, unmemoised probe: what the server reports after --probe's completion loaded a model. */
  reprobe?(baseUrl: string, opts?: ClientOptions): Promise<Result<{report: ServerReport}>>;
  /** Only with --probe. */
  completion(
    baseUrl: string,
    model: string,
    api: CompletionTiming['api'],
    opts?: ClientOptions,
  ): Promise<Result<{timing: CompletionTiming}>>;
  /** `openclaw --version`, null when not installed. */
  openclawVersion(): Promise<string | null>;
  now(): Date;
  /** Issues from the config engine's checkConfig (memoised). Optional: checks fall back to skip. */
  configIssues?(): ConfigIssue[];
  /** `openclaw config validate --json` on the file (memoised). */
  openclawValidation?(): Promise<OpenClawValidation>;
  /** `node --version` of the node first on PATH ("v24.16.0"), null when there is none. */
  nodeVersion?(): Promise<string | null>;
  /** Per-agent catalog caches under <stateDir>/agents/<id>/agent/models.json. */
  agentCatalogs?(): Promise<AgentCatalogFile[]>;
  /** Last bytes of a text file (bounded), null when it does not exist. */
  readTail?(path: string, maxBytes: number): Promise<string | null>;
  /** Geometry from a local GGUF file's header (llama.cpp's /props model_path); undefined when unreadable. */
  ggufGeometry?(path: string): ModelGeometry | undefined;
  /** Directory of OpenClaw's daily logs (default /tmp/openclaw). */
  logDir?: string;
}

export interface AgentCatalogFile {
  agentId: string;
  path: string;
  /** Parsed JSON; undefined when unreadable (see error). */
  value?: unknown;
  error?: string;
}

export interface DoctorOptions {
  probe: boolean;
  includeHosted: boolean;
  timeoutMs: number;
  /** Set when the user gave --timeout-ms: it then bounds the completion probe too (which otherwise allows a cold load). */
  timeoutExplicit?: boolean;
  nodes?: number;
  only: string[];
  skip: string[];
  /** Lowest severity that makes the report not ok (default "error"). */
  severityMin?: Severity;
  /** A hosted fallback ref the user asked for (--add-fallback): the only way --fix writes one. Validated. */
  addFallback?: string;
}

export interface Check {
  id: string;
  title: string;
  /** Checks with the same group render together ("config", "server", ...). */
  group: string;
  /** Returns one result per provider/model where relevant; [] means not applicable (reported as skip). */
  detect(ctx: DoctorContext): Promise<CheckResult[]>;
}

export interface DoctorReport {
  schemaVersion: 1;
  ok: boolean;
  configPath: string;
  checks: CheckResult[];
  durationMs: number;
}
