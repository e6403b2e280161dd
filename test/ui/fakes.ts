/**
 * Fake engines for the app's tests: plain data, recorded calls and writes,
 * and a doctor that streams results over a few ticks like the real one.
 */
import JSON5 from 'json5';
import type {ConfigLocation, LoadedConfig, PatchOp, WriteResult} from '../../src/core/types/config.js';
import {fakeLocation, loadedFromText} from '../support/config.js';
import {viewConfig, type ConfigView} from '../../src/core/config-view.js';
import {checkRef} from '../../src/core/stacks/answers.js';
import {hostedFallbackFix} from '../../src/doctor/checks/safety.js';
import type {HardwareVerdict} from '../../src/core/hardware.js';
import type {StackInfo, StackPlan} from '../../src/core/stacks.js';
import type {Check, CheckResult, DoctorReport} from '../../src/doctor/types.js';
import type {HardwareProfile} from '../../src/core/types/hardware.js';
import type {DiscoveredServer} from '../../src/core/types/servers.js';
import type {ConfigSnapshot, Discovery, Services} from '../../src/ui/services.js';

export const HOME = '/home/ann';
export const CONFIG_PATH = `${HOME}/.openclaw/openclaw.json`;

export const HOSTED_CONFIG = `{
  // my gateway
  gateway: {mode: "local"},
  agents: {defaults: {model: {primary: "anthropic/claude-sonnet-4-5", fallbacks: ["openai/gpt-5.1"]}}},
}
`;

export function location(path = CONFIG_PATH, exists = true): ConfigLocation {
  return fakeLocation(path, {
    exists,
    source: exists ? 'default' : 'new',
    reason: 'the default location',
    stateDir: `${HOME}/.openclaw`,
    home: HOME,
    candidates: [{path, exists}],
  });
}

/** What readConfig gives for this text, by the real parser ('' = no file). */
export function loadedFrom(text: string, path = CONFIG_PATH): LoadedConfig {
  return loadedFromText(text, path);
}

/** The real (pure) config view, as realServices builds it; undefined for a file that does not parse. */
export function viewOf(value: unknown): ConfigView | undefined {
  return value && typeof value === 'object' ? viewConfig(value, {}) : undefined;
}

export const PROFILE: HardwareProfile = {
  schemaVersion: 1,
  platform: 'linux',
  arch: 'x64',
  ramTotalGB: 64,
  accelerators: [
    {
      kind: 'nvidia',
      name: 'NVIDIA GeForce RTX 4090',
      memoryGB: 24,
      memorySource: 'nvidia-smi',
      count: 1,
      unified: false,
    },
  ],
  usableAcceleratorMemoryGB: 23,
  usableSource: 'nvidia-smi',
  nodes: 1,
  notes: [],
};

export function verdictFor(profile: HardwareProfile, nodes = 1): HardwareVerdict {
  const usable = profile.usableAcceleratorMemoryGB * nodes;
  return {
    usableAcceleratorMemoryGB: usable,
    tier:
      usable >= 160
        ? {id: 'quantized-minimax', label: 'MiniMax-capable', summary: 'MiniMax M2.1 4-bit fits.'}
        : {
            id: 'light',
            label: 'Light',
            summary: 'A single 24 GB GPU works only for lighter prompts with higher latency.',
          },
    fit: {
      model: 'MiniMax M2.1',
      build: 'MLX 4-bit gs32',
      weightsGB: 143,
      kvCacheGB: 50,
      overheadGB: 4,
      totalGB: 197,
      usableGB: usable,
      context: 196608,
      verdict: usable >= 197 ? 'fits' : 'does-not-fit',
      maxContextThatFits: 0,
      tokensPerSecond: {low: 20, high: 70, basis: '1008 GB/s'},
      aggressiveQuantization: false,
      notes: [],
    },
    recommendation: {
      stack: 'hybrid',
      setupStacks: ['hybrid', 'local-first', 'lmstudio'],
      why: 'Keep a hosted primary; a local model as fallback.',
    },
    notes: [],
  };
}

