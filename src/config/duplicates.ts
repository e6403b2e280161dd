import type {ValueNode} from './json5/cst.js';
import {parseJson5Document, positionOf} from './json5/parser.js';

/** Keys that appear more than once in one object; reports every occurrence but the last. Throws nothing: [] on unparsable text. */
export function findDuplicateKeys(text: string): {path: string; line: number; column: number}[] {
  let root: ValueNode;
  try {
    root = parseJson5Document(text, {tokens: false}).root;
  } catch {
    return [];
  }
  const found: {path: string; line: number; column: number; offset: number}[] = [];
  const visit = (node: ValueNode, path: string): void => {
    if (node.type === 'array') {
      node.elements.forEach((e, i) => visit(e.value, `${path}[${i}]`));
      return;
    }
    if (node.type !== 'object') return;
    const lastIndex = new Map<string, number>();
    node.members.forEach((m, i) => lastIndex.set(m.key, i));
    node.members.forEach((m, i) => {
      const childPath = path === '' ? m.key : `${path}.${m.key}`;
      if (lastIndex.get(m.key) !== i) {
        found.push({path: childPath, ...positionOf(text, m.keyStart), offset: m.keyStart});
      }
      visit(m.value, childPath);
    });
  };
  visit(root, '');
  found.sort((a, b) => a.offset - b.offset);
  return found.map(({path, line, column}) => ({path, line, column}));
}
