/**
 * Config engine: locate, read, validate, patch, write. The rest of the tool
 * imports from here (the app's first frame excepted: see ui/real-services.ts).
 */
import type {ModelRef} from '../core/types/config.js';
import {splitRef} from '../core/stacks/refs.js';

export * from '../core/types/config.js';
export {applyPatch, getAt, ConfigPatchError, formatPath} from './patch.js';
export {findDuplicateKeys} from './duplicates.js';
export {unifiedDiff} from './diff.js';
export {locateConfig, expandUserPath, type LocateOptions} from './locate.js';
export {readConfig, parseConfigText, hasComments} from './read.js';
export {checkConfig, newIssues} from './check.js';
export {
  writeConfig,
  listBackups,
  ConfigWriteError,
  WRITE_ERROR_EXIT,
  hardLinkNote,
  describeFsError,
  type ConfigWriteErrorCode,
  type WriteOptions,
} from './write.js';
export {resolveConfigValue, type ResolvedConfig} from './include.js';
export {openclawValidate, findOpenclawBin} from './openclaw.js';

/** "lmstudio/qwen/qwen3" → {provider: "lmstudio", model: "qwen/qwen3"} (split at the first '/'). */
export function splitModelRef(ref: string): ModelRef | undefined {
  const split = splitRef(ref);
  return split && {provider: split[0], model: split[1]};
}
