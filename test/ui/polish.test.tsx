/** What a demanding user of the app found, one test each. */
import {Box} from 'ink';
import {describe, expect, it} from 'vitest';
import type {CheckResult} from '../../src/doctor/types.js';
import {App} from '../../src/ui/App.js';
import {Note} from '../../src/ui/components/Note.js';
import {dropBreakSpace} from '../../src/ui/components/Wrap.js';
import {stackFoundNote} from '../../src/ui/screens/Setup.js';
import {fallbackCandidates} from '../../src/ui/state/setup.js';
import {KEY, flat, renderInk} from '../support/ink.js';
import {HOME, STACKS, fakePlan, fakeServices, lmStudio} from './fakes.js';

const OPENAI_COMPAT = {
  ...STACKS[0],
  id: 'openai-compatible' as const,
  label: 'OpenAI-compatible server',
  description: 'any /v1 server',
};
const lmOnOddPort = lmStudio(39579);

describe('stack list: "found on" only for the server the stack is named after', () => {
  it('an LM Studio on a non-default port is LM Studio found, not an OpenAI-compatible server found', () => {
    expect(stackFoundNote(OPENAI_COMPAT, [lmOnOddPort])).toBeUndefined();
    expect(stackFoundNote(STACKS[0], [lmOnOddPort])).toBe('found on :39579');
    const vllm = {...lmStudio(8000), fingerprint: {...lmOnOddPort.fingerprint, kind: 'vllm' as const}};
    expect(stackFoundNote(OPENAI_COMPAT, [lmOnOddPort, vllm])).toBe('found on :8000');
  });

  it('on screen', async () => {
    const services = fakeServices({
      servers: [lmOnOddPort],
      overrides: {listStacks: async () => [STACKS[0], OPENAI_COMPAT]},
    });
    const app = await renderInk(
      <App services={services} version="0.1.0" home={HOME} initialRoute={{screen: 'setup'}} />,
    );
    const f = await app.waitFor(/found on :39579/);
    expect(f).toMatch(/LM Studio \+ MiniMax M2\.1 \(recommended\) · found on :39579/);
    expect(f).not.toMatch(/OpenAI-compatible server · found/);
    app.unmount();
  });
});

