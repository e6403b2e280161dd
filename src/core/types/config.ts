/**
 * Domain types of an OpenClaw config: paths, patch ops, issues, where the
 * file is and what was read from it. Plain data; the config adapter
 * (src/config) produces and consumes them.
 */

/** A path into the config: object keys and array indexes. */
export type JsonPath = (string | number)[];

/**
 * Patch operations are plain data so the UI can preview them and tests can
 * assert them. Applied in order by `applyPatch`.
 * - set: create or replace the value at path (missing parents are created as objects).
 * - merge: deep-merge an object into the object at path (created if missing);
 *   only keys present in `value` are touched, existing siblings stay.
 * - append-unique: push `value` onto the array at path (created if missing)
 *   unless a deep-equal element is already there.
 * - delete: remove the key / element at path (no-op if absent).
 */
export type PatchOp =
  | {op: 'set'; path: JsonPath; value: unknown}
  | {op: 'merge'; path: JsonPath; value: Record<string, unknown>}
  | {op: 'append-unique'; path: JsonPath; value: unknown}
  | {op: 'delete'; path: JsonPath};

export type Severity = 'error' | 'warning' | 'info';

/** One problem found in a config (parse, schema, references, ...). */
export interface ConfigIssue {
  severity: Severity;
  /** Stable code, e.g. "parse", "schema", "duplicate-key", "model-ref", "allowlist", "unknown-key". */
  code: string;
  message: string;
  /** Dotted path in the config, e.g. "models.providers.lmstudio.api". */
  path?: string;
  line?: number;
  column?: number;
  /** For model-ref issues: the reference as written ("ghost/x"), wherever it is used. */
  ref?: string;
}

export type ConfigSource =
  | 'flag' // --config PATH
  | 'env-config-path' // OPENCLAW_CONFIG_PATH
  | 'profile' // --profile NAME
  | 'state-dir' // OPENCLAW_STATE_DIR
  | 'default' // ~/.openclaw/openclaw.json (exists)
  | 'legacy' // ~/.clawdbot/..., clawdbot.json
  | 'new'; // nothing exists yet: where it will be created

export interface ConfigLocation {
  path: string;
  exists: boolean;
  source: ConfigSource;
  /** Human sentence: why this path was chosen. */
  reason: string;
  stateDir: string;
  home: string;
  /** Every candidate looked at, in order. */
  candidates: {path: string; exists: boolean}[];
  /** Old-install files (.moltbot, .moldbot, ...) that exist but OpenClaw ignores. */
  legacyFound: string[];
  readOnly: boolean;
  readOnlyReason?: string;
}

export interface LoadedConfig {
  path: string;
  exists: boolean;
  /** Raw text exactly as on disk ('' when missing). */
  text: string;
  /** json5.parse result; undefined when missing or unparsable. */
  value: unknown;
  /** hint: a likely cause when one is recognised (a missing comma, a # comment, a \u{…} escape). */
  parseError?: {message: string; line: number; column: number; hint?: string};
  /** Keys that appear more than once in one object (JSON5 keeps the last). */
  duplicateKeys: {path: string; line: number; column: number}[];
  /** Set when there are more duplicate keys than duplicateKeys lists (it stops at MAX_DUPLICATES_LISTED). */
  duplicateKeyCount?: number;
  /** The text has line or block comments (OpenClaw's own writes drop them); set when it parses. */
  hasComments?: boolean;
  /**
   * Set when the path exists but could not be read as a file (directory, no
   * permission, too big); parseError then carries the same message at line 0.
   */
  readError?: string;
  /** The bytes are not valid UTF-8: writing `text` back would change them. */
  notUtf8?: boolean;
  /** Byte-order mark at the start (kept in `text`). */
  bom?: boolean;
  /** Stat at read time, used to refuse writes if the file changed meanwhile. */
  stat?: {mtimeMs: number; size: number; mode: number};
}

export interface WriteResult {
  path: string;
  /** Real file written (symlink target). */
  targetPath: string;
  backupPath?: string;
  created: boolean;
  /** Issues the new text has that the old did not (empty when the write went through). */
  newIssues: ConfigIssue[];
  openclawVerdict?: OpenClawValidation;
  /**
   * The file had this many other hard links: the atomic rename gave the config
   * path a new file, so those other names keep the old text (README, Promises).
   */
  hardLinksBroken?: number;
}

export interface OpenClawValidation {
  available: boolean;
  version?: string;
  valid?: boolean;
  issues: {path: string; message: string}[];
  warnings?: {path: string; message: string}[];
  error?: string;
  /** OpenClaw gave this verdict to the same bytes earlier and did not run now (src/config/openclaw-cache.ts). */
  cached?: boolean;
}

/** A model ref split at the first '/'. */
export interface ModelRef {
  provider: string;
  model: string;
}
