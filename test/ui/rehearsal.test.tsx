/** The doctor screen's rehearsal step: asks first, shows live progress, esc stops it and shows what was measured. */
import {describe, expect, it} from 'vitest';
import {App} from '../../src/ui/App.js';
import type {CheckResult} from '../../src/doctor/types.js';
import {KEY, renderInk} from '../support/ink.js';
import {HOME, fakeServices} from './fakes.js';

const ok: CheckResult = {
  id: 'config.parse',
  title: 'config',
  message: 'parsed, valid',
  status: 'pass',
  severity: 'info',
};

function withRehearse(run: (o: {signal: AbortSignal; onProgress: (l: string) => void}) => Promise<{text: string}>) {
  const services = fakeServices({doctorRuns: [[ok]]});
  let calls = 0;
  services.rehearse = (o) => {
    calls++;
    return run(o);
  };
  return {services, calls: () => calls};
}

describe('doctor screen: rehearse', () => {
  it('asks for consent; n goes back without sending anything', async () => {
    const s = withRehearse(async () => ({text: 'never'}));
    const app = await renderInk(
      <App services={s.services} version="0.1.0" home={HOME} initialRoute={{screen: 'doctor'}} />,
    );
    await app.waitFor(/Rehearse OpenClaw's request/);
    await app.press(KEY.down);
    await app.press(KEY.enter);
    let f = await app.waitFor(/Rehearse OpenClaw's request\?/);
    expect(f).toMatch(/loads the model/);
    await app.press('n');
    f = await app.waitFor(/❯ Run again/);
    expect(s.calls()).toBe(0);
    app.unmount();
  });

  it('y runs it with a live progress line; esc stops it and the measured part is shown', async () => {
    const s = withRehearse(
      ({signal, onProgress}) =>
        new Promise((resolve) => {
          onProgress('Rehearsal [2/4] streaming the answer · 3.0 s · 40 tokens');
          signal.addEventListener('abort', () =>
            resolve({text: 'Decode              25 tok/s\nthe rehearsal stopped early (interrupted)'}),
          );
        }),
    );
    const app = await renderInk(
      <App services={s.services} version="0.1.0" home={HOME} initialRoute={{screen: 'doctor'}} />,
    );
    await app.waitFor(/Rehearse OpenClaw's request/);
    await app.press(KEY.down);
    await app.press(KEY.enter);
    await app.waitFor(/Rehearse OpenClaw's request\?/);
    await app.press('y');
    let f = await app.waitFor(/streaming the answer · 3\.0 s/);
    expect(f).toMatch(/esc: stop/);
    await app.press(KEY.escape);
    f = await app.waitFor(/stopped early \(interrupted\)/);
    expect(f).toMatch(/25 tok\/s/);
    await app.press(KEY.enter);
    await app.waitFor(/❯ Run again/);
    expect(s.calls()).toBe(1);
    app.unmount();
  });
});
