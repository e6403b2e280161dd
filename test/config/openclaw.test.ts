import {chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {checkConfig} from '../../src/config/check.js';
import {extractJson, findOpenclawBin, openclawValidate} from '../../src/config/openclaw.js';
import {readConfig} from '../../src/config/read.js';
import {ConfigWriteError, writeConfig} from '../../src/config/write.js';
import {makeFakeOpenclaw} from './openclaw-fake.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'openclaw-'));
let fake: string;
beforeAll(() => {
  fake = makeFakeOpenclaw();
});
afterAll(() => {
  rmSync(tmp, {recursive: true, force: true});
  rmSync(path.dirname(fake), {recursive: true, force: true});
});

function cfg(name: string, text: string): string {
  const p = path.join(tmp, name);
  writeFileSync(p, text);
  return p;
}

const env = {PATH: process.env.PATH};

describe('findOpenclawBin', () => {
  it('explicit beats OPENCLAW_BIN beats PATH; null disables', () => {
    const binDir = path.join(tmp, 'bin');
    mkdirSync(binDir);
    const onPath = path.join(binDir, 'openclaw');
    writeFileSync(onPath, '#!/bin/sh\n');
    chmodSync(onPath, 0o755);
    expect(findOpenclawBin({PATH: `/nonexistent${path.delimiter}${binDir}`})).toBe(onPath);
    expect(findOpenclawBin({PATH: binDir, OPENCLAW_BIN: '/x/openclaw'})).toBe('/x/openclaw');
    expect(findOpenclawBin({PATH: binDir, OPENCLAW_BIN: '/x/openclaw'}, '/y')).toBe('/y');
    expect(findOpenclawBin({PATH: binDir}, null)).toBeUndefined();
    chmodSync(onPath, 0o644);
    expect(findOpenclawBin({PATH: binDir})).toBeUndefined();
    expect(findOpenclawBin({})).toBeUndefined();
  });
});

describe('extractJson', () => {
  it('reads plain, pretty and log-prefixed JSON', () => {
    expect(extractJson('{"valid":true}\n')).toEqual({valid: true});
    expect(extractJson('[plugins] loading\n{\n  "valid": false\n}\n')).toEqual({valid: false});
    expect(extractJson('no json here')).toBeUndefined();
    expect(extractJson('')).toBeUndefined();
  });
});

describe('openclawValidate with a stand-in binary', () => {
  it('valid file: version, warnings', async () => {
    const r = await openclawValidate(cfg('ok.json', '{WARN: 1}'), {env, bin: fake});
    expect(r).toMatchObject({
      available: true,
      valid: true,
      issues: [],
      version: '2026.9.6',
      versionLine: 'OpenClaw 2026.9.6 (fake000)',
    });
    expect(r.warnings).toEqual([{path: 'x', message: 'Missing env var "X"'}]);
  });

  it('invalid file: the issues, even after a log line', async () => {
    const r = await openclawValidate(cfg('bad.json', '{x: "FORBIDDEN NOISY"}'), {env, bin: fake});
    expect(r).toMatchObject({
      available: true,
      valid: false,
      issues: [{path: '<root>', message: 'Unrecognized key: "FORBIDDEN"'}],
    });
  });

  it('missing file: invalid with the reason', async () => {
    const r = await openclawValidate(path.join(tmp, 'absent.json'), {env, bin: fake});
    expect(r).toMatchObject({valid: false, issues: [{path: '<root>', message: 'file not found'}]});
  });

  it('a binary that cannot run (Node too old) gives available:false with its message', async () => {
    const r = await openclawValidate(cfg('nojson.json', 'NOJSON'), {env, bin: fake});
    expect(r.available).toBe(false);
    expect(r.error).toMatch(/node:sqlite is unavailable/);
  });

  it('is killed after timeoutMs', async () => {
    // The stand-in sleeps 600 s; finishing at all (within the test timeout) shows it was killed.
    const r = await openclawValidate(cfg('slow.json', 'SLEEP'), {env, bin: fake, timeoutMs: 700});
    expect(r).toMatchObject({available: true});
    expect(r.valid).toBeUndefined();
    expect(r.error).toMatch(/did not finish within 1 s/);
  });

  it('missing or disabled binary: available:false', async () => {
    expect(await openclawValidate(cfg('x.json', '{}'), {env, bin: path.join(tmp, 'no-such-openclaw')})).toMatchObject({
      available: false,
      error: expect.stringMatching(/not found/),
    });
    expect(await openclawValidate(cfg('x.json', '{}'), {env: {}, bin: null})).toMatchObject({available: false});
    expect(await openclawValidate(cfg('x.json', '{}'), {env: {PATH: '/nonexistent'}})).toMatchObject({
      available: false,
      error: expect.stringMatching(/OPENCLAW_BIN/),
    });
  });
});

const oracle = process.env.OPENCLAW_BIN;
describe.skipIf(!oracle)('the real OpenClaw (OPENCLAW_BIN) agrees with our verdict', () => {
  // OpenClaw writes logs and locks under TMPDIR-independent paths too; keep HOME and state in a temp dir.
  const home = path.join(tmp, 'oc-home');
  const oenv = () => ({
    PATH: process.env.PATH,
    HOME: home,
    OPENCLAW_HOME: home,
    OPENCLAW_STATE_DIR: path.join(home, 'state'),
    TMPDIR: home,
  });
  beforeAll(() => mkdirSync(home, {recursive: true}));

  const VALID = `{
  // LM Studio, from the reference's minimal local setup
  gateway: {mode: "local"},
  models: {mode: "merge", providers: {lmstudio: {baseUrl: "http://127.0.0.1:1234/v1", apiKey: "lmstudio-local", api: "openai-responses",
    timeoutSeconds: 600, models: [{id: "minimax-m2.1-gs32", name: "MiniMax M2.1 GS32", contextWindow: 196608, maxTokens: 8192, input: ["text"]}]}}},
  agents: {defaults: {model: {primary: "lmstudio/minimax-m2.1-gs32"}, models: {"lmstudio/minimax-m2.1-gs32": {alias: "Minimax"}}}},
}
`;
  const INVALID = VALID.replace('api: "openai-responses"', 'api: "bogus"')
    .replace('name: "MiniMax M2.1 GS32", ', '')
    .replace('maxTokens: 8192', 'maxTokens: "8192"');

  it('valid and invalid files: same verdict, same issue paths', async () => {
    const good = cfg('oracle-good.json', VALID);
    const bad = cfg('oracle-bad.json', INVALID);
    const [theirsGood, theirsBad] = [
      await openclawValidate(good, {env: oenv(), bin: oracle}),
      await openclawValidate(bad, {env: oenv(), bin: oracle}),
    ];
    expect(theirsGood).toMatchObject({available: true, valid: true, version: '2026.9.6'});
    expect(checkConfig(await readConfig(good), {env: {}}).filter((i) => i.severity === 'error')).toEqual([]);

    expect(theirsBad.valid).toBe(false);
    const ours = checkConfig(await readConfig(bad), {env: {}}).filter((i) => i.severity === 'error');
    expect(ours.map((i) => i.path).sort()).toEqual(theirsBad.issues.map((i) => i.path).sort());
    // Same zod wording for the same problems.
    for (const issue of theirsBad.issues) expect(ours.find((o) => o.path === issue.path)?.message).toBe(issue.message);
  }, 120_000);

  it('compaction removed keys and agents.defaults.llm: both reject', async () => {
    const p = cfg(
      'oracle-compaction.json',
      '{agents: {defaults: {compaction: {reserveTokens: 1}, llm: {idleTimeoutSeconds: 5}}}}',
    );
    const theirs = await openclawValidate(p, {env: oenv(), bin: oracle});
    expect(theirs.valid).toBe(false);
    const ours = checkConfig(await readConfig(p), {env: {}}).filter((i) => i.severity === 'error');
    expect(ours.map((i) => i.path).sort()).toEqual(['agents.defaults.compaction.reserveTokens', 'agents.defaults.llm']);
    // OpenClaw names the parent object; we name the key itself.
    expect(theirs.issues.map((i) => i.path).sort()).toEqual(['agents.defaults', 'agents.defaults.compaction']);
  }, 120_000);

  it('writeConfig keeps the original when OpenClaw rejects the candidate', async () => {
    const p = cfg('oracle-write.json', VALID);
    // Passes our slice of the schema, fails OpenClaw's strict gateway section.
    const candidate = VALID.replace('gateway: {mode: "local"}', 'gateway: {mode: "local", hostt: "x"}');
    const err = await writeConfig(await readConfig(p), candidate, {env: oenv(), openclawBin: oracle}).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ConfigWriteError);
    expect((err as ConfigWriteError).code).toBe('openclaw-rejected');
    expect((err as ConfigWriteError).issues[0].message).toMatch(/Unrecognized key: "hostt"/);
    expect(readFileSync(p, 'utf8')).toBe(VALID);
  }, 120_000);
});

