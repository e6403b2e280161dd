import {describe, expect, it} from 'vitest';
import {changeInWords, renderDoctorText} from '../../src/doctor/index.js';
import type {CheckResult, DoctorReport} from '../../src/doctor/types.js';

const skip = (id: string, message: string): CheckResult => ({id, status: 'skip', severity: 'info', title: id, message});

describe('doctor text', () => {
  it('folds skipped checks into one line per reason', () => {
    const checks: CheckResult[] = [
      {id: 'config.found', status: 'fail', severity: 'error', title: 'config', message: 'no config'},
      ...['config.parse', 'config.schema', 'server.reachable', 'model.listed'].map((id) => skip(id, 'no config file')),
      skip('latency.cold-start', 'only with --probe'),
    ];
    const report: DoctorReport = {schemaVersion: 1, ok: false, configPath: '/x/openclaw.json', checks, durationMs: 10};
    const text = renderDoctorText(report, {color: false, width: 200});
    expect(text.match(/no config file/g)).toHaveLength(1);
    expect(text).toMatch(
      /○ 4 checks: no config file \(config\.parse, config\.schema, server\.reachable, model\.listed\)/,
    );
    expect(text).toMatch(/○ latency\.cold-start {2}only with --probe/);
    // A group with only skipped checks gets no heading of its own.
    expect(text).not.toMatch(/^server$/m);
  });

  it('says a before → after change in words', () => {
    expect(changeInWords({before: 'fail', after: 'pass'})).toBe('fixed (was failing, now passing)');
    expect(changeInWords({before: 'warn'})).toBe('no longer reported (was a warning)');
    expect(changeInWords({before: 'fail', after: 'warn'})).toBe('better (was failing, now a warning)');
    expect(changeInWords({before: 'pass', after: 'fail'})).toBe('worse (was passing, now failing)');
    expect(changeInWords({after: 'warn'})).toBe('new: a warning');
  });
});
