/**
 * Oracle: every stack's output on corpus files that OpenClaw 2026.9.6 already
 * accepts, plus an empty file, must pass `openclaw config validate --json`.
 * Needs OPENCLAW_BIN (a runnable OpenClaw); skipped with a reason otherwise.
 * Each call gets its own HOME / OPENCLAW_STATE_DIR / TMPDIR; two at a time.
 */
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {execFile} from 'node:child_process';
import {mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import JSON5 from 'json5';
import {applyPatch} from '../../src/config/index.js';
import {planStack, STACK_IDS, type StackAnswers, type StackId} from '../../src/core/stacks.js';
import {STACK_ANSWERS as ANSWERS} from '../setup/answers.js';

const BIN = process.env.OPENCLAW_BIN?.trim();
const SKIP_REASON = 'OPENCLAW_BIN is not set: the OpenClaw oracle checks of setup output are skipped';

/** Corpus files `openclaw config validate` accepts as they are (10 of 79 with 2026.9.6). */
const ACCEPTED = [
  '001-aa-cma-telegram.json5',
  '003-idea-to-jira-telegram.json5',
  '004-truestrength-whatsapp.json5',
  '006-qwen-audio-bailian.json5',
  '015-donna-bot-telegram.json5',
  '033-light-stack-litellm-unquoted.json5',
  '034-llamacpp-trailing-comma.json5',
  '044-ollama-minimal.json5',
  '047-ollama-cloud-aliases.json5',
  '056-dotfiles-clawdbot.json5',
];

const VARIANTS: [StackId, StackAnswers][] = [
  ['hybrid', {api: 'ollama', model: 'qwen3-coder:30b'}],
  ['local-first', {fallbacks: ['openai/gpt-5', 'google/gemini-2.5-pro']}],
  [
    'lmstudio',
    {
      model: 'qwen/qwen3-coder-30b',
      name: 'Qwen3 Coder 30B',
      contextWindow: 65536,
      maxTokens: 4096,
      api: 'openai-completions',
    },
  ],
  ['openai-compatible', {baseUrl: 'http://127.0.0.1:4000', model: 'gpt-local', api: 'openai-completions'}],
  ['regional', {region: 'us', model: 'moonshotai/kimi-k2'}],
];

interface Verdict {
  valid: boolean;
  detail: string;
}

let root = '';

/** Runs `openclaw <args>` on `text` as the config, in its own HOME / state dir / TMPDIR. */
function runOpenclaw(
  args: string[],
  text: string,
  name: string,
  extraEnv: Record<string, string> = {},
): Promise<{error: Error | null; stdout: string; stderr: string}> {
  const dir = mkdtempSync(path.join(root, `${name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60)}-`));
  for (const sub of ['home', 'state', 'tmp']) mkdirSync(path.join(dir, sub));
  const file = path.join(dir, 'openclaw.json');
  writeFileSync(file, text);
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: path.join(dir, 'home'),
    OPENCLAW_HOME: path.join(dir, 'home'),
    OPENCLAW_STATE_DIR: path.join(dir, 'state'),
    OPENCLAW_CONFIG_PATH: file,
    TMPDIR: path.join(dir, 'tmp'),
    ...extraEnv,
  };
  return new Promise((resolve) => {
    execFile(BIN!, args, {env, timeout: 120_000, maxBuffer: 8 << 20}, (error, stdout, stderr) =>
      resolve({error, stdout, stderr}),
    );
  });
}

function jsonIn(stdout: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(stdout.slice(stdout.indexOf('{')));
  } catch {
    return undefined;
  }
}

async function validate(text: string, name: string): Promise<Verdict> {
  const {error, stdout, stderr} = await runOpenclaw(['config', 'validate', '--json'], text, name);
  const doc = jsonIn(stdout);
  return {
    valid: doc?.valid === true && !error,
    detail: doc
      ? JSON.stringify(doc.issues ?? doc)
      : `no JSON verdict: ${(stderr || stdout || String(error)).slice(0, 500)}`,
  };
}

async function pool<T>(jobs: (() => Promise<T>)[], concurrency: number): Promise<T[]> {
  const results: T[] = new Array(jobs.length);
  let next = 0;
  await Promise.all(
    Array.from({length: concurrency}, async () => {
      while (next < jobs.length) {
        const i = next++;
        results[i] = await jobs[i]();
      }
    }),
  );
  return results;
}

interface Case {
  name: string;
  stack: StackId;
  source: string;
  text: string;
}

