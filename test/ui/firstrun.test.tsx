/**
 * A newcomer's first run (issue 16): the recommendation waits for both
 * probes and does not depend on which finished first; with nothing local
 * running, a "start a server first" screen with a rescan; the Base URL and
 * Model id fields move with Up/Down and refuse a URL as a model id.
 */
import {describe, expect, it} from 'vitest';
import {App} from '../../src/ui/App.js';
import type {Discovery} from '../../src/ui/services.js';
import type {HardwareProfile} from '../../src/core/types/hardware.js';
import {KEY, flat, renderInk} from '../support/ink.js';
import {HOME, PROFILE, fakeServices, lmStudio} from './fakes.js';

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return {promise, resolve};
}

const DISCOVERY: Discovery = {servers: [lmStudio()], scanned: [{port: 1234, kind: 'lmstudio'}]};

describe('the recommendation', () => {
  for (const order of ['hardware first', 'discovery first'] as const) {
    it(`is the running server, computed once both probes are in (${order})`, async () => {
      const hw = deferred<HardwareProfile>();
      const disc = deferred<Discovery>();
      const services = fakeServices({overrides: {detectHardware: () => hw.promise, discover: () => disc.promise}});
      const app = await renderInk(
        <App services={services} version="0.1.0" home={HOME} initialRoute={{screen: 'setup'}} />,
      );
      await app.waitFor(/checking the hardware and looking for local servers/);
      if (order === 'hardware first') hw.resolve(PROFILE);
      else disc.resolve(DISCOVERY);
      await new Promise((r) => setTimeout(r, 50));
      // Half the evidence: nothing is recommended, nothing can be picked by Enter.
      expect(app.frame()).not.toMatch(/recommended|Choose a stack/);
      if (order === 'hardware first') disc.resolve(DISCOVERY);
      else hw.resolve(PROFILE);
      const f = await app.waitFor(/\(recommended\)/);
      expect(f).toMatch(/❯ Local primary: LM Studio \+ MiniMax M2\.1 \(recommended\)/);
      expect(f.match(/recommended/g)).toHaveLength(1);
      app.unmount();
    });
  }

  it('nothing local runs: a "start a server first" screen with the commands, then a rescan finds the server', async () => {
    let servers: Discovery['servers'] = [];
    const services = fakeServices({
      overrides: {discover: async () => ({servers, scanned: [{port: 1234, kind: 'lmstudio'}]})},
    });
    const app = await renderInk(
      <App services={services} version="0.1.0" home={HOME} initialRoute={{screen: 'setup'}} />,
      {rows: 30},
    );
    const f = await app.waitFor(/Start a local model server first/);
    expect(f).not.toMatch(/Regional|recommended/);
    expect(f).toMatch(/\$ lms server start/);
    expect(f).toMatch(/\$ lms load <model>/);
    expect(flat(f)).toMatch(/The hardware estimate fits no model for OpenClaw here/);
    expect(f).toMatch(/\$ ollama serve/);
    expect(f).toMatch(/\$ llama-server -m ~\/models\/model\.gguf --port 8080/);
    expect(f).toMatch(/❯ Rescan/);
    servers = [lmStudio()];
    await app.press(KEY.enter);
    expect(await app.waitFor(/\(recommended\)/)).toMatch(/❯ Local primary: LM Studio/);
    expect(services.writes).toHaveLength(0);
    app.unmount();
  });
});

