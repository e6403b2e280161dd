/**
 * openclaw.validate against the real OpenClaw CLI. Runs only when OPENCLAW_BIN
 * points at an installed OpenClaw (scripts/install-oracle.sh); skipped otherwise.
 */
import {afterEach, describe, expect, it} from 'vitest';
import {existsSync} from 'node:fs';
import {configText, tempSetup, type TempSetup} from './env.js';

const BIN = process.env.OPENCLAW_BIN;
const available = Boolean(BIN && existsSync(BIN));
const reason = available ? '' : ' (skipped: set OPENCLAW_BIN to an installed OpenClaw, see scripts/install-oracle.sh)';

let setups: TempSetup[] = [];
afterEach(() => {
  for (const s of setups) s.cleanup();
  setups = [];
});

describe.skipIf(!available)(`openclaw.validate with the real OpenClaw${reason}`, () => {
  it('passes a valid local config and fails an unknown key with openclaw doctor --fix', async () => {
    const s = tempSetup();
    setups.push(s);
    // The same shape the healthy integration test uses (logging.file included).
    s.write(
      configText({
        baseUrl: 'http://127.0.0.1:1234/v1',
        api: 'openai-responses',
        contextWindow: 65536,
        logFile: s.logFile,
      }),
    );
    const ok = await s.doctor(['--json', '--only', 'openclaw.validate'], {OPENCLAW_BIN: BIN});
    const good = ok.json.checks[0];
    expect(good.status).toBe('pass');
    expect(good.message).toContain('accepts the file');

    s.write(configText({baseUrl: 'http://127.0.0.1:1234/v1', contextWindow: 65536, extraRoot: '\n  bogusKey: true,'}));
    const bad = await s.doctor(['--json', '--only', 'openclaw.validate'], {OPENCLAW_BIN: BIN});
    expect(bad.code).toBe(1);
    const r = bad.json.checks[0];
    expect(r.status).toBe('fail');
    expect(r.message).toMatch(/bogusKey|Unrecognized/);
    expect(r.fix.command).toBe('openclaw doctor --fix');
  }, 60_000);
});
