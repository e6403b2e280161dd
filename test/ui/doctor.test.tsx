import JSON5 from 'json5';
import {describe, expect, it} from 'vitest';
import type {CheckResult, DoctorReport} from '../../src/doctor/types.js';
import {App} from '../../src/ui/App.js';
import {hostedFallbackFix} from '../../src/doctor/checks/safety.js';
import type {DoctorHandlers} from '../../src/ui/services.js';
import {KEY, flat, renderInk} from '../support/ink.js';
import {CONFIG_PATH, HOME, check, fakeServices} from './fakes.js';

const LOCAL = `{
  // LM Studio
  models: {providers: {lmstudio: {baseUrl: "http://127.0.0.1:1234/v1", api: "openai-responses", models: [{id: "minimax-m2.1-gs32", contextWindow: 196608, maxTokens: 8192}]}}},
  agents: {defaults: {model: {primary: "lmstudio/minimax-m2.1-gs32"}}},
}
`;

const ok = (id: string, title: string, message: string): CheckResult => ({
  id,
  title,
  message,
  status: 'pass',
  severity: 'info',
});

const contextTooBig: CheckResult = {
  id: 'model.context-fits',
  title: 'context',
  status: 'fail',
  severity: 'error',
  message: 'contextWindow 196,608 > loaded context 32,768',
  provider: 'lmstudio',
  fix: {
    kind: 'config',
    description: 'contextWindow 196,608 → 32,768',
    patch: [{op: 'set', path: ['models', 'providers', 'lmstudio', 'models', 0, 'contextWindow'], value: 32768}],
  },
  alternatives: [
    {
      kind: 'command',
      description: 'load the model with more context',
      command: 'lms load minimax-m2.1-gs32 --context-length 196608',
    },
  ],
};

const timeoutLow: CheckResult = {
  id: 'provider.timeout',
  title: 'timeout',
  status: 'warn',
  severity: 'warning',
  message: 'no timeoutSeconds: a cold load can take longer than the default',
  provider: 'lmstudio',
  fix: {
    kind: 'config',
    description: 'timeoutSeconds → 600',
    patch: [{op: 'set', path: ['models', 'providers', 'lmstudio', 'timeoutSeconds'], value: 600}],
  },
};

const notLoaded: CheckResult = {
  id: 'model.loaded',
  title: 'loaded',
  status: 'warn',
  severity: 'warning',
  message: 'listed but not loaded: the first request will cold-load it',
  fix: {kind: 'command', description: 'load it now', command: 'lms load minimax-m2.1-gs32'},
};

