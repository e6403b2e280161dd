import {mkdtemp, rm, writeFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {memoryIo} from '../../src/cli/io.js';
import {main} from '../../src/cli/main.js';
import {describeModel, versionText} from '../../src/commands/servers.js';
import {closedPort, useFakes} from './helpers.js';

const {fake, hanging} = useFakes();
let home: string;
beforeEach(async () => {
  home = await mkdtemp(path.join(os.tmpdir(), 'ocld-servers-'));
});
afterEach(async () => {
  await rm(home, {recursive: true, force: true});
});

function env(ports: number[], extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {HOME: home, USERPROFILE: home, OPENCLAW_LOCAL_DOCTOR_PORTS: ports.join(','), ...extra};
}

describe('servers command', () => {
  it('prints each server, its models with state and loaded context, and the ports with nothing', async () => {
    const lms = await fake('lmstudio', {models: [{id: 'minimax-m2.1-gs32', loadedContext: 196608}]});
    const oll = await fake('ollama');
    const dead = await closedPort();
    const io = memoryIo({env: env([lms.port, oll.port, dead])});
    expect(await main(['servers'], io)).toBe(0);
    const out = io.out();
    expect(out).toContain(`✔ LM Studio ≥0.4.0 on :${lms.port} · `);
    expect(out).toContain(`\n    ● minimax-m2.1-gs32 loaded (196,608 ctx)\n`);
    expect(out).toContain(`✔ Ollama 0.13.5 on :${oll.port} · `);
    expect(out).toContain(`\n    ● qwen3:8b loaded (4,096 ctx; trained max 40,960) · tools · Q4_K_M\n`);
    expect(out).toContain('Responses API: yes');
    expect(out).toContain(`Nothing on :${dead}`);
  });

  it('--json: stdout is one JSON document with servers and nothingOn', async () => {
    const v = await fake('vllm');
    const dead = await closedPort();
    const io = memoryIo({env: env([v.port, dead])});
    expect(await main(['servers', '--json'], io)).toBe(0);
    const doc = JSON.parse(io.out()) as {
      servers: {port: number; fingerprint: {kind: string}; models: {loadedContext: number}[]}[];
      nothingOn: {port: number; kind: string}[];
    };
    expect(doc.servers).toHaveLength(1);
    expect(doc.servers[0]).toMatchObject({port: v.port, fingerprint: {kind: 'vllm'}});
    expect(doc.servers[0].models[0].loadedContext).toBe(32768);
    expect(doc.nothingOn).toEqual([expect.objectContaining({port: dead, kind: 'refused'})]);
  });

  it('nothing running: says so and exits 0', async () => {
    const dead = await closedPort();
    const io = memoryIo({env: env([dead])});
    expect(await main(['servers'], io)).toBe(0);
    expect(io.out()).toContain('No local model server is running');
  });

  it('--timeout-ms bounds a port that never answers', async () => {
    const h = await hanging();
    const io = memoryIo({env: env([h.port])});
    expect(await main(['servers', '--timeout-ms', '200'], io)).toBe(0);
    expect(io.out()).toContain(`:${h.port} accepted the connection but sent nothing within 200 ms`);
  });

  it('bad --timeout-ms is a usage error (exit 2)', async () => {
    const io = memoryIo({env: env([])});
    expect(await main(['servers', '--timeout-ms', 'soon'], io)).toBe(2);
    expect(io.err()).toContain('--timeout-ms');
  });

  it('probes the baseUrls of the OpenClaw config, with their key, and never prints the key', async () => {
    const key = 'sk-lm-Config-Key-0123456789';
    const lms = await fake('lmstudio', {apiKey: key});
    const cfg = path.join(home, 'openclaw.json');
    await writeFile(
      cfg,
      `// comments are fine\n{models: {providers: {lmstudio: {baseUrl: "${lms.v1}", apiKey: "\${LMS_KEY}", api: "openai-responses", models: [{id: "qwen/qwen3-8b"}]}}}}\n`,
    );
    const io = memoryIo({env: env([], {OPENCLAW_CONFIG_PATH: cfg, LMS_KEY: key})});
    expect(await main(['servers', '--json'], io)).toBe(0);
    const doc = JSON.parse(io.out()) as {
      servers: {foundVia: unknown; models: {id: string; state: string}[]; modelsError?: unknown}[];
    };
    expect(doc.servers).toHaveLength(1);
    expect(doc.servers[0].foundVia).toEqual({kind: 'config', providerId: 'lmstudio'});
    expect(doc.servers[0].modelsError).toBeUndefined();
    expect(doc.servers[0].models.map((m) => m.state)).toEqual(['loaded', 'not-loaded']);
    expect(io.out() + io.err()).not.toContain(key);
    expect(lms.requests.every((r) => r.headers.authorization === `Bearer ${key}`)).toBe(true);
  });

  it('a placeholder apiKey ("lmstudio", or the provider\'s own name) is not a secret: ids and kinds stay readable', async () => {
    const lms = await fake('lmstudio', {models: [{id: 'minimax-m2.1-gs32', loadedContext: 196608}]});
    const oll = await fake('ollama');
    const cfg = path.join(home, 'openclaw.json');
    await writeFile(
      cfg,
      `{models: {providers: {
        lmstudio: {baseUrl: "${lms.v1}", apiKey: "lmstudio", api: "openai-responses", models: [{id: "minimax-m2.1-gs32"}]},
        studio2: {baseUrl: "http://127.0.0.1:${oll.port}", apiKey: "studio2", api: "ollama", models: [{id: "qwen3:8b"}]},
      }}}
`,
    );
    const json = memoryIo({env: env([], {OPENCLAW_CONFIG_PATH: cfg})});
    expect(await main(['servers', '--json'], json)).toBe(0);
    const doc = JSON.parse(json.out()) as {servers: {foundVia: {providerId: string}; fingerprint: {kind: string}}[]};
    expect(json.out()).not.toContain('***');
    expect(doc.servers.map((x) => [x.fingerprint.kind, x.foundVia.providerId]).sort()).toEqual([
      ['lmstudio', 'lmstudio'],
      ['ollama', 'studio2'],
    ]);
    const text = memoryIo({env: env([], {OPENCLAW_CONFIG_PATH: cfg})});
    expect(await main(['servers'], text)).toBe(0);
    expect(text.out()).toContain(`on :${lms.port} (provider lmstudio)`);
    expect(text.out()).toContain(`on :${oll.port} (provider studio2)`);
  });

  it('the report fits 80 columns: long server lines and the list of empty ports wrap', async () => {
    const oll = await fake('ollama');
    const lms = await fake('lmstudio', {
      models: [
        {
          id: 'mlx-community/MiniMax-M2.1-4bit-with-a-long-name',
          loadedContext: 196608,
          maxContext: 196608,
          toolUse: true,
          quantization: 'MLX 4bit',
        },
      ],
    });
    const dead = await Promise.all([1, 2, 3, 4, 5, 6, 7].map(() => closedPort()));
    const io = memoryIo({env: env([oll.port, lms.port, ...dead])});
    expect(await main(['servers'], io)).toBe(0);
    const out = io.out();
    for (const line of out.trimEnd().split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
    for (const p of dead) expect(out).toContain(`:${p}`);
    expect(out).toMatch(/qwen3:8b loaded \(4,096 ctx; trained max 40,960\)/);
    expect(out).toMatch(/mlx-community\/MiniMax-M2\.1-4bit-with-a-long-name loaded/);
  });

  it('wrapped detail lines keep their indent (a long 401 message under its server)', async () => {
    const locked = await fake('lmstudio', {apiKey: 'sk-lm-abcdefghijk123'});
    const io = memoryIo({env: env([locked.port])});
    expect(await main(['servers'], io)).toBe(0);
    const lines = io.out().trimEnd().split('\n');
    const at = lines.findIndex((l) => l.includes('models: HTTP 401'));
    expect(at).toBeGreaterThan(0);
    expect(lines[at]).toMatch(/^ {4}! models: HTTP 401/);
    for (const line of lines) {
      expect(line.length, line).toBeLessThanOrEqual(80);
      expect(line, 'every line is a server, a summary, or indented under one').toMatch(
        /^(✔|✖|Nothing on|No local|Scanned|Skipped| {4})/,
      );
    }
  });

  it('a narrower terminal (50 columns) gets a narrower report', async () => {
    const oll = await fake('ollama');
    const dead = await Promise.all([1, 2, 3].map(() => closedPort()));
    const io = memoryIo({env: env([oll.port, ...dead])});
    io.stdout.isTTY = true;
    io.stdout.columns = 50;
    expect(await main(['servers', '--no-color'], io)).toBe(0);
    for (const line of io.out().trimEnd().split('\n')) expect(line.length, line).toBeLessThanOrEqual(50);
    expect(io.out()).toContain('qwen3:8b loaded');
  });

  it('control characters a server sends (terminal escapes in a model id) are not printed raw', async () => {
    const evil = await fake('lmstudio', {models: [{id: 'x\u001b]0;pwned\u0007\u001b[2Jmodel', loadedContext: 4096}]});
    const io = memoryIo({env: env([evil.port])});
    expect(await main(['servers'], io)).toBe(0);
    expect(io.out()).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(io.out()).toContain('model loaded (4,096 ctx');
  });

  it('OPENCLAW_LOCAL_DOCTOR_PORTS: entries that are not ports are named on stderr, not silently dropped', async () => {
    const dead = await closedPort();
    const io = memoryIo({env: env([], {OPENCLAW_LOCAL_DOCTOR_PORTS: `abc,${dead},99999`})});
    expect(await main(['servers'], io)).toBe(0);
    expect(io.err()).toMatch(/OPENCLAW_LOCAL_DOCTOR_PORTS: ignoring "abc", "99999" \(not a port\)/);
    expect(io.out()).toContain(`Nothing on :${dead}`);
    const none = memoryIo({env: env([], {OPENCLAW_LOCAL_DOCTOR_PORTS: 'abc'})});
    expect(await main(['servers'], none)).toBe(0);
    expect(none.out()).toMatch(/No ports to scan/);
    expect(none.out()).not.toMatch(/No local model server is running/);
  });

  it('a llama.cpp still loading says so once, without repeating its 503 as a models error', async () => {
    const l = await fake('llamacpp', {loading: true});
    const io = memoryIo({env: env([l.port])});
    expect(await main(['servers'], io)).toBe(0);
    expect(io.out()).toContain('still loading the model');
    expect(io.out()).not.toMatch(/HTTP 503|Loading model/);
  });

  it('a hosted baseUrl in the config is listed as skipped, pointing at the flag that does probe it', async () => {
    const cfg = path.join(home, 'openclaw.json');
    await writeFile(
      cfg,
      `{models: {providers: {openrouter: {baseUrl: "https://openrouter.ai/api/v1", apiKey: "sk-or-v1-abcdefghijklmnop", models: []}}}}\n`,
    );
    const io = memoryIo({env: env([], {OPENCLAW_CONFIG_PATH: cfg})});
    expect(await main(['servers'], io)).toBe(0);
    expect(io.out().replace(/\s+/g, ' ')).toContain(
      'Skipped https://openrouter.ai/api/v1 (provider openrouter): hosted provider, not probed (doctor --include-hosted checks it)',
    );
    expect(io.out()).not.toContain('unless asked');
  });

  it('describes models by state', () => {
    expect(
      describeModel({
        id: 'a',
        state: 'loaded',
        loadedContext: 32768,
        maxContext: 131072,
        toolUse: true,
        quantization: 'Q4_K_M',
      }),
    ).toBe('a loaded (32,768 ctx; trained max 131,072) · tools · Q4_K_M');
    expect(describeModel({id: 'b', state: 'not-loaded', maxContext: 8192})).toBe('b not loaded (trained max 8,192)');
    expect(describeModel({id: 'c', state: 'loaded'})).toBe('c loaded (context not reported)');
    expect(describeModel({id: 'd', state: 'unknown'})).toBe('d listed');
    expect(describeModel({id: 'e', state: 'unknown', loadedContext: 32768, toolUse: true})).toBe(
      'e listed (32,768 ctx limit) · tools',
    );
  });

  it('version text: exact, lower bound, or minor series', () => {
    const fp = {kind: 'lmstudio' as const, evidence: '', origin: ''};
    expect(versionText({...fp, version: '0.13.5'})).toBe('0.13.5');
    expect(versionText({...fp, versionRange: '>=0.4.0'})).toBe('≥0.4.0');
    expect(versionText({...fp, versionRange: '>=0.3.6 <0.4.0'})).toBe('0.3.x');
    expect(versionText(fp)).toBe('');
  });

  it('a port that answers but is no model server says what it answered', async () => {
    const g = await fake('vllm', {garbage: true});
    const io = memoryIo({env: env([g.port])});
    expect(await main(['servers'], io)).toBe(0);
    expect(io.out()).toContain(`✖ :${g.port} answered GET /v1/models with something that is not JSON`);
  });
});
