/**
 * Writes small GGUF files for tests: a real v3 header (ggml-org/ggml docs/gguf.md) with metadata and tensor
 * infos, and no weights. `sparseTo` extends the file with a hole to the size the tensors claim, so a "70 GB
 * model" costs a few KB of disk.
 */
import {closeSync, ftruncateSync, openSync, writeSync} from 'node:fs';

export type GgufValue =
  | {t: 'u32'; v: number}
  | {t: 'i32'; v: number}
  | {t: 'u64'; v: number}
  | {t: 'f32'; v: number}
  | {t: 'bool'; v: boolean}
  | {t: 'str'; v: string}
  | {t: 'arr'; item: 'i32' | 'u32' | 'bool' | 'str'; v: (number | boolean | string)[]};

export const u32 = (v: number): GgufValue => ({t: 'u32', v});
export const i32 = (v: number): GgufValue => ({t: 'i32', v});
export const u64 = (v: number): GgufValue => ({t: 'u64', v});
export const f32 = (v: number): GgufValue => ({t: 'f32', v});
export const str = (v: string): GgufValue => ({t: 'str', v});
export const arr = (item: 'i32' | 'u32' | 'bool' | 'str', v: (number | boolean | string)[]): GgufValue => ({
  t: 'arr',
  item,
  v,
});

const TYPE_ID = {u32: 4, i32: 5, f32: 6, bool: 7, str: 8, arr: 9, u64: 10} as const;

export interface GgufTensor {
  name: string;
  dims: number[];
  /** ggml type id: 0 F32, 1 F16, 8 Q8_0, 12 Q4_K, 39 MXFP4 … */
  type: number;
}

class Writer {
  parts: Buffer[] = [];
  u32(n: number): void {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(n >>> 0);
    this.parts.push(b);
  }
  i32(n: number): void {
    const b = Buffer.alloc(4);
    b.writeInt32LE(n);
    this.parts.push(b);
  }
  u64(n: number | bigint): void {
    const b = Buffer.alloc(8);
    b.writeBigUInt64LE(BigInt(n));
    this.parts.push(b);
  }
  f32(n: number): void {
    const b = Buffer.alloc(4);
    b.writeFloatLE(n);
    this.parts.push(b);
  }
  str(s: string): void {
    const b = Buffer.from(s, 'utf8');
    this.u64(b.length);
    this.parts.push(b);
  }
  raw(b: Buffer): void {
    this.parts.push(b);
  }
  value(v: GgufValue): void {
    switch (v.t) {
      case 'u32':
        return this.u32(v.v);
      case 'i32':
        return this.i32(v.v);
      case 'u64':
        return this.u64(v.v);
      case 'f32':
        return this.f32(v.v);
      case 'bool':
        return this.raw(Buffer.from([v.v ? 1 : 0]));
      case 'str':
        return this.str(v.v);
      case 'arr':
        this.u32(TYPE_ID[v.item]);
        this.u64(v.v.length);
        for (const x of v.v) {
          if (v.item === 'str') this.str(String(x));
          else if (v.item === 'bool') this.raw(Buffer.from([x ? 1 : 0]));
          else if (v.item === 'i32') this.i32(Number(x));
          else this.u32(Number(x));
        }
    }
  }
}

/** The header bytes of a GGUF v3 file. */
export function ggufHeaderBytes(metadata: Record<string, GgufValue>, tensors: GgufTensor[] = [], version = 3): Buffer {
  const w = new Writer();
  w.raw(Buffer.from('GGUF', 'ascii'));
  w.u32(version);
  w.u64(tensors.length);
  w.u64(Object.keys(metadata).length);
  for (const [k, v] of Object.entries(metadata)) {
    w.str(k);
    w.u32(TYPE_ID[v.t]);
    w.value(v);
  }
  let offset = 0;
  for (const t of tensors) {
    w.str(t.name);
    w.u32(t.dims.length);
    for (const d of t.dims) w.u64(d);
    w.u32(t.type);
    w.u64(offset);
    offset += 32; // offsets are not read
  }
  return Buffer.concat(w.parts);
}

/** Writes a GGUF file; `sparseTo` extends it (a hole, no disk) to that many bytes. */
export function writeGguf(
  file: string,
  metadata: Record<string, GgufValue>,
  tensors: GgufTensor[] = [],
  sparseTo?: number,
): void {
  const bytes = ggufHeaderBytes(metadata, tensors);
  const fd = openSync(file, 'w');
  try {
    writeSync(fd, bytes);
    if (sparseTo !== undefined && sparseTo > bytes.length) ftruncateSync(fd, sparseTo);
  } finally {
    closeSync(fd);
  }
}
