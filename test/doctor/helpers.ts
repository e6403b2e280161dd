/** Plain-data doctor contexts for unit tests: no network, no files. */
import type {LoadedConfig} from '../../src/core/types/config.js';
import {fakeLocation} from '../support/config.js';
import {viewConfig} from '../../src/core/config-view.js';
import type {DoctorContext, DoctorOptions} from '../../src/doctor/types.js';
import type {HardwareProfile} from '../../src/core/types/hardware.js';
import type {Failure, Result, ServedModel, ServerKind, ServerReport} from '../../src/core/types/servers.js';

export const HEALTHY_PROFILE: HardwareProfile = {
  schemaVersion: 1,
  platform: 'darwin',
  arch: 'arm64',
  ramTotalGB: 192,
  accelerators: [{kind: 'apple', name: 'Apple M2 Ultra', memoryGB: 192, memorySource: 'user', count: 1, unified: true}],
  usableAcceleratorMemoryGB: 144,
  usableSource: 'user',
  nodes: 1,
  notes: [],
};

export function options(o: Partial<DoctorOptions> = {}): DoctorOptions {
  return {probe: false, includeHosted: false, timeoutMs: 1000, only: [], skip: [], ...o};
}

export function report(
  kind: ServerKind,
  baseUrl: string,
  models: ServedModel[],
  extra: Partial<ServerReport> = {},
): Result<{report: ServerReport}> {
  return {
    ok: true,
    elapsedMs: 3,
    report: {
      baseUrl,
      fingerprint: {kind, evidence: 'test', origin: baseUrl.replace(/\/v1$/, ''), version: extra.fingerprint?.version},
      models,
      responses: 'yes',
      latencyMs: 3,
      ...extra,
    },
  };
}

export function failure(kind: Failure['kind'], message: string = kind, status?: number): Failure {
  return {ok: false, kind, message, status, elapsedMs: 1};
}

export function makeCtx(
  value: unknown,
  servers: Record<string, Result<{report: ServerReport}>> = {},
  o: Partial<DoctorOptions> = {},
  extra: Partial<DoctorContext> = {},
): DoctorContext {
  const text = JSON.stringify(value, null, 2);
  const loaded: LoadedConfig = {
    path: '/cfg/openclaw.json',
    exists: value !== undefined,
    text,
    value,
    duplicateKeys: [],
  };
  const location = fakeLocation('/cfg/openclaw.json', {exists: value !== undefined});
  return {
    location,
    loaded,
    view: value === undefined ? undefined : viewConfig(value, {}),
    env: {},
    options: options(o),
    hardware: async () => HEALTHY_PROFILE,
    server: async (baseUrl) => servers[baseUrl] ?? failure('refused', `connect ECONNREFUSED ${baseUrl}`),
    completion: async () => failure('other', 'no completion in unit tests'),
    openclawVersion: async () => null,
    now: () => new Date('2026-11-22T10:00:00Z'),
    configIssues: () => [],
    nodeVersion: async () => 'v24.16.0',
    agentCatalogs: async () => [],
    readTail: async () => null,
    ...extra,
  };
}

/** A correct LM Studio config with a hosted fallback and compaction on. */
export function lmstudioConfig(
  baseUrl = 'http://127.0.0.1:1234/v1',
  model: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    gateway: {mode: 'local'},
    models: {
      mode: 'merge',
      providers: {
        lmstudio: {
          baseUrl,
          apiKey: 'lmstudio-local',
          api: 'openai-responses',
          timeoutSeconds: 600,
          models: [
            {
              id: 'qwen/qwen3-coder-30b',
              name: 'Qwen3 Coder 30B',
              contextWindow: 65536,
              maxTokens: 8192,
              input: ['text'],
              ...model,
            },
          ],
        },
      },
    },
    agents: {
      defaults: {
        model: {primary: 'lmstudio/qwen/qwen3-coder-30b', fallbacks: ['anthropic/claude-sonnet-4-5']},
        compaction: {enabled: true, mode: 'safeguard'},
      },
    },
  };
}
