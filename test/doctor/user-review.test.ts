/**
 * Bugs found by running the doctor and explain as a user would (fake servers,
 * temp configs). Each test failed before its fix.
 */
import {describe, expect, it} from 'vitest';
import {writeFileSync} from 'node:fs';
import {configText, testLifecycle} from './env.js';
import {lmstudioConfig, makeCtx, report} from './helpers.js';
import {runDoctor} from '../../src/doctor/index.js';
import {renderDoctorText} from '../../src/doctor/render.js';
import {beforeAfter} from '../../src/commands/doctor.js';
import {explainText} from '../../src/commands/explain.js';
import {analyzeBaseUrl} from '../../src/core/findings/base-url.js';
import {collectConfigFixGroups} from '../../src/doctor/fixes.js';
import type {CheckResult, DoctorContext, DoctorReport} from '../../src/doctor/types.js';

const collectConfigFixGroupsCount = (rs: CheckResult[]): number => collectConfigFixGroups(rs).length;
const LM = 'http://127.0.0.1:1234/v1';
const QWEN = {
  id: 'qwen/qwen3-coder-30b',
  loaded: true,
  loadedContext: 65536,
  maxContext: 262144,
  toolUse: true,
  quantization: 'Q4_K_M',
};
const {fake, setup} = testLifecycle();
async function run(ctx: DoctorContext, only: string[]): Promise<CheckResult[]> {
  ctx.options.only = only;
  return (await runDoctor(ctx)).checks;
}

