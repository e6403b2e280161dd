import {afterEach, describe, expect, it} from 'vitest';
import {FAKE_KINDS, startFake, startHangingServer, type FakeServer} from '../fakes/index.js';

let open: {close(): Promise<void>}[] = [];
afterEach(async () => {
  await Promise.all(open.map((s) => s.close()));
  open = [];
});
async function fake(...args: Parameters<typeof startFake>): Promise<FakeServer> {
  const f = await startFake(...args);
  open.push(f);
  return f;
}

describe('fake servers', () => {
  it.each(FAKE_KINDS)('%s serves /v1/models and records requests', async (kind) => {
    const f = await fake(kind);
    const res = await fetch(`${f.v1}/models`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as {data: {id: string}[]};
    expect(body.data.length).toBeGreaterThan(0);
    expect(f.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /v1/models']);
  });

  it('LM Studio: loads above loadLimit fail and keep the old instance; JIT off answers "No models loaded"; enforceLoadedContext refuses a prompt over the loaded context (tools counted)', async () => {
    const f = await fake('lmstudio', {
      models: [{id: 'm', loaded: true, loadedContext: 4096, maxContext: 131072}],
      loadLimit: 32768,
      enforceLoadedContext: true,
    });
    const load = (n: number) =>
      fetch(`${f.origin}/api/v1/models/load`, {method: 'POST', body: JSON.stringify({model: 'm', context_length: n})});
    expect((await load(65536)).status).toBe(500);
    const v1 = (await (await fetch(`${f.origin}/api/v1/models`)).json()) as any;
    expect(v1.models[0].loaded_instances[0].config.context_length).toBe(4096);
    const tools = [{type: 'function', name: 't', description: 'x'.repeat(20_000), parameters: {}}];
    const ask = () =>
      fetch(`${f.v1}/responses`, {
        method: 'POST',
        body: JSON.stringify({model: 'm', input: 'hi', tools, stream: false}),
      });
    const over = await ask();
    expect(over.status).toBe(400);
    expect(JSON.stringify(await over.json())).toContain('greater than the context length');
    expect((await load(32768)).status).toBe(200);
    expect((await ask()).status).toBe(200);

    const cold = await fake('lmstudio', {models: [{id: 'm', loaded: false}], jit: false});
    const res = await fetch(`${cold.v1}/chat/completions`, {
      method: 'POST',
      body: JSON.stringify({model: 'm', messages: [{role: 'user', content: 'hi'}]}),
    });
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain('No models loaded');
  });

  it('LM Studio answers unknown routes with 200 and an error body', async () => {
    const f = await fake('lmstudio');
    const res = await fetch(`${f.origin}/chat/completions`, {method: 'POST', body: '{}'});
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({error: 'Unexpected endpoint or method. (POST /chat/completions)'});
  });

  it('LM Studio 0.3 has no /api/v1 and no /v1/responses before 0.3.29', async () => {
    const f = await fake('lmstudio-0.3');
    expect(await (await fetch(`${f.origin}/api/v1/models`)).json()).toHaveProperty('error');
    const r = await fetch(`${f.v1}/responses`, {method: 'POST', body: '{}'});
    expect(await r.json()).toEqual({error: 'Unexpected endpoint or method. (POST /v1/responses)'});
    f.set({version: '0.3.30'});
    expect((await fetch(`${f.v1}/responses`, {method: 'POST', body: '{}'})).status).toBe(400);
  });

  it('set() changes behaviour on the fly and close() ends hanging sockets', async () => {
    const f = await fake('vllm');
    f.set({hang: true});
    const ac = new AbortController();
    const pending = fetch(`${f.origin}/version`, {signal: ac.signal}).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 50));
    await f.close();
    expect(await pending).toBeInstanceOf(Error);
  });

  it('hanging server accepts and never answers', async () => {
    const h = await startHangingServer();
    open.push(h);
    const res = await fetch(h.origin, {signal: AbortSignal.timeout(200)}).catch((e: unknown) => e);
    expect(res).toBeInstanceOf(Error);
  });

  it('llama.cpp streams, and overflows with its own error when asked', async () => {
    const f = await fake('llamacpp', {contextErrorAt: 10});
    const res = await fetch(`${f.v1}/chat/completions`, {
      method: 'POST',
      body: JSON.stringify({model: 'x', messages: [{role: 'user', content: 'x'.repeat(400)}]}),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as {error: {type: string; n_ctx: number; n_prompt_tokens: number}};
    expect(body.error.type).toBe('exceed_context_size_error');
    expect(body.error.n_ctx).toBe(10);
    expect(body.error.n_prompt_tokens).toBe(100);
  });

  it('Ollama native chat streams NDJSON', async () => {
    const f = await fake('ollama', {models: [{id: 'qwen3:8b', loaded: false}]});
    const res = await fetch(`${f.origin}/api/chat`, {
      method: 'POST',
      body: JSON.stringify({model: 'qwen3:8b', messages: [{role: 'user', content: 'hi'}]}),
    });
    const lines = (await res.text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as {done: boolean});
    expect(lines.at(-1)?.done).toBe(true);
    const ps = (await (await fetch(`${f.origin}/api/ps`)).json()) as {models: {context_length: number}[]};
    expect(ps.models[0].context_length).toBe(4096);
  });
});

describe('serve.ts (standalone fake)', () => {
  it('prints its origin first and serves until killed', async () => {
    const {spawn} = await import('node:child_process');
    const {fileURLToPath} = await import('node:url');
    const script = fileURLToPath(new URL('../fakes/serve.ts', import.meta.url));
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', script, 'lmstudio', '--port', '0', '--model', 'minimax-m2.1-gs32:196608', '--unloaded'],
      {
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    try {
      const origin = await new Promise<string>((resolve, reject) => {
        let buf = '';
        child.stdout.on('data', (d: Buffer) => {
          buf += d.toString();
          const nl = buf.indexOf('\n');
          if (nl >= 0) resolve(buf.slice(0, nl));
        });
        child.on('exit', (code) => reject(new Error(`serve.ts exited early (${code})`)));
      });
      expect(origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const body = (await (await fetch(`${origin}/api/v1/models`)).json()) as {
        models: {key: string; loaded_instances: unknown[]; max_context_length: number}[];
      };
      expect(body.models).toEqual([
        expect.objectContaining({key: 'minimax-m2.1-gs32', loaded_instances: [], max_context_length: 196608}),
      ]);
    } finally {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
  });
});
