import {createServer, type Server} from 'node:http';
import {afterEach, describe, expect, it} from 'vitest';
import {memoryIo} from '../../src/cli/io.js';
import {main} from '../../src/cli/main.js';
import {parseParallelMetrics} from '../../src/core/cluster/parallel.js';
import {startFake} from '../fakes/index.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c()));
});

describe('parallel sizes from /metrics', () => {
  it('reads tensor/pipeline parallel labels of a config-info gauge; nothing when absent or absurd', () => {
    const text = [
      '# HELP sglang:parallel_config_info Parallel configuration',
      '# TYPE sglang:parallel_config_info gauge',
      'sglang:parallel_config_info{tensor_parallel_size="8",pipeline_parallel_size="2",gpu_count="16"} 1.0',
    ].join('\n');
    expect(parseParallelMetrics(text)).toEqual({
      tensorParallel: 8,
      pipelineParallel: 2,
      metric: 'sglang:parallel_config_info',
    });
    expect(
      parseParallelMetrics('vllm:cache_config_info{block_size="16",gpu_memory_utilization="0.9"} 1.0'),
    ).toBeUndefined();
    expect(parseParallelMetrics('x{tensor_parallel_size="-3"} 1')).toBeUndefined();
    expect(parseParallelMetrics('x{tensor_parallel_size="99999"} 1')).toBeUndefined();
  });

  it("servers shows a vLLM's parallel sizes when its /metrics publishes them, and asks no other kind", async () => {
    // A vLLM-shaped server (owned_by vllm, /version) whose /metrics carries the labels.
    const server: Server = createServer((req, res) => {
      const json = (b: unknown) => {
        res.writeHead(200, {'content-type': 'application/json'});
        res.end(JSON.stringify(b));
      };
      if (req.url === '/v1/models')
        return json({
          object: 'list',
          data: [{id: 'MiniMaxAI/MiniMax-M2.1', object: 'model', owned_by: 'vllm', max_model_len: 196608}],
        });
      if (req.url === '/version') return json({version: '0.11.0'});
      if (req.url === '/metrics') {
        res.writeHead(200, {'content-type': 'text/plain'});
        return res.end('x:parallel_config_info{tensor_parallel_size="8",pipeline_parallel_size="2"} 1.0\n');
      }
      res.writeHead(404, {'content-type': 'application/json'});
      res.end('{"detail":"Not Found"}');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    closers.push(() => new Promise((r) => server.close(() => r())));
    const port = (server.address() as {port: number}).port;
    const oll = await startFake('ollama');
    closers.push(() => oll.close());
    const io = memoryIo({env: {HOME: '/nonexistent-home', OPENCLAW_LOCAL_DOCTOR_PORTS: `${port},${oll.port}`}});
    expect(await main(['servers', '--json'], io)).toBe(0);
    const doc = JSON.parse(io.out());
    const v = doc.servers.find((s: {port: number}) => s.port === port);
    expect(v.fingerprint.kind).toBe('vllm');
    expect(v.parallel).toEqual({tensorParallel: 8, pipelineParallel: 2, metric: 'x:parallel_config_info'});
    expect(v.models[0].loadedContext).toBe(196608);
    expect(oll.requests.some((r) => r.path === '/metrics')).toBe(false);
    const text = memoryIo({env: {HOME: '/nonexistent-home', OPENCLAW_LOCAL_DOCTOR_PORTS: String(port)}});
    expect(await main(['servers'], text)).toBe(0);
    expect(text.out()).toContain('· TP 8 × PP 2');
  });
});
