import {describe, expect, it} from 'vitest';
import {allChecks, runDoctor, renderDoctorText, reportOk, selectChecks, defineCheck} from '../../src/doctor/index.js';
import type {CheckResult, DoctorContext} from '../../src/doctor/types.js';
import {logProfileSegment} from '../../src/doctor/checks/system.js';
import {planFixes} from '../../src/app/fix.js';
import {parseConfigText} from '../../src/config/read.js';
import {HEALTHY_PROFILE, failure, lmstudioConfig, makeCtx, report} from './helpers.js';

const LM = 'http://127.0.0.1:1234/v1';
const loadedQwen = (ctxLen = 65536) => [
  {
    id: 'qwen/qwen3-coder-30b',
    state: 'loaded' as const,
    loadedContext: ctxLen,
    maxContext: 262144,
    quantization: 'Q4_K_M',
  },
];

async function run(ctx: DoctorContext, only?: string[]): Promise<CheckResult[]> {
  if (only) ctx.options.only = only;
  return (await runDoctor(ctx)).checks;
}
const byId = (rs: CheckResult[], id: string) => rs.filter((r) => r.id === id);

describe('doctor checks on plain data', () => {
  it('healthy LM Studio setup: every check passes or skips with a reason', async () => {
    const ctx = makeCtx(lmstudioConfig(), {
      [LM]: report('lmstudio', LM, loadedQwen(), {
        fingerprint: {kind: 'lmstudio', evidence: 't', origin: 'http://127.0.0.1:1234', version: '0.4.2'},
      }),
    });
    const rs = await run(ctx);
    const bad = rs.filter((r) => r.status !== 'pass' && r.status !== 'skip');
    expect(bad).toEqual([]);
    for (const r of rs.filter((x) => x.status === 'skip')) expect(r.message.length).toBeGreaterThan(5);
    expect(byId(rs, 'context.fits')[0].message).toContain('65,536 ≤ loaded context 65,536');
    expect(new Set(rs.map((r) => r.id))).toEqual(new Set(allChecks().map((c) => c.id)));
  });

  it('context.fits: contextWindow above the loaded context (no preload: LM Studio without /api/v1) fails; the server-side load comes first', async () => {
    const cfg = lmstudioConfig(LM, {contextWindow: 196608});
    const ctx = makeCtx(cfg, {[LM]: report('lmstudio', LM, loadedQwen(32768))});
    const [r] = byId(await run(ctx, ['context.fits']), 'context.fits');
    expect(r.status).toBe('fail');
    expect(r.severity).toBe('error');
    expect(r.message).toContain('contextWindow 196,608 > loaded context 32,768 (from LM Studio)');
    expect(r.evidence).toMatchObject({contextWindow: 196608, loadedContext: 32768});
    expect(r.fix!.command).toBe(
      'lms unload qwen/qwen3-coder-30b; lms load qwen/qwen3-coder-30b --context-length 196608',
    );
    // Lowering is offered only because 32,768 still holds the prompt need plus maxTokens.
    expect(r.alternatives![0].patch).toEqual([
      {op: 'set', path: ['models', 'providers', 'lmstudio', 'models', 0, 'contextWindow'], value: 32768},
    ]);
  });

  it("context.fits: with LM Studio's native API, OpenClaw reloads at contextWindow, so a smaller loaded context is not a failure", async () => {
    const cfg = lmstudioConfig(LM, {contextWindow: 131072});
    const models = loadedQwen(4096).map((m) => ({...m, maxContext: 262144, details: {source: '/api/v1/models'}}));
    const [r] = byId(await run(makeCtx(cfg, {[LM]: report('lmstudio', LM, models)}), ['context.fits']), 'context.fits');
    expect(r.status).toBe('pass');
    expect(r.message).toContain('reload it (loaded with 4,096) at 131,072');
    // Preload off: OpenClaw keeps the 4,096, below its own prompt: the call fails, and lowering the window is no fix.
    const off = lmstudioConfig(LM, {contextWindow: 131072}) as any;
    off.models.providers.lmstudio.params = {preload: false};
    const rs = byId(await run(makeCtx(off, {[LM]: report('lmstudio', LM, models)}), ['context.fits']), 'context.fits');
    expect(rs.map((x) => x.status)).toContain('fail');
    expect(rs.some((x) => /first prompt alone needs about 1\d,\d{3}/.test(x.message))).toBe(true);
    expect(
      rs.every(
        (x) =>
          !x.fix?.patch?.some((o) => o.path.at(-1) === 'contextWindow' && 'value' in o && (o.value as number) < 16_000),
      ),
    ).toBe(true);
  });

  it('server.reachable names the cause: refused, timeout, auth', async () => {
    const refused = byId(await run(makeCtx(lmstudioConfig(), {}), ['server.reachable']), 'server.reachable')[0];
    expect(refused.status).toBe('fail');
    expect(refused.message).toContain('connection refused at 127.0.0.1:1234');
    expect(refused.fix!.command).toBe('lms server start');
    const timeout = byId(
      await run(makeCtx(lmstudioConfig(), {[LM]: failure('timeout')}), ['server.reachable']),
      'server.reachable',
    )[0];
    expect(timeout.message).toContain('within 1,000 ms');
    const auth = byId(
      await run(makeCtx(lmstudioConfig(), {[LM]: failure('auth', 'HTTP 401', 401)}), ['server.reachable']),
      'server.reachable',
    )[0];
    expect(auth.message).toContain('apiKey in the config is wrong');
    expect(auth.path).toBe('models.providers.lmstudio.apiKey');
  });

  it('server.reachable: DNS, 200-with-an-error body, and a server still loading', async () => {
    const dns = byId(
      await run(makeCtx(lmstudioConfig(), {[LM]: failure('dns', 'cannot resolve host')}), ['server.reachable']),
      'server.reachable',
    )[0];
    expect(dns.message).toContain('cannot resolve');
    const body = report('lmstudio', LM, [], {
      modelsError: {
        ...failure(
          'error-body',
          'HTTP 200 with an error body: Unexpected endpoint or method. (GET /nope/v1/models)',
          200,
        ),
      },
    });
    const r = byId(
      await run(makeCtx(lmstudioConfig(), {[LM]: body}), ['server.reachable', 'model.listed']),
      'server.reachable',
    )[0];
    expect(r.status).toBe('fail');
    expect(r.message).toContain('server.base-url');
    const loading = report('llamacpp', LM, [], {
      fingerprint: {kind: 'llamacpp', evidence: 't', origin: 'x', loading: true} as any,
      modelsError: failure('http-503', 'HTTP 503: Loading model', 503),
    });
    const rs = await run(makeCtx(lmstudioConfig(), {[LM]: loading}), ['server.reachable', 'model.loaded']);
    expect(byId(rs, 'server.reachable')[0]).toMatchObject({status: 'warn'});
    expect(byId(rs, 'server.reachable')[0].message).toContain('still loading');
    expect(byId(rs, 'model.loaded')[0].message).toContain('still loading its model');
  });

  it('server checks skip when the server is down (no cascade of failures)', async () => {
    const rs = await run(makeCtx(lmstudioConfig(), {}), ['model.', 'context.fits', 'api.responses']);
    expect(rs.every((r) => r.status === 'skip')).toBe(true);
    expect(rs[0].message).toContain('not reachable');
  });

  it('hosted providers get no probes unless --include-hosted', async () => {
    const cfg = lmstudioConfig('https://api.example.com/v1');
    const seen: string[] = [];
    const ctx = makeCtx(cfg, {});
    ctx.server = async (u) => {
      seen.push(u);
      return failure('refused');
    };
    const [r] = await run(ctx, ['server.reachable']);
    expect(r.status).toBe('skip');
    expect(r.message).toContain('1 hosted');
    expect(seen).toEqual([]);
    ctx.options.includeHosted = true;
    await run(ctx, ['server.reachable']);
    expect(seen).toEqual(['https://api.example.com/v1']);
  });

  it('model.listed suggests the closest served ids and fixes a case-only mismatch', async () => {
    const cfg = lmstudioConfig(LM, {id: 'Qwen/Qwen3-Coder-30B'});
    (cfg.agents as any).defaults.model.primary = 'lmstudio/Qwen/Qwen3-Coder-30B';
    const ctx = makeCtx(cfg, {
      [LM]: report('lmstudio', LM, [...loadedQwen(), {id: 'google/gemma-3-12b', state: 'not-loaded'}]),
    });
    const [r] = byId(await run(ctx, ['model.listed']), 'model.listed');
    expect(r.status).toBe('fail');
    expect(r.message).toContain('closest: "qwen/qwen3-coder-30b"');
    expect(r.fix!.patch).toEqual([
      {op: 'set', path: ['models', 'providers', 'lmstudio', 'models', 0, 'id'], value: 'qwen/qwen3-coder-30b'},
      {op: 'set', path: ['agents', 'defaults', 'model', 'primary'], value: 'lmstudio/qwen/qwen3-coder-30b'},
    ]);
  });

  it('model.loaded: listed-but-unloaded warns with lms load, preload:false for JIT users, and timeoutSeconds', async () => {
    const cfg = lmstudioConfig();
    delete (cfg.models as any).providers.lmstudio.timeoutSeconds;
    const ctx = makeCtx(cfg, {
      [LM]: report('lmstudio', LM, [{id: 'qwen/qwen3-coder-30b', state: 'not-loaded', maxContext: 262144}]),
    });
    const rs = byId(await run(ctx, ['model.loaded', 'context.fits']), 'model.loaded');
    expect(rs[0].status).toBe('warn');
    expect(rs[0].message).toContain('listed but not loaded');
    expect(rs[0].fix!.command).toBe('lms load qwen/qwen3-coder-30b --context-length 65536');
    expect(rs[0].alternatives![0].patch![0]).toMatchObject({
      path: ['models', 'providers', 'lmstudio', 'params', 'preload'],
      value: false,
    });
    expect(rs[1].message).toContain('#74353');
    expect(rs[1].fix!.patch).toEqual([
      {op: 'set', path: ['models', 'providers', 'lmstudio', 'timeoutSeconds'], value: 600},
    ]);
  });

  it('api.responses: openai-responses on a server without /v1/responses fails with the switch and versions', async () => {
    const ctx = makeCtx(lmstudioConfig(), {
      [LM]: report('lmstudio', LM, loadedQwen(), {
        responses: 'no',
        fingerprint: {kind: 'lmstudio', evidence: 't', origin: 'x', version: '0.3.20'},
      }),
    });
    const [r] = byId(await run(ctx, ['api.responses']), 'api.responses');
    expect(r.status).toBe('fail');
    expect(r.message).toContain('LM Studio 0.3.20 has no /v1/responses (it arrived in LM Studio 0.3.29)');
    expect(r.fix!.patch).toEqual([
      {op: 'set', path: ['models', 'providers', 'lmstudio', 'api'], value: 'openai-completions'},
    ]);
  });

  it('api.responses: WhatsApp on a local primary without the Responses API warns about leaked reasoning', async () => {
    const cfg = lmstudioConfig();
    (cfg.models as any).providers.lmstudio.api = 'openai-completions';
    (cfg as any).channels = {whatsapp: {enabled: true, allowFrom: ['+15550001111']}};
    const ctx = makeCtx(cfg, {[LM]: report('lmstudio', LM, loadedQwen())});
    const rs = byId(await run(ctx, ['api.responses']), 'api.responses');
    const w = rs.find((r) => r.status === 'warn')!;
    expect(w.message).toContain('reasoning can leak');
    // The server serves /v1/responses: switching to it is the guide's fix; reasoning off is the alternative.
    expect(w.fix!.patch).toEqual([
      {op: 'set', path: ['models', 'providers', 'lmstudio', 'api'], value: 'openai-responses'},
    ]);
    expect(w.alternatives![0].patch).toEqual([
      {op: 'set', path: ['agents', 'defaults', 'reasoningDefault'], value: 'off'},
    ]);
  });

  it('safety: compaction off, no hosted fallback, aggressive quantization', async () => {
    const cfg = lmstudioConfig();
    (cfg.agents as any).defaults.compaction = {enabled: false};
    (cfg.agents as any).defaults.model.fallbacks = [];
    const ctx = makeCtx(cfg, {[LM]: report('lmstudio', LM, [{...loadedQwen()[0], quantization: 'Q2_K'}])});
    const rs = await run(ctx, ['safety.']);
    expect(byId(rs, 'safety.compaction')[0]).toMatchObject({status: 'warn'});
    expect(byId(rs, 'safety.compaction')[0].fix!.patch).toEqual([
      {op: 'set', path: ['agents', 'defaults', 'compaction', 'enabled'], value: true},
    ]);
    expect(byId(rs, 'safety.fallbacks')[0].message).toContain('no hosted fallback');
    expect(byId(rs, 'safety.quantization')[0].message).toContain('2-bit');
    expect(byId(rs, 'safety.exposure')[0].status).toBe('pass');
  });

  it('safety.exposure: a LAN baseUrl answering without a key warns', async () => {
    const url = 'http://192.168.1.20:11434';
    const cfg = {
      models: {
        providers: {
          ollama: {
            baseUrl: url,
            api: 'ollama',
            models: [{id: 'qwen3:32b', name: 'q', contextWindow: 32768, contextTokens: 32768}],
          },
        },
      },
      agents: {defaults: {model: {primary: 'ollama/qwen3:32b', fallbacks: ['openai/gpt-5']}}},
    };
    const ctx = makeCtx(cfg, {
      [url]: report('ollama', url, [{id: 'qwen3:32b', state: 'loaded', loadedContext: 32768}]),
    });
    const [r] = byId(await run(ctx, ['safety.exposure']), 'safety.exposure');
    expect(r.status).toBe('warn');
    expect(r.fix!.command).toContain('OLLAMA_HOST=127.0.0.1');
  });

  it('config checks: allowlist, merge mode, refs, duplicate keys', async () => {
    const cfg = lmstudioConfig();
    (cfg.models as any).mode = 'replace';
    (cfg.agents as any).defaults.modelPolicy = {allow: ['anthropic/claude-sonnet-4-5']};
    (cfg.agents as any).defaults.model.fallbacks.push('lmstudio/qwen/qwen3-coder-30B');
    const ctx = makeCtx(cfg, {});
    ctx.loaded.duplicateKeys = [{path: 'models.providers.lmstudio.baseUrl', line: 7, column: 5}];
    const rs = await run(ctx, ['config.']);
    expect(byId(rs, 'config.allowlist')[0].fix!.patch).toEqual([
      {
        op: 'append-unique',
        path: ['agents', 'defaults', 'modelPolicy', 'allow'],
        value: 'lmstudio/qwen/qwen3-coder-30b',
      },
    ]);
    expect(byId(rs, 'config.merge-mode')[0]).toMatchObject({status: 'fail'});
    expect(byId(rs, 'config.merge-mode')[0].fix!.patch).toEqual([
      {op: 'set', path: ['models', 'mode'], value: 'merge'},
    ]);
    const refs = byId(rs, 'config.model-refs');
    expect(refs.find((r) => r.provider === 'anthropic')!.message).toContain(
      'models.mode "replace" drops the bundled catalogs',
    );
    const typo = refs.find((r) => r.model === 'qwen/qwen3-coder-30B')!;
    expect(typo.message).toContain('did you mean "lmstudio/qwen/qwen3-coder-30b"');
    expect(typo.fix!.patch).toEqual([
      {op: 'set', path: ['agents', 'defaults', 'model', 'fallbacks', 1], value: 'lmstudio/qwen/qwen3-coder-30b'},
    ]);
    expect(byId(rs, 'config.duplicate-keys')[0].message).toContain('line 7:5');
  });

  it('config.model-refs: a hosted publisher prefix in a local id (#68447), a provider id with a space (#6267)', async () => {
    const cfg = lmstudioConfig(LM, {id: 'google/gemma-3-12b'});
    (cfg.agents as any).defaults.model.primary = 'lmstudio/google/gemma-3-12b';
    (cfg.models as any).providers['LM Studio'] = {
      baseUrl: 'http://127.0.0.1:1235/v1',
      api: 'openai-responses',
      models: [],
    };
    const rs = byId(await run(makeCtx(cfg), ['config.model-refs']), 'config.model-refs');
    expect(rs.find((r) => r.message.includes('#68447'))).toMatchObject({
      status: 'warn',
      severity: 'info',
      model: 'google/gemma-3-12b',
    });
    expect(rs.find((r) => r.message.includes('#6267'))!.message).toContain('"lm-studio"');
  });

  it('model.tools: OpenClaw 2026.7.1–2 with Ollama prints tool calls as text (#122224)', async () => {
    const ol = 'http://127.0.0.1:11434';
    const cfg = {
      models: {
        providers: {
          ollama: {
            baseUrl: ol,
            api: 'ollama',
            models: [{id: 'qwen3:32b', name: 'q', contextWindow: 32768, contextTokens: 32768}],
          },
        },
      },
      agents: {defaults: {model: {primary: 'ollama/qwen3:32b'}}},
    };
    const served = {
      [ol]: report('ollama', ol, [{id: 'qwen3:32b', state: 'loaded' as const, loadedContext: 32768, toolUse: true}]),
    };
    const old = await run(makeCtx(cfg, served, {}, {openclawVersion: async () => 'OpenClaw 2026.7.2 (abc1234)'}), [
      'model.tools',
    ]);
    expect(old.find((r) => r.message.includes('#122224'))!.fix!.command).toContain('openclaw@latest');
    const fresh = await run(makeCtx(cfg, served, {}, {openclawVersion: async () => 'OpenClaw 2026.9.6 (eb377ac)'}), [
      'model.tools',
    ]);
    expect(fresh.every((r) => r.status === 'pass')).toBe(true);
  });

  it('config.hidden-override: a stale per-agent models.json baseUrl fails with the file and both URLs', async () => {
    const ctx = makeCtx(
      lmstudioConfig(),
      {},
      {},
      {
        agentCatalogs: async () => [
          {
            agentId: 'main',
            path: '/cfg/agents/main/agent/models.json',
            value: {providers: {lmstudio: {baseUrl: 'http://10.0.0.9:1234/v1'}}},
          },
        ],
      },
    );
    const [r] = byId(await run(ctx, ['config.hidden-override']), 'config.hidden-override');
    expect(r.status).toBe('fail');
    expect(r.message).toContain('http://10.0.0.9:1234/v1');
    expect(r.message).toContain('#37309');
    expect(r.fix!.command).toBe('mv /cfg/agents/main/agent/models.json /cfg/agents/main/agent/models.json.stale');
  });

  it('node.version says which node the user has', async () => {
    const ctx = makeCtx(lmstudioConfig(), {}, {}, {nodeVersion: async () => 'v20.19.1'});
    const [r] = await run(ctx, ['node.version']);
    expect(r.status).toBe('warn');
    expect(r.message).toContain('node v20.19.1 on PATH');
    expect(r.evidence).toMatchObject({found: 'v20.19.1'});
  });

  it('openclaw.validate: legacy keys → openclaw doctor --fix; not installed → skip', async () => {
    const bad = makeCtx(
      lmstudioConfig(),
      {},
      {},
      {
        openclawValidation: async () => ({
          available: true,
          version: '2026.9.6',
          valid: false,
          issues: [{path: 'agents.defaults.llm', message: 'Unrecognized key: "llm"'}],
        }),
      },
    );
    const [r] = await run(bad, ['openclaw.validate']);
    expect(r.status).toBe('fail');
    expect(r.fix!.command).toBe('openclaw doctor --fix');
    const none = makeCtx(lmstudioConfig(), {}, {}, {openclawValidation: async () => ({available: false, issues: []})});
    expect((await run(none, ['openclaw.validate']))[0].status).toBe('skip');
  });

  it('logs.recent-errors ties log lines to causes, redacting keys', async () => {
    const log = [
      '2026-11-22T09:00:00Z info gateway started',
      '2026-11-22T09:01:00Z error provider lmstudio: 400 {"error":"The number of tokens to keep from the initial prompt is greater than the context length (n_keep: 40210>= n_ctx: 32768). Try to load the model with a larger context length, or provide a shorter input."}',
    ].join('\n');
    const files: string[] = [];
    const ctx = makeCtx(
      lmstudioConfig(),
      {},
      {},
      {readTail: async (p) => (files.push(p), p.endsWith('2026-11-22.log') ? log : null), logDir: '/logs'},
    );
    const [r] = await run(ctx, ['logs.recent-errors']);
    expect(files).toEqual(['/logs/openclaw-2026-11-22.log', '/logs/openclaw-2026-11-21.log']);
    expect(r.status).toBe('warn');
    expect(r.message).toMatch(/context overflow/i);
    expect(r.fix!.description).toContain('context.fits');
  });

  it("logs.recent-errors on OpenClaw's JSON log: the error's message, count, time and file, not raw escaped JSON", async () => {
    // The shape openclaw@2026.9.6 writes to /tmp/openclaw/openclaw-YYYY-MM-DD.log (tslog JSON lines).
    const line = (t: string) =>
      JSON.stringify({
        '0': '{"subsystem":"agent/embedded"}',
        '1': {
          event: 'embedded_run_agent_end',
          isError: true,
          error:
            'LM Studio has no model loaded: Error: No models loaded. Please load a model in the developer page or use the `lms load` command.',
          provider: 'lmstudio',
        },
        '2': 'embedded run agent end',
        _meta: {date: t},
        time: t,
      });
    const log = [line('2026-11-22T09:01:00.000Z'), line('2026-11-22T09:02:30.000Z')].join('\n');
    const ctx = makeCtx(
      lmstudioConfig(),
      {},
      {},
      {readTail: async (p) => (p.endsWith('2026-11-22.log') ? log : null), logDir: '/logs'},
    );
    const [r] = await run(ctx, ['logs.recent-errors']);
    expect(r.status).toBe('warn');
    expect(r.message).toMatch(
      /^2 lines with .* in \/logs\/openclaw-2026-11-22\.log; the last at 2026-11-22 09:02 UTC: "LM Studio has no model loaded: Error: No models loaded\. Please load a model in the developer page or use the `lms load` command\."/,
    );
    expect(r.message).not.toMatch(/\\"|\{"0"/);
  });

  it("logs.recent-errors reads the named profile's daily log, as OpenClaw names it", async () => {
    const files: string[] = [];
    const ctx = makeCtx(lmstudioConfig(), {}, {}, {readTail: async (p) => (files.push(p), null), logDir: '/logs'});
    ctx.env.OPENCLAW_PROFILE = 'Work_2';
    await run(ctx, ['logs.recent-errors']);
    expect(files).toEqual(['/logs/openclaw--1work-02-2026-11-22.log', '/logs/openclaw--1work-02-2026-11-21.log']);
    expect(logProfileSegment('default')).toBeUndefined();
    expect(logProfileSegment('a-b.c')).toBe('a--b-22e-c');
  });

  it('model.tools: compat.supportsTools false (#91434), a model not trained for tools, Ollama without models[] (#35436)', async () => {
    const cfg = lmstudioConfig(LM, {compat: {supportsTools: false}});
    const [r] = byId(
      await run(makeCtx(cfg, {[LM]: report('lmstudio', LM, loadedQwen())}), ['model.tools']),
      'model.tools',
    );
    expect(r.status).toBe('warn');
    expect(r.message).toContain('#91434');
    expect(r.fix!.patch).toEqual([
      {op: 'delete', path: ['models', 'providers', 'lmstudio', 'models', 0, 'compat', 'supportsTools']},
    ]);
    const noTools = makeCtx(lmstudioConfig(), {[LM]: report('lmstudio', LM, [{...loadedQwen()[0], toolUse: false}])});
    expect(byId(await run(noTools, ['model.tools']), 'model.tools')[0].message).toContain('not trained for tool use');
    const ol = 'http://127.0.0.1:11434';
    const disc = makeCtx(
      {
        models: {providers: {ollama: {baseUrl: ol, api: 'ollama', models: []}}},
        agents: {defaults: {model: {primary: 'ollama/qwen3:8b'}}},
      },
      {[ol]: report('ollama', ol, [])},
    );
    const [d] = byId(await run(disc, ['model.tools']), 'model.tools');
    expect(d.status).toBe('warn');
    expect(d.message).toContain('#35436');
  });

  it('hardware: a small machine gets the hosted-only verdict for a local primary, and the model does not fit', async () => {
    const tiny = {
      ...HEALTHY_PROFILE,
      platform: 'linux',
      ramTotalGB: 8,
      accelerators: [],
      usableAcceleratorMemoryGB: 0,
      usableSource: 'estimated' as const,
    };
    const ctx = makeCtx(lmstudioConfig(), {}, {}, {hardware: async () => tiny});
    const rs = await run(ctx, ['hardware.']);
    const tier = byId(rs, 'hardware.tier')[0];
    expect(tier.status).toBe('warn');
    expect(tier.evidence).toMatchObject({usableGB: 0});
    const fit = byId(rs, 'hardware.fit')[0];
    expect(['fail', 'warn']).toContain(fit.status);
    expect(fit.message).toMatch(/weights [\d.]+ GB \+ KV cache [\d.]+ GB at 65,536 tokens/);
    const big = await run(makeCtx(lmstudioConfig()), ['hardware.']);
    expect(big.map((r) => r.status)).toEqual(['pass', 'pass']);
  });

  it('latency.cold-start only with --probe; slow first token vs timeoutSeconds', async () => {
    const ctx = makeCtx(
      lmstudioConfig(),
      {[LM]: report('lmstudio', LM, loadedQwen())},
      {},
      {
        completion: async () => ({
          ok: true,
          elapsedMs: 400_000,
          timing: {firstTokenMs: 400_000, totalMs: 401_000, api: 'openai-responses'},
        }),
      },
    );
    expect((await run(ctx, ['latency.cold-start']))[0].status).toBe('skip');
    ctx.options.probe = true;
    const [r] = await run(ctx, ['latency.cold-start']);
    expect(r.status).toBe('warn');
    expect(r.evidence).toMatchObject({firstTokenMs: 400_000, timeoutSeconds: 600});
  });
});

describe('runner', () => {
  it('a check that throws is reported crashed, the others still run', async () => {
    const boom = defineCheck({
      id: 'x.boom',
      title: 'Boom',
      group: 'x',
      detect: () => {
        throw new Error('kaput');
      },
    });
    const fine = defineCheck({
      id: 'x.fine',
      title: 'Fine',
      group: 'x',
      detect: () => [{status: 'pass', message: 'ok'}],
    });
    const rep = await runDoctor(makeCtx(lmstudioConfig()), {checks: [boom, fine]});
    expect(rep.checks.map((c) => [c.id, c.status])).toEqual([
      ['x.boom', 'crashed'],
      ['x.fine', 'pass'],
    ]);
    expect(rep.checks[0].message).toContain('kaput');
  });
  it('a check that hangs is cut off at its budget', async () => {
    const hang = defineCheck({
      id: 'x.hang',
      title: 'Hang',
      group: 'x',
      budgetMs: () => 50,
      detect: () => new Promise(() => undefined),
    });
    const rep = await runDoctor(makeCtx(lmstudioConfig()), {checks: [hang]});
    expect(rep.checks[0]).toMatchObject({status: 'crashed'});
    expect(rep.checks[0].message).toContain('within 50 ms');
  });
  it('an empty result list is a skip; onStart/onResult stream', async () => {
    const empty = defineCheck({id: 'x.empty', title: 'E', group: 'x', detect: () => []});
    const seen: string[] = [];
    const rep = await runDoctor(makeCtx(lmstudioConfig()), {
      checks: [empty],
      onStart: (c) => seen.push(`start ${c.id}`),
      onResult: (c) => seen.push(`done ${c.id}`),
    });
    expect(rep.checks[0].status).toBe('skip');
    expect(seen).toEqual(['start x.empty', 'done x.empty']);
  });
  it('--only/--skip select by id or prefix', () => {
    const ids = (only: string[], skip: string[]) => selectChecks(allChecks(), {only, skip}).map((c) => c.id);
    expect(ids(['config.'], [])).toEqual(
      allChecks()
        .filter((c) => c.id.startsWith('config.'))
        .map((c) => c.id),
    );
    expect(ids(['config'], ['config.parse'])).not.toContain('config.parse');
    expect(ids(['node.version'], [])).toEqual(['node.version']);
  });
  it('severity threshold decides ok', () => {
    const r = (status: CheckResult['status'], severity: CheckResult['severity']): CheckResult => ({
      id: 'a',
      title: 'a',
      status,
      severity,
      message: '',
    });
    expect(reportOk([r('warn', 'warning')], 'error')).toBe(true);
    expect(reportOk([r('warn', 'warning')], 'warning')).toBe(false);
    expect(reportOk([r('warn', 'info')], 'warning')).toBe(true);
    expect(reportOk([r('warn', 'info')], 'info')).toBe(false);
    expect(reportOk([r('pass', 'info')], 'info')).toBe(true);
    expect(reportOk([r('fail', 'error')], 'error')).toBe(false);
  });
});

describe('fixes and rendering', () => {
  it('the fixes --fix applies are deduped and never contradict each other (planFixes)', async () => {
    const mk = (id: string, patch: any[]): CheckResult => ({
      id,
      title: id,
      status: 'fail',
      severity: 'error',
      message: '',
      fix: {kind: 'config', description: id, patch},
    });
    const plan = await planFixes(parseConfigText('{}\n', 'openclaw.json'), [
      mk('a', [{op: 'set', path: ['x'], value: 1}]),
      mk('b', [
        {op: 'set', path: ['x'], value: 1},
        {op: 'set', path: ['y'], value: 2},
      ]),
      mk('c', [
        {op: 'set', path: ['x'], value: 3},
        {op: 'set', path: ['z'], value: 4},
      ]),
      {...mk('d', [{op: 'set', path: ['w'], value: 5}]), status: 'pass'},
    ]);
    expect(plan.applied.flatMap((a) => a.ops)).toEqual([
      {op: 'set', path: ['x'], value: 1},
      {op: 'set', path: ['y'], value: 2},
    ]);
    expect(plan.applied.map((a) => a.result.id)).toEqual(['a', 'b']);
    expect(parseConfigText(plan.newText).value).toEqual({x: 1, y: 2});
  });
  it('text uses symbols (not colour alone), numbers, fixes and a summary', async () => {
    const cfg = lmstudioConfig(LM, {contextWindow: 196608});
    const rep = await runDoctor(makeCtx(cfg, {[LM]: report('lmstudio', LM, loadedQwen(32768))}));
    const text = renderDoctorText(rep, {color: false});
    expect(text).not.toContain('\u001b[');
    // Prose wraps at 80 columns; read it back as one line per result.
    expect(text.replace(/\n {6,}(?![$ ])/g, ' ')).toMatch(
      /✖ context\.fits \[lmstudio\/qwen\/qwen3-coder-30b\] {2}contextWindow 196,608 > loaded context 32,768/,
    );
    expect(text).toContain('✔ config.parse');
    expect(text).toContain('○ latency.cold-start');
    expect(text).toContain('$ lms unload qwen/qwen3-coder-30b; lms load qwen/qwen3-coder-30b --context-length 196608');
    expect(text).toMatch(/\d+ results: \d+ passed, \d+ warnings?, 1 failed, \d+ skipped/);
    expect(renderDoctorText(rep, {color: true})).toContain('\u001b[31m✖');
  });
});
