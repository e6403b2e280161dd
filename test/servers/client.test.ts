import {createServer, type Server} from 'node:http';
import {createServer as createTcpServer, type Socket} from 'node:net';
import {describe, expect, it} from 'vitest';
import {z} from 'zod';
import {networkFailure, requestJson, send} from '../../src/servers/http.js';
import {closedPort, useFakes} from './helpers.js';

const {fake, hanging} = useFakes();
const connections: Socket[] = [];
const createNetServer = (onConnect: (s: Socket) => void) =>
  createTcpServer((s) => {
    connections.push(s);
    onConnect(s);
  });
const Any = z.unknown();

/** A tiny server with one handler, closed after the test. */
async function serve(
  handler: Parameters<typeof createServer>[1],
): Promise<{origin: string; close(): Promise<void>; server: Server}> {
  const server = createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const addr = server.address();
  const origin = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  return {
    origin,
    server,
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}

describe('client failure kinds', () => {
  it('refused: nothing listening', async () => {
    const port = await closedPort();
    const r = await send(`http://127.0.0.1:${port}/v1/models`);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.kind).toBe('refused');
      expect(r.message).toContain(`127.0.0.1:${port}`);
    }
  });

  it('timeout: a port that accepts and never answers', async () => {
    const h = await hanging();
    const r = await send(`${h.origin}/v1/models`, {opts: {totalTimeoutMs: 300}});
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.kind).toBe('timeout');
  });

  it('timeout: a fake told to hang mid-run', async () => {
    const f = await fake('vllm');
    expect((await send(`${f.origin}/version`)).ok).toBe(true);
    f.set({hang: true});
    const r = await send(`${f.origin}/version`, {opts: {totalTimeoutMs: 200}});
    expect(!r.ok && r.kind).toBe('timeout');
  });

  it('not-json: a 200 with garbage', async () => {
    const f = await fake('vllm', {garbage: true});
    const r = await requestJson(`${f.v1}/models`, Any);
    expect(!r.ok && r.kind).toBe('not-json');
    if (!r.ok) expect(r.bodyExcerpt).toContain('nginx');
  });

  it('too-large: a streamed body over the cap stops reading', async () => {
    const f = await fake('openai-compatible', {hugeBody: true});
    const r = await requestJson(`${f.v1}/models`, Any);
    expect(!r.ok && r.kind).toBe('too-large');
    const small = await requestJson(`${f.v1}/models`, Any, {opts: {maxBytes: 10_000}});
    expect(!small.ok && small.kind).toBe('too-large');
  });

  it('too-large: refused up front from content-length', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(200, {'content-type': 'application/json', 'content-length': String(5_000_000)});
      res.write('{"a":');
      // never finishes: the client must not wait for the rest
    });
    try {
      const r = await send(`${s.origin}/x`, {opts: {totalTimeoutMs: 2000}});
      expect(!r.ok && r.kind).toBe('too-large');
    } finally {
      await s.close();
    }
  });

  it('redirect to another origin is reported, not followed, and no key reaches the other origin', async () => {
    const target = await fake('openai-compatible');
    const f = await fake('lmstudio', {redirectTo: target.origin});
    const r = await requestJson(`${f.v1}/models`, Any, {opts: {apiKey: 'sk-lm-redirect-secret-123456'}});
    expect(!r.ok && r.kind).toBe('redirect');
    if (!r.ok) {
      expect(r.message).toContain(target.origin);
      expect(JSON.stringify(r)).not.toContain('redirect-secret');
    }
    expect(target.requests).toHaveLength(0);
    expect(f.requests[0].headers.authorization).toBe('Bearer sk-lm-redirect-secret-123456');
  });

  it('same-origin redirect is followed and keeps the key', async () => {
    const s = await serve((req, res) => {
      if (req.url === '/old') {
        res.writeHead(307, {location: '/new'});
        res.end();
        return;
      }
      res.writeHead(200, {'content-type': 'application/json'});
      res.end(JSON.stringify({path: req.url, auth: req.headers.authorization ?? null}));
    });
    try {
      const r = await requestJson(`${s.origin}/old`, z.object({path: z.string(), auth: z.string().nullable()}), {
        opts: {apiKey: 'k-same-origin'},
      });
      expect(r.ok).toBe(true);
      if (r.ok) expect(r.data).toEqual({path: '/new', auth: 'Bearer k-same-origin'});
    } finally {
      await s.close();
    }
  });

  it('auth: 401 becomes kind auth with the server wording classified', async () => {
    const f = await fake('lmstudio', {apiKey: 'sk-lm-right-key-0000'});
    const r = await requestJson(`${f.origin}/api/v1/models`, Any);
    expect(!r.ok && r.kind).toBe('auth');
    if (!r.ok) {
      expect(r.status).toBe(401);
      expect(r.classified?.class.kind).toBe('auth');
      expect(r.classified?.server).toBe('lmstudio');
    }
    const good = await requestJson(`${f.origin}/api/v1/models`, Any, {opts: {apiKey: 'sk-lm-right-key-0000'}});
    expect(good.ok).toBe(true);
  });

  it('error-body: LM Studio answers 200 with an error for routes it does not serve', async () => {
    const f = await fake('lmstudio');
    const r = await requestJson(`${f.origin}/chat/completions`, Any, {method: 'POST', json: {}});
    expect(!r.ok && r.kind).toBe('error-body');
    if (!r.ok) {
      expect(r.status).toBe(200);
      expect(r.message).toContain('Unexpected endpoint or method');
    }
  });

  it('http-<status> and bad-shape', async () => {
    const f = await fake('vllm');
    const missing = await requestJson(`${f.origin}/nope`, Any);
    expect(!missing.ok && missing.kind).toBe('http-404');
    const shape = await requestJson(`${f.origin}/version`, z.object({version: z.number()}));
    expect(!shape.ok && shape.kind).toBe('bad-shape');
  });

  it('a port that speaks something else than HTTP (an SSH banner) is said to not speak HTTP', async () => {
    const tcp = createNetServer((sock) => {
      sock.on('error', () => {});
      sock.write('SSH-2.0-OpenSSH_9.6\r\n');
    });
    await new Promise<void>((r) => tcp.listen(0, '127.0.0.1', () => r()));
    const port = (tcp.address() as {port: number}).port;
    try {
      const r = await send(`http://127.0.0.1:${port}/v1/models`, {opts: {totalTimeoutMs: 2000}});
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.message).toBe(`http://127.0.0.1:${port} does not speak HTTP`);
    } finally {
      await new Promise<void>((r) => {
        tcp.close(() => r());
        for (const c of connections) c.destroy();
      });
    }
  });

  it('bad-url: not http(s), or not a URL at all', async () => {
    for (const u of ['ftp://127.0.0.1/x', 'localhost:1234', '', 'http://']) {
      const r = await send(u);
      expect(!r.ok && r.kind).toBe('bad-url');
    }
  });

  it('llama.cpp loading: 503 with the loading class', async () => {
    const f = await fake('llamacpp', {loading: true});
    const r = await requestJson(`${f.origin}/health`, Any);
    expect(!r.ok && r.kind).toBe('http-503');
    if (!r.ok) expect(r.classified?.class.kind).toBe('loading');
  });

  it('maps thrown network errors to kinds', () => {
    const u = new URL('https://example.invalid:8443/v1');
    expect(networkFailure({code: 'ENOTFOUND'}, false, u).kind).toBe('dns');
    expect(networkFailure({code: 'EAI_AGAIN'}, false, u).kind).toBe('dns');
    expect(networkFailure({code: 'DEPTH_ZERO_SELF_SIGNED_CERT'}, false, u).kind).toBe('tls');
    expect(networkFailure({code: 'ERR_TLS_CERT_ALTNAME_INVALID'}, false, u).kind).toBe('tls');
    expect(networkFailure({code: 'UND_ERR_CONNECT_TIMEOUT'}, false, u).kind).toBe('timeout');
    expect(networkFailure({code: 'UND_ERR_ABORTED'}, true, u).kind).toBe('timeout');
    expect(networkFailure({cause: {code: 'ECONNREFUSED'}}, false, u).kind).toBe('refused');
    expect(networkFailure(new Error('weird'), false, u).kind).toBe('other');
  });
});
