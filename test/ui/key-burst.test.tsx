/**
 * Keys that arrive in one chunk (tmux send-keys, a fast typist, a terminal
 * that batches): Ink 6.8 splits the chunk into keys and emits them in one
 * tick, so every key must see the state the previous one left.
 */
import {useState} from 'react';
import {Text} from 'ink';
import {describe, expect, it} from 'vitest';
import {Field} from '../../src/ui/components/Field.js';
import {Select} from '../../src/ui/components/Select.js';
import {App} from '../../src/ui/App.js';
import {useKeys} from '../../src/ui/hooks/useKeys.js';
import {KEY, delay, renderInk} from '../support/ink.js';
import {HOME, fakeServices} from './fakes.js';

function Form({onSubmit}: {onSubmit: (v: string) => void}) {
  const [v, setV] = useState('');
  return <Field label="Model id" value={v} focus onChange={setV} onSubmit={() => onSubmit(v)} />;
}

function Keys({log}: {log: string[]}) {
  useKeys((input, key) => log.push(key.return ? 'enter' : input));
  return <Text>keys</Text>;
}

function Menu() {
  const [chosen, setChosen] = useState<string>();
  const items = ['one', 'two', 'three', 'four', 'five'].map((v) => ({label: v, value: v}));
  return chosen ? <Text>chosen: {chosen}</Text> : <Select items={items} onSelect={setChosen} />;
}

describe('key bursts', () => {
  it('Down Down Enter in one chunk moves twice, then selects the third item', async () => {
    const app = await renderInk(<Menu />);
    await app.waitFor(/❯ one/);
    await app.press(KEY.down + KEY.down + KEY.enter);
    expect(await app.waitFor(/chosen:/)).toMatch(/chosen: three/);
    app.unmount();
  });

  it('Up Up Up in one chunk moves three times (wrapping from the top)', async () => {
    const app = await renderInk(<Menu />);
    await app.waitFor(/❯ one/);
    await app.press(KEY.up + KEY.up + KEY.up);
    expect(await app.waitFor(/❯ three/)).not.toMatch(/❯ (one|five|four)/);
    app.unmount();
  });

  it('the doctor screen: Down Down in one chunk then Space picks the third fix', async () => {
    const fix = (id: string) => ({
      id,
      status: 'fail' as const,
      severity: 'error' as const,
      title: id,
      message: `${id} broken`,
      fix: {
        kind: 'config' as const,
        description: `fix ${id}`,
        patch: [{op: 'set' as const, path: ['x', id], value: 1}],
      },
    });
    const services = fakeServices({doctorRuns: [[fix('a.one'), fix('a.two'), fix('a.three')]]});
    const app = await renderInk(
      <App services={services} version="0.1.0" home={HOME} initialRoute={{screen: 'doctor'}} />,
    );
    await app.waitFor(/❯ Fix all 3 config problems/);
    // Down, Enter: "Pick fixes one by one"; then Down Down Space Enter in one chunk: drop the third, review the rest.
    await app.press(KEY.down + KEY.enter);
    await app.waitFor(/Pick the config fixes to apply/);
    await app.press(KEY.down + KEY.down + KEY.space);
    const f = await app.waitFor(/❯ \[ \] a\.three/);
    expect(f).toMatch(/\[x\] a\.one[\s\S]*\[x\] a\.two/);
    app.unmount();
  });
});

describe('doctor list keys', () => {
  it('several results of one check get distinct React keys (logs.recent-errors reports one per error kind)', async () => {
    const {listKeys} = await import('../../src/ui/state/doctor.js');
    const r = (message: string) => ({
      id: 'logs.recent-errors',
      status: 'warn' as const,
      severity: 'warning' as const,
      title: 'logs',
      message,
    });
    const keys = listKeys([r('a'), r('b'), r('c')]);
    expect(new Set(keys).size).toBe(3);
    expect(keys[0]).toBe('logs.recent-errors|||');
  });
});

describe('a field', () => {
  it('text and Enter in one chunk: the text goes in and Enter submits (no CR in the value)', async () => {
    const submitted: string[] = [];
    const app = await renderInk(<Form onSubmit={(v) => submitted.push(v)} />);
    await app.press('qwen3-coder\r');
    await new Promise((r) => setTimeout(r, 50));
    expect(app.frame()).toMatch(/Model id\s+qwen3-coder/);
    expect(app.frame()).not.toMatch(/\r/);
    expect(submitted.length).toBe(1);
    app.unmount();
  });
});

describe('bursts of plain characters (Ink 6.8 passes them as one input)', () => {
  it('+++ on the hardware screen adds three machines', async () => {
    const app = await renderInk(
      <App services={fakeServices()} version="0.1.0" home={HOME} initialRoute={{screen: 'hardware'}} />,
    );
    await app.waitFor(/Machines: 1/);
    await app.press('+++');
    expect(await app.waitFor(/Machines: 4/)).toMatch(/Machines: 4/);
    app.unmount();
  });

  it('\\r\\r is two Enters, and a1 is two keys', async () => {
    const keys: string[] = [];
    const app = await renderInk(<Keys log={keys} />);
    await app.waitFor(/keys/);
    await app.press('\r\r');
    await app.press('a1');
    await delay(50);
    expect(keys).toEqual(['enter', 'enter', 'a', '1']);
    app.unmount();
  });

  it('a paste into a field still arrives whole', async () => {
    const app = await renderInk(<Form onSubmit={() => {}} />);
    await app.press('qwen3++coder');
    await delay(50);
    expect(app.frame()).toMatch(/Model id\s+qwen3\+\+coder/);
    app.unmount();
  });
});