describe('doctor as a user sees it', () => {
  it('--fix never prints an apiKey in the diff context (text or JSON), short keys included', async () => {
    const lm = await fake('lmstudio', {models: [QWEN]});
    for (const key of ['sk-lm-SECRETKEY0123456789', 'hunter2hunter']) {
      const s = setup();
      // baseUrl without /v1: the fix changes the line right above apiKey.
      s.write(configText({baseUrl: lm.origin, apiKey: key, contextWindow: 65536}));
      const text = await s.doctor(['--fix', '--only', 'server.']);
      expect(text.out).toContain('+        baseUrl:');
      expect(text.out + text.err).not.toContain(key);
      const json = await s.doctor(['--fix', '--json', '--only', 'server.']);
      expect(json.json.fix.diff).toContain('apiKey');
      expect(json.out + json.err).not.toContain(key);
    }
  });

  it('an alternative config fix is not labelled as applied by --fix (only the main fix is)', async () => {
    const cfg = lmstudioConfig(LM);
    const ctx = makeCtx(cfg, {
      [LM]: report('lmstudio', LM, [{id: 'qwen/qwen3-coder-30b', state: 'not-loaded', maxContext: 262144}]),
    });
    const rs = await run(ctx, ['model.loaded']);
    const r = rs.find((x) => x.alternatives?.some((a) => a.kind === 'config'))!;
    expect(r).toBeDefined();
    const text = renderDoctorText({schemaVersion: 1, ok: true, configPath: '/c', checks: [r], durationMs: 1});
    const altLine = text
      .replace(/\n {6,}(?![$ ])/g, ' ')
      .split('\n')
      .find((l) => l.includes('alt:'))!;
    expect(altLine).not.toContain('doctor --fix applies this');
    // The user can still do it by hand: the path and value are named.
    expect(altLine).toContain('models.providers.lmstudio.params.preload');
  });

  it('before → after lists only results whose status changed', () => {
    const mk = (id: string, status: CheckResult['status']): CheckResult => ({
      id,
      status,
      severity: 'warning',
      title: id,
      message: id,
    });
    const before: DoctorReport = {
      schemaVersion: 1,
      ok: false,
      configPath: '/c',
      durationMs: 1,
      checks: [mk('context.fits', 'fail'), mk('safety.fallbacks', 'warn')],
    };
    const after: DoctorReport = {
      schemaVersion: 1,
      ok: true,
      configPath: '/c',
      durationMs: 1,
      checks: [mk('context.fits', 'pass'), mk('safety.fallbacks', 'warn')],
    };
    const lines = beforeAfter(before, after);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('context.fits');
  });

  it('server.base-url names the endpoint the api really calls, and LM Studio quirks only for LM Studio', () => {
    const lmResp = analyzeBaseUrl({
      baseUrl: 'http://127.0.0.1:1234',
      api: 'openai-responses',
      kind: 'lmstudio',
      kindConfirmed: true,
    });
    expect(lmResp.message).toContain('http://127.0.0.1:1234/responses');
    expect(lmResp.message).not.toContain('/chat/completions');
    const vllm = analyzeBaseUrl({
      baseUrl: 'http://127.0.0.1:8000',
      api: 'openai-completions',
      kind: 'vllm',
      kindConfirmed: true,
    });
    expect(vllm.message).toContain('http://127.0.0.1:8000/chat/completions');
    expect(vllm.message).not.toContain('LM Studio');
    const endpoint = analyzeBaseUrl({
      baseUrl: 'http://127.0.0.1:8000/v1/chat/completions',
      api: 'openai-completions',
      kind: 'vllm',
      kindConfirmed: true,
    });
    expect(endpoint.message).toContain('/v1/chat/completions/chat/completions');
    expect(endpoint.message).not.toContain('…');
  });

  it('config.schema does not offer "openclaw doctor --fix" for a missing $include file', async () => {
    const ctx = makeCtx(
      lmstudioConfig(),
      {},
      {},
      {
        configIssues: () => [
          {
            code: 'include',
            severity: 'error',
            path: 'agents.$include',
            message: 'cannot read $include "./agents.json5" (file not found)',
            line: 5,
            column: 15,
          },
        ],
      },
    );
    const rs = await run(ctx, ['config.schema']);
    expect(rs[0].status).toBe('fail');
    expect(rs[0].fix?.command ?? '').not.toContain('openclaw doctor --fix');
    const legacy = makeCtx(
      lmstudioConfig(),
      {},
      {},
      {
        configIssues: () => [
          {
            code: 'unknown-key',
            severity: 'error',
            path: 'models.providers.lmstudio.contextLength',
            message: 'Unrecognized key "contextLength"',
          },
        ],
      },
    );
    expect((await run(legacy, ['config.schema']))[0].fix?.command).toBe('openclaw doctor --fix');
  });

  it('an apiKey "${VAR}" whose variable is not set is named as unset, not as a wrong key', async () => {
    const lm = await fake('lmstudio', {models: [QWEN], apiKey: 'sk-lm-abcdefabcdef'});
    const s = setup();
    s.write(configText({baseUrl: lm.v1, apiKey: '${LMS_TOKEN}', contextWindow: 65536}));
    const unset = await s.doctor(['--json', '--only', 'server.reachable']);
    const r = unset.json.checks[0];
    expect(r.status).toBe('fail');
    expect(r.message).toContain('LMS_TOKEN');
    expect(r.message).toMatch(/not set/);
    expect(r.message).not.toContain('is wrong');
    const set = await s.doctor(['--json', '--only', 'server.reachable'], {LMS_TOKEN: 'sk-lm-abcdefabcdef'});
    expect(set.json.checks[0].status).toBe('pass');
  });

  it("allowlist trap before migration: agents.defaults.models keys become the allowlist on OpenClaw's next write", async () => {
    const cfg = lmstudioConfig(LM) as any;
    cfg.agents.defaults.models = {'anthropic/claude-sonnet-4-5': {alias: 'sonnet'}};
    const rs = await run(makeCtx(cfg), ['config.allowlist']);
    const r = rs.find((x) => x.status !== 'pass')!;
    expect(r).toBeDefined();
    expect(r.message).toContain('lmstudio/qwen/qwen3-coder-30b');
    expect(r.message).toContain('agents.defaults.models');
    expect(r.fix?.patch).toEqual([
      {op: 'set', path: ['agents', 'defaults', 'models', 'lmstudio/qwen/qwen3-coder-30b'], value: {}},
    ]);
    // Already migrated (meta says so): the keys are only aliases, nothing to warn about.
    cfg.meta = {migrations: {modelPolicyAllowlist: true}};
    expect((await run(makeCtx(cfg), ['config.allowlist'])).every((x) => x.status === 'pass')).toBe(true);
  });

  it('model.listed: a near-miss id is not listed twice and the fix names what to change', async () => {
    const cfg = lmstudioConfig(LM, {id: 'minimax-m2.1-gs64'});
    (cfg as any).agents.defaults.model.primary = 'lmstudio/minimax-m2.1-gs64';
    const ctx = makeCtx(cfg, {
      [LM]: report('lmstudio', LM, [{id: 'minimax-m2.1-gs32', state: 'loaded', loadedContext: 65536}]),
    });
    const [r] = await run(ctx, ['model.listed']);
    expect(r.status).toBe('fail');
    expect(r.message.split('"minimax-m2.1-gs32"').length - 1).toBe(1);
    expect(r.fix?.description).toContain('minimax-m2.1-gs32');
    expect(r.fix?.description).toContain('models.providers.lmstudio.models[0].id');
  });
});

