/**
 * The doctor never advises loading a context this machine cannot hold: `lms load … --context-length 196608`
 * was printed for MiniMax M2.1 on a machine that hardware.fit says cannot hold the model at all.
 */
import {describe, expect, it} from 'vitest';
import {lmstudioConfig, makeCtx, report} from './helpers.js';
import {runDoctor} from '../../src/doctor/index.js';
import type {CheckResult, DoctorContext} from '../../src/doctor/types.js';
import type {HardwareProfile} from '../../src/core/types/hardware.js';
import {nvidiaProfile} from '../support/profiles.js';

const LM = 'http://127.0.0.1:1234/v1';

function mac(usableGB: number): HardwareProfile {
  return {
    schemaVersion: 1,
    platform: 'darwin',
    arch: 'arm64',
    ramTotalGB: usableGB / 0.75,
    accelerators: [
      {
        kind: 'apple',
        name: 'Apple M3 Ultra',
        memoryGB: usableGB / 0.75,
        memorySource: 'user',
        bandwidthGBps: 819,
        count: 1,
        unified: true,
      },
    ],
    usableAcceleratorMemoryGB: usableGB,
    usableSource: 'user',
    nodes: 1,
    notes: [],
  };
}

function minimaxNotLoaded(profile: HardwareProfile, loadedContext?: number): DoctorContext {
  const cfg = lmstudioConfig(LM, {id: 'minimax-m2.1-gs32', contextWindow: 196_608});
  (cfg as any).agents.defaults.model.primary = 'lmstudio/minimax-m2.1-gs32';
  const served = loadedContext
    ? {id: 'minimax-m2.1-gs32', state: 'loaded' as const, loadedContext, maxContext: 196_608}
    : {id: 'minimax-m2.1-gs32', state: 'not-loaded' as const, maxContext: 196_608};
  return makeCtx(cfg, {[LM]: report('lmstudio', LM, [served])}, {}, {hardware: async () => profile});
}

async function run(ctx: DoctorContext, only: string[]): Promise<CheckResult[]> {
  ctx.options.only = only;
  return (await runDoctor(ctx)).checks;
}

const commands = (rs: CheckResult[]): string[] =>
  rs
    .flatMap((r) => [r.fix?.command, ...(r.alternatives ?? []).map((a) => a.command)])
    .filter((c): c is string => Boolean(c));

describe('load commands are capped at the context that fits', () => {
  it('a machine that cannot hold the model gets no lms load command at all', async () => {
    const rs = await run(minimaxNotLoaded(mac(96)), ['model.loaded', 'hardware.fit']);
    const fit = rs.find((r) => r.id === 'hardware.fit')!;
    expect(fit.evidence?.verdict).toBe('does-not-fit');
    const loaded = rs.find((r) => r.id === 'model.loaded')!;
    expect(loaded.status).toBe('warn');
    expect(commands([loaded]).filter((c) => c.startsWith('lms load'))).toEqual([]);
    expect(loaded.message).toMatch(/does not fit in this machine's accelerator memory at all \(see hardware\.fit\)/);
  });

  it('a machine that holds part of the window is told to load that much, not 196,608', async () => {
    // 192 GB usable: MLX 4-bit gs32 (143 GB) + overhead leaves room for ~90K tokens of f16 KV.
    const rs = await run(minimaxNotLoaded(mac(192)), ['model.loaded', 'hardware.fit']);
    const fit = rs.find((r) => r.id === 'hardware.fit')!;
    const holds = fit.evidence!.maxContextThatFits as number;
    expect(holds).toBeGreaterThan(16_384);
    expect(holds).toBeLessThan(196_608);
    const cmd = commands(rs.filter((r) => r.id === 'model.loaded')).find((c) => c.startsWith('lms load'));
    expect(cmd).toBe(`lms load minimax-m2.1-gs32 --context-length ${holds}`);
  });

  it('a machine that holds it all keeps the full command', async () => {
    const rs = await run(minimaxNotLoaded(mac(384)), ['model.loaded']);
    expect(commands(rs)).toContain(`lms load minimax-m2.1-gs32 --context-length 196608`);
  });

  it('"give the server more context" is offered only when this machine holds it', async () => {
    const small = await run(minimaxNotLoaded(mac(192), 32_768), ['context.fits']);
    expect(commands(small).some((c) => /--context-length 196608/.test(c))).toBe(false);
    const big = await run(minimaxNotLoaded(mac(384), 32_768), ['context.fits']);
    expect(commands(big).some((c) => /--context-length 196608/.test(c))).toBe(true);
  });
});

describe('discrete GPU with system RAM to spill into', () => {
  it('keeps the load command when the model fits with part of it in system RAM (slow, but it loads)', async () => {
    const gpu: HardwareProfile = nvidiaProfile({
      memoryGB: 24,
      usableGB: 23,
      bandwidthGBps: 1008,
      ramTotalGB: 256,
      ramAvailableGB: 240,
    });
    const rs = await run(minimaxNotLoaded(gpu), ['model.loaded', 'hardware.fit']);
    expect(rs.find((r) => r.id === 'hardware.fit')!.evidence?.verdict).toBe('offload');
    expect(commands(rs)).toContain('lms load minimax-m2.1-gs32 --context-length 196608');
    // With 64 GB of RAM it cannot hold the 143 GB build at all: no command.
    const small = await run(minimaxNotLoaded({...gpu, ramTotalGB: 64, ramAvailableGB: 60}), ['model.loaded']);
    expect(commands(small).filter((c) => c.startsWith('lms load'))).toEqual([]);
  });
});
