/** What the user is shown about a config change: the masked diff and the new issues (setup, doctor --fix, the app). */
import {describe, expect, it} from 'vitest';
import {maskDiffSecrets} from '../src/core/mask-diff.js';
import {unifiedDiff} from '../src/config/index.js';
import {realServices} from '../src/ui/real-services.js';
import {memoryIo} from '../src/cli/io.js';

const before = `{
  models: {
    providers: {
      corp: { baseUrl: "https://llm.corp.example/v1", apiKey: "c0rpK3y", models: [] },
      lmstudio: { baseUrl: "http://127.0.0.1:1234/v1", apiKey: "lmstudio", models: [] },
    },
  },
}
`;
const after = before.replace(
  'models: [] },\n    },',
  'models: [] },\n      vllm: { baseUrl: "http://127.0.0.1:8000/v1", apiKey: "sk-abcdefghijklmnopqrstuvwxyz123456", models: [] },\n    },',
);

describe('maskDiffSecrets', () => {
  it('masks a short custom key in context lines and a long key in added lines; markers stay', () => {
    const diff = unifiedDiff(before, after, 'openclaw.json');
    expect(diff).toContain('c0rpK3y');
    const shown = maskDiffSecrets(diff, [
      undefined,
      {models: {providers: {corp: {apiKey: 'c0rpK3y'}, lmstudio: {apiKey: 'lmstudio'}}}},
    ]);
    expect(shown).not.toContain('c0rpK3y');
    expect(shown).not.toContain('sk-abcdefghijklmnopqrstuvwxyz123456');
    expect(shown).toContain('apiKey: "lmstudio"');
  });

  it('the app review diff is masked too (real services)', async () => {
    const services = realServices({io: memoryIo(), global: {color: false, json: false}, values: {}, args: []} as never);
    const {parseConfigText} = await import('../src/config/index.js');
    const shown = (await services.propose(parseConfigText(before, '/x/openclaw.json'), after, 'openclaw.json')).diff;
    expect(shown).toContain('+      vllm:');
    expect(shown).not.toContain('c0rpK3y');
    expect(shown).not.toContain('sk-abcdefghijklmnopqrstuvwxyz');
  });
});

describe('the app review: new issues', () => {
  it('an old issue whose wording changes is not reported as new (the write path agrees)', async () => {
    const {parseConfigText} = await import('../src/config/index.js');
    const services = realServices({io: memoryIo(), global: {color: false, json: false}, values: {}, args: []} as never);
    // A dangling alias: its message lists the configured models, so adding a model rewords it.
    const base = `{
  models: { providers: { lmstudio: { baseUrl: "http://127.0.0.1:1234/v1", api: "openai-responses",
    models: [{ id: "a", name: "A" }] } } },
  agents: { defaults: { model: { primary: "lmstudio/a" }, models: { "lmstudio/gone": { alias: "Gone" } } } },
}
`;
    const after = base.replace(
      'models: [{ id: "a", name: "A" }]',
      'models: [{ id: "a", name: "A" }, { id: "b", name: "B" }]',
    );
    const before = parseConfigText(base, '/x/openclaw.json');
    const {newIssues} = await services.propose(before, after, 'openclaw.json');
    expect(newIssues).toEqual([]);
  });
});
