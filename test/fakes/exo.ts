/**
 * A fake exo cluster (github.com/exo-explore/exo), answering the shapes its
 * API documents and implements: docs/api.md for the routes, src/exo/api/main.py
 * for their behaviour (get_state, get_models with status=downloaded,
 * get_placement_previews, place_instance, await_instance's SSE stream with
 * ": keep-alive" comments, "No instance found for model" 404s), and the
 * pydantic models it serialises: src/exo/shared/types/state.py (camelCase
 * aliases), profiling.py (MemoryUsage {ramTotal: {inBytes}}), worker/instances.py
 * and worker/shards.py (one-key tagged unions), src/exo/api/types/api.py
 * (ModelListModel owned_by "exo", PlacementPreview, CreateInstanceResponse,
 * GenerationStats). The placement mirrors src/exo/master/placement.py: the
 * smallest set of nodes whose ramAvailable holds the weights, layers split in
 * proportion to memory, else "No cycles found with sufficient memory".
 * Real HTTP on 127.0.0.1, port 0.
 */
import {createServer, type IncomingMessage, type ServerResponse} from 'node:http';
import type {Socket} from 'node:net';

const GIB = 1024 ** 3;

export interface ExoFakeNode {
  id: string;
  name: string;
  chip?: string;
  machine?: string;
  /** RAM as sold, GiB (512 → 512 GiB). */
  ramGiB: number;
  /** Swap in use, GiB. */
  swapUsedGiB?: number;
  ip?: string;
  iface?: 'thunderbolt' | 'ethernet' | 'wifi';
}

export interface ExoFakeModel {
  id: string;
  storageBytes: number;
  nLayers: number;
  contextLength: number;
  downloaded?: boolean;
}

export interface ExoFakeOptions {
  nodes: ExoFakeNode[];
  models?: ExoFakeModel[];
  /** Instances running at start: a model on these nodes (in rank order). */
  instances?: {modelId: string; nodeIds: string[]; status?: string}[];
  /** Delay before a placed instance shows up in /state (ms). */
  placeDelayMs?: number;
  /** Links between nodes: RDMA (Thunderbolt 5, MlxJaccl) or sockets. */
  rdma?: boolean;
  port?: number;
}

export interface ExoFake {
  origin: string;
  v1: string;
  port: number;
  requests: {method: string; path: string; body: string}[];
  /** A node leaves the cluster (powered off, cable pulled): exo drops it and the instances it held. */
  dropNode(id: string): void;
  close(): Promise<void>;
}

/** exo's own card for MiniMax M2.1 8-bit (resources/inference_model_cards/mlx-community--MiniMax-M2.1-8bit.toml). */
export const MINIMAX_8BIT: ExoFakeModel = {
  id: 'mlx-community/MiniMax-M2.1-8bit',
  storageBytes: 242_986_745_856,
  nLayers: 61,
  contextLength: 196_608,
};
export const QWEN_SMALL: ExoFakeModel = {
  id: 'mlx-community/Qwen3-0.6B-4bit',
  storageBytes: 342_000_000,
  nLayers: 28,
  contextLength: 40_960,
};

export function studio(id: string, name: string, ip: string): ExoFakeNode {
  return {id, name, chip: 'Apple M3 Ultra', machine: 'Mac Studio', ramGiB: 512, ip, iface: 'thunderbolt'};
}

interface Inst {
  id: string;
  modelId: string;
  nodeIds: string[];
  status: string;
}

