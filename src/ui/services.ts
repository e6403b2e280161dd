/**
 * Everything the interactive app asks of the engines, as one interface of
 * async functions. The app holds no logic a headless command cannot reach:
 * it calls these and renders the answers. Tests inject fakes; `realServices`
 * (real-services.ts) wires the engines.
 *
 * Type-only imports here: loading this file costs nothing at run time.
 */
import type {ConfigIssue, ConfigLocation, LoadedConfig, OpenClawValidation, PatchOp, WriteResult} from '../core/types/config.js';
import type {ConfigView} from '../core/config-view.js';
import type {EvaluateOptions, HardwareVerdict} from '../core/hardware.js';
import type {StackAnswers, StackId, StackInfo, StackPlan} from '../core/stacks.js';
import type {Check, CheckResult, DoctorReport} from '../doctor/types.js';
import type {HardwareProfile} from '../core/types/hardware.js';
import type {DiscoveredServer, Result, ServerKind, ServerReport} from '../core/types/servers.js';

/** The config as the app sees it: where it is, what is in it, and a typed view. */
export interface ConfigSnapshot {
  location: ConfigLocation;
  loaded: LoadedConfig;
  /** Undefined when the file is missing or does not parse. */
  view?: ConfigView;
}

export interface Discovery {
  servers: DiscoveredServer[];
  /** Ports that were looked at (so the app can say "nothing on :11434 (Ollama)"). */
  scanned: {port: number; kind: ServerKind}[];
}

/** The verdicts shown before a write. */
export interface Validation {
  /** Our schema + references check of the new text: only issues the old text did not have. */
  newIssues: ConfigIssue[];
}

export interface DoctorHandlers {
  onStart?: (check: Check) => void;
  onResult?: (check: Check, results: CheckResult[]) => void;
}

/** Config fixes gathered from doctor results, ready for applyPatch. */
export interface ConfigFixPlan {
  ops: PatchOp[];
  /** Which results contributed (ids, for the review screen). */
  fixed: {id: string; description: string}[];
}

export interface Services {
  /** Node and platform facts for the header; cheap and synchronous in spirit. */
  runtime(): {node: string; platform: string; arch: string};
  openclawVersion(): Promise<string | null>;

  loadConfig(): Promise<ConfigSnapshot>;

  detectHardware(): Promise<HardwareProfile>;
  evaluate(profile: HardwareProfile, opts: EvaluateOptions): Promise<HardwareVerdict>;

  /** Looks at the default ports and the config's local providers. */
  discover(config?: ConfigSnapshot): Promise<Discovery>;

  /** Fingerprint + models of one server the user typed (local addresses only). */
  probe(baseUrl: string): Promise<Result<{report: ServerReport}>>;

  listStacks(): Promise<StackInfo[]>;
  planStack(id: StackId, current: unknown, answers: StackAnswers): Promise<StackPlan>;

  applyPatch(text: string, ops: PatchOp[]): Promise<string>;
  diff(before: string, after: string, label: string): Promise<string>;
  validate(before: LoadedConfig, newText: string): Promise<Validation>;
  /** `openclaw config validate` on the new text (slow; shown when it answers). */
  openclawValidate(newText: string, path: string): Promise<OpenClawValidation>;
  /**
   * Where the backup will go if the write happens at `at` (shown on the
   * review; pass the same `at` to writeConfig). undefined: nothing to back up.
   */
  backupPath(loaded: LoadedConfig): Promise<{path?: string; at: Date}>;
  /** Backup + atomic write; throws with a one-line message when it refuses. */
  writeConfig(loaded: LoadedConfig, newText: string, at?: Date): Promise<WriteResult>;

  runDoctor(handlers: DoctorHandlers): Promise<DoctorReport>;
  configFixes(results: CheckResult[]): Promise<ConfigFixPlan>;
  /**
   * OpenClaw's request rehearsed against the primary model (doctor --rehearse): loads the model, uses the GPU.
   * Resolves to the report as text at `width`, or why nothing was rehearsed. Optional: the step hides without it.
   */
  rehearse?(opts: {width: number; signal: AbortSignal; onProgress: (line: string) => void}): Promise<{text: string}>;
}