describe('fallbacks: a hosted safety net is offered when the chain has none', () => {
  const isHosted = (ref: string) => !ref.startsWith('lmstudio/');
  it('offers the stack catalogue’s hosted default, ticked and marked recommended', () => {
    const items = fallbackCandidates({
      planned: [],
      newPrimary: 'lmstudio/m',
      currentFallbacks: [],
      hosted: {suggest: 'anthropic/claude-sonnet-4-5', isHosted},
    });
    expect(items).toEqual([
      {ref: 'anthropic/claude-sonnet-4-5', keep: true, why: 'recommended: the hosted safety net', recommended: true},
    ]);
  });
  it('not when a hosted model is already in the chain, nor for a hosted primary', () => {
    expect(
      fallbackCandidates({
        planned: ['openai/gpt-5.1'],
        newPrimary: 'lmstudio/m',
        currentFallbacks: [],
        hosted: {suggest: 'anthropic/claude-sonnet-4-5', isHosted},
      }).map((f) => f.ref),
    ).toEqual(['openai/gpt-5.1']);
    expect(
      fallbackCandidates({
        planned: ['lmstudio/m'],
        newPrimary: 'openrouter/x',
        currentFallbacks: [],
        hosted: {suggest: 'anthropic/claude-sonnet-4-5', isHosted},
      }).map((f) => f.ref),
    ).toEqual(['lmstudio/m']);
  });

  it('set-up on an empty config: the suggestion is on screen with its why and key, can be dropped, and reaches planStack', async () => {
    const services = fakeServices({
      configExists: false,
      overrides: {
        planStack: async (id, _c, answers) => {
          services.plans.push([id, _c, answers]);
          // The real planner: no hosted fallback of its own for the LM Studio stack.
          const ref = 'lmstudio/minimax-m2.1-gs32';
          const fallbacks = answers.fallbacks ?? [];
          return {
            stack: id,
            ops: [{op: 'set', path: ['agents', 'defaults', 'model'], value: {primary: ref, fallbacks}}],
            warnings: [],
            primary: ref,
            fallbacks,
            providerId: 'lmstudio',
            modelRef: ref,
          };
        },
        listStacks: async () => [STACKS[0], {...STACKS[1], hostedDefault: 'anthropic/claude-sonnet-4-5'}],
      },
    });
    const app = await renderInk(
      <App services={services} version="0.1.0" home={HOME} initialRoute={{screen: 'setup'}} />,
    );
    await app.waitFor(/Choose a stack/);
    await app.waitFor(/\(recommended\)/);
    await app.waitFor(/❯ Local primary/);
    await app.press(KEY.enter);
    await app.waitFor(/❯ minimax-m2\.1-gs32 · LM Studio on :1234/);
    await app.press(KEY.enter);
    await app.waitFor(/❯ Context/);
    await app.press(KEY.enter);
    await app.press(KEY.enter);
    let f = flat(await app.waitFor(/\[x\] 1\. anthropic\/claude-sonnet-4-5/));
    expect(f).toMatch(/anthropic\/claude-sonnet-4-5 \(recommended: the hosted safety net\)/);
    expect(f).toMatch(
      /when the local server is down, loading or out of context, OpenClaw falls back to anthropic\/claude-sonnet-4-5/,
    );
    expect(f).toMatch(/ANTHROPIC_API_KEY in the gateway's environment/);
    expect(f).not.toMatch(/none to offer/);
    // Drop it: allowed, with the consequence said.
    await app.press(KEY.space);
    f = flat(await app.waitFor(/\[ \] {4}anthropic/));
    expect(f).toMatch(/none kept: when the local server is down, every request fails/);
    await app.press(KEY.space);
    await app.waitFor(/\[x\] 1\. anthropic/);
    await app.press(KEY.enter);
    f = flat(await app.waitFor(/Write it/));
    expect(f).toMatch(/primary lmstudio\/minimax-m2\.1-gs32 → anthropic\/claude-sonnet-4-5/);
    expect(f).toMatch(/⚠ anthropic\/claude-sonnet-4-5 needs ANTHROPIC_API_KEY/);
    expect(services.plans.at(-1)?.[2].fallbacks).toEqual(['anthropic/claude-sonnet-4-5']);
    app.unmount();
  });
});

describe('wrapped text keeps one indent', () => {
  it('the space at a break does not start the next line', () => {
    expect(dropBreakSpace(' next', 1)).toBe('next');
    expect(dropBreakSpace('\u001B[33m next', 2)).toBe('\u001B[33mnext');
    expect(dropBreakSpace(' first', 0)).toBe(' first');
  });

  it('a note whose word ends exactly at the edge: every continuation line starts under the text', async () => {
    // 40 columns: the icon takes 2, so the first row is 38 characters and ends exactly at the edge.
    const text = `${'x'.repeat(38)} then more words that wrap onto further lines of the note`;
    const app = await renderInk(
      <Box width={40}>
        <Note tone="warn">{text}</Note>
      </Box>,
    );
    const f = await app.waitFor(/then/);
    const lines = f.split('\n').filter((l) => l.trim());
    expect(lines.length).toBeGreaterThan(2);
    expect(lines[0]).toMatch(/^⚠ x{38}$/);
    for (const l of lines.slice(1)) expect(l).toMatch(/^ {2}\S/);
    app.unmount();
  });

  it('doctor problems: the fix and the command lines keep their indents when they wrap', async () => {
    const problem: CheckResult = {
      id: 'provider.timeout',
      title: 'timeout',
      status: 'warn',
      severity: 'warning',
      message: 'no timeoutSeconds: a cold load of a large model can take longer than the default',
      fix: {
        kind: 'config',
        description:
          'timeoutSeconds → 600 so that a cold load of a large model finishes before OpenClaw gives up on it',
        patch: [{op: 'set', path: ['x'], value: 1}],
      },
      alternatives: [
        {
          kind: 'command',
          description: 'or load the model before the first request so nothing has to wait for a cold load',
          command: 'lms load minimax-m2.1-gs32 --context-length 196608',
        },
      ],
    };
    const app = await renderInk(
      <App
        services={fakeServices({doctorRuns: [[problem]]})}
        version="0.1.0"
        home={HOME}
        initialRoute={{screen: 'doctor'}}
      />,
      {columns: 60},
    );
    const f = await app.waitFor(/Fix all config problems|Run again|Skip/);
    const lines = f.split('\n');
    const start = lines.findIndex((l) => /fix in your config/.test(l));
    const cmd = lines.findIndex((l) => /lms load/.test(l));
    expect(start).toBeGreaterThan(0);
    // From "fix in your config" to the run: line, every line sits at column 4 (icon 2 + indent 2).
    for (const l of lines.slice(start, cmd)) expect(l).toMatch(/^ {4}\S/);
    expect(lines[cmd]).toMatch(/^ {6}lms load minimax/);
    app.unmount();
  });
});

describe('exit codes: q is 0, Ctrl+C is 130', () => {
  it('maps how the app was left to the exit code', async () => {
    const {exitCodeFor} = await import('../../src/ui/run.js');
    expect(exitCodeFor('quit')).toBe(0);
    expect(exitCodeFor('interrupt')).toBe(130);
  });

  it('q on home says quit; Ctrl+C, even in a text field, says interrupt; nothing is written either way', async () => {
    const hows: string[] = [];
    const services = fakeServices();
    const app = await renderInk(<App services={services} version="0.1.0" home={HOME} onExit={(h) => hows.push(h)} />);
    await app.waitFor(/❯ Set up/);
    await app.press('q');
    expect(hows).toEqual(['quit']);

    const app2 = await renderInk(
      <App
        services={services}
        version="0.1.0"
        home={HOME}
        initialRoute={{screen: 'setup'}}
        onExit={(h) => hows.push(h)}
      />,
    );
    await app2.waitFor(/\(recommended\)/);
    await app2.press(KEY.enter);
    await app2.waitFor(/Type a base URL/);
    await app2.press(KEY.down);
    await app2.press(KEY.enter);
    await app2.waitFor(/Where is the server\?/);
    await app2.press(KEY.ctrlC);
    expect(hows).toEqual(['quit', 'interrupt']);
    expect(services.writes).toEqual([]);
    app.unmount();
    app2.unmount();
  });
});

describe('a config that does not parse, an empty one, a read-only one', () => {
  const BROKEN =
    '{\n  // mine\n  gateway: {mode: "local"}\n  agents: {defaults: {model: {primary: "anthropic/claude-sonnet-4-5"}}},\n}\n';

  it('home: the position once, the hint, and the doctor as the default; set-up shows the line and writes nothing', async () => {
    const base = fakeServices({configText: BROKEN});
    const services = fakeServices({
      configText: BROKEN,
      overrides: {
        loadConfig: async () => {
          const snap = await base.loadConfig();
          return {
            ...snap,
            loaded: {
              ...snap.loaded,
              parseError: {...snap.loaded.parseError!, hint: 'probably a comma missing at the end of line 3'},
            },
          };
        },
      },
    });
    const app = await renderInk(<App services={services} version="0.1.0" home={HOME} />);
    const f = flat(await app.waitFor(/does not parse/));
    expect(f).toMatch(
      /✖ does not parse: line 4, column 3: invalid character 'a'; probably a comma missing at the end of line 3/,
    );
    expect(f).not.toMatch(/at 4:3/);
    expect(f).toMatch(/❯ Run the doctor/);
    expect(f).toMatch(/Set up a local model fix the syntax error first/);
    await app.press(KEY.up);
    await app.press(KEY.enter);
    const s = await app.waitFor(/Nothing was written/);
    expect(s).toMatch(/4 │ {3}agents: \{defaults/);
    expect(s).toMatch(/\n\s+│ {3}\^/);
    expect(services.writes).toEqual([]);
    app.unmount();
  });

  it('an empty file is a new config: set-up fills it', async () => {
    const base = fakeServices({configText: '\n'});
    const services = fakeServices({
      configText: '\n',
      overrides: {
        loadConfig: async () => {
          const snap = await base.loadConfig();
          return {
            ...snap,
            loaded: {
              ...snap.loaded,
              exists: true,
              parseError: {message: 'invalid end of input at 2:1', line: 2, column: 1},
            },
          };
        },
      },
    });
    const app = await renderInk(<App services={services} version="0.1.0" home={HOME} />);
    const f = await app.waitFor(/empty/);
    expect(f).toMatch(/◌ openclaw\.json is empty: set-up will fill it/);
    expect(f).toMatch(/❯ Set up a local model/);
    await app.press(KEY.enter);
    await app.waitFor(/Choose a stack/);
    app.unmount();
  });

  it('a file nobody may write: home says so at once with the chmod, the review offers only Back', async () => {
    const base = fakeServices();
    const services = fakeServices({
      overrides: {
        loadConfig: async () => {
          const snap = await base.loadConfig();
          return {...snap, loaded: {...snap.loaded, stat: {mtimeMs: 1, size: snap.loaded.text.length, mode: 0o100444}}};
        },
      },
    });
    const app = await renderInk(<App services={services} version="0.1.0" home={HOME} />);
    const f = flat(await app.waitFor(/not writable/));
    expect(f).toMatch(
      /⚠ not writable: the file is read-only \(mode 0444\); to let this tool edit it: chmod u\+w ~\/\.openclaw\/openclaw\.json/,
    );
    app.unmount();
    const app2 = await renderInk(
      <App services={services} version="0.1.0" home={HOME} initialRoute={{screen: 'setup'}} />,
    );
    await app2.waitFor(/\(recommended\)/);
    await app2.press(KEY.enter);
    await app2.waitFor(/❯ minimax/);
    await app2.press(KEY.enter);
    await app2.waitFor(/❯ Context/);
    await app2.press(KEY.enter);
    await app2.press(KEY.enter);
    await app2.waitFor(/Fallbacks/);
    await app2.press(KEY.enter);
    const r = flat(await app2.waitFor(/Not writable/));
    expect(r).toMatch(/Not writable: the file is read-only \(mode 0444\)/);
    expect(r).toMatch(/Nothing will be written here/);
    expect(r).not.toMatch(/Write it/);
    expect(services.writes).toEqual([]);
    app2.unmount();
  });

  it('home: nothing scanned and nothing found is said, not a blank row', async () => {
    const services = fakeServices({overrides: {discover: async () => ({servers: [], scanned: []})}});
    const app = await renderInk(<App services={services} version="0.1.0" home={HOME} />);
    expect(await app.waitFor(/no local model server found/)).toMatch(/Running here\s+◌ no local model server found/);
    app.unmount();
  });
});

describe('60 × 24 with a real verdict for a 512 GB Mac', () => {
  const COLS = 60;
  const ROWS = 24;
  function expectTidy(frame: string, what: string) {
    const lines = frame.replace(/\n$/, '').split('\n');
    expect(
      lines.filter((l) => [...l].length > COLS),
      `${what}: wider than ${COLS}`,
    ).toEqual([]);
    // Less than the full height: a frame as tall as the terminal makes Ink clear and redraw the screen.
    expect(lines.length, `${what}: ${lines.length} rows\n${frame}`).toBeLessThan(ROWS);
    // A wrapped line never starts one column off (the break's space).
    expect(
      lines.filter((l) => /^ \S/.test(l)),
      `${what}: odd indents`,
    ).toEqual([]);
  }

  it('home, hardware, stacks, context, fallbacks and review fit and wrap cleanly', async () => {
    const {evaluateHardware} = await import('../../src/core/hardware.js');
    const {profileFromJson} = await import('../../src/hardware/index.js');
    const mac = profileFromJson({platform: 'darwin', ramGB: 512, chip: 'Apple M3 Ultra'});
    const services = fakeServices({profile: mac, overrides: {evaluate: async (p, o) => evaluateHardware(p, o)}});
    const app = await renderInk(<App services={services} version="0.1.0" home={HOME} />, {columns: COLS, rows: ROWS});
    let f = await app.waitFor(/Tier/);
    expectTidy(f, 'home');
    expect(f).toMatch(/config ~\/\.openclaw\/openclaw\.json/);
    await app.press(KEY.down);
    await app.press(KEY.down);
    await app.press(KEY.enter);
    f = await app.waitFor(/Recommendation:/);
    expectTidy(f, 'hardware');
    expect(f).toMatch(/2 detection notes: a larger terminal shows them/);
    // The legend's entries are never split.
    expect(f).toMatch(/^░ free \d/m);
    await app.press(KEY.escape);
    await app.waitFor(/❯ Check my hardware/);
    await app.press(KEY.up);
    await app.press(KEY.up);
    await app.press(KEY.enter);
    expectTidy(await app.waitFor(/\(recommended\)/), 'stacks');
    await app.press(KEY.enter);
    await app.waitFor(/❯ minimax/);
    await app.press(KEY.enter);
    expectTidy(await app.waitFor(/❯ Context/), 'context');
    await app.press(KEY.enter);
    await app.press(KEY.enter);
    expectTidy(await app.waitFor(/\[x\] 1\./), 'fallbacks');
    await app.press(KEY.enter);
    f = await app.waitFor(/`config validate` passes/);
    expectTidy(f, 'review');
    // The step line fits: the short form below 80 columns.
    expect(f).toMatch(/^Set up a local model {2}step 5 of 5: review$/m);
    app.unmount();
  });
});

describe('doctor problems and before → after', () => {
  it('a fix that drops the path is one change (⚠ → ✔), not a vanished warning and a new pass', async () => {
    const {compareRuns} = await import('../../src/ui/state/doctor.js');
    const before: CheckResult[] = [
      {
        id: 'safety.fallbacks',
        title: 'A hosted fallback',
        status: 'warn',
        severity: 'warning',
        message: 'none',
        path: 'agents.defaults.model.fallbacks',
      },
    ];
    const after: CheckResult[] = [
      {id: 'safety.fallbacks', title: 'A hosted fallback', status: 'pass', severity: 'info', message: 'ok'},
    ];
    expect(compareRuns(before, after).map((c) => [c.title, c.before, c.after])).toEqual([
      ['A hosted fallback', 'warn', 'pass'],
    ]);
  });

  it('long commands are split into pasteable lines at && and ;, never hard-wrapped mid-word; no "or or"', async () => {
    const {commandLines} = await import('../../src/ui/format.js');
    expect(commandLines('lms load x', 40)).toEqual(['lms load x']);
    expect(commandLines('nvm install 24 && nvm use 24 && npm install -g openclaw@latest', 40)).toEqual([
      'nvm install 24 &&',
      'nvm use 24 &&',
      'npm install -g openclaw@latest',
    ]);
    expect(commandLines('lms unload m; lms load m --context-length 196608', 40)).toEqual([
      'lms unload m',
      'lms load m --context-length 196608',
    ]);
    const problem: CheckResult = {
      id: 'model.context-fits',
      title: 'contextWindow fits the loaded context',
      status: 'fail',
      severity: 'error',
      message: 'contextWindow 262,144 > loaded context 196,608',
      fix: {
        kind: 'config',
        description: 'lower contextWindow to the loaded 196,608',
        patch: [{op: 'set', path: ['x'], value: 1}],
      },
      alternatives: [
        {
          kind: 'command',
          description: 'or give the server 196,608 tokens of context',
          command: 'lms unload minimax-m2.1-gs32; lms load minimax-m2.1-gs32 --context-length 196608',
        },
      ],
    };
    const app = await renderInk(
      <App
        services={fakeServices({doctorRuns: [[problem]]})}
        version="0.1.0"
        home={HOME}
        initialRoute={{screen: 'doctor'}}
      />,
      {columns: 60},
    );
    const f = await app.waitFor(/Skip/);
    expect(f).not.toMatch(/or or/);
    expect(f).toMatch(/^ {4}or give the server 196,608 tokens of context, run:$/m);
    expect(f).toMatch(/^ {6}lms unload minimax-m2\.1-gs32$/m);
    expect(f).toMatch(/^ {6}lms load minimax-m2\.1-gs32 --context-length 196608$/m);
    app.unmount();
  });
});

describe('Ollama: the request sets the context', () => {
  const OLLAMA_STACK = {
    ...STACKS[0],
    id: 'ollama' as const,
    label: 'Ollama (native API)',
    defaults: {
      providerId: 'ollama',
      baseUrl: 'http://127.0.0.1:11434',
      api: 'ollama' as const,
      contextWindow: 32768,
      maxTokens: 8192,
    },
  };
  const ollama = {
    ...lmStudio(11434, [{id: 'qwen3:8b', state: 'loaded' as const, loadedContext: 4096, maxContext: 40960}]),
    fingerprint: {
      kind: 'ollama' as const,
      version: '0.13.5',
      evidence: 'GET /api/version',
      origin: 'http://127.0.0.1:11434',
    },
  };

  it('pre-fills the stack context (not the 4,096 loaded now), a valid max tokens, and refuses more than the model takes', async () => {
    const services: ReturnType<typeof fakeServices> = fakeServices({
      configExists: false,
      servers: [ollama],
      overrides: {
        listStacks: async () => [OLLAMA_STACK],
        planStack: async (id, current, answers) => {
          services.plans.push([id, current, answers]);
          return fakePlan(OLLAMA_STACK, answers);
        },
      },
    });
    const app = await renderInk(
      <App services={services} version="0.1.0" home={HOME} initialRoute={{screen: 'setup'}} />,
    );
    await app.waitFor(/❯ Ollama \(native API\)/);
    await app.press(KEY.enter);
    await app.waitFor(/❯ qwen3:8b · Ollama on :11434/);
    await app.press(KEY.enter);
    const f = flat(await app.waitFor(/❯ Context/));
    expect(f).toMatch(/❯ Context 32768/);
    expect(f).toMatch(/Max tokens 8192/);
    expect(f).toMatch(
      /OpenClaw sends this context with every request \(num_ctx\) and Ollama loads the model with it \(it has 4,096 loaded now\); qwen3:8b takes up to 40,960/,
    );
    expect(f).not.toMatch(/must not ask for more than is loaded/);
    await app.press('\u0015');
    await app.type('65536');
    await app.press(KEY.enter);
    expect(flat(await app.waitFor(/takes at most/))).toMatch(/context: qwen3:8b takes at most 40960 tokens/);
    await app.press('\u0015');
    await app.type('32768');
    await app.press(KEY.enter);
    await app.press(KEY.enter);
    await app.waitFor(/Fallbacks/);
    expect(services.plans.at(-1)?.[2]).toMatchObject({
      baseUrl: 'http://127.0.0.1:11434',
      model: 'qwen3:8b',
      contextWindow: 32768,
      maxTokens: 8192,
    });
    app.unmount();
  });
});

describe('typed base URLs', () => {
  it('a bare origin gets the path the API needs; a URL with a path stays as typed', async () => {
    const {baseUrlForApi} = await import('../../src/ui/format.js');
    expect(baseUrlForApi('http://127.0.0.1:41234', 'openai-responses')).toBe('http://127.0.0.1:41234/v1');
    expect(baseUrlForApi('http://127.0.0.1:41234/v1', 'openai-responses')).toBe('http://127.0.0.1:41234/v1');
    expect(baseUrlForApi('http://gw.local:8080/api/openai', 'openai-completions')).toBe(
      'http://gw.local:8080/api/openai',
    );
    expect(baseUrlForApi('http://127.0.0.1:11434/v1', 'ollama')).toBe('http://127.0.0.1:11434');
    expect(baseUrlForApi('http://127.0.0.1:11434', 'ollama')).toBe('http://127.0.0.1:11434');
  });

  it('LM Studio typed without /v1: the probe says which URL OpenClaw will use, and that is what gets planned', async () => {
    const services = fakeServices({servers: [lmStudio(41234)]});
    const app = await renderInk(
      <App services={services} version="0.1.0" home={HOME} initialRoute={{screen: 'setup'}} />,
    );
    await app.waitFor(/\(recommended\)/);
    await app.press(KEY.enter);
    await app.waitFor(/Type a base URL/);
    await app.press(KEY.down);
    await app.press(KEY.enter);
    await app.waitFor(/Where is the server\?/);
    await app.press('\u0015');
    await app.type('http://127.0.0.1:41234');
    await app.press(KEY.enter);
    const f = flat(await app.waitFor(/OpenClaw will use/));
    expect(f).toMatch(
      /LM Studio 0\.4\.2 answers: minimax-m2\.1-gs32 \(loaded\); OpenClaw will use http:\/\/127\.0\.0\.1:41234\/v1/,
    );
    await app.press(KEY.enter);
    await app.waitFor(/❯ Context/);
    await app.press(KEY.enter);
    await app.press(KEY.enter);
    await app.waitFor(/Fallbacks/);
    expect(services.plans.at(-1)?.[2]).toMatchObject({
      baseUrl: 'http://127.0.0.1:41234/v1',
      model: 'minimax-m2.1-gs32',
    });
    app.unmount();
  });
});

describe('hybrid / local first with a server that is not LM Studio', () => {
  const HYBRID = {
    ...STACKS[1],
    apis: ['openai-responses', 'openai-completions', 'ollama'] as (
      | 'openai-responses'
      | 'openai-completions'
      | 'ollama'
    )[],
  };
  const ollama = {
    ...lmStudio(11434, [{id: 'qwen3:8b', state: 'loaded' as const, loadedContext: 4096, maxContext: 40960}]),
    fingerprint: {
      kind: 'ollama' as const,
      version: '0.13.5',
      evidence: 'GET /api/version',
      origin: 'http://127.0.0.1:11434',
    },
  };

  it('an Ollama model is planned as provider ollama over the native API at the root, with the stack context', async () => {
    const services = fakeServices({
      configExists: false,
      servers: [lmStudio(), ollama],
      overrides: {listStacks: async () => [HYBRID]},
    });
    const app = await renderInk(
      <App services={services} version="0.1.0" home={HOME} initialRoute={{screen: 'setup'}} />,
    );
    await app.waitFor(/❯ Hosted primary, local fallback/);
    await app.press(KEY.enter);
    await app.waitFor(/qwen3:8b · Ollama on :11434/);
    await app.press(KEY.down);
    await app.waitFor(/❯ qwen3:8b/);
    await app.press(KEY.enter);
    const f = flat(await app.waitFor(/❯ Context/));
    // The stack's 65,536, capped at what the model takes.
    expect(f).toMatch(/❯ Context 40960/);
    expect(f).toMatch(/num_ctx/);
    await app.press(KEY.enter);
    await app.press(KEY.enter);
    await app.waitFor(/Fallbacks/);
    expect(services.plans.at(-1)?.[2]).toMatchObject({
      baseUrl: 'http://127.0.0.1:11434',
      model: 'qwen3:8b',
      api: 'ollama',
      providerId: 'ollama',
    });
    app.unmount();
  });

  it('the answers follow the server kind; LM Studio keeps the stack defaults', async () => {
    const {serverAnswers} = await import('../../src/ui/state/setup.js');
    const c = (serverKind: 'lmstudio' | 'vllm' | 'ollama' | 'openai-compatible', responses?: 'yes' | 'no') => ({
      baseUrl: 'http://h/v1',
      model: 'm',
      serverKind,
      responses,
    });
    expect(serverAnswers(HYBRID, c('lmstudio'))).toEqual({});
    expect(serverAnswers(HYBRID, c('ollama'))).toEqual({api: 'ollama', providerId: 'ollama'});
    expect(serverAnswers(HYBRID, c('vllm', 'yes'))).toEqual({api: 'openai-responses', providerId: 'vllm'});
    expect(serverAnswers(HYBRID, c('openai-compatible', 'no'))).toEqual({
      api: 'openai-completions',
      providerId: 'local',
    });
    // The LM Studio stack only ever gets LM Studio servers; a stack with its own provider is left alone.
    expect(
      serverAnswers({...STACKS[0], defaults: {...STACKS[0].defaults, providerId: 'vllm'}}, c('vllm', 'no')),
    ).toEqual({});
  });
});

describe('a hosted-only stack', () => {
  it('numbers its four steps 1–4 and does not talk about a local server', async () => {
    const services = fakeServices();
    const app = await renderInk(
      <App services={services} version="0.1.0" home={HOME} initialRoute={{screen: 'setup'}} />,
    );
    await app.waitFor(/❯ Local primary/);
    await app.press(KEY.down + KEY.down);
    await app.waitFor(/❯ Regional hosted/);
    await app.press(KEY.enter);
    expect(await app.waitFor(/Which region/)).toMatch(/1 stack › \[2 region and model\] › 3 fallbacks › 4 review/);
    await app.press(KEY.enter);
    await app.waitFor(/Which model/);
    await app.press(KEY.enter);
    const f = flat(await app.waitFor(/Fallbacks/));
    expect(f).toMatch(/\[3 fallbacks\] › 4 review/);
    expect(f).not.toMatch(/local server/);
    app.unmount();
  });
});

describe('a hardware file (OPENCLAW_LOCAL_DOCTOR_HARDWARE_FILE)', () => {
  /** The app's real services over a hardware file in a fresh temp dir; `write` replaces the file's text. */
  async function withHardwareFile(
    work: (h: {
      file: string;
      write: (text: string) => void;
      services: import('../../src/ui/services.js').Services;
      env: string;
    }) => Promise<void>,
  ) {
    const {mkdtempSync, writeFileSync, rmSync} = await import('node:fs');
    const {tmpdir} = await import('node:os');
    const {join} = await import('node:path');
    const {memoryIo} = await import('../../src/cli/io.js');
    const {realServices} = await import('../../src/ui/real-services.js');
    const HARDWARE_FILE_ENV = (await import('../../src/hardware/index.js')).HARDWARE_FILE_ENVS[0];
    const dir = mkdtempSync(join(tmpdir(), 'old-ui-hw-'));
    try {
      const file = join(dir, 'hw.json');
      const services = realServices({
        io: memoryIo({env: {HOME: dir, [HARDWARE_FILE_ENV]: file}}),
        global: {color: false, json: false},
        values: {},
        args: [],
      } as never);
      await work({file, write: (text) => writeFileSync(file, text), services, env: HARDWARE_FILE_ENV});
    } finally {
      rmSync(dir, {recursive: true, force: true});
    }
  }

  it('one that is not a profile: the error names the variable and the file', async () => {
    await withHardwareFile(async ({file, write, services, env}) => {
      write(JSON.stringify({platform: 'darwin', ramGB: 'lots'}));
      await expect(services.detectHardware()).rejects.toThrow(
        new RegExp(`^${env}=${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: .*ramGB`),
      );
    });
  });

  it('is read once per session once it succeeds; a failure is tried again by the next asker', async () => {
    await withHardwareFile(async ({write, services, env}) => {
      write('{not json');
      await expect(services.detectHardware()).rejects.toThrow(env);
      write(JSON.stringify({platform: 'darwin', ramGB: 64, chip: 'Apple M4 Max'}));
      const first = await services.detectHardware();
      expect(first.ramTotalGB).toBeLessThan(100); // the 64 GB profile, not the 128 GB one written next
      // A change to the file after a success is not seen: the session keeps its one detection.
      write(JSON.stringify({platform: 'darwin', ramGB: 128, chip: 'Apple M4 Max'}));
      expect(await services.detectHardware()).toBe(first);
    });
  });
});

describe('keys typed before the menu appears', () => {
  it('↓ then Enter while the config is still being read opens the second choice, not the default', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const base = fakeServices();
    const services = fakeServices({
      overrides: {
        loadConfig: async () => {
          await gate;
          return base.loadConfig();
        },
      },
    });
    const app = await renderInk(<App services={services} version="0.1.0" home={HOME} />);
    await app.waitFor(/reading the config/);
    await app.press(KEY.down);
    await app.press(KEY.enter);
    release();
    // The doctor (second choice) runs; set-up (the default here) never opened.
    await app.waitFor(/Doctor/);
    expect(app.frames().some((f) => /Choose a stack/.test(f))).toBe(false);
    app.unmount();
  });
});