describe('OpenClaw output copied into our messages is capped', () => {
  const noisy = (script: string): string => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'noisy-openclaw-'));
    const js = path.join(dir, 'noisy.cjs');
    writeFileSync(js, script);
    const bin = path.join(dir, 'openclaw');
    writeFileSync(bin, `#!/bin/sh\nexec "${process.execPath}" "${js}" "$@"\n`);
    chmodSync(bin, 0o755);
    return bin;
  };

  it('a 4 MB line on stderr and no JSON: one clipped line', async () => {
    const bin = noisy(`if (process.argv[2] === '--version') { console.log('OpenClaw 2026.9.6'); process.exit(0); }
process.stderr.write('E'.repeat(4 * 1024 * 1024) + '\\n'); process.exit(1);`);
    const v = await openclawValidate('/nonexistent/openclaw.json', {env: {}, bin});
    expect(v.available).toBe(false);
    expect(v.error!.length).toBeLessThan(400);
    expect(v.error).toMatch(/…$/);
  });

  it('5,000 issues of 1 MB each: 20 kept, each one clipped line, and a count of the rest', async () => {
    const bin = noisy(`if (process.argv[2] === '--version') { console.log('OpenClaw 2026.9.6'); process.exit(0); }
const issues = Array.from({length: 5000}, (_, i) => ({path: 'models.x' + i, message: 'bad\\n'.repeat(10) + 'y'.repeat(200)}));
issues[0].message = 'z'.repeat(1024 * 1024);
console.log(JSON.stringify({valid: false, issues}));`);
    const v = await openclawValidate('/nonexistent/openclaw.json', {env: {}, bin});
    expect(v.valid).toBe(false);
    expect(v.issues).toHaveLength(21);
    for (const i of v.issues) {
      expect(i.message.length).toBeLessThanOrEqual(301);
      expect(i.message).not.toContain('\n');
    }
    expect(v.issues[20]!.message).toMatch(/4980 more issue/);
  });
});