describe('typing a server', () => {
  it('Up/Down move between Base URL and Model id; a URL in Model id is refused with a message', async () => {
    const services = fakeServices({servers: []});
    const app = await renderInk(
      <App services={services} version="0.1.0" home={HOME} initialRoute={{screen: 'setup'}} />,
    );
    await app.waitFor(/Start a local model server first/);
    await app.press(KEY.down + KEY.enter);
    await app.waitFor(/❯ Local primary/);
    await app.press(KEY.enter);
    await app.waitFor(/❯ Type a base URL and model id/);
    await app.press(KEY.enter);
    await app.waitFor(/❯ Base URL\s+http:\/\/127\.0\.0\.1:1234\/v1/);
    await app.press(KEY.down);
    await app.waitFor(/❯ Model id/);
    await app.press(KEY.up);
    await app.waitFor(/❯ Base URL/);
    await app.press(KEY.down);
    await app.waitFor(/❯ Model id/);
    await app.press('\u0015');
    await app.type('http://127.0.0.1:1234/v1');
    await app.press(KEY.enter);
    const f = await app.waitFor(/that is a URL/);
    expect(flat(f)).toMatch(/the URL goes in Base URL/);
    expect(f).not.toMatch(/Context for/);
    app.unmount();
  });
});

describe('a model the server lists but has not loaded', () => {
  const notLoaded = () =>
    fakeServices({servers: [lmStudio(1234, [{id: 'minimax-m2.1-gs32', state: 'not-loaded', maxContext: 196608}])]});

  it('home shows it as a warning with the load command, not as ✔', async () => {
    const app = await renderInk(<App services={notLoaded()} version="0.1.0" home={HOME} />, {columns: 120});
    const f = await app.waitFor(/LM Studio 0\.4\.2 on :1234/);
    expect(f).not.toMatch(/✔ LM Studio[^\n]*minimax-m2\.1-gs32/);
    expect(f).toMatch(/⚠ LM Studio 0\.4\.2 on :1234 · minimax-m2\.1-gs32 · not loaded: lms load minimax-m2\.1-gs32/);
    app.unmount();
  });

  it('the context step says it is not loaded (not "the server did not say") and offers the load command', async () => {
    const app = await renderInk(
      <App services={notLoaded()} version="0.1.0" home={HOME} initialRoute={{screen: 'setup'}} />,
    );
    await app.waitFor(/❯ Local primary[^\n]*\(recommended\)/);
    await app.press(KEY.enter);
    await app.waitFor(/❯ minimax-m2\.1-gs32 · LM Studio on :1234/);
    await app.press(KEY.enter);
    const f = flat(await app.waitFor(/Context for minimax-m2\.1-gs32/));
    expect(f).not.toMatch(/did not say/);
    expect(f).toMatch(/lists minimax-m2\.1-gs32 but has not loaded it/);
    expect(f).toMatch(/lms load minimax-m2\.1-gs32 --context-length 196608/);
    app.unmount();
  });
});

describe('a port that accepts but never answers', () => {
  it('home says it accepted and did not answer, not "nothing on"', async () => {
    const services = fakeServices({
      overrides: {
        discover: async () => ({
          servers: [],
          scanned: [
            {port: 8000, kind: 'vllm'},
            {port: 11434, kind: 'ollama'},
          ],
          silent: [{port: 8000, kind: 'vllm'}],
        }),
      },
    });
    const app = await renderInk(<App services={services} version="0.1.0" home={HOME} />, {columns: 120});
    const f = await app.waitFor(/accepted the connection/);
    expect(f).toMatch(/⚠ :8000 \(vLLM\) accepted the connection but did not answer in time/);
    expect(f).toMatch(/nothing on :11434 \(Ollama\)/);
    expect(f).not.toMatch(/nothing on[^\n]*:8000/);
    app.unmount();
  });

  it('real discovery tells a hanging port from a closed one', async () => {
    const {startFake} = await import('../fakes/index.js');
    const {realServices} = await import('../../src/ui/real-services.js');
    const {memoryIo} = await import('../../src/cli/io.js');
    const hung = await startFake('vllm', {hang: true});
    const closed = await startFake('vllm');
    const closedPort = closed.port;
    await closed.close();
    try {
      const io = memoryIo({
        env: {HOME: '/nonexistent-home', OPENCLAW_LOCAL_DOCTOR_PORTS: `${hung.port},${closedPort}`},
      });
      const services = realServices({io, global: {color: false, json: false}, values: {}, args: []});
      const d = await services.discover();
      expect(d.servers).toEqual([]);
      expect(d.silent?.map((s) => s.port)).toEqual([hung.port]);
    } finally {
      await hung.close();
    }
  }, 20_000);
});

