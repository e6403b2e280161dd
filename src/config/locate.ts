import type {ConfigLocation, LocateOptions} from './types.js';

/** Resolve the config path exactly as OpenClaw does (env, profile, legacy names). */
export function locateConfig(_opts: LocateOptions): ConfigLocation {
  throw new Error('locateConfig is not implemented yet');
}
