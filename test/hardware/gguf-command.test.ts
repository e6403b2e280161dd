/**
 * `hardware --gguf PATH`: a model that is not in the catalog gets a fit verdict with numbers from its GGUF
 * header (a small fixture written here, no weights), and bad files end in one clear line with exit 2.
 */
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {cli as main} from '../support/run-cli.js';
import {memoryIo} from '../../src/cli/io.js';
import {setHardwareCommandDeps} from '../../src/commands/hardware.js';
import {detectorFrom} from '../../src/hardware/index.js';
import {fixtureSources, loadFixture} from './fixture-sources.js';
import {ggufHeaderBytes, str, u32, u64, writeGguf} from './gguf-fixture.js';

let dir: string;
let restore: (() => void) | undefined;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'hw-gguf-'));
  restore = setHardwareCommandDeps({
    detector: () => detectorFrom(fixtureSources(loadFixture('mac-studio-m3-ultra-512'))),
    configuredPrimary: async () => ({note: 'test'}),
  });
});
afterEach(() => {
  restore?.();
  rmSync(dir, {recursive: true, force: true});
});

/** A Llama-3.1-70B-shaped header (80 layers, 8 KV heads × 128, 131,072 context), Q4_K_M tensors, sparse. */
function writeLlama70b(file: string): number {
  const meta = {
    'general.architecture': str('llama'),
    'general.name': str('Example Llama 70B'),
    'general.file_type': u32(15),
    'general.parameter_count': u64(70_553_706_496),
    'llama.block_count': u32(80),
    'llama.context_length': u32(131_072),
    'llama.embedding_length': u32(8192),
    'llama.attention.head_count': u32(64),
    'llama.attention.head_count_kv': u32(8),
  };
  // One Q4_K tensor (type 12) carrying the parameter count: 144 bytes per 256 values.
  const tensors = [{name: 'blk.0.attn_q.weight', dims: [8192, 8_612_513], type: 12}];
  const bytes = Math.ceil((8192 * 8_612_513) / 256) * 144;
  writeGguf(file, meta, tensors, ggufHeaderBytes(meta, tensors).length + bytes);
  return bytes;
}

async function run(args: string[], json = true): Promise<{code: number; out: string; err: string}> {
  const m = memoryIo({cwd: dir, env: {HOME: dir}});
  const code = await main(['hardware', ...(json ? ['--json'] : []), ...args], m);
  return {code, out: m.out(), err: m.err()};
}

describe('hardware --gguf', () => {
  it('sizes a model that is not in the catalog from its header: weights, KV by layout, trained context, sources', async () => {
    const bytes = writeLlama70b(path.join(dir, 'example-llama-70b-Q4_K_M.gguf'));
    const {code, out, err} = await run(['--gguf', 'example-llama-70b-Q4_K_M.gguf', '--context', '131072']);
    expect(err).toBe('');
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(json.unknownModel).toBeUndefined();
    expect(json.model).toEqual({id: 'example-llama-70b-Q4_K_M', source: 'gguf'});
    expect(json.fit.weightsGB).toBeCloseTo(bytes / 1e9, 1);
    // 2 × 80 × 8 × 128 × 2 B = 320 KiB per token → 40 GiB (42.9 GB) at 131,072.
    expect(json.fit.kvCacheGB).toBeCloseTo((327_680 * 131_072) / 1e9, 1);
    expect(json.fit.kvArchitecture).toBe('gqa');
    expect(json.fit.sources).toEqual({
      weights: 'GGUF header of example-llama-70b-Q4_K_M.gguf',
      kv: 'GGUF header of example-llama-70b-Q4_K_M.gguf',
      context: 'asked',
    });
    expect(json.fit.kvAt.map((k: {context: number}) => k.context)).toEqual([32_768, 65_536, 131_072]);
    expect(json.fit.verdict).toBe('fits');
    // Shape kept: the fields the old report had are all still there.
    for (const key of [
      'model',
      'build',
      'weightsGB',
      'kvCacheGB',
      'overheadGB',
      'totalGB',
      'usableGB',
      'context',
      'verdict',
      'maxContextThatFits',
      'notes',
    ]) {
      expect(json.fit).toHaveProperty(key);
    }
  });

  it('q8_0 KV cache about halves the KV part', async () => {
    writeLlama70b(path.join(dir, 'm.gguf'));
    const f16 = JSON.parse((await run(['--gguf', 'm.gguf', '--context', '131072'])).out).fit;
    const q8 = JSON.parse((await run(['--gguf', 'm.gguf', '--context', '131072', '--kv-cache-type', 'q8_0'])).out).fit;
    expect(q8.kvCacheType).toBe('q8_0');
    expect(q8.kvCacheGB / f16.kvCacheGB).toBeCloseTo(34 / 64, 2);
  });

  it('text output shows the KV part at 32K / 64K / 128K and where the numbers came from', async () => {
    writeLlama70b(path.join(dir, 'm.gguf'));
    const {code, out} = await run(['--gguf', 'm.gguf'], false);
    expect(code).toBe(0);
    expect(out).toMatch(/KV cache \(f16\) by context: 32K [0-9.]+ GB ✔ · 64K [0-9.]+ GB ✔ · 128K [0-9.]+ GB ✔/);
    expect(out).toMatch(/Numbers from GGUF header of m\.gguf \(weights, KV layout, context\)/);
    expect(out).not.toMatch(/not a model we know/);
  });

  it("a catalog model named by the file keeps the catalog name, with the file's own size", async () => {
    writeLlama70b(path.join(dir, 'gpt-oss-120b-mxfp4.gguf'));
    const json = JSON.parse((await run(['--gguf', 'gpt-oss-120b-mxfp4.gguf'])).out);
    expect(json.fit.model).toBe('gpt-oss-120b');
    expect(json.fit.sources.weights).toMatch(/GGUF header/);
  });

  it('a non-GGUF, truncated or missing file is one clear line and exit 2', async () => {
    writeFileSync(path.join(dir, 'x.gguf'), 'hello, not a model');
    writeFileSync(path.join(dir, 't.gguf'), ggufHeaderBytes({'general.architecture': str('llama')}).subarray(0, 30));
    for (const [file, msg] of [
      ['x.gguf', /not a GGUF file/],
      ['t.gguf', /truncated GGUF header/],
      ['nope.gguf', /no such file/],
    ] as const) {
      const {code, err, out} = await run(['--gguf', file]);
      expect(code, file).toBe(2);
      expect(out).toBe('');
      expect(err).toMatch(msg);
      expect(err.trim().split('\n').length).toBeLessThanOrEqual(2);
      expect(err).not.toMatch(/at .*\.ts:\d+/);
    }
    expect((await run(['--kv-cache-type', 'q3'])).code).toBe(2);
  });
});
