import {execFile} from 'node:child_process';
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {promisify} from 'node:util';
import {afterAll, beforeEach, describe, expect, it} from 'vitest';
import {locateConfig} from '../../src/config/locate.js';

const roots: string[] = [];
afterAll(() => {
  for (const r of roots) rmSync(r, {recursive: true, force: true});
});

let home: string;
let cwd: string;
beforeEach(() => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'locate-'));
  roots.push(root);
  home = path.join(root, 'home');
  cwd = path.join(root, 'work');
  mkdirSync(home);
  mkdirSync(cwd);
});

function touch(...parts: string[]): string {
  const p = path.join(...parts);
  mkdirSync(path.dirname(p), {recursive: true});
  writeFileSync(p, '{}\n');
  return p;
}

const locate = (env: NodeJS.ProcessEnv = {}, extra: {configPath?: string; profile?: string} = {}) =>
  locateConfig({env: {HOME: home, ...env}, homedir: '/nonexistent-os-home', cwd, ...extra});

describe('locateConfig', () => {
  it('points at ~/.openclaw/openclaw.json as a new file when nothing exists', () => {
    const loc = locate();
    expect(loc.path).toBe(path.join(home, '.openclaw', 'openclaw.json'));
    expect(loc.exists).toBe(false);
    expect(loc.source).toBe('new');
    expect(loc.stateDir).toBe(path.join(home, '.openclaw'));
    expect(loc.candidates.map((c) => c.path)).toEqual([
      path.join(home, '.openclaw', 'openclaw.json'),
      path.join(home, '.openclaw', 'clawdbot.json'),
      path.join(home, '.clawdbot', 'openclaw.json'),
      path.join(home, '.clawdbot', 'clawdbot.json'),
    ]);
    expect(loc.readOnly).toBe(false);
    expect(loc.reason).toMatch(/create/);
  });

  it('uses the default file when it exists', () => {
    const p = touch(home, '.openclaw', 'openclaw.json');
    touch(home, '.clawdbot', 'clawdbot.json');
    const loc = locate();
    expect(loc).toMatchObject({path: p, exists: true, source: 'default'});
  });

  it('falls back to clawdbot.json in ~/.openclaw, then to ~/.clawdbot', () => {
    const legacyName = touch(home, '.openclaw', 'clawdbot.json');
    expect(locate()).toMatchObject({path: legacyName, source: 'legacy'});
    rmSync(path.join(home, '.openclaw'), {recursive: true});
    const lone = touch(home, '.clawdbot', 'clawdbot.json');
    const loc = locate();
    expect(loc).toMatchObject({path: lone, source: 'legacy', stateDir: path.join(home, '.clawdbot')});
    expect(loc.reason).toMatch(/legacy/);
  });

  it('creates the new file in ~/.clawdbot when only that directory exists (OpenClaw keeps the old state dir)', () => {
    mkdirSync(path.join(home, '.clawdbot'));
    const loc = locate();
    expect(loc).toMatchObject({path: path.join(home, '.clawdbot', 'openclaw.json'), source: 'new', exists: false});
  });

  it('OPENCLAW_STATE_DIR: only its own files count, else a new file there', () => {
    const state = path.join(cwd, 'state');
    expect(locate({OPENCLAW_STATE_DIR: state})).toMatchObject({
      path: path.join(state, 'openclaw.json'),
      source: 'new',
      stateDir: state,
    });

    touch(home, '.openclaw', 'openclaw.json');
    const loc = locate({OPENCLAW_STATE_DIR: state});
    expect(loc).toMatchObject({path: path.join(state, 'openclaw.json'), source: 'new'});
    expect(loc.reason).toMatch(/OPENCLAW_STATE_DIR is set/);
    expect(loc.candidates.map((c) => c.path)).toEqual([
      path.join(state, 'openclaw.json'),
      path.join(state, 'clawdbot.json'),
    ]);

    const legacy = touch(state, 'clawdbot.json');
    expect(locate({OPENCLAW_STATE_DIR: state})).toMatchObject({path: legacy, source: 'state-dir'});
    const own = touch(state, 'openclaw.json');
    expect(locate({OPENCLAW_STATE_DIR: state})).toMatchObject({path: own, source: 'state-dir'});
    // Relative state dirs resolve against cwd.
    expect(locate({OPENCLAW_STATE_DIR: 'state'}).path).toBe(own);
  });

  it('OPENCLAW_CONFIG_PATH wins, with ~ expanded against the effective home', () => {
    const loc = locate({OPENCLAW_CONFIG_PATH: '~/cfg/my.json5'});
    expect(loc).toMatchObject({path: path.join(home, 'cfg', 'my.json5'), source: 'env-config-path', exists: false});
    expect(loc.candidates).toHaveLength(1);
    const other = path.join(cwd, 'other');
    expect(locate({OPENCLAW_HOME: other, OPENCLAW_CONFIG_PATH: '~/x.json'}).path).toBe(path.join(other, 'x.json'));
    expect(locate({OPENCLAW_CONFIG_PATH: 'rel.json'}).path).toBe(path.join(cwd, 'rel.json'));
  });

  it('OPENCLAW_HOME replaces the home in every default path; its own ~ means the OS home', () => {
    const alt = path.join(cwd, 'alt-home');
    const p = touch(alt, '.openclaw', 'openclaw.json');
    touch(home, '.openclaw', 'openclaw.json');
    expect(locate({OPENCLAW_HOME: alt})).toMatchObject({path: p, home: alt, source: 'default'});
    const tilde = touch(home, 'sub', '.openclaw', 'openclaw.json');
    expect(locate({OPENCLAW_HOME: '~/sub'}).path).toBe(tilde);
  });

  it('falls back to the injected OS home when HOME is unset', () => {
    const loc = locateConfig({env: {}, homedir: home, cwd});
    expect(loc.home).toBe(home);
    expect(loc.path).toBe(path.join(home, '.openclaw', 'openclaw.json'));
    expect(locateConfig({env: {USERPROFILE: home}, homedir: '/elsewhere', cwd}).home).toBe(home);
  });

  it('--profile NAME selects ~/.openclaw-NAME/openclaw.json', () => {
    touch(home, '.openclaw', 'openclaw.json');
    const loc = locate({}, {profile: 'work'});
    expect(loc).toMatchObject({
      path: path.join(home, '.openclaw-work', 'openclaw.json'),
      source: 'profile',
      stateDir: path.join(home, '.openclaw-work'),
    });
    expect(loc.reason).toMatch(/--profile work/);
    expect(locate({}, {profile: 'default'}).path).toBe(path.join(home, '.openclaw', 'openclaw.json'));
    expect(() => locate({}, {profile: '../evil'})).toThrow(/invalid profile/);
  });

  it('an explicit OPENCLAW_CONFIG_PATH beats --profile (as in OpenClaw) and says so', () => {
    const explicit = path.join(cwd, 'explicit.json');
    const loc = locate({OPENCLAW_CONFIG_PATH: explicit}, {profile: 'work'}) as ReturnType<typeof locate> & {
      notes?: string[];
    };
    expect(loc).toMatchObject({path: explicit, source: 'env-config-path'});
    expect(loc.notes?.join(' ')).toMatch(/wins over --profile work/);
  });

  it('OPENCLAW_PROFILE alone does not move the config, but is reported', () => {
    const loc = locate({OPENCLAW_PROFILE: 'work'}) as ReturnType<typeof locate> & {notes?: string[]};
    expect(loc.path).toBe(path.join(home, '.openclaw', 'openclaw.json'));
    expect(loc.notes?.join(' ')).toMatch(/OPENCLAW_PROFILE=work/);
  });

  it('--config is the highest priority, relative to cwd', () => {
    const loc = locate(
      {OPENCLAW_CONFIG_PATH: '/x/y.json', OPENCLAW_STATE_DIR: '/z'},
      {configPath: 'mine.json5', profile: 'work'},
    );
    expect(loc).toMatchObject({path: path.join(cwd, 'mine.json5'), source: 'flag', exists: false});
    expect(locate({}, {configPath: '~/a.json'}).path).toBe(path.join(home, 'a.json'));
  });

  it('reports read-only mode from OPENCLAW_CONFIG_READONLY / OPENCLAW_NIX_MODE', () => {
    expect(locate({OPENCLAW_CONFIG_READONLY: '1'})).toMatchObject({readOnly: true});
    expect(locate({OPENCLAW_NIX_MODE: '1'}).readOnlyReason).toMatch(/OPENCLAW_NIX_MODE/);
    expect(locate({OPENCLAW_CONFIG_READONLY: '0'}).readOnly).toBe(false);
    expect(locate({OPENCLAW_NIX_MODE: ''}).readOnly).toBe(false);
  });

  it('lists old moltbot/moldbot installs that current OpenClaw ignores', () => {
    const a = touch(home, '.moltbot', 'moltbot.json');
    const b = touch(home, '.openclaw', 'moldbot.json');
    mkdirSync(path.join(home, '.moldbot'));
    const loc = locate({CLAWDBOT_CONFIG_PATH: '/old.json'}) as ReturnType<typeof locate> & {notes?: string[]};
    expect(loc.legacyFound).toEqual(expect.arrayContaining([a, b, path.join(home, '.moldbot')]));
    expect(loc.legacyFound).toHaveLength(3);
    expect(loc.path).toBe(path.join(home, '.openclaw', 'openclaw.json'));
    expect(loc.notes?.join(' ')).toMatch(/CLAWDBOT_CONFIG_PATH is set, but current OpenClaw ignores it/);
  });
});

