import type {ConfigIssue, LoadedConfig} from './types.js';

/** Our zod schema + duplicate keys + model refs + allowlist trap. */
export function checkConfig(_loaded: LoadedConfig): ConfigIssue[] {
  throw new Error('checkConfig is not implemented yet');
}