export const STACKS: StackInfo[] = [
  {
    id: 'lmstudio',
    label: 'Local primary: LM Studio + MiniMax M2.1',
    description: "the guide's full local setup",
    local: true,
    defaults: {
      providerId: 'lmstudio',
      baseUrl: 'http://127.0.0.1:1234/v1',
      api: 'openai-responses',
      model: 'minimax-m2.1-gs32',
      contextWindow: 196608,
      maxTokens: 8192,
    },
  },
  {
    id: 'hybrid',
    label: 'Hosted primary, local fallback',
    description: 'safe on small hardware',
    local: true,
    defaults: {
      providerId: 'lmstudio',
      baseUrl: 'http://127.0.0.1:1234/v1',
      api: 'openai-responses',
      contextWindow: 65536,
      maxTokens: 8192,
    },
  },
  {
    id: 'regional',
    label: 'Regional hosted (OpenRouter)',
    description: 'no local model',
    local: false,
    defaults: {providerId: 'openrouter', api: 'openai-completions'},
    regions: ['eu', 'us'],
    modelChoices: [
      {id: 'minimax/minimax-m2.1', name: 'MiniMax M2.1', contextWindow: 196608, maxTokens: 8192},
      {id: 'moonshotai/kimi-k2', name: 'Kimi K2', contextWindow: 131072, maxTokens: 8192},
    ],
  },
];

export function lmStudio(
  port = 1234,
  models: DiscoveredServer['models'] = [
    {id: 'minimax-m2.1-gs32', state: 'loaded', loadedContext: 32768, maxContext: 196608},
  ],
): DiscoveredServer {
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    port,
    fingerprint: {
      kind: 'lmstudio',
      version: '0.4.2',
      evidence: 'GET /api/v1/models',
      origin: `http://127.0.0.1:${port}`,
    },
    models,
    responses: 'yes',
    latencyMs: 3,
    foundVia: {kind: 'default-port'},
  };
}

/** Applies ops to the parsed value and prints JSON: good enough to check what was asked for. */
export function fakeApply(text: string, ops: PatchOp[]): string {
  const root = (text.trim() ? JSON5.parse(text) : {}) as Record<string, unknown>;
  for (const op of ops) {
    let node = root as Record<string | number, unknown>;
    for (const k of op.path.slice(0, -1)) {
      if (typeof node[k] !== 'object' || node[k] === null) node[k] = {};
      node = node[k] as Record<string | number, unknown>;
    }
    const last = op.path[op.path.length - 1];
    if (op.op === 'set') node[last] = op.value;
    else if (op.op === 'delete') delete node[last];
    else if (op.op === 'merge') node[last] = {...((node[last] as object) ?? {}), ...op.value};
    else {
      const arr = Array.isArray(node[last]) ? (node[last] as unknown[]) : [];
      if (!arr.some((x) => JSON.stringify(x) === JSON.stringify(op.value))) arr.push(op.value);
      node[last] = arr;
    }
  }
  return `${JSON.stringify(root, null, 2)}\n`;
}

export function fakeDiff(before: string, after: string, label: string): string {
  if (before === after) return '';
  const a = before.split('\n');
  const b = after.split('\n');
  return [
    `--- a/${label}`,
    `+++ b/${label}`,
    ...a.filter((l) => !b.includes(l)).map((l) => `-${l}`),
    ...b.filter((l) => !a.includes(l)).map((l) => `+${l}`),
  ].join('\n');
}

