import {mkdtemp, rm, writeFile} from 'node:fs/promises';
import {createServer} from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {memoryIo} from '../../src/cli/io.js';
import {main} from '../../src/cli/main.js';
import {setHardwareCommandDeps} from '../../src/commands/hardware.js';
import {MINIMAX_8BIT, startExoFake, studio, twoStudios, type ExoFake} from '../fakes/exo.js';

const open: ExoFake[] = [];
let home: string;
let restore: () => void;
beforeEach(async () => {
  home = await mkdtemp(path.join(os.tmpdir(), 'ocld-exo-hw-'));
  // Detecting this machine must not happen when the cluster answers.
  restore = setHardwareCommandDeps({
    detector: () => ({
      detect: async () => {
        throw new Error('this machine was probed');
      },
    }),
  });
});
afterEach(async () => {
  restore();
  await Promise.all(open.splice(0).map((f) => f.close()));
  await rm(home, {recursive: true, force: true});
});

async function hardwareJson(port: number, args: string[] = []) {
  const io = memoryIo({env: {HOME: home, USERPROFILE: home, OPENCLAW_LOCAL_DOCTOR_PORTS: String(port)}});
  expect(await main(['hardware', '--json', ...args], io)).toBe(0);
  return JSON.parse(io.out());
}

describe('hardware from an exo cluster', () => {
  it('two 512 GB M3 Ultras: the tier from both real nodes without --nodes, the split of the running model, decode assumption', async () => {
    const f = await startExoFake(twoStudios());
    open.push(f);
    const doc = await hardwareJson(f.port);
    // Existing fields stay.
    expect(doc.schemaVersion).toBe(1);
    expect(doc.nodes).toBe(2);
    expect(doc.tier.id).toBe('aim-high');
    expect(doc.usableAcceleratorMemoryGB).toBeCloseTo(824.6, 0);
    expect(doc.model).toEqual({id: MINIMAX_8BIT.id, source: 'exo'});
    expect(doc.fit.verdict).toBe('fits');
    // New: the cluster's members and where the model sits.
    expect(
      doc.cluster.nodes.map((n: {name: string; ramTotalGB: number; usableGB: number; bandwidthGBps: number}) => [
        n.name,
        n.ramTotalGB,
        n.usableGB,
        n.bandwidthGBps,
      ]),
    ).toEqual([
      ['Studio A', 549.8, 412.4, 819],
      ['Studio B', 549.8, 412.4, 819],
    ]);
    expect(doc.cluster.link.kind).toBe('thunderbolt');
    expect(doc.cluster.placement.from).toBe('instance');
    expect(
      doc.cluster.placement.shares.map((s: {name: string; share: number; startLayer: number; endLayer: number}) => [
        s.name,
        s.share,
        s.startLayer,
        s.endLayer,
      ]),
    ).toEqual([
      ['Studio A', 0.508, 0, 31],
      ['Studio B', 0.492, 31, 61],
    ]);
    expect(doc.cluster.decode.assumption).toContain('pipeline');
    expect(doc.fit.tokensPerSecond.basis).toContain('pipeline over 2 machines');
    expect(doc.recommendation.setupStacks[0]).toBe('exo');
  });

  it('--nodes is ignored (said so) when the cluster answers; one node gives the one-machine tier', async () => {
    const f = await startExoFake({nodes: [studio('n1', 'Solo', '10.0.0.1')]});
    open.push(f);
    const doc = await hardwareJson(f.port, ['--nodes', '4', '--model', MINIMAX_8BIT.id]);
    expect(doc.nodes).toBe(1);
    expect(doc.tier.id).toBe('full-size');
    expect(doc.notes.join('\n')).toContain('--nodes 4 ignored');
    // Not placed yet: exo's preview says where it would go.
    expect(doc.cluster.placement).toMatchObject({from: 'preview', shares: [{name: 'Solo', share: 1}]});
  });

  it("a model exo cannot place: exo's own reason", async () => {
    const f = await startExoFake({
      nodes: [
        {...studio('n1', 'Small', '10.0.0.1'), ramGiB: 128},
        {...studio('n2', 'Small 2', '10.0.0.2'), ramGiB: 96},
      ],
    });
    open.push(f);
    const doc = await hardwareJson(f.port, ['--model', MINIMAX_8BIT.id]);
    expect(doc.nodes).toBe(2);
    expect(doc.cluster.placementError).toBe('No cycles found with sufficient memory');
    const io = memoryIo({env: {HOME: home, OPENCLAW_LOCAL_DOCTOR_PORTS: String(f.port)}});
    expect(await main(['hardware', '--model', MINIMAX_8BIT.id], io)).toBe(0);
    expect(io.out()).toContain('exo cannot place the model: No cycles found with sufficient memory');
  });

  it('three nodes: all three members count', async () => {
    const f = await startExoFake({
      nodes: [
        studio('a', 'A', '10.0.0.1'),
        studio('b', 'B', '10.0.0.2'),
        {...studio('c', 'C', '10.0.0.3'), ramGiB: 256},
      ],
    });
    open.push(f);
    const doc = await hardwareJson(f.port);
    expect(doc.nodes).toBe(3);
    expect(doc.cluster.nodes).toHaveLength(3);
    expect(doc.usableAcceleratorMemoryGB).toBeCloseTo(412.3 * 2 + 206.2, 0);
  });

  it('finds the cluster at a configured exo baseUrl (another Mac); other configured servers are not probed', async () => {
    const f = await startExoFake(twoStudios());
    open.push(f);
    // A configured LM Studio that accepts and never answers: asking it would cost a timeout.
    const hang = createServer(() => {});
    await new Promise<void>((r) => hang.listen(0, '127.0.0.1', r));
    const hangPort = (hang.address() as {port: number}).port;
    const cfg = path.join(home, 'openclaw.json');
    await writeFile(
      cfg,
      `{models: {providers: {exo: {baseUrl: "${f.v1}", api: "openai-completions", models: [{id: "${MINIMAX_8BIT.id}", name: "m"}]},
        lmstudio: {baseUrl: "http://127.0.0.1:${hangPort}/v1", api: "openai-responses", models: [{id: "x", name: "x"}]}}},
        agents: {defaults: {model: {primary: "exo/${MINIMAX_8BIT.id}"}}}}`,
    );
    let hangHits = 0;
    hang.on('connection', (s) => {
      hangHits++;
      s.destroy();
    });
    const io = memoryIo({env: {HOME: home, OPENCLAW_CONFIG_PATH: cfg, OPENCLAW_LOCAL_DOCTOR_PORTS: ''}});
    expect(await main(['hardware', '--json'], io)).toBe(0);
    const doc = JSON.parse(io.out());
    expect(doc.cluster.baseUrl).toBe(f.v1);
    expect(doc.model).toEqual({id: `exo/${MINIMAX_8BIT.id}`, source: 'config'});
    expect(doc.cluster.placement.from).toBe('instance');
    expect(hangHits).toBe(0);
    await new Promise<void>((r) => hang.close(() => r()));
  });
});
