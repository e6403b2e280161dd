import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {existsSync, mkdtempSync, mkdirSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {cli as main} from '../support/run-cli.js';
import {memoryIo} from '../../src/cli/io.js';
import {setHardwareCommandDeps} from '../../src/commands/hardware.js';
import {detectorFrom} from '../../src/hardware/index.js';
import {fixtureSources, loadFixture} from './fixture-sources.js';

let dir: string;
let restore: (() => void) | undefined;

function useFixture(name: string): void {
  restore = setHardwareCommandDeps({detector: () => detectorFrom(fixtureSources(loadFixture(name)))});
}

function io(over: {tty?: boolean} = {}) {
  const m = memoryIo({cwd: dir, env: {HOME: dir}});
  if (over.tty) m.stdout.isTTY = true;
  return m;
}

async function runJson(args: string[]): Promise<{code: number; json: Record<string, any>; err: string}> {
  const m = io();
  const code = await main(['hardware', '--json', ...args], m);
  return {code, json: code === 0 ? JSON.parse(m.out()) : {}, err: m.err()};
}

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'hw-cmd-'));
});
afterEach(() => {
  restore?.();
  restore = undefined;
  rmSync(dir, {recursive: true, force: true});
});

describe('hardware with OPENCLAW_LOCAL_DOCTOR_HARDWARE_FILE', () => {
  it('evaluates the saved profile the env names, as the app and the doctor do', async () => {
    const file = path.join(dir, 'box.json');
    writeFileSync(file, JSON.stringify({platform: 'linux', ramGB: 64, gpus: [{name: 'RTX 4090', vramGB: 24}]}));
    const m = memoryIo({
      cwd: dir,
      env: {HOME: dir, OPENCLAW_LOCAL_DOCTOR_HARDWARE_FILE: file, OPENCLAW_LOCAL_DOCTOR_PORTS: ''},
    });
    const code = await main(['hardware', '--json', '--model', 'qwen3-coder-30b'], m);
    expect(code, m.err()).toBe(0);
    const json = JSON.parse(m.out());
    expect(json.profile.accelerators.map((a: {name: string}) => a.name)).toEqual(['RTX 4090']);
    expect(json.profile.ramTotalGB).toBeCloseTo(68.7, 0); // 64 GiB
  });
});

