import {describe, expect, it} from 'vitest';
import type {CheckResult} from '../../src/doctor/types.js';
import {appReducer, currentRoute, initialAppState} from '../../src/ui/state/app.js';
import {compareRuns, doctorRunReducer, initialDoctorRun, summarize, summaryLine} from '../../src/ui/state/doctor.js';
import {
  answersFrom,
  fallbackCandidates,
  initialSetupState,
  setupReducer,
  suggestedSizes,
  type SetupState,
} from '../../src/ui/state/setup.js';
import {checkBaseUrl, formatGB, formatTokens, parseTokenCount, shortenLeft, tildePath} from '../../src/ui/format.js';
import {STACKS} from './fakes.js';
import {stackInfo} from '../../src/core/stacks.js';
import type {HardwareProfile} from '../../src/core/types/hardware.js';
import {RTX4090_24GB} from '../support/profiles.js';

const lmstudio = STACKS[0];
const regional = STACKS[2];
const run = (s: SetupState, ...actions: Parameters<typeof setupReducer>[1][]) => actions.reduce(setupReducer, s);

describe('setup reducer', () => {
  it('walks stack → server → context → fallbacks → review, and back', () => {
    let s = run(initialSetupState, {type: 'choose-stack', stack: lmstudio});
    expect(s.step).toBe('server');
    s = run(s, {
      type: 'choose-model',
      choice: {baseUrl: 'http://127.0.0.1:1234/v1', model: 'm', loadedContext: 32768, maxContext: 196608},
    });
    expect(s.step).toBe('context');
    expect(s.context).toMatchObject({contextText: '32768', maxTokensText: '8192', field: 'context'});
    s = run(s, {type: 'context-submit'}, {type: 'context-submit'});
    expect(s.step).toBe('fallbacks');
    s = run(s, {type: 'back'});
    expect(s.step).toBe('context');
    s = run(s, {type: 'back'}, {type: 'back'});
    expect(s.step).toBe('stack');
    expect(run(s, {type: 'back'})).toBe(s);
  });

  it('asks a hosted-only stack for its region and model instead of a server', () => {
    let s = run(initialSetupState, {type: 'choose-stack', stack: regional});
    expect(s.step).toBe('hosted');
    s = run(s, {type: 'choose-region', region: 'eu'});
    expect(s.step).toBe('hosted');
    s = run(s, {type: 'choose-hosted-model', model: 'moonshotai/kimi-k2'});
    expect(s.step).toBe('fallbacks');
    expect(answersFrom(s)).toEqual({region: 'eu', model: 'moonshotai/kimi-k2'});
    s = run(s, {type: 'back'});
    expect(s.step).toBe('hosted');
    expect(s.hosted).toEqual({});
    const plain = {...regional, regions: undefined, modelChoices: undefined};
    expect(run(initialSetupState, {type: 'choose-stack', stack: plain}).step).toBe('fallbacks');
  });

  it('validates typed input field by field', () => {
    let s = run(initialSetupState, {type: 'choose-stack', stack: lmstudio}, {type: 'type-manually'});
    expect(s.manual.baseUrl).toBe('http://127.0.0.1:1234/v1');
    s = run(s, {type: 'manual-edit', value: 'nope'}, {type: 'manual-submit'});
    expect(s.manual.error).toMatch(/has no http:\/\/ or https:\/\//);
    expect(s.manual.field).toBe('baseUrl');
    s = run(s, {type: 'manual-edit', value: 'http://10.0.0.5:8000/v1/'}, {type: 'manual-submit'});
    expect(s.manual).toMatchObject({field: 'model', baseUrl: 'http://10.0.0.5:8000/v1', error: undefined});
    s = run(s, {type: 'manual-edit', value: 'two words'}, {type: 'manual-submit'});
    expect(s.manual.error).toMatch(/no spaces/);
    s = run(s, {type: 'manual-edit', value: 'qwen3'}, {type: 'manual-submit'});
    expect(s.step).toBe('context');
    expect(s.choice).toEqual({baseUrl: 'http://10.0.0.5:8000/v1', model: 'qwen3'});
    // No loaded context known: the stack default.
    expect(s.context.contextText).toBe('196608');
  });

  it('refuses max tokens that do not leave room in the context', () => {
    let s = run(
      initialSetupState,
      {type: 'choose-stack', stack: lmstudio},
      {type: 'choose-model', choice: {baseUrl: 'http://x:1/v1', model: 'm', loadedContext: 4096}},
    );
    // The pre-filled reply limit leaves room for the prompt (a quarter of a small context), so Enter, Enter goes on.
    expect(s.context.maxTokensText).toBe('1024');
    const accepted = run(s, {type: 'context-submit'}, {type: 'context-submit'});
    expect(accepted.step).toBe('fallbacks');
    s = run(s, {type: 'context-submit'}, {type: 'context-edit', value: '4096'}, {type: 'context-submit'});
    expect(s.step).toBe('context');
    expect(s.context.error).toMatch(/must be less than the context/);
  });

  it('toggles and reorders fallbacks; answers carry the kept ones in order', () => {
    let s = run(
      initialSetupState,
      {type: 'choose-stack', stack: lmstudio},
      {type: 'choose-model', choice: {baseUrl: 'http://h:1/v1', model: 'm', loadedContext: 65536}},
    );
    s = run(s, {type: 'context-submit'}, {type: 'context-submit'});
    s = run(s, {
      type: 'fallback-candidates',
      items: fallbackCandidates({
        planned: ['a/1'],
        newPrimary: 'lmstudio/m',
        currentPrimary: 'b/2',
        currentFallbacks: ['c/3', 'a/1'],
      }),
    });
    expect(s.fallbacks.map((f) => [f.ref, f.why])).toEqual([
      ['a/1', 'a fallback now'],
      ['c/3', 'a fallback now'],
      ['b/2', 'your primary now'],
    ]);
    s = run(
      s,
      {type: 'fallback-cursor', delta: 2},
      {type: 'fallback-move', delta: -1},
      {type: 'fallback-cursor', delta: 1},
      {type: 'fallback-toggle'},
    );
    expect(answersFrom(s)).toEqual({
      baseUrl: 'http://h:1/v1',
      model: 'm',
      contextWindow: 65536,
      maxTokens: 8192,
      fallbacks: ['a/1', 'b/2'],
    });
    expect(answersFrom(s, false).fallbacks).toBeUndefined();
  });

  it('never offers the new primary as its own fallback', () => {
    expect(
      fallbackCandidates({planned: ['x/1'], newPrimary: 'x/1', currentPrimary: 'x/1', currentFallbacks: []}),
    ).toEqual([]);
  });

  it('suggests the loaded context over the stack default, capped by the model maximum', () => {
    const suggestedContext = (...a: Parameters<typeof suggestedSizes>) => suggestedSizes(...a).contextWindow;
    expect(suggestedContext(lmstudio, {baseUrl: '', model: '', loadedContext: 8192, maxContext: 196608})).toBe(8192);
    expect(suggestedContext(lmstudio, {baseUrl: '', model: '', maxContext: 32768})).toBe(32768);
    expect(suggestedContext(lmstudio, undefined)).toBe(196608);
  });

  it("pre-fills the context this machine's memory holds where OpenClaw's request loads the model (as setup does)", () => {
    const ollama = stackInfo('ollama');
    const gpu24: HardwareProfile = RTX4090_24GB;
    const choice = {
      baseUrl: 'http://127.0.0.1:9/',
      model: 'qwen3-coder:30b',
      serverKind: 'ollama' as const,
      state: 'not-loaded' as const,
      maxContext: 262144,
      sizeBytes: 17.5e9,
    };
    const prefill = (hardware?: HardwareProfile) => {
      const s = setupReducer(initialSetupState, {type: 'choose-stack', stack: ollama, hardware});
      return Number(setupReducer(s, {type: 'choose-model', choice}).context.contextText);
    };
    expect(prefill()).toBe(ollama.defaults.contextWindow);
    expect(prefill(gpu24)).toBeLessThan(ollama.defaults.contextWindow!);
    expect(prefill(gpu24)).toBe(suggestedSizes(ollama, choice, gpu24).contextWindow);
  });
});

describe('app reducer', () => {
  it('pushes, replaces and pops screens; home stays at the bottom', () => {
    let s = appReducer(initialAppState, {type: 'push', route: {screen: 'setup'}});
    s = appReducer(s, {type: 'replace', route: {screen: 'doctor', note: 'Wrote x'}});
    expect(currentRoute(s)).toEqual({screen: 'doctor', note: 'Wrote x'});
    s = appReducer(s, {type: 'back'});
    expect(currentRoute(s)).toEqual({screen: 'home'});
    expect(appReducer(s, {type: 'back'})).toBe(s);
  });

  it('Esc closes help before it leaves a screen', () => {
    let s = appReducer(initialAppState, {type: 'push', route: {screen: 'hardware'}});
    s = appReducer(s, {type: 'help', open: true});
    s = appReducer(s, {type: 'back'});
    expect(s.help).toBe(false);
    expect(currentRoute(s).screen).toBe('hardware');
  });
});

const r = (id: string, status: CheckResult['status'], extra: Partial<CheckResult> = {}): CheckResult => ({
  id,
  status,
  severity: 'info',
  title: id,
  message: '',
  ...extra,
});

describe('doctor run reducer', () => {
  it('moves checks from running to finished, and gives empty results a line', () => {
    let s = doctorRunReducer(initialDoctorRun, {type: 'start', check: {id: 'a', title: 'A'}});
    s = doctorRunReducer(s, {type: 'start', check: {id: 'b', title: 'B'}});
    s = doctorRunReducer(s, {type: 'result', check: {id: 'a', title: 'A'}, results: []});
    expect(s.running.map((c) => c.id)).toEqual(['b']);
    expect(s.results).toEqual([{id: 'a', status: 'skip', severity: 'info', title: 'A', message: 'not applicable'}]);
    const late = r('c', 'pass');
    s = doctorRunReducer(s, {
      type: 'finished',
      report: {schemaVersion: 1, ok: true, configPath: '', checks: [s.results[0], late], durationMs: 1},
    });
    expect(s.phase).toBe('done');
    expect(s.results.map((x) => x.id)).toEqual(['a', 'c']);
    expect(doctorRunReducer(s, {type: 'reset'})).toMatchObject({runId: 1, results: [], phase: 'running'});
  });

  it('summarises problems, config fixes and commands', () => {
    const results = [
      r('ok', 'pass'),
      r('ctx', 'fail', {
        fix: {kind: 'config', description: 'd', patch: [{op: 'set', path: ['a'], value: 1}]},
        alternatives: [{kind: 'command', description: 'd', command: 'lms load x'}],
      }),
      r('load', 'warn', {fix: {kind: 'command', description: 'd', command: 'lms load y'}}),
      r('boom', 'crashed'),
      r('na', 'skip'),
    ];
    const s = summarize(results);
    expect(s.problems.map((x) => x.id)).toEqual(['ctx', 'load', 'boom']);
    expect(s.configFixes.map((x) => x.id)).toEqual(['ctx']);
    expect(s.commands.map((x) => x.id)).toEqual(['ctx', 'load']);
    expect(summaryLine(s)).toBe('5 checks: 1 ✔ 1 ⚠ 2 ✖ 1 ◌ · 3 problems · 1 config fix · 2 commands to run');
  });

  it('compares two runs check by check', () => {
    const before = [r('a', 'fail'), r('b', 'pass'), r('c', 'warn')];
    const after = [r('a', 'pass'), r('b', 'pass'), r('d', 'warn')];
    expect(compareRuns(before, after).map((c) => [c.title, c.before, c.after])).toEqual([
      ['a', 'fail', 'pass'],
      ['c', 'warn', undefined],
      ['d', undefined, 'warn'],
    ]);
  });
});

describe('format helpers', () => {
  it('formats numbers the same everywhere', () => {
    expect(formatTokens(196608)).toBe('196,608');
    expect(formatGB(143.4)).toBe('143 GB');
    expect(formatGB(10.72)).toBe('10.7 GB');
  });

  it('parses token counts people type', () => {
    expect(parseTokenCount('32,768')).toEqual({value: 32768});
    expect(parseTokenCount('64k')).toEqual({value: 65536});
    expect(parseTokenCount('0')).toHaveProperty('error');
    expect(parseTokenCount('-5')).toHaveProperty('error');
    expect(parseTokenCount('')).toHaveProperty('error');
  });

  it('checks base URLs', () => {
    expect(checkBaseUrl(' http://127.0.0.1:1234/v1/ ')).toEqual({value: 'http://127.0.0.1:1234/v1'});
    expect(checkBaseUrl('127.0.0.1:1234')).toEqual({
      error: 'base URL "127.0.0.1:1234" has no http:// or https://; did you mean http://127.0.0.1:1234?',
    });
    expect(checkBaseUrl('localhost:11434')).toEqual({
      error: 'base URL "localhost:11434" has no http:// or https://; did you mean http://localhost:11434?',
    });
    expect(checkBaseUrl('file:///etc/passwd')).toHaveProperty('error');
    // The same rule as setup --base-url: no credentials, no query, no key in the path.
    expect(checkBaseUrl('http://user:pw@127.0.0.1:1234/v1')).toHaveProperty('error');
    expect(checkBaseUrl('http://127.0.0.1:1234/v1?key=x')).toHaveProperty('error');
  });

  it('shortens paths', () => {
    expect(tildePath('/home/ann/.openclaw/openclaw.json', '/home/ann')).toBe('~/.openclaw/openclaw.json');
    expect(tildePath('/home/annie/x', '/home/ann')).toBe('/home/annie/x');
    expect(shortenLeft('/very/long/path/openclaw.json', 16)).toBe('…/openclaw.json');
    // No folder boundary in reach: plain cut.
    expect(shortenLeft('/a/averyveryverylongfilename.json', 10)).toBe('…name.json');
    expect(shortenLeft('short', 16)).toBe('short');
  });
});

describe('openclawBaseUrl', () => {
  it('adds /v1 for OpenAI-style servers and keeps Ollama at the root', async () => {
    const {openclawBaseUrl} = await import('../../src/ui/screens/Setup.js');
    const {lmStudio} = await import('./fakes.js');
    const lm = lmStudio(1234);
    expect(openclawBaseUrl(lm)).toBe('http://127.0.0.1:1234/v1');
    expect(openclawBaseUrl({...lm, baseUrl: 'http://127.0.0.1:1234/v1/'})).toBe('http://127.0.0.1:1234/v1');
    expect(
      openclawBaseUrl({...lm, baseUrl: 'http://127.0.0.1:11434', fingerprint: {...lm.fingerprint, kind: 'ollama'}}),
    ).toBe('http://127.0.0.1:11434');
    expect(
      openclawBaseUrl({...lm, baseUrl: 'http://127.0.0.1:11434/v1/', fingerprint: {...lm.fingerprint, kind: 'ollama'}}),
    ).toBe('http://127.0.0.1:11434');
  });

  it('keeps the path of a configured provider found by discovery (no /v1 it never had)', async () => {
    const {openclawBaseUrl} = await import('../../src/ui/screens/Setup.js');
    const {lmStudio} = await import('./fakes.js');
    const lm = lmStudio(4000);
    expect(
      openclawBaseUrl({
        ...lm,
        baseUrl: 'http://127.0.0.1:4000/api/openai',
        fingerprint: {...lm.fingerprint, kind: 'litellm'},
      }),
    ).toBe('http://127.0.0.1:4000/api/openai');
  });
});

describe('diffRows', () => {
  it('wraps long lines instead of cutting them, keeping the +/- mark', async () => {
    const {diffRows} = await import('../../src/ui/components/DiffView.js');
    const long = `+${'x'.repeat(25)}END`;
    const rows = diffRows(`--- a/f\n+++ b/f\n@@ -1 +1 @@\n-old\n${long}\n`, 12);
    expect(rows.map((r) => r.kind)).toEqual(['head', 'head', 'hunk', 'del', 'add', 'add', 'add']);
    expect(rows.slice(4).map((r) => r.text)).toEqual([
      `+${'x'.repeat(11)}`,
      `+↪${'x'.repeat(10)}`,
      `+↪${'x'.repeat(4)}END`,
    ]);
    expect(rows.slice(4).every((r) => [...r.text].length <= 12)).toBe(true);
  });
});
