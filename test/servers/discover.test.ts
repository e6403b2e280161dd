import {describe, expect, it} from 'vitest';
import {DEFAULT_PORTS, discover, discoverDetailed, isLocalHost, scanOptionsFromEnv} from '../../src/servers/index.js';
import {closedPort, useFakes} from './helpers.js';

const {fake, hanging} = useFakes();

describe('discover', () => {
  it('finds every fake on injected ports, with fingerprint and models, sorted by port', async () => {
    const fakes = await Promise.all([
      fake('lmstudio'),
      fake('ollama'),
      fake('vllm'),
      fake('llamacpp'),
      fake('litellm'),
    ]);
    const dead = await closedPort();
    const servers = await discover({ports: [...fakes.map((f) => f.port), dead]});
    expect(servers.map((s) => s.port)).toEqual(fakes.map((f) => f.port).sort((a, b) => a - b));
    const kinds = Object.fromEntries(servers.map((s) => [s.port, s.fingerprint.kind]));
    for (const f of fakes) expect(kinds[f.port]).toBe(f.kind === 'lmstudio-0.3' ? 'lmstudio' : f.kind);
    for (const s of servers) {
      expect(s.foundVia).toEqual({kind: 'default-port'});
      expect(s.models.length).toBeGreaterThan(0);
    }
  });

  it('reports what is on the ports with nothing: refused and timeout', async () => {
    const dead = await closedPort();
    const h = await hanging();
    const r = await discoverDetailed({ports: [dead, h.port], totalTimeoutMs: 300});
    expect(r.servers).toEqual([]);
    const kinds = Object.fromEntries(r.misses.map((m) => [m.port, m.failure.kind]));
    expect(kinds).toEqual({[dead]: 'refused', [h.port]: 'timeout'});
  });

  it('configured baseUrls are probed with their provider id; a default port with the same root is merged', async () => {
    const f = await fake('lmstudio');
    const r = await discoverDetailed({
      ports: [f.port],
      configured: [
        {providerId: 'lmstudio', baseUrl: `${f.v1}/`},
        {providerId: 'openrouter', baseUrl: 'https://openrouter.ai/api/v1', apiKey: 'sk-or-v1-abcdefghijklmnop'},
        {providerId: 'broken', baseUrl: 'not a url'},
      ],
    });
    expect(r.servers).toHaveLength(1);
    expect(r.servers[0].foundVia).toEqual({kind: 'config', providerId: 'lmstudio'});
    expect(r.skipped.map((s) => s.providerId).sort()).toEqual(['broken', 'openrouter']);
  });

  it('localhost and 127.0.0.1 are one server', async () => {
    const f = await fake('vllm');
    const r = await discoverDetailed({
      ports: [f.port],
      configured: [{providerId: 'vllm', baseUrl: `http://localhost:${f.port}/v1`}],
    });
    expect(r.servers.length + r.misses.length).toBe(1);
  });

  it('llama.cpp while loading is still listed as a server', async () => {
    const f = await fake('llamacpp', {loading: true});
    const [s] = await discover({ports: [f.port]});
    expect(s.fingerprint).toMatchObject({kind: 'llamacpp', loading: true});
    expect(s.modelsError?.classified?.class.kind).toBe('loading');
  });

  it('the default ports: finishes and returns an array (whatever runs on this machine)', async () => {
    const servers = await discover({totalTimeoutMs: 1000});
    expect(Array.isArray(servers)).toBe(true);
    for (const s of servers) expect(DEFAULT_PORTS.map((d) => d.port)).toContain(s.port);
  });
});

describe('scan options', () => {
  it('local hosts', () => {
    for (const h of [
      '127.0.0.1',
      'localhost',
      '::1',
      '[::1]',
      '192.168.1.20',
      '10.0.0.5',
      '172.20.0.1',
      'gpu-box',
      'studio.local',
      'host.docker.internal',
    ]) {
      expect(isLocalHost(h)).toBe(true);
    }
    // fdic.gov / fcc.gov: names that merely start like an IPv6 unique-local prefix are public.
    for (const h of ['openrouter.ai', 'api.openai.com', '8.8.8.8', '172.32.0.1', 'fdic.gov', 'fcc.gov'])
      expect(isLocalHost(h)).toBe(false);
  });

  it('host and ports from the environment', () => {
    expect(scanOptionsFromEnv({})).toEqual({});
    expect(
      scanOptionsFromEnv({OPENCLAW_LOCAL_DOCTOR_PORTS: '1234, 99999,x,8080', OPENCLAW_LOCAL_DOCTOR_HOST: '::1'}),
    ).toEqual({host: '::1', ports: [1234, 8080]});
    expect(scanOptionsFromEnv({OPENCLAW_LOCAL_DOCTOR_PORTS: ''})).toEqual({ports: []});
  });
});
