/** Real temp setups for command-level tests: temp HOME, a config file, a PATH node stub, an injected hardware profile. */
import {chmodSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach} from 'vitest';
import {startFake, type FakeServer} from '../fakes/index.js';
import {cli} from '../support/run-cli.js';
import {memoryIo} from '../../src/cli/io.js';
import {HEALTHY_PROFILE} from './helpers.js';

export interface TempSetup {
  dir: string;
  configPath: string;
  stateDir: string;
  logFile: string;
  env: NodeJS.ProcessEnv;
  write(text: string): void;
  read(): string;
  files(): string[];
  doctor(args: string[], extraEnv?: NodeJS.ProcessEnv): Promise<{code: number; out: string; err: string; json: any}>;
  cleanup(): void;
}

export function tempSetup(opts: {nodeVersion?: string; profile?: unknown} = {}): TempSetup {
  const dir = mkdtempSync(join(tmpdir(), 'ocld-doctor-'));
  const stateDir = join(dir, 'state');
  mkdirSync(stateDir, {recursive: true});
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  // The doctor reports the node first on PATH; this stub stands in for the user's.
  writeFileSync(join(bin, 'node'), `#!/bin/sh\necho ${opts.nodeVersion ?? 'v24.16.0'}\n`);
  chmodSync(join(bin, 'node'), 0o755);
  const profileFile = join(dir, 'hardware.json');
  writeFileSync(profileFile, JSON.stringify(opts.profile ?? HEALTHY_PROFILE));
  const configPath = join(stateDir, 'openclaw.json');
  const logFile = join(dir, 'openclaw.log');
  const env: NodeJS.ProcessEnv = {
    HOME: dir,
    OPENCLAW_HOME: dir,
    OPENCLAW_STATE_DIR: stateDir,
    PATH: `${bin}:/usr/bin:/bin`,
    OPENCLAW_LOCAL_DOCTOR_HARDWARE_FILE: profileFile,
  };
  const s: TempSetup = {
    dir,
    configPath,
    stateDir,
    logFile,
    env,
    write: (text) => writeFileSync(configPath, text),
    read: () => readFileSync(configPath, 'utf8'),
    files: () => readdirSync(stateDir),
    async doctor(args, extraEnv = {}) {
      const io = memoryIo({env: {...env, ...extraEnv}, now: () => new Date('2026-11-22T10:00:00Z')});
      const code = await cli(['doctor', '--config', configPath, ...args], io);
      let json: any;
      if (args.includes('--json')) {
        try {
          json = JSON.parse(io.out());
        } catch {
          json = undefined;
        }
      }
      return {code, out: io.out(), err: io.err(), json};
    },
    cleanup: () => rmSync(dir, {recursive: true, force: true}),
  };
  return s;
}

/** JSON5 config text (comments, unquoted keys, trailing commas) for a local provider + hosted fallback. */
export function configText(o: {
  providerId?: string;
  baseUrl: string;
  api?: string;
  model?: string;
  contextWindow?: number;
  contextTokens?: number;
  maxTokens?: number;
  timeoutSeconds?: number;
  fallbacks?: string[];
  compaction?: boolean;
  logFile?: string;
  extraProvider?: string;
  extraRoot?: string;
  apiKey?: string;
}): string {
  const pid = o.providerId ?? 'lmstudio';
  const model = o.model ?? 'qwen/qwen3-coder-30b';
  const fallbacks = o.fallbacks ?? ['anthropic/claude-sonnet-4-5'];
  const modelLines = [
    `id: ${JSON.stringify(model)}`,
    `name: "Local model"`,
    o.contextWindow !== undefined ? `contextWindow: ${o.contextWindow}` : '',
    o.contextTokens !== undefined ? `contextTokens: ${o.contextTokens}` : '',
    `maxTokens: ${o.maxTokens ?? 8192}`,
  ].filter(Boolean);
  return `// OpenClaw config written by hand (test)
{
  gateway: { mode: "local" },
  models: {
    mode: "merge",
    providers: {
      ${JSON.stringify(pid)}: {
        baseUrl: ${JSON.stringify(o.baseUrl)}, // the local server
        apiKey: ${JSON.stringify(o.apiKey ?? 'local-key-not-secret')},
        ${o.api ? `api: ${JSON.stringify(o.api)},` : ''}
        timeoutSeconds: ${o.timeoutSeconds ?? 600},
        models: [
          { ${modelLines.join(', ')} },
        ],
      },${o.extraProvider ?? ''}
    },
  },
  agents: {
    defaults: {
      model: { primary: ${JSON.stringify(`${pid}/${model}`)}, fallbacks: ${JSON.stringify(fallbacks)} },
      compaction: { enabled: ${o.compaction ?? true}, mode: "safeguard" },
    },
  },
  ${o.logFile ? `logging: { file: ${JSON.stringify(o.logFile)} },` : ''}${o.extraRoot ?? ''}
}
`;
}

/**
 * Fake servers and temp setups that close after each test: call once at the top
 * of a test file (registers an afterEach).
 */
export function testLifecycle(): {
  fake(kind: Parameters<typeof startFake>[0], opts?: Parameters<typeof startFake>[1]): Promise<FakeServer>;
  setup(o?: Parameters<typeof tempSetup>[0]): TempSetup;
  cleanups: (() => unknown)[];
} {
  const cleanups: (() => unknown)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0)) await c();
  });
  return {
    cleanups,
    async fake(kind, opts = {}) {
      const f = await startFake(kind, opts);
      cleanups.push(() => f.close());
      return f;
    },
    setup(o = {}) {
      const s = tempSetup(o);
      cleanups.push(() => s.cleanup());
      return s;
    },
  };
}
