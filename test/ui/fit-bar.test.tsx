/** The fit bar shows how the KV part changes at 32K / 64K / 128K / max, with what fits marked. */
import {describe, expect, it} from 'vitest';
import {FitBar} from '../../src/ui/components/FitBar.js';
import {flat, renderInk} from '../support/ink.js';
import {estimateFit, catalogModel} from '../../src/core/hardware.js';

describe('FitBar', () => {
  it('shows the KV cache at 32K, 64K, 128K and the maximum, ✔ where it fits and ✗ where it does not', async () => {
    const m = catalogModel('minimax-m2.1')!;
    const fit = estimateFit({
      model: m.id,
      build: 'mlx-4bit-gs32',
      weightsGB: 143,
      kvLayout: m.kv,
      maxContext: m.maxContext,
      context: 65_536,
      usableGB: 192,
      offloadPoolGB: 0,
      aggressive: false,
    });
    const app = await renderInk(<FitBar fit={fit} width={40} />, {columns: 100});
    const f = flat(await app.waitFor(/KV \(f16\)/));
    expect(f).toMatch(/KV \(f16\): 32K 8\.3 GB ✔ 64K 16\.6 GB ✔ 128K 33\.3 GB ✗ 192K 49\.9 GB ✗/);
    app.unmount();
  });

  it('shows no ladder when the KV layout is unknown', async () => {
    const fit = estimateFit({
      model: 'x',
      build: 'user-size',
      weightsGB: 10,
      context: 32_768,
      usableGB: 24,
      offloadPoolGB: 0,
      aggressive: false,
    });
    const app = await renderInk(<FitBar fit={fit} width={40} />, {columns: 100});
    const f = flat(await app.waitFor(/weights/));
    expect(f).not.toMatch(/KV \(/);
    app.unmount();
  });
});
