/**
 * The app's hardware screen with the real detector (a recorded RTX 4090 and a
 * 512 GB Mac Studio) and the real evaluation, at 80×24: it fits, it shows the
 * fit estimate that the `hardware` command shows, and a 512 GB Mac reads
 * 512 GB.
 */
import {describe, expect, it} from 'vitest';
import {App} from '../../src/ui/App.js';
import {detectWith} from '../../src/hardware/index.js';
import {evaluateHardware} from '../../src/core/hardware.js';
import {fixtureSources, loadFixture} from '../hardware/fixture-sources.js';
import {renderInk} from '../support/ink.js';
import {HOME, fakeServices} from './fakes.js';

async function screenFor(fixture: string, rows = 24) {
  const profile = await detectWith(fixtureSources(loadFixture(fixture)), {timeoutMs: 10_000});
  const services = fakeServices({
    profile,
    configText: '{}',
    overrides: {evaluate: async (p, o) => evaluateHardware(p, o)},
  });
  const app = await renderInk(
    <App services={services} version="0.1.0" home={HOME} initialRoute={{screen: 'hardware'}} />,
    {columns: 80, rows},
  );
  const f = await app.waitFor(/Recommendation:/);
  app.unmount();
  return {f, profile};
}

describe('hardware screen, real detection and evaluation', () => {
  it('RTX 4090 at 80×24: fits the terminal and shows the fit estimate', async () => {
    const {f} = await screenFor('linux-rtx4090');
    if (process.env.SHOW_FRAME) console.log(f);
    const lines = f.replace(/\n$/, '').split('\n');
    expect(lines.length, f).toBeLessThanOrEqual(24);
    expect(lines.filter((l) => [...l].length > 80)).toEqual([]);
    // The fit estimate, as `hardware` prints it: the model at a context, the bar's legend, the verdict with a speed.
    expect(f).toMatch(/^\S.* · .* · context [\d,]+ \(recommended\)$/m);
    expect(f).toMatch(/█ weights [\d.]+ GB/);
    expect(f).toMatch(/^[✔✖⚠] [^\n]*tok\/s/m);
    // The top (what this machine is) is on screen.
    expect(f).toMatch(/RTX 4090/);
  });

  it('a 512 GB Mac Studio shows 512 GB (as Apple labels it), not 550', async () => {
    const {f} = await screenFor('mac-studio-m3-ultra-512', 40);
    if (process.env.SHOW_FRAME) console.log(f);
    expect(f).toMatch(/512 GB/);
    expect(f).toMatch(/Apple M3 Ultra[^\n]* · 512 GB unified memory/);
    // The decimal figure stays only where the maths needs it, named as such.
    for (const line of f.split('\n').filter((l) => /\b55\d(\.\d)? GB/.test(l)))
      expect(line).toMatch(/as sold: 512 GB = 550 GB in the 10⁹-byte GB/);
  });
});
