/** HardwareSources fed from a recorded fixture (test/fixtures/hardware/*.json). */
import {readFileSync, readdirSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {trimSnapshot, type CommandResult, type HardwareSources, type OsFacts} from '../../src/hardware/index.js';

export const FIXTURE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/hardware');

interface CommandFixture {
  stdout?: string;
  stderr?: string;
  code?: number;
  error?: string;
  timeout?: boolean;
}

export interface HardwareFixture {
  description: string;
  os: OsFacts;
  env?: Record<string, string>;
  si: unknown[] | {timeout: true} | {error: string};
  commands?: Record<string, CommandFixture>;
  files?: Record<string, string>;
  dirs?: Record<string, string[]>;
}

export function fixtureNames(): string[] {
  return readdirSync(FIXTURE_DIR)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.replace(/\.json$/, ''))
    .sort();
}

export function loadFixture(name: string): HardwareFixture {
  return JSON.parse(readFileSync(path.join(FIXTURE_DIR, `${name}.json`), 'utf8')) as HardwareFixture;
}

export interface FixtureSources extends HardwareSources {
  calls: {file: string; args: string[]; timeoutMs: number}[];
}

export function fixtureSources(fx: HardwareFixture): FixtureSources {
  const calls: FixtureSources['calls'] = [];
  let clock = 0;
  return {
    calls,
    env: fx.env ?? {},
    os: () => fx.os,
    now: () => (clock += 5),
    runCommand: async (file, args, opts): Promise<CommandResult> => {
      calls.push({file, args, timeoutMs: opts.timeoutMs});
      const base = file
        .split(/[\\/]/)
        .pop()!
        .replace(/\.exe$/i, '');
      const c = fx.commands?.[file] ?? fx.commands?.[base];
      if (!c || c.error === 'not found')
        return {ok: false, code: null, stdout: '', stderr: '', timedOut: false, error: 'not found'};
      if (c.timeout)
        return {
          ok: false,
          code: null,
          stdout: '',
          stderr: '',
          timedOut: true,
          error: `timed out after ${opts.timeoutMs} ms`,
        };
      const code = c.code ?? 0;
      return {
        ok: code === 0 && !c.error,
        code,
        stdout: c.stdout ?? '',
        stderr: c.stderr ?? '',
        timedOut: false,
        ...(c.error ? {error: c.error} : {}),
      };
    },
    readFile: async (p) => fx.files?.[p],
    listDir: async (p) => fx.dirs?.[p] ?? [],
    siSnapshot: async (o) => {
      if (Array.isArray(fx.si)) return {ok: true, snapshot: trimSnapshot(fx.si)};
      if ('timeout' in fx.si)
        return {ok: false, timedOut: true, error: `systeminformation probe killed after ${o.timeoutMs} ms`};
      return {ok: false, timedOut: false, error: fx.si.error};
    },
  };
}
