/**
 * The app's screens print through Ink, which writes strings raw: what servers
 * send reaches them only through the services, sanitised there (issue 12).
 */
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {memoryIo} from '../../src/cli/io.js';
import {realServices} from '../../src/ui/real-services.js';
import {startFake, type FakeServer} from '../fakes/index.js';
import {configText} from '../doctor/env.js';

const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/;
const HOSTILE_ID = 'evil\u001b[2J\rFAKE \u2714 line\n\u009b31m\u202eoverride';

let dir = '';
let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  if (dir) rmSync(dir, {recursive: true, force: true});
});

describe('app services sanitise what servers send', () => {
  it('probe, discovery and doctor results carry no terminal controls', async () => {
    server = await startFake('lmstudio', {models: [{id: HOSTILE_ID, loaded: true, loadedContext: 65536}]});
    dir = mkdtempSync(join(tmpdir(), 'old-ui-sanitize-'));
    const home = join(dir, 'home');
    mkdirSync(join(home, '.openclaw'), {recursive: true});
    const path = join(home, '.openclaw/openclaw.json');
    writeFileSync(path, configText({baseUrl: server.v1, contextWindow: 65536, model: 'qwen/other'}));
    const env = {HOME: home, OPENCLAW_CONFIG_PATH: path, OPENCLAW_LOCAL_DOCTOR_PORTS: String(server.port)};
    const services = realServices({io: memoryIo({env}), global: {color: false, json: false}, values: {}, args: []});
    const probed = await services.probe(server.v1);
    expect(JSON.stringify(probed)).toContain('evil');
    expect(JSON.stringify(probed)).not.toMatch(/\\u001b|\\r|\\u009b|\u202e/);
    const snap = await services.loadConfig();
    const found = await services.discover(snap);
    expect(JSON.stringify(found)).not.toMatch(/\\u001b|\\u009b|\u202e/);
    const report = await services.runDoctor({});
    const texts = report.checks.flatMap((c) => [
      c.message,
      c.model ?? '',
      c.fix?.description ?? '',
      c.fix?.command ?? '',
    ]);
    expect(texts.join(' ')).toContain('evil');
    for (const t of texts) expect(t).not.toMatch(CONTROL);
  }, 30_000);
});
