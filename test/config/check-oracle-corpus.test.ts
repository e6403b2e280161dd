/**
 * Slow (about 2 s per file): runs the real OpenClaw over the whole corpus and
 * checks that every error we report is one OpenClaw reports too (same path or
 * a parent of ours: OpenClaw names the object holding an unknown key).
 * Runs only with OPENCLAW_BIN and OPENCLAW_CORPUS_ORACLE=1.
 */
import {copyFileSync, mkdtempSync, readdirSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterAll, describe, expect, it} from 'vitest';
import {checkConfig} from '../../src/config/check.js';
import {openclawValidate} from '../../src/config/openclaw.js';
import {readConfig} from '../../src/config/read.js';

const corpusDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/configs');
const oracle = process.env.OPENCLAW_BIN;
const enabled = Boolean(oracle) && process.env.OPENCLAW_CORPUS_ORACLE === '1';
const tmp = mkdtempSync(path.join(os.tmpdir(), 'corpus-oracle-'));
afterAll(() => rmSync(tmp, {recursive: true, force: true}), 120_000);

describe.skipIf(!enabled)(
  'our errors on the corpus are OpenClaw errors (OPENCLAW_BIN + OPENCLAW_CORPUS_ORACLE=1)',
  () => {
    it('no error of ours that OpenClaw 2026.9.6 does not also report', async () => {
      const files = readdirSync(corpusDir).filter((f) => f.endsWith('.json5'));
      const stats = {both: 0, onlyOpenclaw: 0, onlyOurs: 0, neither: 0};
      const unmatched: string[] = [];
      for (const name of files) {
        const dir = mkdtempSync(path.join(tmp, 'c-'));
        const file = path.join(dir, 'openclaw.json');
        copyFileSync(path.join(corpusDir, name), file);
        const env = {PATH: process.env.PATH, HOME: dir, OPENCLAW_HOME: dir, OPENCLAW_STATE_DIR: dir, TMPDIR: dir};
        const [theirs, ours] = [
          await openclawValidate(file, {env, bin: oracle, timeoutMs: 60_000}),
          checkConfig(await readConfig(file), {env: {}}),
        ];
        expect(theirs.valid, `${name}: ${theirs.error ?? ''}`).toBeDefined();
        const errors = ours.filter((i) => i.severity === 'error');
        const theirPaths = theirs.issues.map((i) => i.path);
        for (const e of errors) {
          const covered =
            e.code === 'parse' ||
            theirPaths.some((p) => p === '<root>' || e.path === p || (e.path ?? '').startsWith(`${p}.`));
          if (!covered) unmatched.push(`${name}: ${e.path} ${e.message}`);
        }
        const key = errors.length ? (theirs.valid ? 'onlyOurs' : 'both') : theirs.valid ? 'neither' : 'onlyOpenclaw';
        stats[key]++;
        rmSync(dir, {recursive: true, force: true}); // OpenClaw leaves state (sqlite, caches) behind
      }
      console.log('corpus verdicts', stats);
      expect(unmatched).toEqual([]);
      expect(stats.onlyOurs).toBe(0);
    }, 900_000);
  },
);
