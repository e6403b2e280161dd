/**
 * OpenClaw's verdict is kept per (binary, version, file bytes, environment): the second doctor run does not start
 * OpenClaw again, a changed file or variable does, and an $include file never comes from the cache.
 */
import {chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {openclawValidate} from '../../src/config/openclaw.js';
import {openclawIdentity, VERDICT_CACHE_FILE} from '../../src/config/openclaw-cache.js';
import {readConfig} from '../../src/config/read.js';
import {writeConfig} from '../../src/config/write.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'oc-cache-'));
afterAll(() => rmSync(tmp, {recursive: true, force: true}));

/** A package laid out as npm installs it, and a wrapper script naming its entry (as the oracle's openclaw-bin does). */
function fakeInstall(name: string, version: string): {bin: string; wrapper: string; count: () => number} {
  const pkg = path.join(tmp, name, 'node_modules', 'openclaw');
  mkdirSync(pkg, {recursive: true});
  const counter = path.join(tmp, name, 'count');
  writeFileSync(counter, '');
  writeFileSync(path.join(pkg, 'package.json'), JSON.stringify({name: 'openclaw', version}));
  // Counts every start; rejects files containing BAD, as OpenClaw would reject an unknown key.
  const entry = path.join(pkg, 'openclaw.mjs');
  writeFileSync(
    entry,
    `#!/bin/sh\necho x >> '${counter}'\nif [ "$1" = "--version" ]; then echo "OpenClaw ${version} (fake)"; exit 0; fi\n` +
      `if grep -q BAD "$OPENCLAW_CONFIG_PATH"; then echo '{"valid":false,"issues":[{"path":"BAD","message":"Unrecognized key"}]}'; exit 1; fi\n` +
      `echo '{"valid":true,"warnings":[]}'\n`,
  );
  chmodSync(entry, 0o755);
  const wrapper = path.join(tmp, name, 'openclaw-bin');
  writeFileSync(wrapper, `#!/usr/bin/env bash\nexec "${entry}" "$@"\n`);
  chmodSync(wrapper, 0o755);
  return {bin: entry, wrapper, count: () => readFileSync(counter, 'utf8').split('\n').filter(Boolean).length};
}

const cfg = (name: string, text: string): string => {
  const p = path.join(tmp, name);
  writeFileSync(p, text);
  return p;
};

describe('openclawIdentity', () => {
  it('reads the version from package.json next to the entry or named by a wrapper, without running it', () => {
    const i = fakeInstall('id', '2026.9.6');
    expect(openclawIdentity(i.bin)?.version).toBe('2026.9.6');
    expect(openclawIdentity(i.wrapper)?.version).toBe('2026.9.6');
    expect(i.count()).toBe(0);
    expect(openclawIdentity(path.join(tmp, 'nope'))).toBeUndefined();
  });
});

describe('the verdict cache', () => {
  it('serves the same bytes from the cache, re-asks OpenClaw for changed bytes or env, and never for $include', async () => {
    const i = fakeInstall('cache', '2026.9.6');
    const state = path.join(tmp, 'state');
    const env = {PATH: process.env.PATH, OPENCLAW_LOCAL_DOCTOR_STATE_DIR: state};
    const file = cfg('a.json', '{models: {}}');
    const first = await openclawValidate(file, {env, bin: i.wrapper, cache: true});
    expect(first).toMatchObject({available: true, valid: true, version: '2026.9.6'});
    expect(first.cached).toBeUndefined();
    expect(i.count()).toBe(1); // validate only: the version came from package.json
    const again = await openclawValidate(file, {env, bin: i.wrapper, cache: true});
    expect(again).toMatchObject({available: true, valid: true, version: '2026.9.6', cached: true});
    expect(i.count()).toBe(1);
    expect(statSync(path.join(state, VERDICT_CACHE_FILE)).mode & 0o777).toBe(0o600);

    // Changed bytes: OpenClaw judges again (and its "invalid" is kept too).
    writeFileSync(file, '{BAD: 1}');
    expect(await openclawValidate(file, {env, bin: i.wrapper, cache: true})).toMatchObject({
      valid: false,
      issues: [{path: 'BAD'}],
    });
    expect(await openclawValidate(file, {env, bin: i.wrapper, cache: true})).toMatchObject({
      valid: false,
      cached: true,
    });
    expect(i.count()).toBe(2);

    // A variable the file names changed: asked again.
    writeFileSync(file, '{x: "${MY_KEY}"}');
    await openclawValidate(file, {env: {...env, MY_KEY: 'a'}, bin: i.wrapper, cache: true});
    await openclawValidate(file, {env: {...env, MY_KEY: 'a'}, bin: i.wrapper, cache: true});
    expect(i.count()).toBe(3);
    await openclawValidate(file, {env: {...env, MY_KEY: 'b'}, bin: i.wrapper, cache: true});
    expect(i.count()).toBe(4);
    // The value itself is never stored.
    expect(readFileSync(path.join(state, VERDICT_CACHE_FILE), 'utf8')).not.toContain('MY_KEY');

    // $include: included files can change behind the same bytes.
    writeFileSync(file, '{$include: "./other.json5"}');
    await openclawValidate(file, {env, bin: i.wrapper, cache: true});
    await openclawValidate(file, {env, bin: i.wrapper, cache: true});
    expect(i.count()).toBe(6);

    // Without cache: true (config check, the write engine) OpenClaw always runs.
    writeFileSync(file, '{models: {}}');
    await openclawValidate(file, {env, bin: i.wrapper});
    expect(i.count()).toBe(7);
  });

  it('ignores a damaged cache file', async () => {
    const i = fakeInstall('damaged', '2026.9.6');
    const state = path.join(tmp, 'state2');
    mkdirSync(state, {recursive: true});
    writeFileSync(
      path.join(state, VERDICT_CACHE_FILE),
      '{"schemaVersion":1,"entries":[{"key":"zz","at":1,"verdict":{}}]}',
    );
    const env = {PATH: process.env.PATH, OPENCLAW_LOCAL_DOCTOR_STATE_DIR: state};
    const r = await openclawValidate(cfg('b.json', '{}'), {env, bin: i.bin, cache: true});
    expect(r).toMatchObject({valid: true});
    expect(r.cached).toBeUndefined();
    expect(i.count()).toBe(1);
  });

  it('a new OpenClaw (another version) is asked again', async () => {
    const i = fakeInstall('upgrade', '2026.9.6');
    const env = {PATH: process.env.PATH, OPENCLAW_LOCAL_DOCTOR_STATE_DIR: path.join(tmp, 'state3')};
    const file = cfg('c.json', '{}');
    await openclawValidate(file, {env, bin: i.bin, cache: true});
    writeFileSync(
      path.join(path.dirname(i.bin), 'package.json'),
      JSON.stringify({name: 'openclaw', version: '2026.10.1'}),
    );
    const r = await openclawValidate(file, {env, bin: i.bin, cache: true});
    expect(r.cached).toBeUndefined();
    expect(r.version).toBe('2026.10.1');
    expect(i.count()).toBe(2);
  });

  it('a write keeps the verdict OpenClaw gave its temporary copy: the re-check after it starts no OpenClaw', async () => {
    const i = fakeInstall('write', '2026.9.6');
    const env = {PATH: process.env.PATH, OPENCLAW_LOCAL_DOCTOR_STATE_DIR: path.join(tmp, 'state4')};
    const file = cfg('d.json', '{a: 1}\n');
    const written = await writeConfig(await readConfig(file), '{a: 2}\n', {env, openclawBin: i.bin});
    expect(written.openclawVerdict).toMatchObject({valid: true});
    const runs = i.count();
    const after = await openclawValidate(file, {env, bin: i.bin, cache: true});
    expect(after).toMatchObject({valid: true, cached: true});
    expect(i.count()).toBe(runs);
  });
});

describe('against the real OpenClaw (OPENCLAW_BIN)', () => {
  const real = process.env.OPENCLAW_BIN;
  it.skipIf(!real)(
    'the version read from package.json is the one OpenClaw prints; the kept verdict is the one it gives',
    async () => {
      const id = openclawIdentity(real!);
      const env = {PATH: process.env.PATH, HOME: tmp, OPENCLAW_LOCAL_DOCTOR_STATE_DIR: path.join(tmp, 'real-state')};
      const file = cfg(
        'real.json',
        JSON.stringify({
          models: {
            providers: {
              lm: {baseUrl: 'http://127.0.0.1:1/v1', api: 'openai-completions', models: [{id: 'm', name: 'm'}]},
            },
          },
        }),
      );
      const fresh = await openclawValidate(file, {env, bin: real, timeoutMs: 60_000});
      expect(fresh.available).toBe(true);
      // `openclaw --version` (run here once) agrees with package.json.
      const {runCommand} = await import('../../src/process/run-command.js');
      const v = await runCommand(real!, ['--version'], {timeoutMs: 60_000});
      expect(v.stdout).toContain(id?.version ?? 'no version found');
      const first = await openclawValidate(file, {env, bin: real, timeoutMs: 60_000, cache: true});
      const kept = await openclawValidate(file, {env, bin: real, timeoutMs: 60_000, cache: true});
      expect(kept.cached).toBe(true);
      for (const k of ['valid', 'issues', 'warnings', 'version'] as const) {
        expect(kept[k]).toEqual(fresh[k]);
        expect(first[k]).toEqual(fresh[k]);
      }
    },
    120_000,
  );
});
