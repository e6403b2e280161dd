/**
 * The doctor as users run it: a real temp config (temp HOME, --config), fake
 * servers on 127.0.0.1, an injected hardware profile. One test per failure mode
 * the guide and openclaw-config.md §7 list, plus a healthy setup with no alarms.
 */
import {describe, expect, it} from 'vitest';
import {existsSync, mkdirSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {startHangingServer} from '../fakes/index.js';
import JSON5 from 'json5';
import {hostedFallbackFix} from '../../src/doctor/checks/safety.js';
import {configText, testLifecycle, type TempSetup} from './env.js';

const QWEN = {
  id: 'qwen/qwen3-coder-30b',
  loaded: true,
  loadedContext: 65536,
  maxContext: 262144,
  toolUse: true,
  quantization: 'Q4_K_M',
};
const {fake, setup, cleanups} = testLifecycle();
const results = (json: any, id: string): any[] => json.checks.filter((c: any) => c.id === id);
const one = (json: any, id: string): any => {
  const r = results(json, id);
  expect(r.length, `${id} results`).toBeGreaterThan(0);
  return r.find((x: any) => x.status === 'fail') ?? r.find((x: any) => x.status === 'warn') ?? r[0];
};

describe('doctor against fake servers and real temp configs', () => {
  it('healthy: LM Studio with the model loaded at full context, hosted fallback, compaction on → no alarms', async () => {
    const lm = await fake('lmstudio', {models: [QWEN]});
    const s = setup();
    s.write(configText({baseUrl: lm.v1, api: 'openai-responses', contextWindow: 65536, logFile: s.logFile}));
    const {code, json, err} = await s.doctor(['--json']);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(json.schemaVersion).toBe(1);
    expect(json.ok).toBe(true);
    expect(json.configPath).toBe(s.configPath);
    const alarms = json.checks.filter((c: any) => c.status !== 'pass' && c.status !== 'skip');
    expect(alarms).toEqual([]);
    for (const c of json.checks.filter((x: any) => x.status === 'skip')) expect(c.message).toMatch(/\w{4}/);
    expect(one(json, 'context.fits').message).toContain('contextWindow 65,536 ≤ loaded context 65,536');
    expect(one(json, 'node.version').message).toContain('v24.16.0');
    expect(one(json, 'server.reachable').status).toBe('pass');
    expect(one(json, 'model.loaded').status).toBe('pass');
    expect(one(json, 'api.responses').status).toBe('pass');
    // Strict --severity-min info still finds nothing.
    expect((await s.doctor(['--json', '--severity-min', 'info'])).code).toBe(0);
  });

  it('server down (refused): server.reachable fails with the start command, other server checks skip', async () => {
    const lm = await fake('lmstudio', {models: [QWEN]});
    const url = lm.v1;
    await lm.close();
    const s = setup();
    s.write(configText({baseUrl: url, contextWindow: 65536, logFile: s.logFile}));
    const {code, json} = await s.doctor(['--json']);
    expect(code).toBe(1);
    const r = one(json, 'server.reachable');
    expect(r).toMatchObject({status: 'fail', severity: 'error', provider: 'lmstudio'});
    expect(r.message).toContain('connection refused');
    expect(r.fix.command).toBe(`lms server start --port ${new URL(url).port}`);
    expect(one(json, 'context.fits').status).toBe('skip');
    expect(one(json, 'model.listed').status).toBe('skip');
  });

  it('hanging server: times out within --timeout-ms and says so', async () => {
    const hang = await startHangingServer();
    cleanups.push(() => hang.close());
    const s = setup();
    s.write(configText({baseUrl: `${hang.origin}/v1`, contextWindow: 65536, logFile: s.logFile}));
    const {code, json} = await s.doctor(['--json', '--timeout-ms', '400', '--only', 'server.reachable']);
    expect(code).toBe(1);
    const r = one(json, 'server.reachable');
    expect(r.status).toBe('fail');
    expect(r.evidence.cause).toBe('timeout');
    expect(r.message).toContain('within 400 ms');
  });

  it('auth: server needs a key the config lacks', async () => {
    const lm = await fake('vllm', {
      models: [{id: 'qwen3-coder-30b', loaded: true, loadedContext: 65536}],
      apiKey: 'sk-server-secret-123',
    });
    const s = setup();
    s.write(
      configText({
        providerId: 'vllm',
        baseUrl: lm.v1,
        model: 'qwen3-coder-30b',
        contextWindow: 65536,
        apiKey: 'wrong-key',
        logFile: s.logFile,
      }),
    );
    const {json, out} = await s.doctor(['--json', '--only', 'server.reachable']);
    const r = one(json, 'server.reachable');
    expect(r.status).toBe('fail');
    expect(r.message).toMatch(/401|API key|apiKey/);
    expect(out).not.toContain('sk-server-secret-123');
    expect(out).not.toContain('wrong-key');
  });

  it('LM Studio model listed but unloaded (cold start): warns with lms load and a timeoutSeconds fix', async () => {
    const lm = await fake('lmstudio', {models: [{...QWEN, loaded: false, loadedContext: undefined}]});
    const s = setup();
    s.write(configText({baseUrl: lm.v1, contextWindow: 65536, timeoutSeconds: 60, logFile: s.logFile}));
    const {json} = await s.doctor(['--json']);
    const loaded = results(json, 'model.loaded');
    const cold = loaded.find((r: any) => r.message.includes('not loaded'));
    expect(cold.status).toBe('warn');
    expect(cold.fix.command).toBe('lms load qwen/qwen3-coder-30b --context-length 65536');
    expect(cold.alternatives[0].description).toContain('#75921');
    const timeout = loaded.find((r: any) => r.message.includes('timeoutSeconds'));
    expect(timeout.message).toContain('#74353');
    expect(timeout.fix.patch).toEqual([
      {op: 'set', path: ['models', 'providers', 'lmstudio', 'timeoutSeconds'], value: 600},
    ]);
    expect(cold.message).toContain('OpenClaw loads it at 65,536 (POST /api/v1/models/load)');
    // OpenClaw's preload (provider "lmstudio", 2026.9.6) loads it at contextWindow: the context is known before it loads.
    const fits = one(json, 'context.fits');
    expect(fits.status).toBe('pass');
    expect(fits.message).toContain('load it at 65,536');
    // No request that could load a model was sent.
    expect(lm.requests.some((r) => r.method === 'POST' && /completions|load/.test(r.path))).toBe(false);
  });

  it('context error without OpenClaw\'s preload (provider id not "lmstudio"): the server-side load is the fix; lowering is offered, never below the prompt need', async () => {
    const lm = await fake('lmstudio', {models: [{...QWEN, loadedContext: 32768}]});
    const s = setup();
    const text = configText({
      providerId: 'lms',
      baseUrl: lm.v1,
      api: 'openai-responses',
      contextWindow: 196608,
      logFile: s.logFile,
    });
    s.write(text);
    const before = await s.doctor(['--json']);
    expect(before.code).toBe(1);
    const r = one(before.json, 'context.fits');
    expect(r.status).toBe('fail');
    expect(r.message).toContain('contextWindow 196,608 > loaded context 32,768 (from LM Studio');
    expect(r.message).toContain('only for provider id "lmstudio"');
    expect(r.evidence).toMatchObject({contextWindow: 196608, loadedContext: 32768});
    expect(r.fix.command).toContain('lms load qwen/qwen3-coder-30b --context-length 196608');
    expect(r.alternatives[0].patch).toEqual([
      {op: 'set', path: ['models', 'providers', 'lms', 'models', 0, 'contextWindow'], value: 32768},
    ]);
    // --fix --yes writes no config change for it; the server-side command, applied, turns it green.
    await s.doctor(['--fix', '--yes', '--only', 'context.fits']);
    expect(s.read()).toBe(text);
    lm.set({models: [{...QWEN, loadedContext: 196608}]});
    expect(one((await s.doctor(['--json'])).json, 'context.fits').status).toBe('pass');
  });

  it('a loaded context below the prompt need: lowering contextWindow is never offered', async () => {
    const lm = await fake('lmstudio', {models: [{...QWEN, loadedContext: 8192}]});
    const s = setup();
    s.write(configText({providerId: 'lms', baseUrl: lm.v1, contextWindow: 65536, maxTokens: 4096, logFile: s.logFile}));
    const rs = results((await s.doctor(['--json'])).json, 'context.fits');
    expect(rs.some((r: any) => r.status === 'fail')).toBe(true);
    const lowers = rs
      .flatMap((r: any) => [r.fix, ...(r.alternatives ?? [])])
      .filter((f: any) => f?.patch?.some((o: any) => o.path.at(-1) === 'contextWindow'));
    expect(lowers).toEqual([]);
  });

  it('--fix without --yes off a terminal prints the diff, writes nothing, exits 1', async () => {
    const lm = await fake('lmstudio', {models: [QWEN]});
    const s = setup();
    const text = configText({baseUrl: lm.v1, contextWindow: 65536, compaction: false, logFile: s.logFile});
    s.write(text);
    const res = await s.doctor(['--fix']);
    expect(res.code).toBe(1);
    expect(res.out).toMatch(/\+.*enabled: true/);
    expect(res.err).toContain('--fix --yes');
    expect(s.read()).toBe(text);
    expect(s.files()).toEqual(['openclaw.json']);
  });

  it('model id not served: names the closest served ids', async () => {
    const lm = await fake('lmstudio', {models: [QWEN, {id: 'google/gemma-3-12b', loaded: false}]});
    const s = setup();
    s.write(configText({baseUrl: lm.v1, model: 'qwen3-coder-30b', contextWindow: 65536, logFile: s.logFile}));
    const {json} = await s.doctor(['--json']);
    const r = one(json, 'model.listed');
    expect(r.status).toBe('fail');
    expect(r.message).toContain('"qwen3-coder-30b" is not served');
    expect(r.message).toContain('closest: "qwen/qwen3-coder-30b"');
  });

  it('/v1 missing on LM Studio: server.base-url fails with the fixed baseUrl', async () => {
    const lm = await fake('lmstudio', {models: [QWEN]});
    const s = setup();
    s.write(configText({baseUrl: lm.origin, contextWindow: 65536, logFile: s.logFile}));
    const {json} = await s.doctor(['--json']);
    const r = one(json, 'server.base-url');
    expect(r.status).toBe('fail');
    expect(r.fix.patch).toEqual([{op: 'set', path: ['models', 'providers', 'lmstudio', 'baseUrl'], value: lm.v1}]);
  });

  it('Ollama: native api with /v1 fails; openai-completions on /v1 warns (#21243); no contextTokens warns (#81878)', async () => {
    const ol = await fake('ollama', {
      models: [{id: 'qwen3:32b', loaded: true, loadedContext: 32768, quantization: 'Q4_K_M'}],
    });
    const s = setup();
    s.write(
      configText({
        providerId: 'ollama',
        api: 'ollama',
        baseUrl: ol.v1,
        model: 'qwen3:32b',
        contextWindow: 32768,
        logFile: s.logFile,
      }),
    );
    let r = one((await s.doctor(['--json'])).json, 'server.base-url');
    expect(r.status).toBe('fail');
    expect(r.fix.patch).toEqual([{op: 'set', path: ['models', 'providers', 'ollama', 'baseUrl'], value: ol.origin}]);

    s.write(
      configText({
        providerId: 'ollama',
        api: 'openai-completions',
        baseUrl: ol.v1,
        model: 'qwen3:32b',
        contextWindow: 32768,
        logFile: s.logFile,
      }),
    );
    r = one((await s.doctor(['--json'])).json, 'server.base-url');
    expect(r.status).toBe('warn');
    expect(r.message).toContain('#21243');
    expect(r.fix.patch).toEqual([
      {op: 'set', path: ['models', 'providers', 'ollama', 'baseUrl'], value: ol.origin},
      {op: 'set', path: ['models', 'providers', 'ollama', 'api'], value: 'ollama'},
      // The switch to the native api also sets contextTokens (#81878), so one --fix is enough.
      {op: 'set', path: ['models', 'providers', 'ollama', 'models', 0, 'contextTokens'], value: 32768},
    ]);

    s.write(
      configText({
        providerId: 'ollama',
        api: 'ollama',
        baseUrl: ol.origin,
        model: 'qwen3:32b',
        contextWindow: 32768,
        logFile: s.logFile,
      }),
    );
    const j = (await s.doctor(['--json'])).json;
    const ctx = results(j, 'context.fits').find((x: any) => x.message.includes('#81878'));
    expect(ctx.fix.patch).toEqual([
      {op: 'set', path: ['models', 'providers', 'ollama', 'models', 0, 'contextTokens'], value: 32768},
    ]);
    expect(one(j, 'server.base-url').status).toBe('pass');
  });

  it('Ollama native API with contextTokens: num_ctx reloads the model, so the loaded 4,096 is not the limit', async () => {
    const ol = await fake('ollama', {
      models: [{id: 'qwen3:32b', loaded: true, loadedContext: 4096, maxContext: 131072}],
    });
    const s = setup();
    s.write(
      configText({
        providerId: 'ollama',
        api: 'ollama',
        baseUrl: ol.origin,
        model: 'qwen3:32b',
        contextWindow: 65536,
        contextTokens: 65536,
        logFile: s.logFile,
      }),
    );
    const {json} = await s.doctor(['--json', '--only', 'context.fits']);
    const r = one(json, 'context.fits');
    expect(r.status).toBe('pass');
    expect(r.message).toContain('num_ctx 65,536');
    expect(r.message).toContain('loaded now with 4,096');
    expect(r.evidence).toMatchObject({numCtx: 65536, loadedContext: 4096});
  });

  it('Ollama native API: contextTokens above the trained maximum warns with both numbers', async () => {
    const ol = await fake('ollama', {
      models: [{id: 'qwen3:32b', loaded: true, loadedContext: 4096, maxContext: 40960}],
    });
    const s = setup();
    s.write(
      configText({
        providerId: 'ollama',
        api: 'ollama',
        baseUrl: ol.origin,
        model: 'qwen3:32b',
        contextWindow: 65536,
        contextTokens: 65536,
        logFile: s.logFile,
      }),
    );
    const {json} = await s.doctor(['--json', '--only', 'context.fits']);
    const r = one(json, 'context.fits');
    expect(r.status).toBe('warn');
    expect(r.message).toContain('65,536');
    expect(r.message).toContain('40,960');
    expect(r.fix.patch).toEqual([
      {op: 'set', path: ['models', 'providers', 'ollama', 'models', 0, 'contextWindow'], value: 40960},
      {op: 'set', path: ['models', 'providers', 'ollama', 'models', 0, 'contextTokens'], value: 40960},
    ]);
  });

  it('Ollama over /v1 loaded with a small context: prints OLLAMA_CONTEXT_LENGTH', async () => {
    const ol = await fake('ollama', {
      models: [{id: 'qwen3:32b', loaded: true, loadedContext: 4096, maxContext: 131072}],
    });
    const s = setup();
    s.write(
      configText({
        providerId: 'ollama',
        api: 'openai-completions',
        baseUrl: ol.v1,
        model: 'qwen3:32b',
        contextWindow: 65536,
        logFile: s.logFile,
      }),
    );
    const {out} = await s.doctor(['--only', 'context.fits']);
    expect(out.replace(/\n {6,}(?![$ ])/g, ' ')).toContain('contextWindow 65,536 > loaded context 4,096 (from Ollama');
    expect(out).toContain('$ OLLAMA_CONTEXT_LENGTH=65536 ollama serve');
  });

  it('vLLM and llama.cpp: loaded context from max_model_len / n_ctx, with their restart flags', async () => {
    const v = await fake('vllm', {models: [{id: 'qwen3-coder-30b', loaded: true, loadedContext: 32768}]});
    const l = await fake('llamacpp', {
      models: [{id: 'qwen3-coder-30b', loaded: true, loadedContext: 8192, maxContext: 40960}],
    });
    const s = setup();
    const llama = `\n      llamacpp: { baseUrl: ${JSON.stringify(l.v1)}, api: "openai-completions", models: [{ id: "qwen3-coder-30b", name: "l", contextWindow: 40960, maxTokens: 4096 }] },`;
    s.write(
      configText({
        providerId: 'vllm',
        baseUrl: v.v1,
        model: 'qwen3-coder-30b',
        contextWindow: 131072,
        extraProvider: llama,
        fallbacks: ['llamacpp/qwen3-coder-30b', 'openai/gpt-5'],
        logFile: s.logFile,
      }),
    );
    const {json} = await s.doctor(['--json', '--only', 'context.fits']);
    const vr = results(json, 'context.fits').find((r: any) => r.provider === 'vllm');
    expect(vr.message).toContain('131,072 > loaded context 32,768 (from vLLM');
    expect(vr.fix.command).toContain('--max-model-len 131072');
    const lr = results(json, 'context.fits').find((r: any) => r.provider === 'llamacpp' && r.status === 'fail');
    expect(lr.message).toContain('40,960 > loaded context 8,192 (from llama.cpp');
    expect(lr.fix.command).toContain('-c 40960');
  });

  it('openai-responses on LM Studio 0.3.20 (no /v1/responses): switch api or upgrade', async () => {
    const lm = await fake('lmstudio-0.3', {models: [QWEN]});
    const s = setup();
    s.write(configText({baseUrl: lm.v1, api: 'openai-responses', contextWindow: 65536, logFile: s.logFile}));
    const r = one((await s.doctor(['--json'])).json, 'api.responses');
    expect(r.status).toBe('fail');
    expect(r.message).toContain('0.3.29');
    expect(r.fix.patch).toEqual([
      {op: 'set', path: ['models', 'providers', 'lmstudio', 'api'], value: 'openai-completions'},
    ]);
  });

  it('stale per-agent models.json overrides baseUrl (#37309)', async () => {
    const lm = await fake('lmstudio', {models: [QWEN]});
    const s = setup();
    s.write(configText({baseUrl: lm.v1, contextWindow: 65536, logFile: s.logFile}));
    const file = join(s.stateDir, 'agents', 'main', 'agent', 'models.json');
    mkdirSync(join(s.stateDir, 'agents', 'main', 'agent'), {recursive: true});
    writeFileSync(file, JSON.stringify({providers: {lmstudio: {baseUrl: 'http://127.0.0.1:1/v1', models: []}}}));
    const r = one((await s.doctor(['--json'])).json, 'config.hidden-override');
    expect(r.status).toBe('fail');
    expect(r.message).toContain(file);
    expect(r.fix.command).toContain(`mv ${file}`);
  });

  it('unknown key (crash-loop #57391) and JSON5 syntax errors are config failures', async () => {
    const s = setup();
    s.write(
      configText({
        baseUrl: 'http://127.0.0.1:1/v1',
        contextWindow: 65536,
        extraRoot: '\n  bogusKey: true,',
        logFile: s.logFile,
      }),
    );
    const schema = one((await s.doctor(['--json', '--only', 'config.'])).json, 'config.schema');
    // The config engine reports unknown keys as warnings (its schema may lag the installed
    // OpenClaw); openclaw.validate gives the installed version's verdict.
    expect(['warn', 'fail']).toContain(schema.status);
    expect(schema.message).toContain('bogusKey');
    expect(schema.path).toBe('bogusKey');
    s.write('{ models: { providers: { x: { baseUrl: "http://127.0.0.1:1" } }\n');
    const {json, code} = await s.doctor(['--json']);
    expect(code).toBe(1);
    expect(one(json, 'config.parse').status).toBe('fail');
    expect(one(json, 'config.parse').message).toMatch(/line \d+/);
    expect(one(json, 'server.reachable').status).toBe('skip');
  });

  it('missing config: config.found fails and points at setup', async () => {
    const s = setup();
    const {json, code} = await s.doctor(['--json']);
    expect(code).toBe(1);
    expect(one(json, 'config.found')).toMatchObject({status: 'fail'});
    expect(one(json, 'config.found').fix.command).toBe('openclaw-local-doctor setup');
  });

  it('safety: compaction off and no hosted fallback warn; exit depends on --severity-min', async () => {
    const lm = await fake('lmstudio', {models: [QWEN]});
    const s = setup();
    s.write(configText({baseUrl: lm.v1, contextWindow: 65536, compaction: false, fallbacks: [], logFile: s.logFile}));
    const res = await s.doctor(['--json']);
    expect(res.code).toBe(0);
    expect(one(res.json, 'safety.compaction').status).toBe('warn');
    expect(one(res.json, 'safety.fallbacks').status).toBe('warn');
    expect((await s.doctor(['--json', '--severity-min', 'warning'])).code).toBe(1);
    expect((await s.doctor(['--json', '--severity-min', 'warning', '--skip', 'safety.'])).code).toBe(0);
    const fixed = await s.doctor(['--fix', '--yes', '--json', '--only', 'safety.compaction']);
    expect(fixed.code).toBe(0);
    expect(fixed.json.fix).toMatchObject({applied: true, fixed: ['safety.compaction']});
    expect(existsSync(fixed.json.fix.backupPath)).toBe(true);
    expect(fixed.json.checks[0]).toMatchObject({id: 'safety.compaction', status: 'pass'});
    expect(fixed.err).toContain('enabled: true');
    expect(s.read()).toContain('compaction: { enabled: true');
  });

  it('safety.fallbacks: --fix --yes never adds a hosted model; --add-fallback REF does, and keeps the local primary', async () => {
    const lm = await fake('lmstudio', {models: [QWEN]});
    const s = setup();
    s.write(configText({baseUrl: lm.v1, contextWindow: 65536, fallbacks: [], logFile: s.logFile}));
    const before = one((await s.doctor(['--json'])).json, 'safety.fallbacks');
    expect(before.status).toBe('warn');
    expect(before.severity).toBe('info');
    expect(before.fix).toBeUndefined();
    expect(before.alternatives[0]).toMatchObject({kind: 'config'});
    const text = s.read();
    const plain = await s.doctor(['--fix', '--yes', '--json', '--only', 'safety.fallbacks']);
    expect(plain.code).toBe(0);
    expect(s.read()).toBe(text);
    const fixed = await s.doctor([
      '--fix',
      '--yes',
      '--json',
      '--only',
      'safety.fallbacks',
      '--add-fallback',
      'openrouter/qwen/qwen3-coder',
    ]);
    expect(fixed.json.fix).toMatchObject({applied: true, fixed: ['safety.fallbacks']});
    expect(fixed.json.checks[0]).toMatchObject({id: 'safety.fallbacks', status: 'pass'});
    const model = (JSON5.parse(s.read()) as any).agents.defaults.model;
    expect(model.primary).toBe('lmstudio/qwen/qwen3-coder-30b');
    expect(model.fallbacks).toEqual(['openrouter/qwen/qwen3-coder']);
  });

  it('--add-fallback refuses a key-like value or a bad ref with one line and exit 2, and never echoes the key', async () => {
    const s = setup();
    s.write(configText({baseUrl: 'http://127.0.0.1:9/v1', contextWindow: 65536, fallbacks: [], logFile: s.logFile}));
    const key = 'sk-ant-api03-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789';
    const r = await s.doctor(['--fix', '--yes', '--add-fallback', key]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/looks like an API key/);
    expect(r.out + r.err).not.toContain(key);
    const bad = await s.doctor(['--add-fallback', 'no-slash']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('provider/model');
  });

  it('safety.fallbacks: a string model becomes {primary, fallbacks} and a non-empty allowlist gets the fallback', () => {
    const fix = hostedFallbackFix({agents: {defaults: {model: 'lmstudio/x'}}}, 'lmstudio/x', ['lmstudio/x']);
    expect(fix.patch).toEqual([
      {
        op: 'set',
        path: ['agents', 'defaults', 'model'],
        value: {primary: 'lmstudio/x', fallbacks: ['anthropic/claude-sonnet-4-5']},
      },
      {op: 'append-unique', path: ['agents', 'defaults', 'modelPolicy', 'allow'], value: 'anthropic/claude-sonnet-4-5'},
    ]);
  });

  it('model not allowed by modelPolicy.allow', async () => {
    const lm = await fake('lmstudio', {models: [QWEN]});
    const s = setup();
    s.write(
      configText({baseUrl: lm.v1, contextWindow: 65536, logFile: s.logFile}).replace(
        'compaction:',
        'modelPolicy: { allow: ["anthropic/claude-sonnet-4-5"] },\n      compaction:',
      ),
    );
    const r = one((await s.doctor(['--json'])).json, 'config.allowlist');
    expect(r.status).toBe('fail');
    expect(r.fix.patch[0]).toMatchObject({op: 'append-unique', value: 'lmstudio/qwen/qwen3-coder-30b'});
  });

  it('recent log errors are tied to their cause', async () => {
    const lm = await fake('lmstudio', {models: [QWEN]});
    const s = setup();
    s.write(configText({baseUrl: lm.v1, contextWindow: 65536, logFile: s.logFile}));
    writeFileSync(
      s.logFile,
      [
        '{"level":"info","msg":"gateway ready"}',
        '{"level":"error","msg":"provider lmstudio failed: 400 {\\"error\\":{\\"message\\":\\"Invalid model identifier \\\\\\"qwen3\\\\\\". Please specify a valid downloaded model.\\",\\"code\\":\\"model_not_found\\"}}"}',
      ].join('\n'),
    );
    const r = one((await s.doctor(['--json', '--only', 'logs.recent-errors'])).json, 'logs.recent-errors');
    expect(r.status).toBe('warn');
    expect(r.evidence.kind).toBe('model-not-found');
    expect(r.fix.description).toContain('model.listed');
  });

  it('--probe measures the cold start against timeoutSeconds', async () => {
    const lm = await fake('lmstudio', {models: [QWEN], firstTokenDelayMs: 1500});
    const s = setup();
    s.write(
      configText({
        baseUrl: lm.v1,
        api: 'openai-completions',
        contextWindow: 65536,
        timeoutSeconds: 2,
        logFile: s.logFile,
      }),
    );
    const {json} = await s.doctor(['--json', '--probe', '--only', 'latency.cold-start']);
    const r = one(json, 'latency.cold-start');
    expect(r.status).toBe('warn');
    expect(r.evidence.firstTokenMs).toBeGreaterThanOrEqual(1000);
    expect(r.evidence.timeoutSeconds).toBe(2);
    expect(r.fix.patch[0].path).toEqual(['models', 'providers', 'lmstudio', 'timeoutSeconds']);
  });

  it('Node too old is named with the PATH node version', async () => {
    const s = setup({nodeVersion: 'v20.19.0'});
    s.write(configText({baseUrl: 'http://127.0.0.1:1/v1', contextWindow: 65536}));
    const r = one((await s.doctor(['--json', '--only', 'node.version'])).json, 'node.version');
    expect(r.status).toBe('warn');
    expect(r.message).toContain('node v20.19.0 on PATH');
  });

  it('a server probe that throws is reported crashed; the other checks still run', async () => {
    const {runDoctorCommand} = await import('../../src/commands/doctor.js');
    const {memoryIo} = await import('../../src/cli/io.js');
    const s = setup();
    s.write(configText({baseUrl: 'http://127.0.0.1:1/v1', contextWindow: 65536, logFile: s.logFile}));
    const io = memoryIo({env: s.env});
    const code = await runDoctorCommand(
      {io, global: {configPath: s.configPath, color: false, json: true}, values: {json: true}, args: []},
      {
        context: {
          probe: async () => {
            throw new Error('adapter exploded');
          },
        },
      },
    );
    const json = JSON.parse(io.out());
    const crashed = json.checks.filter((c: any) => c.status === 'crashed');
    expect(crashed.map((c: any) => c.id)).toContain('server.reachable');
    expect(crashed[0].message).toContain('adapter exploded');
    expect(one(json, 'config.parse').status).toBe('pass');
    expect(one(json, 'safety.compaction').status).toBe('pass');
    // crashed counts as a warning: exit 0 by default, 1 with --severity-min warning.
    expect(code).toBe(0);
  });

  it('a saved hardware profile is read from OPENCLAW_LOCAL_DOCTOR_HARDWARE_FILE (or the older name); a bad one is a clear error', async () => {
    const s = setup({profile: {platform: 'linux', ramGB: 16, gpus: [{name: 'RTX 4060', vramGB: 8, count: 1}]}});
    s.write(configText({baseUrl: 'http://127.0.0.1:1/v1', contextWindow: 65536, logFile: s.logFile}));
    const a = one((await s.doctor(['--json', '--only', 'hardware.tier'])).json, 'hardware.tier');
    const file = s.env.OPENCLAW_LOCAL_DOCTOR_HARDWARE_FILE!;
    const b = one(
      (
        await s.doctor(['--json', '--only', 'hardware.tier'], {
          OPENCLAW_LOCAL_DOCTOR_HARDWARE_FILE: undefined,
          OPENCLAW_LOCAL_DOCTOR_HARDWARE: file,
        })
      ).json,
      'hardware.tier',
    );
    expect(b.evidence).toEqual(a.evidence);
    expect(a.evidence.ramGB).toBeCloseTo(16 * 1.073741824, 1); // the short form's GiB, in GB
    writeFileSync(file, '{not json');
    const bad = await s.doctor(['--json']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('OPENCLAW_LOCAL_DOCTOR_HARDWARE_FILE=');
  });

  it('usage errors: unknown check id, bad severity, --yes without --fix → exit 2', async () => {
    const s = setup();
    expect((await s.doctor(['--only', 'no.such-check'])).code).toBe(2);
    expect((await s.doctor(['--severity-min', 'loud'])).code).toBe(2);
    expect((await s.doctor(['--yes'])).code).toBe(2);
  });

  it('text output: symbols, numbers, copyable commands; nothing on stderr', async () => {
    const lm = await fake('lmstudio', {models: [{...QWEN, loadedContext: 32768}]});
    const s = setup();
    s.write(configText({providerId: 'lms', baseUrl: lm.v1, contextWindow: 196608, logFile: s.logFile}));
    const {out, err, code} = await s.doctor([]);
    expect(code).toBe(1);
    expect(err).toBe('');
    expect(out).toMatch(/✖ context\.fits/);
    expect(out).toMatch(/✔ server\.reachable/);
    expect(out).toMatch(/○ latency\.cold-start/);
    expect(out).toContain('Commands to run yourself');
    expect(out).toContain('lms load qwen/qwen3-coder-30b --context-length 196608');
    expect(existsSync(s.configPath)).toBe(true);
  });
});

describe('doctor --fix on a terminal', () => {
  async function interactive(s: TempSetup, answer: string) {
    const {PassThrough} = await import('node:stream');
    const {cli} = await import('../support/run-cli.js');
    const stdin = Object.assign(new PassThrough(), {isTTY: true});
    let out = '';
    let err = '';
    const io = {
      stdout: {write: (x: string) => ((out += x), true), isTTY: true, columns: 100},
      stderr: {write: (x: string) => ((err += x), true), isTTY: true},
      stdin,
      env: s.env,
      cwd: s.dir,
      now: () => new Date('2026-11-22T10:00:00Z'),
    };
    setTimeout(() => stdin.write(answer), 50);
    const code = await cli(['doctor', '--no-color', '--fix', '--config', s.configPath], io as any);
    return {code, out, err};
  }

  it('asks, and writes only on "y"', async () => {
    const lm = await fake('lmstudio', {models: [QWEN]});
    const s = setup();
    const text = configText({baseUrl: lm.v1, contextWindow: 65536, compaction: false, logFile: s.logFile});
    s.write(text);
    const no = await interactive(s, 'n\n');
    expect(no.out).toContain('Apply these changes');
    expect(no.out).toContain('Nothing written.');
    expect(no.code).toBe(0); // compaction off is a warning
    expect(s.read()).toBe(text);
    const yes = await interactive(s, 'y\n');
    expect(yes.code).toBe(0);
    expect(yes.out).toContain('Wrote ');
    expect(s.read()).toContain('enabled: true');
  });
});