describe('doctor on a broken file', () => {
  it('config.parse points at the missing comma and offers a .bak only when one exists', async () => {
    const s = setup();
    s.write('{\n  models: {\n    mode: "merge" // keep bundled catalogs\n    providers: {}\n  },\n}\n');
    const before = s.read();
    const r1 = await s.doctor(['--json', '--only', 'config.parse']);
    const c1 = r1.json.checks[0];
    expect(r1.code).toBe(1);
    expect(c1.message).toContain('line 4:5');
    expect(c1.message).toMatch(/comma .*end of line 3/);
    expect(c1.fix?.command ?? '').not.toContain('.bak');
    writeFileSync(`${s.configPath}.bak`, '{}\n');
    const r2 = await s.doctor(['--json', '--only', 'config.parse']);
    expect(r2.json.checks[0].fix.command).toContain('.bak');
    // --fix --yes writes nothing to a file that does not parse.
    await s.doctor(['--fix', '--yes']);
    expect(s.read()).toBe(before);
  });
});

describe('missingCommaLine', () => {
  it('finds the line after a value, ignores // inside strings, and stays quiet after , { [', async () => {
    const {missingCommaLine} = await import('../../src/doctor/checks/config.js');
    expect(missingCommaLine('{\n  baseUrl: "http://127.0.0.1:1234/v1"\n  api: "x",\n}', 3, 3)).toBe(2);
    expect(missingCommaLine('{\n  a: 1,\n  b: 2\n}', 3, 3)).toBeUndefined();
    expect(missingCommaLine('{\n  a: {\n  b: 2\n}', 3, 3)).toBeUndefined();
    expect(missingCommaLine('{\n  a: 1 b: 2\n}', 2, 8)).toBeUndefined();
  });
});

describe('hardware.fit', () => {
  it('does-not-fit names the assumed build and offers a smaller build that fits', async () => {
    const cfg = lmstudioConfig(LM, {id: 'minimax-m2.1-gs32', contextWindow: 196608});
    (cfg as any).agents.defaults.model.primary = 'lmstudio/minimax-m2.1-gs32';
    const [r] = await run(makeCtx(cfg), ['hardware.fit']);
    // The build is a guess from the id: a warning, not a failure of the run.
    expect(r.status).toBe('warn');
    expect(r.severity).toBe('warning');
    expect(r.message).toContain('MiniMax M2.1');
    expect(r.message).toMatch(/assum/);
    expect(r.fix).toBeDefined();
    expect(r.fix!.description).toMatch(/fits/);
    expect(r.fix!.command).toContain('openclaw-local-doctor hardware');
  });
});

describe('safety.quantization', () => {
  it('a passing result says where the bit width comes from', async () => {
    const cfg = lmstudioConfig(LM, {id: 'my-finetune-q5_k_m'});
    (cfg as any).agents.defaults.model.primary = 'lmstudio/my-finetune-q5_k_m';
    const [fromId] = await run(makeCtx(cfg), ['safety.quantization']);
    expect(fromId.status).toBe('pass');
    expect(fromId.message).toMatch(/5 bits per weight \(q5_k_m, from the id\)/);
    const cfg2 = lmstudioConfig(LM, {id: 'my-finetune'});
    (cfg2 as any).agents.defaults.model.primary = 'lmstudio/my-finetune';
    const served = makeCtx(cfg2, {
      [LM]: report('lmstudio', LM, [{id: 'my-finetune', state: 'loaded', loadedContext: 65536, quantization: 'Q6_K'}]),
    });
    expect((await run(served, ['safety.quantization']))[0].message).toContain('(Q6_K, as the server reports)');
  });
});

