/**
 * Test-only generators: JSON values and a printer that writes them as JSON5
 * in many styles (comments, quote chars, unquoted keys, trailing commas, CRLF,
 * tabs, inline objects, odd number forms and string escapes).
 */
import fc from 'fast-check';

export type Json = null | boolean | number | string | Json[] | {[k: string]: Json};

const keyArb = fc.oneof(
  fc.constantFrom(
    'a',
    'b',
    'models',
    'providers',
    'default',
    'class',
    '$include',
    '_x',
    'ünï',
    'a b',
    'with"quote',
    "it's",
    '',
    '1st',
    'x.y',
    'new',
  ),
  fc.string({maxLength: 6}).filter((s) => s !== '__proto__'),
);

const stringArb = fc.oneof(
  fc.string({maxLength: 8}),
  fc.constantFrom(
    '',
    '${HOME}/x',
    'line\nbreak',
    'tab\t',
    'q"uote',
    "apo'",
    'back\\slash',
    'émoji 🦞',
    '\u0000nul',
    '\u2028sep',
    'ctl\u0001',
  ),
  fc.string({unit: 'binary', maxLength: 6}),
);

const numberArb = fc.oneof(
  fc.integer({min: -1_000_000, max: 1_000_000}),
  fc.double({noNaN: false}),
  fc.constantFrom(0, -0, 0.5, 5, 255, 1e21, Infinity, -Infinity, NaN),
);

export const jsonArb: fc.Arbitrary<Json> = fc.letrec<{value: Json}>((tie) => ({
  value: fc.oneof(
    {depthSize: 'small', withCrossShrink: true},
    fc.constant(null),
    fc.boolean(),
    numberArb,
    stringArb,
    fc.array(tie('value'), {maxLength: 4}),
    fc.dictionary(keyArb, tie('value'), {maxKeys: 5}),
  ),
})).value;

export const objectArb: fc.Arbitrary<{[k: string]: Json}> = fc.dictionary(keyArb, jsonArb, {maxKeys: 6});

export interface PrintOptions {
  indent: string;
  eol: '\n' | '\r\n';
  keys: 'unquoted' | 'double' | 'single' | 'mixed';
  strings: 'double' | 'single' | 'mixed';
  trailingComma: boolean;
  comments: boolean;
  /** Containers deeper than this are printed on one line. */
  inlineDepth: number;
  fancyNumbers: boolean;
  fancyStrings: boolean;
  fancySpace: boolean;
  /** Shadowed duplicate keys (json5 keeps the last). */
  duplicates: boolean;
  bom: boolean;
  seed: number;
}

export const printOptionsArb: fc.Arbitrary<PrintOptions> = fc.record({
  indent: fc.constantFrom('  ', '    ', '\t'),
  eol: fc.constantFrom('\n' as const, '\r\n' as const),
  keys: fc.constantFrom('unquoted' as const, 'double' as const, 'single' as const, 'mixed' as const),
  strings: fc.constantFrom('double' as const, 'single' as const, 'mixed' as const),
  trailingComma: fc.boolean(),
  comments: fc.boolean(),
  inlineDepth: fc.integer({min: 0, max: 4}),
  fancyNumbers: fc.boolean(),
  fancyStrings: fc.boolean(),
  fancySpace: fc.boolean(),
  duplicates: fc.boolean(),
  bom: fc.boolean(),
  seed: fc.integer({min: 1, max: 2 ** 30}),
});

/** Plain-JSON printing options (what OpenClaw writes). */
export const strictJsonOptions = (seed = 1): PrintOptions => ({
  indent: '  ',
  eol: '\n',
  keys: 'double',
  strings: 'double',
  trailingComma: false,
  comments: false,
  inlineDepth: 99,
  fancyNumbers: false,
  fancyStrings: false,
  fancySpace: false,
  duplicates: false,
  bom: false,
  seed,
});

function rngFrom(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
}

function isIdentifier(k: string): boolean {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(k);
}

function quote(s: string, q: '"' | "'", fancy: boolean, rnd: () => number, eol = '\n'): string {
  let out = q;
  for (const c of s) {
    const code = c.codePointAt(0)!;
    if (c === q || c === '\\') out += '\\' + c;
    else if (c === '\n') out += fancy && rnd() < 0.3 ? '\\u000a' : '\\n';
    else if (c === '\r') out += '\\r';
    else if (code < 0x20 || code === 0x2028 || code === 0x2029) out += '\\u' + code.toString(16).padStart(4, '0');
    else if (code >= 0xd800 && code <= 0xdfff) out += '\\u' + code.toString(16).padStart(4, '0');
    else if (fancy && code < 0x80 && /[a-z]/.test(c) && rnd() < 0.1) out += '\\x' + code.toString(16).padStart(2, '0');
    else if (fancy && c === 'e' && rnd() < 0.1)
      out += '\\' + eol + 'e'; // line continuation
    else out += c;
  }
  return out + q;
}

