import {describe, expect, it} from 'vitest';
import {App} from '../../src/ui/App.js';
import {listStacks} from '../../src/core/stacks.js';
import type {DiscoveredServer} from '../../src/core/types/servers.js';
import {renderInk} from '../support/ink.js';
import {HOME, fakeServices, lmStudio} from '../ui/fakes.js';

function exoServer(): DiscoveredServer {
  return {
    baseUrl: 'http://127.0.0.1:52415',
    port: 52415,
    fingerprint: {
      kind: 'exo',
      evidence: 'GET /state has topology, nodeMemory and instances',
      origin: 'http://127.0.0.1:52415',
    },
    models: [{id: 'mlx-community/MiniMax-M2.1-8bit', state: 'loaded', loadedContext: 196608}],
    responses: 'yes',
    latencyMs: 3,
    foundVia: {kind: 'default-port'},
    cluster: {
      nodes: [
        {id: 'a', name: 'Studio A', addresses: []},
        {id: 'b', name: 'Studio B', addresses: []},
      ],
      links: [],
      instances: [],
      notes: [],
    },
  };
}

async function stackList(servers: DiscoveredServer[]): Promise<string> {
  const services = {...fakeServices({servers}), listStacks: async () => listStacks()};
  const app = await renderInk(<App services={services} version="0.1.0" home={HOME} initialRoute={{screen: 'setup'}} />);
  await app.waitFor(/Choose a stack/);
  const f = await app.waitFor(/\(recommended\)/);
  app.unmount();
  return f;
}

describe('the app offers the exo stack when exo answers', () => {
  it('exo found: the exo stack is listed and recommended', async () => {
    const f = await stackList([lmStudio(), exoServer()]);
    expect(f).toMatch(/❯ exo cluster \(several Macs, one endpoint\) \(recommended\)/);
    expect(f).toMatch(/found on :52415/);
  });
  it('no exo: no exo stack in the list', async () => {
    const f = await stackList([lmStudio()]);
    expect(f).not.toMatch(/exo cluster/);
  });
});
