/** At 80 × 24 every screen fits: no line wider than 80, the live part no taller than 24. */
import {describe, expect, it} from 'vitest';
import {App} from '../../src/ui/App.js';
import {KEY, renderInk} from '../support/ink.js';
import {HOME, fakeServices} from './fakes.js';

const COLUMNS = 80;
const ROWS = 24;

function expectFits(frame: string, what: string, maxRows = ROWS) {
  const lines = frame.replace(/\n$/, '').split('\n');
  const wide = lines.filter((l) => [...l].length > COLUMNS);
  expect(wide, `${what}: lines wider than ${COLUMNS}`).toEqual([]);
  expect(lines.length, `${what}: ${lines.length} rows`).toBeLessThanOrEqual(maxRows);
}

describe('80 × 24', () => {
  it('home, hardware, the stack list and the review fit', async () => {
    const app = await renderInk(<App services={fakeServices()} version="0.1.0" home={HOME} />, {
      columns: COLUMNS,
      rows: ROWS,
    });
    expectFits(await app.waitFor(/LM Studio 0\.4\.2 on :1234/), 'home');
    await app.press(KEY.down);
    await app.press(KEY.down);
    await app.press(KEY.enter);
    expectFits(await app.waitFor(/Recommendation:/), 'hardware');
    await app.press(KEY.escape);
    await app.waitFor(/❯ Check my hardware/);
    await app.press(KEY.up);
    await app.press(KEY.up);
    await app.waitFor(/❯ Set up a local model/);
    await app.press(KEY.enter);
    expectFits(await app.waitFor(/\(recommended\)/), 'stacks');
    await app.press(KEY.enter);
    await app.waitFor(/❯ minimax-m2\.1-gs32/);
    await app.press(KEY.enter);
    expectFits(await app.waitFor(/❯ Context/), 'context');
    await app.press(KEY.enter);
    await app.press(KEY.enter);
    expectFits(await app.waitFor(/Fallbacks/), 'fallbacks');
    await app.press(KEY.enter);
    await app.waitFor(/❯ Write it/);
    expectFits(await app.waitFor(/`config validate` passes/), 'review');
    app.unmount();
  });

  it('the doctor wraps long findings at 80 and keeps its live part small', async () => {
    const long =
      'a finding with a long explanation that goes on and on about context windows and loaded models '.repeat(2);
    const services = fakeServices({
      doctorRuns: [
        [
          {
            id: 'a',
            title: 'A check with quite a long title indeed',
            status: 'fail',
            severity: 'error',
            message: long,
            fix: {
              kind: 'command',
              description: 'load it',
              command: 'lms load minimax-m2.1-gs32 --context-length 196608',
            },
          },
          {id: 'b', title: 'Another', status: 'pass', severity: 'info', message: long},
        ],
      ],
    });
    const app = await renderInk(
      <App services={services} version="0.1.0" home={HOME} initialRoute={{screen: 'doctor'}} />,
      {columns: COLUMNS, rows: ROWS},
    );
    const f = await app.waitFor(/❯ Run again/);
    // The whole frame here includes what <Static> printed (the scrollback): only the width is checked.
    expectFits(f, 'doctor', Infinity);
    expect(f).toMatch(/^ {6}lms load minimax-m2\.1-gs32 --context-length 196608$/m);
    app.unmount();
  });

  it('many checks running at once still fit 24 rows', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const services = fakeServices({
      overrides: {
        async runDoctor(h) {
          const checks = Array.from({length: 30}, (_, i) => ({
            id: `c${i}`,
            title: `check number ${i}`,
            group: 'g',
            detect: async () => [],
          }));
          for (const c of checks) h.onStart?.(c);
          await gate;
          return {schemaVersion: 1, ok: true, configPath: '', checks: [], durationMs: 1};
        },
      },
    });
    const app = await renderInk(
      <App services={services} version="0.1.0" home={HOME} initialRoute={{screen: 'doctor'}} />,
      {columns: COLUMNS, rows: ROWS},
    );
    const f = await app.waitFor(/more checks running/);
    expectFits(f, 'doctor running');
    expect(f).toMatch(/… and 14 more checks running/);
    release();
    app.unmount();
  });
});
