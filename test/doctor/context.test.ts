/** createDoctorContext's memoised server probe: once per server and key in a doctor run. */
import {describe, expect, it} from 'vitest';
import type {ConfigLocation, LoadedConfig} from '../../src/core/types/config.js';
import {createDoctorContext, runDoctor} from '../../src/doctor/index.js';
import type {ClientOptions} from '../../src/core/types/servers.js';
import {HEALTHY_PROFILE, lmstudioConfig, options, report} from './helpers.js';

const LM = 'http://127.0.0.1:1234/v1';

function contextFor(value: Record<string, unknown>, calls: {baseUrl: string; apiKey?: string}[]) {
  const text = JSON.stringify(value);
  const path = '/cfg/openclaw.json';
  const loaded: LoadedConfig = {path, exists: true, text, value, duplicateKeys: []};
  const location: ConfigLocation = {
    path,
    exists: true,
    source: 'flag',
    reason: 'test',
    stateDir: '/cfg',
    home: '/home/t',
    candidates: [],
    legacyFound: [],
    readOnly: false,
  };
  return createDoctorContext({
    location,
    loaded,
    env: {},
    options: options(),
    detector: {detect: async () => HEALTHY_PROFILE},
    probe: async (baseUrl: string, opts?: ClientOptions) => {
      calls.push({baseUrl, apiKey: opts?.apiKey});
      return report('lmstudio', baseUrl, [{id: 'qwen/qwen3-coder-30b', state: 'loaded', loadedContext: 65536}]);
    },
    validate: async () => ({available: false, issues: []}),
    openclawVersion: async () => null,
    nodeVersion: async () => 'v24.16.0',
    logDir: '/nonexistent-ocld-logs',
  });
}

describe('doctor context: server probes', () => {
  it('probes a server once per run, however many checks ask about it', async () => {
    const calls: {baseUrl: string; apiKey?: string}[] = [];
    const rep = await runDoctor(contextFor(lmstudioConfig(LM), calls));
    expect(rep.checks.filter((c) => c.id.startsWith('server.') || c.id.startsWith('model.')).length).toBeGreaterThan(2);
    expect(calls).toEqual([{baseUrl: LM, apiKey: 'lmstudio-local'}]);
  });

  it('two providers on one baseUrl with different keys each get a probe with their own key', async () => {
    const cfg = lmstudioConfig(LM) as {models: {providers: Record<string, Record<string, unknown>>}};
    cfg.models.providers.lmstudio.apiKey = 'key-one-aaaaaaaa';
    cfg.models.providers.second = {...cfg.models.providers.lmstudio, apiKey: 'key-two-bbbbbbbb'};
    const calls: {baseUrl: string; apiKey?: string}[] = [];
    await runDoctor(contextFor(cfg, calls));
    expect(calls.map((c) => c.apiKey).sort()).toEqual(['key-one-aaaaaaaa', 'key-two-bbbbbbbb']);
  });
});
