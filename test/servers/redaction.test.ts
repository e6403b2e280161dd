import {describe, expect, it} from 'vitest';
import {adapterFor, discoverDetailed, probeServer, redact} from '../../src/servers/index.js';
import {runServers} from '../../src/commands/servers.js';
import {memoryIo} from '../../src/cli/io.js';
import type {FakeServer} from '../fakes/index.js';
import {useFakes} from './helpers.js';

const {fake} = useFakes();
const KEY = 'sk-test-Zq8rT2vN5mK1pX7w';

function authHeaders(f: FakeServer): (string | string[] | undefined)[] {
  return f.requests.map((r) => r.headers.authorization).filter((h) => h !== undefined);
}

describe('redact', () => {
  it('removes known secrets, also URL- and JSON-escaped', () => {
    const key = 'my/secret+key"42';
    const text = `a ${key} b ${encodeURIComponent(key)} c ${JSON.stringify(key)}`;
    const out = redact(text, [key]);
    expect(out).not.toContain('secret');
  });

  it('removes Authorization values, key query params, URL credentials and token shapes', () => {
    const out = redact(
      'Authorization: Bearer abcdefghijklmnop; authorization="Basic dXNlcjpwYXNz" https://h/x?api_key=SECRET1&key=SECRET2 http://user:hunter2@host:1 sk-live-abcdefghijklmnopqrst hf_abcdefghijklmnopqrstu',
    );
    for (const s of [
      'abcdefghijklmnop',
      'dXNlcjpwYXNz',
      'SECRET1',
      'SECRET2',
      'hunter2',
      'abcdefghijklmnopqrst',
      'hf_abcdefghijklmnopqrstu',
    ]) {
      expect(out).not.toContain(s);
    }
    expect(out).toContain('sk-live-***');
    expect(out).not.toContain('sk-live-ab');
  });

  it('placeholder keys ("lmstudio", "ollama-local") are not scrubbed; real keys next to them still are', () => {
    const out = redact('{"kind": "lmstudio", "apiKey": "realSecretValue42", "name": "ollama-local"}', [
      'lmstudio',
      'ollama-local',
      'realSecretValue42',
    ]);
    expect(out).toBe('{"kind": "lmstudio", "apiKey": "***", "name": "ollama-local"}');
  });

  it('leaves ordinary text alone', () => {
    const text = 'qwen/qwen3-8b loaded (32,768 ctx) on http://127.0.0.1:1234/v1 task-runner';
    expect(redact(text)).toBe(text);
  });
});

describe('the apiKey never appears in results', () => {
  it('a server that echoes the key in its 401 body', async () => {
    const f = await fake('openai-compatible', {apiKey: 'the-right-one-000'});
    const raw = await fetch(`${f.v1}/models`, {headers: {authorization: `Bearer ${KEY}`}});
    expect(await raw.text()).toContain(KEY); // the body on the wire does contain it
    const r = await adapterFor('openai-compatible').listModels(f.v1, {apiKey: KEY});
    expect(!r.ok && r.kind).toBe('auth');
    expect(!r.ok && r.bodyExcerpt).toContain('Incorrect API key provided');
    expect(JSON.stringify(r)).not.toContain(KEY);
    expect(JSON.stringify(r)).not.toContain('Zq8rT2vN5mK1pX7w');
  });

  it('in every probe result, for every kind, with and without the right key', async () => {
    for (const kind of ['lmstudio', 'vllm', 'litellm', 'llamacpp', 'openai-compatible'] as const) {
      for (const serverKey of [KEY, 'other-key-123456']) {
        const f = await fake(kind, {apiKey: serverKey});
        const r = await probeServer(`${f.v1}?api_key=${KEY}`, {apiKey: KEY});
        expect(JSON.stringify(r)).not.toContain(KEY);
        const t = await adapterFor(kind).tinyCompletion(f.v1, 'nope', 'openai-completions', {apiKey: KEY});
        expect(JSON.stringify(t)).not.toContain(KEY);
      }
    }
  });

  it('servers --json and the human report with a configured key', async () => {
    const f = await fake('openai-compatible', {apiKey: 'wrong-on-purpose-1'});
    for (const json of [true, false]) {
      const io = memoryIo();
      const code = await runServers(
        {io, global: {color: false, json}, values: {}, args: []},
        {
          scan: {ports: []},
          configured: async () => ({configured: [{providerId: 'local', baseUrl: f.v1, apiKey: KEY}]}),
        },
      );
      expect(code).toBe(0);
      expect(io.out() + io.err()).not.toContain(KEY);
      expect(io.out()).toContain(`${f.port}`);
    }
  });
});

describe('Authorization goes only to the key owner', () => {
  it('discover sends each configured key only to its own origin', async () => {
    const mine = await fake('lmstudio', {apiKey: KEY});
    const other = await fake('vllm');
    const third = await fake('ollama');
    const r = await discoverDetailed({
      ports: [other.port, third.port],
      configured: [{providerId: 'lmstudio', baseUrl: mine.v1, apiKey: KEY}],
    });
    expect(r.servers.map((s) => s.fingerprint.kind).sort()).toEqual(['lmstudio', 'ollama', 'vllm']);
    expect(authHeaders(other)).toEqual([]);
    expect(authHeaders(third)).toEqual([]);
    expect(authHeaders(mine).length).toBe(mine.requests.length);
    expect(new Set(authHeaders(mine))).toEqual(new Set([`Bearer ${KEY}`]));
    expect(JSON.stringify(r)).not.toContain(KEY);
  });

  it('a top-level apiKey given to discover is not sprayed over every port', async () => {
    const a = await fake('vllm');
    await discoverDetailed({ports: [a.port], apiKey: KEY});
    expect(authHeaders(a)).toEqual([]);
  });

  it('after a cross-origin redirect, the other origin sees nothing at all', async () => {
    const elsewhere = await fake('openai-compatible');
    const f = await fake('lmstudio', {redirectTo: elsewhere.origin});
    const r = await probeServer(f.v1, {apiKey: KEY});
    expect(!r.ok && r.kind).toBe('redirect');
    expect(elsewhere.requests).toEqual([]);
    expect(new Set(authHeaders(f))).toEqual(new Set([`Bearer ${KEY}`]));
  });

  it('credential-looking extra headers follow the same rule as the key', async () => {
    const elsewhere = await fake('openai-compatible');
    const f = await fake('openai-compatible', {redirectTo: elsewhere.origin});
    const r = await adapterFor('openai-compatible').listModels(f.v1, {headers: {'X-Api-Key': KEY, 'X-Trace': 't1'}});
    expect(!r.ok && r.kind).toBe('redirect');
    expect(f.requests[0].headers['x-api-key']).toBe(KEY);
    expect(f.requests[0].headers['x-trace']).toBe('t1');
    expect(JSON.stringify(r)).not.toContain(KEY);
  });
});
