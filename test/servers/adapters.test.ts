import {describe, expect, it} from 'vitest';
import {adapterFor, fingerprint, probeServer, type ServedModel} from '../../src/servers/index.js';
import {useFakes} from './helpers.js';

const {fake} = useFakes();

const byId = (models: ServedModel[], id: string) => models.find((m) => m.id === id);

describe('fingerprint', () => {
  it.each([
    ['lmstudio', 'lmstudio', undefined, '>=0.4.0'],
    ['lmstudio-0.3', 'lmstudio', undefined, '>=0.3.6 <0.4.0'],
    ['vllm', 'vllm', '0.11.0', undefined],
    ['litellm', 'litellm', '1.74.0', undefined],
    ['ollama', 'ollama', '0.13.5', undefined],
    ['llamacpp', 'llamacpp', 'b6500', undefined],
    ['openai-compatible', 'openai-compatible', undefined, undefined],
  ] as const)('%s fake is recognised as %s', async (fakeKind, kind, version, range) => {
    const f = await fake(fakeKind);
    for (const base of [f.origin, f.v1, `${f.v1}/`]) {
      const r = await fingerprint(base);
      expect(r.ok).toBe(true);
      if (!r.ok) continue;
      expect(r.fingerprint.kind).toBe(kind);
      expect(r.fingerprint.version).toBe(version);
      expect(r.fingerprint.versionRange).toBe(range);
      expect(r.fingerprint.origin).toBe(f.origin);
      expect(r.fingerprint.evidence.length).toBeGreaterThan(5);
    }
  });

  it('never calls LiteLLM /health (a real LLM call to every deployment)', async () => {
    for (const apiKey of [undefined, 'sk-master-key-000000']) {
      const f = await fake('litellm', apiKey ? {apiKey} : {});
      const r = await probeServer(f.origin, apiKey ? {apiKey} : {});
      expect(r.ok && r.report.fingerprint.kind).toBe('litellm');
      expect(f.requests.map((q) => q.path)).not.toContain('/health');
    }
  });

  it('Ollama is decided by GET / before anything else', async () => {
    const f = await fake('ollama', {version: '0.12.1'});
    const r = await fingerprint(f.v1);
    expect(r.ok && r.fingerprint.version).toBe('0.12.1');
    expect(f.requests.map((q) => q.path)).toEqual(['/', '/api/version']);
  });

  it('recognises servers that want a key, without one', async () => {
    for (const kind of ['lmstudio', 'vllm', 'litellm', 'llamacpp'] as const) {
      const f = await fake(kind, {apiKey: 'sk-required-key-123456'});
      const r = await fingerprint(f.origin);
      expect(r.ok && r.fingerprint.kind).toBe(kind);
      expect(r.ok && r.fingerprint.authRequired).toBe(true);
    }
  });

  it('a server that names another owner is not taken for vLLM, whatever /version says', async () => {
    const {createServer} = await import('node:http');
    const server = createServer((req, res) => {
      const json = (status: number, body: unknown) => {
        res.writeHead(status, {'content-type': 'application/json'});
        res.end(JSON.stringify(body));
      };
      if (req.url === '/v1/models')
        return json(200, {
          object: 'list',
          data: [{id: 'qwen', object: 'model', owned_by: 'sglang', max_model_len: 65536}],
        });
      if (req.url === '/version') return json(200, {version: '0.4.9'});
      if (req.url === '/health') return void res.writeHead(200).end();
      json(404, {detail: 'Not Found'});
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const addr = server.address();
    try {
      const r = await probeServer(`http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/v1`);
      expect(r.ok && r.report.fingerprint.kind).toBe('openai-compatible');
      expect(r.ok && r.report.fingerprint.evidence).toContain('sglang');
      expect(r.ok && r.report.models[0]).toMatchObject({id: 'qwen', loadedContext: 65536});
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });

  it('llama.cpp while loading', async () => {
    const f = await fake('llamacpp', {loading: true});
    const r = await fingerprint(f.origin);
    expect(r.ok && r.fingerprint.kind).toBe('llamacpp');
    expect(r.ok && r.fingerprint.loading).toBe(true);
  });

  it('openrouter by host, without any request', async () => {
    const r = await fingerprint('https://openrouter.ai/api/v1');
    expect(r.ok && r.fingerprint).toMatchObject({kind: 'openrouter', origin: 'https://openrouter.ai/api'});
  });
});

describe('LM Studio adapter', () => {
  it('0.4: loaded context from loaded_instances, trained max apart, tools, quantization, size', async () => {
    const f = await fake('lmstudio');
    const r = await adapterFor('lmstudio').listModels(f.v1);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(byId(r.models, 'qwen/qwen3-8b')).toMatchObject({
      state: 'loaded',
      loadedContext: 32768,
      maxContext: 131072,
      toolUse: true,
      quantization: 'Q4_K_M',
      sizeBytes: 5027783488,
    });
    const cold = byId(r.models, 'google/gemma-3-12b');
    expect(cold).toMatchObject({state: 'not-loaded', maxContext: 131072, toolUse: false});
    expect(cold?.loadedContext).toBeUndefined();
    expect(f.requests.map((q) => q.path)).toEqual(['/api/v1/models']);
  });

  it('0.3: falls back to /api/v0/models (loaded_context_length)', async () => {
    const f = await fake('lmstudio-0.3', {
      models: [
        {id: 'a/b', loadedContext: 16384, maxContext: 65536, toolUse: true},
        {id: 'c/d', loaded: false},
      ],
    });
    const r = await adapterFor('lmstudio').listModels(f.origin);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(byId(r.models, 'a/b')).toMatchObject({
      state: 'loaded',
      loadedContext: 16384,
      maxContext: 65536,
      toolUse: true,
    });
    expect(byId(r.models, 'c/d')?.state).toBe('not-loaded');
  });

  it('follows a load: the context the model was loaded with', async () => {
    const f = await fake('lmstudio');
    await fetch(`${f.origin}/api/v1/models/load`, {
      method: 'POST',
      body: JSON.stringify({model: 'google/gemma-3-12b', context_length: 65536}),
    });
    const r = await adapterFor('lmstudio').listModels(f.origin);
    expect(r.ok && byId(r.models, 'google/gemma-3-12b')).toMatchObject({state: 'loaded', loadedContext: 65536});
  });

  it('responses: yes on 0.4, no before 0.3.29, yes from 0.3.29; the probe never names a model', async () => {
    const modern = await fake('lmstudio');
    expect(await adapterFor('lmstudio').supportsResponses(modern.v1)).toBe('yes');
    const old = await fake('lmstudio-0.3', {version: '0.3.20'});
    expect(await adapterFor('lmstudio').supportsResponses(old.v1)).toBe('no');
    old.set({version: '0.3.29'});
    expect(await adapterFor('lmstudio').supportsResponses(old.v1)).toBe('yes');
    for (const f of [modern, old]) {
      for (const q of f.requests.filter((x) => x.path === '/v1/responses'))
        expect(JSON.parse(q.body)).not.toHaveProperty('model');
    }
    // Probing must not have loaded anything.
    const after = await adapterFor('lmstudio').listModels(modern.v1);
    expect(after.ok && byId(after.models, 'google/gemma-3-12b')?.state).toBe('not-loaded');
  });

  it('auth failure is reported, not hidden behind a fallback', async () => {
    const f = await fake('lmstudio', {apiKey: 'sk-lm-abcdefghijklmnop'});
    const r = await adapterFor('lmstudio').listModels(f.v1);
    expect(!r.ok && r.kind).toBe('auth');
    const withKey = await adapterFor('lmstudio').listModels(f.v1, {apiKey: 'sk-lm-abcdefghijklmnop'});
    expect(withKey.ok).toBe(true);
  });
});

describe('vLLM adapter', () => {
  it('max_model_len is the loaded context; LoRA adapters inherit it', async () => {
    const f = await fake('vllm', {models: [{id: 'base', loadedContext: 24576}]});
    const r = await adapterFor('vllm').listModels(f.v1);
    expect(r.ok && r.models).toEqual([expect.objectContaining({id: 'base', state: 'loaded', loadedContext: 24576})]);
  });

  it('responses: yes on new builds, no on old ones (404 {"detail":"Not Found"})', async () => {
    const f = await fake('vllm');
    expect(await adapterFor('vllm').supportsResponses(f.origin)).toBe('yes');
    f.set({responses: false});
    expect(await adapterFor('vllm').supportsResponses(f.origin)).toBe('no');
  });

  it('a key protects /v1 only', async () => {
    const f = await fake('vllm', {apiKey: 'vllm-key-1234567'});
    const r = await adapterFor('vllm').listModels(f.v1);
    expect(!r.ok && r.kind).toBe('auth');
    const ok = await adapterFor('vllm').listModels(f.v1, {apiKey: 'vllm-key-1234567'});
    expect(ok.ok).toBe(true);
  });
});

describe('LiteLLM adapter', () => {
  it('lists the models of the key with the configured limit and tools flag; state unknown', async () => {
    const f = await fake('litellm', {models: [{id: 'local-qwen', loadedContext: 28672, toolUse: true}, {id: 'other'}]});
    const r = await adapterFor('litellm').listModels(f.origin);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(byId(r.models, 'local-qwen')).toMatchObject({state: 'unknown', loadedContext: 28672, toolUse: true});
    expect(byId(r.models, 'local-qwen')?.details?.backendModel).toBe('hosted_vllm/local-qwen');
    expect(byId(r.models, 'other')?.loadedContext).toBeUndefined();
  });

  it('no key: auth failure', async () => {
    const f = await fake('litellm', {apiKey: 'sk-master-1234567890'});
    const r = await adapterFor('litellm').listModels(f.origin);
    expect(!r.ok && r.kind).toBe('auth');
    if (!r.ok) expect(r.classified?.server).toBe('litellm');
  });
});

describe('Ollama adapter', () => {
  it('pulled vs loaded, /api/ps context_length, trained max and tools from /api/show', async () => {
    const f = await fake('ollama', {
      models: [
        {id: 'qwen3:8b', loadedContext: 8192, maxContext: 40960, toolUse: true, sizeBytes: 5225388164},
        {id: 'gemma:2b', loaded: false, maxContext: 8192, toolUse: false, quantization: 'Q4_0'},
      ],
    });
    const r = await adapterFor('ollama').listModels(f.origin);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(byId(r.models, 'qwen3:8b')).toMatchObject({
      state: 'loaded',
      loadedContext: 8192,
      maxContext: 40960,
      toolUse: true,
      quantization: 'Q4_K_M',
      sizeBytes: 5225388164,
    });
    expect(byId(r.models, 'gemma:2b')).toMatchObject({
      state: 'not-loaded',
      maxContext: 8192,
      toolUse: false,
      quantization: 'Q4_0',
    });
    expect(byId(r.models, 'gemma:2b')?.loadedContext).toBeUndefined();
  });

  it('old Ollama without context_length in /api/ps: loaded, context unknown', async () => {
    const f = await fake('ollama', {version: '0.9.0'});
    const r = await adapterFor('ollama').listModels(f.origin);
    expect(r.ok && r.models[0]).toMatchObject({state: 'loaded'});
    expect(r.ok && r.models[0].loadedContext).toBeUndefined();
  });

  it('responses by probe; 404 text/plain on old versions', async () => {
    const f = await fake('ollama');
    expect(await adapterFor('ollama').supportsResponses(f.origin)).toBe('yes');
    f.set({version: '0.12.0'});
    expect(await adapterFor('ollama').supportsResponses(f.origin)).toBe('no');
  });
});

describe('llama.cpp adapter', () => {
  it('single model: n_ctx per slot from /props, n_ctx_train apart', async () => {
    const f = await fake('llamacpp', {models: [{id: 'Qwen3-8B-Q5_K_M', loadedContext: 16384, maxContext: 40960}]});
    const r = await adapterFor('llamacpp').listModels(f.v1);
    expect(r.ok && r.models).toEqual([
      expect.objectContaining({
        id: 'Qwen3-8B-Q5_K_M',
        state: 'loaded',
        loadedContext: 16384,
        maxContext: 40960,
        quantization: 'Q5_K_M',
      }),
    ]);
  });

  it('router mode: status per model, context of loaded ones via /props?model=', async () => {
    const f = await fake('llamacpp', {
      router: true,
      models: [
        {id: 'ggml-org/Qwen3-8B-GGUF:Q4_K_M', loadedContext: 8192},
        {id: 'ggml-org/gemma-3-4b-it-GGUF:Q4_K_M', loaded: false},
      ],
    });
    const r = await adapterFor('llamacpp').listModels(f.origin);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(byId(r.models, 'ggml-org/Qwen3-8B-GGUF:Q4_K_M')).toMatchObject({
      state: 'loaded',
      loadedContext: 8192,
      quantization: 'Q4_K_M',
    });
    expect(byId(r.models, 'ggml-org/gemma-3-4b-it-GGUF:Q4_K_M')?.state).toBe('not-loaded');
    expect(f.requests.some((q) => q.path.startsWith('/props?model='))).toBe(true);
  });

  it('loading: listing fails with the loading class', async () => {
    const f = await fake('llamacpp', {loading: true});
    const r = await adapterFor('llamacpp').listModels(f.origin);
    expect(!r.ok && r.classified?.class.kind).toBe('loading');
  });
});

describe('Responses probe edge cases', () => {
  async function oneRoute(status: number, body: string): Promise<{url: string; close(): Promise<void>}> {
    const {createServer} = await import('node:http');
    const server = createServer((_req, res) => {
      res.writeHead(status, {'content-type': 'application/json'});
      res.end(body);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const addr = server.address();
    return {
      url: `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/v1`,
      close: () => new Promise((r) => server.close(() => r())),
    };
  }

  it.each([
    [
      500,
      '{"error":{"code":500,"message":"[json.exception.out_of_range.403] key \'input\' not found","type":"server_error"}}',
      'yes',
    ],
    [500, '{"error":{"code":500,"message":"backend exploded","type":"server_error"}}', 'unknown'],
    [422, '{"detail":[{"loc":["body","input"],"msg":"field required"}]}', 'yes'],
    [405, '{"detail":"Method Not Allowed"}', 'no'],
    [401, '{"error":"Unauthorized"}', 'unknown'],
  ] as const)('%i %s → %s', async (status, body, expected) => {
    const s = await oneRoute(status, body);
    try {
      expect(await adapterFor('openai-compatible').supportsResponses(s.url)).toBe(expected);
    } finally {
      await s.close();
    }
  });
});

describe('generic OpenAI-compatible adapter', () => {
  it('lists ids with state unknown; responses by probe', async () => {
    const f = await fake('openai-compatible', {models: [{id: 'm1'}, {id: 'm2'}]});
    const r = await adapterFor('openai-compatible').listModels(f.v1);
    expect(r.ok && r.models.map((m) => [m.id, m.state])).toEqual([
      ['m1', 'unknown'],
      ['m2', 'unknown'],
    ]);
    expect(await adapterFor('openai-compatible').supportsResponses(f.v1)).toBe('yes');
    f.set({responses: false});
    expect(await adapterFor('openai-compatible').supportsResponses(f.v1)).toBe('no');
  });
});

describe('tinyCompletion', () => {
  const cases = [
    ['lmstudio', 'qwen/qwen3-8b', 'openai-responses'],
    ['lmstudio', 'qwen/qwen3-8b', 'openai-completions'],
    ['vllm', 'qwen3-8b', 'openai-completions'],
    ['vllm', 'qwen3-8b', 'openai-responses'],
    ['litellm', 'local-qwen', 'openai-completions'],
    ['ollama', 'qwen3:8b', 'ollama'],
    ['ollama', 'qwen3:8b', 'openai-completions'],
    ['llamacpp', 'anything', 'openai-completions'],
    ['openai-compatible', 'local-model', 'openai-responses'],
  ] as const;
  it.each(cases)('%s %s via %s: first token after the cold-load delay, then the total', async (kind, model, api) => {
    const f = await fake(kind, {firstTokenDelayMs: 150});
    const adapterKind = kind === 'openai-compatible' ? 'openai-compatible' : kind;
    const r = await adapterFor(adapterKind).tinyCompletion(f.v1, model, api);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.timing.api).toBe(api);
    // The fake holds the first token back 150 ms: the measure cannot be below it.
    expect(r.timing.firstTokenMs).toBeGreaterThanOrEqual(140);
    expect(r.timing.totalMs).toBeGreaterThanOrEqual(r.timing.firstTokenMs);
    const sent = JSON.parse(f.requests.at(-1)!.body) as {stream: boolean; model: string};
    expect(sent.stream).toBe(true);
    expect(sent.model).toBe(model);
  });

  it('a cold LM Studio model gets JIT-loaded by the completion (that is why it is opt-in)', async () => {
    const f = await fake('lmstudio');
    const r = await adapterFor('lmstudio').tinyCompletion(f.origin, 'google/gemma-3-12b', 'openai-completions');
    expect(r.ok).toBe(true);
    const list = await adapterFor('lmstudio').listModels(f.origin);
    expect(list.ok && byId(list.models, 'google/gemma-3-12b')?.state).toBe('loaded');
  });

  it.each([
    ['lmstudio', 'qwen/qwen3-8b', 'openai-completions', 'lmstudio'],
    ['vllm', 'qwen3-8b', 'openai-completions', 'vllm'],
    ['litellm', 'local-qwen', 'openai-completions', 'litellm'],
    ['ollama', 'qwen3:8b', 'ollama', 'ollama'],
    ['llamacpp', 'x', 'openai-responses', 'llamacpp'],
  ] as const)('%s overflow comes back classified with its numbers', async (kind, model, api, server) => {
    const f = await fake(kind, {contextErrorAt: 2});
    const r = await adapterFor(kind).tinyCompletion(f.origin, model, api);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.kind).toBe('http-400');
    expect(r.classified?.class.kind).toBe('context-overflow');
    expect(r.classified?.server).toBe(server);
    if (kind !== 'ollama') expect(r.classified?.class).toMatchObject({limit: 2});
  });

  it('unknown model: classified as model-not-found with the name', async () => {
    const f = await fake('vllm');
    const r = await adapterFor('vllm').tinyCompletion(f.origin, 'gpt-4o', 'openai-completions');
    expect(!r.ok && r.classified?.class).toEqual({kind: 'model-not-found', model: 'gpt-4o'});
  });

  it('LM Studio without /v1/responses: error-body classified responses-unsupported', async () => {
    const f = await fake('lmstudio-0.3');
    const r = await adapterFor('lmstudio').tinyCompletion(f.origin, 'qwen/qwen3-8b', 'openai-responses');
    expect(!r.ok && r.kind).toBe('error-body');
    expect(!r.ok && r.classified?.class.kind).toBe('responses-unsupported');
  });
});

describe('probeServer', () => {
  it('puts fingerprint, models and responses together', async () => {
    const f = await fake('lmstudio', {models: [{id: 'minimax-m2.1-gs32', loadedContext: 196608}]});
    const r = await probeServer(f.v1);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.report.fingerprint.kind).toBe('lmstudio');
    expect(r.report.responses).toBe('yes');
    expect(r.report.models).toEqual([
      expect.objectContaining({id: 'minimax-m2.1-gs32', state: 'loaded', loadedContext: 196608}),
    ]);
    expect(r.report.modelsError).toBeUndefined();
    expect(r.report.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('listing failure after fingerprinting lands in modelsError', async () => {
    const f = await fake('litellm', {apiKey: 'sk-litellm-master-xyz123'});
    const r = await probeServer(f.origin);
    expect(r.ok && r.report.modelsError?.kind).toBe('auth');
    expect(r.ok && r.report.models).toEqual([]);
  });

  it.each([
    [{garbage: true}, 'not-json'],
    [{hugeBody: true}, 'too-large'],
  ] as const)('%o → %s', async (opts, kind) => {
    const f = await fake('openai-compatible', opts);
    const r = await probeServer(f.origin);
    expect(!r.ok && r.kind).toBe(kind);
  });

  it('redirect to another port → redirect, nothing sent there', async () => {
    const other = await fake('vllm');
    const f = await fake('openai-compatible', {redirectTo: other.origin});
    const r = await probeServer(f.origin, {apiKey: 'sk-never-leaves-origin-1'});
    expect(!r.ok && r.kind).toBe('redirect');
    expect(other.requests).toHaveLength(0);
  });

  it('a web server that is no model server: http-404', async () => {
    const f = await fake('openai-compatible');
    // Under this path prefix nothing exists: every probe gets a plain 404.
    const r = await probeServer(`${f.origin}/nothing-here`);
    expect(!r.ok && r.kind).toBe('http-404');
  });
});

describe('half-hanging server', () => {
  it('answers GET / and then nothing: one timeout after the home probe, not several', async () => {
    const {createServer} = await import('node:http');
    const server = createServer((req, res) => {
      if (req.url === '/') {
        res.writeHead(200, {'content-type': 'text/html'});
        res.end('<html>hello</html>');
      }
      // everything else: never answered
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const addr = server.address();
    const paths: string[] = [];
    server.on('request', (req) => paths.push(req.url ?? ''));
    try {
      const r = await probeServer(`http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`, {
        totalTimeoutMs: 200,
      });
      expect(!r.ok && r.kind).toBe('timeout');
      expect(paths).not.toContain('/health'); // no second round of waiting
    } finally {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});
