import {mkdtemp, readFile, rm, writeFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {memoryIo} from '../../src/cli/io.js';
import {main} from '../../src/cli/main.js';
import {MINIMAX_8BIT, startExoFake, twoStudios, type ExoFake} from '../fakes/exo.js';

const open: ExoFake[] = [];
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'ocld-exo-doc-'));
  await writeFile(
    path.join(dir, 'hw.json'),
    JSON.stringify({platform: 'linux', ramGB: 64, gpus: [{name: 'NVIDIA GeForce RTX 4090', vramGB: 24}]}),
  );
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((f) => f.close()));
  await rm(dir, {recursive: true, force: true});
});

function env(port: number): NodeJS.ProcessEnv {
  return {
    HOME: dir,
    USERPROFILE: dir,
    OPENCLAW_CONFIG_PATH: path.join(dir, 'openclaw.json'),
    OPENCLAW_LOCAL_DOCTOR_PORTS: String(port),
    // This machine is a laptop-sized box: the verdicts must come from the cluster, not from it.
    OPENCLAW_LOCAL_DOCTOR_HARDWARE_FILE: path.join(dir, 'hw.json'),
  };
}

type Check = {id: string; status: string; message: string};
async function doctor(port: number): Promise<{code: number; checks: Check[]}> {
  const io = memoryIo({env: env(port)});
  const code = await main(['doctor', '--json', '--timeout-ms', '2000'], io);
  if (!io.out().trim()) throw new Error(`doctor printed nothing (exit ${code}): ${io.err()}`);
  return {code, checks: JSON.parse(io.out()).checks as Check[]};
}
const byId = (checks: Check[], id: string) => checks.filter((c) => c.id === id);

