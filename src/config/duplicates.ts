import {parseJson5} from './json5/parser.js';

/**
 * Keys that appear more than once in one object; reports every occurrence but
 * the last, in text order, up to MAX_DUPLICATES_LISTED. Throws nothing: [] on unparsable text.
 */
export function findDuplicateKeys(text: string): {path: string; line: number; column: number}[] {
  try {
    return parseJson5(text).duplicates;
  } catch {
    return [];
  }
}