describe('wording', () => {
  it('counts are singular for one (models, results)', async () => {
    const ctx = makeCtx(lmstudioConfig(LM), {
      [LM]: report('lmstudio', LM, [{id: 'qwen/qwen3-coder-30b', state: 'loaded', loadedContext: 65536}]),
    });
    ctx.options.only = ['server.reachable'];
    const rep = await runDoctor(ctx);
    expect(rep.checks[0].message).toContain('1 model)');
    expect(renderDoctorText(rep)).toContain('1 result:');
  });

  it("explain names the server by its label and gives that server's command only", async () => {
    const [r] = explainText(
      '{"error":{"code":400,"message":"request (13392 tokens) exceeds the available context size (8192 tokens), try increasing it","type":"exceed_context_size_error","n_prompt_tokens":13392,"n_ctx":8192}}',
    );
    const {cli} = await import('../support/run-cli.js');
    const {memoryIo} = await import('../../src/cli/io.js');
    const io = memoryIo({env: {HOME: '/nonexistent-home'}});
    await cli(['explain', '--config', '/nonexistent-home/openclaw.json', r.classified.match ?? ''], io);
    const fixes = r.explanation.fixes.join(' ');
    expect(fixes).toContain('llama-server');
    expect(fixes).not.toContain('lms load');
    expect(fixes).not.toContain('OLLAMA_CONTEXT_LENGTH');
    expect(io.out()).toContain('(llama.cpp wording)');
  });
});

describe('80 columns', () => {
  it('doctor text wraps prose at 80 columns and leaves commands whole', async () => {
    const lm = await fake('lmstudio', {models: [{...QWEN, loadedContext: 32768}]});
    const s = setup();
    // Provider id "lms": OpenClaw does not reload it (only "lmstudio" is preloaded), so the server command is the fix.
    s.write(
      configText({
        providerId: 'lms',
        baseUrl: lm.v1,
        api: 'openai-responses',
        contextWindow: 196608,
        logFile: s.logFile,
      }),
    );
    const {out} = await s.doctor([]);
    const long = out.split('\n').filter((l) => l.length > 80);
    // Only lines that are one unbreakable command or word may exceed it.
    for (const l of long) expect(l.trim().includes(' ') && !/^\s*(\$ |lms |nvm |openclaw)/.test(l.trim())).toBe(false);
    expect(out).toContain('  lms unload qwen/qwen3-coder-30b; lms load qwen/qwen3-coder-30b --context-length');
    expect(out).toMatch(/contextWindow 196,608 > loaded\s+context\s+32,768/);
    expect(long).toEqual(long.filter((l) => !l.trim().includes(' ') || /^\s*(\$ |lms |nvm |openclaw)/.test(l.trim())));
  });
});

describe('openclaw.validate without OpenClaw', () => {
  it('says "not found" once', async () => {
    const ctx = makeCtx(
      lmstudioConfig(),
      {},
      {},
      {
        openclawValidation: async () =>
          ({available: false, error: 'openclaw not found (set OPENCLAW_BIN or put it on PATH)', issues: []}) as any,
      },
    );
    const [r] = await run(ctx, ['openclaw.validate']);
    expect(r.status).toBe('skip');
    expect(r.message.match(/not found/g)).toHaveLength(1);
    expect(r.message.match(/OPENCLAW_BIN/g)).toHaveLength(1);
  });
});

describe('explain text at 80 columns', () => {
  it('wraps cause and fixes', async () => {
    const {cli} = await import('../support/run-cli.js');
    const {memoryIo} = await import('../../src/cli/io.js');
    const io = memoryIo({env: {HOME: '/nonexistent-home'}});
    const code = await cli(
      [
        'explain',
        '--config',
        '/nonexistent-home/openclaw.json',
        'Model context window too small (8192). Minimum is 16000',
      ],
      io,
    );
    expect(code).toBe(0);
    const long = io
      .out()
      .split('\n')
      .filter((l) => l.length > 80 && l.trim().includes(' '));
    expect(long).toEqual([]);
    expect(io.out().replace(/\n +/g, ' ')).toContain('this one has 8,192 tokens and the minimum is 16,000');
  });
});

describe('--probe on a cold model', () => {
  it('reports the context the cold load got, against contextWindow', async () => {
    const lm = await fake('lmstudio', {models: [{...QWEN, loaded: false, loadedContext: 4096}], firstTokenDelayMs: 50});
    const s = setup();
    s.write(configText({baseUrl: lm.v1, api: 'openai-responses', contextWindow: 65536, logFile: s.logFile}));
    const {json} = await s.doctor(['--json', '--probe', '--only', 'latency.cold-start']);
    const rs = json.checks.filter((c: any) => c.id === 'latency.cold-start');
    const cold = rs.find((c: any) => c.status === 'warn' || c.status === 'fail');
    expect(cold, JSON.stringify(rs)).toBeDefined();
    expect(cold.message).toContain('4,096');
    expect(cold.message).toContain('65,536');
    expect(cold.evidence).toMatchObject({loadedContext: 4096, contextWindow: 65536});
    expect(cold.fix.command).toContain('lms load qwen/qwen3-coder-30b --context-length 65536');
  });
});

