/**
 * The published artefact, end to end: build the bundle into a staging copy of
 * the package, `npm pack` it, install the tarball offline into an empty
 * project, and run the installed bin the way users do (`npx`). The commands
 * must behave exactly as they do from source (same exit code, same checks).
 */
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {spawn} from 'node:child_process';
import {copyFile, mkdir, mkdtemp, readFile, rm, stat, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';
import {createRequire} from 'node:module';
import {transform} from 'esbuild';
import {startFake, type FakeServer} from '../fakes/index.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as {version: string; files: string[]};
const TARBALL_BUDGET_BYTES = 1_500_000; // 1.5 MB, as in bench/size.mjs

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runProc(
  cmd: string,
  args: string[],
  opts: {cwd: string; env: NodeJS.ProcessEnv; timeoutMs?: number},
): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {cwd: opts.cwd, env: opts.env, stdio: ['ignore', 'pipe', 'pipe']});
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 60_000);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({code, stdout, stderr});
    });
  });
}

function mustSucceed(what: string, r: Ran): Ran {
  if (r.code !== 0) throw new Error(`${what} exited ${r.code}\n${r.stderr}\n${r.stdout}`);
  return r;
}

/** npm's noise on these machines (a user npmrc key it does not know) is not ours. */
const withoutNpmNoise = (s: string) =>
  s
    .split('\n')
    .filter((l) => !/^npm warn /.test(l))
    .join('\n');

let tmp: string;
let app: string;
let tarball: string;
let packed: {filename: string; files: {path: string}[]; size: number};
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'old-pack-'));
  const stage = join(tmp, 'stage');
  const home = join(tmp, 'home');
  app = join(tmp, 'app');
  await Promise.all([mkdir(stage), mkdir(home), mkdir(app)]);
  // Nothing from the developer's environment: no real config, no oracle, no colour.
  env = {
    PATH: process.env.PATH,
    HOME: home,
    TMPDIR: tmp,
    CI: 'true',
    NO_COLOR: '1',
    npm_config_cache: join(tmp, 'npm-cache'),
    npm_config_update_notifier: 'false',
    NODE_DISABLE_COMPILE_CACHE: '1',
  };
  mustSucceed(
    'build',
    await runProc(process.execPath, [join(root, 'scripts/build.mjs'), '--outdir', join(stage, 'dist')], {
      cwd: root,
      env,
    }),
  );
  for (const f of ['package.json', 'README.md', 'LICENSE']) await copyFile(join(root, f), join(stage, f));
  // --ignore-scripts: prepack would rebuild from src, which the stage does not have.
  const pack = mustSucceed(
    'npm pack',
    await runProc('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', tmp], {cwd: stage, env}),
  );
  const info = JSON.parse(pack.stdout.slice(pack.stdout.indexOf('['))) as {
    filename: string;
    files: {path: string}[];
    size: number;
  }[];
  packed = info[0];
  tarball = join(tmp, packed.filename);
  await writeFile(join(app, 'package.json'), JSON.stringify({name: 'pack-smoke', private: true}));
  mustSucceed(
    'npm install (offline)',
    await runProc('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', tarball], {
      cwd: app,
      env,
    }),
  );
}, 180_000);

afterAll(async () => {
  if (tmp) await rm(tmp, {recursive: true, force: true});
});

/** The installed package, run as users run it. */
const npx = (args: string[], extraEnv: NodeJS.ProcessEnv = {}) =>
  runProc('npx', ['--offline', '--no', '--', 'openclaw-local-doctor', ...args], {cwd: app, env: {...env, ...extraEnv}});

/** The same command from source, for comparison (tsx by absolute URL: the cwd has no node_modules). */
const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const fromSource = (args: string[], extraEnv: NodeJS.ProcessEnv = {}) =>
  runProc(process.execPath, ['--import', tsxLoader, join(root, 'src/cli.ts'), ...args], {
    cwd: app,
    env: {...env, ...extraEnv},
  });

