/**
 * A stand-in `openclaw` binary for tests: a real executable that answers
 * `--version` and `config validate --json` the way OpenClaw 2026.9.6 does,
 * deciding by markers in the file named by OPENCLAW_CONFIG_PATH:
 * FORBIDDEN → invalid (one issue), SLEEP → hangs, NOJSON → dies like Node 20,
 * NOISY → a log line before the JSON. Records each config path it saw.
 */
import {chmodSync, mkdtempSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const SCRIPT = String.raw`
const fs = require('node:fs');
const args = process.argv.slice(2);
if (args[0] === '--version') { console.log('OpenClaw 2026.9.6 (fake000)'); process.exit(0); }
if (args[0] !== 'config' || args[1] !== 'validate') { console.error('unsupported'); process.exit(2); }
const p = process.env.OPENCLAW_CONFIG_PATH;
if (process.env.FAKE_OPENCLAW_LOG) fs.appendFileSync(process.env.FAKE_OPENCLAW_LOG, p + '\n');
let text;
try { text = fs.readFileSync(p, 'utf8'); } catch {
  console.log(JSON.stringify({ok: false, error: {type: 'cli_error', message: 'file not found'}, valid: false, path: p}));
  process.exit(1);
}
if (text.includes('SLEEP')) { setTimeout(() => {}, 600000); return; }
if (text.includes('NOJSON')) { console.error('openclaw: Node 20.20.2: node:sqlite is unavailable; use 24.16+/26.1+'); process.exit(1); }
if (text.includes('NOISY')) console.log('[plugins] loading 12 plugins');
if (text.includes('FORBIDDEN')) {
  console.log(JSON.stringify({ok: false, error: {type: 'cli_error', message: 'OpenClaw config is invalid: ' + p}, valid: false, path: p,
    issues: [{path: '<root>', message: 'Unrecognized key: "FORBIDDEN"'}]}, null, 2));
  process.exit(1);
}
console.log(JSON.stringify({valid: true, path: p, warnings: text.includes('WARN') ? [{path: 'x', message: 'Missing env var "X"'}] : []}));
`;

/** Creates the fake in a fresh temp dir; returns the executable's path. */
export function makeFakeOpenclaw(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fake-openclaw-'));
  const js = path.join(dir, 'fake.cjs');
  writeFileSync(js, SCRIPT);
  const bin = path.join(dir, 'openclaw');
  writeFileSync(bin, `#!/bin/sh\nexec "${process.execPath}" "${js}" "$@"\n`);
  chmodSync(bin, 0o755);
  return bin;
}
