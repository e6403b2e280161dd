/**
 * The app's hardware screen and `hardware --json` run one use case (src/app/hardware.ts): for the same config,
 * server and cluster they give the same tier, fit verdict and numbers. Real services over real files, a fake
 * Ollama on port 0 serving a model our catalog does not know (its /api/show geometry decides), and a fake exo
 * cluster on port 0 (its machines are the hardware, not this one).
 */
import {mkdtemp, rm} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {memoryIo} from '../../src/cli/io.js';
import {main} from '../../src/cli/main.js';
import {setHardwareCommandDeps} from '../../src/commands/hardware.js';
import {matchModel} from '../../src/core/hardware.js';
import {formatGB, formatTokens} from '../../src/ui/format.js';
import {App} from '../../src/ui/App.js';
import {realServices} from '../../src/ui/real-services.js';
import type {Services} from '../../src/ui/services.js';
import {configText, testLifecycle} from '../doctor/env.js';
import {MINIMAX_8BIT, startExoFake, twoStudios, type ExoFake} from '../fakes/exo.js';
import {renderInk} from '../support/ink.js';
import {GPU16, LLAMA32_SERVED as LLAMA32} from '../fakes/llama32.js';
import {PROFILE, fakeServices} from './fakes.js';

const {fake, setup} = testLifecycle();

const exos: ExoFake[] = [];
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(exos.splice(0).map((f) => f.close()));
  await Promise.all(dirs.splice(0).map((d) => rm(d, {recursive: true, force: true})));
});

/** Real services for this env and config; discovery and the OpenClaw version are not what is tested here. */
function appServices(env: NodeJS.ProcessEnv, configPath?: string, over: Partial<Services> = {}): Services {
  const io = memoryIo({env});
  const real = realServices({io, global: {color: false, json: false, configPath}, values: {}, args: []});
  const fake = fakeServices({servers: []});
  return {...real, openclawVersion: async () => null, discover: fake.discover, ...over};
}

async function screen(services: Services, rows = 40): Promise<string> {
  const app = await renderInk(
    <App services={services} version="0.1.0" home={os.tmpdir()} initialRoute={{screen: 'hardware'}} />,
    {columns: 80, rows},
  );
  const f = await app.waitFor(/Recommendation:/, 15_000);
  app.unmount();
  return f;
}

/** The frame's words for the command's numbers: tier, model, context, verdict, sizes, speed. */
function expectSameNumbers(f: string, json: any) {
  expect(f).toContain(`Tier: ${json.tier.label}`);
  expect(f).toContain(`${formatGB(json.usableAcceleratorMemoryGB)} usable`);
  expect(f).toContain(`context ${formatTokens(json.fit.context)}`);
  expect(f).toContain(`weights ${formatGB(json.fit.weightsGB)}`);
  expect(f).toContain(`${formatGB(json.fit.kvCacheGB)}`);
  if (json.fit.tokensPerSecond)
    expect(f).toContain(`≈${json.fit.tokensPerSecond.low}–${json.fit.tokensPerSecond.high} tok/s`);
  if (json.fit.verdict !== 'fits') expect(f).toContain(`up to ${formatTokens(json.fit.maxContextThatFits)} tokens`);
}

describe('hardware screen = hardware --json', () => {
  it('a model not in the catalog, served by Ollama: both size it from /api/show', async () => {
    expect(matchModel('ollama/llama3.2:3b')).toBeUndefined();
    const ol = await fake('ollama', {models: [LLAMA32]});
    const s = setup({profile: GPU16});
    s.write(
      configText({
        providerId: 'ollama',
        baseUrl: ol.origin,
        api: 'ollama',
        model: 'llama3.2:3b',
        contextWindow: 131072,
        logFile: s.logFile,
      }),
    );
    const io = memoryIo({env: s.env});
    const file = s.env.OPENCLAW_LOCAL_DOCTOR_HARDWARE_FILE!;
    expect(await main(['hardware', '--json', '--config', s.configPath, '--hardware', file], io)).toBe(0);
    const json = JSON.parse(io.out());
    expect(json.unknownModel).toBeUndefined();
    expect(json.fit.sources).toMatchObject({weights: 'Ollama /api/show', kv: 'Ollama /api/show'});
    expect(json.fit.verdict).toBe('reduced-context');

    const f = await screen(appServices(s.env, s.configPath));
    if (process.env.SHOW_FRAME) console.log(f);
    expect(f).not.toMatch(/not a model we know/);
    expect(f).toContain('ollama/llama3.2:3b');
    expect(f).toContain('fits only with a smaller context');
    expectSameNumbers(f, json);
  });

  it('an exo cluster answers: both judge its two machines, not this one', async () => {
    const exo = await startExoFake(twoStudios());
    exos.push(exo);
    const home = await mkdtemp(path.join(os.tmpdir(), 'ocld-hw-agree-'));
    dirs.push(home);
    const env = {HOME: home, USERPROFILE: home, OPENCLAW_LOCAL_DOCTOR_PORTS: String(exo.port)};
    // This machine is never the answer when the cluster answers (the command's detector would throw).
    const restore = setHardwareCommandDeps({
      detector: () => ({
        detect: async () => {
          throw new Error('this machine was probed');
        },
      }),
    });
    let json: any;
    try {
      const io = memoryIo({env});
      expect(await main(['hardware', '--json'], io)).toBe(0);
      json = JSON.parse(io.out());
    } finally {
      restore();
    }
    expect(json.nodes).toBe(2);
    expect(json.model).toEqual({id: MINIMAX_8BIT.id, source: 'exo'});

    // The app's session still detects this machine (a small one here): the screen must not judge by it.
    const small = {...PROFILE, usableAcceleratorMemoryGB: 8, accelerators: []};
    const f = await screen(appServices(env, undefined, {detectHardware: async () => small}));
    if (process.env.SHOW_FRAME) console.log(f);
    expect(f).toContain(`Your exo cluster at ${exo.origin}`);
    expect(f).toMatch(/Machines: 2 \(as exo reports them\)/);
    expect(f).toContain('Studio A');
    expect(f).toContain(MINIMAX_8BIT.id);
    expect(f).toContain(json.fit.verdict === 'fits' ? 'fits in accelerator memory' : 'does not fit');
    expectSameNumbers(f, json);
  });

  it('the exo screen fits 80×24', async () => {
    const exo = await startExoFake(twoStudios());
    exos.push(exo);
    const home = await mkdtemp(path.join(os.tmpdir(), 'ocld-hw-agree-'));
    dirs.push(home);
    const env = {HOME: home, USERPROFILE: home, OPENCLAW_LOCAL_DOCTOR_PORTS: String(exo.port)};
    const f = await screen(appServices(env, undefined, {detectHardware: async () => PROFILE}), 24);
    const lines = f.replace(/\n$/, '').split('\n');
    expect(lines.length, f).toBeLessThanOrEqual(24);
    expect(lines.filter((l) => [...l].length > 80)).toEqual([]);
  });
});
