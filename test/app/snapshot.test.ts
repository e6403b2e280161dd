/**
 * One snapshot for every command and screen: `$include`d providers and
 * `${VAR}` from the `.env` beside the config are seen the same way by the
 * doctor, `servers`, `hardware`, `explain` and the app (they all load it here).
 */
import {describe, expect, it, afterEach} from 'vitest';
import {mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {loadSnapshot} from '../../src/app/snapshot.js';
import {realServices} from '../../src/ui/real-services.js';
import {memoryIo} from '../../src/cli/io.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, {recursive: true, force: true});
});

function files(): {dir: string; config: string} {
  const dir = mkdtempSync(join(tmpdir(), 'ocld-snapshot-'));
  dirs.push(dir);
  const config = join(dir, 'openclaw.json');
  writeFileSync(
    config,
    `{
  models: { mode: "merge", $include: "./models.json5" },
  agents: { defaults: { model: { primary: "studio/qwen3-8b" } } },
}
`,
  );
  writeFileSync(
    join(dir, 'models.json5'),
    `{ providers: { studio: { baseUrl: "\${STUDIO_URL}", apiKey: "\${STUDIO_KEY}", api: "openai-completions",
    models: [{ id: "qwen3-8b", contextWindow: 32768 }] } } }
`,
  );
  writeFileSync(join(dir, '.env'), 'STUDIO_URL=http://127.0.0.1:41234/v1\nSTUDIO_KEY=sk-studio-0123456789abcdef\n');
  return {dir, config};
}

describe('loadSnapshot', () => {
  it('sees providers from $include with ${VAR} from the .env beside the config', async () => {
    const {dir, config} = files();
    const snap = await loadSnapshot({env: {HOME: dir}, cwd: dir, configPath: config});
    expect(snap.view?.providers.map((p) => [p.id, p.baseUrl, p.isLocal])).toEqual([
      ['studio', 'http://127.0.0.1:41234/v1', true],
    ]);
    expect(snap.targets).toEqual([
      {providerId: 'studio', baseUrl: 'http://127.0.0.1:41234/v1', apiKey: 'sk-studio-0123456789abcdef'},
    ]);
    expect(snap.secrets).toEqual(['sk-studio-0123456789abcdef']);
    expect(snap.includeIssues).toEqual([]);
  });

  it('the app home screen reads the same snapshot', async () => {
    const {dir, config} = files();
    const services = realServices({
      io: memoryIo({env: {HOME: dir}, cwd: dir}),
      global: {configPath: config, color: false, json: false},
      values: {},
      args: [],
    });
    const snap = await services.loadConfig();
    expect(snap.view?.providers.map((p) => p.id)).toEqual(['studio']);
  });

  it('a missing or unparsable file has no view and no targets', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ocld-snapshot-'));
    dirs.push(dir);
    const missing = await loadSnapshot({env: {HOME: dir}, cwd: dir, configPath: join(dir, 'none.json')});
    expect([missing.loaded.exists, missing.view, missing.targets]).toEqual([false, undefined, []]);
    writeFileSync(join(dir, 'bad.json'), '{ models: ');
    const bad = await loadSnapshot({env: {HOME: dir}, cwd: dir, configPath: join(dir, 'bad.json')});
    expect([bad.view, bad.targets]).toEqual([undefined, []]);
  });
});

describe('no front-end reads the config itself', () => {
  it('commands and screens locate/read it only through the snapshot loader (config path only locates)', () => {
    const src = fileURLToPath(new URL('../../src', import.meta.url));
    const callers = ['cli', 'commands', 'ui'].flatMap((dir) =>
      readdirSync(join(src, dir), {recursive: true, encoding: 'utf8'})
        .filter((f) => /\.tsx?$/.test(f))
        .filter((f) => /\b(readConfig|locateConfig)\(/.test(readFileSync(join(src, dir, f), 'utf8')))
        .map((f) => `${dir}/${f}`),
    );
    // config path reads no file: it has nothing to resolve (see its run()).
    expect(callers).toEqual(['commands/config-path.ts']);
  });
});
