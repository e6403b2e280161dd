import {execFileSync, spawn} from 'node:child_process';
import {
  chmodSync,
  chownSync,
  linkSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterAll, beforeEach, describe, expect, it} from 'vitest';
import {readConfig} from '../../src/config/read.js';
import {backupPathFor, backupStamp, ConfigWriteError, writeConfig} from '../../src/config/write.js';
import type {WriteOptions} from '../../src/config/write.js';
import {makeFakeOpenclaw} from './openclaw-fake.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const roots: string[] = [];
afterAll(() => {
  for (const r of roots) rmSync(r, {recursive: true, force: true});
});

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'write-'));
  roots.push(dir);
});

const NOW = new Date('2026-11-22T04:05:06.789Z');
const opts = (extra: Partial<WriteOptions> = {}): WriteOptions => ({env: {}, now: NOW, openclawBin: null, ...extra});
const ORIGINAL = '// my comment\n{\n  gateway: {mode: "local"},\n}\n';
const UPDATED = '// my comment\n{\n  gateway: {mode: "local"},\n  models: {mode: "merge"},\n}\n';

function file(name: string, text: string, mode = 0o644): string {
  const p = path.join(dir, name);
  mkdirSync(path.dirname(p), {recursive: true});
  writeFileSync(p, text);
  chmodSync(p, mode);
  return p;
}

const modeOf = (p: string) => (statSync(p).mode & 0o777).toString(8);

async function refused(promise: Promise<unknown>): Promise<ConfigWriteError> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigWriteError);
    return err as ConfigWriteError;
  }
  throw new Error('the write was not refused');
}

/** Files in dir other than the config itself (backups, temp files). */
const extras = (d: string, config: string) => readdirSync(d).filter((f) => f !== path.basename(config));