describe('doctor screen', () => {
  it('shows checks live as they finish, then the summary', async () => {
    const gates: (() => void)[] = [];
    const gate = () => new Promise<void>((r) => gates.push(r));
    const services = fakeServices({
      overrides: {
        async runDoctor(h: DoctorHandlers): Promise<DoctorReport> {
          const a = check('config.parse', 'config');
          const b = check('server.reachable', 'server');
          h.onStart?.(a);
          h.onStart?.(b);
          await gate();
          const ra = ok('config.parse', 'config', 'parsed, valid');
          h.onResult?.(a, [ra]);
          await gate();
          const rb = ok('server.reachable', 'server', 'LM Studio 0.4.2 reachable (12 ms)');
          h.onResult?.(b, [rb]);
          return {schemaVersion: 1, ok: true, configPath: CONFIG_PATH, checks: [ra, rb], durationMs: 5};
        },
      },
    });
    const app = await renderInk(
      <App services={services} version="0.1.0" home={HOME} initialRoute={{screen: 'doctor'}} />,
    );
    let f = await app.waitFor(/server · checking…/);
    expect(f).toMatch(/config · checking…/);
    gates.shift()!();
    f = await app.waitFor(/✔ config · parsed, valid/);
    expect(f).toMatch(/server · checking…/);
    expect(f).not.toMatch(/config · checking…/);
    gates.shift()!();
    f = await app.waitFor(/no problems/);
    expect(f).toMatch(/✔ server · LM Studio 0\.4\.2 reachable/);
    expect(f).toMatch(/2 checks: 2 ✔ 0 ⚠ 0 ✖ · no problems/);
    // Printed once: each finished check appears a single time.
    expect(f.match(/parsed, valid/g)).toHaveLength(1);
    app.unmount();
  });

  it('lists each problem with its fix and the commands to copy; fixing re-runs and shows before → after', async () => {
    const services = fakeServices({
      configText: LOCAL,
      doctorRuns: [
        [ok('config.parse', 'config', 'parsed, valid'), contextTooBig, notLoaded],
        [
          ok('config.parse', 'config', 'parsed, valid'),
          {
            ...contextTooBig,
            status: 'pass',
            severity: 'info',
            message: 'contextWindow 32,768 fits',
            fix: undefined,
            alternatives: undefined,
          },
          notLoaded,
        ],
      ],
    });
    const app = await renderInk(
      <App services={services} version="0.1.0" home={HOME} initialRoute={{screen: 'doctor'}} />,
    );
    let f = await app.waitFor(/Fix it in my config/);
    expect(f).toMatch(/3 checks: 1 ✔ 1 ⚠ 1 ✖ · 2 problems · 1 config fix · 2 commands to run/);
    expect(flat(f)).toMatch(
      /✖ context: contextWindow 196,608 > loaded context 32,768 fix in your config: contextWindow 196,608 → 32,768/,
    );
    // Commands stand alone on their line, ready to copy.
    expect(f).toMatch(/^\s+lms load minimax-m2\.1-gs32 --context-length 196608$/m);
    expect(f).toMatch(/^\s+lms load minimax-m2\.1-gs32$/m);
    expect(f).toMatch(/⚠ loaded: listed but not loaded/);
    await app.press(KEY.enter);
    f = await app.waitFor(/Write it/);
    expect(f).toMatch(/• contextWindow 196,608 → 32,768/);
    await app.press(KEY.enter);
    f = await app.waitFor(/Before → after/);
    f = await app.waitFor(/1 problem · 1 command to run/);
    expect(f).toMatch(/Before → after: 2 problems → 1/);
    expect(f).toMatch(/✖ → ✔ context: fixed \(was failing, now passing\)/);
    // Each run prints its checks once: two runs, two lines per check.
    expect(f.match(/✔ config · parsed, valid/g)).toHaveLength(2);
    expect(flat(f)).toMatch(/✔ Fixed ~\/\.openclaw\/openclaw\.json · backup/);
    expect(services.writes).toHaveLength(1);
    expect(JSON5.parse(services.writes[0].text).models.providers.lmstudio.models[0].contextWindow).toBe(32768);
    expect(services.calls.filter((c) => c === 'runDoctor')).toHaveLength(2);
    app.unmount();
  });

  it('applies only the fixes picked one by one', async () => {
    const services = fakeServices({configText: LOCAL, doctorRuns: [[contextTooBig, timeoutLow]]});
    const app = await renderInk(
      <App services={services} version="0.1.0" home={HOME} initialRoute={{screen: 'doctor'}} />,
    );
    await app.waitFor(/Fix all 2 config problems/);
    await app.press(KEY.down);
    await app.waitFor(/❯ Pick fixes one by one/);
    await app.press(KEY.enter);
    let f = await app.waitFor(/Pick the config fixes to apply/);
    expect(f).toMatch(/\[x\] context: contextWindow 196,608 → 32,768/);
    expect(f).toMatch(/\[x\] timeout: timeoutSeconds → 600/);
    await app.press(KEY.space);
    await app.waitFor(/\[ \] context/);
    await app.press(KEY.enter);
    f = await app.waitFor(/Write it/);
    expect(f).toMatch(/• timeoutSeconds → 600/);
    expect(f).not.toMatch(/• contextWindow/);
    await app.press(KEY.enter);
    await app.waitFor(/Before → after/);
    const written = JSON5.parse(services.writes[0].text);
    expect(written.models.providers.lmstudio.timeoutSeconds).toBe(600);
    expect(written.models.providers.lmstudio.models[0].contextWindow).toBe(196608);
    app.unmount();
  });

  it('Skip goes back and writes nothing; Esc from the picker returns to the results', async () => {
    const services = fakeServices({configText: LOCAL, doctorRuns: [[contextTooBig, timeoutLow]]});
    const app = await renderInk(<App services={services} version="0.1.0" home={HOME} />);
    await app.waitFor(/❯ Run the doctor/);
    await app.press(KEY.enter);
    await app.waitFor(/Fix all 2 config problems/);
    await app.press(KEY.down);
    await app.press(KEY.enter);
    await app.waitFor(/Pick the config fixes/);
    await app.press(KEY.escape);
    await app.waitFor(/Fix all 2 config problems/);
    await app.press(KEY.down);
    await app.press(KEY.down);
    await app.waitFor(/❯ Skip/);
    await app.press(KEY.enter);
    await app.waitFor(/❯ Run the doctor/);
    expect(services.writes).toHaveLength(0);
    app.unmount();
  });

  it('says so when the doctor cannot run', async () => {
    const services = fakeServices({
      overrides: {runDoctor: async () => Promise.reject(new Error('config engine exploded\nat foo.ts:1'))},
    });
    const app = await renderInk(
      <App services={services} version="0.1.0" home={HOME} initialRoute={{screen: 'doctor'}} />,
    );
    const f = await app.waitFor(/The doctor could not run/);
    expect(f).toMatch(/✖ The doctor could not run: config engine exploded/);
    expect(f).not.toContain('foo.ts');
    app.unmount();
  });

  it('Run again runs a fresh check with no before → after and no stale note', async () => {
    const services = fakeServices({
      doctorRuns: [[ok('config.parse', 'config', 'parsed, valid')], [ok('config.parse', 'config', 'parsed again')]],
    });
    const app = await renderInk(
      <App services={services} version="0.1.0" home={HOME} initialRoute={{screen: 'doctor', note: 'Wrote x'}} />,
    );
    let f = await app.waitFor(/❯ Run again/);
    expect(f).toMatch(/✔ Wrote x\nDoctor\n/);
    await app.press(KEY.enter);
    f = await app.waitFor(/parsed again/);
    f = await app.waitFor(/❯ Run again/);
    expect(f).toMatch(/Doctor, again\n✔ config · parsed again/);
    expect(f.match(/Wrote x/g)).toHaveLength(1);
    expect(f).not.toMatch(/Before → after/);
    expect(services.calls.filter((c) => c === 'runDoctor')).toHaveLength(2);
    app.unmount();
  });
});