export async function startExoFake(opts: ExoFakeOptions): Promise<ExoFake> {
  let nodes = [...opts.nodes];
  const models = opts.models ?? [MINIMAX_8BIT, QWEN_SMALL];
  let instances: Inst[] = [];
  let seq = 0;
  const requests: ExoFake['requests'] = [];
  for (const i of opts.instances ?? [])
    instances.push({id: `inst-${++seq}`, modelId: i.modelId, nodeIds: i.nodeIds, status: i.status ?? 'RunnerReady'});

  const card = (m: ExoFakeModel) => ({
    modelId: m.id,
    storageSize: {inBytes: m.storageBytes},
    nLayers: m.nLayers,
    hiddenSize: 3072,
    supportsTensor: true,
    tasks: ['TextGeneration'],
    family: 'minimax',
    quantization: '8bit',
    backends: ['MlxMetal'],
    contextLength: m.contextLength,
  });
  const used = (nodeId: string): number =>
    instances.reduce((sum, i) => {
      const m = models.find((x) => x.id === i.modelId);
      return sum + (m && i.nodeIds.includes(nodeId) ? m.storageBytes / i.nodeIds.length : 0);
    }, 0);
  // What a Mac leaves free with nothing loaded: RAM minus ~20 GiB for macOS and apps.
  const available = (n: ExoFakeNode): number => Math.max(0, n.ramGiB * GIB - 20 * GIB - used(n.id));

  function layersFor(m: ExoFakeModel, ids: string[]): {start: number; end: number}[] {
    const mem = ids.map((id) => available(nodes.find((n) => n.id === id)!));
    const total = mem.reduce((a, b) => a + b, 0);
    let start = 0;
    return ids.map((_, k) => {
      const count = k === ids.length - 1 ? m.nLayers - start : Math.round((mem[k] / total) * m.nLayers);
      const r = {start, end: start + count};
      start += count;
      return r;
    });
  }
  function instanceJson(i: Inst, withStatus = true) {
    const m = models.find((x) => x.id === i.modelId)!;
    const layers = layersFor(m, i.nodeIds);
    const runnerToShard: Record<string, unknown> = {};
    const nodeToRunner: Record<string, string> = {};
    i.nodeIds.forEach((nid, k) => {
      const rid = `runner-${i.id}-${k}`;
      nodeToRunner[nid] = rid;
      runnerToShard[rid] = {
        PipelineShardMetadata: {
          modelCard: card(m),
          deviceRank: k,
          worldSize: i.nodeIds.length,
          startLayer: layers[k].start,
          endLayer: layers[k].end,
          nLayers: m.nLayers,
        },
      };
    });
    const hostsByNode = Object.fromEntries(
      i.nodeIds.map((nid) => [nid, [{ip: nodes.find((n) => n.id === nid)?.ip ?? '0.0.0.0', port: 52416}]]),
    );
    void withStatus;
    return {
      MlxRingInstance: {
        instanceId: i.id,
        shardAssignments: {modelId: i.modelId, runnerToShard, nodeToRunner},
        hostsByNode,
        ephemeralPort: 52416,
      },
    };
  }
  function state() {
    const runners: Record<string, unknown> = {};
    for (const i of instances) i.nodeIds.forEach((_, k) => (runners[`runner-${i.id}-${k}`] = {[i.status]: {}}));
    const connections: Record<string, Record<string, unknown[]>> = {};
    for (const a of nodes) {
      connections[a.id] = {};
      for (const b of nodes) {
        if (a.id === b.id) continue;
        connections[a.id][b.id] = [
          opts.rdma
            ? {sourceRdmaIface: 'rdma_en2', sinkRdmaIface: 'rdma_en2'}
            : {sinkMultiaddr: {address: `/ip4/${b.ip ?? '10.0.0.9'}/tcp/52414`, address_type: 'ip4'}},
        ];
      }
    }
    return {
      instances: Object.fromEntries(instances.map((i) => [i.id, instanceJson(i)])),
      runners,
      downloads: {},
      tasks: {},
      lastSeen: Object.fromEntries(nodes.map((n) => [n.id, '2026-12-07T04:00:00Z'])),
      topology: {nodes: nodes.map((n) => n.id), connections},
      lastEventAppliedIdx: 42,
      nodeIdentities: Object.fromEntries(
        nodes.map((n) => [
          n.id,
          {
            modelId: n.machine ?? 'Mac Studio',
            chipId: n.chip ?? 'Apple M3 Ultra',
            friendlyName: n.name,
            osVersion: '26.1',
            osBuildVersion: '25B78',
          },
        ]),
      ),
      nodeMemory: Object.fromEntries(
        nodes.map((n) => [
          n.id,
          {
            ramTotal: {inBytes: n.ramGiB * GIB},
            ramAvailable: {inBytes: available(n)},
            swapTotal: {inBytes: 8 * GIB},
            swapAvailable: {inBytes: (8 - (n.swapUsedGiB ?? 0)) * GIB},
          },
        ]),
      ),
      nodeDisk: {},
      nodeSystem: Object.fromEntries(
        nodes.map((n) => [n.id, {gpuUsage: 0.1, temp: 40, sysPower: 30, pcpuUsage: 0.05, ecpuUsage: 0.02}]),
      ),
      nodeNetwork: Object.fromEntries(
        nodes.map((n) => [
          n.id,
          {interfaces: n.ip ? [{name: 'bridge0', ipAddress: n.ip, interfaceType: n.iface ?? 'ethernet'}] : []},
        ]),
      ),
      nodeThunderbolt: {},
      nodeThunderboltBridge: {},
      nodeRdmaCtl: {},
      nodeBackends: {},
      thunderboltBridgeCycles: [],
      instanceLinks: {},
      prefillServerPorts: {},
      customModelCards: {},
    };
  }
  /** Smallest set of nodes (in order) whose available memory holds the weights, at least minNodes. */
  function place(m: ExoFakeModel, minNodes: number): string[] | undefined {
    for (let k = Math.max(1, minNodes); k <= nodes.length; k++) {
      const ids = nodes.slice(0, k).map((n) => n.id);
      if (ids.reduce((a, id) => a + available(nodes.find((n) => n.id === id)!), 0) >= m.storageBytes) return ids;
    }
    return undefined;
  }

  const send = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, {'content-type': 'application/json'});
    res.end(JSON.stringify(body));
  };
  const notFound = (res: ServerResponse) => send(res, 404, {detail: 'Not Found'});

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      requests.push({method: req.method ?? 'GET', path: url.pathname + url.search, body});
      const q = (k: string) => url.searchParams.get(k);
      const route = `${req.method} ${url.pathname}`;
      let json: Record<string, unknown> = {};
      try {
        json = body ? (JSON.parse(body) as Record<string, unknown>) : {};
      } catch {
        /* FastAPI answers 422 below */
      }
      switch (route) {
        case 'GET /node_id':
          return send(res, 200, nodes[0]?.id ?? '');
        case 'GET /state':
          return send(res, 200, state());
        case 'GET /models':
        case 'GET /v1/models': {
          const list = q('status') === 'downloaded' ? models.filter((m) => m.downloaded !== false) : models;
          return send(res, 200, {
            object: 'list',
            data: list.map((m) => ({
              id: m.id,
              object: 'model',
              created: 1765000000,
              owned_by: 'exo',
              hugging_face_id: m.id,
              name: m.id.split('/').pop(),
              description: '',
              context_length: m.contextLength,
              tags: [],
              storage_size_megabytes: Math.round(m.storageBytes / 1024 ** 2),
              supports_tensor: true,
              tasks: ['TextGeneration'],
              is_custom: false,
              family: '',
              quantization: '',
              base_model: '',
              capabilities: ['text'],
              reasoning_dialect: 'none',
            })),
          });
        }
        case 'GET /instance/previews': {
          const m = models.find((x) => x.id === q('model_id'));
          if (!nodes.length) return send(res, 200, {previews: []});
          if (!m) return send(res, 400, {detail: `Failed to load model card: unknown model ${q('model_id')}`});
          const previews: unknown[] = [];
          let failed = false;
          for (let k = 1; k <= nodes.length; k++) {
            const ids = place(m, k);
            if (!ids) {
              if (!failed)
                previews.push({
                  model_id: m.id,
                  sharding: 'Pipeline',
                  instance_meta: 'MlxRing',
                  instance: null,
                  memory_delta_by_node: null,
                  error: 'No cycles found with sufficient memory',
                });
              failed = true;
              continue;
            }
            if (ids.length !== k) continue;
            const inst = instanceJson({id: `preview-${k}`, modelId: m.id, nodeIds: ids, status: 'RunnerIdle'});
            const per = Math.floor(m.storageBytes / ids.length);
            previews.push({
              model_id: m.id,
              sharding: 'Pipeline',
              instance_meta: 'MlxRing',
              instance: inst,
              memory_delta_by_node: Object.fromEntries(ids.map((id) => [id, per])),
              error: null,
            });
          }
          if (!opts.rdma)
            previews.push({
              model_id: m.id,
              sharding: 'Tensor',
              instance_meta: 'MlxJaccl',
              instance: null,
              memory_delta_by_node: null,
              error: 'Requested RDMA (MlxJaccl) but no RDMA-connected cycles available',
            });
          return send(res, 200, {previews});
        }
        case 'GET /instance/placement': {
          const m = models.find((x) => x.id === q('model_id'));
          if (!m) return send(res, 400, {detail: `Failed to load model card: unknown model ${q('model_id')}`});
          const ids = place(m, Number(q('min_nodes') ?? 1));
          if (!ids) return send(res, 400, {detail: 'No cycles found with sufficient memory'});
          return send(res, 200, instanceJson({id: 'placement', modelId: m.id, nodeIds: ids, status: 'RunnerIdle'}));
        }
        case 'POST /place_instance': {
          const m = models.find((x) => x.id === json.model_id);
          if (typeof json.model_id !== 'string')
            return send(res, 422, {detail: [{type: 'missing', loc: ['body', 'model_id'], msg: 'Field required'}]});
          if (!m) return send(res, 500, {detail: `Failed to load model card for ${json.model_id}`});
          const ids = place(m, typeof json.min_nodes === 'number' ? json.min_nodes : 1);
          // The command is accepted either way; a placement that does not fit never shows up (the master logs the error).
          if (ids) {
            const inst: Inst = {id: `inst-${++seq}`, modelId: m.id, nodeIds: ids, status: 'RunnerReady'};
            setTimeout(() => instances.push(inst), opts.placeDelayMs ?? 50);
          }
          return send(res, 200, {message: 'Command received.', command_id: `cmd-${seq}`, model_card: card(m)});
        }
        case 'GET /instance/await': {
          const timeout = Number(q('timeout_seconds') ?? 0);
          if (!q('model_id') || !(timeout >= 0 && timeout <= 300)) {
            return send(res, 422, {
              detail: [
                {
                  type: 'less_than_equal',
                  loc: ['query', 'timeout_seconds'],
                  msg: 'Input should be less than or equal to 300',
                },
              ],
            });
          }
          res.writeHead(200, {'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'close'});
          res.write(': keep-alive\n\n');
          const deadline = timeout === 0 ? Infinity : Date.now() + timeout * 1000;
          const tick = () => {
            const inst = instances.find((i) => i.modelId === q('model_id'));
            if (inst) return res.end(`data: ${JSON.stringify({type: 'ready', instance: instanceJson(inst)})}\n\n`);
            if (Date.now() >= deadline)
              return res.end(
                `data: ${JSON.stringify({type: 'timeout', message: `No instance found for model ${q('model_id')}`})}\n\n`,
              );
            setTimeout(tick, 20);
          };
          return tick();
        }
        case 'POST /v1/chat/completions':
        case 'POST /bench/chat/completions': {
          if (typeof json.model !== 'string' || !Array.isArray(json.messages))
            return send(res, 422, {detail: [{type: 'missing', loc: ['body', 'model'], msg: 'Field required'}]});
          if (!instances.some((i) => i.modelId === json.model))
            return send(res, 404, {detail: `No instance found for model ${json.model}`});
          const id = 'chatcmpl-fake';
          if (json.stream === true) {
            res.writeHead(200, {'content-type': 'text/event-stream'});
            for (const t of ['Hello', '!'])
              res.write(
                `data: ${JSON.stringify({id, object: 'chat.completion', created: 1, model: json.model, choices: [{index: 0, delta: {content: t}, finish_reason: null}]})}\n\n`,
              );
            return res.end('data: [DONE]\n\n');
          }
          return send(res, 200, {
            id,
            object: 'chat.completion',
            created: 1,
            model: json.model,
            choices: [{index: 0, message: {role: 'assistant', content: 'Hello!'}, finish_reason: 'stop'}],
            usage: {prompt_tokens: 12, completion_tokens: 2, total_tokens: 14},
            ...(route.startsWith('POST /bench')
              ? {
                  generation_stats: {
                    prompt_tps: 310.5,
                    generation_tps: 38.2,
                    prompt_tokens: 12,
                    generation_tokens: 2,
                    peak_memory_usage: {inBytes: 250e9},
                    prefix_cache_hit: 'none',
                  },
                }
              : {}),
          });
        }
        case 'POST /v1/responses':
          if (typeof json.model !== 'string' || json.input === undefined) {
            return send(res, 422, {detail: [{type: 'missing', loc: ['body', 'model'], msg: 'Field required'}]});
          }
          if (!instances.some((i) => i.modelId === json.model))
            return send(res, 404, {detail: `No instance found for model ${json.model}`});
          return send(res, 200, {
            id: 'resp-fake',
            object: 'response',
            model: json.model,
            status: 'completed',
            output: [{type: 'message', role: 'assistant', content: [{type: 'output_text', text: 'Hello!'}]}],
          });
        case 'GET /ollama/api/version':
          return send(res, 200, {version: 'exo v1.0'});
        default:
          return notFound(res);
      }
    });
  });
  const sockets = new Set<Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const port = (server.address() as {port: number}).port;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    v1: `${origin}/v1`,
    port,
    requests,
    dropNode(id) {
      nodes = nodes.filter((n) => n.id !== id);
      instances = instances.filter((i) => !i.nodeIds.includes(id));
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Two 512 GB M3 Ultra Mac Studios over Thunderbolt, MiniMax M2.1 8-bit placed across both. */
export function twoStudios(extra: Partial<ExoFakeOptions> = {}): ExoFakeOptions {
  return {
    nodes: [
      studio('12D3KooWStudioA', 'Studio A', '169.254.10.1'),
      studio('12D3KooWStudioB', 'Studio B', '169.254.10.2'),
    ],
    instances: [{modelId: MINIMAX_8BIT.id, nodeIds: ['12D3KooWStudioA', '12D3KooWStudioB']}],
    ...extra,
  };
}