// Generous: these spawn npm and node processes on a machine that may be busy.
describe('packed tarball', {timeout: 90_000}, () => {
  it('holds only the bin, the bundle and its licences, README, LICENSE and package.json, within budget', async () => {
    expect(packed.files.map((f) => f.path).sort()).toEqual(
      [
        'LICENSE',
        'README.md',
        'dist/THIRD_PARTY_LICENSES.txt',
        'dist/cli.js',
        'dist/openclaw-local-doctor.mjs',
        'package.json',
      ].sort(),
    );
    expect((await stat(tarball)).size).toBeLessThanOrEqual(TARBALL_BUDGET_BYTES);
    const installed = JSON.parse(await readFile(join(app, 'node_modules/openclaw-local-doctor/package.json'), 'utf8'));
    for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies'])
      expect(installed[field]).toBeUndefined();
    // Nothing else came along with it.
    const lock = JSON.parse(await readFile(join(app, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, unknown>;
    };
    expect(Object.keys(lock.packages).filter((p) => p.startsWith('node_modules/'))).toEqual([
      'node_modules/openclaw-local-doctor',
    ]);
  });

  it('npx openclaw-local-doctor --version / -v / --help', async () => {
    for (const flag of ['--version', '-v']) {
      const r = await npx([flag]);
      expect(r.code).toBe(0);
      expect(r.stdout.trim()).toBe(pkg.version);
    }
    // --help and a combined --version go through the bundle, not the entry's shortcut.
    const help = await npx(['--help']);
    expect(help.code, help.stderr).toBe(0);
    expect(help.stdout).toMatch(/^Usage: openclaw-local-doctor/m);
    const combined = await npx(['doctor', '--version']);
    expect(combined.code, combined.stderr).toBe(0);
    expect(combined.stdout.trim()).toBe(pkg.version);
  });

  it('a usage error is one line and exit 2, no stack trace', async () => {
    const r = await npx(['--frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(withoutNpmNoise(r.stderr).trim().split('\n')[0]).toMatch(/^error: unknown option '--frobnicate'/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('with no command and no terminal it prints the doctor report, without colour, never the raw-mode error', async () => {
    const {CI: _ci, ...noCi} = env;
    const r = await runProc('npx', ['--offline', '--no', '--', 'openclaw-local-doctor'], {
      cwd: app,
      env: {...noCi, NO_COLOR: '1'},
    });
    expect(r.stderr).not.toMatch(/Raw mode|Dynamic require|Module not found|\n\s+at /);
    expect([0, 1], r.stderr).toContain(r.code);
    expect(r.stderr).toMatch(/not a terminal/);
    expect(r.stdout.length).toBeGreaterThan(0);
    expect(r.stdout).not.toMatch(/\x1b\[/);
  });

  it('on a terminal the bundled Ink app draws its screen and quits', async (ctx) => {
    // util-linux `script` gives the app a real pty (Ink needs raw mode); no pty, no test.
    const hasScript = (await runProc('sh', ['-c', 'command -v script'], {cwd: app, env})).code === 0;
    if (!hasScript) ctx.skip('`script` (util-linux) is not installed, so there is no pty to run the app in');
    const bin = join(app, 'node_modules/openclaw-local-doctor/dist/cli.js');
    const {CI: _ci, ...noCi} = env;
    const child = spawn(
      'script',
      ['-qfec', `stty cols 100 rows 30; exec '${process.execPath}' '${bin}'`, '/dev/null'],
      {
        cwd: app,
        env: {...noCi, TERM: 'xterm-256color'},
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    let screen = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (screen += d));
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    const plain = () => screen.replace(/\x1b\[[0-9;?]*[a-zA-Z]/g, '');
    try {
      const deadline = Date.now() + 30_000;
      // The first Ink frame (the app's own key hints), not just the entry's "starting…" line.
      while (!/quit/i.test(plain()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(plain(), 'no frame drawn').toMatch(/quit/i);
      expect(plain()).not.toMatch(/Raw mode|Dynamic require|Module not found|ERR_MODULE_NOT_FOUND/);
      // The bin shows the "starting…" line before the bundle loads; the app must not print it again.
      expect(plain().startsWith(`openclaw-local-doctor ${pkg.version} · starting…`)).toBe(true);
      expect(plain().split('· starting…').length - 1).toBe(1);
      await new Promise((r) => setTimeout(r, 100)); // let input subscribe
      child.stdin.write('q');
      const timer = setTimeout(() => child.stdin.write('\x03'), 5_000); // Ctrl+C if q is not "quit"
      const code = await exited;
      clearTimeout(timer);
      expect([0, 130]).toContain(code);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('hardware --json works from the bundle (systeminformation included)', async () => {
    const r = await npx(['hardware', '--json']);
    expect(r.stderr).not.toMatch(/Dynamic require|Module not found|ERR_MODULE_NOT_FOUND|Cannot find module/);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as Record<string, unknown>;
    const source = await fromSource(['hardware', '--json']);
    expect(source.code, source.stderr).toBe(r.code);
    // Same shape as from source (values such as free memory may differ between runs).
    const fromSrc = JSON.parse(source.stdout) as Record<string, unknown>;
    expect(Object.keys(report).sort()).toEqual(Object.keys(fromSrc).sort());
    // The bundle has no systeminformation package beside it, so its probe runs the bundle itself
    // in a child; that must work, not fall back to Node's own figures.
    expect(r.stdout).not.toMatch(/systeminformation (probe|is not available)/);
    type Profile = {profile?: {os?: unknown; cpu?: unknown; ramTotalGB?: unknown; accelerators?: unknown}};
    const facts = (x: Profile) => ({
      os: x.profile?.os,
      cpu: x.profile?.cpu,
      ram: x.profile?.ramTotalGB,
      accelerators: x.profile?.accelerators,
    });
    expect(facts(report as Profile)).toEqual(facts(fromSrc as Profile));
  });

  it('config check --json finds the same schema errors, in the same words, as from source', async () => {
    // The bundle trims zod to its English locale; the messages must not change.
    const bad = join(tmp, 'bad.json5');
    await writeFile(
      bad,
      `{models: {providers: {lmstudio: {baseUrl: "http://127.0.0.1:9/v1", api: "bogus",
      models: [{id: "m", name: "M", contextWindow: "32768", maxTokens: 8192}]}}}}\n`,
    );
    const args = ['config', 'check', '--json', '--config', bad];
    const r = await npx(args);
    expect(r.code, r.stderr).toBe(1);
    const source = await fromSource(args);
    expect(source.code, source.stderr).toBe(1);
    const messages = (out: string) =>
      (JSON.parse(out) as {issues: {path?: string; message: string}[]}).issues.map((i) => `${i.path}: ${i.message}`);
    expect(messages(r.stdout)).toEqual(messages(source.stdout));
    expect(messages(r.stdout).join('\n')).toMatch(/Invalid input: expected number, received string/);
  });

  it('servers --json finds the same servers and models as from source (HTTP through the bundled undici)', async () => {
    const kinds = ['lmstudio', 'ollama', 'vllm', 'llamacpp', 'litellm'] as const;
    const fakes = await Promise.all(kinds.map((k) => startFake(k)));
    try {
      const scan = {OPENCLAW_LOCAL_DOCTOR_PORTS: fakes.map((f) => f.port).join(',')};
      const r = await npx(['servers', '--json'], scan);
      expect(r.code, r.stderr).toBe(0);
      const source = await fromSource(['servers', '--json'], scan);
      expect(source.code, source.stderr).toBe(0);
      // Timings differ from run to run; everything else must match.
      const stable = (v: unknown): unknown =>
        Array.isArray(v)
          ? v.map(stable)
          : v && typeof v === 'object'
            ? Object.fromEntries(
                Object.entries(v)
                  .filter(([k]) => !/Ms$/.test(k))
                  .map(([k, x]) => [k, stable(x)]),
              )
            : v;
      const servers = (out: string) => stable((JSON.parse(out) as {servers: unknown[]}).servers);
      expect(servers(r.stdout)).toEqual(servers(source.stdout));
      expect((servers(r.stdout) as unknown[]).length).toBe(kinds.length);
    } finally {
      await Promise.all(fakes.map((f) => f.close()));
    }
  });

  describe('doctor --json against a fake LM Studio', () => {
    let fake: FakeServer;
    let configPath: string;
    beforeAll(async () => {
      fake = await startFake('lmstudio');
      configPath = join(tmp, 'openclaw.json');
      await writeFile(
        configPath,
        `// written by the pack test
{
  models: {
    providers: {
      lmstudio: {
        baseUrl: "${fake.v1}",
        api: "openai-responses",
        models: [{id: "qwen/qwen3-8b", name: "Qwen3 8B", contextWindow: 32768, maxTokens: 8192}],
      },
    },
  },
  agents: {defaults: {model: {primary: "lmstudio/qwen/qwen3-8b"}}},
}
`,
      );
    });
    afterAll(async () => {
      await fake?.close();
    });

    it('gives the same report as from source', async () => {
      const args = ['doctor', '--json', '--config', configPath];
      const r = await npx(args);
      expect(r.stderr).not.toMatch(/Dynamic require|Module not found|ERR_MODULE_NOT_FOUND|Cannot find module/);
      expect([0, 1], r.stderr).toContain(r.code);
      const report = JSON.parse(r.stdout) as {
        schemaVersion: number;
        checks: {id: string; status: string; message: string}[];
      };
      expect(report.schemaVersion).toBe(1);
      expect(report.checks.length).toBeGreaterThan(0);
      // A check that crashes in the bundle is a bundling bug.
      expect(report.checks.filter((c) => c.status === 'crashed')).toEqual([]);
      const source = await fromSource(args);
      expect(r.code, source.stderr).toBe(source.code);
      const summary = (rep: typeof report) => rep.checks.map((c) => `${c.id}:${c.status}`).sort();
      expect(summary(report)).toEqual(summary(JSON.parse(source.stdout)));
    });
  });
});

describe('bin entry', {timeout: 30_000}, () => {
  it('refuses a Node older than 20.19 with one clear line and exit 2, before loading the bundle', async () => {
    const bin = join(app, 'node_modules/openclaw-local-doctor/dist/cli.js');
    // Pretend to be another Node (a preload runs before the entry reads process.versions).
    const asNode = async (version: string) => {
      const preload = join(tmp, `node-${version}.cjs`);
      await writeFile(
        preload,
        `Object.defineProperty(process, 'versions', {value: {...process.versions, node: '${version}'}});\n`,
      );
      return runProc(process.execPath, ['--require', preload, bin, '--help'], {cwd: app, env});
    };
    for (const old of ['18.20.4', '20.18.3']) {
      const r = await asNode(old);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(
        `openclaw-local-doctor needs Node ≥ 20.19 (OpenClaw itself needs ≥ 24.16); you have ${old}\n`,
      );
    }
    const ok = await asNode('20.19.0');
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/^Usage: openclaw-local-doctor/m);
  });

  it('is ES5 apart from the dynamic import, so old Node can parse it and print that line', async () => {
    const source = await readFile(join(app, 'node_modules/openclaw-local-doctor/dist/cli.js'), 'utf8');
    // esbuild refuses to lower let/const/arrows/templates/classes to ES5, so this throws on any of them.
    await expect(
      transform(source.replace(/^#!.*\n/, ''), {target: 'es5', format: 'esm', supported: {'dynamic-import': true}}),
    ).resolves.toBeTruthy();
    await expect(transform('const a = () => 1;', {target: 'es5', format: 'esm'})).rejects.toThrow();
  });
});
