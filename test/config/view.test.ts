import {readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import fc from 'fast-check';
import JSON5 from 'json5';
import {describe, expect, it} from 'vitest';
import {isLocalBaseUrl, resolveRef, substituteEnvString, viewConfig} from '../../src/core/config-view.js';

const here = path.dirname(fileURLToPath(import.meta.url));

describe('viewConfig', () => {
  const value = {
    models: {
      mode: 'merge',
      providers: {
        lmstudio: {
          baseUrl: '${LM_BASE}/v1',
          apiKey: '${LM_API_TOKEN}',
          api: 'openai-responses',
          timeoutSeconds: 600,
          params: {preload: false},
          models: [
            {
              id: 'qwen/qwen3-8b',
              name: 'Qwen',
              contextWindow: 32768,
              contextTokens: 16384,
              maxTokens: 4096,
              reasoning: true,
              input: ['text', 7],
              compat: {supportsTools: true},
            },
            {name: 'no id'},
            {id: 'second', contextWindow: '4096'},
          ],
        },
        cloud: {baseUrl: 'https://api.example.com/v1', apiKey: {source: 'env', provider: 'default', id: 'CLOUD_KEY'}},
        broken: 'not an object',
      },
    },
    agents: {
      defaults: {
        model: {primary: 'lmstudio/qwen/qwen3-8b', fallbacks: ['cloud/x', 3]},
        models: {'lmstudio/qwen/qwen3-8b': {alias: 'Q'}, 'vllm/*': {}},
        modelPolicy: {allow: ['lmstudio/*', null]},
        compaction: {enabled: true, mode: 'safeguard', keepRecentTokens: 1},
        thinkingDefault: 'off',
        reasoningDefault: 'stream',
      },
    },
    channels: {whatsapp: {accounts: {a: {enabled: false}, b: {}}}},
    logging: {file: '/var/log/openclaw.log'},
  };

  it('exposes the typed parts, resolving ${VAR} in baseUrl and apiKey', () => {
    const view = viewConfig(value, {LM_BASE: 'http://127.0.0.1:1234', LM_API_TOKEN: 'tok', CLOUD_KEY: 'ck'});
    expect(view.mode).toBe('merge');
    expect(view.primary).toBe('lmstudio/qwen/qwen3-8b');
    expect(view.fallbacks).toEqual(['cloud/x']);
    expect(view.aliases).toEqual({'lmstudio/qwen/qwen3-8b': 'Q', 'vllm/*': undefined});
    expect(view.allow).toEqual(['lmstudio/*']);
    expect(view.compaction).toEqual({enabled: true, mode: 'safeguard'});
    expect(view.thinkingDefault).toBe('off');
    expect(view.reasoningDefault).toBe('stream');
    expect(view.whatsappEnabled).toBe(true);
    expect(view.loggingFile).toBe('/var/log/openclaw.log');
    const [lm, cloud, broken] = view.providers;
    expect(lm).toMatchObject({
      id: 'lmstudio',
      baseUrl: 'http://127.0.0.1:1234/v1',
      api: 'openai-responses',
      hasApiKey: true,
      apiKeyForRequests: 'tok',
      timeoutSeconds: 600,
      params: {preload: false},
      isLocal: true,
    });
    expect(lm.models).toEqual([
      {
        id: 'qwen/qwen3-8b',
        name: 'Qwen',
        contextWindow: 32768,
        contextTokens: 16384,
        maxTokens: 4096,
        reasoning: true,
        input: ['text'],
        index: 0,
        compat: {supportsTools: true},
      },
      {id: 'second', index: 2},
    ]);
    expect(cloud).toMatchObject({hasApiKey: true, apiKeyForRequests: 'ck', isLocal: false});
    expect(broken).toEqual({id: 'broken', hasApiKey: false, models: [], isLocal: false});
  });

  it('never exposes an unresolved key and keeps missing ${VAR} text in baseUrl', () => {
    const view = viewConfig(value, {});
    expect(view.providers[0].baseUrl).toBe('${LM_BASE}/v1');
    expect(view.providers[0].hasApiKey).toBe(true);
    expect(view.providers[0].apiKeyForRequests).toBeUndefined();
    expect(view.providers[1].apiKeyForRequests).toBeUndefined();
  });

  it('model as a plain string; whatsapp off when disabled', () => {
    const view = viewConfig({agents: {defaults: {model: 'ollama/qwen3'}}, channels: {whatsapp: {enabled: false}}});
    expect(view.primary).toBe('ollama/qwen3');
    expect(view.fallbacks).toEqual([]);
    expect(view.whatsappEnabled).toBe(false);
    expect(viewConfig({channels: {whatsapp: {accounts: {a: {enabled: false}}}}}).whatsappEnabled).toBe(false);
  });

  it('tolerates garbage and every corpus file', () => {
    fc.assert(
      fc.property(fc.anything(), (v) => {
        const view = viewConfig(v, {});
        expect(Array.isArray(view.providers)).toBe(true);
      }),
      {numRuns: 300},
    );
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (providers, defaults) => {
        viewConfig({models: {providers}, agents: {defaults}}, {});
      }),
      {numRuns: 300},
    );
    const dir = path.join(here, '../fixtures/configs');
    for (const name of readdirSync(dir).filter((f) => f.endsWith('.json5') && !f.includes('BAD'))) {
      expect(() => viewConfig(JSON5.parse(readFileSync(path.join(dir, name), 'utf8')), process.env)).not.toThrow();
    }
  });
});