describe('hosted providers', () => {
  it('no check of the whole run, --probe included, sends anything to a hosted baseUrl', async () => {
    const cfg = lmstudioConfig('https://api.example.com/v1') as any;
    cfg.models.providers.openrouter = {
      baseUrl: 'https://openrouter.ai/api/v1',
      apiKey: 'sk-or-v1-0123456789abcdef',
      api: 'openai-completions',
      models: [{id: 'moonshotai/kimi-k2', name: 'k', contextWindow: 131072}],
    };
    cfg.agents.defaults.model.fallbacks = ['openrouter/moonshotai/kimi-k2'];
    const seen: string[] = [];
    const ctx = makeCtx(cfg, {}, {probe: true});
    const record = (u: string) => {
      seen.push(u);
      return Promise.resolve({ok: false as const, kind: 'refused' as const, message: 'refused', elapsedMs: 1});
    };
    ctx.server = record;
    ctx.reprobe = record;
    ctx.completion = record;
    const rep = await runDoctor(ctx);
    expect(rep.checks.length).toBeGreaterThan(20);
    expect(seen).toEqual([]);
  });
});

describe('--only/--skip', () => {
  it('a selection that leaves no check is a usage error, not an empty success', async () => {
    const s = setup();
    s.write(configText({baseUrl: 'http://127.0.0.1:9/v1', contextWindow: 65536}));
    const r = await s.doctor(['--only', 'config.', '--skip', 'config']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/no check left/);
    expect(r.out).toBe('');
  });

  it('explain\'s "not recognised" fits 80 columns', async () => {
    const {cli} = await import('../support/run-cli.js');
    const {memoryIo} = await import('../../src/cli/io.js');
    const io = memoryIo({env: {HOME: '/nonexistent-home'}});
    expect(await cli(['explain', '--config', '/nonexistent-home/x.json', 'all good here'], io)).toBe(1);
    for (const l of io.out().split('\n')) expect(l.length).toBeLessThanOrEqual(80);
  });
});