describe('writeConfig', () => {
  it('writes the new text, keeps mode 0644, and backs up the exact original bytes (0600, our own name)', async () => {
    const p = file('openclaw.json', ORIGINAL, 0o644);
    const result = await writeConfig(await readConfig(p), UPDATED, opts());
    expect(readFileSync(p, 'utf8')).toBe(UPDATED);
    expect(modeOf(p)).toBe('644');
    expect(result).toMatchObject({path: p, targetPath: p, created: false, newIssues: []});
    expect(result.backupPath).toBe(path.join(dir, 'openclaw.json.local-doctor-20261122T040506Z.bak'));
    expect(readFileSync(result.backupPath!)).toEqual(Buffer.from(ORIGINAL));
    expect(modeOf(result.backupPath!)).toBe('600');
    expect(extras(dir, p)).toEqual(['openclaw.json.local-doctor-20261122T040506Z.bak']);
    expect(path.basename(result.backupPath!)).not.toMatch(/^openclaw\.json\.bak/);
  });

  it('keeps other modes too (0640) and never widens a 0600 file', async () => {
    for (const mode of [0o640, 0o600]) {
      const p = file(`m${mode}/openclaw.json`, ORIGINAL, mode);
      await writeConfig(await readConfig(p), UPDATED, opts());
      expect(modeOf(p)).toBe(mode.toString(8));
    }
  });

  it('creates a missing config with mode 0600 and missing directories with 0700, without a backup', async () => {
    const p = path.join(dir, 'home', '.openclaw', 'openclaw.json');
    const result = await writeConfig(await readConfig(p), UPDATED, opts());
    expect(result).toMatchObject({created: true, targetPath: p});
    expect(result.backupPath).toBeUndefined();
    expect(readFileSync(p, 'utf8')).toBe(UPDATED);
    expect(modeOf(p)).toBe('600');
    expect(modeOf(path.dirname(p))).toBe('700');
    expect(modeOf(path.join(dir, 'home'))).toBe('700');
    expect(extras(path.dirname(p), p)).toEqual([]);
  });

  it('writes through a symlink to its target and keeps the link', async () => {
    const target = file('dotfiles/openclaw.json', ORIGINAL, 0o644);
    const link = path.join(dir, 'state', 'openclaw.json');
    mkdirSync(path.dirname(link));
    symlinkSync('../dotfiles/openclaw.json', link);
    const result = await writeConfig(await readConfig(link), UPDATED, opts());
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe('../dotfiles/openclaw.json');
    expect(result.targetPath).toBe(target);
    expect(readFileSync(target, 'utf8')).toBe(UPDATED);
    expect(modeOf(target)).toBe('644');
    // The backup sits next to the path the user knows, not inside the dotfiles repo.
    expect(path.dirname(result.backupPath!)).toBe(path.dirname(link));
    expect(extras(path.dirname(target), target)).toEqual([]);
  });

  it('refuses when the file changed since it was read, even with the same size and mtime', async () => {
    const p = file('openclaw.json', ORIGINAL);
    const loaded = await readConfig(p);
    const same = ORIGINAL.replace('local', 'LOCAL');
    writeFileSync(p, same);
    const t = new Date(loaded.stat!.mtimeMs);
    utimesSync(p, t, t);
    expect(statSync(p).size).toBe(loaded.stat!.size);
    const err = await refused(writeConfig(loaded, UPDATED, opts()));
    expect(err.code).toBe('changed');
    expect(readFileSync(p, 'utf8')).toBe(same);
    expect(extras(dir, p)).toEqual([]);
  });

  it('refuses when someone writes between the temp file and the rename; their bytes stay', async () => {
    const p = file('openclaw.json', ORIGINAL);
    let temp = '';
    const err = await refused(
      writeConfig(
        await readConfig(p),
        UPDATED,
        opts({
          beforeRename: (t) => {
            temp = t;
            writeFileSync(p, '{gateway: {mode: "remote"}}');
          },
        }),
      ),
    );
    expect(err.code).toBe('changed');
    expect(readFileSync(p, 'utf8')).toBe('{gateway: {mode: "remote"}}');
    expect(path.dirname(temp)).toBe(dir);
    expect(existsSync(temp)).toBe(false);
  });

  it('refuses a file created or deleted since it was read', async () => {
    const p = path.join(dir, 'openclaw.json');
    const missing = await readConfig(p);
    file('openclaw.json', ORIGINAL);
    expect((await refused(writeConfig(missing, UPDATED, opts()))).code).toBe('changed');
    const loaded = await readConfig(p);
    rmSync(p);
    expect((await refused(writeConfig(loaded, UPDATED, opts()))).code).toBe('changed');
    expect(existsSync(p)).toBe(false);
  });

  it('refuses in read-only mode (OPENCLAW_CONFIG_READONLY / OPENCLAW_NIX_MODE) and touches nothing', async () => {
    const p = file('openclaw.json', ORIGINAL);
    for (const env of [{OPENCLAW_CONFIG_READONLY: '1'}, {OPENCLAW_NIX_MODE: '1'}]) {
      const err = await refused(writeConfig(await readConfig(p), UPDATED, opts({env})));
      expect(err.code).toBe('read-only');
      expect(err.message).toMatch(Object.keys(env)[0]);
    }
    expect(readFileSync(p, 'utf8')).toBe(ORIGINAL);
    expect(extras(dir, p)).toEqual([]);
  });

  it('refuses a file with no write permission (mode 0444), also behind a symlink, and touches nothing', async () => {
    const p = file('openclaw.json', ORIGINAL, 0o444);
    const err = await refused(writeConfig(await readConfig(p), UPDATED, opts()));
    expect(err.code).toBe('read-only');
    expect(err.message).toContain('0444');
    expect(err.message).toContain('chmod u+w');
    expect(readFileSync(p, 'utf8')).toBe(ORIGINAL);
    expect(modeOf(p)).toBe('444');
    expect(extras(dir, p)).toEqual([]);
    const target = file('store/oc.json5', ORIGINAL, 0o444);
    const link = path.join(dir, 'link', 'openclaw.json');
    mkdirSync(path.dirname(link));
    symlinkSync(target, link);
    expect((await refused(writeConfig(await readConfig(link), UPDATED, opts()))).code).toBe('read-only');
    expect(readFileSync(target, 'utf8')).toBe(ORIGINAL);
    expect(readdirSync(path.dirname(link))).toEqual(['openclaw.json']);
  });

  it('refuses text that does not parse, with the position', async () => {
    const p = file('openclaw.json', ORIGINAL);
    const err = await refused(writeConfig(await readConfig(p), '{\n  a: 1\n  b: 2\n}', opts()));
    expect(err.code).toBe('parse');
    expect(err.issues[0]).toMatchObject({line: 3, column: 3});
    expect(readFileSync(p, 'utf8')).toBe(ORIGINAL);
  });

  it('refuses new error-level issues but not problems the file already had', async () => {
    const p = file('openclaw.json', '{agents: {defaults: {compaction: {reserveTokens: 1}}}}\n');
    const bad =
      '{agents: {defaults: {compaction: {reserveTokens: 1}}}, models: {providers: {lmstudio: {models: [{id: "x"}]}}}}\n';
    const err = await refused(writeConfig(await readConfig(p), bad, opts()));
    expect(err.code).toBe('invalid');
    expect(err.issues.map((i) => i.path)).toEqual(['models.providers.lmstudio.models.0.name']);
    expect(err.message).toMatch(/1 new error/);

    const fine = '{agents: {defaults: {compaction: {reserveTokens: 1}}}, gateway: {mode: "local"}}\n';
    const result = await writeConfig(await readConfig(p), fine, opts());
    expect(readFileSync(p, 'utf8')).toBe(fine);
    expect(result.newIssues).toEqual([]);
  });

  it('an old broken reference does not block an unrelated change even when its message changes', async () => {
    const before =
      '{models: {providers: {box: {baseUrl: "http://box:1/v1", models: [{id: "a", name: "A"}]}}}, agents: {defaults: {model: "box/zzz"}}}\n';
    const p = file('openclaw.json', before);
    const after = before.replace('[{id: "a", name: "A"}]', '[{id: "a", name: "A"}, {id: "b", name: "B"}]');
    await writeConfig(await readConfig(p), after, opts());
    expect(readFileSync(p, 'utf8')).toBe(after);
  });

  it('lets new warnings through and reports them', async () => {
    const p = file('openclaw.json', ORIGINAL);
    const result = await writeConfig(await readConfig(p), '{gateway: {mode: "local"}, extraThing: 1}\n', opts());
    expect(result.newIssues).toEqual([
      expect.objectContaining({severity: 'warning', code: 'unknown-key', path: 'extraThing'}),
    ]);
  });

  it('two writes in the same second get distinct backups', async () => {
    const p = file('openclaw.json', ORIGINAL);
    const first = await writeConfig(await readConfig(p), UPDATED, opts());
    const second = await writeConfig(await readConfig(p), ORIGINAL, opts());
    expect(second.backupPath).toBe(backupPathFor(p, NOW, 1));
    expect(second.backupPath).toMatch(/local-doctor-20261122T040506Z-2\.bak$/);
    expect(readFileSync(first.backupPath!, 'utf8')).toBe(ORIGINAL);
    expect(readFileSync(second.backupPath!, 'utf8')).toBe(UPDATED);
    expect(backupStamp(new Date('2026-01-02T03:04:05Z'))).toBe('20260102T030405Z');
  });

  it('refuses to rewrite a directory or a file that is not UTF-8', async () => {
    mkdirSync(path.join(dir, 'd.json'));
    expect((await refused(writeConfig(await readConfig(path.join(dir, 'd.json')), UPDATED, opts()))).code).toBe(
      'unreadable',
    );
    const p = path.join(dir, 'latin1.json');
    writeFileSync(p, Buffer.from([0x7b, 0x61, 0x3a, 0x22, 0xe9, 0x22, 0x7d]));
    expect((await refused(writeConfig(await readConfig(p), UPDATED, opts()))).code).toBe('encoding');
  });

  it('a process killed between the temp write and the rename leaves the original intact', async () => {
    const p = file('openclaw.json', ORIGINAL, 0o644);
    const marker = path.join(dir, 'marker');
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'write-kill-child.ts'), p, marker], {
      cwd: path.join(here, '../..'),
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('exit', (_code, signal) => resolve(signal)),
    );
    for (let i = 0; i < 400 && !existsSync(marker); i++) {
      if (child.exitCode !== null) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(existsSync(marker), `child did not reach the rename: ${stderr}`).toBe(true);
    const temp = readFileSync(marker, 'utf8');
    expect(readFileSync(temp, 'utf8')).toContain('changed: true'); // the new text was fully written...
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    // ...but the original was never touched.
    expect(readFileSync(p, 'utf8')).toBe(ORIGINAL);
    expect(modeOf(p)).toBe('644');
    // The write never went ahead, so there is no backup (and never an empty or partial one).
    expect(readdirSync(dir).filter((f) => f.endsWith('.bak'))).toEqual([]);
    const reread = await readConfig(p);
    expect(reread.value).toEqual({gateway: {mode: 'local'}});
    // The dead process's temp file is cleaned up by the next write.
    expect(existsSync(temp)).toBe(true);
    const other = file('.openclaw.json.local-doctor-write-1-0000000a.tmp', 'x'); // pid 1 is alive: kept
    await writeConfig(reread, UPDATED, opts({now: new Date('2026-11-22T05:00:00Z')}));
    expect(existsSync(temp)).toBe(false);
    expect(existsSync(other)).toBe(true);
  }, 30_000);
});

