/** Issue 16's smaller config items: an empty file, our backups after a parse error, and `setup` agreeing. */
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {memoryIo} from '../../src/cli/io.js';
import {main} from '../../src/cli/main.js';
import {lmstudioConfig, makeCtx} from '../doctor/helpers.js';
import {runDoctor} from '../../src/doctor/index.js';

let home: string;
beforeEach(() => {
  home = mkdtempSync(path.join(os.tmpdir(), 'firstrun-cfg-'));
});
afterEach(() => rmSync(home, {recursive: true, force: true}));

function config(text: string): string {
  const p = path.join(home, '.openclaw/openclaw.json');
  mkdirSync(path.dirname(p), {recursive: true});
  writeFileSync(p, text);
  return p;
}
async function run(args: string[]) {
  const io = memoryIo({env: {HOME: home}, cwd: home});
  const code = await main(args, io);
  return {code, out: io.out(), err: io.err()};
}

describe('an empty openclaw.json', () => {
  it('config check: an error, as OpenClaw says too, pointing at setup, which fills it', async () => {
    config('');
    const check = await run(['config', 'check']);
    expect(check.code).toBe(1);
    expect(check.out.replace(/\s+/g, ' ')).toMatch(
      /the file is empty: OpenClaw refuses an empty config too \(JSON5: invalid end of input\); `openclaw-local-doctor setup` fills it/,
    );
    const setup = await run(['setup', '--stack', 'lmstudio', '--dry-run']);
    expect(setup.code).toBe(0);
    expect(setup.err).toMatch(/is empty; setup will fill it/);
  });
});

describe('a config that stopped parsing', () => {
  it('config check points at our newest .local-doctor-*.bak backup', async () => {
    const p = config('{gateway: {mode: "local"},, }');
    writeFileSync(`${p}.local-doctor-20261101T100000Z.bak`, '{}');
    writeFileSync(`${p}.local-doctor-20261122T101500Z.bak`, '{gateway: {mode: "local"}}');
    const r = await run(['config', 'check']);
    expect(r.code).toBe(1);
    const flat = r.out.replace(/\s+/g, ' ');
    expect(flat).toContain(`this tool's backup from before its last write: ${p}.local-doctor-20261122T101500Z.bak`);
    expect(flat).toMatch(/to go back to it: cp '?\S+20261122T101500Z\.bak'? '?\S+openclaw\.json'?/);
    const setup = await run(['setup', '--stack', 'lmstudio', '--dry-run']);
    expect(setup.code).toBe(1);
    expect(setup.err.replace(/\s+/g, ' ')).toContain(
      `This tool's backup from before its last write: ${p}.local-doctor-20261122T101500Z.bak`,
    );
    const json = JSON.parse((await run(['config', 'check', '--json'])).out);
    expect(json.issues.some((i: {code: string}) => i.code === 'backup')).toBe(true);
  });
});

describe("OpenClaw's own verdict", () => {
  it('is not quoted by config.schema when OpenClaw is not installed', async () => {
    const ctx = makeCtx(lmstudioConfig(), {}, {}, {openclawValidation: async () => ({available: false, issues: []})});
    ctx.options.only = ['config.schema'];
    const [r] = (await runDoctor(ctx)).checks;
    expect(r.status).toBe('pass');
    expect(r.message).not.toMatch(/own verdict/);
    expect(r.message).toMatch(/OpenClaw is not installed here/);
    const withIt = makeCtx(
      lmstudioConfig(),
      {},
      {},
      {openclawValidation: async () => ({available: true, version: '2026.9.6', valid: true, issues: []})},
    );
    withIt.options.only = ['config.schema'];
    expect((await runDoctor(withIt)).checks[0].message).toMatch(/OpenClaw's own verdict/);
  });
});

describe('setup --yes: the next step in OpenClaw itself', () => {
  it('after the write, says how OpenClaw picks it up and a message to try; "off" reload mode asks for a restart', async () => {
    config('{gateway: {mode: "local"}}');
    let r = await run(['setup', '--stack', 'lmstudio', '--yes']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/A running Gateway picks this change up by itself .*openclaw gateway restart/);
    expect(r.out).toMatch(/openclaw agent --agent main --message "Say hello"/);
    config('{gateway: {mode: "local", reload: {mode: "off"}}}');
    r = await run(['setup', '--stack', 'lmstudio', '--yes']);
    expect(r.out).toMatch(
      /gateway\.reload\.mode is "off": restart the Gateway so it reads the change: openclaw gateway restart/,
    );
  });
});

describe('hardware on a machine with no GPU', () => {
  it('does not tell a newcomer to set up the paid-plan-only regional stack', async () => {
    const hw = path.join(home, 'hw.json');
    writeFileSync(hw, JSON.stringify({platform: 'linux', ramGB: 16}));
    const r = await run(['hardware', '--hardware', hw]);
    expect(r.out).not.toMatch(/setup --stack regional/);
    expect(r.out.replace(/\s+/g, ' ')).toMatch(
      /Set it up: keep your hosted model; for a small local one, start a server/,
    );
  });
});
