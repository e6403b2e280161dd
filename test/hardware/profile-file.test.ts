import {describe, expect, it} from 'vitest';
import {writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {detectWith, hardwareFileDetector, profileFromJson} from '../../src/hardware/index.js';
import {evaluateHardware} from '../../src/core/hardware.js';
import {fixtureSources, loadFixture} from './fixture-sources.js';
import {tempDir} from '../support/temp.js';

describe('profileFromJson: the short form', () => {
  it('Mac Studio M3 Ultra 512 GB: default 75% GPU share, full-size; 2 nodes aim high', () => {
    const p = profileFromJson({platform: 'darwin', ramGB: 512, chip: 'Apple M3 Ultra'});
    expect(p.accelerators).toEqual([
      expect.objectContaining({kind: 'apple', unified: true, bandwidthGBps: 819, memorySource: 'user'}),
    ]);
    expect(p.usableSource).toBe('estimated');
    expect(p.usableAcceleratorMemoryGB).toBeCloseTo(512 * 1.073741824 * 0.75, 1);
    expect(evaluateHardware(p).tier.id).toBe('full-size');
    expect(
      evaluateHardware(profileFromJson({platform: 'darwin', ramGB: 512, chip: 'Apple M3 Ultra', nodes: 2})).tier.id,
    ).toBe('aim-high');
  });

  it('the short form of a machine gives the same verdict as its live detection', async () => {
    const pairs: [string, unknown][] = [
      ['mac-studio-m3-ultra-512', {platform: 'darwin', ramGB: 512, chip: 'Apple M3 Ultra'}],
      ['mac-m1-16', {platform: 'darwin', ramGB: 16, chip: 'Apple M1'}],
      [
        'linux-2x3090',
        {platform: 'linux', ramGB: 256, gpus: [{name: 'NVIDIA GeForce RTX 3090', vramGB: 24, count: 2}]},
      ],
      ['dgx-spark-gb10', {platform: 'linux', ramGB: 119, gpus: [{name: 'NVIDIA GB10'}]}],
    ];
    for (const [fixture, short] of pairs) {
      const live = await detectWith(fixtureSources(loadFixture(fixture)));
      const file = profileFromJson(short);
      expect(evaluateHardware(file).tier.id, fixture).toBe(evaluateHardware(live).tier.id);
      expect(
        Math.abs(file.usableAcceleratorMemoryGB - live.usableAcceleratorMemoryGB) / live.usableAcceleratorMemoryGB,
        fixture,
      ).toBeLessThan(0.01);
    }
  });

  it('GPUs: counts, names and bandwidth; a GPU without vramGB is not counted', () => {
    const p = profileFromJson({
      platform: 'linux',
      ramGB: 128,
      gpus: [{name: 'NVIDIA GeForce RTX 4090', vramGB: 24, count: 2}, {name: 'Mystery Accelerator'}],
    });
    expect(p.accelerators[0]).toMatchObject({kind: 'nvidia', count: 2, bandwidthGBps: 1008, memorySource: 'user'});
    expect(p.accelerators[1]).toMatchObject({memorySource: 'unknown'});
    expect(p.usableAcceleratorMemoryGB).toBeCloseTo(2 * (24 * 1.073741824 - 1.073741824), 1);
    expect(p.notes.join(' ')).toMatch(/Mystery Accelerator: no vramGB given/);
  });

  it('"usableGB" overrides the estimate (a raised Mac GPU limit)', () => {
    const p = profileFromJson({platform: 'darwin', ramGB: 512, chip: 'Apple M3 Ultra', usableGB: 480});
    expect(p.usableAcceleratorMemoryGB).toBe(480);
    expect(p.usableSource).toBe('user');
  });

  it('DGX Spark given as the chip ("NVIDIA GB10") counts like the GPU form: unified, RAM − 16 GB', () => {
    const asChip = profileFromJson({platform: 'linux', ramGB: 128, chip: 'NVIDIA GB10'});
    const asGpu = profileFromJson({platform: 'linux', ramGB: 128, gpus: [{name: 'NVIDIA GB10'}]});
    expect(asChip.accelerators[0]).toMatchObject({kind: 'unified-nvidia', unified: true, bandwidthGBps: 273});
    expect(asChip.usableAcceleratorMemoryGB).toBe(asGpu.usableAcceleratorMemoryGB);
    expect(asChip.usableAcceleratorMemoryGB).toBeCloseTo(128 * 1.073741824 - 16, 1);
  });

  it('Strix Halo by chip name counts RAM − 16 GB', () => {
    const p = profileFromJson({platform: 'linux', ramGB: 128, chip: 'AMD Ryzen AI Max+ 395'});
    expect(p.accelerators[0]).toMatchObject({kind: 'amd-apu', unified: true, bandwidthGBps: 256});
    expect(p.usableAcceleratorMemoryGB).toBeCloseTo(128 * 1.073741824 - 16, 1);
  });
});

describe('profileFromJson: where the usable figure comes from', () => {
  const RIG = {platform: 'linux', ramGB: 128, gpus: [{name: 'NVIDIA GeForce RTX 4090', vramGB: 24, count: 2}]};

  it('summed from the cards minus a reserve each: a note says how it was worked out', () => {
    const p = profileFromJson(RIG);
    expect(p.usableSource).toBe('estimated');
    expect(p.notes.join(' ')).toMatch(/Usable accelerator memory: the cards' memory added up, less 1\.07 GB per card/);
  });

  it('"usableGB" given in the file stays "user", with no computed-sum note', () => {
    const p = profileFromJson({...RIG, usableGB: 40});
    expect(p.usableSource).toBe('user');
    expect(p.usableAcceleratorMemoryGB).toBe(40);
    expect(p.notes.join(' ')).not.toMatch(/added up/);
  });

  it('cards with no size give an unknown figure, not a given 0', () => {
    const p = profileFromJson({platform: 'linux', ramGB: 64, gpus: [{name: 'Mystery Accelerator'}]});
    expect(p.usableAcceleratorMemoryGB).toBe(0);
    expect(p.usableSource).toBe('unknown');
  });

  it('a sized card next to an unsized one is counted, not unknown', () => {
    const p = profileFromJson({
      platform: 'linux',
      ramGB: 64,
      gpus: [{name: 'Mystery Accelerator'}, {name: 'NVIDIA GeForce RTX 3090', vramGB: 24}],
    });
    expect(p.usableSource).toBe('estimated');
    expect(p.usableAcceleratorMemoryGB).toBeGreaterThan(20);
  });
});

describe('profileFromJson: a saved full profile', () => {
  it('round-trips what detection produced, marked as read from a file', async () => {
    const live = await detectWith(fixtureSources(loadFixture('linux-8xh100')));
    const back = profileFromJson(JSON.parse(JSON.stringify(live)));
    expect({...back, detection: undefined}).toEqual({...live, detection: undefined});
    expect(back.detection?.mode).toBe('file');
  });
});

describe('profileFromJson: bad input gets one clear line', () => {
  const cases: [unknown, RegExp][] = [
    [null, /must be a JSON object/],
    [[1, 2], /must be a JSON object/],
    ['darwin', /must be a JSON object/],
    [{platform: 'darwin'}, /^hardware profile: ramGB: /],
    [{platform: 'beos', ramGB: 8}, /^hardware profile: platform: /],
    [{platform: 'linux', ramGB: '64'}, /^hardware profile: ramGB: .*number/],
    [{platform: 'linux', ramGB: 64, gpus: [{name: 'RTX 4090', vramGB: -1}]}, /^hardware profile: gpus\[0\]\.vramGB: /],
    [
      {platform: 'linux', ramGB: 64, gpus: [{name: 'RTX 4090', vram: 24}]},
      /^hardware profile: gpus\[0\]: unknown key "vram"/,
    ],
    [{platform: 'linux', ramGB: 64, ram: 12}, /unknown key "ram"/],
    [{schemaVersion: 1, platform: 'linux', accelerators: 'none'}, /^hardware profile: /],
    [{schemaVersion: 2, platform: 'linux'}, /^hardware profile: schemaVersion: /],
    // A hand-written full form without schemaVersion: the message points at the short form.
    [
      {
        platform: 'darwin',
        arch: 'arm64',
        ramTotalGB: 192,
        accelerators: [{kind: 'apple', name: 'Apple M2 Ultra', memoryGB: 192, unified: true, count: 1}],
      },
      /^hardware profile: schemaVersion: .*by hand, write the short form: \{"platform": "darwin", "ramGB": 192/,
    ],
    // Absurd sizes would print "Infinity GB" or a 24-billion-GB tier: refused like wrong types.
    [{platform: 'linux', ramGB: 1e308}, /^hardware profile: ramGB: Too big/],
    [
      {platform: 'linux', ramGB: 64, gpus: [{name: 'RTX 4090', vramGB: 1e308}]},
      /^hardware profile: gpus\[0\]\.vramGB: Too big/,
    ],
    [
      {platform: 'linux', ramGB: 64, gpus: [{name: 'RTX 4090', vramGB: 24, count: 1e9}]},
      /^hardware profile: gpus\[0\]\.count: Too big/,
    ],
    [{platform: 'linux', ramGB: 64, nodes: 1e6}, /^hardware profile: nodes: Too big/],
    [{platform: 'linux', ramGB: 64, usableGB: 1e300}, /^hardware profile: usableGB: Too big/],
    [
      {
        schemaVersion: 1,
        platform: 'linux',
        ramTotalGB: 1e308,
        accelerators: [],
        usableAcceleratorMemoryGB: 0,
        usableSource: 'unknown',
        nodes: 1,
        notes: [],
      },
      /^hardware profile: ramTotalGB: Too big/,
    ],
    [
      {
        schemaVersion: 1,
        platform: 'linux',
        ramTotalGB: 64,
        accelerators: [],
        usableAcceleratorMemoryGB: 0,
        usableSource: 'unknown',
        nodes: 100000,
        notes: [],
      },
      /^hardware profile: nodes: Too big/,
    ],
  ];
  for (const [input, re] of cases) {
    it(JSON.stringify(input), () => {
      let message = '';
      try {
        profileFromJson(input);
      } catch (err) {
        message = (err as Error).message;
      }
      expect(message).toMatch(re);
      expect(message).not.toContain('\n');
    });
  }
});

describe('hardwareFileDetector (OPENCLAW_LOCAL_DOCTOR_HARDWARE_FILE)', () => {
  it('reads the same JSON5 the hardware command reads, and stops at the size cap', async () => {
    const dir = tempDir('hwfile-');
    const file = join(dir, 'hw.json5');
    writeFileSync(file, '// my planned rig\n{platform: "linux", ramGB: 64, gpus: [{name: "RTX 4090", vramGB: 24}]}\n');
    const profile = await hardwareFileDetector({OPENCLAW_LOCAL_DOCTOR_HARDWARE_FILE: file})!.detect();
    expect(profile.accelerators[0].name).toBe('RTX 4090');
    expect(() => hardwareFileDetector({OPENCLAW_LOCAL_DOCTOR_HARDWARE_FILE: '/dev/zero'})).toThrow(
      /OPENCLAW_LOCAL_DOCTOR_HARDWARE_FILE=\/dev\/zero: .*larger than 1 MB/,
    );
  });
});