describe('hardware --json', () => {
  it('prints profile, usable memory, tier, fit, recommendation and notes', async () => {
    useFixture('mac-studio-m3-ultra-512');
    const {code, json, err} = await runJson(['--model', 'lmstudio/minimax-m2.1-gs32', '--context', '196608']);
    expect(code).toBe(0);
    expect(err).toBe('');
    expect(json.profile.schemaVersion).toBe(1);
    expect(json.usableAcceleratorMemoryGB).toBeCloseTo(412.3, 0);
    expect(json.tier).toEqual({id: 'full-size', label: 'Full-size', summary: expect.stringContaining('MiniMax')});
    expect(json.fit).toMatchObject({
      model: 'minimax-m2.1',
      build: 'mlx-4bit-gs32',
      verdict: 'fits',
      context: 196_608,
      maxContextThatFits: 196_608,
    });
    expect(json.fit.weightsGB).toBeCloseTo(143, 0);
    expect(json.fit.kvCacheGB).toBeCloseTo(49.9, 1);
    expect(json.fit.totalGB).toBeGreaterThan(json.fit.weightsGB + json.fit.kvCacheGB);
    expect(json.fit.tokensPerSecond.low).toBeLessThan(json.fit.tokensPerSecond.high);
    expect(json.recommendation).toMatchObject({stack: 'lmstudio', setupStacks: expect.arrayContaining(['lmstudio'])});
    expect(json.model).toEqual({id: 'lmstudio/minimax-m2.1-gs32', source: 'flag'});
    expect(json.notes).toEqual(expect.arrayContaining([expect.stringMatching(/default 75% of RAM/)]));
  });

  it('--nodes 2 pools two Mac Studios into the aim-high tier', async () => {
    useFixture('mac-studio-m3-ultra-512');
    const {json} = await runJson(['--nodes', '2', '--model', 'minimax-m2.1-bf16', '--context', '196608']);
    expect(json.nodes).toBe(2);
    expect(json.tier.id).toBe('aim-high');
    expect(json.fit.verdict).toBe('fits');
    expect(json.notes.join(' ')).toMatch(/adds memory, not speed/);
  });

  it('an unknown model is said to be unknown; --model-size-gb makes an estimate', async () => {
    useFixture('linux-rtx4090');
    const unknown = await runJson(['--model', 'ollama/llama3.1:8b']);
    expect(unknown.code).toBe(0);
    expect(unknown.json.fit).toBeUndefined();
    expect(unknown.json.unknownModel.message).toMatch(/not a model we know/);
    const sized = await runJson(['--model', 'ollama/llama3.1:8b', '--model-size-gb', '4.9', '--context', '16384']);
    expect(sized.json.fit).toMatchObject({weightsGB: 4.9, verdict: 'fits', userSize: true});
  });

  it('without --model: the configured local primary and its contextWindow', async () => {
    useFixture('linux-2x3090');
    const cfg = path.join(dir, 'openclaw.json');
    writeFileSync(
      cfg,
      `{
  // hand-written
  models: {mode: "merge", providers: {ollama: {baseUrl: "http://127.0.0.1:11434", api: "ollama", apiKey: "ollama-local",
    models: [{id: "qwen3-coder:30b", name: "Qwen3 Coder", contextWindow: 65536, maxTokens: 8192}]}}},
  agents: {defaults: {model: {primary: "ollama/qwen3-coder:30b"}}},
}
`,
    );
    const {json} = await runJson(['--config', cfg]);
    expect(json.model).toEqual({id: 'ollama/qwen3-coder:30b', source: 'config'});
    expect(json.fit).toMatchObject({model: 'qwen3-coder-30b', context: 65_536});
  });

  it("a primary whose provider sits in an $include'd file is seen (one snapshot for every command)", async () => {
    useFixture('linux-2x3090');
    const cfg = path.join(dir, 'openclaw.json');
    writeFileSync(
      path.join(dir, 'models.json5'),
      `{providers: {studio: {baseUrl: "http://127.0.0.1:41234/v1", api: "openai-completions",
      models: [{id: "qwen3-coder:30b", contextWindow: 65536, maxTokens: 8192}]}}}`,
    );
    writeFileSync(
      cfg,
      `{models: {$include: "./models.json5"}, agents: {defaults: {model: {primary: "studio/qwen3-coder:30b"}}}}`,
    );
    const {json} = await runJson(['--config', cfg]);
    expect(json.model).toEqual({id: 'studio/qwen3-coder:30b', source: 'config'});
    expect(json.fit).toMatchObject({context: 65_536});
  });

  it("without --model and a hosted primary: the guide's default local model, with a note", async () => {
    useFixture('linux-2x3090');
    const cfg = path.join(dir, 'openclaw.json');
    writeFileSync(
      cfg,
      JSON.stringify({
        models: {
          providers: {
            openrouter: {baseUrl: 'https://openrouter.ai/api/v1', apiKey: 'sk-or-SECRET', models: [{id: 'x/y'}]},
          },
        },
        agents: {defaults: {model: {primary: 'openrouter/x/y'}}},
      }),
    );
    const m = io();
    expect(await main(['hardware', '--json', '--config', cfg], m)).toBe(0);
    const json = JSON.parse(m.out());
    expect(json.model).toEqual({id: 'lmstudio/minimax-m2.1-gs32', source: 'default'});
    expect(json.fit.context).toBe(196_608);
    expect(json.notes.join(' ')).toMatch(/configured primary openrouter\/x\/y is hosted/);
    expect(m.out()).not.toContain('SECRET');
  });

  it('without any config: the default model, and no failure', async () => {
    useFixture('no-gpu');
    const {code, json} = await runJson([]);
    expect(code).toBe(0);
    expect(json.model.source).toBe('default');
    expect(json.tier.id).toBe('hosted-only');
    expect(json.recommendation.stack).toBe('hosted-only');
  });

  it('without a config but with --context: the note about the default model names the context used', async () => {
    useFixture('no-gpu');
    const {json} = await runJson(['--context', '65536']);
    expect(json.fit.context).toBe(65_536);
    const note = json.notes.find((n: string) => /default local model/.test(n));
    expect(note).toMatch(/at 65,536 tokens/);
    expect(note).not.toMatch(/196,608/);
  });

  it('the config lookup failing is a note, not an error', async () => {
    useFixture('no-gpu');
    const undo = setHardwareCommandDeps({
      configuredPrimary: async () => ({note: 'the config could not be read (boom)'}),
    });
    try {
      const {code, json} = await runJson([]);
      expect(code).toBe(0);
      expect(json.notes.join(' ')).toMatch(/could not be read \(boom\)/);
    } finally {
      undo();
    }
  });
});

