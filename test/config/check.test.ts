import {mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterAll, describe, expect, it} from 'vitest';
import {checkConfig, locatePath, newIssues} from '../../src/config/check.js';
import {parseConfigText, readConfig} from '../../src/config/read.js';
import type {ConfigIssue} from '../../src/core/types/config.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const tmp = mkdtempSync(path.join(os.tmpdir(), 'check-'));
afterAll(() => rmSync(tmp, {recursive: true, force: true}));

const check = (text: string, env: NodeJS.ProcessEnv = {}) =>
  checkConfig(parseConfigText(text, path.join(tmp, 'openclaw.json')), {env});
const brief = (issues: ConfigIssue[]) => issues.map((i) => `${i.severity} ${i.code} ${i.path ?? ''}`);

const LOCAL = `{
  models: {
    providers: {
      lmstudio: {
        baseUrl: "http://127.0.0.1:1234/v1",
        api: "openai-responses",
        models: [{id: "qwen/qwen3-8b", name: "Qwen3 8B"}],
      },
      mybox: {baseUrl: "http://mybox:8000/v1", models: [{id: "coder", name: "Coder"}]},
    },
  },
  agents: {defaults: {PLACEHOLDER}},
}`;
const withDefaults = (defaults: string) => LOCAL.replace('PLACEHOLDER', defaults);
/** The allowlist migration already recorded, so only the checks under test speak. */
const migrated = (text: string) =>
  text.replace('{\n  models:', '{\n  meta: {migrations: {modelPolicyAllowlist: true}},\n  models:');

describe('locatePath', () => {
  const text = '// head\n{\n  a: {b: [10, {c: 1}]},\n  "q\\u0075oted": 2,\n  dup: 1,\n  dup: {x: 1},\n}\n';
  it('finds keys and array elements (1-based line/column), the last of duplicate keys', () => {
    expect(locatePath(text, [])).toEqual({line: 2, column: 1});
    expect(locatePath(text, ['a', 'b', 1, 'c'])).toEqual({line: 3, column: 16});
    expect(locatePath(text, ['a', 'b', 0])).toEqual({line: 3, column: 11});
    expect(locatePath(text, ['quoted'])).toEqual({line: 4, column: 3});
    expect(locatePath(text, ['dup'])).toEqual({line: 6, column: 3});
    expect(locatePath(text, ['dup', 'x'])).toEqual({line: 6, column: 9});
  });

  it('returns the deepest ancestor found when the rest is missing', () => {
    expect(locatePath(text, ['a', 'zzz', 'y'])).toEqual({line: 3, column: 3});
    expect(locatePath('', ['a'])).toBeUndefined();
  });

  it('agrees with CRLF files from the corpus', () => {
    const crlf = readFileSync(path.join(here, '../fixtures/configs/027-crlf-kingai-ollama-unquoted.json5'), 'utf8');
    const pos = locatePath(crlf, ['models', 'providers'])!;
    const line = crlf.split('\n')[pos.line - 1];
    expect(line.slice(pos.column - 1)).toMatch(/^providers/);
  });
});

