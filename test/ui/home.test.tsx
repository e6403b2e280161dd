import {describe, expect, it} from 'vitest';
import {App} from '../../src/ui/App.js';
import {KEY, renderInk} from '../support/ink.js';
import {HOME, fakeServices, lmStudio} from './fakes.js';

const LOCAL_CONFIG = `{
  models: {providers: {lmstudio: {baseUrl: "http://127.0.0.1:1234/v1", api: "openai-responses", models: [{id: "minimax-m2.1-gs32", contextWindow: 32768}]}}},
  agents: {defaults: {model: {primary: "lmstudio/minimax-m2.1-gs32"}}},
}`;

describe('home screen', () => {
  it('draws the first frame before detection and discovery finish', async () => {
    const services = fakeServices({hang: ['hardware', 'discovery']});
    const app = await renderInk(<App services={services} version="0.1.0" home={HOME} />);
    const f = await app.waitFor('Quit');
    expect(f).toContain('openclaw-local-doctor 0.1.0');
    expect(f).toMatch(/detecting hardware/);
    expect(f).toMatch(/looking for local model servers/);
    app.unmount();
  });

  it('shows config path, versions, hardware and what is running', async () => {
    const services = fakeServices();
    const app = await renderInk(<App services={services} version="0.1.0" home={HOME} />);
    const f = await app.waitFor(/LM Studio 0\.4\.2 on :1234/);
    expect(f).toContain('config ~/.openclaw/openclaw.json');
    expect(f).toMatch(/Node 24\.21\.0 · OpenClaw 2026\.9\.6 · linux x64/);
    expect(f).toMatch(/NVIDIA GeForce RTX 4090 \(24 GB\) · 64 GB RAM/);
    expect(await app.waitFor(/Tier/)).toMatch(/Tier\s+Light \(23 GB usable\): Keep a hosted primary/);
    expect(f).toMatch(/minimax-m2\.1-gs32 loaded \(32,768 ctx\)/);
    expect(f).toMatch(/◌ nothing on :11434 \(Ollama\)/);
    expect(f).toMatch(/primary anthropic\/claude-sonnet-4-5 · fallbacks openai\/gpt-5\.1/);
    app.unmount();
  });

  it('defaults to set-up when no local provider is configured', async () => {
    const app = await renderInk(<App services={fakeServices()} version="0.1.0" home={HOME} />);
    const f = await app.waitFor('no local provider configured yet');
    expect(f).toMatch(/❯ Set up a local model/);
    app.unmount();
  });

  it('defaults to the doctor when a local provider is configured', async () => {
    const app = await renderInk(
      <App services={fakeServices({configText: LOCAL_CONFIG})} version="0.1.0" home={HOME} />,
    );
    const f = await app.waitFor(/local provider: lmstudio/);
    expect(f).toMatch(/❯ Run the doctor/);
    expect(f).not.toMatch(/❯ Set up/);
    app.unmount();
  });

  it('says when the config does not parse', async () => {
    const app = await renderInk(
      <App services={fakeServices({configText: '{gateway: {mode: "local"'})} version="0.1.0" home={HOME} />,
    );
    const f = await app.waitFor(/does not parse/);
    expect(f).toMatch(/✖ does not parse: line \d+, column \d+: /);
    app.unmount();
  });

  it('q quits, and ? shows the keys until any key', async () => {
    let exited = 0;
    const app = await renderInk(<App services={fakeServices()} version="0.1.0" home={HOME} onExit={() => exited++} />);
    await app.waitFor('Quit');
    await app.press('?');
    let f = await app.waitFor('Keys');
    expect(f).toMatch(/esc\s+back one step/);
    expect(f).not.toMatch(/Check my hardware/);
    await app.press('x');
    f = await app.waitFor('Check my hardware');
    expect(f).not.toMatch(/Any key closes/);
    expect(exited).toBe(0);
    await app.press('q');
    expect(exited).toBe(1);
  });

  it('navigates to the hardware screen and back with Esc', async () => {
    const app = await renderInk(<App services={fakeServices({servers: [lmStudio()]})} version="0.1.0" home={HOME} />);
    await app.waitFor('no local provider configured yet');
    await app.press(KEY.down);
    await app.press(KEY.down);
    await app.waitFor(/❯ Check my hardware/);
    await app.press(KEY.enter);
    await app.waitFor('Your hardware');
    await app.press(KEY.escape);
    await app.waitFor(/❯ Check my hardware/);
    app.unmount();
  });

  it('warns about duplicate keys and old files OpenClaw ignores', async () => {
    const base = fakeServices();
    const services = fakeServices({
      overrides: {
        loadConfig: async () => {
          const snap = await base.loadConfig();
          return {
            ...snap,
            location: {...snap.location, legacyFound: [`${HOME}/.clawdbot/clawdbot.json`]},
            loaded: {...snap.loaded, duplicateKeys: [{path: 'agents.defaults', line: 7, column: 3}]},
          };
        },
      },
    });
    const app = await renderInk(<App services={services} version="0.1.0" home={HOME} />);
    const f = await app.waitFor(/OpenClaw ignores/);
    expect(f).toMatch(/⚠ key given twice \(the last one wins\): agents\.defaults \(line 7\)/);
    expect(f).toMatch(/⚠ OpenClaw ignores ~\/\.clawdbot\/clawdbot\.json/);
    app.unmount();
  });
});