describe('hardware --hardware FILE', () => {
  it('reads the short form (JSON5 allowed) and ignores this machine', async () => {
    restore = setHardwareCommandDeps({
      detector: () => ({
        detect: async () => {
          throw new Error('must not detect when a file is given');
        },
      }),
    });
    const file = path.join(dir, 'rig.json');
    writeFileSync(
      file,
      `{platform: "linux", ramGB: 256, gpus: [{name: "NVIDIA GeForce RTX 4090", vramGB: 24, count: 2}], // two cards\n}`,
    );
    const {code, json} = await runJson(['--hardware', 'rig.json', '--model', 'gpt-oss:120b', '--context', '131072']);
    expect(code).toBe(0);
    expect(json.profile.detection.mode).toBe('file');
    expect(json.tier.id).toBe('mid');
    expect(json.fit.model).toBe('gpt-oss-120b');
  });

  it('reads back a saved --json profile', async () => {
    useFixture('dgx-spark-gb10');
    const first = await runJson(['--model', 'gpt-oss-120b']);
    writeFileSync(path.join(dir, 'saved.json'), JSON.stringify(first.json.profile));
    restore?.();
    restore = undefined;
    const again = await runJson(['--hardware', 'saved.json', '--model', 'gpt-oss-120b']);
    expect(again.json.usableAcceleratorMemoryGB).toBe(first.json.usableAcceleratorMemoryGB);
    expect(again.json.fit).toEqual(first.json.fit);
  });

  it('reads back the whole report that --json printed, not only its profile object', async () => {
    useFixture('mac-studio-m3-ultra-512');
    const m = io();
    expect(await main(['hardware', '--json', '--model', 'gpt-oss-120b'], m)).toBe(0);
    writeFileSync(path.join(dir, 'report.json'), m.out());
    restore?.();
    restore = undefined;
    const first = JSON.parse(m.out());
    const again = await runJson(['--hardware', 'report.json', '--model', 'gpt-oss-120b']);
    expect(again.err).toBe('');
    expect(again.code).toBe(0);
    expect(again.json.profile.detection.mode).toBe('file');
    expect(again.json.usableAcceleratorMemoryGB).toBe(first.usableAcceleratorMemoryGB);
    expect(again.json.tier).toEqual(first.tier);
    expect(again.json.fit).toEqual(first.fit);
  });

  it.skipIf(!existsSync('/dev/zero'))(
    'an endless file (/dev/zero) is refused at the size limit instead of read forever',
    async () => {
      const m = io();
      expect(await main(['hardware', '--hardware', '/dev/zero'], m)).toBe(2);
      expect(m.err()).toMatch(/^error: hardware file \/dev\/zero is larger than 1 MB/);
    },
  );

  const bad: [string, string | null, RegExp][] = [
    ['missing.json', null, /^error: cannot read hardware file missing\.json: no such file\n$/],
    ['broken.json', '{platform: "linux", ramGB: ', /^error: hardware file broken\.json is not valid JSON: .*\n$/],
    ['wrong.json', '{"platform": "linux", "ramGB": "lots"}', /^error: hardware file wrong\.json: ramGB: .*\n$/],
    [
      'typo.json',
      '{"platform": "linux", "ramGB": 64, "gpu": []}',
      /^error: hardware file typo\.json: unknown key "gpu"\n$/,
    ],
  ];
  for (const [name, content, re] of bad) {
    it(`bad file ${name}: one line, exit 2`, async () => {
      if (content !== null) writeFileSync(path.join(dir, name), content);
      const m = io();
      expect(await main(['hardware', '--hardware', name], m)).toBe(2);
      expect(m.err()).toMatch(re);
      expect(m.out()).toBe('');
    });
  }

  it('usable memory computed from a short form says it is estimated, not that it was given', async () => {
    writeFileSync(
      path.join(dir, 'two.json'),
      JSON.stringify({platform: 'linux', ramGB: 64, gpus: [{name: 'NVIDIA GeForce RTX 4090', vramGB: 24, count: 2}]}),
    );
    const m = io();
    expect(await main(['hardware', '--hardware', 'two.json', '--model', 'gpt-oss:20b'], m)).toBe(0);
    expect(m.out()).toMatch(/Usable accelerator memory: 49\.4 GB, estimated\n/);
    writeFileSync(
      path.join(dir, 'given.json'),
      JSON.stringify({
        platform: 'linux',
        ramGB: 64,
        gpus: [{name: 'NVIDIA GeForce RTX 4090', vramGB: 24, count: 2}],
        usableGB: 40,
      }),
    );
    const g = io();
    expect(await main(['hardware', '--hardware', 'given.json', '--model', 'gpt-oss:20b'], g)).toBe(0);
    expect(g.out()).toMatch(/Usable accelerator memory: 40 GB, from the file\n/);
    expect(m.out()).toMatch(/RTX 4090: 25\.8 GB \(24 GiB\) each as given/);
  });

  it('control characters in a file (a GPU name with terminal escapes) are not printed raw', async () => {
    writeFileSync(
      path.join(dir, 'evil.json'),
      JSON.stringify({
        platform: 'linux',
        ramGB: 64,
        gpus: [{name: 'RTX 4090\u001b]0;pwned\u0007\u001b[2J', vramGB: 24}],
      }),
    );
    const m = io({tty: true});
    expect(await main(['hardware', '--hardware', 'evil.json', '--model', 'gpt-oss:20b'], m)).toBe(0);
    expect(m.out()).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect(m.out()).toContain('RTX 4090');
  });

  it('a directory is refused clearly', async () => {
    mkdirSync(path.join(dir, 'adir'));
    const m = io();
    expect(await main(['hardware', '--hardware', 'adir'], m)).toBe(2);
    expect(m.err()).toMatch(/^error: cannot read hardware file adir: it is a directory\n$/);
  });
});

