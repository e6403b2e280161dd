import {describe, expect, it} from 'vitest';
import {detectWith, NVIDIA_SMI_ARGS, type HardwareProfile} from '../../src/hardware/index.js';
import {evaluateHardware, type FitVerdict, type TierId} from '../../src/core/hardware.js';
import {fixtureNames, fixtureSources, loadFixture} from './fixture-sources.js';

interface Expectation {
  tier: TierId;
  /** Usable accelerator memory (GB) expected from the recorded numbers, ±1%. */
  usableGB: number;
  usableSource: HardwareProfile['usableSource'];
  accelerators: {name: RegExp; count: number; memorySource: string; memoryGB?: number}[];
  notes?: RegExp[];
  fit?: {model: string; context: number; verdict: FitVerdict};
}

const GIB = 1.073741824; // GB per GiB

// Usable figures worked out by hand from each fixture's raw numbers.
const EXPECTED: Record<string, Expectation> = {
  'mac-studio-m3-ultra-512': {
    tier: 'full-size',
    usableGB: 512 * GIB * 0.75,
    usableSource: 'estimated',
    accelerators: [
      {name: /^Apple M3 Ultra \(80-core GPU\)$/, count: 1, memorySource: 'systeminformation', memoryGB: 512 * GIB},
    ],
    notes: [/default 75% of RAM/],
    fit: {model: 'lmstudio/minimax-m2.1-gs32', context: 196_608, verdict: 'fits'},
  },
  'mac-studio-m3-ultra-512-raised': {
    tier: 'full-size',
    usableGB: (480_000 * 1048576) / 1e9,
    usableSource: 'sysctl',
    accelerators: [{name: /^Apple M3 Ultra/, count: 1, memorySource: 'systeminformation'}],
    notes: [/iogpu\.wired_limit_mb=480000/],
    fit: {model: 'mlx-community/MiniMax-M2.1-8bit', context: 196_608, verdict: 'fits'},
  },
  'mac-m2-max-96': {
    tier: 'mid',
    usableGB: 96 * GIB * 0.75,
    usableSource: 'estimated',
    accelerators: [{name: /^Apple M2 Max \(38-core GPU\)$/, count: 1, memorySource: 'systeminformation'}],
    // Unified memory: nothing to offload into, so MiniMax at 4-bit simply does not fit.
    fit: {model: 'minimax-m2.1-gs32', context: 196_608, verdict: 'does-not-fit'},
  },
  'mac-m1-16': {
    tier: 'hosted-only',
    usableGB: (16 * GIB * 2) / 3,
    usableSource: 'estimated',
    accelerators: [{name: /^Apple M1 \(8-core GPU\)$/, count: 1, memorySource: 'systeminformation'}],
    notes: [/default 2\/3 of RAM \(sysctl iogpu\.wired_limit_mb could not be read\)/],
    fit: {model: 'gpt-oss:20b', context: 32_768, verdict: 'does-not-fit'},
  },
  'linux-rtx4090': {
    tier: 'light',
    usableGB: (24564 * 1048576) / 1e9 - GIB,
    usableSource: 'nvidia-smi',
    accelerators: [
      {name: /^NVIDIA GeForce RTX 4090$/, count: 1, memorySource: 'nvidia-smi', memoryGB: (24564 * 1048576) / 1e9},
    ],
    fit: {model: 'openai/gpt-oss-20b', context: 65_536, verdict: 'fits'},
  },
  'linux-2x3090': {
    tier: 'mid',
    usableGB: 2 * ((24576 * 1048576) / 1e9 - GIB),
    usableSource: 'nvidia-smi',
    accelerators: [{name: /^NVIDIA GeForce RTX 3090$/, count: 2, memorySource: 'nvidia-smi'}],
    notes: [/2 GPUs added together: a layer split/],
    // 256 GB of RAM: MiniMax 4-bit runs only with layers in system RAM.
    fit: {model: 'minimax-m2.1-gs32', context: 65_536, verdict: 'offload'},
  },
  'linux-8xh100': {
    tier: 'aim-high',
    usableGB: 8 * ((81559 * 1048576) / 1e9 - GIB),
    usableSource: 'nvidia-smi',
    accelerators: [{name: /^NVIDIA H100 80GB HBM3$/, count: 8, memorySource: 'nvidia-smi'}],
    fit: {model: 'MiniMaxAI/MiniMax-M2.1', context: 196_608, verdict: 'fits'},
  },
  'win-rtx3060-capped': {
    tier: 'hosted-only',
    usableGB: (12288 * 1048576) / 1e9 - GIB,
    usableSource: 'nvidia-smi',
    accelerators: [
      {name: /^NVIDIA GeForce RTX 3060$/, count: 1, memorySource: 'nvidia-smi'},
      {name: /UHD Graphics 770/, count: 1, memorySource: 'unknown'},
    ],
    notes: [/integrated GPU sharing system memory/],
    // 13.8 GB of weights alone exceed 90% of 11.8 GB; 32 GB of RAM take the rest.
    fit: {model: 'gpt-oss:20b', context: 8_192, verdict: 'offload'},
  },
  'win-rtx3060-capped-no-smi': {
    tier: 'hosted-only',
    usableGB: 0,
    usableSource: 'unknown',
    accelerators: [
      {name: /^NVIDIA GeForce RTX 3060$/, count: 1, memorySource: 'unknown'},
      {name: /UHD Graphics 770/, count: 1, memorySource: 'unknown'},
    ],
    notes: [/4095 MB, the 32-bit AdapterRAM cap.*real VRAM unknown/],
  },
  'wsl2-rtx4090': {
    tier: 'light',
    usableGB: (24564 * 1048576) / 1e9 - GIB,
    usableSource: 'nvidia-smi',
    accelerators: [{name: /^NVIDIA GeForce RTX 4090$/, count: 1, memorySource: 'nvidia-smi'}],
    notes: [/WSL2: the GPU is seen through nvidia-smi/],
    fit: {model: 'qwen3-coder:30b', context: 262_144, verdict: 'offload'},
  },
  'container-no-lspci': {
    tier: 'mid',
    usableGB: (97887 * 1048576) / 1e9 - GIB,
    usableSource: 'nvidia-smi',
    accelerators: [{name: /^NVIDIA RTX PRO 6000 Blackwell/, count: 1, memorySource: 'nvidia-smi'}],
    fit: {model: 'gpt-oss:120b', context: 131_072, verdict: 'fits'},
  },
  'amd-rx7900xtx-sysfs': {
    tier: 'light',
    usableGB: 25753026560 / 1e9 - GIB,
    usableSource: 'sysfs',
    accelerators: [
      {name: /^AMD Radeon RX 7900 XT\/7900 XTX \(Navi 31\)$/, count: 1, memorySource: 'sysfs', memoryGB: 25.75},
    ],
    fit: {model: 'qwen/qwen3-coder-30b', context: 8_192, verdict: 'fits'},
  },
  'dgx-spark-gb10': {
    tier: 'mid',
    usableGB: 127_543_394_304 / 1e9 - 16,
    usableSource: 'estimated',
    accelerators: [{name: /^NVIDIA GB10$/, count: 1, memorySource: 'systeminformation'}],
    notes: [/GB10 shares system memory/],
    fit: {model: 'gpt-oss-120b', context: 131_072, verdict: 'fits'},
  },
  'strix-halo-apu': {
    tier: 'mid',
    usableGB: (536870912 + 68451041280) / 1e9,
    usableSource: 'sysfs',
    accelerators: [{name: /Strix Halo/, count: 1, memorySource: 'sysfs'}],
    notes: [/raising the GTT limit/],
    fit: {model: 'unsloth/Qwen3-Coder-30B-A3B-Instruct-GGUF:Q8_0', context: 65_536, verdict: 'fits'},
  },
  'no-gpu': {
    tier: 'hosted-only',
    usableGB: 0,
    usableSource: 'unknown',
    accelerators: [],
    notes: [/No GPU found/],
    fit: {model: 'devstral', context: 32_768, verdict: 'offload'},
  },
  'si-hung-nvidia-ok': {
    tier: 'light',
    usableGB: (24564 * 1048576) / 1e9 - GIB,
    usableSource: 'nvidia-smi',
    accelerators: [{name: /^NVIDIA GeForce RTX 4090$/, count: 1, memorySource: 'nvidia-smi'}],
    notes: [/systeminformation probe killed after/],
  },
};

