/**
 * Every real-world config in the corpus through every check: nothing crashes,
 * broken files are named by config.parse, and no request leaves the process
 * (the probe is a stub that records the baseUrls it would have contacted).
 */
import {describe, expect, it} from 'vitest';
import {mkdtempSync, readdirSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {parseConfigText} from '../../src/config/index.js';
import {isLocalBaseUrl} from '../../src/core/config-view.js';
import {createDoctorContext, runDoctor} from '../../src/doctor/index.js';
import type {ConfigLocation} from '../../src/core/types/config.js';
import {readFileSync} from 'node:fs';
import {HEALTHY_PROFILE, failure, options} from './helpers.js';

const DIR = new URL('../fixtures/configs/', import.meta.url);
const files = readdirSync(DIR).filter((f) => f.endsWith('.json5'));

describe('doctor over the config corpus', () => {
  it(`runs every check on ${files.length} real configs without a crash or a non-local probe`, async () => {
    const state = mkdtempSync(join(tmpdir(), 'ocld-corpus-'));
    try {
      for (const f of files) {
        const path = join(DIR.pathname, f);
        const loaded = parseConfigText(readFileSync(path, 'utf8'), path);
        const location: ConfigLocation = {
          path,
          exists: true,
          source: 'flag',
          reason: 'test',
          stateDir: state,
          home: state,
          candidates: [],
          legacyFound: [],
          readOnly: false,
        };
        const probed: string[] = [];
        const ctx = createDoctorContext({
          location,
          loaded,
          env: {},
          options: options(),
          detector: {detect: async () => HEALTHY_PROFILE},
          probe: async (baseUrl) => (probed.push(baseUrl), failure('refused', 'stub')),
          validate: async () => ({available: false, issues: []}),
          nodeVersion: async () => 'v24.16.0',
          logDir: state,
        });
        const report = await runDoctor(ctx);
        const crashed = report.checks.filter((c) => c.status === 'crashed');
        expect(crashed, `${f}: ${crashed.map((c) => `${c.id}: ${c.message}`).join('; ')}`).toEqual([]);
        if (f.includes('BAD')) expect(report.checks.find((c) => c.id === 'config.parse')?.status, f).toBe('fail');
        for (const u of probed) expect(isLocalBaseUrl(u), `${f} probed ${u}`).toBe(true);
        for (const c of report.checks) {
          expect(c.message.length, `${f} ${c.id}`).toBeGreaterThan(0);
          expect(c.message, `${f} ${c.id}`).not.toMatch(/undefined|NaN|\[object Object\]/);
        }
      }
    } finally {
      rmSync(state, {recursive: true, force: true});
    }
  }, 60_000);
});
