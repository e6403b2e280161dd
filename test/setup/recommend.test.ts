import {describe, expect, it} from 'vitest';
import {PAID_PLAN_STACKS, STACK_IDS, recommendStack, startServerCommands} from '../../src/core/stacks.js';

const lm = (state = 'loaded', id = 'minimax-m2.1-gs32') => ({
  kind: 'lmstudio',
  baseUrl: 'http://127.0.0.1:1234',
  models: [{id, state}],
});
const ollama = (state = 'not-loaded') => ({
  kind: 'ollama',
  baseUrl: 'http://127.0.0.1:11434',
  models: [{id: 'qwen3:8b', state}],
});

describe('recommendStack', () => {
  it('a running server that serves the model beats a "hosted only" estimate', () => {
    const r = recommendStack({estimate: ['regional'], servers: [lm()]});
    expect(r).toMatchObject({kind: 'server', stack: 'lmstudio', model: 'minimax-m2.1-gs32'});
    expect(r.why).toMatch(/LM Studio on :1234 has minimax-m2\.1-gs32 loaded: a running server beats an estimate/);
  });

  it('a loaded model beats a listed one; the server decides the stack', () => {
    expect(recommendStack({estimate: ['hybrid'], servers: [lm('not-loaded'), ollama('loaded')]})).toMatchObject({
      stack: 'ollama',
      model: 'qwen3:8b',
    });
    expect(
      recommendStack({
        servers: [{kind: 'vllm', baseUrl: 'http://127.0.0.1:8000', models: [{id: 'q', state: 'unknown'}]}],
      }),
    ).toMatchObject({stack: 'openai-compatible'});
    expect(
      recommendStack({
        servers: [{kind: 'llamacpp', baseUrl: 'http://127.0.0.1:8080', models: [{id: 'g', state: 'loaded'}]}],
      }),
    ).toMatchObject({stack: 'llamacpp'});
  });

  it('nothing local runs: start a server first, never a paid-plan-only or demoting default', () => {
    for (const estimate of [['regional'], ['hybrid', 'local-first', 'regional'], ['lmstudio'], undefined]) {
      for (const primaryIsLocal of [false, true]) {
        const r = recommendStack({estimate, servers: [], primaryIsLocal});
        expect(r.kind).toBe('start-server');
      }
    }
    // A server with no model, or a hosted OpenRouter, is not a local model that runs.
    expect(recommendStack({servers: [{kind: 'lmstudio', baseUrl: 'http://127.0.0.1:1234', models: []}]}).kind).toBe(
      'start-server',
    );
    expect(
      recommendStack({
        servers: [{kind: 'openrouter', baseUrl: 'https://openrouter.ai/api', models: [{id: 'x', state: 'loaded'}]}],
      }).kind,
    ).toBe('start-server');
    expect(recommendStack({servers: [], primaryIsLocal: true}).why).toMatch(/already uses a local model/);
  });

  it('never recommends a paid-plan-only stack, whatever the inputs', () => {
    expect(PAID_PLAN_STACKS).toContain('regional');
    const serverSets = [[], [lm()], [ollama()], [lm('not-loaded'), ollama('loaded')]];
    for (const estimate of [undefined, ...STACK_IDS.map((s) => [s])]) {
      for (const servers of serverSets) {
        const r = recommendStack({estimate, servers});
        if (r.kind === 'server') expect(PAID_PLAN_STACKS).not.toContain(r.stack);
      }
    }
  });

  it('an exo cluster that answers is the one to set up, placed model or not', () => {
    const exo = {kind: 'exo', baseUrl: 'http://127.0.0.1:52415', models: []};
    expect(recommendStack({servers: [lm('loaded'), exo]})).toMatchObject({kind: 'server', stack: 'exo'});
    expect(recommendStack({servers: [exo]}).why).toMatch(/exo on :52415 answers/);
  });

  it('the same answer whatever order the servers were found in', () => {
    const a = recommendStack({servers: [lm('loaded'), ollama('loaded')]});
    const b = recommendStack({servers: [ollama('loaded'), lm('loaded')]});
    expect(a).toEqual(b);
  });
});

describe('startServerCommands', () => {
  it('gives the exact commands per OS, with the model the estimate picked', () => {
    const linux = startServerCommands('linux', {model: 'gpt-oss-20b'});
    expect(linux.find((s) => s.server === 'LM Studio')?.commands).toEqual([
      'lms server start',
      'lms get gpt-oss-20b',
      'lms load gpt-oss-20b',
    ]);
    expect(linux.find((s) => s.server === 'Ollama')?.commands).toEqual(['ollama serve', 'ollama pull gpt-oss:20b']);
    expect(linux.find((s) => s.server === 'llama.cpp')?.commands[0]).toMatch(
      /^llama-server -m ~\/models\/model\.gguf --port 8080$/,
    );
    // The guide's model on a big Mac; the Ollama app runs the server itself; no Ollama tag for MiniMax: no Ollama line.
    const mac = startServerCommands('darwin', {model: 'minimax-m2.1'});
    expect(mac.find((s) => s.server === 'LM Studio')?.commands).toContain('lms load minimax-m2.1-gs32');
    expect(mac.find((s) => s.server === 'Ollama')).toBeUndefined();
    expect(
      startServerCommands('darwin', {model: 'qwen3-coder-30b'}).find((s) => s.server === 'Ollama')?.commands,
    ).toEqual(['ollama pull qwen3-coder:30b']);
    // No model fits: placeholders, a small Ollama model.
    const none = startServerCommands('win32');
    expect(none.find((s) => s.server === 'LM Studio')?.commands).toContain('lms load <model>');
    expect(none.find((s) => s.server === 'llama.cpp')?.commands[0]).toMatch(/C:\\models/);
  });
});