describe('hardware verdict words on unified memory', () => {
  it('a Mac over the 90% line is called tight, not "offloaded to system RAM" (there is no separate RAM)', async () => {
    useFixture('mac-studio-m3-ultra-512');
    const m = io();
    expect(
      await main(['hardware', '--model', 'unsloth/Kimi-K2-Thinking-GGUF:UD-Q2_K_XL', '--context', '32768'], m),
    ).toBe(0);
    expect(m.out()).toMatch(/Verdict: tight, no headroom left/);
    expect(m.out()).not.toMatch(/offloaded to system RAM/);
  });
});

describe('hardware text on a narrow terminal', () => {
  it('a 60-column terminal gets 60-column text and a shorter bar; pipes keep 80', async () => {
    useFixture('mac-studio-m3-ultra-512');
    const m = io({tty: true});
    m.stdout.columns = 60;
    expect(await main(['hardware', '--nodes', '2', '--model', 'minimax-m2.1-bf16', '--context', '196608'], m)).toBe(0);
    const lines = m.out().split('\n');
    for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(60);
    expect(lines.find((l) => /█/.test(l))!.trim().length).toBe(56);
    const piped = io();
    piped.stdout.columns = 60;
    expect(await main(['hardware', '--model', 'minimax-m2.1-bf16'], piped)).toBe(0);
    expect(
      Math.max(
        ...piped
          .out()
          .split('\n')
          .map((l) => l.length),
      ),
    ).toBeGreaterThan(60);
  });
});