describe('writeConfig with an openclaw binary', () => {
  let bin: string;
  beforeEach(() => {
    bin = makeFakeOpenclaw();
    roots.push(path.dirname(bin));
  });
  const env = () => ({PATH: process.env.PATH, FAKE_OPENCLAW_LOG: path.join(dir, 'oc.log')});

  it('validates the original and the candidate (a temp file in the same dir) and keeps the verdict', async () => {
    const p = file('openclaw.json', ORIGINAL);
    const result = await writeConfig(await readConfig(p), UPDATED, opts({env: env(), openclawBin: bin}));
    expect(result.openclawVerdict).toMatchObject({available: true, valid: true, version: '2026.9.6'});
    const seen = readFileSync(path.join(dir, 'oc.log'), 'utf8').trim().split('\n').sort();
    expect(seen).toHaveLength(2);
    expect(seen).toContain(p);
    const probe = seen.find((s) => s !== p)!;
    expect(path.dirname(probe)).toBe(dir);
    expect(path.basename(probe)).not.toMatch(/^openclaw\.json\.bak/);
    expect(existsSync(probe)).toBe(false);
  });

  it('keeps the original when OpenClaw rejects the candidate with a new issue', async () => {
    const p = file('openclaw.json', ORIGINAL);
    const err = await refused(
      writeConfig(
        await readConfig(p),
        '{gateway: {mode: "local"}, x: "FORBIDDEN"}\n',
        opts({env: env(), openclawBin: bin}),
      ),
    );
    expect(err.code).toBe('openclaw-rejected');
    expect(err.message).toMatch(/OpenClaw 2026\.9\.6 rejects/);
    expect(err.issues).toEqual([
      {severity: 'error', code: 'openclaw', path: '<root>', message: 'Unrecognized key: "FORBIDDEN"'},
    ]);
    expect(readFileSync(p, 'utf8')).toBe(ORIGINAL);
    expect(extras(dir, p).filter((f) => f !== 'oc.log')).toEqual([]);
  });

  it('does not refuse for issues OpenClaw already reported on the original', async () => {
    const p = file('openclaw.json', '{x: "FORBIDDEN"}\n');
    const result = await writeConfig(
      await readConfig(p),
      '{x: "FORBIDDEN", gateway: {mode: "local"}}\n',
      opts({env: env(), openclawBin: bin}),
    );
    expect(result.openclawVerdict?.valid).toBe(false);
    expect(readFileSync(p, 'utf8')).toContain('gateway');
  });

  it('finds the binary through OPENCLAW_BIN when openclawBin is not given', async () => {
    const p = file('openclaw.json', ORIGINAL);
    const result = await writeConfig(await readConfig(p), UPDATED, {env: {...env(), OPENCLAW_BIN: bin}, now: NOW});
    expect(result.openclawVerdict?.available).toBe(true);
  });
});