export function fakePlan(stack: StackInfo, answers: Parameters<Services['planStack']>[2]): StackPlan {
  const pid = answers.providerId ?? stack.defaults.providerId;
  const model = answers.model ?? stack.defaults.model ?? 'x';
  const ref = `${pid}/${model}`;
  const fallbacks = answers.fallbacks ?? ['anthropic/claude-sonnet-4-5'];
  const ops: PatchOp[] = [];
  if (stack.local) {
    ops.push({
      op: 'merge',
      path: ['models', 'providers', pid],
      value: {
        baseUrl: answers.baseUrl ?? stack.defaults.baseUrl,
        api: stack.defaults.api,
        models: [{id: model, contextWindow: answers.contextWindow, maxTokens: answers.maxTokens}],
      },
    });
  }
  ops.push({op: 'set', path: ['agents', 'defaults', 'model'], value: {primary: ref, fallbacks}});
  return {stack: stack.id, ops, warnings: [], primary: ref, fallbacks, providerId: pid, modelRef: ref};
}

export function check(id: string, title: string): Check {
  return {id, title, group: id.split('.')[0], detect: async () => []};
}

export interface FakeOptions {
  configText?: string;
  configExists?: boolean;
  profile?: HardwareProfile | Error;
  servers?: DiscoveredServer[];
  /** One list per doctor run (the last repeats). */
  doctorRuns?: CheckResult[][];
  writeError?: Error;
  /** Never resolve hardware detection / discovery (to see spinners). */
  hang?: ('hardware' | 'discovery')[];
  /** Replace any service. */
  overrides?: Partial<Services>;
}

export type FakeServices = Services & {
  writes: {path: string; text: string}[];
  calls: string[];
  plans: Parameters<Services['planStack']>[];
  /** The text the config has now (writes update it). */
  text(): string;
};

