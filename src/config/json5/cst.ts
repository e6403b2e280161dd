/**
 * Concrete syntax tree for a JSON5 document. Every node carries exact source
 * offsets (UTF-16 code units, end exclusive) so edits can replace precise
 * spans and leave every other byte alone.
 */

export type TokenType =
  | 'whitespace'
  | 'lineComment'
  | 'blockComment'
  | 'punctuator'
  | 'string'
  | 'number'
  | 'identifier'
  | 'literal';

/** One lexical token; trivia (whitespace, comments) included. */
export interface Token {
  type: TokenType;
  start: number;
  end: number;
}

export type ValueNode = ObjectNode | ArrayNode | StringNode | NumberNode | BooleanNode | NullNode;

interface NodeBase {
  start: number;
  end: number;
}

export interface StringNode extends NodeBase {
  type: 'string';
  value: string;
  quote: '"' | "'";
}

export interface NumberNode extends NodeBase {
  type: 'number';
  value: number;
}

export interface BooleanNode extends NodeBase {
  type: 'boolean';
  value: boolean;
}

export interface NullNode extends NodeBase {
  type: 'null';
  value: null;
}

export interface MemberNode {
  /** The key after unescaping. */
  key: string;
  keyStart: number;
  keyEnd: number;
  /** Quote char of the key, or null for an identifier key. */
  keyQuote: '"' | "'" | null;
  colon: number;
  value: ValueNode;
  /** Offset of the comma that follows this member, or -1. */
  comma: number;
}

export interface ObjectNode extends NodeBase {
  type: 'object';
  members: MemberNode[];
}

export interface ElementNode {
  value: ValueNode;
  /** Offset of the comma that follows this element, or -1. */
  comma: number;
}

export interface ArrayNode extends NodeBase {
  type: 'array';
  elements: ElementNode[];
}

export interface Json5Document {
  text: string;
  root: ValueNode;
  /** Every token in source order, trivia included; they tile the text (empty when parsed with tokens: false). */
  tokens: Token[];
  /** The text has a line or block comment (OpenClaw's own writes drop them). */
  hasComments: boolean;
}

/** The plain JS value of a node, built the way json5.parse builds it. */
export function nodeValue(node: ValueNode): unknown {
  switch (node.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const m of node.members) {
        // defineProperty like json5 (so "__proto__" becomes an own key).
        Object.defineProperty(out, m.key, {
          value: nodeValue(m.value),
          writable: true,
          enumerable: true,
          configurable: true,
        });
      }
      return out;
    }
    case 'array':
      return node.elements.map((e) => nodeValue(e.value));
    default:
      return node.value;
  }
}