describe('resolveRef', () => {
  const view = viewConfig({models: {providers: {LMStudio: {models: [{id: 'a/b'}]}, ollama: {}}}});
  it('finds provider (case-insensitive) and model (exact)', () => {
    expect(resolveRef(view, {provider: 'lmstudio', model: 'a/b'})?.model?.id).toBe('a/b');
    expect(resolveRef(view, {provider: 'LMStudio', model: 'A/B'})).toEqual({provider: view.providers[0]});
    expect(resolveRef(view, {provider: 'ollama', model: 'x'})?.provider.id).toBe('ollama');
    expect(resolveRef(view, {provider: 'nope', model: 'x'})).toBeUndefined();
    expect(resolveRef(view, undefined as never)).toBeUndefined();
  });
});

describe('isLocalBaseUrl', () => {
  it.each([
    'http://127.0.0.1:1234/v1',
    'http://localhost:11434',
    'http://LOCALHOST:1',
    'http://10.1.2.3:8000/v1',
    'http://172.16.0.1',
    'http://172.31.255.255',
    'http://192.168.1.50:1234/v1',
    'http://169.254.1.1',
    'http://[::1]:8080',
    'http://[fd12:3456::1]/v1',
    'http://[fe80::1]',
    'http://studio.local:1234/v1',
    'http://host.docker.internal:1234/v1',
    'http://ollama:11434',
    'http://vllm/v1',
    'http://0.0.0.0:1234',
    '127.0.0.1:1234',
    'http://[::ffff:192.168.1.2]:80',
    'http://example-host.tail000000.ts.net:1234/v1',
  ])('%s is local', (url) => expect(isLocalBaseUrl(url)).toBe(true));

  it.each([
    'https://api.openai.com/v1',
    'http://172.32.0.1',
    'http://172.15.0.1',
    'http://8.8.8.8',
    'http://203.0.113.5:8000',
    'http://[2001:db8::1]',
    'https://openrouter.ai/api/v1',
    'http://localhost.example.com',
    '',
    'not a url at all',
    '${BASE}/v1',
    'http://',
    'http://[::ffff:8.8.8.8]',
  ])('%s is not local', (url) => expect(isLocalBaseUrl(url)).toBe(false));

  it('never throws', () => {
    fc.assert(fc.property(fc.string(), (s) => typeof isLocalBaseUrl(s) === 'boolean'));
    expect(isLocalBaseUrl(undefined as never)).toBe(false);
  });
});

describe('substituteEnvString', () => {
  it('follows OpenClaw rules', () => {
    expect(substituteEnvString('${A}-$${A}-${a}-${MISSING}', {A: 'x'})).toBe('x-${A}-${a}-${MISSING}');
  });
});
