/**
 * The one change pipeline of both front-ends: propose (new text, the diff with
 * secrets masked on both sides, the issues the change brings, where the backup
 * will go), then commit (backup, atomic write, re-check) through the config
 * engine. `setup`, `doctor --fix`, the wizard and the doctor screen use it.
 */
import {realpath} from 'node:fs/promises';
import {basename} from 'node:path';
import {applyPatch, checkConfig, newIssues, parseConfigText, unifiedDiff, writeConfig} from '../config/index.js';
import {backupPathFor} from '../config/write.js';
import type {ConfigIssue, LoadedConfig, PatchOp, WriteResult} from '../core/types/config.js';
import {maskDiffSecrets} from '../core/mask-diff.js';

export interface Proposal {
  loaded: LoadedConfig;
  newText: string;
  changed: boolean;
  /** Unified diff; values that look like secrets and every literal key of either side are masked. */
  diff: string;
  /** Issues of our check the new text has and the old one had not. */
  newIssues: ConfigIssue[];
  /** Where the backup will go when committed at `at` (undefined: nothing to back up). */
  backupPath?: string;
  at: Date;
}

export interface ProposeOptions {
  /** The process env (the checks resolve ${VAR} and .env themselves). */
  env: NodeJS.ProcessEnv;
  now: Date;
  /** Diff label; default the file's name. */
  label?: string;
}

/** Patch ops → proposal. Throws ConfigPatchError when the file's shape cannot take them. */
export function proposeChange(loaded: LoadedConfig, ops: PatchOp[], opts: ProposeOptions): Promise<Proposal> {
  return proposeText(loaded, ops.length ? applyPatch(loaded.text, ops) : loaded.text, opts);
}

export async function proposeText(loaded: LoadedConfig, newText: string, opts: ProposeOptions): Promise<Proposal> {
  const candidate = parseConfigText(newText, loaded.path);
  // A missing, empty or unparsable file has no issues to keep apart from the new ones.
  const before = loaded.value !== undefined && !loaded.parseError ? checkConfig(loaded, {env: opts.env}) : [];
  const changed = newText !== loaded.text;
  const diff = changed
    ? maskDiffSecrets(unifiedDiff(loaded.text, newText, opts.label ?? basename(loaded.path)), [
        loaded.value,
        candidate.value,
      ])
    : '';
  let backupPath: string | undefined;
  if (loaded.exists) {
    // The config engine names backups by time, next to the real file (links resolved).
    const target = await realpath(loaded.path).catch(() => loaded.path);
    backupPath = backupPathFor(target, opts.now);
  }
  return {
    loaded,
    newText,
    changed,
    diff,
    newIssues: changed ? newIssues(before, checkConfig(candidate, {env: opts.env})) : [],
    backupPath,
    at: opts.now,
  };
}

/** Backup + validated atomic write. Throws ConfigWriteError when the engine refuses. */
export function commitChange(
  proposal: Proposal,
  opts: {env: NodeJS.ProcessEnv; openclawBin?: string | null},
): Promise<WriteResult> {
  return writeConfig(proposal.loaded, proposal.newText, {
    env: opts.env,
    now: proposal.at,
    ...(opts.openclawBin !== undefined ? {openclawBin: opts.openclawBin} : {}),
  });
}
