import {describe, expect, it} from 'vitest';
import {App} from '../../src/ui/App.js';
import {KEY, flat, renderInk} from '../support/ink.js';
import {HOME, PROFILE, fakeServices} from './fakes.js';

describe('hardware screen', () => {
  it('shows accelerators with sources, the tier, the fit bar and the recommendation', async () => {
    const app = await renderInk(
      <App services={fakeServices()} version="0.1.0" home={HOME} initialRoute={{screen: 'hardware'}} />,
    );
    const f = await app.waitFor(/Recommendation:/);
    expect(f).toMatch(/NVIDIA GeForce RTX 4090 · 24 GB \(from nvidia-smi\)/);
    expect(f).toMatch(/Usable by a model: ≈23 GB per machine \(from nvidia-smi\)/);
    expect(flat(f)).toMatch(/Tier: Light \(23 GB usable\)\. A single 24 GB GPU works only for lighter prompts/);
    expect(f).toMatch(/MiniMax M2\.1 · MLX 4-bit gs32 · context 196,608 \(recommended\)/);
    // Shapes carry the meaning: what is used, and what does not fit.
    expect(f).toMatch(/█+▓*▒*✗+ 23 GB usable/);
    expect(flat(f)).toMatch(/█ weights 143 GB ▓ KV cache 50 GB ▒ overhead 4 GB ✗ over by 174 GB/);
    expect(flat(f)).toMatch(/✖ does not fit · ≈20–70 tok\/s \(estimated\)/);
    expect(flat(f)).toMatch(/Recommendation: Keep a hosted primary/);
    app.unmount();
  });

  it('+ and - change the number of machines and the verdict follows', async () => {
    const evaluated: (number | undefined)[] = [];
    const base = fakeServices();
    const services = fakeServices({
      profile: {...PROFILE, usableAcceleratorMemoryGB: 100},
      overrides: {
        evaluate: async (p, o) => {
          evaluated.push(o.nodes);
          return base.evaluate(p, o);
        },
      },
    });
    const app = await renderInk(
      <App services={services} version="0.1.0" home={HOME} initialRoute={{screen: 'hardware'}} />,
    );
    await app.waitFor(/✖ does not fit/);
    await app.press('+');
    let f = await app.waitFor(/Machines: 2/);
    f = await app.waitFor(/✔ fits in accelerator memory/);
    expect(flat(f)).toMatch(/200 GB usable over 2 machines/);
    expect(flat(f)).toMatch(/░ free 3 GB/);
    expect(f).toMatch(/█+▓+▒*░* 200 GB usable/);
    await app.press('-');
    await app.press('-');
    f = await app.waitFor(/✖ does not fit/);
    expect(f).toMatch(/Machines: 1/);
    expect(evaluated).toContain(2);
    app.unmount();
  });

  it('uses the configured primary and its context', async () => {
    const calls: {model?: string; context?: number}[] = [];
    const base = fakeServices();
    const services = fakeServices({
      configText: `{models: {providers: {lmstudio: {baseUrl: "http://127.0.0.1:1234/v1", models: [{id: "qwen3-coder-30b", contextWindow: 65536}]}}}, agents: {defaults: {model: {primary: "lmstudio/qwen3-coder-30b"}}}}`,
      overrides: {
        evaluate: async (p, o) => {
          calls.push({model: o.model, context: o.context});
          return base.evaluate(p, o);
        },
      },
    });
    const app = await renderInk(
      <App services={services} version="0.1.0" home={HOME} initialRoute={{screen: 'hardware'}} />,
    );
    const f = await app.waitFor(/\(your primary lmstudio\/qwen3-coder-30b\)/);
    expect(calls).toContainEqual({model: 'lmstudio/qwen3-coder-30b', context: 65536});
    expect(f).toMatch(/Recommendation/);
    app.unmount();
  });

  it('says so when detection fails, and Esc goes home', async () => {
    const app = await renderInk(
      <App
        services={fakeServices({profile: new Error('systeminformation timed out after 8000 ms')})}
        version="0.1.0"
        home={HOME}
        initialRoute={{screen: 'hardware'}}
      />,
    );
    await app.waitFor(/✖ Hardware detection failed: systeminformation timed out/);
    await app.press(KEY.escape);
    await app.waitFor(/Check my hardware/);
    app.unmount();
  });

  it('with no local model configured, shows the fit of the recommended one', async () => {
    const calls: {model?: string; context?: number}[] = [];
    const base = fakeServices();
    const services = fakeServices({
      overrides: {
        evaluate: async (p, o) => {
          calls.push({model: o.model, context: o.context});
          const v = await base.evaluate(p, o);
          return o.model
            ? v
            : {...v, fit: undefined, recommendation: {...v.recommendation, model: 'gpt-oss-20b', contextCap: 65536}};
        },
      },
    });
    const app = await renderInk(
      <App services={services} version="0.1.0" home={HOME} initialRoute={{screen: 'hardware'}} />,
    );
    await app.waitFor(/\(recommended\)/);
    expect(calls).toEqual([
      {model: undefined, context: undefined},
      {model: 'gpt-oss-20b', context: 65536},
    ]);
    app.unmount();
  });
});
