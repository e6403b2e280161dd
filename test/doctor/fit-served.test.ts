/**
 * A model that is NOT in our catalog, served by a fake Ollama whose /api/show answer is copied in shape and
 * values from a real one: the doctor and `hardware` give a fit verdict with numbers (weights from /api/tags,
 * KV from model_info), not "unknown size".
 */
import {describe, expect, it} from 'vitest';
import {cli} from '../support/run-cli.js';
import {memoryIo} from '../../src/cli/io.js';
import {configText, testLifecycle} from './env.js';
import {matchModel} from '../../src/core/hardware.js';
import {GPU16, KV_PER_TOKEN, LLAMA32_BYTES, LLAMA32_SERVED as model} from '../fakes/llama32.js';

const {fake, setup} = testLifecycle();

describe('fit for a model that is not in the catalog, from the server', () => {
  it('precondition: llama3.2:3b is not a catalog model', () => {
    expect(matchModel('ollama/llama3.2:3b')).toBeUndefined();
  });

  it('doctor: hardware.fit gives numbers from Ollama /api/show and caps the context that fits', async () => {
    const ol = await fake('ollama', {models: [model]});
    const s = setup({profile: GPU16});
    s.write(
      configText({
        providerId: 'ollama',
        baseUrl: ol.origin,
        api: 'ollama',
        model: 'llama3.2:3b',
        contextWindow: 131072,
        logFile: s.logFile,
      }),
    );
    const {json, err} = await s.doctor(['--json', '--only', 'hardware.fit']);
    expect(err).toBe('');
    const r = json.checks.find((c: any) => c.id === 'hardware.fit');
    expect(r.status).not.toBe('skip');
    expect(r.message).not.toMatch(/not a model we know/);
    expect(r.message).toMatch(/sizes from Ollama \/api\/show/);
    expect(r.evidence.weightsGB).toBeCloseTo(LLAMA32_BYTES / 1e9, 1);
    expect(r.evidence.kvCacheGB).toBeCloseTo((KV_PER_TOKEN * 131072) / 1e9, 1);
    expect(r.evidence.kvFrom).toBe('Ollama /api/show');
    // 2 GB + 15 GB of f16 KV + overhead is over 90% of 16 GB: the doctor says the context that fits.
    expect(r.status).toBe('warn');
    expect(r.evidence.verdict).toBe('reduced-context');
    const fits = r.evidence.maxContextThatFits;
    expect(fits).toBeGreaterThan(32_768);
    expect(fits).toBeLessThan(131_072);
    expect(2.02 + (KV_PER_TOKEN * fits) / 1e9 + 2.5).toBeLessThanOrEqual(0.9 * 16 + 0.01);
    expect(r.fix?.patch?.[0]).toMatchObject({op: 'set', value: fits});
  });

  it('hardware: the configured Ollama model gets a verdict with numbers, from the server, in --json', async () => {
    const ol = await fake('ollama', {models: [model]});
    const s = setup({profile: GPU16});
    s.write(
      configText({
        providerId: 'ollama',
        baseUrl: ol.origin,
        api: 'ollama',
        model: 'llama3.2:3b',
        contextWindow: 32768,
        logFile: s.logFile,
      }),
    );
    const io = memoryIo({env: s.env});
    const code = await cli(
      ['hardware', '--json', '--config', s.configPath, '--hardware', s.env.OPENCLAW_LOCAL_DOCTOR_HARDWARE_FILE!],
      io,
    );
    expect(io.err()).toBe('');
    expect(code).toBe(0);
    const json = JSON.parse(io.out());
    expect(json.unknownModel).toBeUndefined();
    expect(json.model).toEqual({id: 'ollama/llama3.2:3b', source: 'config'});
    expect(json.fit).toMatchObject({verdict: 'fits', context: 32768, kvArchitecture: 'gqa', kvCacheType: 'f16'});
    expect(json.fit.weightsGB).toBeCloseTo(2.0, 1);
    expect(json.fit.kvCacheGB).toBeCloseTo((KV_PER_TOKEN * 32768) / 1e9, 1);
    expect(json.fit.sources).toMatchObject({weights: 'Ollama /api/show', kv: 'Ollama /api/show'});
    expect(json.fit.kvAt.at(-1)).toMatchObject({context: 131072});
    expect(json.fit.tokensPerSecond.high).toBeGreaterThan(0);
  });
});

describe('fit for a llama.cpp model from the GGUF file its /props names', () => {
  it('hardware.fit reads the header of the local file llama-server loaded (never the tensors)', async () => {
    const {mkdtempSync, rmSync} = await import('node:fs');
    const {tmpdir} = await import('node:os');
    const {join} = await import('node:path');
    const {str, u32, ggufHeaderBytes, writeGguf} = await import('../hardware/gguf-fixture.js');
    const dir = mkdtempSync(join(tmpdir(), 'gguf-served-'));
    try {
      const file = join(dir, 'example-30b.gguf');
      const meta = {
        'general.architecture': str('llama'),
        'llama.block_count': u32(48),
        'llama.context_length': u32(65_536),
        'llama.embedding_length': u32(5120),
        'llama.attention.head_count': u32(40),
        'llama.attention.head_count_kv': u32(8),
      };
      const tensors = [{name: 'blk.0.attn_q.weight', dims: [5120, 3_000_000], type: 12}];
      writeGguf(file, meta, tensors, ggufHeaderBytes(meta, tensors).length + Math.ceil((5120 * 3_000_000) / 256) * 144);
      const ll = await fake('llamacpp', {
        models: [{id: 'example-30b', loadedContext: 65_536, maxContext: 65_536, ggufPath: file}],
      });
      const s = setup({profile: GPU16});
      s.write(
        configText({
          providerId: 'llamacpp',
          baseUrl: ll.v1,
          model: 'example-30b',
          contextWindow: 65_536,
          logFile: s.logFile,
        }),
      );
      const {json} = await s.doctor(['--json', '--only', 'hardware.fit']);
      const r = json.checks.find((c: any) => c.id === 'hardware.fit');
      expect(r.status).not.toBe('skip');
      expect(r.evidence.kvFrom).toMatch(/GGUF header of example-30b\.gguf \(llama\.cpp \/props model_path\)/);
      // 2 × 48 × 8 × 128 × 2 B = 192 KiB per token.
      expect(r.evidence.kvCacheGB).toBeCloseTo((196_608 * 65_536) / 1e9, 1);
    } finally {
      rmSync(dir, {recursive: true, force: true});
    }
  });
});