describe('checkConfig', () => {
  it('a good local config has no issues', () => {
    expect(check(withDefaults('model: {primary: "lmstudio/qwen/qwen3-8b", fallbacks: ["mybox/coder"]}'))).toEqual([]);
  });

  it('parse errors carry line and column; nothing else is checked', () => {
    expect(check('{\n  a: 1\n  b: 2\n}')).toEqual([
      {
        severity: 'error',
        code: 'parse',
        message: "JSON5 syntax error: invalid character 'b'; probably a comma missing at the end of line 2",
        line: 3,
        column: 3,
      },
    ]);
  });

  it('missing and unreadable files are errors', async () => {
    expect(checkConfig(await readConfig(path.join(tmp, 'none.json')))).toEqual([
      expect.objectContaining({severity: 'error', code: 'missing'}),
    ]);
    mkdirSync(path.join(tmp, 'dir.json'));
    expect(checkConfig(await readConfig(path.join(tmp, 'dir.json')))).toEqual([
      expect.objectContaining({severity: 'error', code: 'read'}),
    ]);
  });

  it('schema issues get the line and column of the offending key', () => {
    const issues = check(withDefaults('compaction: {reserveTokens: 4000}'));
    expect(issues).toEqual([
      {
        severity: 'error',
        code: 'unknown-key',
        message: 'Unrecognized key: "reserveTokens"',
        path: 'agents.defaults.compaction.reserveTokens',
        line: 12,
        column: 36,
      },
    ]);
  });

  it('duplicate keys are warnings with their position', () => {
    const issues = check('{\n  gateway: {mode: "local"},\n  gateway: {mode: "local"},\n}');
    expect(issues).toEqual([
      expect.objectContaining({severity: 'warning', code: 'duplicate-key', path: 'gateway', line: 2, column: 3}),
    ]);
  });

  it('model refs: split at the first /, checked against the provider models', () => {
    expect(check(withDefaults('model: "lmstudio/qwen/qwen3-8b"'))).toEqual([]);
    const issues = check(
      withDefaults('model: {primary: "mybox/missing", fallbacks: ["mybox/Coder", "nowhere/x", "lmstudio/other"]}'),
    );
    expect(brief(issues)).toEqual([
      'error model-ref agents.defaults.model.primary',
      'error model-ref agents.defaults.model.fallbacks.0',
      'warning model-ref agents.defaults.model.fallbacks.1',
      'warning model-ref agents.defaults.model.fallbacks.2',
    ]);
    expect(issues[1].message).toMatch(/did you mean "mybox\/coder"/);
    expect(issues[2].message).toMatch(/provider "nowhere" is not defined/);
    expect(issues[0]).toMatchObject({line: 12, column: 31});
  });

  it('bundled providers and wildcards resolve without errors', () => {
    const issues = check(
      migrated(
        withDefaults(
          'model: {primary: "anthropic/claude-sonnet-4", fallbacks: ["ollama/qwen3"]}, models: {"vllm/*": {}, "lmstudio/qwen/qwen3-8b": {alias: "Q"}}',
        ),
      ),
    );
    expect(brief(issues)).toEqual(['info model-ref agents.defaults.model.fallbacks.0']);
    expect(issues[0].message).toMatch(/discovery/);
  });

  it('refs without a provider prefix: an alias, a model only one provider lists, else a warning', () => {
    expect(
      brief(check(migrated(withDefaults('model: "Q", models: {"lmstudio/qwen/qwen3-8b": {alias: "Q"}}')))),
    ).toEqual([]);
    expect(brief(check(withDefaults('model: "coder"')))).toEqual([]);
    const bare = check(withDefaults('model: "qwen3"'));
    expect(brief(bare)).toEqual(['warning model-ref agents.defaults.model']);
    expect(bare[0].message).toMatch(/"openai\/qwen3"/);
    expect(brief(check(withDefaults('model: "/x"')))).toEqual(['error model-ref agents.defaults.model']);
    expect(brief(check(withDefaults('model: "lmstudio/"')))).toEqual(['error model-ref agents.defaults.model']);
  });

  it('alias keys and per-agent models are checked too', () => {
    const text = LOCAL.replace(
      'agents: {defaults: {PLACEHOLDER}},',
      'agents: {defaults: {models: {"mybox/gone": {}}}, entries: {main: {model: "mybox/nope"}}, list: [{id: "x", model: {primary: "lmstudio/zzz"}}]},',
    );
    expect(brief(check(migrated(text)))).toEqual([
      'error model-ref agents.entries.main.model',
      'warning model-ref agents.defaults.models.mybox/gone',
      'warning model-ref agents.list.0.model.primary',
      'info legacy-key agents.list',
    ]);
  });

  it('allowlist trap: a model in use must be on a non-empty modelPolicy.allow', () => {
    const good = withDefaults(
      'model: {primary: "lmstudio/qwen/qwen3-8b", fallbacks: ["mybox/coder"]}, modelPolicy: {allow: ["lmstudio/*", "mybox/coder"]}',
    );
    expect(check(good)).toEqual([]);
    const trap = withDefaults(
      'model: {primary: "lmstudio/qwen/qwen3-8b", fallbacks: ["mybox/coder"]}, modelPolicy: {allow: ["anthropic/claude"]}',
    );
    const issues = check(trap);
    expect(brief(issues)).toEqual([
      'error allowlist agents.defaults.model.primary',
      'warning allowlist agents.defaults.model.fallbacks.0',
    ]);
    expect(issues[0].message).toMatch(/model not allowed/);
    expect(check(withDefaults('model: "lmstudio/qwen/qwen3-8b", modelPolicy: {allow: []}'))).toEqual([]);
  });

  it('warns about the pending allowlist migration of agents.defaults.models keys', () => {
    const pending = withDefaults('model: "mybox/coder", models: {"lmstudio/qwen/qwen3-8b": {}}');
    expect(brief(check(pending))).toEqual(['warning allowlist agents.defaults.model']);
    expect(brief(check(migrated(pending)))).toEqual([]);
    expect(migrated(pending)).not.toBe(pending);
  });

  it('unknown root / agents.defaults keys are warnings; legacy keys are info', () => {
    const issues = check('{providers: {}, agents: {defaults: {contextTokens: 1000, nope: 1}}}');
    expect(brief(issues)).toEqual([
      'warning unknown-key providers',
      'warning unknown-key agents.defaults.nope',
      'info legacy-key agents.defaults.contextTokens',
    ]);
    expect(issues[0].message).toMatch(/models\.providers/);
  });

  it('${VAR}: missing vars are warnings; set vars are used for the checks', () => {
    const text =
      '{models: {providers: {mine: {baseUrl: "${BASE}", models: [{id: "m", name: "M", contextWindow: 32768}]}}}, agents: {defaults: {model: "${MODEL}"}}}';
    expect(brief(check(text))).toEqual([
      'warning env-var models.providers.mine.baseUrl',
      'warning env-var agents.defaults.model',
    ]);
    expect(check(text, {BASE: 'http://x', MODEL: 'mine/m'})).toEqual([]);
    expect(brief(check(text, {BASE: 'http://x', MODEL: 'mine/other'}))).toEqual([
      'error model-ref agents.defaults.model',
    ]);
  });

  it('$include content is validated; positions fall back to the include site', () => {
    const dir = path.join(tmp, 'inc');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'agents.json5'), '{defaults: {compaction: {maxHistoryShare: 0.5}}}');
    const loaded = parseConfigText('{\n  agents: {$include: "./agents.json5"},\n}', path.join(dir, 'openclaw.json'));
    expect(checkConfig(loaded, {env: {}})).toEqual([
      expect.objectContaining({
        code: 'unknown-key',
        path: 'agents.defaults.compaction.maxHistoryShare',
        line: 2,
        column: 3,
      }),
    ]);
  });

  it('never throws on the corpus; every issue has a severity and a code', async () => {
    const dir = path.join(here, '../fixtures/configs');
    let errors = 0;
    for (const name of readdirSync(dir).filter((f) => f.endsWith('.json5'))) {
      const issues = checkConfig(await readConfig(path.join(dir, name)), {env: {}});
      for (const i of issues) {
        expect(['error', 'warning', 'info']).toContain(i.severity);
        expect(i.code).toBeTruthy();
      }
      if (issues.some((i) => i.severity === 'error')) errors++;
    }
    expect(errors).toBeGreaterThanOrEqual(14); // 11 schema + 3 BAD at least
  });
});

