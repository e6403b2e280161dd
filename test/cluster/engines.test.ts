import {mkdtemp, rm, writeFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {memoryIo} from '../../src/cli/io.js';
import {main} from '../../src/cli/main.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'ocld-engines-'));
});
afterAll(async () => {
  await rm(dir, {recursive: true, force: true});
});

async function engineFor(profile: object, nodes: string) {
  const file = path.join(dir, `${Math.random().toString(36).slice(2)}.json`);
  await writeFile(file, JSON.stringify(profile));
  const io = memoryIo({env: {HOME: dir, OPENCLAW_LOCAL_DOCTOR_PORTS: ''}});
  expect(await main(['hardware', '--json', '--hardware', file, '--nodes', nodes], io)).toBe(0);
  const text = memoryIo({env: {HOME: dir, OPENCLAW_LOCAL_DOCTOR_PORTS: ''}});
  expect(await main(['hardware', '--hardware', file, '--nodes', nodes], text)).toBe(0);
  return {engine: JSON.parse(io.out()).engine, text: text.out()};
}

describe('hardware --nodes names the engine that pools the machines', () => {
  it('Macs → exo', async () => {
    const {engine, text} = await engineFor({platform: 'darwin', ramGB: 512, chip: 'Apple M3 Ultra'}, '2');
    expect(engine).toMatchObject({engine: 'exo', setupStack: 'exo'});
    expect(text).toContain('Engine for 2 machines: exo.');
    expect(text).toContain('\n    uv run exo\n');
  });

  it('NVIDIA rig → vLLM, tensor parallel = GPUs per node, pipeline parallel = nodes, with the Ray commands', async () => {
    const {engine, text} = await engineFor(
      {platform: 'linux', ramGB: 512, gpus: [{name: 'NVIDIA H100 80GB HBM3', vramGB: 80, count: 8}]},
      '2',
    );
    expect(engine).toMatchObject({
      engine: 'vllm',
      tensorParallel: 8,
      pipelineParallel: 2,
      setupStack: 'openai-compatible',
    });
    expect(engine.commands).toContain('ray start --head --port=6379    # on the head node');
    expect(text).toContain(
      'vllm serve MODEL --tensor-parallel-size 8 --pipeline-parallel-size 2 \\\n      --distributed-executor-backend ray',
    );
    for (const line of text.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
  });

  it('one machine with 4 GPUs → vLLM tensor parallel 4, no Ray', async () => {
    const {engine} = await engineFor(
      {platform: 'linux', ramGB: 256, gpus: [{name: 'NVIDIA GeForce RTX 4090', vramGB: 24, count: 4}]},
      '1',
    );
    expect(engine).toMatchObject({engine: 'vllm', tensorParallel: 4});
    expect(engine.pipelineParallel).toBeUndefined();
    expect(engine.commands[0]).toBe('vllm serve MODEL --tensor-parallel-size 4');
  });

  it('AMD boxes → llama.cpp RPC; one machine with one GPU → no engine', async () => {
    const amd = await engineFor({platform: 'linux', ramGB: 128, chip: 'AMD Ryzen AI Max+ 395'}, '3');
    expect(amd.engine).toMatchObject({engine: 'llama.cpp-rpc', setupStack: 'llamacpp'});
    expect(amd.engine.commands[0]).toContain('rpc-server -H 0.0.0.0 -p 50052');
    const one = await engineFor(
      {platform: 'linux', ramGB: 64, gpus: [{name: 'NVIDIA GeForce RTX 4090', vramGB: 24}]},
      '1',
    );
    expect(one.engine).toBeUndefined();
  });
});