describe('doctor screen: a hosted fallback, asked for separately (issue 11)', () => {
  // As safety.fallbacks reports it without --add-fallback: offered as an alternative, never as its fix.
  const offer = hostedFallbackFix(JSON5.parse(LOCAL), 'lmstudio/minimax-m2.1-gs32', []);
  const noFallback: CheckResult = {
    id: 'safety.fallbacks',
    title: 'A hosted fallback backs the local model',
    status: 'warn',
    severity: 'info',
    message: 'local primary "lmstudio/minimax-m2.1-gs32" has no hosted fallback',
    path: 'agents.defaults.model.fallbacks',
    alternatives: [offer],
  };

  it('"Fix it" leaves the fallback out; its own choice checks the ref like --add-fallback, shows the diff, writes it', async () => {
    const services = fakeServices({configText: LOCAL, doctorRuns: [[timeoutLow, noFallback]]});
    const app = await renderInk(
      <App services={services} version="0.1.0" home={HOME} initialRoute={{screen: 'doctor'}} />,
    );
    let f = await app.waitFor(/Add a hosted fallback…/);
    expect(f).toMatch(/Fix it in my config/);
    await app.press(KEY.down);
    await app.waitFor(/❯ Add a hosted fallback…/);
    await app.press(KEY.enter);
    f = await app.waitFor(/Fallback\s+anthropic\/claude-sonnet-4-5/);
    // The rule --add-fallback uses: no spaces, provider/model, never a key.
    await app.press(KEY.ctrlU);
    await app.press('sk-ant-api03-abcdefghijklmnopqrstuvwxyz0123456789');
    await app.press(KEY.enter);
    f = await app.waitFor(/looks like an API key/);
    expect(services.calls.filter((c) => c.startsWith('addFallback'))).toHaveLength(0);
    await app.press(KEY.ctrlU);
    await app.press('openai/gpt-5.1');
    await app.press(KEY.enter);
    f = await app.waitFor(/Write it/);
    expect(f).toMatch(/openai\/gpt-5\.1/);
    expect(services.writes).toHaveLength(0);
    await app.press(KEY.enter);
    await app.waitFor(/Before → after/);
    const written = JSON5.parse(services.writes[0].text);
    expect(written.agents.defaults.model.fallbacks).toEqual(['openai/gpt-5.1']);
    // Only the fallback: the other fix was not chosen.
    expect(written.models.providers.lmstudio.timeoutSeconds).toBeUndefined();
    expect(services.calls).toContain('addFallback openai/gpt-5.1');
    app.unmount();
  });

  it('"Fix it in my config" never writes the hosted fallback', async () => {
    const services = fakeServices({configText: LOCAL, doctorRuns: [[timeoutLow, noFallback]]});
    const app = await renderInk(
      <App services={services} version="0.1.0" home={HOME} initialRoute={{screen: 'doctor'}} />,
    );
    await app.waitFor(/❯ Fix it in my config/);
    await app.press(KEY.enter);
    const f = await app.waitFor(/Write it/);
    expect(f).not.toMatch(/claude-sonnet/);
    await app.press(KEY.enter);
    await app.waitFor(/Before → after/);
    const written = JSON5.parse(services.writes[0].text);
    expect(written.models.providers.lmstudio.timeoutSeconds).toBe(600);
    expect(written.agents.defaults.model.fallbacks).toBeUndefined();
    app.unmount();
  });
});