describe('newIssues', () => {
  it('ignores positions and counts repeats', () => {
    const a: ConfigIssue = {severity: 'error', code: 'schema', message: 'm', path: 'p', line: 1, column: 1};
    expect(newIssues([a], [{...a, line: 9}])).toEqual([]);
    expect(newIssues([a], [a, a])).toEqual([a]);
    expect(newIssues([], [a])).toEqual([a]);
    expect(newIssues([a], [{...a, message: 'reworded'}])).toEqual([]);
    expect(newIssues([a], [{...a, path: 'q'}])).toHaveLength(1);
    const parse: ConfigIssue = {severity: 'error', code: 'parse', message: 'x at 1:1'};
    expect(newIssues([parse], [{...parse, message: 'y at 2:2'}])).toHaveLength(1);
  });

  it('an unset ${VAR} that only moved is not new; a new variable is', () => {
    const before = check(migrated(withDefaults('model: "${MY_MODEL}"')));
    const moved = check(
      migrated(withDefaults('model: {primary: "lmstudio/qwen/qwen3-8b", fallbacks: ["${MY_MODEL}"]}')),
    );
    expect(brief(before)).toContain('warning env-var agents.defaults.model');
    expect(brief(moved)).toContain('warning env-var agents.defaults.model.fallbacks.0');
    expect(newIssues(before, moved)).toEqual([]);
    const other = check(
      migrated(
        withDefaults('model: {primary: "lmstudio/qwen/qwen3-8b", fallbacks: ["${MY_MODEL}", "${OTHER_MODEL}"]}'),
      ),
    );
    expect(newIssues(before, other).map((i) => i.message)).toEqual([expect.stringContaining('${OTHER_MODEL}')]);
  });

  it('a dangling model ref that only moved (string primary → fallbacks, new alias key) is not new', () => {
    const before = check(migrated(withDefaults('model: "ghost/x"')));
    const after = check(
      migrated(
        withDefaults('model: {primary: "lmstudio/qwen/qwen3-8b", fallbacks: ["ghost/x"]}, models: {"ghost/x": {}}'),
      ),
    );
    expect(brief(before)).toEqual(['warning model-ref agents.defaults.model']);
    expect(after.length).toBe(2);
    expect(newIssues(before, after)).toEqual([]);
    // A different dangling ref is new.
    const other = check(migrated(withDefaults('model: {primary: "ghost/y"}')));
    expect(brief(newIssues(before, other))).toEqual(['warning model-ref agents.defaults.model.primary']);
    // The same ref turning into an error (now the primary of a custom provider that lacks it) is new.
    const soft = check(migrated(withDefaults('models: {"mybox/nope": {}}')));
    const hard = check(migrated(withDefaults('model: {primary: "mybox/nope"}, models: {"mybox/nope": {}}')));
    expect(brief(newIssues(soft, hard))).toEqual(['error model-ref agents.defaults.model.primary']);
  });
});

describe('token numbers (OpenClaw takes any positive number; its guard refuses under 4,000)', () => {
  it('flags contextWindow 1 (error), 4096.5 (warning) and maxTokens not below the window (warning)', () => {
    const model = (extra: string) =>
      `{models: {providers: {mine: {baseUrl: "http://127.0.0.1:9/v1", models: [{id: "m", name: "M", ${extra}}]}}}}`;
    expect(brief(check(model('contextWindow: 1, maxTokens: 1024')))).toEqual([
      'error token-number models.providers.mine.models.0.contextWindow',
      'warning token-number models.providers.mine.models.0.maxTokens',
    ]);
    expect(brief(check(model('contextWindow: 4096.5')))).toEqual([
      'warning token-number models.providers.mine.models.0.contextWindow',
    ]);
    expect(check(model('contextWindow: 32768, maxTokens: 8192'))).toEqual([]);
  });
});
