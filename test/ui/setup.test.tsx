import JSON5 from 'json5';
import {describe, expect, it} from 'vitest';
import {App} from '../../src/ui/App.js';
import {KEY, flat, renderInk, type Driven} from '../support/ink.js';
import {HOME, HOSTED_CONFIG, fakeServices, lmStudio, type FakeServices} from './fakes.js';

async function openSetup(services: FakeServices): Promise<Driven> {
  const app = await renderInk(<App services={services} version="0.1.0" home={HOME} initialRoute={{screen: 'setup'}} />);
  const f = await app.waitFor(/Choose a stack|Start a local model server first/);
  // Nothing local runs: pick a stack anyway.
  if (/Start a local model server first/.test(f)) await app.press(KEY.down + KEY.enter);
  else await app.waitFor(/\(recommended\)/);
  await app.waitFor(/Choose a stack/);
  return app;
}

/** Stack list → LM Studio stack → the discovered model → context step. */
async function toContext(app: Driven) {
  // The recommendation (hybrid) is highlighted; LM Studio is the one above it.
  await app.waitFor(/❯ Local primary: LM Studio[^\n]*\(recommended\)/);

  await app.waitFor(/❯ Local primary: LM Studio/);
  await app.press(KEY.enter);
  await app.waitFor(/Server and model for Local primary: LM Studio/);
  await app.waitFor(/❯ minimax-m2\.1-gs32 · LM Studio on :1234/);
  await app.press(KEY.enter);
  await app.waitFor(/Context for minimax-m2\.1-gs32/);
}

