import type {LoadedConfig, WriteOptions, WriteResult} from './types.js';

/**
 * Validate, back up, write atomically (temp + rename), keep mode; refuses when
 * read-only env is set or the file changed since `loaded` was read.
 */
export async function writeConfig(_loaded: LoadedConfig, _newText: string, _opts: WriteOptions): Promise<WriteResult> {
  throw new Error('writeConfig is not implemented yet');
}