describe('doctor on an exo cluster', () => {
  it('two Mac Studios: passes; with one node gone the cluster check fails and names it', async () => {
    const f = await startExoFake(twoStudios());
    open.push(f);
    const setup = memoryIo({env: env(f.port)});
    expect(await main(['setup', '--stack', 'exo', '--yes', '--fallback', 'anthropic/claude-sonnet-4-5'], setup)).toBe(
      0,
    );

    const ok = await doctor(f.port);
    const failed = ok.checks.filter((c) => c.status === 'fail' || c.status === 'crashed');
    expect(failed, JSON.stringify(failed)).toEqual([]);
    expect(ok.code).toBe(0);
    expect(byId(ok.checks, 'cluster.nodes')[0]).toMatchObject({status: 'pass'});
    expect(byId(ok.checks, 'cluster.nodes')[0].message).toContain('all 2 machines recorded at setup are there');
    expect(byId(ok.checks, 'cluster.placement')[0].message).toContain(
      `${MINIMAX_8BIT.id} on Studio A layers 0–30 + Studio B layers 31–60`,
    );
    expect(byId(ok.checks, 'cluster.memory')[0].status).toBe('pass');
    expect(byId(ok.checks, 'cluster.failover')[0]).toMatchObject({status: 'pass'});
    // The tier and fit come from the cluster, not from this 24 GB machine.
    expect(byId(ok.checks, 'hardware.tier')[0].message).toContain("on the exo cluster's 2 machines");
    expect(byId(ok.checks, 'hardware.fit')[0].status).toBe('pass');
    expect(byId(ok.checks, 'model.loaded')[0].status).toBe('pass');
    expect(byId(ok.checks, 'context.fits')[0].status).toBe('pass');

    f.dropNode('12D3KooWStudioB');
    const gone = await doctor(f.port);
    expect(gone.code).toBe(1);
    const nodes = byId(gone.checks, 'cluster.nodes')[0];
    expect(nodes.status).toBe('fail');
    expect(nodes.message).toContain('Studio B');
    expect(nodes.message).toContain('is missing');
    expect(byId(gone.checks, 'cluster.placement')[0]).toMatchObject({status: 'fail'});
  });

  it('a node swapping under the model fails cluster.memory; no hosted fallback: advice, never a config fix', async () => {
    const opts = twoStudios();
    opts.nodes[1].swapUsedGiB = 6;
    const f = await startExoFake(opts);
    open.push(f);
    expect(await main(['setup', '--stack', 'exo', '--yes'], memoryIo({env: env(f.port)}))).toBe(0);
    const r = await doctor(f.port);
    const mem = byId(r.checks, 'cluster.memory')[0];
    expect(mem.status).toBe('fail');
    expect(mem.message).toContain('Studio B 6.4 GB of swap in use');
    const fo = byId(r.checks, 'cluster.failover')[0] as Check & {fix?: {kind: string; command?: string}};
    expect(fo.status).toBe('warn');
    expect(fo.fix).toMatchObject({kind: 'command'});
    expect(fo.fix?.command).toContain('--fallback anthropic/claude-sonnet-4-5');
    // Loopback baseUrl with the gateway here: reachable.
    expect(byId(r.checks, 'cluster.reachable')[0].status).toBe('pass');
  });

  it('loopback baseUrl while the gateway runs on another host (gateway.mode remote): cluster.reachable fails', async () => {
    const f = await startExoFake(twoStudios());
    open.push(f);
    expect(await main(['setup', '--stack', 'exo', '--yes'], memoryIo({env: env(f.port)}))).toBe(0);
    const cfg = path.join(dir, 'openclaw.json');
    const text = await readFile(cfg, 'utf8');
    await writeFile(
      cfg,
      text.replace(
        'gateway: { mode: "local" }',
        'gateway: { mode: "remote", remote: { url: "ws://studio-a.local:18789" } }',
      ),
    );
    const r = await doctor(f.port);
    const reach = byId(r.checks, 'cluster.reachable')[0];
    expect(reach.status).toBe('fail');
    expect(reach.message).toContain('gateway.mode "remote" at ws://studio-a.local:18789');
  });

  it('the whole cluster down: server.reachable fails; hardware.fit does not judge the model on this machine', async () => {
    const f = await startExoFake(twoStudios());
    expect(await main(['setup', '--stack', 'exo', '--yes'], memoryIo({env: env(f.port)}))).toBe(0);
    await f.close();
    const r = await doctor(f.port);
    expect(byId(r.checks, 'server.reachable')[0].status).toBe('fail');
    expect(byId(r.checks, 'hardware.fit')[0]).toMatchObject({status: 'skip'});
    expect(byId(r.checks, 'hardware.fit')[0].message).toContain('exo cluster that did not answer');
  });

  it('a downloaded model that is not placed: cluster.placement fails; model.loaded offers the place_instance command', async () => {
    const f = await startExoFake(twoStudios());
    open.push(f);
    const id = 'mlx-community/Qwen3-0.6B-4bit';
    await writeFile(
      path.join(dir, 'openclaw.json'),
      `{gateway: {mode: "local"}, models: {mode: "merge", providers: {exo: {baseUrl: "${f.v1}", apiKey: "exo-local", api: "openai-completions",
        models: [{id: "${id}", name: "q", contextWindow: 32768, maxTokens: 4096}]}}},
        agents: {defaults: {model: {primary: "exo/${id}", fallbacks: ["anthropic/claude-sonnet-4-5"]}}}}`,
    );
    const r = await doctor(f.port);
    expect(byId(r.checks, 'cluster.placement')[0]).toMatchObject({status: 'fail'});
    expect(byId(r.checks, 'cluster.placement')[0].message).toContain(`No instance found for model ${id}`);
    const loaded = byId(r.checks, 'model.loaded')[0] as Check & {
      fix?: {command?: string};
      alternatives?: {command?: string}[];
    };
    expect(loaded.status).not.toBe('pass');
    const commands = [loaded.fix?.command, ...(loaded.alternatives ?? []).map((a) => a.command)].join('\n');
    expect(commands).toContain(`${f.origin}/place_instance`);
  });

  it('no exo provider: the cluster checks skip', async () => {
    const f = await startExoFake(twoStudios());
    open.push(f);
    const r = await doctor(f.port);
    expect(byId(r.checks, 'cluster.nodes')[0].status).toBe('skip');
  });
});