describe('detection from recorded systeminformation / nvidia-smi / sysfs output', () => {
  it('has an expectation for every fixture and a fixture for every expectation', () => {
    expect(fixtureNames()).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const name of Object.keys(EXPECTED)) {
    const exp = EXPECTED[name];
    it(`${name}: ${exp.tier}, ${exp.usableGB.toFixed(1)} GB usable (${exp.usableSource})`, async () => {
      const fx = loadFixture(name);
      const sources = fixtureSources(fx);
      const profile = await detectWith(sources, {timeoutMs: 10_000});

      expect(profile.schemaVersion).toBe(1);
      expect(profile.platform).toBe(fx.os.platform);
      expect(profile.usableSource).toBe(exp.usableSource);
      if (exp.usableGB === 0) expect(profile.usableAcceleratorMemoryGB).toBe(0);
      else expect(Math.abs(profile.usableAcceleratorMemoryGB - exp.usableGB) / exp.usableGB).toBeLessThan(0.01);

      expect(profile.accelerators).toHaveLength(exp.accelerators.length);
      exp.accelerators.forEach((want, i) => {
        const got = profile.accelerators[i];
        expect(got.name).toMatch(want.name);
        expect(got.count).toBe(want.count);
        expect(got.memorySource).toBe(want.memorySource);
        if (want.memoryGB !== undefined) expect(got.memoryGB).toBeCloseTo(want.memoryGB, 1);
        if (want.memorySource === 'unknown') expect(got.memoryGB).toBeUndefined();
      });
      for (const re of exp.notes ?? [])
        expect(
          profile.notes.some((n) => re.test(n)),
          `note ${re} in ${JSON.stringify(profile.notes)}`,
        ).toBe(true);

      // The profile is plain JSON (it is what --json prints and --hardware reads back).
      expect(JSON.parse(JSON.stringify(profile))).toEqual(profile);
      // No serial numbers or hostnames leak from systeminformation into the profile.
      expect(JSON.stringify(profile)).not.toMatch(/fixture-serial|hostname|studio\.local/);

      const verdict = evaluateHardware(profile, exp.fit ? {model: exp.fit.model, context: exp.fit.context} : {});
      expect(verdict.tier.id).toBe(exp.tier);
      if (exp.fit) {
        expect(verdict.unknownModel).toBeUndefined();
        expect(verdict.fit?.verdict).toBe(exp.fit.verdict);
      }
    });
  }

  it('calls nvidia-smi directly with a bounded timeout, never on macOS', async () => {
    const linux = fixtureSources(loadFixture('container-no-lspci'));
    await detectWith(linux, {timeoutMs: 10_000});
    const smi = linux.calls.filter((c) => c.file === 'nvidia-smi');
    expect(smi).toHaveLength(1);
    expect(smi[0].args).toEqual(NVIDIA_SMI_ARGS);
    expect(smi[0].timeoutMs).toBeLessThanOrEqual(10_000);

    const mac = fixtureSources(loadFixture('mac-m2-max-96'));
    await detectWith(mac);
    expect(mac.calls.map((c) => c.file)).toEqual(['sysctl']);
  });

  it('on Windows falls back to System32\\nvidia-smi.exe when PATH has none', async () => {
    const win = fixtureSources(loadFixture('win-rtx3060-capped'));
    await detectWith(win);
    expect(win.calls.map((c) => c.file)).toEqual(['nvidia-smi', 'C:\\Windows\\System32\\nvidia-smi.exe']);
  });

  it('a hung probe is reported, and the rest of detection still works', async () => {
    const profile = await detectWith(fixtureSources(loadFixture('si-hung-nvidia-ok')), {timeoutMs: 1234});
    expect(profile.detection?.timedOut).toEqual(['systeminformation']);
    expect(profile.ramTotalGB).toBeCloseTo((64 * 1073741824) / 1e9, 1); // from node:os facts
  });

  it('a nvidia-smi that times out is named, not mistaken for "no GPU"', async () => {
    const fx = loadFixture('linux-rtx4090');
    fx.commands = {'nvidia-smi': {timeout: true}};
    const profile = await detectWith(fixtureSources(fx));
    expect(profile.detection?.timedOut).toEqual(['nvidia-smi']);
    expect(profile.notes.join('\n')).toMatch(/nvidia-smi did not answer within \d+ ms/);
    // systeminformation had merged nvidia-smi itself, so the card is still counted.
    expect(profile.accelerators[0]).toMatchObject({name: 'NVIDIA GeForce RTX 4090', memorySource: 'nvidia-smi'});
  });

  it('a nvidia-smi that hangs or fails does not make the report say "No GPU found"', async () => {
    for (const command of [
      {timeout: true},
      {code: 9, stdout: "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver.\n"},
    ]) {
      const fx = loadFixture('container-no-lspci');
      fx.commands = {'nvidia-smi': command};
      const notes = (await detectWith(fixtureSources(fx))).notes.join('\n');
      expect(notes).not.toMatch(/No GPU found/);
      expect(notes).not.toMatch(/with no GPU visible/);
      expect(notes).toMatch(
        /nvidia-smi is installed but listed no GPU: the NVIDIA driver may be broken or busy; GPU memory is unknown/,
      );
    }
    // "No devices were found" (a container started without --gpus) really is no GPU.
    const fx = loadFixture('container-no-lspci');
    fx.commands = {'nvidia-smi': {code: 6, stdout: 'No devices were found\n'}};
    const notes = (await detectWith(fixtureSources(fx))).notes.join('\n');
    expect(notes).toMatch(/with no GPU visible/);
    expect(notes).not.toMatch(/driver may be broken/);
  });

  it('a driver failure message from nvidia-smi ends up in the notes', async () => {
    const fx = loadFixture('container-no-lspci');
    fx.commands = {
      'nvidia-smi': {
        code: 9,
        stdout:
          "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver. Make sure that the latest NVIDIA driver is installed and running.\n",
      },
    };
    const profile = await detectWith(fixtureSources(fx));
    expect(profile.usableAcceleratorMemoryGB).toBe(0);
    expect(profile.notes.join('\n')).toMatch(
      /nvidia-smi failed: NVIDIA-SMI has failed because it couldn't communicate/,
    );
  });

  it('Linux NVIDIA without nvidia-smi: the lspci BAR size is never taken as VRAM', async () => {
    const fx = loadFixture('linux-rtx4090');
    fx.commands = {};
    const si = fx.si as {controllers: Record<string, unknown>[]}[];
    si[0].controllers = [
      {
        vendor: 'NVIDIA Corporation',
        model: 'AD102 [GeForce RTX 4090]',
        busAddress: '01:00.0',
        vram: 256,
        vramDynamic: false,
      },
    ];
    const profile = await detectWith(fixtureSources(fx));
    expect(profile.usableAcceleratorMemoryGB).toBe(0);
    expect(profile.accelerators[0]).toMatchObject({memorySource: 'unknown'});
    expect(profile.accelerators[0].memoryGB).toBeUndefined();
    expect(profile.notes.join('\n')).toMatch(/PCI BAR aperture \(256 MB\), not the VRAM/);
  });

  it('Windows AMD card: the registry size (qwMemorySize) is used when it is above the cap', async () => {
    const fx = loadFixture('win-rtx3060-capped-no-smi');
    const si = fx.si as {controllers: Record<string, unknown>[]}[];
    si[0].controllers = [
      {
        vendor: 'Advanced Micro Devices, Inc.',
        model: 'AMD Radeon RX 7900 XTX',
        bus: 'PCI',
        vram: 24560,
        vramDynamic: false,
      },
    ];
    const profile = await detectWith(fixtureSources(fx));
    expect(profile.accelerators[0]).toMatchObject({kind: 'amd', memorySource: 'windows-registry', bandwidthGBps: 960});
    expect(profile.usableSource).toBe('windows-registry');
    expect(profile.usableAcceleratorMemoryGB).toBeCloseTo((24560 * 1048576) / 1e9 - GIB, 1);
  });
});