const oracle = process.env.OPENCLAW_BIN;
describe.skipIf(!oracle)('locateConfig agrees with `openclaw config file` (OPENCLAW_BIN)', () => {
  const run = promisify(execFile);
  async function openclawPath(env: NodeJS.ProcessEnv, args: string[] = []): Promise<string> {
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'oc-tmp-'));
    roots.push(tmp);
    const {stdout} = await run(oracle!, [...args, 'config', 'file', '--json'], {
      env: {PATH: process.env.PATH, TMPDIR: tmp, NO_COLOR: '1', ...env},
      cwd,
      timeout: 60_000,
    });
    return (JSON.parse(stdout) as {path: string}).path;
  }

  it('gives the same path for several env setups', async () => {
    const state = path.join(cwd, 'state');
    touch(home, '.clawdbot', 'clawdbot.json');
    const setups: {env: NodeJS.ProcessEnv; profile?: string}[] = [
      {env: {HOME: home}},
      {env: {HOME: home, OPENCLAW_STATE_DIR: state}},
      {env: {HOME: home, OPENCLAW_CONFIG_PATH: '~/custom/openclaw.json'}},
      {env: {HOME: home, OPENCLAW_HOME: path.join(cwd, 'alt')}},
      {env: {HOME: home}, profile: 'work'},
      {env: {HOME: home, OPENCLAW_PROFILE: 'work'}},
    ];
    for (const s of setups) {
      const ours = locateConfig({env: s.env, profile: s.profile, cwd, homedir: home}).path;
      const theirs = await openclawPath(s.env, s.profile ? ['--profile', s.profile] : []);
      expect(ours, JSON.stringify(s)).toBe(theirs);
    }
    touch(home, '.openclaw', 'openclaw.json');
    touch(state, 'clawdbot.json');
    for (const s of setups.slice(0, 2)) {
      expect(locateConfig({env: s.env, cwd, homedir: home}).path).toBe(await openclawPath(s.env));
    }
  }, 180_000);
});
