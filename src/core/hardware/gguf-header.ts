/**
 * Reads the header of a GGUF file (metadata key/values and tensor infos),
 * never the tensor data. Format: ggml-org/ggml docs/gguf.md (version 2 and 3,
 * little-endian). Pure: bytes come from a `read(offset, length)` callback the
 * adapter backs with a file; every count and length is bounded so a hostile or
 * truncated file ends in a GgufError, never a huge allocation or a hang.
 */

export class GgufError extends Error {
  override name = 'GgufError';
}

export interface GgufByteSource {
  /** Total size of the file in bytes. */
  size: number;
  /** Bytes at [offset, offset + length); may return fewer at the end of the file. */
  read(offset: number, length: number): Uint8Array;
}

export interface GgufHeader {
  version: number;
  tensorCount: number;
  /** Scalars, strings and short arrays; tokenizer tables and long arrays are skipped. */
  metadata: Record<string, unknown>;
  /** Σ of every tensor's element count. */
  totalParams: number;
  /** Σ of the MoE expert tensors' element counts (names with "_exps"). */
  expertParams: number;
  /** Bytes of all tensors by their ggml types; undefined when a type is unknown to us. */
  tensorBytes?: number;
  /** Bytes of the header (where the tensor data starts, before alignment). */
  headerBytes: number;
}

export const GGUF_LIMITS = {
  /** The header of a 1T-parameter model with a 256K vocabulary is ~30 MB; past this we stop. */
  maxHeaderBytes: 256 * 1024 * 1024,
  maxKvCount: 100_000,
  maxTensorCount: 1_000_000,
  maxKeyBytes: 64 * 1024,
  maxStringBytes: 16 * 1024 * 1024,
  maxArrayCount: 50_000_000,
  /** Arrays longer than this are skipped (tokenizer tables), shorter ones kept (per-layer values). */
  keptArrayCount: 4096,
  maxDims: 8,
} as const;

const CHUNK = 1024 * 1024;

/** ggml types: [values per block, bytes per block] (ggml/src/ggml.c type_traits). */
const GGML_TYPE_SIZE: Record<number, [number, number]> = {
  0: [1, 4],
  1: [1, 2],
  2: [32, 18],
  3: [32, 20],
  6: [32, 22],
  7: [32, 24],
  8: [32, 34],
  9: [32, 36],
  10: [256, 84],
  11: [256, 110],
  12: [256, 144],
  13: [256, 176],
  14: [256, 210],
  15: [256, 292],
  16: [256, 66],
  17: [256, 74],
  18: [256, 98],
  19: [256, 50],
  20: [32, 18],
  21: [256, 110],
  22: [256, 82],
  23: [256, 136],
  24: [1, 1],
  25: [1, 2],
  26: [1, 4],
  27: [1, 8],
  28: [1, 8],
  29: [256, 56],
  30: [1, 2],
  34: [256, 54],
  35: [256, 66],
  39: [32, 17],
};
const FIXED_SIZE: Record<number, number> = {0: 1, 1: 1, 2: 2, 3: 2, 4: 4, 5: 4, 6: 4, 7: 1, 10: 8, 11: 8, 12: 8};
const utf8 = new TextDecoder('utf-8', {fatal: false});

class Cursor {
  pos = 0;
  private buf: Uint8Array = new Uint8Array(0);
  private bufStart = 0;
  constructor(private readonly src: GgufByteSource) {}

  private need(n: number): DataView {
    if (this.pos + n > this.src.size)
      throw new GgufError(`truncated GGUF header: needs ${n} bytes at offset ${this.pos}, file has ${this.src.size}`);
    if (this.pos + n > GGUF_LIMITS.maxHeaderBytes)
      throw new GgufError(`GGUF header larger than ${GGUF_LIMITS.maxHeaderBytes / 1048576} MiB: not read`);
    if (this.pos < this.bufStart || this.pos + n > this.bufStart + this.buf.length) {
      const len = Math.max(n, CHUNK);
      this.buf = this.src.read(this.pos, Math.min(len, this.src.size - this.pos));
      this.bufStart = this.pos;
      if (this.buf.length < n) throw new GgufError(`truncated GGUF header at offset ${this.pos}`);
    }
    const view = new DataView(this.buf.buffer, this.buf.byteOffset + (this.pos - this.bufStart), n);
    this.pos += n;
    return view;
  }

  u8 = (): number => this.need(1).getUint8(0);
  u32 = (): number => this.need(4).getUint32(0, true);
  i32 = (): number => this.need(4).getInt32(0, true);
  u64(): number {
    const v = this.need(8).getBigUint64(0, true);
    if (v > BigInt(Number.MAX_SAFE_INTEGER))
      throw new GgufError(`GGUF value ${v} at offset ${this.pos - 8} is out of range`);
    return Number(v);
  }
  /** A u64 metadata value: past 2^53 it is not a size we use, so NaN (dropped by the geometry) rather than an error. */
  u64Value(): number {
    const v = this.need(8).getBigUint64(0, true);
    return v > BigInt(Number.MAX_SAFE_INTEGER) ? NaN : Number(v);
  }
  i64(): number {
    const v = this.need(8).getBigInt64(0, true);
    if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < BigInt(Number.MIN_SAFE_INTEGER)) return NaN;
    return Number(v);
  }
  bytes(n: number): Uint8Array {
    const v = this.need(n);
    return new Uint8Array(v.buffer, v.byteOffset, n);
  }
  skip(n: number): void {
    if (this.pos + n > this.src.size)
      throw new GgufError(`truncated GGUF header: skips past the end of the file at offset ${this.pos}`);
    if (this.pos + n > GGUF_LIMITS.maxHeaderBytes)
      throw new GgufError(`GGUF header larger than ${GGUF_LIMITS.maxHeaderBytes / 1048576} MiB: not read`);
    this.pos += n;
  }
  string(max: number): string {
    const len = this.u64();
    if (len > max)
      throw new GgufError(`GGUF string of ${len} bytes at offset ${this.pos - 8} is over the ${max}-byte limit`);
    return utf8.decode(this.bytes(len));
  }
  skipString(): void {
    const len = this.u64();
    if (len > GGUF_LIMITS.maxStringBytes)
      throw new GgufError(`GGUF string of ${len} bytes at offset ${this.pos - 8} is over the limit`);
    this.skip(len);
  }
}