describe('set-up flow', () => {
  it('recommends the running server over the tier estimate, and says why for each stack', async () => {
    const app = await openSetup(fakeServices());
    const f = app.frame();
    // The light tier alone would keep a hosted primary; LM Studio already serves the model.
    expect(flat(f)).toMatch(
      /Your tier: Light \(23 GB usable\)\. LM Studio on :1234 has minimax-m2\.1-gs32 loaded: a running server beats an estimate/,
    );
    expect(f).toMatch(
      /❯ Local primary: LM Studio \+ MiniMax M2\.1 \(recommended\) · found on :1234\n\s+the guide's full local setup/,
    );
    // A small terminal (24 rows): only the highlighted stack spells out its why.
    expect(f).not.toMatch(/safe on small hardware/);
    await app.press(KEY.down);
    expect(await app.waitFor(/❯ Hosted primary/)).toMatch(/safe on small hardware/);
    app.unmount();
  });

  it('goes from stack to written file to the doctor, with the server’s loaded context', async () => {
    const services = fakeServices();
    const app = await openSetup(services);
    await toContext(app);
    let f = app.frame();
    // Pre-filled from what LM Studio has loaded, with the reason it is lower than the maximum.
    expect(f).toMatch(/❯ Context\s+32768/);
    expect(f).toMatch(/loaded with 32,768 tokens of context; the model\s+can take\s+196,608/);
    await app.press(KEY.enter);
    await app.waitFor(/❯ Max tokens\s+8192/);
    await app.press(KEY.enter);
    f = await app.waitFor(/Fallbacks/);
    await app.waitFor(/\[x\] 1\. anthropic\/claude-sonnet-4-5/);
    f = app.frame();
    expect(f).toMatch(/\[x\] 2\. openai\/gpt-5\.1 \(a fallback now\)/);
    // Move openai up to first place.
    await app.press(KEY.down);
    await app.press('u');
    f = await app.waitFor(/\[x\] 1\. openai\/gpt-5\.1/);
    expect(f).toMatch(/\[x\] 2\. anthropic\/claude-sonnet-4-5/);
    await app.press(KEY.enter);
    await app.waitFor(/Write it/);
    await app.waitFor(/✔ our schema check passes/);
    f = await app.waitFor(/`config validate` passes/);
    expect(f).toContain('~/.openclaw/openclaw.json');
    expect(flat(f)).toMatch(/primary lmstudio\/minimax-m2\.1-gs32 → openai\/gpt-5\.1 → anthropic\/claude-sonnet-4-5/);
    // The diff is longer than a 24-row terminal allows: PgDn scrolls it.
    expect(f).toMatch(/↓ \d+ more lines \(PgDn\)/);
    for (let i = 0; i < 5 && !/"baseUrl": "http:\/\/127\.0\.0\.1:1234\/v1"/.test(app.frame()); i++)
      await app.press(KEY.pageDown);
    f = app.frame();
    expect(f).toMatch(/\+\s+"baseUrl": "http:\/\/127\.0\.0\.1:1234\/v1"/);
    expect(f).toMatch(/↑ \d+ more lines \(PgUp\)/);
    expect(f).toMatch(/✔ our schema check passes/);
    expect(f).toMatch(/✔ OpenClaw 2026\.9\.6 `config validate` passes/);
    expect(f).toMatch(/Backup: ~\/\.openclaw\/openclaw\.json\.local-doctor-20261122T101500Z\.bak/);
    expect(services.writes).toHaveLength(0);
    await app.press(KEY.enter);
    f = await app.waitFor(/parsed, valid/);
    expect(flat(f)).toMatch(
      /✔ Wrote ~\/\.openclaw\/openclaw\.json · backup ~\/\.openclaw\/openclaw\.json\.local-doctor-/,
    );
    expect(services.writes).toHaveLength(1);
    const written = JSON5.parse(services.writes[0].text);
    expect(written.models.providers.lmstudio).toMatchObject({
      baseUrl: 'http://127.0.0.1:1234/v1',
      models: [{id: 'minimax-m2.1-gs32', contextWindow: 32768, maxTokens: 8192}],
    });
    expect(written.agents.defaults.model).toEqual({
      primary: 'lmstudio/minimax-m2.1-gs32',
      fallbacks: ['openai/gpt-5.1', 'anthropic/claude-sonnet-4-5'],
    });
    expect(services.calls.filter((c) => c === 'runDoctor')).toHaveLength(1);
    // The write re-reads the config and looks at the servers again; the machine is not detected again.
    await app.waitFor(/\d+ checks?:/);
    expect(services.calls.filter((c) => c === 'loadConfig')).toHaveLength(2);
    expect(services.calls.filter((c) => c === 'detectHardware')).toHaveLength(1);
    app.unmount();
  });

  it('Up/Down move between Context and Max tokens (Down checks the context, as Enter does)', async () => {
    const app = await openSetup(fakeServices());
    await toContext(app);
    await app.waitFor(/❯ Context\s+32768/);
    await app.press(KEY.down);
    await app.waitFor(/❯ Max tokens\s+8192/);
    await app.press(KEY.up);
    await app.waitFor(/❯ Context\s+32768/);
    // A context that does not parse stays put with its error.
    await app.press('x');
    await app.press(KEY.down);
    const f = await app.waitFor(/context: /);
    expect(f).toMatch(/❯ Context/);
    expect(f).not.toMatch(/❯ Max tokens/);
    app.unmount();
  });

  it('a dropped fallback is not written', async () => {
    const services = fakeServices();
    const app = await openSetup(services);
    await toContext(app);
    await app.press(KEY.enter);
    await app.waitFor(/❯ Max tokens/);
    await app.press(KEY.enter);
    await app.waitFor(/\[x\] 2\. openai\/gpt-5\.1/);
    await app.press(KEY.down);
    await app.press(KEY.space);
    await app.waitFor(/\[ \]\s+openai\/gpt-5\.1/);
    await app.press(KEY.enter);
    await app.waitFor(/Write it/);
    await app.press(KEY.enter);
    await app.waitFor(/Wrote /);
    expect(JSON5.parse(services.writes[0].text).agents.defaults.model.fallbacks).toEqual([
      'anthropic/claude-sonnet-4-5',
    ]);
    app.unmount();
  });

  it('checks a typed base URL and model id inline; q is typed, not quit', async () => {
    let exited = 0;
    const services = fakeServices({servers: []});
    const app = await renderInk(
      <App services={services} version="0.1.0" home={HOME} initialRoute={{screen: 'setup'}} onExit={() => exited++} />,
    );
    await app.waitFor(/Start a local model server first/);
    await app.press(KEY.down + KEY.enter);
    await app.waitFor(/❯ Local primary/);
    await app.press(KEY.down);
    await app.press(KEY.enter);
    let f = await app.waitFor(/No running server for this stack was found/);
    expect(f).toMatch(/❯ Type a base URL and model id/);
    await app.press(KEY.enter);
    f = await app.waitFor(/❯ Base URL\s+http:\/\/127\.0\.0\.1:1234\/v1/);
    // Clear the default (ctrl+u) and type a bad one.
    await app.press('\u0015');
    await app.waitFor(/❯ Base URL\s+http:\/\/HOST:PORT\/v1/);
    await app.type('ftp://box:8000');
    await app.press(KEY.enter);
    f = await app.waitFor(/must use http or https/);
    for (let i = 0; i < 'ftp://box:8000'.length; i++) await app.press(KEY.backspace);
    await app.type('http://127.0.0.1:8000/v1');
    await app.press(KEY.enter);
    f = await app.waitFor(/❯ Model id/);
    f = await app.waitFor(/⚠ nothing usable answered \(connection refused\); you can still use this URL/);
    await app.press(KEY.enter);
    f = await app.waitFor(/enter the model id exactly as the server lists it/);
    await app.type('qwen3-coder');
    await app.press('q');
    await app.press(KEY.enter);
    f = await app.waitFor(/Context for qwen3-coderq/);
    expect(exited).toBe(0);
    expect(f).toMatch(/did not say how much context is loaded/);
    expect(f).toMatch(/❯ Context\s+65536/);
    // Inline validation of numbers.
    for (let i = 0; i < 5; i++) await app.press(KEY.backspace);
    await app.type('lots');
    await app.press(KEY.enter);
    f = await app.waitFor(/context: not a whole number: "lots"/);
    app.unmount();
  });

  it('Esc steps back inside the wizard, then leaves it; nothing is written', async () => {
    const services = fakeServices();
    const app = await renderInk(<App services={services} version="0.1.0" home={HOME} />);
    await app.waitFor(/❯ Set up a local model/);
    await app.press(KEY.enter);
    await app.waitFor(/❯ Local primary[^\n]*\(recommended\)/);
    await toContext(app);
    await app.press(KEY.escape);
    await app.waitFor(/Server and model for/);
    await app.press(KEY.escape);
    await app.waitFor(/Choose a stack/);
    await app.press(KEY.escape);
    await app.waitFor(/❯ Set up a local model/);
    expect(services.writes).toHaveLength(0);
    app.unmount();
  });

  it('quitting at the review writes nothing', async () => {
    let exited = 0;
    const services = fakeServices();
    const app = await renderInk(
      <App services={services} version="0.1.0" home={HOME} initialRoute={{screen: 'setup'}} onExit={() => exited++} />,
    );
    await app.waitFor(/❯ Local primary/);
    await toContext(app);
    await app.press(KEY.enter);
    await app.press(KEY.enter);
    await app.waitFor(/Fallbacks/);
    await app.press(KEY.enter);
    await app.waitFor(/Write it/);
    await app.press('q');
    expect(exited).toBe(1);
    expect(services.writes).toHaveLength(0);
    expect(services.calls).not.toContain('writeConfig');
  });

  it('shows a refused write and writes nothing', async () => {
    const services = fakeServices({
      writeError: new Error('the file changed since it was read; nothing written\nstack line'),
    });
    const app = await openSetup(services);
    await toContext(app);
    await app.press(KEY.enter);
    await app.press(KEY.enter);
    await app.waitFor(/Fallbacks/);
    await app.press(KEY.enter);
    await app.waitFor(/Write it/);
    await app.press(KEY.enter);
    const f = await app.waitFor(/Not written: the file changed since it was read; nothing written/);
    expect(f).not.toContain('stack line');
    expect(services.writes).toHaveLength(0);
    app.unmount();
  });

  it('refuses to set up over a config that does not parse', async () => {
    const services = fakeServices({configText: '{models: {'});
    const app = await renderInk(
      <App services={services} version="0.1.0" home={HOME} initialRoute={{screen: 'setup'}} />,
    );
    const f = await app.waitFor(/does not parse/);
    expect(f).toMatch(/set-up never rewrites a file it cannot read/);
    app.unmount();
  });

  it('plans with the answers given (a planner error is shown, not thrown)', async () => {
    const services = fakeServices({
      overrides: {
        planStack: async () => {
          throw new Error('contextWindow 32768 is below the 16000 minimum');
        },
      },
    });
    const app = await openSetup(services);
    await toContext(app);
    await app.press(KEY.enter);
    await app.press(KEY.enter);
    await app.waitFor(/✖ contextWindow 32768 is below the 16000 minimum/);
    expect(services.writes).toHaveLength(0);
    app.unmount();
  });

  it('sends the discovered baseUrl, model and context to the planner', async () => {
    const services = fakeServices({servers: [lmStudio(41234)]});
    const app = await openSetup(services);

    await app.press(KEY.enter);
    await app.waitFor(/❯ minimax-m2\.1-gs32 · LM Studio on :41234/);
    await app.press(KEY.enter);
    await app.waitFor(/❯ Context/);
    await app.press(KEY.enter);
    await app.press(KEY.enter);
    await app.waitFor(/Fallbacks/);
    await app.press(KEY.enter);
    await app.waitFor(/Write it/);
    const last = services.plans[services.plans.length - 1];
    expect(last[0]).toBe('lmstudio');
    expect(last[2]).toMatchObject({
      baseUrl: 'http://127.0.0.1:41234/v1',
      model: 'minimax-m2.1-gs32',
      contextWindow: 32768,
      maxTokens: 8192,
    });
    expect(JSON5.parse(HOSTED_CONFIG)).toEqual(last[1]);
    app.unmount();
  });

  it('q during a write waits for it to finish, then quits; Ctrl+C quits too', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let exited = 0;
    const base = fakeServices();
    const services = fakeServices({
      overrides: {
        commit: async (proposal) => {
          await gate;
          return base.commit(proposal);
        },
      },
    });
    const app = await renderInk(
      <App services={services} version="0.1.0" home={HOME} initialRoute={{screen: 'setup'}} onExit={() => exited++} />,
    );
    await app.waitFor(/❯ Local primary/);
    await toContext(app);
    await app.press(KEY.enter);
    await app.press(KEY.enter);
    await app.waitFor(/Fallbacks/);
    await app.press(KEY.enter);
    await app.waitFor(/❯ Write it/);
    await app.press(KEY.enter);
    await app.waitFor(/writing \(backup, then atomic replace\)/);
    await app.press('q');
    await app.waitFor(/finishing the write, then quitting/);
    // Esc and more keys do nothing while the write runs.
    await app.press(KEY.escape);
    await app.press(KEY.ctrlC);
    expect(exited).toBe(0);
    release();
    const start = Date.now();
    while (exited === 0 && Date.now() - start < 3000) await new Promise((r) => setTimeout(r, 10));
    expect(exited).toBe(1);
    expect(base.writes).toHaveLength(1);

    let exited2 = 0;
    const app2 = await renderInk(
      <App services={fakeServices()} version="0.1.0" home={HOME} onExit={() => exited2++} />,
    );
    await app2.waitFor(/❯ Set up/);
    await app2.press(KEY.ctrlC);
    expect(exited2).toBe(1);
  });

  it('a hosted-only stack asks for region and model, then plans with them', async () => {
    const services = fakeServices();
    const app = await openSetup(services);
    await app.press(KEY.down + KEY.down);
    await app.waitFor(/❯ Regional hosted/);
    await app.press(KEY.enter);
    await app.waitFor(/Which region should serve Regional hosted/);
    await app.press(KEY.enter);
    await app.waitFor(/Which model \(EU\)\?/);
    await app.press(KEY.down);
    await app.waitFor(/❯ Kimi K2/);
    await app.press(KEY.enter);
    await app.waitFor(/Fallbacks/);
    const last = services.plans[services.plans.length - 1];
    expect(last[0]).toBe('regional');
    expect(last[2]).toEqual({region: 'eu', model: 'moonshotai/kimi-k2'});
    app.unmount();
  });

  it('shows the diff but offers no write when the config is read-only', async () => {
    const base = fakeServices();
    const services = fakeServices({
      overrides: {
        loadConfig: async () => {
          const snap = await base.loadConfig();
          return {
            ...snap,
            location: {
              ...snap.location,
              readOnly: true,
              readOnlyReason: 'OPENCLAW_NIX_MODE=1 is set, so OpenClaw treats the config as read-only.',
            },
          };
        },
      },
    });
    const app = await openSetup(services);
    await toContext(app);
    await app.press(KEY.enter);
    await app.press(KEY.enter);
    await app.waitFor(/Fallbacks/);
    await app.press(KEY.enter);
    // The diff is prepared asynchronously: wait for it too, not only for the note.
    await app.waitFor(/^\+/m);
    const f = await app.waitFor(/Not writable: OPENCLAW_NIX_MODE=1/);
    expect(f).toMatch(/^\+/m);
    expect(f).not.toMatch(/Write it/);
    expect(f).toMatch(/❯ Back/);
    app.unmount();
  });

  it('asks a typed server what it serves, and takes the loaded context from it', async () => {
    const services = fakeServices();
    const app = await openSetup(services);

    await app.press(KEY.enter);
    await app.waitFor(/❯ minimax-m2\.1-gs32 · LM Studio on :1234/);
    await app.press(KEY.down);
    await app.waitFor(/❯ Type a base URL and model id/);
    await app.press(KEY.enter);
    await app.waitFor(/❯ Base URL\s+http:\/\/127\.0\.0\.1:1234\/v1/);
    await app.press(KEY.enter);
    let f = await app.waitFor(/✔ LM Studio 0\.4\.2 answers: minimax-m2\.1-gs32 \(loaded\)/);
    expect(services.calls).toContain('probe http://127.0.0.1:1234/v1');
    // The stack's default model id is filled in, and the server lists it.
    expect(f).toMatch(/❯ Model id\s+minimax-m2\.1-gs32$/m);
    expect(f).not.toMatch(/not among the models/);
    for (let i = 0; i < 5; i++) await app.press(KEY.backspace);
    f = await app.waitFor(/not among the models this server lists/);
    await app.type('-gs32');
    await app.waitForGone(/not among the models/);
    await app.press(KEY.enter);
    f = await app.waitFor(/❯ Context\s+32768/);
    expect(flat(f)).toMatch(/loaded with 32,768 tokens of context; the model can take 196,608/);
    app.unmount();
  });

  it('does not ask a server that is not on this machine or network', async () => {
    const services = fakeServices({servers: []});
    const app = await openSetup(services);
    await app.press(KEY.enter);
    await app.waitFor(/❯ Type a base URL and model id/);
    await app.press(KEY.enter);
    await app.waitFor(/❯ Base URL/);
    await app.press('\u0015');
    await app.type('https://models.example.com/v1');
    await app.press(KEY.enter);
    const f = await app.waitFor(/❯ Model id/);
    expect(f).not.toMatch(/asking the server|answers|nothing usable answered/);
    expect(services.calls.some((c) => c.startsWith('probe'))).toBe(false);
    app.unmount();
  });
});
