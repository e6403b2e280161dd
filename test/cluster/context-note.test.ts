import {mkdtemp, readFile, rm, stat, writeFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {contextForPlacement} from '../../src/core/cluster/context.js';
import {readExoNote, writeExoNote} from '../../src/config/exo-note.js';

describe('contextForPlacement', () => {
  const machine = (id: string, usableGB: number) => ({id, name: id, usableGB, usableSource: 'estimated' as const});
  it("the card's context when the placed machines hold it; less when they do not; generic for an unknown model", () => {
    const full = contextForPlacement({
      modelId: 'mlx-community/MiniMax-M2.1-8bit',
      cardContext: 196608,
      storageGB: 243,
      shares: [
        {nodeId: 'a', share: 0.5},
        {nodeId: 'b', share: 0.5},
      ],
      machines: [machine('a', 412), machine('b', 412), machine('c', 100)],
      fallback: 32768,
    });
    expect(full.contextWindow).toBe(196608);
    expect(full.why).toContain('a + b (824 GB usable');
    // One 288 GB machine: 243 GB of weights leave little room for KV cache.
    const tight = contextForPlacement({
      modelId: 'mlx-community/MiniMax-M2.1-8bit',
      cardContext: 196608,
      storageGB: 243,
      shares: [{nodeId: 'a', share: 1}],
      machines: [machine('a', 288)],
      fallback: 32768,
    });
    expect(tight.contextWindow).toBeLessThan(196608);
    expect(tight.contextWindow % 1024).toBe(0);
    const unknown = contextForPlacement({
      modelId: 'someone/brand-new-model',
      shares: [],
      machines: [],
      fallback: 32768,
    });
    expect(unknown).toMatchObject({contextWindow: 32768, tooSmall: false});
  });
});

describe('the cluster note next to the config', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'ocld-note-'));
  });
  afterEach(async () => {
    await rm(dir, {recursive: true, force: true});
  });
  const cfg = () => path.join(dir, 'openclaw.json');

  it('round-trips, keeps other providers, mode 0600', async () => {
    const entry = {
      baseUrl: 'http://127.0.0.1:52415',
      modelId: 'm',
      nodes: [{id: 'a', name: 'A'}],
      placedOn: [{id: 'a'}],
      recordedAt: '2026-12-07T04:00:00Z',
    };
    await writeExoNote(cfg(), 'exo', entry);
    await writeExoNote(cfg(), 'exo2', {...entry, modelId: 'n'});
    const note = await readExoNote(cfg());
    expect(note?.providers.exo).toEqual(entry);
    expect(note?.providers.exo2.modelId).toBe('n');
    if (process.platform !== 'win32')
      expect((await stat(path.join(dir, 'openclaw-local-doctor.exo.json'))).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(path.join(dir, 'openclaw-local-doctor.exo.json'), 'utf8')).version).toBe(1);
  });

  it('a broken, hostile or huge note is no note (it is only a hint)', async () => {
    const file = path.join(dir, 'openclaw-local-doctor.exo.json');
    await writeFile(file, '{not json');
    expect(await readExoNote(cfg())).toBeUndefined();
    await writeFile(
      file,
      JSON.stringify({providers: {exo: {baseUrl: 'x', modelId: 'm', nodes: [{id: 'a\u001b[2J', name: 5}, 'junk']}}}),
    );
    expect((await readExoNote(cfg()))?.providers.exo.nodes).toEqual([{id: 'a[2J'}]);
    await writeFile(file, `{"providers": {"exo": {"baseUrl": "${'x'.repeat(300_000)}"}}}`);
    expect(await readExoNote(cfg())).toBeUndefined();
  });
});
