/**
 * Oracle: what `setup --stack exo --yes` writes against a fake two-node exo
 * cluster (test/fakes/exo.ts) must be accepted by the real OpenClaw
 * (`openclaw config validate --json`), and the doctor (which runs the same
 * validation as openclaw.validate) must pass on it. Needs OPENCLAW_BIN;
 * skipped with a reason otherwise.
 */
import {execFile} from 'node:child_process';
import {mkdir, mkdtemp, readFile, rm, writeFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {memoryIo} from '../../src/cli/io.js';
import {main} from '../../src/cli/main.js';
import {MINIMAX_8BIT, startExoFake, twoStudios, type ExoFake} from '../fakes/exo.js';

const BIN = process.env.OPENCLAW_BIN?.trim();
if (!BIN) console.warn('OPENCLAW_BIN is not set: the OpenClaw oracle check of the exo stack is skipped');

let dir: string;
let fake: ExoFake | undefined;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'ocld-exo-oracle-'));
  for (const sub of ['home', 'state', 'tmp']) await mkdir(path.join(dir, sub));
  await writeFile(path.join(dir, 'hw.json'), JSON.stringify({platform: 'darwin', ramGB: 36, chip: 'Apple M3 Pro'}));
});
afterEach(async () => {
  await fake?.close();
  fake = undefined;
  await rm(dir, {recursive: true, force: true});
});

function env(port: number): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? '',
    OPENCLAW_BIN: BIN!,
    HOME: path.join(dir, 'home'),
    OPENCLAW_HOME: path.join(dir, 'home'),
    OPENCLAW_STATE_DIR: path.join(dir, 'state'),
    OPENCLAW_CONFIG_PATH: path.join(dir, 'openclaw.json'),
    TMPDIR: path.join(dir, 'tmp'),
    OPENCLAW_LOCAL_DOCTOR_PORTS: String(port),
    OPENCLAW_LOCAL_DOCTOR_HARDWARE_FILE: path.join(dir, 'hw.json'),
  };
}

function validate(e: NodeJS.ProcessEnv): Promise<{valid: boolean; detail: string}> {
  return new Promise((resolve) => {
    execFile(
      BIN!,
      ['config', 'validate', '--json'],
      {env: e, timeout: 120_000, maxBuffer: 8 << 20},
      (error, stdout, stderr) => {
        try {
          const doc = JSON.parse(stdout.slice(stdout.indexOf('{'))) as {valid?: boolean; issues?: unknown};
          resolve({valid: doc.valid === true && !error, detail: JSON.stringify(doc.issues ?? doc)});
        } catch {
          resolve({valid: false, detail: (stderr || stdout || String(error)).slice(0, 500)});
        }
      },
    );
  });
}

describe.skipIf(!BIN)('OpenClaw accepts the exo stack setup writes', () => {
  it('empty config → setup --stack exo --yes → openclaw config validate: valid; doctor --json passes', async () => {
    fake = await startExoFake(twoStudios());
    const e = env(fake.port);
    const io = memoryIo({env: e});
    expect(
      await main(['setup', '--stack', 'exo', '--yes', '--fallback', 'anthropic/claude-sonnet-4-5'], io),
      io.err(),
    ).toBe(0);
    expect(io.out()).toMatch(/OpenClaw [\d.]+ accepts the new config/);
    const text = await readFile(path.join(dir, 'openclaw.json'), 'utf8');
    expect(text).toContain(MINIMAX_8BIT.id);
    const v = await validate(e);
    expect(v.valid, v.detail).toBe(true);

    const doc = memoryIo({env: e});
    const code = await main(['doctor', '--json'], doc);
    const checks = JSON.parse(doc.out()).checks as {id: string; status: string; message: string}[];
    const failed = checks.filter((c) => c.status === 'fail' || c.status === 'crashed');
    expect(failed, JSON.stringify(failed)).toEqual([]);
    expect(code).toBe(0);
    expect(checks.find((c) => c.id === 'openclaw.validate')?.status).toBe('pass');
  }, 240_000);

  it('the oracle can fail: an exo provider with a bad api is rejected', async () => {
    fake = await startExoFake(twoStudios());
    const e = env(fake.port);
    await writeFile(
      path.join(dir, 'openclaw.json'),
      `{models: {providers: {exo: {baseUrl: "${fake.v1}", api: "exo-native", models: [{id: "m", name: "m"}]}}}}\n`,
    );
    const v = await validate(e);
    expect(v.valid).toBe(false);
  }, 120_000);
});