/** A real second user for the ownership tests: `nobody` through setpriv (the tests run as root). */
const OTHER_UID = 65534;
function asOtherUser(): string | undefined {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0)
    return 'not running as root: cannot switch to a second user';
  try {
    execFileSync('setpriv', ['--reuid', String(OTHER_UID), '--regid', String(OTHER_UID), '--clear-groups', 'true']);
    return undefined;
  } catch {
    return 'setpriv cannot switch to uid 65534 here';
  }
}
const cannotSwitch = asOtherUser();

function writeAsOther(config: string, text: string): {ok: boolean; code?: string; message?: string} {
  const out = execFileSync(
    'setpriv',
    [
      '--reuid',
      String(OTHER_UID),
      '--regid',
      String(OTHER_UID),
      '--clear-groups',
      '--',
      process.execPath,
      '--import',
      'tsx',
      path.join(here, 'write-as-child.ts'),
      config,
      text,
    ],
    {cwd: path.join(here, '../..'), env: {...process.env, HOME: '/tmp'}, encoding: 'utf8'},
  );
  return JSON.parse(out.trim().split('\n').pop()!);
}

describe.skipIf(cannotSwitch !== undefined)(
  `ownership, as a second user (${cannotSwitch ?? 'uid 65534 via setpriv'})`,
  () => {
    it("refuses to replace root's 0644 file in a directory that user owns, and leaves owner, bytes and directory alone", () => {
      chownSync(dir, OTHER_UID, OTHER_UID);
      const p = file('openclaw.json', ORIGINAL, 0o644); // root's
      const r = writeAsOther(p, UPDATED);
      expect(r.ok).toBe(false);
      expect(r.code).toBe('owner');
      expect(r.message).toMatch(/not writable by this user|belongs to uid 0/);
      expect(statSync(p).uid).toBe(0);
      expect(readFileSync(p, 'utf8')).toBe(ORIGINAL);
      expect(readdirSync(dir).sort()).toEqual(['openclaw.json']);
    });

    it("refuses a group-writable file of another owner (it may write it, but a rename would make it the owner's)", () => {
      chownSync(dir, OTHER_UID, OTHER_UID);
      const p = file('openclaw.json', ORIGINAL, 0o666);
      const r = writeAsOther(p, UPDATED);
      expect(r).toMatchObject({ok: false, code: 'owner'});
      expect(r.message).toMatch(/belongs to uid 0, not to this user \(uid 65534\)/);
      expect(statSync(p).uid).toBe(0);
      expect(readFileSync(p, 'utf8')).toBe(ORIGINAL);
    });

    it('writes its own file and keeps it its own; a directory it may not write gives one clean EACCES line', () => {
      chownSync(dir, OTHER_UID, OTHER_UID);
      const p = file('openclaw.json', ORIGINAL, 0o640);
      chownSync(p, OTHER_UID, OTHER_UID);
      expect(writeAsOther(p, UPDATED)).toMatchObject({ok: true});
      expect(readFileSync(p, 'utf8')).toBe(UPDATED);
      expect([statSync(p).uid, statSync(p).gid, modeOf(p)]).toEqual([OTHER_UID, OTHER_UID, '640']);
      // Now the directory is root's 0755: the user may write the file but not create the temp file beside it.
      chownSync(dir, 0, 0);
      chmodSync(dir, 0o755);
      const r = writeAsOther(p, ORIGINAL);
      expect(r).toMatchObject({ok: false, code: 'io'});
      expect(r.message).toMatch(/permission denied \(EACCES\)/);
      expect(r.message).not.toMatch(/EACCES.*EACCES/);
      expect(readFileSync(p, 'utf8')).toBe(UPDATED);
    });
  },
);