describe('after a write', () => {
  it('the doctor says what to do in OpenClaw itself (reload, then a message to try)', async () => {
    const services = fakeServices();
    const app = await renderInk(
      <App services={services} version="0.1.0" home={HOME} initialRoute={{screen: 'setup'}} />,
    );
    await app.waitFor(/❯ Local primary[^\n]*\(recommended\)/);
    await app.press(KEY.enter);
    await app.waitFor(/❯ minimax/);
    await app.press(KEY.enter);
    await app.waitFor(/❯ Context/);
    await app.press(KEY.enter);
    await app.press(KEY.enter);
    await app.waitFor(/Fallbacks/);
    await app.press(KEY.enter);
    await app.waitFor(/❯ Write it/);
    await app.press(KEY.enter);
    const f = flat(await app.waitFor(/Next, in OpenClaw/));
    expect(f).toMatch(/A running Gateway picks this change up by itself.*?; if it does not: openclaw gateway restart/);
    expect(f).toMatch(/openclaw agent --agent main --message "Say hello"/);
    app.unmount();
  });
});

describe('fallbacks', () => {
  it('the app can add your own fallback; a URL or a bare name is refused; it reaches the planner', async () => {
    const services = fakeServices();
    const app = await renderInk(
      <App services={services} version="0.1.0" home={HOME} initialRoute={{screen: 'setup'}} />,
    );
    await app.waitFor(/❯ Local primary[^\n]*\(recommended\)/);
    await app.press(KEY.enter);
    await app.waitFor(/❯ minimax/);
    await app.press(KEY.enter);
    await app.waitFor(/❯ Context/);
    await app.press(KEY.enter);
    await app.press(KEY.enter);
    await app.waitFor(/a add your own/);
    await app.press('a');
    await app.waitFor(/❯ Add/);
    await app.type('http://127.0.0.1:8000/v1');
    await app.press(KEY.enter);
    await app.waitFor(/that is a URL: a fallback is a model ref/);
    await app.press('\u0015');
    await app.type('mistral-large');
    await app.press(KEY.enter);
    await app.waitFor(/a model ref is provider\/model/);
    await app.press('\u0015');
    await app.type('mistral/mistral-large-latest');
    await app.press(KEY.enter);
    const f = await app.waitFor(/\[x\] \d\. mistral\/mistral-large-latest \(added by you\)/);
    expect(f).not.toMatch(/❯ Add/);
    await app.press(KEY.enter);
    await app.waitFor(/❯ Write it/);
    const last = services.plans[services.plans.length - 1];
    expect(last[2].fallbacks).toContain('mistral/mistral-large-latest');
    app.unmount();
  });
});

describe('a typed model id the live server does not serve', () => {
  it("is refused in the Model id field with what it serves (the engine's servedModel rule)", async () => {
    const services = fakeServices();
    const app = await renderInk(
      <App services={services} version="0.1.0" home={HOME} initialRoute={{screen: 'setup'}} />,
    );
    await app.waitFor(/❯ Local primary[^\n]*\(recommended\)/);
    await app.press(KEY.enter);
    await app.waitFor(/❯ minimax/);
    await app.press(KEY.up);
    await app.waitFor(/❯ Type a base URL and model id/);
    await app.press(KEY.enter);
    await app.waitFor(/❯ Base URL/);
    await app.press(KEY.enter);
    await app.waitFor(/✔ LM Studio 0\.4\.2 answers/);
    await app.press('\u0015');
    await app.type('qwen-does-not-exist');
    await app.press(KEY.enter);
    const f = flat(await app.waitFor(/does not serve/));
    expect(f).toMatch(/LM Studio on :1234 does not serve "qwen-does-not-exist": it serves minimax-m2\.1-gs32/);
    expect(f).not.toMatch(/Context for/);
    app.unmount();
  });
});
