/**
 * Everything the interactive app asks of the engines, as one interface of
 * async functions. The app holds no logic a headless command cannot reach:
 * it calls these and renders the answers. Tests inject fakes; `realServices`
 * (real-services.ts) wires the engines.
 *
 * Type-only imports here: loading this file costs nothing at run time.
 */
import type {ConfigLocation, LoadedConfig, OpenClawValidation, WriteResult} from '../core/types/config.js';
import type {Proposal} from '../app/change.js';
import type {HardwareAssessment} from '../app/hardware.js';
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
  /** Ports that accepted the connection but sent no answer in time: something is there (busy, loading, or not HTTP). */
  silent?: {port: number; kind: ServerKind}[];
}

export interface DoctorHandlers {
  onStart?: (check: Check) => void;
  onResult?: (check: Check, results: CheckResult[]) => void;
}

/** The config fixes of a doctor run applied to the text (and what the re-check of that text asked for). */
export interface ConfigFixPlan {
  newText: string;
  /** The fixes that landed, in the order applied (for the review screen). */
  fixed: {id: string; description: string}[];
}

export interface Services {
  /** Node and platform facts for the header; cheap and synchronous in spirit. */
  runtime(): {node: string; platform: string; arch: string};
  openclawVersion(): Promise<string | null>;

  loadConfig(): Promise<ConfigSnapshot>;

  detectHardware(): Promise<HardwareProfile>;
  evaluate(profile: HardwareProfile, opts: EvaluateOptions): Promise<HardwareVerdict>;
  /**
   * The hardware screen's verdict: the use case `hardware` runs (app/hardware), so both give the same tier and fit
   * (an answering exo cluster's machines; the geometry the configured server reports). `nodes` only when the user
   * set it (+/-); with nothing local configured, the model the tier recommends.
   */
  assessHardware(opts: {nodes?: number}): Promise<HardwareAssessment>;

  /** Looks at the default ports and the config's local providers. */
  discover(config?: ConfigSnapshot): Promise<Discovery>;

  /** Fingerprint + models of one server the user typed (local addresses only). */
  probe(baseUrl: string): Promise<Result<{report: ServerReport}>>;

  listStacks(): Promise<StackInfo[]>;
  planStack(id: StackId, current: unknown, answers: StackAnswers): Promise<StackPlan>;

  /** The stack's plan applied to the config text (the same rule as `setup`). */
  setupText(id: StackId, loaded: LoadedConfig, answers: StackAnswers): Promise<{plan: StackPlan; newText: string}>;
  /** The change as the review shows it: masked diff, new issues, where the backup goes (app/change). */
  propose(loaded: LoadedConfig, newText: string, label: string): Promise<Proposal>;
  /** `openclaw config validate` on the new text (slow; shown when it answers). */
  openclawValidate(newText: string, path: string): Promise<OpenClawValidation>;
  /** Backup + atomic write of a proposal; throws with a one-line message when it refuses. */
  commit(proposal: Proposal): Promise<WriteResult>;

  runDoctor(handlers: DoctorHandlers): Promise<DoctorReport>;
  /** The chosen fixes applied, then what the re-check of that text asks for (never a fix the user left out). */
  configFixes(loaded: LoadedConfig, chosen: CheckResult[]): Promise<ConfigFixPlan>;
  /**
   * A hosted fallback the user named (the app's `doctor --add-fallback REF`: the same ref rule, the same patch as
   * the safety.fallbacks offer) applied to the text. Never part of configFixes. Rejects a bad ref with one line.
   */
  addFallback(loaded: LoadedConfig, ref: string): Promise<ConfigFixPlan>;
  /**
   * OpenClaw's request rehearsed against the primary model (doctor --rehearse): loads the model, uses the GPU.
   * Resolves to the report as text at `width`, or why nothing was rehearsed. Optional: the step hides without it.
   */
  rehearse?(opts: {width: number; signal: AbortSignal; onProgress: (line: string) => void}): Promise<{text: string}>;
}
