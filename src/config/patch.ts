import type {JsonPath, PatchOp} from './types.js';

/**
 * Apply ops as minimal text edits over a full JSON5 tokenizer: every byte
 * outside the edited spans stays. Edits the LAST occurrence of a duplicate
 * key (the one JSON5 reads). Throws ConfigPatchError on unparsable input or
 * an impossible path (e.g. a key under a string).
 */
export function applyPatch(_text: string, _ops: PatchOp[]): string {
  throw new Error('applyPatch is not implemented yet');
}

/** Value at path in a parsed config, or undefined. */
export function getAt(_value: unknown, _path: JsonPath): unknown {
  throw new Error('getAt is not implemented yet');
}


export class ConfigPatchError extends Error {
  constructor(message: string, readonly line?: number, readonly column?: number) {
    super(message);
    this.name = 'ConfigPatchError';
  }
}