describe('owner and group kept by root', () => {
  it("root writing another user's file keeps its uid, gid and mode", async () => {
    if (process.getuid?.() !== 0) return;
    const p = file('openclaw.json', ORIGINAL, 0o640);
    chownSync(p, OTHER_UID, OTHER_UID);
    await writeConfig(await readConfig(p), UPDATED, opts());
    expect([statSync(p).uid, statSync(p).gid, modeOf(p)]).toEqual([OTHER_UID, OTHER_UID, '640']);
  });
});

describe('leftovers and backups', () => {
  it('a write refused because the file changed makes no backup', async () => {
    const p = file('openclaw.json', ORIGINAL);
    const loaded = await readConfig(p);
    const err = await refused(
      writeConfig(loaded, UPDATED, opts({beforeRename: () => writeFileSync(p, ORIGINAL + '// edited meanwhile\n')})),
    );
    expect(err.code).toBe('changed');
    expect(readdirSync(dir).filter((f) => f.endsWith('.bak') || f.endsWith('.tmp'))).toEqual([]);
  });

  it('an empty original is not backed up (there is nothing to keep)', async () => {
    const p = file('openclaw.json', '');
    const r = await writeConfig(await readConfig(p), UPDATED, opts());
    expect(r.backupPath).toBeUndefined();
    expect(readdirSync(dir).filter((f) => f.endsWith('.bak'))).toEqual([]);
  });

  it('stale temp files of ours go at the next write, even a refused one; live or foreign ones stay', async () => {
    const p = file('openclaw.json', ORIGINAL);
    const dead = file('.openclaw.json.local-doctor-write-999999-0000000b.tmp', 'sk-old-copy');
    const oldButAlive = file('.openclaw.json.local-doctor-check-1-0000000c.tmp', 'sk-old-copy');
    utimesSync(oldButAlive, new Date(Date.now() - 3_600_000), new Date(Date.now() - 3_600_000));
    const freshAlive = file('.openclaw.json.local-doctor-write-1-0000000d.tmp', 'x');
    const notOurs = file('.openclaw.json.local-doctor-write-999999-zz.tmp', 'x');
    const loaded = await readConfig(p);
    writeFileSync(p, ORIGINAL + '\n'); // the next write is refused...
    expect((await refused(writeConfig(loaded, UPDATED, opts()))).code).toBe('changed');
    expect(existsSync(dead)).toBe(false); // ...but still cleans up
    expect(existsSync(oldButAlive)).toBe(false); // older than any write takes: the pid was reused
    expect(existsSync(freshAlive)).toBe(true);
    expect(existsSync(notOurs)).toBe(true);
  });

  it('a hard-linked config is replaced atomically and the result says the other name keeps the old text', async () => {
    const p = file('openclaw.json', ORIGINAL);
    const other = path.join(dir, 'dotfiles-openclaw.json');
    linkSync(p, other);
    const r = await writeConfig(await readConfig(p), UPDATED, opts());
    expect(r.hardLinksBroken).toBe(1);
    expect(readFileSync(p, 'utf8')).toBe(UPDATED);
    expect(readFileSync(other, 'utf8')).toBe(ORIGINAL);
  });
});
