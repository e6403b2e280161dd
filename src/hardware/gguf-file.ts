/**
 * `hardware --gguf PATH`: the geometry of a local GGUF file from its header
 * only. Reads in 1 MiB chunks up to the header limit; never the tensors. A
 * split model (…-00001-of-00003.gguf) is summed over the parts found next to it.
 */
import {closeSync, fstatSync, openSync, readSync, statSync} from 'node:fs';
import path from 'node:path';
import {geometryFromGgufMetadata, type ModelGeometry} from '../core/hardware/geometry.js';
import {GgufError, parseGgufHeader, type GgufHeader} from '../core/hardware/gguf-header.js';

const MAX_SPLITS = 256;

function readHeader(file: string): {header: GgufHeader; size: number} {
  let fd: number;
  try {
    // Checked before open: opening a FIFO for reading would block until something writes to it.
    if (!statSync(file).isFile()) throw new GgufError(`${file} is not a regular file`);
    fd = openSync(file, 'r');
  } catch (err) {
    if (err instanceof GgufError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new GgufError(
      `cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (code ?? 'error')}`,
    );
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new GgufError(`${file} is not a regular file`);
    const header = parseGgufHeader({
      size: st.size,
      read(offset, length) {
        const buf = Buffer.alloc(length);
        const n = readSync(fd, buf, 0, length, offset);
        return buf.subarray(0, n);
      },
    });
    return {header, size: st.size};
  } catch (err) {
    if (err instanceof GgufError) throw new GgufError(`${path.basename(file)}: ${err.message}`);
    throw new GgufError(`${path.basename(file)}: ${(err as Error).message}`);
  } finally {
    closeSync(fd);
  }
}

/** Geometry of the model in a GGUF file; throws GgufError with one clear sentence. */
export function readGgufGeometry(file: string, cwd: string = process.cwd()): ModelGeometry {
  const full = path.resolve(cwd, file);
  const {header, size} = readHeader(full);
  const notes: string[] = [];
  let weightsBytes = header.tensorBytes ?? size - header.headerBytes;
  let totalParams = header.totalParams;
  let expertParams = header.expertParams;
  if (header.tensorBytes !== undefined && size < header.headerBytes + header.tensorBytes) {
    notes.push(
      `the file is ${size} bytes, shorter than its header says its tensors need (${header.headerBytes + header.tensorBytes}): an incomplete download?`,
    );
  }
  const count = Number(header.metadata['split.count'] ?? 1);
  const split = /^(.*)-(\d{5})-of-(\d{5})\.gguf$/i.exec(path.basename(full));
  if (Number.isSafeInteger(count) && count > 1) {
    if (!split || count > MAX_SPLITS) {
      notes.push(`split into ${count} files; only this one was read: weights are those of this part`);
    } else {
      let found = 1;
      for (let i = 1; i <= count; i++) {
        const part = path.join(path.dirname(full), `${split[1]}-${String(i).padStart(5, '0')}-of-${split[3]}.gguf`);
        if (part === full) continue;
        try {
          const other = readHeader(part).header;
          weightsBytes += other.tensorBytes ?? 0;
          totalParams += other.totalParams;
          expertParams += other.expertParams;
          found++;
        } catch {
          // Missing or unreadable part: said below.
        }
      }
      if (found < count) notes.push(`only ${found} of ${count} split files found: weights are undercounted`);
    }
  }
  const geo = geometryFromGgufMetadata(header.metadata, {
    source: `GGUF header of ${path.basename(full)}`,
    weightsBytes,
    totalParams: totalParams > 0 ? totalParams : undefined,
    expertParams: expertParams > 0 ? expertParams : undefined,
  });
  if (notes.length) geo.notes = [...(geo.notes ?? []), ...notes];
  return geo;
}
