import {describe, expect, it} from 'vitest';
import {profileFromJson} from '../../src/hardware/index.js';
import {App} from '../../src/ui/App.js';
import {formatSoldGB, soldGB} from '../../src/ui/format.js';
import {machineLine} from '../../src/ui/screens/Home.js';
import {flat, renderInk} from '../support/ink.js';
import {HOME, PROFILE, fakeServices} from './fakes.js';

// The short form the lead ran with: a "512 GB" Mac Studio, as sold.
const MAC = profileFromJson({platform: 'darwin', ramGB: 512, chip: 'Apple M3 Ultra'});

describe('memory as the owner knows it', () => {
  it('a size within 1% of whole GiB is shown as sold; others stay in GB of 10^9 bytes', () => {
    expect(soldGB(MAC.ramTotalGB)).toBe(512);
    expect(formatSoldGB(MAC.ramTotalGB)).toBe('512 GB');
    // nvidia-smi's 24564 MiB for a "24 GB" card.
    expect(formatSoldGB((24564 * 2 ** 20) / 1e9)).toBe('24 GB');
    // Linux MemTotal of a 64 GiB box (62.8 GiB): a measured total, not a label; no guess.
    expect(soldGB(67.4)).toBeUndefined();
    expect(formatSoldGB(67.4)).toBe('67.4 GB');
    // A profile already in round decimal GB stays as written.
    expect(formatSoldGB(64)).toBe('64 GB');
  });

  it('home: a unified Mac is one memory figure plus what the GPU may use, no number twice', async () => {
    expect(machineLine(MAC)).toBe(
      `Apple M3 Ultra · 512 GB unified (≈${Math.round(MAC.usableAcceleratorMemoryGB)} GB usable by the GPU)`,
    );
    const app = await renderInk(<App services={fakeServices({profile: MAC})} version="0.1.0" home={HOME} />);
    const f = flat(await app.waitFor(/Tier/));
    expect(f).toContain('This machine Apple M3 Ultra · 512 GB unified');
    expect(f).not.toMatch(/550 GB/);
    // The usable figure is on the machine line; the Tier line does not repeat it.
    expect(f.match(new RegExp(`${Math.round(MAC.usableAcceleratorMemoryGB)} GB`, 'g'))).toHaveLength(1);
    app.unmount();
  });

  it('home: discrete cards say their memory each, then the RAM', () => {
    expect(machineLine(PROFILE)).toBe('NVIDIA GeForce RTX 4090 (24 GB) · 64 GB RAM');
    const two = {...PROFILE, accelerators: [{...PROFILE.accelerators[0], count: 2, memoryGB: (24564 * 2 ** 20) / 1e9}]};
    expect(machineLine(two)).toBe('2× NVIDIA GeForce RTX 4090 (24 GB each) · 64 GB RAM');
  });

  it('hardware screen: the same 512 GB, no separate RAM line, and one note tying it to the 10^9-byte sizes', async () => {
    const app = await renderInk(
      <App services={fakeServices({profile: MAC})} version="0.1.0" home={HOME} initialRoute={{screen: 'hardware'}} />,
    );
    const f = await app.waitFor(/Recommendation:/);
    expect(f).toMatch(/Apple M3 Ultra · 512 GB unified memory \(as given\)/);
    expect(f).not.toMatch(/^\s*RAM /m);
    expect(flat(f)).toMatch(/\(as sold: 512 GB = 550 GB in the 10⁹-byte GB used below\)/);
    expect(f).toMatch(/Usable by a model: ≈412 GB per machine \(estimated\)/);
    app.unmount();
  });

  it('hardware screen: the recommended fit is sized with the recommended build', async () => {
    const calls: (string | undefined)[] = [];
    const base = fakeServices();
    const services = fakeServices({
      overrides: {
        evaluate: async (p, o) => {
          calls.push(o.model);
          const v = await base.evaluate(p, o);
          return o.model
            ? v
            : {
                ...v,
                fit: undefined,
                recommendation: {
                  ...v.recommendation,
                  model: 'minimax-m2.1',
                  build: 'mlx-8bit-gs32',
                  contextCap: 196608,
                },
              };
        },
      },
    });
    const app = await renderInk(
      <App services={services} version="0.1.0" home={HOME} initialRoute={{screen: 'hardware'}} />,
    );
    await app.waitFor(/Recommendation:/);
    expect(calls).toContain('minimax-m2.1-mlx-8bit-gs32');
    app.unmount();
  });
});

describe('hardware screen with discrete cards given as sold', () => {
  it('each sold size is tied to its 10^9-byte figure once', async () => {
    const rig = profileFromJson({
      platform: 'linux',
      ramGB: 64,
      gpus: [{name: 'NVIDIA GeForce RTX 4090', vramGB: 24, count: 2}],
    });
    const app = await renderInk(
      <App services={fakeServices({profile: rig})} version="0.1.0" home={HOME} initialRoute={{screen: 'hardware'}} />,
    );
    const f = flat(await app.waitFor(/Recommendation:/));
    expect(f).toMatch(/2× NVIDIA GeForce RTX 4090 · 24 GB each \(as given\)/);
    expect(f).toMatch(/RAM 64 GB/);
    expect(f).toMatch(/\(as sold: 24 GB = 25\.8 GB, 64 GB = 68\.7 GB in the 10⁹-byte GB used below\)/);
    app.unmount();
  });
});
