/**
 * One engine for both front-ends: for the same answers, the wizard (its
 * reducer + the real Services, discovery included) and `setup` write
 * byte-identical files.
 */
import {describe, expect, it} from 'vitest';
import {readFileSync} from 'node:fs';
import {testLifecycle, type TempSetup} from '../doctor/env.js';
import {cli} from '../support/run-cli.js';
import {memoryIo} from '../../src/cli/io.js';
import {realServices} from '../../src/ui/real-services.js';
import {answersFrom, initialSetupState, setupReducer, type SetupState} from '../../src/ui/state/setup.js';
import {modelChoices, serversForStack} from '../../src/ui/screens/Setup.js';
import {stackInfo, type StackId} from '../../src/core/stacks.js';
import type {FakeKind, FakeModel} from '../fakes/index.js';
import {RTX4090_24GB} from '../support/profiles.js';

const {fake, setup} = testLifecycle();
const NOW = () => new Date('2026-11-22T10:00:00Z');

async function viaWizard(s: TempSetup, stackId: StackId, port: number, model: string): Promise<string> {
  const env = {...s.env, OPENCLAW_LOCAL_DOCTOR_PORTS: String(port)};
  const services = realServices({
    io: memoryIo({env, now: NOW}),
    global: {configPath: s.configPath, color: false, json: false},
    values: {},
    args: [],
  });
  const snap = await services.loadConfig();
  const stack = stackInfo(stackId);
  const found = await services.discover(snap);
  const choice = modelChoices(serversForStack(stack, found.servers)).find((c) => c.model === model);
  expect(choice, `the wizard lists ${model}`).toBeDefined();
  // The wizard's screen hands the reducer the hardware the app detected (the same detector `setup` uses).
  const hardware = await services.detectHardware();
  let state: SetupState = setupReducer(initialSetupState, {type: 'choose-stack', stack, hardware});
  state = setupReducer(state, {type: 'choose-model', choice: choice!});
  const {newText} = await services.setupText(stackId, snap.loaded, answersFrom(state));
  await services.commit(await services.propose(snap.loaded, newText, 'openclaw.json'));
  return readFileSync(s.configPath, 'utf8');
}

async function viaCli(s: TempSetup, args: string[]): Promise<string> {
  const io = memoryIo({env: s.env, now: NOW});
  expect(await cli(['setup', '--config', s.configPath, ...args, '--yes'], io), io.err()).toBe(0);
  return readFileSync(s.configPath, 'utf8');
}

/** A 24 GB card: a 17.5 GB model leaves room for about 15k tokens of KV cache (the fit engine). */
const GPU24 = RTX4090_24GB;

const CASES: {
  kind: FakeKind;
  stack: StackId;
  model: FakeModel;
  args: (f: {origin: string; v1: string}) => string[];
  profile?: unknown;
  /** A contextWindow the file must hold (where the memory cap is the tighter limit). */
  contextWindow?: number;
}[] = [
  {
    kind: 'lmstudio',
    stack: 'lmstudio',
    model: {id: 'minimax-m2.1-gs32', loaded: true, loadedContext: 32768, maxContext: 196608},
    args: (f) => ['--base-url', f.v1],
  },
  {
    kind: 'ollama',
    stack: 'ollama',
    model: {id: 'qwen3:8b', loaded: true, loadedContext: 4096, maxContext: 40960},
    args: (f) => ['--base-url', f.origin, '--model', 'qwen3:8b'],
  },
  {
    kind: 'vllm',
    stack: 'openai-compatible',
    model: {id: 'qwen3-8b', loaded: true, loadedContext: 24576},
    args: (f) => ['--base-url', f.v1, '--model', 'qwen3-8b'],
  },
  {
    // Native Ollama loads at the configured context: memory, not the model's 262k or the guide's 32k, is the limit.
    kind: 'ollama',
    stack: 'ollama',
    model: {id: 'qwen3-coder:30b', loaded: false, maxContext: 262144, sizeBytes: 17.5e9},
    args: (f) => ['--base-url', f.origin, '--model', 'qwen3-coder:30b'],
    profile: GPU24,
    contextWindow: 15360,
  },
];

describe('the wizard and setup write the same bytes', () => {
  for (const c of CASES) {
    it(`${c.stack} on ${c.kind}${c.profile ? ' (memory caps the context)' : ''}`, async () => {
      const f = await fake(c.kind, {models: [c.model]});
      const wizard = await viaWizard(setup({profile: c.profile}), c.stack, f.port, c.model.id);
      const headless = await viaCli(setup({profile: c.profile}), ['--stack', c.stack, ...c.args(f)]);
      expect(wizard).toBe(headless);
      expect(headless).toContain(c.model.id);
      if (c.contextWindow) expect(headless).toMatch(new RegExp(`contextWindow"?: ${c.contextWindow}\\b`));
    });
  }
});