function cases(): Case[] {
  const sources: [string, string][] = [
    ['empty file', ''],
    ['{}', '{}\n'],
    // What OpenClaw itself writes: plain JSON, one item per line, a channel token.
    [
      'OpenClaw-written JSON',
      JSON.stringify(
        {
          meta: {lastTouchedVersion: '2026.9.6'},
          gateway: {mode: 'local', port: 18789},
          agents: {
            defaults: {
              model: {primary: 'anthropic/claude-opus-4-1'},
              models: {'anthropic/claude-opus-4-1': {alias: 'opus'}},
            },
          },
          channels: {telegram: {enabled: true, botToken: '123456:placeholder-token-for-tests'}},
        },
        null,
        2,
      ) + '\n',
    ],
    // Hand-written: mode replace, an allowlist, a string model given twice, one-line provider with a ${VAR} key.
    [
      'replace + allowlist + duplicate key',
      [
        '// hand-written',
        '{',
        '  gateway: { mode: "local" },',
        '  models: {',
        '    mode: "replace",',
        '    providers: {',
        '      openai: { apiKey: "${OPENAI_API_KEY}", baseUrl: "https://api.openai.com/v1", api: "openai-responses", models: [{ id: "gpt-5", name: "GPT-5" }] },',
        '    },',
        '  },',
        '  agents: {',
        '    defaults: {',
        '      model: "openai/gpt-5",',
        '      model: "openai/gpt-5",',
        '      modelPolicy: { allow: ["openai/gpt-5"] },',
        '    },',
        '  },',
        '}',
        '',
      ].join('\n'),
    ],
    ...ACCEPTED.map((f): [string, string] => [
      f,
      readFileSync(new URL(`../fixtures/configs/${f}`, import.meta.url), 'utf8'),
    ]),
  ];
  const out: Case[] = [];
  for (const [source, original] of sources) {
    const value = original.trim() === '' ? undefined : JSON5.parse(original);
    for (const stack of STACK_IDS) {
      const plan = planStack(stack, value, ANSWERS[stack]);
      out.push({name: `${source} + ${stack}`, stack, source, text: applyPatch(original, plan.ops)});
    }
    if (source !== '{}' && source !== '044-ollama-minimal.json5') continue;
    // Other answers: other APIs, ids with '/', explicit sizes and fallbacks.
    for (const [stack, answers] of VARIANTS) {
      const plan = planStack(stack, value, answers);
      out.push({
        name: `${source} + ${stack} ${JSON.stringify(answers)}`,
        stack,
        source,
        text: applyPatch(original, plan.ops),
      });
    }
  }
  return out;
}

describe.skipIf(!BIN)('OpenClaw accepts what setup writes', () => {
  const all = BIN ? cases() : [];
  const verdicts = new Map<string, Verdict>();

  beforeAll(async () => {
    root ||= mkdtempSync(path.join(tmpdir(), 'setup-oracle-'));
    const results = await pool(
      all.map((c) => () => validate(c.text, c.name)),
      2,
    );
    all.forEach((c, i) => verdicts.set(c.name, results[i]));
  }, 900_000);
  afterAll(() => {
    if (root) rmSync(root, {recursive: true, force: true});
    root = '';
  }, 300_000);

  it('the oracle can fail: a bad models.mode is rejected', async () => {
    const v = await validate('{models: {mode: "bogus"}}\n', 'negative-control');
    expect(v.valid).toBe(false);
    expect(v.detail).toContain('models.mode');
  }, 120_000);

  for (const c of all) {
    it(c.name, () => {
      const v = verdicts.get(c.name)!;
      expect(v.valid, v.detail).toBe(true);
    });
  }
});

/**
 * Semantic check: `openclaw models list --json` tags the model the primary
 * points at as "default" only when the ref resolves to a configured model.
 */
describe.skipIf(!BIN)('OpenClaw resolves the primary setup writes', () => {
  const semantic: [string, StackId, StackAnswers][] = [
    ['{}', 'lmstudio', {}],
    ['{}', 'lmstudio', {model: 'qwen/qwen3-coder-30b'}],
    ['{}', 'local-first', {}],
    ['{}', 'regional', {region: 'eu'}],
    ['{}', 'openai-compatible', ANSWERS['openai-compatible']],
    ['{}', 'ollama', ANSWERS.ollama],
    ['{}', 'llamacpp', ANSWERS.llamacpp],
    ['044-ollama-minimal.json5', 'ollama', ANSWERS.ollama],
  ];
  const listed = new Map<string, {primary: string; doc?: Record<string, unknown>; raw: string}>();
  beforeAll(async () => {
    root ||= mkdtempSync(path.join(tmpdir(), 'setup-oracle-'));
    const jobs = semantic.map(([source, stack, answers]) => async () => {
      const original =
        source === '{}' ? '{}\n' : readFileSync(new URL(`../fixtures/configs/${source}`, import.meta.url), 'utf8');
      const plan = planStack(stack, JSON5.parse(original), answers);
      // `models list` resolves ${VAR} keys and fails on a missing one, as it would for the user.
      const env = {OPENROUTER_API_KEY: 'placeholder-never-sent'};
      const r = await runOpenclaw(['models', 'list', '--json'], applyPatch(original, plan.ops), `list-${stack}`, env);
      listed.set(`${source} ${stack} ${JSON.stringify(answers)}`, {
        primary: plan.primary!,
        doc: jsonIn(r.stdout),
        raw: (r.stdout || r.stderr).slice(0, 500),
      });
    });
    await pool(jobs, 2);
  }, 900_000);
  afterAll(() => {
    if (root) rmSync(root, {recursive: true, force: true});
    root = '';
  }, 300_000);
  for (const [source, stack, answers] of semantic) {
    const key = `${source} ${stack} ${JSON.stringify(answers)}`;
    it(key, () => {
      const got = listed.get(key)!;
      const models = (got.doc?.models ?? []) as {key?: string; tags?: string[]}[];
      const defaults = models.filter((m) => m.tags?.includes('default')).map((m) => m.key);
      expect(defaults, got.raw).toEqual([got.primary]);
    });
  }
});

if (!BIN) console.warn(`test/oracle/setup-stacks: ${SKIP_REASON}`);
describe.runIf(!BIN)('OpenClaw oracle', () => {
  it.skip(SKIP_REASON, () => undefined);
});