export function fakeServices(opts: FakeOptions = {}): FakeServices {
  let text = opts.configText ?? HOSTED_CONFIG;
  const writes: {path: string; text: string}[] = [];
  const calls: string[] = [];
  const plans: Parameters<Services['planStack']>[] = [];
  let doctorRun = 0;
  const never = <T>() => new Promise<T>(() => {});
  const base: Services = {
    runtime: () => ({node: '24.21.0', platform: 'linux', arch: 'x64'}),
    openclawVersion: async () => '2026.9.6',
    async loadConfig(): Promise<ConfigSnapshot> {
      calls.push('loadConfig');
      const exists = opts.configExists ?? true;
      const loaded = loadedFrom(exists ? text : '');
      return {location: location(CONFIG_PATH, exists), loaded, view: viewOf(loaded.value)};
    },
    async detectHardware() {
      calls.push('detectHardware');
      if (opts.hang?.includes('hardware')) return never();
      if (opts.profile instanceof Error) throw opts.profile;
      return opts.profile ?? PROFILE;
    },
    evaluate: async (profile, o) => verdictFor(profile, o.nodes ?? 1),
    // The use case's shape over this fake's (or a test's) detectHardware/evaluate: the configured local primary,
    // else the model the tier recommends. The real rule is app/hardware's, tested against `hardware --json`.
    async assessHardware({nodes}) {
      const profile = await services.detectHardware();
      const view = (await services.loadConfig()).view;
      const ref = view?.primary;
      const provider = ref ? view.providers.find((p) => p.id === ref.slice(0, ref.indexOf('/'))) : undefined;
      const n = nodes ?? profile.nodes ?? 1;
      if (ref && provider?.isLocal) {
        const context = provider.models.find((m) => m.id === ref.slice(ref.indexOf('/') + 1))?.contextWindow;
        const verdict = await services.evaluate(profile, {nodes: n, model: ref, context});
        return {profile, verdict, model: {id: ref, source: 'config'}, notes: [], modelNotes: []};
      }
      const first = await services.evaluate(profile, {nodes: n});
      const rec = first.recommendation;
      const verdict =
        first.fit || !rec.model
          ? first
          : await services.evaluate(profile, {
              nodes: n,
              model: rec.build ? `${rec.model}-${rec.build}` : rec.model,
              context: rec.contextCap,
            });
      return {profile, verdict, model: {id: rec.model ?? '', source: 'recommended'}, notes: [], modelNotes: []};
    },
    async discover(): Promise<Discovery> {
      calls.push('discover');
      if (opts.hang?.includes('discovery')) return never();
      return {
        servers: opts.servers ?? [lmStudio()],
        scanned: [
          {port: 1234, kind: 'lmstudio'},
          {port: 11434, kind: 'ollama'},
        ],
      };
    },
    async probe(baseUrl) {
      calls.push(`probe ${baseUrl}`);
      const found = (opts.servers ?? [lmStudio()]).find((srv) => baseUrl.startsWith(srv.baseUrl));
      return found
        ? {ok: true, elapsedMs: 3, report: found}
        : {ok: false, kind: 'refused', message: 'connection refused', elapsedMs: 1};
    },
    listStacks: async () => STACKS,
    async planStack(id, current, answers) {
      plans.push([id, current, answers]);
      const stack = STACKS.find((s) => s.id === id)!;
      return fakePlan(stack, answers);
    },
    async setupText(id, loaded, answers) {
      const plan = await this.planStack(id, loaded.value, answers);
      return {plan, newText: fakeApply(loaded.text, plan.ops)};
    },
    propose: async (loaded, newText, label) => ({
      loaded,
      newText,
      changed: newText !== loaded.text,
      diff: fakeDiff(loaded.text, newText, label),
      newIssues: [],
      backupPath: loaded.exists ? `${loaded.path}.local-doctor-20261122T101500Z.bak` : undefined,
      at: new Date('2026-11-22T10:15:00Z'),
    }),
    openclawValidate: async () => ({available: true, version: '2026.9.6', valid: true, issues: []}),
    async commit({loaded, newText}): Promise<WriteResult> {
      calls.push('writeConfig');
      await new Promise((r) => setTimeout(r, 5));
      if (opts.writeError) throw opts.writeError;
      writes.push({path: loaded.path, text: newText});
      text = newText;
      return {
        path: loaded.path,
        targetPath: loaded.path,
        backupPath: `${loaded.path}.local-doctor-20261122T101500Z.bak`,
        created: !loaded.exists,
        newIssues: [],
      };
    },
    async runDoctor(handlers): Promise<DoctorReport> {
      calls.push('runDoctor');
      const runs = opts.doctorRuns ?? [
        [{id: 'config.parse', status: 'pass', severity: 'info', title: 'config', message: 'parsed, valid'}],
      ];
      const results = runs[Math.min(doctorRun, runs.length - 1)];
      doctorRun++;
      for (const r of results) {
        const c = check(r.id, r.title);
        handlers.onStart?.(c);
        await new Promise((res) => setTimeout(res, 5));
        handlers.onResult?.(c, [r]);
      }
      return {
        schemaVersion: 1,
        ok: !results.some((r) => r.status === 'fail'),
        configPath: CONFIG_PATH,
        checks: results,
        durationMs: 20,
      };
    },
    async addFallback(loaded, ref) {
      calls.push(`addFallback ${ref}`);
      const valid = checkRef(ref, 'fallbacks', 'the fallback');
      const view = viewConfig(loaded.value);
      const fix = hostedFallbackFix(loaded.value, view.primary ?? '', view.allow, valid);
      return {
        newText: fakeApply(loaded.text, fix.patch!),
        fixed: [{id: 'safety.fallbacks', description: fix.description}],
      };
    },
    async configFixes(loaded, results) {
      const fixes = results.filter((r) => r.fix?.kind === 'config' && r.fix.patch);
      return {
        newText: fakeApply(
          loaded.text,
          fixes.flatMap((r) => r.fix!.patch!),
        ),
        fixed: fixes.map((r) => ({id: r.id, description: r.fix!.description})),
      };
    },
  };
  const services: FakeServices = Object.assign({...base, ...opts.overrides}, {writes, calls, plans, text: () => text});
  return services;
}
