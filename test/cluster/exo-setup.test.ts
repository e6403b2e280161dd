import {mkdtemp, readFile, rm, writeFile} from 'node:fs/promises';
import {existsSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSON5 from 'json5';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {memoryIo} from '../../src/cli/io.js';
import {main} from '../../src/cli/main.js';
import {planStack} from '../../src/core/stacks.js';
import {MINIMAX_8BIT, startExoFake, studio, twoStudios, type ExoFake} from '../fakes/exo.js';
import {startFake} from '../fakes/index.js';

const open: ExoFake[] = [];
let dir: string;
let cfg: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'ocld-exo-setup-'));
  cfg = path.join(dir, 'openclaw.json');
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((f) => f.close()));
  await rm(dir, {recursive: true, force: true});
});
async function exo(opts: Parameters<typeof startExoFake>[0]): Promise<ExoFake> {
  const f = await startExoFake(opts);
  open.push(f);
  return f;
}
function env(port: number): NodeJS.ProcessEnv {
  return {HOME: dir, USERPROFILE: dir, OPENCLAW_CONFIG_PATH: cfg, OPENCLAW_LOCAL_DOCTOR_PORTS: String(port)};
}
const places = (f: ExoFake) => f.requests.filter((r) => r.path === '/place_instance');

describe('setup --stack exo', () => {
  it('pure plan: provider exo at :52415/v1 over Chat Completions', () => {
    const plan = planStack('exo', undefined, {model: MINIMAX_8BIT.id, contextWindow: 196608});
    expect(plan.modelRef).toBe('exo/mlx-community/MiniMax-M2.1-8bit');
    const op = plan.ops.find((o) => JSON.stringify(o.path) === JSON.stringify(['models', 'providers', 'exo']));
    expect(op).toMatchObject({
      value: {baseUrl: 'http://127.0.0.1:52415/v1', api: 'openai-completions', apiKey: 'exo-local'},
    });
  });

  it('a model already placed on the two-node cluster: writes the provider, records both nodes, places nothing', async () => {
    const f = await exo(twoStudios());
    const io = memoryIo({env: env(f.port)});
    expect(await main(['setup', '--stack', 'exo', '--yes', '--json'], io)).toBe(0);
    const doc = JSON.parse(io.out());
    expect(doc.written).toBe(true);
    expect(doc.primary).toBe(`exo/${MINIMAX_8BIT.id}`);
    expect(doc.exo).toMatchObject({placed: false, placedOn: [{name: 'Studio A'}, {name: 'Studio B'}]});
    const written = JSON5.parse(await readFile(cfg, 'utf8'));
    expect(written.models.providers.exo).toMatchObject({
      baseUrl: `${f.origin}/v1`,
      api: 'openai-completions',
      models: [{id: MINIMAX_8BIT.id, contextWindow: 196608, maxTokens: 8192}],
    });
    const note = JSON.parse(await readFile(path.join(dir, 'openclaw-local-doctor.exo.json'), 'utf8'));
    expect(note.providers.exo.nodes.map((n: {name: string}) => n.name)).toEqual(['Studio A', 'Studio B']);
    expect(places(f)).toHaveLength(0);
    expect(io.err()).toContain('contextWindow 196,608');
  });

  it('not placed yet, with --yes: places it, waits for it, then writes', async () => {
    const f = await exo(twoStudios({instances: [], placeDelayMs: 300}));
    const io = memoryIo({env: env(f.port)});
    expect(await main(['setup', '--stack', 'exo', '--model', MINIMAX_8BIT.id, '--yes'], io)).toBe(0);
    expect(places(f)).toHaveLength(1);
    expect(JSON.parse(places(f)[0].body)).toEqual({model_id: MINIMAX_8BIT.id});
    expect(f.requests.some((r) => r.path.startsWith('/instance/await?model_id='))).toBe(true);
    expect(io.err()).toContain('exo would place it on Studio A 100%');
    expect(io.err()).toContain(`Placed ${MINIMAX_8BIT.id}.`);
    expect(existsSync(cfg)).toBe(true);
  });

  it('not placed, off a terminal without --yes: places nothing, writes nothing (exit 1); --dry-run says what it would place', async () => {
    const f = await exo(twoStudios({instances: []}));
    const io = memoryIo({env: env(f.port)});
    expect(await main(['setup', '--stack', 'exo', '--model', MINIMAX_8BIT.id], io)).toBe(1);
    expect(io.err()).toContain('Not placed');
    expect(places(f)).toHaveLength(0);
    expect(existsSync(cfg)).toBe(false);
    const dry = memoryIo({env: env(f.port)});
    expect(await main(['setup', '--stack', 'exo', '--model', MINIMAX_8BIT.id, '--dry-run', '--json'], dry)).toBe(0);
    expect(JSON.parse(dry.out()).exo.wouldPlace).toBe(true);
    expect(places(f)).toHaveLength(0);
    expect(existsSync(cfg)).toBe(false);
  });

  it("a placement that does not fit: exo's reason, exit 1, nothing written", async () => {
    const f = await exo({
      nodes: [
        {...studio('a', 'Mini A', '10.0.0.1'), ramGiB: 64},
        {...studio('b', 'Mini B', '10.0.0.2'), ramGiB: 64},
      ],
    });
    const io = memoryIo({env: env(f.port)});
    expect(await main(['setup', '--stack', 'exo', '--model', MINIMAX_8BIT.id, '--yes'], io)).toBe(1);
    expect(io.err()).toContain('No cycles found with sufficient memory');
    expect(existsSync(cfg)).toBe(false);
  });

  it('placement that never becomes ready: bounded by --wait-s, nothing written', async () => {
    const f = await exo(twoStudios({instances: [], placeDelayMs: 60_000}));
    const io = memoryIo({env: env(f.port)});
    expect(await main(['setup', '--stack', 'exo', '--model', MINIMAX_8BIT.id, '--yes', '--wait-s', '1'], io)).toBe(1);
    expect(io.err()).toContain('was not ready after 1 s');
    expect(existsSync(cfg)).toBe(false);
  });

  it('--base-url without /v1 (another Mac): the written baseUrl gets the /v1 exo serves its API under', async () => {
    const f = await exo(twoStudios());
    const io = memoryIo({env: {...env(f.port), OPENCLAW_LOCAL_DOCTOR_PORTS: ''}});
    expect(await main(['setup', '--stack', 'exo', '--base-url', f.origin, '--yes'], io)).toBe(0);
    const written = JSON5.parse(await readFile(cfg, 'utf8'));
    expect(written.models.providers.exo.baseUrl).toBe(`${f.origin}/v1`);
    // A server that is not exo is refused by what it answers.
    const v = await startFake('vllm');
    try {
      const bad = memoryIo({env: env(v.port)});
      expect(await main(['setup', '--stack', 'exo', '--base-url', v.v1, '--model', 'x', '--yes'], bad)).toBe(1);
      expect(bad.err()).toContain('is vLLM, not exo');
    } finally {
      await v.close();
    }
  });

  it('no exo anywhere: one line, exit 1', async () => {
    const io = memoryIo({env: {...env(1), OPENCLAW_LOCAL_DOCTOR_PORTS: ''}});
    await writeFile(cfg, '{}\n');
    expect(await main(['setup', '--stack', 'exo', '--yes'], io)).toBe(1);
    expect(io.err()).toContain('no exo cluster answers');
  });
});
