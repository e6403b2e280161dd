import {afterEach, describe, expect, it} from 'vitest';
import {memoryIo} from '../../src/cli/io.js';
import {main} from '../../src/cli/main.js';
import {defaultPreview, parseExoState, parsePreviews} from '../../src/core/cluster/parse-state.js';
import {benchExo, classifyError, fingerprint, probeServer, readExoPreviews} from '../../src/servers/index.js';
import {MINIMAX_8BIT, startExoFake, studio, twoStudios, type ExoFake} from '../fakes/exo.js';
import {startFake} from '../fakes/index.js';

const open: {close(): Promise<void>}[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((f) => f.close()));
});
async function exo(opts: Parameters<typeof startExoFake>[0]): Promise<ExoFake> {
  const f = await startExoFake(opts);
  open.push(f);
  return f;
}

describe('exo /state parsing', () => {
  it('reads nodes, memory, links and the instance with its layer split', async () => {
    const f = await exo(twoStudios());
    const state = await (await fetch(`${f.origin}/state`)).json();
    const c = parseExoState(state);
    expect(c.nodes.map((n) => [n.name, n.chip, n.ramTotalGB])).toEqual([
      ['Studio A', 'Apple M3 Ultra', 549.8],
      ['Studio B', 'Apple M3 Ultra', 549.8],
    ]);
    expect(c.links.every((l) => l.kind === 'thunderbolt')).toBe(true);
    expect(c.instances).toHaveLength(1);
    const inst = c.instances[0];
    expect(inst).toMatchObject({
      modelId: MINIMAX_8BIT.id,
      meta: 'MlxRing',
      sharding: 'Pipeline',
      contextLength: 196608,
    });
    expect(inst.shards.map((s) => [s.nodeId, s.startLayer, s.endLayer, s.status])).toEqual([
      ['12D3KooWStudioA', 0, 31, 'RunnerReady'],
      ['12D3KooWStudioB', 31, 61, 'RunnerReady'],
    ]);
  });

  it('hostile values are cleaned and bounded, wrong types ignored', () => {
    const c = parseExoState({
      topology: {nodes: ['n1'], connections: {}},
      instances: {x: {Weird: 1}},
      nodeIdentities: {n1: {friendlyName: 'evil\u001b[31mname', chipId: 42}},
      nodeMemory: {n1: {ramTotal: {inBytes: -5}, ramAvailable: {inBytes: 'lots'}}},
    });
    expect(c.nodes).toEqual([{id: 'n1', name: 'evil[31mname', addresses: []}]);
    expect(c.instances).toEqual([]);
    expect(c.notes.join(' ')).toContain('shape this tool does not know');
  });

  it("previews: each node's share of the model; a model that does not fit carries exo's own error", async () => {
    const f = await exo({...twoStudios({instances: []})});
    const r = await readExoPreviews(f.origin, MINIMAX_8BIT.id, undefined, {});
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const two = r.previews.find((p) => p.shares.length === 2)!;
    expect(two.shares.map((s) => s.share)).toEqual([0.508, 0.492]);
    expect(two.shares[0].memoryGB).toBe(121.5);
    expect(defaultPreview(r.previews)?.shares).toHaveLength(1);
    const small = await exo({nodes: [{...studio('n1', 'Mini', '10.0.0.1'), ramGiB: 64}]});
    const none = await readExoPreviews(small.origin, MINIMAX_8BIT.id, undefined, {});
    expect(none.ok && none.previews[0].error).toBe('No cycles found with sufficient memory');
    expect(none.ok && defaultPreview(none.previews)).toBeUndefined();
    expect(parsePreviews({previews: 'no'})).toEqual([]);
  });
});

describe('exo as a server kind', () => {
  it('is fingerprinted from its own answers (owned_by exo, /state), never by port', async () => {
    const f = await exo(twoStudios());
    const fp = await fingerprint(f.origin);
    expect(fp.ok && fp.fingerprint).toMatchObject({
      kind: 'exo',
      evidence: 'GET /state has topology, nodeMemory and instances',
    });
    // An ordinary vLLM gets no /state request.
    const v = await startFake('vllm');
    open.push(v);
    const vfp = await fingerprint(v.origin);
    expect(vfp.ok && vfp.fingerprint.kind).toBe('vllm');
    expect(v.requests.some((r) => r.path === '/state')).toBe(false);
  });

  it("probe: the placed model is loaded with the card's context; downloaded ones are not loaded; the cluster comes along", async () => {
    const f = await exo(twoStudios());
    const r = await probeServer(f.v1);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.report.models[0]).toMatchObject({id: MINIMAX_8BIT.id, state: 'loaded', loadedContext: 196608});
    expect(r.report.models[1]).toMatchObject({id: 'mlx-community/Qwen3-0.6B-4bit', state: 'not-loaded'});
    expect(r.report.cluster?.nodes).toHaveLength(2);
    expect(r.report.responses).toBe('yes');
  });

  it('servers --json lists the two-node cluster as exo with both nodes and their memory', async () => {
    const f = await exo(twoStudios());
    const io = memoryIo({env: {HOME: '/nonexistent-home', OPENCLAW_LOCAL_DOCTOR_PORTS: String(f.port)}});
    expect(await main(['servers', '--json'], io)).toBe(0);
    const doc = JSON.parse(io.out());
    expect(doc.servers).toHaveLength(1);
    expect(doc.servers[0].fingerprint.kind).toBe('exo');
    expect(doc.servers[0].cluster.nodes.map((n: {name: string; ramTotalGB: number}) => [n.name, n.ramTotalGB])).toEqual(
      [
        ['Studio A', 549.8],
        ['Studio B', 549.8],
      ],
    );
    const text = memoryIo({env: {HOME: '/nonexistent-home', OPENCLAW_LOCAL_DOCTOR_PORTS: String(f.port)}});
    expect(await main(['servers'], text)).toBe(0);
    expect(text.out()).toContain('cluster: 2 nodes: Studio A (Apple M3 Ultra, 550 GB RAM), Studio B');
  });

  it("bench: exo's own prompt and generation tok/s from /bench/chat/completions; 404 when nothing is placed", async () => {
    const f = await exo(twoStudios());
    const r = await benchExo(f.v1, MINIMAX_8BIT.id, 'Say hello.');
    expect(r.ok && r.bench).toEqual({promptTps: 310.5, generationTps: 38.2, promptTokens: 12, generationTokens: 2});
    const none = await benchExo(f.v1, 'mlx-community/Qwen3-0.6B-4bit', 'Say hello.');
    expect(none.ok).toBe(false);
    expect(!none.ok && none.message).toContain('No instance found for model');
    expect(classifyError(!none.ok ? (none.bodyExcerpt ?? '') : '')).toMatchObject({
      class: {kind: 'not-loaded'},
      server: 'exo',
    });
  });
});
