/**
 * doctor --fix reaches a fixpoint in one run: a fix that makes another one
 * necessary (re-pointing the primary makes its new ref need an allowlist key)
 * is applied in the same write, with one backup; a following
 * `doctor --fix --dry-run` finds nothing.
 */
import {describe, expect, it} from 'vitest';
import {testLifecycle} from '../doctor/env.js';
import {planFixes} from '../../src/app/fix.js';
import {parseConfigText} from '../../src/config/read.js';
import type {CheckResult} from '../../src/doctor/types.js';

const {fake, setup} = testLifecycle();

const QWEN = {id: 'qwen/qwen3-coder-30b', loaded: true, loadedContext: 65536, maxContext: 262144, toolUse: true};

function config(baseUrl: string, primary: string): string {
  return `// hand-written
{
  models: {
    mode: "merge",
    providers: {
      lmstudio: {
        baseUrl: ${JSON.stringify(baseUrl)},
        apiKey: "lmstudio",
        api: "openai-completions",
        timeoutSeconds: 600,
        models: [{ id: "qwen/qwen3-coder-30b", contextWindow: 65536, maxTokens: 8192 }],
      },
    },
  },
  agents: {
    defaults: {
      model: { primary: ${JSON.stringify(primary)}, fallbacks: [] },
      models: { ${JSON.stringify(primary)}: {} },
      compaction: { enabled: true, mode: "safeguard" },
    },
  },
}
`;
}

const backups = (files: string[]) => files.filter((f) => f.includes('.local-doctor-') && f.endsWith('.bak'));

describe('doctor --fix fixpoint', () => {
  it('applies the fix its own first fix made necessary, in one write and one backup', async () => {
    const lm = await fake('lmstudio', {models: [QWEN]});
    const s = setup();
    s.write(config(lm.v1, 'lmstudio/QWEN/qwen3-coder-30b'));
    const first = await s.doctor(['--fix', '--yes', '--only', 'config.']);
    expect(first.err).not.toMatch(/cannot apply/);
    const text = s.read();
    expect(text).toContain('primary: "lmstudio/qwen/qwen3-coder-30b"');
    expect(text).toMatch(/"lmstudio\/qwen\/qwen3-coder-30b": \{\}/);
    expect(first.out).not.toMatch(/more config fix/);
    expect(backups(s.files())).toHaveLength(1);

    const again = await s.doctor(['--fix', '--dry-run', '--only', 'config.']);
    expect(again.out).toContain('No config fixes to apply.');
    expect(s.read()).toBe(text);
    expect(backups(s.files())).toHaveLength(1);
  });

  it('--dry-run prints the diff and writes nothing', async () => {
    const lm = await fake('lmstudio', {models: [QWEN]});
    const s = setup();
    const before = config(lm.v1, 'lmstudio/QWEN/qwen3-coder-30b');
    s.write(before);
    const r = await s.doctor(['--fix', '--dry-run', '--only', 'config.']);
    expect(r.out).toContain('+      model: { primary: "lmstudio/qwen/qwen3-coder-30b"');
    expect(r.out).toContain('Dry run: nothing written.');
    expect(s.read()).toBe(before);
    expect(backups(s.files())).toHaveLength(0);
  });

  it("the app's doctor screen gets the same fixpoint (real services), and never a fix the user left out", async () => {
    const {realServices} = await import('../../src/ui/real-services.js');
    const {memoryIo} = await import('../../src/cli/io.js');
    const lm = await fake('lmstudio', {models: [QWEN]});
    const s = setup();
    s.write(config(lm.v1, 'lmstudio/QWEN/qwen3-coder-30b'));
    const services = realServices({
      io: memoryIo({env: s.env}),
      global: {configPath: s.configPath, color: false, json: false},
      values: {},
      args: [],
    });
    const report = await services.runDoctor({});
    const snap = await services.loadConfig();
    const fixes = report.checks.filter(
      (r) => (r.status === 'fail' || r.status === 'warn') && r.fix?.kind === 'config' && r.fix.patch?.length,
    );
    const all = await services.configFixes(snap.loaded, fixes);
    expect(all.newText).toContain('primary: "lmstudio/qwen/qwen3-coder-30b"');
    expect(all.newText).toMatch(/"lmstudio\/qwen\/qwen3-coder-30b": \{\}/);
    expect(all.fixed.map((f) => f.id)).toEqual(expect.arrayContaining(['config.model-refs', 'config.allowlist']));
    // Only the ref fix picked: the allowlist entry it makes necessary still comes (a new finding), nothing else.
    const some = await services.configFixes(
      snap.loaded,
      fixes.filter((r) => r.id === 'config.model-refs'),
    );
    expect(some.fixed.map((f) => f.id)).toEqual(['config.model-refs', 'config.allowlist']);
  });

  it('stops when two fixes would set the same path back and forth', async () => {
    const loaded = parseConfigText('{a: 1}\n', '/x/openclaw.json');
    const flip = (v: number): CheckResult[] => [
      {
        id: 'x.flip',
        status: 'fail',
        severity: 'error',
        title: 't',
        message: 'm',
        fix: {kind: 'config', description: 'flip', patch: [{op: 'set', path: ['a'], value: v}]},
      },
    ];
    let rechecks = 0;
    const plan = await planFixes(loaded, flip(2), async (c) => {
      rechecks++;
      return flip((c.value as {a: number}).a === 2 ? 1 : 2);
    });
    expect(plan.newText).toBe('{a: 2}\n');
    expect(plan.applied).toHaveLength(1);
    expect(rechecks).toBe(1);
  });
});