describe('--fix converges', () => {
  it('Ollama via openai-completions on /v1: one --fix --yes also sets contextTokens, so a second has nothing to do', async () => {
    const ol = await fake('ollama', {models: [{id: 'qwen3:32b', loaded: true, loadedContext: 32768, toolUse: true}]});
    const s = setup();
    s.write(
      configText({
        providerId: 'ollama',
        baseUrl: ol.v1,
        api: 'openai-completions',
        model: 'qwen3:32b',
        contextWindow: 32768,
        maxTokens: 4096,
        logFile: s.logFile,
      }),
    );
    const first = await s.doctor(['--fix', '--yes', '--only', 'server.,context.,model.']);
    expect(s.read()).toContain('api: "ollama"');
    expect(s.read()).toContain('contextTokens: 32768');
    expect(first.out).not.toMatch(/more config fix/);
    const second = await s.doctor(['--fix', '--yes', '--only', 'server.,context.,model.']);
    expect(second.out).toContain('No config fixes to apply.');
  });

  it('when the re-check finds new config fixes, --fix says so', async () => {
    const {runDoctorCommand} = await import('../../src/commands/doctor.js');
    const {memoryIo} = await import('../../src/cli/io.js');
    const lm = await fake('lmstudio', {models: [QWEN]});
    const s = setup();
    s.write(
      configText({
        baseUrl: lm.v1,
        api: 'openai-responses',
        contextWindow: 65536,
        compaction: false,
        logFile: s.logFile,
      }),
    );
    // The server's model id changes case between the two runs (a new download): model.listed then has a config fix.
    let probes = 0;
    const {probeServer} = await import('../../src/servers/index.js');
    const probe = async (u: string, o?: any) => {
      if (probes++ === 1) lm.set({models: [{...QWEN, id: 'Qwen/Qwen3-Coder-30B'}]});
      return probeServer(u, o);
    };
    const io = memoryIo({env: s.env});
    await runDoctorCommand(
      {
        io,
        global: {configPath: s.configPath, color: false, json: false},
        values: {fix: true, yes: true, only: 'safety.compaction,model.listed'},
        args: [],
      },
      {context: {probe}},
    );
    expect(s.read()).toMatch(/compaction: \{ enabled: true/);
    expect(io.out()).toMatch(/re-check found 1 more config fix/);
  });
});

describe('--fix diff markers', () => {
  it('a non-secret marker key ("lmstudio-local") stays readable in the diff', async () => {
    const lm = await fake('lmstudio', {models: [QWEN]});
    const s = setup();
    s.write(configText({baseUrl: lm.origin, apiKey: 'lmstudio-local', contextWindow: 65536}));
    const r = await s.doctor(['--fix', '--only', 'server.']);
    expect(r.out).toContain('apiKey: "lmstudio-local"');
    // Same diff header as setup prints: the file name, not a//tmp/....
    expect(r.out).toContain('--- a/openclaw.json\n+++ b/openclaw.json');
  });
});

describe('model.tools', () => {
  it('skips a model the server does not serve instead of passing it', async () => {
    const cfg = lmstudioConfig(LM, {id: 'not-there'});
    (cfg as any).agents.defaults.model.primary = 'lmstudio/not-there';
    const ctx = makeCtx(cfg, {[LM]: report('lmstudio', LM, [{id: 'other', state: 'loaded', loadedContext: 65536}])});
    const [r] = await run(ctx, ['model.tools']);
    expect(r.status).toBe('skip');
    expect(r.message).toContain('model.listed');
  });
});

describe('context.fits on a small loaded context', () => {
  it('the fix list matches what --fix applies, and one server command is offered', async () => {
    const LC = 'http://127.0.0.1:8080/v1';
    const cfg = lmstudioConfig(LC, {id: 'whatever', contextWindow: 131072, maxTokens: 8192}) as any;
    cfg.models.providers = {llamacpp: {...cfg.models.providers.lmstudio, api: 'openai-completions'}};
    cfg.agents.defaults.model.primary = 'llamacpp/whatever';
    const ctx = makeCtx(cfg, {
      [LC]: report('llamacpp', LC, [{id: 'whatever', state: 'loaded', loadedContext: 8192, maxContext: 40960}]),
    });
    ctx.options.only = ['context.fits'];
    const rep = await runDoctor(ctx);
    const {commandFixes} = await import('../../src/doctor/fixes.js');
    const {planFixes} = await import('../../src/app/fix.js');
    const {parseConfigText} = await import('../../src/config/read.js');
    const plan = await planFixes(parseConfigText(JSON.stringify(cfg, null, 2), 'openclaw.json'), rep.checks);
    const ops = plan.applied.flatMap((a) => a.ops);
    const text = renderDoctorText(rep, {color: false, width: 0});
    const section = text.slice(text.indexOf('Config fixes'), text.indexOf('Commands to run'));
    // n_ctx 8,192 cannot hold OpenClaw's prompt: trimming maxTokens would never make the call work, so none is offered.
    expect(ops.find((o) => o.path.at(-1) === 'maxTokens')).toBeUndefined();
    expect(section).not.toContain('maxTokens to');
    expect(commandFixes(rep.checks).filter((c) => c.fix.command?.startsWith('llama-server'))).toHaveLength(1);
    // No result line claims --fix applies a fix that --fix drops.
    const claimed = text.split('\n').filter((l) => l.includes('doctor --fix applies this'));
    expect(claimed).toHaveLength(collectConfigFixGroupsCount(rep.checks));
  });
});

describe('safety.quantization advice', () => {
  it('a small but not heavily quantized model is told to use a larger model, not ≥4-bit', async () => {
    const cfg = lmstudioConfig(LM, {id: 'qwen3-8b-q8_0'});
    (cfg as any).agents.defaults.model.primary = 'lmstudio/qwen3-8b-q8_0';
    const [r] = await run(makeCtx(cfg), ['safety.quantization']);
    expect(r.status).toBe('warn');
    expect(r.message).toContain('small checkpoint (8B)');
    expect(r.message).not.toContain('≥4-bit');
  });
});

describe('server.reachable on a hung LM Studio', () => {
  it('the restart command stops the server before starting it', async () => {
    const ctx = makeCtx(lmstudioConfig(LM), {[LM]: {ok: false, kind: 'timeout', message: 'timeout', elapsedMs: 1000}});
    const [r] = await run(ctx, ['server.reachable']);
    expect(r.fix?.command).toBe('lms server stop && lms server start'); // 1234 is the default port
  });
});

describe('$include', () => {
  it('providers from an included file are checked, and --fix does not patch them into the main file', async () => {
    const {mkdirSync} = await import('node:fs');
    const {join} = await import('node:path');
    const lm = await fake('lmstudio', {models: [{...QWEN, loadedContext: 32768}]});
    const s = setup();
    mkdirSync(join(s.stateDir, 'config'));
    // contextWindow 8,192 is below OpenClaw's own prompt while the server runs 32,768: the fix raises contextWindow.
    writeFileSync(
      join(s.stateDir, 'config', 'models.json5'),
      `{ mode: "merge", providers: { lmstudio: { baseUrl: "${lm.v1}", apiKey: "lmstudio-local", api: "openai-responses",\n  models: [{ id: "qwen/qwen3-coder-30b", name: "Q", contextWindow: 8192, maxTokens: 8192 }] } } }\n`,
    );
    s.write(
      `{\n  models: { "$include": "./config/models.json5" },\n  agents: { defaults: { model: { primary: "lmstudio/qwen/qwen3-coder-30b", fallbacks: ["anthropic/claude-sonnet-4-5"] } } },\n}\n`,
    );
    const before = s.read();
    const {json} = await s.doctor(['--json', '--only', 'server.reachable,context.fits']);
    const reach = json.checks.find((c: any) => c.id === 'server.reachable');
    expect(reach.status).toBe('pass');
    const fit = json.checks.find((c: any) => c.id === 'context.fits' && c.status === 'warn');
    expect(fit.message).toContain('8,192');
    // The setting lives in config/models.json5: no patch for the main file, and the fix says where to edit.
    expect(fit.fix.patch).toBeUndefined();
    expect(fit.fix.description).toContain('models.json5');
    const fixed = await s.doctor(['--fix', '--yes', '--only', 'context.fits']);
    expect(s.read()).toBe(before);
    expect(fixed.out).toContain('No config fixes to apply.');
  });
});

describe('unknown check ids', () => {
  it('suggest the closest id first', async () => {
    const s = setup();
    s.write(configText({baseUrl: 'http://127.0.0.1:9/v1', contextWindow: 65536}));
    const r = await s.doctor(['--only', 'config.model']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/unknown check id "config\.model"; did you mean "config\.model-refs"\?/);
  });
});

describe('config.found when there is no file', () => {
  it('one clean sentence: no doubled punctuation or repeated "create"', async () => {
    const s = setup();
    const {json} = await s.doctor(['--json', '--only', 'config.found']);
    const m: string = json.checks[0].message;
    expect(m).not.toMatch(/\.\)|\)\.\)|\.;/);
    expect(m.match(/creat/g)?.length ?? 0).toBeLessThanOrEqual(1);
    expect(m).toContain(s.configPath);
  });
});

