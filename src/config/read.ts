import type {LoadedConfig} from './types.js';

/** Read and parse; never throws for a missing or broken file (see parseError). */
export async function readConfig(_path: string): Promise<LoadedConfig> {
  throw new Error('readConfig is not implemented yet');
}

/** Parse JSON5 text into a LoadedConfig-like result (no I/O). */
export function parseConfigText(_text: string, _path?: string): LoadedConfig {
  throw new Error('parseConfigText is not implemented yet');
}
