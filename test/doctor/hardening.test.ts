/**
 * Issue 12, at the command level: hostile strings from servers and files never
 * reach the terminal raw; secrets in URLs, env.vars and argv are never printed.
 */
import {createServer, type Server} from 'node:http';
import type {AddressInfo} from 'node:net';
import {describe, expect, it} from 'vitest';
import {memoryIo} from '../../src/cli/io.js';
import {printable, printableJson, printableLines} from '../../src/core/sanitize.js';
import {cli} from '../support/run-cli.js';
import {configText, testLifecycle} from './env.js';

const {fake, setup, cleanups} = testLifecycle();

/** Every character that may steer a terminal; '\n' is allowed only as our own line break. */
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/;
const HOSTILE_ID = 'evil\u001b[2J\u001b]0;title\u0007\rFAKE \u2714 line\nsecond\u009b31m\u202eoverride';

describe('the sanitiser', () => {
  it('replaces ESC, CR, LF, C1 and bidi controls; printableLines keeps line breaks; JSON escapes them losslessly', () => {
    expect(printable(HOSTILE_ID)).not.toMatch(CONTROL);
    expect(printable(HOSTILE_ID)).not.toContain('\n');
    expect(printableLines('a\r\nb\u001bc\nd')).toBe('a\nb\uFFFDc\nd');
    const json = printableJson({id: HOSTILE_ID});
    expect(json).not.toMatch(CONTROL);
    expect(JSON.parse(json)).toEqual({id: HOSTILE_ID});
  });
});

describe('doctor with a hostile server', () => {
  it('prints model ids served with ESC/CR/LF/C1/bidi only sanitised, in the text report and in --json', async () => {
    const lm = await fake('lmstudio', {models: [{id: HOSTILE_ID, loaded: true, loadedContext: 65536}]});
    const s = setup();
    s.write(configText({baseUrl: lm.v1, contextWindow: 65536, logFile: s.logFile}));
    const text = await s.doctor([]);
    expect(text.out).toContain('evil'); // the id is shown (it is what the server serves) ...
    expect(text.out).not.toMatch(CONTROL); // ... but never raw
    expect(text.err).not.toMatch(CONTROL);
    const json = await s.doctor(['--json']);
    expect(json.out).not.toMatch(CONTROL);
  });
});

describe('credentials in a baseUrl', () => {
  it('are masked in doctor text, --json and --fix output (userinfo and secret query values)', async () => {
    const lm = await fake('lmstudio', {models: [{id: 'qwen/qwen3-coder-30b', loaded: true, loadedContext: 65536}]});
    const s = setup();
    const url = new URL(lm.v1);
    url.username = 'alice';
    url.password = 'hunter2pass';
    url.search = '?api_key=QUERYSECRET123&sig=SIGSECRET456&x=1';
    s.write(configText({baseUrl: url.toString(), contextWindow: 4096, logFile: s.logFile}));
    for (const args of [[], ['--json'], ['--fix', '--dry-run']]) {
      const r = await s.doctor(args);
      for (const secret of ['hunter2pass', 'QUERYSECRET123', 'SIGSECRET456']) {
        expect(r.out, `${args.join(' ')} stdout`).not.toContain(secret);
        expect(r.err, `${args.join(' ')} stderr`).not.toContain(secret);
      }
    }
  });
});

