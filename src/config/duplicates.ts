/** Keys that appear more than once in one object; reports every occurrence but the last. Throws nothing: [] on unparsable text. */
export function findDuplicateKeys(_text: string): {path: string; line: number; column: number}[] {
  throw new Error('findDuplicateKeys is not implemented yet');
}