function printNumber(n: number, fancy: boolean, rnd: () => number): string {
  if (Number.isNaN(n)) return fancy && rnd() < 0.5 ? '+NaN' : 'NaN';
  if (n === Infinity) return fancy && rnd() < 0.5 ? '+Infinity' : 'Infinity';
  if (n === -Infinity) return '-Infinity';
  if (Object.is(n, -0)) return '-0';
  if (fancy && Number.isInteger(n) && Math.abs(n) < 2 ** 31 && rnd() < 0.4) {
    return (n < 0 ? '-' : rnd() < 0.3 ? '+' : '') + (rnd() < 0.5 ? '0x' : '0X') + Math.abs(n).toString(16);
  }
  const s = String(n);
  if (fancy && /^0\.\d+$/.test(s) && rnd() < 0.5) return s.slice(1); // .5
  if (fancy && /^\d+$/.test(s) && rnd() < 0.3) return s + '.'; // 5.
  return s;
}

/** Print a JSON value as JSON5 text in the given style. */
export function printJson5(value: Json, o: PrintOptions): string {
  const rnd = rngFrom(o.seed);
  const space = (): string => {
    if (!o.fancySpace || rnd() > 0.15) return '';
    return ['\u00A0', '\u2003', '\u3000', '\t', '\v', '\f', '\u2028'][Math.floor(rnd() * 7)]!;
  };
  const comment = (indent: string): string => {
    if (!o.comments || rnd() > 0.25) return '';
    return rnd() < 0.5 ? `/* c${Math.floor(rnd() * 100)} */ ` : `// note ${Math.floor(rnd() * 100)}${o.eol}${indent}`;
  };
  const key = (k: string): string => {
    const style = o.keys === 'mixed' ? (['unquoted', 'double', 'single'] as const)[Math.floor(rnd() * 3)]! : o.keys;
    if (style === 'unquoted' && isIdentifier(k)) return k;
    return quote(k, style === 'single' ? "'" : '"', false, rnd);
  };
  const str = (s: string): string => {
    const style = o.strings === 'mixed' ? (rnd() < 0.5 ? 'double' : 'single') : o.strings;
    return quote(s, style === 'single' ? "'" : '"', o.fancyStrings, rnd, o.eol);
  };
  const print = (v: Json, indent: string, depth: number): string => {
    if (v === null) return 'null';
    if (typeof v === 'boolean') return String(v);
    if (typeof v === 'number') return printNumber(v, o.fancyNumbers, rnd);
    if (typeof v === 'string') return str(v);
    const inline = depth >= o.inlineDepth;
    const inner = indent + o.indent;
    // Block comments around colons and before commas, when comments are on.
    const block = (): string => (o.comments && rnd() < 0.1 ? `/* b${Math.floor(rnd() * 100)} */` : '');
    const member = (k: string, x: Json): string => {
      const b1 = block();
      const b2 = block();
      return (
        key(k) +
        space() +
        (b1 ? ' ' + b1 + ' ' : '') +
        ':' +
        ' ' +
        (b2 ? b2 + ' ' : '') +
        print(x, inner, depth + 1) +
        (block() ? ' ' + block() : '')
      );
    };
    const entries = Array.isArray(v) ? [] : Object.entries(v);
    // A shadowed earlier copy of a key: same key, some other value.
    const shadowed =
      o.duplicates && entries.length > 0 && rnd() < 0.4
        ? [member(entries[Math.floor(rnd() * entries.length)]![0], rnd() < 0.5 ? 'shadow' : {shadow: [1]})]
        : [];
    const items = Array.isArray(v)
      ? v.map((x) => print(x, inner, depth + 1) + (block() ? ' ' + block() : ''))
      : [...shadowed, ...entries.map(([k, x]) => member(k, x))];
    const [open, close] = Array.isArray(v) ? ['[', ']'] : ['{', '}'];
    if (items.length === 0) return open + close;
    if (inline)
      return (
        open +
        (rnd() < 0.5 ? ' ' : '') +
        items.join(', ') +
        (o.trailingComma ? ',' : '') +
        (rnd() < 0.5 ? ' ' : '') +
        close
      );
    const lines = items.map(
      (it, i) => inner + comment(inner) + it + (i < items.length - 1 || o.trailingComma ? ',' : '') + space(),
    );
    const tail = o.comments && rnd() < 0.2 ? o.eol + inner + '// trailing comment' : '';
    return open + o.eol + lines.join(o.eol) + tail + o.eol + indent + close;
  };
  const head = o.comments && rnd() < 0.5 ? `// header${o.eol}` : '';
  return (o.bom ? '\uFEFF' : '') + head + print(value, '', 0) + o.eol;
}