function readValue(c: Cursor, type: number, keep: boolean): unknown {
  switch (type) {
    case 0:
      return c.u8();
    case 1: {
      const v = c.u8();
      return v > 127 ? v - 256 : v;
    }
    case 2: {
      const b = c.bytes(2);
      return b[0] | (b[1] << 8);
    }
    case 3: {
      const b = c.bytes(2);
      const v = b[0] | (b[1] << 8);
      return v > 32767 ? v - 65536 : v;
    }
    case 4:
      return c.u32();
    case 5:
      return c.i32();
    case 6: {
      const b = c.bytes(4);
      return new DataView(b.buffer, b.byteOffset, 4).getFloat32(0, true);
    }
    case 7:
      return c.u8() !== 0;
    case 8:
      if (!keep) {
        c.skipString();
        return undefined;
      }
      return c.string(GGUF_LIMITS.maxStringBytes);
    case 9: {
      const itemType = c.u32();
      const count = c.u64();
      if (count > GGUF_LIMITS.maxArrayCount) throw new GgufError(`GGUF array of ${count} items is over the limit`);
      if (itemType === 9) throw new GgufError('nested GGUF arrays are not supported');
      const keepItems = keep && count <= GGUF_LIMITS.keptArrayCount && itemType !== 8;
      const size = FIXED_SIZE[itemType];
      if (!keepItems) {
        if (size !== undefined) c.skip(size * count);
        else if (itemType === 8) for (let i = 0; i < count; i++) c.skipString();
        else throw new GgufError(`unknown GGUF value type ${itemType}`);
        return undefined;
      }
      const out: unknown[] = [];
      for (let i = 0; i < count; i++) out.push(readValue(c, itemType, true));
      return out;
    }
    case 10:
      return c.u64Value();
    case 11:
      return c.i64();
    case 12: {
      const b = c.bytes(8);
      return new DataView(b.buffer, b.byteOffset, 8).getFloat64(0, true);
    }
    default:
      throw new GgufError(`unknown GGUF value type ${type}`);
  }
}

/** Parses the header; throws GgufError with one clear sentence on anything that is not a sound GGUF header. */
export function parseGgufHeader(src: GgufByteSource): GgufHeader {
  if (!Number.isSafeInteger(src.size) || src.size < 4) throw new GgufError('not a GGUF file (too short)');
  const c = new Cursor(src);
  const magic = c.bytes(4);
  if (magic[0] !== 0x47 || magic[1] !== 0x47 || magic[2] !== 0x55 || magic[3] !== 0x46)
    throw new GgufError('not a GGUF file (no "GGUF" magic at the start)');
  const version = c.u32();
  if (version === 1) throw new GgufError('GGUF version 1 (2023) is not supported; re-convert the model');
  if (version !== 2 && version !== 3) {
    throw new GgufError(
      version > 0xffff ? 'big-endian GGUF files are not supported' : `unsupported GGUF version ${version}`,
    );
  }
  const tensorCount = c.u64();
  const kvCount = c.u64();
  if (tensorCount > GGUF_LIMITS.maxTensorCount)
    throw new GgufError(`GGUF header claims ${tensorCount} tensors: not a sound file`);
  if (kvCount > GGUF_LIMITS.maxKvCount)
    throw new GgufError(`GGUF header claims ${kvCount} metadata entries: not a sound file`);
  const metadata: Record<string, unknown> = {};
  for (let i = 0; i < kvCount; i++) {
    const key = c.string(GGUF_LIMITS.maxKeyBytes);
    const type = c.u32();
    // Tokenizer tables are large and not needed for sizing.
    const keep = !key.startsWith('tokenizer.') && key !== '__proto__';
    const value = readValue(c, type, keep);
    if (keep && value !== undefined) metadata[key] = value;
  }
  let totalParams = 0;
  let expertParams = 0;
  let tensorBytes: number | undefined = 0;
  for (let i = 0; i < tensorCount; i++) {
    const name = c.string(GGUF_LIMITS.maxKeyBytes);
    const dims = c.u32();
    if (dims < 1 || dims > GGUF_LIMITS.maxDims)
      throw new GgufError(`tensor ${JSON.stringify(name.slice(0, 80))} has ${dims} dimensions: not a sound file`);
    let n = 1;
    for (let d = 0; d < dims; d++) n *= c.u64();
    const type = c.u32();
    c.u64(); // offset in the data section
    const size = GGML_TYPE_SIZE[type];
    if (size && tensorBytes !== undefined) tensorBytes += Math.ceil(n / size[0]) * size[1];
    else tensorBytes = undefined;
    if (!Number.isFinite(n))
      throw new GgufError(`tensor ${JSON.stringify(name.slice(0, 80))} is too large: not a sound file`);
    totalParams += n;
    if (name.includes('_exps')) expertParams += n;
  }
  return {
    version,
    tensorCount,
    metadata,
    totalParams,
    expertParams,
    ...(tensorBytes !== undefined ? {tensorBytes} : {}),
    headerBytes: c.pos,
  };
}