describe('logs.recent-errors', () => {
  it("ties OpenClaw's own messages in the log to their cause; fixes read as sentences", async () => {
    const lines = [
      '2026-11-22T09:00:00.000Z [agent] FailoverError: model not allowed: lmstudio/qwen/qwen3-coder-30b',
      '2026-11-22T09:01:00.000Z [agent] Error: Model context window too small (8192). Minimum is 16000',
      '2026-11-22T09:02:00.000Z [agent] error: 400 {"error":"The number of tokens to keep from the initial prompt is greater than the context length (n_keep: 40210>= n_ctx: 32768)."}',
    ].join('\n');
    const ctx = makeCtx(
      lmstudioConfig(LM),
      {},
      {},
      {readTail: async (f: string) => (f.endsWith('openclaw-2026-11-22.log') ? lines : null)},
    );
    const rs = await run(ctx, ['logs.recent-errors']);
    const text = rs.map((r) => `${r.message} | ${r.fix?.description ?? ''}`).join('\n');
    expect(text).toContain('model not allowed');
    expect(text).toContain('context window too small for OpenClaw');
    expect(rs.find((r) => /allowed/i.test(r.message))?.fix?.description).toContain('config.allowlist');
    for (const r of rs) expect(r.fix?.description ?? '').not.toMatch(/,? or \(|,? or$/);
  });
});

describe('context.fits sources', () => {
  it('the trained maximum is attributed to the server that reported it', async () => {
    const cfg = lmstudioConfig(LM, {contextWindow: 196608});
    const ctx = makeCtx(cfg, {
      [LM]: report('lmstudio', LM, [
        {id: 'qwen/qwen3-coder-30b', state: 'loaded', loadedContext: 32768, maxContext: 131072},
      ]),
    });
    const [r] = (await run(ctx, ['context.fits'])).filter((x) => x.status === 'fail');
    expect(r.message).toContain('LM Studio reports a maximum of 131,072 for this model');
  });
});

describe('sources named', () => {
  it('safety.quantization says when the build is a guess; logs pass names the file it read', async () => {
    const cfg = lmstudioConfig(LM, {id: 'minimax-m2.1-gs32'});
    (cfg as any).agents.defaults.model.primary = 'lmstudio/minimax-m2.1-gs32';
    const [q] = await run(makeCtx(cfg), ['safety.quantization']);
    expect(q.message).toContain('guessed from the id');
    const ctx = makeCtx(
      lmstudioConfig(LM),
      {},
      {},
      {readTail: async (f: string) => (f.endsWith('2026-11-22.log') ? 'all fine\n' : null)},
    );
    const [l] = await run(ctx, ['logs.recent-errors']);
    expect(l.status).toBe('pass');
    expect(l.message).toContain('/tmp/openclaw/openclaw-2026-11-22.log');
  });
});

describe('WhatsApp without the Responses API', () => {
  it('the main fix follows what the server serves', async () => {
    const cfg = lmstudioConfig(LM, {}) as any;
    cfg.models.providers.lmstudio.api = 'openai-completions';
    cfg.channels = {whatsapp: {enabled: true}};
    const served = [{id: 'qwen/qwen3-coder-30b', state: 'loaded' as const, loadedContext: 65536}];
    const yes = (
      await run(makeCtx(cfg, {[LM]: report('lmstudio', LM, served, {responses: 'yes'})}), ['api.responses'])
    ).find((r) => r.status === 'warn')!;
    expect(yes.fix?.patch).toEqual([
      {op: 'set', path: ['models', 'providers', 'lmstudio', 'api'], value: 'openai-responses'},
    ]);
    const no = (
      await run(makeCtx(cfg, {[LM]: report('lmstudio', LM, served, {responses: 'no'})}), ['api.responses'])
    ).find((r) => /WhatsApp/.test(r.message))!;
    expect(no.fix?.patch).toEqual([{op: 'set', path: ['agents', 'defaults', 'reasoningDefault'], value: 'off'}]);
    expect(JSON.stringify(no.alternatives ?? [])).not.toContain('openai-responses');
  });
});

describe('unreadable configs', () => {
  it('a directory given as --config fails config.found, not as a "syntax error at line 0:0"', async () => {
    const s = setup();
    const {json, code} = await (async () => {
      const {cli} = await import('../support/run-cli.js');
      const {memoryIo} = await import('../../src/cli/io.js');
      const io = memoryIo({env: s.env});
      const c = await cli(['doctor', '--config', s.stateDir, '--json', '--only', 'config.'], io);
      return {json: JSON.parse(io.out()), code: c};
    })();
    expect(code).toBe(1);
    const found = json.checks.find((c: any) => c.id === 'config.found');
    expect(found.status).toBe('fail');
    expect(found.message).toContain('is a directory');
    const parse = json.checks.find((c: any) => c.id === 'config.parse');
    expect(parse.message).not.toContain('line 0:0');
  });

  it('a UTF-16 file says so', async () => {
    const s = setup();
    writeFileSync(s.configPath, Buffer.from('\ufeff{ gateway: { mode: "local" } }\n', 'utf16le'));
    const {json} = await s.doctor(['--json', '--only', 'config.parse']);
    expect(json.checks[0].message).toMatch(/UTF-8/);
  });
});

describe("explain: signatures from OpenClaw's troubleshooting docs", () => {
  it('empty turns, string content, strict keys, message ordering', () => {
    const kind = (t: string) => explainText(t)[0]?.explanation;
    expect(kind('incomplete turn detected: stopReason=stop payloads=0')?.kind).toBe('empty-reply');
    const str = kind('400 messages[1].content: expected a string');
    expect(str?.kind).toBe('string-content');
    expect(str?.fixes.join(' ')).toContain('compat.requiresStringContent: true');
    const keys = kind('validation.keys: unexpected key "reasoning_content"');
    expect(keys?.fixes.join(' ')).toContain('compat.strictMessageKeys: true');
    const order = kind('Error: Message ordering conflict');
    expect(order?.checkId).toBe('context.fits');
  });
});

describe('--fix output', () => {
  it('lists the config fixes once (not a preview section and then the fix list)', async () => {
    const lm = await fake('lmstudio', {models: [{...QWEN, loadedContext: 32768}]});
    const s = setup();
    s.write(configText({baseUrl: lm.v1, api: 'openai-responses', contextWindow: 8192, logFile: s.logFile}));
    const r = await s.doctor(['--fix', '--only', 'context.fits']);
    expect(r.out).toContain('raise contextWindow');
    expect(r.out.match(/Config fixes/g)).toHaveLength(1);
  });
});