describe('hardware flags', () => {
  const cases: [string[], RegExp][] = [
    [['--nodes', '0'], /--nodes must be at least 1/],
    [['--nodes', 'two'], /--nodes expects a whole number/],
    [['--context=-5'], /--context expects a whole number/],
    [['--model-size-gb', 'big'], /--model-size-gb expects a number/],
    [['extra'], /unexpected argument 'extra'/],
  ];
  for (const [args, re] of cases) {
    it(args.join(' '), async () => {
      useFixture('no-gpu');
      const m = io();
      expect(await main(['hardware', ...args], m)).toBe(2);
      expect(m.err()).toMatch(re);
    });
  }
});

describe('hardware text output', () => {
  it('plain text (not a TTY): sources, usable memory, tier, fit, tok/s and recommendation within 80 columns, no bar', async () => {
    useFixture('linux-8xh100');
    const m = io();
    expect(await main(['hardware', '--model', 'MiniMaxAI/MiniMax-M2.1', '--context', '196608'], m)).toBe(0);
    const out = m.out();
    expect(out).toMatch(/8 × NVIDIA H100 80GB HBM3: 85\.5 GB \(79\.6 GiB\) each from nvidia-smi, 3350\s+GB\/s/);
    expect(out).toMatch(/Usable accelerator memory: 676 GB, from nvidia-smi/);
    expect(out).toMatch(/Tier: Aim high\. The guide's target: ≥2 maxed-out Mac Studios/);
    expect(out).not.toMatch(/Tier: (.+)\. \1/);
    expect(out).toMatch(/Fit: MiniMax M2\.1 · FP8 \(official\) · context 196,608 · 676 GB usable/);
    expect(out).toMatch(/weights 230 GB \+ KV cache 49\.9 GB \+ overhead 12\.5 GB = 292 GB of 676 GB usable/);
    expect(out).toMatch(/Verdict: fits on the accelerator · ≈\d+–\d+ tok\/s/);
    expect(out).toMatch(/Recommendation: vLLM or SGLang with MiniMax M2\.1 BF16/);
    expect(out).not.toMatch(/[█▓▒░]/);
    for (const line of out.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
  });

  it('on a TTY: the fit bar and its legend', async () => {
    useFixture('mac-studio-m3-ultra-512');
    const m = io({tty: true});
    expect(await main(['hardware', '--model', 'minimax-m2.1-gs32', '--context', '196608'], m)).toBe(0);
    const out = m.out();
    const bar = out.split('\n').find((l) => /█/.test(l))!;
    expect(bar).toMatch(/^ {2}█+▓+▒+░+$/);
    expect(bar.length).toBeLessThanOrEqual(80);
    expect(out).toMatch(/█ weights 143 GB {2}▓ KV cache 49\.9 GB {2}▒ overhead 8\.1 GB {2}░ free 211 GB/);
    expect(out).toMatch(/✔ fits on the accelerator/);
    for (const line of out.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
  });

  it('says what does not fit and shows the overflow', async () => {
    useFixture('linux-rtx4090');
    const m = io({tty: true});
    await main(['hardware', '--model', 'minimax-m2.1-gs32', '--context', '196608'], m);
    expect(m.out()).toMatch(/✖ does not fit/);
    expect(m.out()).toMatch(/✗ over by \d+ GB/);
  });

  it('the Windows 4095 MB cap reads as unknown, with advice', async () => {
    useFixture('win-rtx3060-capped-no-smi');
    const m = io();
    await main(['hardware'], m);
    expect(m.out()).toMatch(/NVIDIA GeForce RTX 3060: memory unknown/);
    expect(m.out()).toMatch(/AdapterRAM cap/);
  });
});
