/**
 * setup grounded in the live server (app/setup + core/stacks/ground): against
 * a healthy fake with the model loaded at less than the guide's context,
 * `setup --yes` then `doctor` has no failing check about the config or the
 * server; a model the server does not serve is one clear error; --offline and
 * an unreachable server keep the guide's values.
 */
import {describe, expect, it} from 'vitest';
import {existsSync} from 'node:fs';
import {testLifecycle, type TempSetup} from '../doctor/env.js';
import {cli} from '../support/run-cli.js';
import {memoryIo} from '../../src/cli/io.js';
import {closedPort} from '../servers/helpers.js';
import type {FakeKind, FakeModel} from '../fakes/index.js';

const {fake, setup} = testLifecycle();

async function runSetup(s: TempSetup, args: string[]): Promise<{code: number; out: string; err: string}> {
  const io = memoryIo({env: s.env, now: () => new Date('2026-11-22T10:00:00Z')});
  const code = await cli(['setup', '--config', s.configPath, ...args], io);
  return {code, out: io.out(), err: io.err()};
}

const CASES: {
  kind: FakeKind;
  model: FakeModel;
  args: (url: {origin: string; v1: string}) => string[];
  guide: number;
}[] = [
  {
    kind: 'lmstudio',
    model: {
      id: 'minimax-m2.1-gs32',
      loaded: true,
      loadedContext: 32768,
      maxContext: 196608,
      toolUse: true,
      sizeBytes: 120e9,
    },
    args: (u) => ['--stack', 'lmstudio', '--base-url', u.v1],
    guide: 196608,
  },
  {
    kind: 'ollama',
    model: {id: 'qwen3:8b', loaded: true, loadedContext: 4096, maxContext: 40960, toolUse: true, sizeBytes: 5225388164},
    args: (u) => ['--stack', 'ollama', '--base-url', u.origin, '--model', 'qwen3:8b'],
    guide: 32768,
  },
  {
    kind: 'vllm',
    model: {id: 'qwen3-8b', loaded: true, loadedContext: 24576},
    args: (u) => ['--stack', 'openai-compatible', '--base-url', u.v1, '--model', 'qwen3-8b'],
    guide: 32768,
  },
  {
    kind: 'llamacpp',
    model: {id: 'qwen3-8b', loaded: true, loadedContext: 24576, maxContext: 40960, sizeBytes: 5027783488},
    args: (u) => ['--stack', 'llamacpp', '--base-url', u.v1, '--model', 'qwen3-8b'],
    guide: 32768,
  },
];

const ABOUT_CONFIG_OR_SERVER = /^(config|server|model|context|api)\./;

describe('setup --yes, then doctor: nothing about the config or the server fails', () => {
  for (const c of CASES) {
    it(`${c.kind}, loaded below the guide's ${c.guide}`, async () => {
      const f = await fake(c.kind, {models: [c.model]});
      const s = setup();
      const r = await runSetup(s, [...c.args(f), '--yes']);
      expect(r.err).not.toMatch(/^error/m);
      expect(r.code).toBe(0);
      expect(r.err).toMatch(/^note: .* (runs|serves) /m);
      const doc = await s.doctor(['--json']);
      const failing = doc.json.checks.filter(
        (x: {id: string; status: string}) =>
          ABOUT_CONFIG_OR_SERVER.test(x.id) && (x.status === 'fail' || x.status === 'crashed'),
      );
      expect(failing, JSON.stringify(failing, null, 1)).toEqual([]);
      if (c.kind !== 'ollama') expect(s.read()).toContain(`contextWindow: ${c.model.loadedContext}`);
    });
  }
});

describe('the served model decides', () => {
  it('a model id the server does not serve: one line naming what it serves, closest first; nothing written', async () => {
    const f = await fake('lmstudio', {
      models: [
        {id: 'qwen/qwen3-8b', loaded: true, loadedContext: 32768},
        {id: 'minimax-m2.1-gs32-mlx', loaded: false, maxContext: 196608},
      ],
    });
    const s = setup();
    const r = await runSetup(s, ['--stack', 'lmstudio', '--base-url', f.v1, '--model', 'minimax-m2.1', '--yes']);
    expect(r.code).toBe(2);
    const lines = r.err
      .trim()
      .split('\n')
      .filter((l) => /serve/.test(l));
    expect(lines, r.err).toHaveLength(1);
    expect(lines[0]).toMatch(
      /--model: LM Studio at .* does not serve "minimax-m2\.1": it serves minimax-m2\.1-gs32-mlx, qwen\/qwen3-8b/,
    );
    expect(existsSync(s.configPath)).toBe(false);
  });

  it("--offline asks no server and writes the guide's values", async () => {
    const f = await fake('lmstudio', {models: [{id: 'minimax-m2.1-gs32', loaded: true, loadedContext: 32768}]});
    const s = setup();
    const r = await runSetup(s, ['--stack', 'lmstudio', '--base-url', f.v1, '--offline', '--yes']);
    expect(r.code).toBe(0);
    expect(f.requests).toHaveLength(0);
    expect(s.read()).toContain('contextWindow: 196608');
  });

  it("an unreachable server: a note, and the guide's values", async () => {
    const port = await closedPort();
    const s = setup();
    const r = await runSetup(s, ['--stack', 'lmstudio', '--base-url', `http://127.0.0.1:${port}/v1`, '--yes']);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/note: http:\/\/127\.0\.0\.1:\d+\/v1 did not answer .*guide's context 196,608/);
    expect(s.read()).toContain('contextWindow: 196608');
  });
});

describe('one base-URL rule', () => {
  it('setup --base-url with a bare origin writes /v1 for an OpenAI-style API, as the wizard does', async () => {
    const port = await closedPort();
    const s = setup();
    const r = await runSetup(s, [
      '--stack',
      'openai-compatible',
      '--base-url',
      `http://127.0.0.1:${port}`,
      '--model',
      'm',
      '--offline',
      '--yes',
    ]);
    expect(r.code).toBe(0);
    expect(r.err).toContain(`using base URL http://127.0.0.1:${port}/v1`);
    expect(s.read()).toContain(`baseUrl: "http://127.0.0.1:${port}/v1"`);
  });
});

describe('the server the plan points at', () => {
  it('an existing provider keeps its baseUrl, and that server is the one asked', async () => {
    const f = await fake('lmstudio', {
      models: [{id: 'minimax-m2.1-gs32', loaded: true, loadedContext: 49152, maxContext: 196608}],
    });
    const s = setup();
    s.write(
      `{ models: { providers: { lmstudio: { baseUrl: ${JSON.stringify(f.v1)}, apiKey: "lmstudio", models: [] } } } }\n`,
    );
    const r = await runSetup(s, ['--stack', 'lmstudio', '--yes']);
    expect(r.code, r.err).toBe(0);
    expect(f.requests.length).toBeGreaterThan(0);
    expect(s.read()).toContain('contextWindow: 49152');
    expect(s.read()).toContain(`baseUrl: ${JSON.stringify(f.v1)}`);
  });
});

describe('a server that does not list its models', () => {
  it("(an LM Studio that wants a token) refuses nothing: a note, and the guide's values", async () => {
    const f = await fake('lmstudio', {
      apiKey: 'sk-lm-token-0123456789',
      models: [{id: 'minimax-m2.1-gs32', loaded: true, loadedContext: 32768}],
    });
    const s = setup();
    const r = await runSetup(s, ['--stack', 'lmstudio', '--base-url', f.v1, '--yes']);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(/note: LM Studio at .* did not list its models/);
    expect(s.read()).toContain('contextWindow: 196608');
  });
});
