/** The rehearsal's measured speed feeds the next estimate: "measured N tok/s on this machine on <date>". */
import {mkdtempSync, rmSync, writeFileSync, mkdirSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {cli as main} from '../support/run-cli.js';
import {memoryIo} from '../../src/cli/io.js';
import {setHardwareCommandDeps} from '../../src/commands/hardware.js';
import {detectorFrom} from '../../src/hardware/index.js';
import {MEASURED_FILE, readMeasuredSpeeds, recordMeasuredSpeed} from '../../src/process/measured-speeds.js';
import {fixtureSources, loadFixture} from './fixture-sources.js';

const dir = mkdtempSync(path.join(tmpdir(), 'hw-measured-'));
afterAll(() => rmSync(dir, {recursive: true, force: true}));

describe('measured speeds', () => {
  it('hardware shows the measured decode speed next to the estimate, in text and JSON', async () => {
    const env = {HOME: dir, OPENCLAW_LOCAL_DOCTOR_STATE_DIR: path.join(dir, 'state')};
    expect(
      recordMeasuredSpeed(env, {
        model: 'lmstudio/minimax-m2.1-gs32',
        decodeTokensPerSecond: 31.2,
        prefillTokensPerSecond: 850,
        at: '2026-12-07T04:00:00.000Z',
      }),
    ).toBe(true);
    const restore = setHardwareCommandDeps({
      detector: () => detectorFrom(fixtureSources(loadFixture('mac-studio-m3-ultra-512'))),
    });
    try {
      const text = memoryIo({cwd: dir, env});
      expect(await main(['hardware', '--model', 'lmstudio/minimax-m2.1-gs32', '--context', '65536'], text)).toBe(0);
      expect(text.out()).toContain('measured 31.2 tok/s on this machine on 2026-12-07');
      const json = memoryIo({cwd: dir, env});
      await main(['hardware', '--json', '--model', 'lmstudio/minimax-m2.1-gs32', '--context', '65536'], json);
      expect(JSON.parse(json.out()).measured).toMatchObject({
        decodeTokensPerSecond: 31.2,
        at: '2026-12-07T04:00:00.000Z',
      });
      // Another model: nothing measured.
      const other = memoryIo({cwd: dir, env});
      await main(['hardware', '--model', 'gpt-oss-20b'], other);
      expect(other.out()).not.toContain('measured');
    } finally {
      restore();
    }
  });

  it('a damaged or hostile store is ignored entry by entry', () => {
    const env = {OPENCLAW_LOCAL_DOCTOR_STATE_DIR: path.join(dir, 'bad')};
    mkdirSync(env.OPENCLAW_LOCAL_DOCTOR_STATE_DIR, {recursive: true});
    writeFileSync(
      path.join(env.OPENCLAW_LOCAL_DOCTOR_STATE_DIR, MEASURED_FILE),
      JSON.stringify({
        schemaVersion: 1,
        entries: [
          {model: 'a/b', decodeTokensPerSecond: -5, at: 'x'},
          {model: 'c/d', decodeTokensPerSecond: 1e12, at: '2026-01-01'},
          {model: 'e/f', decodeTokensPerSecond: 12, at: '2026-01-01'},
        ],
      }),
    );
    expect(readMeasuredSpeeds(env).map((e) => e.model)).toEqual(['e/f']);
  });
});
