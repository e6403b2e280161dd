/** The review at 80×24: the diff gets the room, a summary above it, PgDn moves a page, long lines wrap with a mark. */
import {describe, expect, it} from 'vitest';
import {App} from '../../src/ui/App.js';
import {diffStats, diffStatsText} from '../../src/ui/components/DiffView.js';
import {KEY, renderInk} from '../support/ink.js';
import {HOME, fakeServices} from './fakes.js';

const LONG = `+      name: "${'a very long model display name '.repeat(4).trim()}",`;
const DIFF = [
  '--- a/openclaw.json',
  '+++ b/openclaw.json',
  '@@ -1,3 +1,40 @@',
  ' {',
  ...Array.from({length: 30}, (_, i) => `+  line${String(i + 1).padStart(2, '0')}: ${i},`),
  ' gateway: {mode: "local"},',
  LONG,
  '+  last: true,',
  ' }',
].join('\n');

describe('review at 80×24', () => {
  it('counts the change', () => {
    expect(diffStatsText(diffStats(DIFF))).toBe('32 lines added in 2 places');
    expect(diffStatsText(diffStats('-a\n+b\n c\n-d'))).toBe('1 line added, 2 lines removed in 2 places');
  });

  it('gives the diff the room, says what changes above it, and pages with PgDn', async () => {
    const base = fakeServices();
    const services = fakeServices({
      overrides: {
        propose: async (loaded, newText, label) => ({...(await base.propose(loaded, newText, label)), diff: DIFF}),
      },
    });
    const app = await renderInk(
      <App services={services} version="0.1.0" home={HOME} initialRoute={{screen: 'setup'}} />,
      {columns: 80, rows: 24},
    );
    await app.waitFor(/\(recommended\)/);
    await app.press(KEY.enter);
    await app.waitFor(/❯ minimax/);
    await app.press(KEY.enter);
    await app.waitFor(/❯ Context/);
    await app.press(KEY.enter);
    await app.press(KEY.enter);
    await app.waitFor(/Fallbacks/);
    await app.press(KEY.enter);
    let f = await app.waitFor(/`config validate` passes/);
    const lines = f.replace(/\n$/, '').split('\n');
    expect(lines.length, f).toBeLessThanOrEqual(24);
    expect(f).toMatch(/32 lines added in 2 places/);
    const shown = (frame: string) =>
      frame
        .split('\n')
        .filter((l) => /^\+ {2}line\d\d/.test(l))
        .map((l) => l.slice(3, 9));
    const first = shown(f);
    expect(first.length, f).toBeGreaterThanOrEqual(7);
    expect(first[0]).toBe('line01');
    await app.press(KEY.pageDown);
    f = await app.waitFor(/↑ \d+ more lines? \(PgUp\)/);
    const second = shown(f);
    // A whole page on: the first line now is the one after the last shown before (the diff rows start with " {").
    expect(Number(second[0].slice(4))).toBeGreaterThanOrEqual(first.length);
    for (let i = 0; i < 5; i++) await app.press(KEY.pageDown);
    f = app.frame();
    // The long line is wrapped with a mark, never cut.
    expect(f).toMatch(/^\+↪/m);
    expect(f).toMatch(/model display name",/);
    app.unmount();
  });
});