/** A server whose 401 body echoes the key (the one sent, or the one it expects), as some proxies do. */
async function echoingServer(key: string): Promise<{v1: string; close(): Promise<void>}> {
  const server: Server = createServer((req, res) => {
    const auth = String(req.headers.authorization ?? '');
    res.writeHead(401, {'content-type': 'application/json'});
    res.end(
      JSON.stringify({
        error: {message: `Incorrect API key provided: ${auth.replace(/^Bearer /, '')}; expected ${key}`},
      }),
    );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const {port} = server.address() as AddressInfo;
  return {v1: `http://127.0.0.1:${port}/v1`, close: () => new Promise((r) => server.close(() => r()))};
}

describe('key echoes', () => {
  it('a key resolved from env.vars and echoed by the server is masked whole, not down to a prefix', async () => {
    const key = 'sk-live-ZZ9yX8wV7uT6sR5qP4oN3m';
    const echo = await echoingServer(key);
    cleanups.push(() => echo.close());
    const s = setup();
    const text = configText({
      baseUrl: echo.v1,
      contextWindow: 65536,
      logFile: s.logFile,
      apiKey: '${LOCAL_KEY}',
    }).replace('gateway: { mode: "local" },', `gateway: { mode: "local" },\n  env: { vars: { LOCAL_KEY: "${key}" } },`);
    s.write(text);
    for (const args of [[], ['--json'], ['--probe']]) {
      const r = await s.doctor(args);
      expect(r.out + r.err).toMatch(/401/);
      expect(r.out + r.err).not.toContain('sk-live-ZZ');
    }
  });

  it('setup --fallback provider/sk-… is refused like other key-like flag values', async () => {
    const s = setup();
    const io = memoryIo({env: s.env});
    const code = await cli(
      [
        'setup',
        '--config',
        s.configPath,
        '--stack',
        'lmstudio',
        '--fallback',
        'anthropic/sk-live-abcdefghijklmnop1234',
        '--dry-run',
      ],
      io,
    );
    expect(code).toBe(2);
    expect(io.err()).toMatch(/looks like an API key/);
    expect(io.out() + io.err()).not.toContain('abcdefghijklmnop1234');
  });

  it('an unknown command never echoes a key-like argument', async () => {
    const io = memoryIo({env: {}});
    const code = await cli(['sk-proj-abcdefghijklmnopqrstuvwxyz0123456789'], io);
    expect(code).toBe(2);
    expect(io.err()).toMatch(/unknown command/);
    expect(io.err()).not.toContain('abcdefghijklmnopqrstuvwxyz');
  });
});

describe('same condition, same exit code and wording', () => {
  it('setup refuses a null and an array top level alike (exit 1, the same sentence)', async () => {
    const s = setup();
    const outs: {code: number; err: string}[] = [];
    for (const text of ['null\n', '[]\n']) {
      s.write(text);
      const io = memoryIo({env: s.env});
      outs.push({
        code: await cli(['setup', '--config', s.configPath, '--stack', 'lmstudio', '--dry-run'], io),
        err: io.err(),
      });
    }
    expect(outs.map((o) => o.code)).toEqual([1, 1]);
    expect(outs[0]!.err).toMatch(/top level is null, not an object/);
    expect(outs[1]!.err).toMatch(/top level is an array, not an object/);
  });

  it('a write refused by OPENCLAW_CONFIG_READONLY exits 1 from setup and from doctor --fix', async () => {
    const lm = await fake('lmstudio', {models: [{id: 'qwen/qwen3-coder-30b', loaded: true, loadedContext: 65536}]});
    const s = setup();
    s.write(configText({baseUrl: lm.v1, contextWindow: 4096, logFile: s.logFile}));
    const before = s.read();
    const env = {...s.env, OPENCLAW_CONFIG_READONLY: '1'};
    const io = memoryIo({env});
    const setupCode = await cli(
      [
        'setup',
        '--config',
        s.configPath,
        '--stack',
        'lmstudio',
        '--base-url',
        lm.v1,
        '--model',
        'qwen/qwen3-coder-30b',
        '--context',
        '32768',
        '--max-tokens',
        '8192',
        '--yes',
      ],
      io,
    );
    const fix = await s.doctor(['--fix', '--yes'], {OPENCLAW_CONFIG_READONLY: '1'});
    expect(setupCode, io.err()).toBe(1);
    expect(fix.code, fix.err).toBe(1);
    expect(io.err()).toMatch(/OPENCLAW_CONFIG_READONLY/);
    expect(fix.err).toMatch(/not written: OPENCLAW_CONFIG_READONLY=1 is set/);
    expect(s.read()).toBe(before);
  });
});

describe('explain on big pasted input', () => {
  // No wall-clock assertion: today's superlinear patterns took minutes on these, far past the test timeout.
  it('1 MB of pathological text (a long word, repeated path segments, blank lines) is answered, and paths still parse', async () => {
    const {explainText} = await import('../../src/commands/explain.js');
    for (const text of [
      'a'.repeat(1_000_000),
      'models.a'.repeat(125_000),
      '\n'.repeat(1_000_000),
      `${'x: '.repeat(300_000)}`,
    ]) {
      expect(explainText(text)).toEqual([]);
    }
    const noisy = `${'models.a'.repeat(100_000)}\nmodels.providers.x.api: Invalid option: expected one of "openai-completions"`;
    const [r] = explainText(noisy);
    expect(r?.evidence).toMatchObject({path: 'models.providers.x.api'});
    const keys = explainText(`${'agents'.repeat(3_000)} agents.defaults: Unrecognized keys: "foo", "bar"`);
    expect(keys[0]?.evidence).toMatchObject({path: 'agents.defaults', keys: 'foo, bar'});
  });
});

describe('doctor --probe follows --timeout-ms', () => {
  it('a server that accepts and never answers costs the given timeout, not two minutes', async () => {
    const {startHangingServer} = await import('../fakes/index.js');
    const hang = await startHangingServer();
    cleanups.push(() => hang.close());
    const s = setup();
    s.write(configText({baseUrl: `${hang.origin}/v1`, contextWindow: 65536, logFile: s.logFile}));
    // Without the fix this waits 120 s per model, far past the test's timeout.
    const {json} = await s.doctor(['--json', '--probe', '--timeout-ms', '300', '--only', 'latency.cold-start']);
    const r = json.checks.find((c: any) => c.id === 'latency.cold-start');
    expect(r.status).toBe('fail');
    expect(r.evidence).toMatchObject({cause: 'timeout', timeoutMs: 300});
    expect(r.message).toMatch(/no first token within 300 ms \(--timeout-ms\)/);
  });
});

describe("the server's numbers are checked before they reach a plan", () => {
  for (const loadedContext of [1, 4096.5]) {
    it(`a loaded context of ${loadedContext} is treated as unknown: doctor --fix proposes no contextWindow from it`, async () => {
      const lm = await fake('lmstudio', {models: [{id: 'qwen/qwen3-coder-30b', loaded: true, loadedContext}]});
      const s = setup();
      s.write(configText({baseUrl: lm.v1, contextWindow: 65536, logFile: s.logFile}));
      const r = await s.doctor(['--fix', '--json']);
      expect(r.err + r.out).not.toMatch(/contextWindow: (1|4096\.5)\b/);
      const fits = r.json.checks.find((c: any) => c.id === 'context.fits');
      expect(fits?.evidence?.loaded ?? null).toBeNull();
    });
  }
});
