/**
 * Config engine: locate, read, validate, patch, write.
 * CONTRACT: these exports and signatures are what the rest of the tool uses.
 * Stubs below are replaced by the real implementations (config-engine work).
 */
import type {
  ConfigIssue,
  ConfigLocation,
  JsonPath,
  LoadedConfig,
  LocateOptions,
  ModelRef,
  OpenClawValidation,
  PatchOp,
  WriteOptions,
  WriteResult,
} from './types.js';

export * from './types.js';

const todo = (name: string): never => {
  throw new Error(`${name} is not implemented yet`);
};

/** Resolve the config path exactly as OpenClaw does (env, profile, legacy names). */
export function locateConfig(_opts: LocateOptions): ConfigLocation {
  return todo('locateConfig');
}

/** Read and parse; never throws for a missing or broken file (see parseError). */
export async function readConfig(_path: string): Promise<LoadedConfig> {
  return todo('readConfig');
}

/** Parse JSON5 text into a LoadedConfig-like result (no I/O). */
export function parseConfigText(_text: string, _path?: string): LoadedConfig {
  return todo('parseConfigText');
}

/** Our zod schema + duplicate keys + model refs + allowlist trap. */
export function checkConfig(_loaded: LoadedConfig): ConfigIssue[] {
  return todo('checkConfig');
}

/**
 * Apply ops as minimal text edits: every byte outside the edited spans stays.
 * Throws ConfigPatchError on unparsable input or an impossible path.
 */
export function applyPatch(_text: string, _ops: PatchOp[]): string {
  return todo('applyPatch');
}

/** Value at path in a parsed config, or undefined. */
export function getAt(_value: unknown, _path: JsonPath): unknown {
  return todo('getAt');
}

/** Unified diff (3 lines of context) between two texts. */
export function unifiedDiff(_before: string, _after: string, _label: string): string {
  return todo('unifiedDiff');
}

/**
 * Validate, back up, write atomically (temp + rename), keep mode; refuses when
 * read-only env is set or the file changed since `loaded` was read.
 */
export async function writeConfig(_loaded: LoadedConfig, _newText: string, _opts: WriteOptions): Promise<WriteResult> {
  return todo('writeConfig');
}

/** Run `openclaw config validate --json` on a file, bounded in time. */
export async function openclawValidate(_path: string, _opts: {env: NodeJS.ProcessEnv; bin?: string | null; timeoutMs?: number}): Promise<OpenClawValidation> {
  return todo('openclawValidate');
}

/** "lmstudio/qwen/qwen3" → {provider: "lmstudio", model: "qwen/qwen3"}. */
export function splitModelRef(ref: string): ModelRef | undefined {
  const i = ref.indexOf('/');
  if (i <= 0 || i === ref.length - 1) return undefined;
  return {provider: ref.slice(0, i), model: ref.slice(i + 1)};
}

export class ConfigPatchError extends Error {
  constructor(message: string, readonly line?: number, readonly column?: number) {
    super(message);
    this.name = 'ConfigPatchError';
  }
}
