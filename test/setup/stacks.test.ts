import {describe, expect, it} from 'vitest';
import {
  listStacks,
  planStack,
  stackInfo,
  STACK_IDS,
  StackConfigError,
  StackInputError,
  type StackAnswers,
  type StackId,
} from '../../src/core/stacks.js';
import {applyOps, get} from './apply-ops.js';

const GUIDE_ENTRY = {
  id: 'minimax-m2.1-gs32',
  name: 'MiniMax M2.1 GS32',
  reasoning: false,
  input: ['text'],
  cost: {input: 0, output: 0, cacheRead: 0, cacheWrite: 0},
  contextWindow: 196608,
  maxTokens: 8192,
};
const NEEDS: Partial<Record<StackId, StackAnswers>> = {
  regional: {region: 'eu'},
  'openai-compatible': {model: 'Qwen/Qwen3-Coder-30B-A3B-Instruct'},
  ollama: {model: 'qwen3-coder:30b'},
  llamacpp: {model: 'qwen3-coder-30b-q4'},
  exo: {model: 'mlx-community/MiniMax-M2.1-8bit'},
};

function plan(stack: StackId, config: unknown, answers: StackAnswers = {}) {
  const p = planStack(stack, config, {...NEEDS[stack], ...answers});
  return {...p, result: applyOps(config ?? {}, p.ops) as Record<string, unknown>};
}

describe('catalog', () => {
  it('lists every stack once with defaults', () => {
    const stacks = listStacks();
    expect(stacks.map((s) => s.id)).toEqual(STACK_IDS);
    for (const s of stacks) {
      expect(stackInfo(s.id)).toBe(s);
      expect(s.label).not.toBe('');
      expect(s.defaults.providerId).toMatch(/^[a-z]/);
    }
    expect(stackInfo('regional').local).toBe(false);
    expect(stackInfo('ollama').required).toContain('model');
    expect(stackInfo('regional').regions).toEqual(['eu', 'us']);
  });
});

describe('lmstudio stack', () => {
  it('writes the guide block exactly into an empty config', () => {
    const {result, ops, primary, fallbacks, modelRef} = plan('lmstudio', {});
    expect(result).toEqual({
      gateway: {mode: 'local'},
      models: {
        mode: 'merge',
        providers: {
          lmstudio: {
            baseUrl: 'http://127.0.0.1:1234/v1',
            apiKey: 'lmstudio',
            api: 'openai-responses',
            models: [GUIDE_ENTRY],
          },
        },
      },
      agents: {
        defaults: {
          model: {primary: 'lmstudio/minimax-m2.1-gs32'},
          models: {'lmstudio/minimax-m2.1-gs32': {alias: 'Minimax'}},
        },
      },
    });
    expect(ops.every((o) => o.op === 'set')).toBe(true);
    expect(primary).toBe('lmstudio/minimax-m2.1-gs32');
    expect(modelRef).toBe(primary);
    expect(fallbacks).toEqual([]);
  });

  it('treats a missing (undefined) config like an empty one', () => {
    expect(plan('lmstudio', undefined).result).toEqual(plan('lmstudio', {}).result);
  });

  it('turns a plain-string hosted primary into the first fallback', () => {
    const {result, warnings} = plan('lmstudio', {agents: {defaults: {model: 'anthropic/claude-opus-4-5'}}});
    expect(get(result, ['agents', 'defaults', 'model'])).toEqual({
      primary: 'lmstudio/minimax-m2.1-gs32',
      fallbacks: ['anthropic/claude-opus-4-5'],
    });
    expect(warnings.join('\n')).not.toMatch(/leaves the model chain/);
  });

  it('keeps existing fallbacks after the old hosted primary, without duplicates', () => {
    const cfg = {
      agents: {
        defaults: {
          model: {
            primary: 'openai/gpt-5',
            fallbacks: ['anthropic/claude-sonnet-4-5', 'openai/gpt-5', 'lmstudio/minimax-m2.1-gs32'],
          },
        },
      },
    };
    const {result} = plan('lmstudio', cfg);
    expect(get(result, ['agents', 'defaults', 'model'])).toEqual({
      primary: 'lmstudio/minimax-m2.1-gs32',
      fallbacks: ['openai/gpt-5', 'anthropic/claude-sonnet-4-5'],
    });
  });

  it('drops an old local primary from the chain with a warning, keeping its provider', () => {
    const cfg = {
      models: {
        providers: {
          ollama: {baseUrl: 'http://127.0.0.1:11434', api: 'ollama', models: [{id: 'llama3', name: 'llama3'}]},
        },
      },
      agents: {defaults: {model: {primary: 'ollama/llama3'}}},
    };
    const {result, warnings} = plan('lmstudio', cfg);
    expect(get(result, ['agents', 'defaults', 'model'])).toEqual({primary: 'lmstudio/minimax-m2.1-gs32'});
    expect(get(result, ['models', 'providers', 'ollama'])).toEqual(cfg.models.providers.ollama);
    expect(warnings.join('\n')).toMatch(/ollama\/llama3 leaves the model chain/);
  });

  it('updates an existing provider in place: only fields that differ, user baseUrl and key kept', () => {
    const cfg = {
      models: {
        mode: 'merge',
        providers: {
          lmstudio: {
            baseUrl: 'http://host.docker.internal:1234/v1',
            apiKey: '${LM_API_TOKEN}',
            api: 'openai-responses',
            timeoutSeconds: 600,
            models: [
              {id: 'other', name: 'Other'},
              {id: 'minimax-m2.1-gs32', contextWindow: 65536},
            ],
          },
        },
      },
    };
    const {ops, result} = plan('lmstudio', cfg);
    const providerOps = ops.filter((o) => o.path[0] === 'models');
    expect(providerOps).toEqual([
      {op: 'set', path: ['models', 'providers', 'lmstudio', 'models', 1, 'name'], value: 'MiniMax M2.1 GS32'},
      {op: 'set', path: ['models', 'providers', 'lmstudio', 'models', 1, 'maxTokens'], value: 8192},
    ]);
    expect(get(result, ['models', 'providers', 'lmstudio', 'models', 1, 'contextWindow'])).toBe(65536);
    expect(get(result, ['models', 'providers', 'lmstudio', 'timeoutSeconds'])).toBe(600);
  });

  it('explicit answers beat existing values', () => {
    const cfg = {
      models: {
        mode: 'merge',
        providers: {
          lmstudio: {
            baseUrl: 'http://host.docker.internal:1234/v1',
            apiKey: 'lmstudio',
            api: 'openai-completions',
            models: [GUIDE_ENTRY],
          },
        },
      },
    };
    const {ops} = plan('lmstudio', cfg, {
      baseUrl: 'http://10.0.0.5:1234/v1/',
      api: 'openai-responses',
      contextWindow: 65536,
    });
    const byPath = Object.fromEntries(ops.map((o) => [o.path.join('.'), o.op === 'set' ? o.value : o.op]));
    expect(byPath['models.providers.lmstudio.baseUrl']).toBe('http://10.0.0.5:1234/v1');
    expect(byPath['models.providers.lmstudio.api']).toBe('openai-responses');
    expect(byPath['models.providers.lmstudio.models.0.contextWindow']).toBe(65536);
    expect(byPath['models.providers.lmstudio.apiKey']).toBeUndefined();
  });

  it('keeps model ids with "/" whole and prefixes refs once', () => {
    const {result, primary} = plan('lmstudio', {}, {model: 'qwen/qwen3-coder-30b'});
    expect(primary).toBe('lmstudio/qwen/qwen3-coder-30b');
    expect(get(result, ['models', 'providers', 'lmstudio', 'models', 0, 'id'])).toBe('qwen/qwen3-coder-30b');
    expect(get(result, ['models', 'providers', 'lmstudio', 'models', 0, 'name'])).toBe('qwen/qwen3-coder-30b');
    expect(Object.keys(get(result, ['agents', 'defaults', 'models']) as object)).toEqual([
      'lmstudio/qwen/qwen3-coder-30b',
    ]);
    const again = plan('lmstudio', {}, {model: 'lmstudio/qwen/qwen3-coder-30b'});
    expect(again.primary).toBe('lmstudio/qwen/qwen3-coder-30b');
    expect(again.warnings.join('\n')).toMatch(/starts with the provider id/);
  });
});

describe('models.mode', () => {
  it('warns about replace and leaves it unless the answers say so', () => {
    const cfg = {models: {mode: 'replace'}};
    const {ops, warnings} = plan('lmstudio', cfg);
    expect(ops.some((o) => o.path.join('.') === 'models.mode')).toBe(false);
    expect(warnings.join('\n')).toMatch(/"replace"/);
    const switched = plan('lmstudio', cfg, {mode: 'merge'});
    expect(switched.ops).toContainEqual({op: 'set', path: ['models', 'mode'], value: 'merge'});
  });
  it('adds merge when absent and leaves merge alone', () => {
    expect(plan('ollama', {models: {}}).ops).toContainEqual({op: 'set', path: ['models', 'mode'], value: 'merge'});
    expect(plan('ollama', {models: {mode: 'merge'}}).ops.some((o) => o.path.join('.') === 'models.mode')).toBe(false);
  });
});

describe('hybrid and local-first chains', () => {
  it('hybrid keeps the hosted primary, local first, hosted fallbacks second', () => {
    const cfg = {agents: {defaults: {model: {primary: 'anthropic/claude-opus-4-5', fallbacks: ['openai/gpt-5']}}}};
    const p = plan('hybrid', cfg);
    expect(p.primary).toBe('anthropic/claude-opus-4-5');
    expect(p.fallbacks).toEqual(['lmstudio/minimax-m2.1-gs32', 'openai/gpt-5']);
    expect(get(p.result, ['agents', 'defaults', 'model', 'primary'])).toBe('anthropic/claude-opus-4-5');
  });

  it('hybrid without a hosted model uses the default hosted primary, with alias and a key warning', () => {
    const p = plan('hybrid', {});
    expect(p.primary).toBe('anthropic/claude-sonnet-4-5');
    expect(p.fallbacks).toEqual(['lmstudio/minimax-m2.1-gs32']);
    expect(get(p.result, ['agents', 'defaults', 'models', 'anthropic/claude-sonnet-4-5'])).toEqual({alias: 'Sonnet'});
    expect(p.warnings.join('\n')).toMatch(/ANTHROPIC_API_KEY/);
  });

  it('hybrid takes --primary as the hosted primary and moves the old one after the local model', () => {
    const cfg = {agents: {defaults: {model: {primary: 'openai/gpt-5'}}}};
    const p = plan('hybrid', cfg, {primary: 'anthropic/claude-opus-4-5'});
    expect(p.primary).toBe('anthropic/claude-opus-4-5');
    expect(p.fallbacks).toEqual(['lmstudio/minimax-m2.1-gs32', 'openai/gpt-5']);
  });

  it('hybrid refuses the local model as primary; other stacks refuse a foreign primary', () => {
    expect(() => planStack('hybrid', {}, {primary: 'lmstudio/minimax-m2.1-gs32'})).toThrow(StackInputError);
    expect(() => planStack('lmstudio', {}, {primary: 'openai/gpt-5'})).toThrow(/hybrid/);
    expect(planStack('lmstudio', {}, {primary: 'lmstudio/minimax-m2.1-gs32'}).primary).toBe(
      'lmstudio/minimax-m2.1-gs32',
    );
  });

  it('local-first moves a hosted primary to the fallbacks', () => {
    const p = plan('local-first', {agents: {defaults: {model: {primary: 'openai/gpt-5'}}}});
    expect(p.primary).toBe('lmstudio/minimax-m2.1-gs32');
    expect(p.fallbacks).toEqual(['openai/gpt-5']);
  });

  it('local-first adds a hosted fallback when there is none', () => {
    const p = plan('local-first', {agents: {defaults: {model: 'ollama/llama3'}}});
    expect(p.fallbacks).toEqual(['anthropic/claude-sonnet-4-5']);
    expect(p.warnings.join('\n')).toMatch(/ANTHROPIC_API_KEY/);
  });

  it('explicit fallbacks replace the derived ones', () => {
    const p = plan(
      'local-first',
      {agents: {defaults: {model: 'openai/gpt-5'}}},
      {fallbacks: ['google/gemini-2.5-pro', 'google/gemini-2.5-pro']},
    );
    expect(p.fallbacks).toEqual(['google/gemini-2.5-pro']);
    const h = plan('hybrid', {agents: {defaults: {model: 'openai/gpt-5'}}}, {fallbacks: ['google/gemini-2.5-pro']});
    expect(h.fallbacks).toEqual(['lmstudio/minimax-m2.1-gs32', 'google/gemini-2.5-pro']);
  });

  it('a configured provider with a LAN baseUrl counts as local, a custom https one as hosted', () => {
    const cfg = {
      models: {
        providers: {
          box: {baseUrl: 'http://192.168.1.20:8000/v1', models: []},
          corp: {baseUrl: 'https://llm.example.com/v1', models: []},
        },
      },
      agents: {defaults: {model: {primary: 'box/qwen', fallbacks: ['corp/big']}}},
    };
    expect(plan('hybrid', cfg).primary).toBe('corp/big');
    expect(plan('lmstudio', cfg).fallbacks).toEqual(['corp/big']);
  });
});

describe('allowlists', () => {
  it('adds every ref in use to a non-empty modelPolicy.allow', () => {
    const cfg = {agents: {defaults: {model: 'openai/gpt-5', modelPolicy: {allow: ['openai/gpt-5']}}}};
    const p = plan('hybrid', cfg);
    expect(get(p.result, ['agents', 'defaults', 'modelPolicy', 'allow'])).toEqual([
      'openai/gpt-5',
      'lmstudio/minimax-m2.1-gs32',
    ]);
  });

  it('leaves an empty allow list empty and honours wildcards and aliases', () => {
    expect(
      get(plan('lmstudio', {agents: {defaults: {modelPolicy: {allow: []}}}}).result, [
        'agents',
        'defaults',
        'modelPolicy',
        'allow',
      ]),
    ).toEqual([]);
    const wild = plan('lmstudio', {agents: {defaults: {modelPolicy: {allow: ['lmstudio/*']}}}});
    expect(wild.ops.some((o) => o.path.includes('allow'))).toBe(false);
    const alias = plan('lmstudio', {agents: {defaults: {modelPolicy: {allow: ['Minimax']}}}});
    expect(alias.ops.some((o) => o.path.includes('allow'))).toBe(false);
  });

  it('before the allowlist migration, makes every ref in use a key of agents.defaults.models', () => {
    const cfg = {
      agents: {
        defaults: {
          model: {primary: 'openai/gpt-5', fallbacks: ['google/gemini-2.5-pro']},
          models: {'openai/gpt-5': {alias: 'gpt'}},
        },
      },
    };
    const p = plan('lmstudio', cfg);
    expect(Object.keys(get(p.result, ['agents', 'defaults', 'models']) as object).sort()).toEqual([
      'google/gemini-2.5-pro',
      'lmstudio/minimax-m2.1-gs32',
      'openai/gpt-5',
    ]);
    const migrated = plan('lmstudio', {...cfg, meta: {migrations: {modelPolicyAllowlist: true}}});
    expect(get(migrated.result, ['agents', 'defaults', 'models', 'google/gemini-2.5-pro'])).toBeUndefined();
  });

  it('does not reuse an alias that another model already has', () => {
    const p = plan('lmstudio', {agents: {defaults: {models: {'openrouter/minimax/minimax-m2.1': {alias: 'minimax'}}}}});
    expect(get(p.result, ['agents', 'defaults', 'models', 'lmstudio/minimax-m2.1-gs32'])).toEqual({});
  });
});

describe('ollama, llamacpp, openai-compatible', () => {
  it('ollama: native api, no /v1 (stripped with a warning), marker key, explicit context', () => {
    const p = plan('ollama', {}, {baseUrl: 'http://127.0.0.1:11434/v1', contextWindow: 65536});
    expect(get(p.result, ['models', 'providers', 'ollama'])).toEqual({
      baseUrl: 'http://127.0.0.1:11434',
      apiKey: 'ollama-local',
      api: 'ollama',
      models: [
        {
          id: 'qwen3-coder:30b',
          name: 'qwen3-coder:30b',
          reasoning: false,
          input: ['text'],
          cost: {input: 0, output: 0, cacheRead: 0, cacheWrite: 0},
          contextWindow: 65536,
          contextTokens: 65536,
          maxTokens: 8192,
        },
      ],
    });
    expect(p.warnings.join('\n')).toMatch(/#21243/);
    expect(p.primary).toBe('ollama/qwen3-coder:30b');
  });

  it('ollama: fixes an existing /v1 + openai-completions provider in place', () => {
    const cfg = {
      models: {
        providers: {
          ollama: {
            baseUrl: 'http://127.0.0.1:11434/v1',
            apiKey: 'ollama',
            api: 'openai-completions',
            models: [{id: 'qwen3-coder:30b', name: 'Qwen'}],
          },
        },
      },
    };
    const p = plan('ollama', cfg);
    expect(get(p.result, ['models', 'providers', 'ollama', 'baseUrl'])).toBe('http://127.0.0.1:11434');
    expect(get(p.result, ['models', 'providers', 'ollama', 'api'])).toBe('ollama');
    expect(get(p.result, ['models', 'providers', 'ollama', 'apiKey'])).toBe('ollama');
    expect(get(p.result, ['models', 'providers', 'ollama', 'models', 0, 'name'])).toBe('Qwen');
  });

  it('ollama refuses an openai api; other stacks refuse the ollama api', () => {
    expect(() => planStack('ollama', {}, {model: 'x', api: 'openai-completions'})).toThrow(/openai-compatible/);
    expect(() => planStack('llamacpp', {}, {model: 'x', api: 'ollama'})).toThrow(StackInputError);
  });

  it('llamacpp defaults', () => {
    const p = plan('llamacpp', {});
    expect(get(p.result, ['models', 'providers', 'llamacpp', 'baseUrl'])).toBe('http://127.0.0.1:8080/v1');
    expect(get(p.result, ['models', 'providers', 'llamacpp', 'api'])).toBe('openai-completions');
  });

  it('openai-compatible: Responses by default, provider id from the port, completions on request', () => {
    const vllm = plan('openai-compatible', {});
    expect(vllm.providerId).toBe('vllm');
    expect(get(vllm.result, ['models', 'providers', 'vllm', 'api'])).toBe('openai-responses');
    expect(vllm.primary).toBe('vllm/Qwen/Qwen3-Coder-30B-A3B-Instruct');
    const lite = plan(
      'openai-compatible',
      {},
      {baseUrl: 'http://127.0.0.1:4000', model: 'gpt-local', api: 'openai-completions'},
    );
    expect(lite.providerId).toBe('litellm');
    expect(get(lite.result, ['models', 'providers', 'litellm'])).toMatchObject({
      baseUrl: 'http://127.0.0.1:4000/v1',
      apiKey: '${LITELLM_API_KEY}',
      api: 'openai-completions',
    });
    // One base-URL rule with the wizard (core/base-url): a bare origin gets /v1 for an OpenAI-style API, and says so.
    expect(lite.warnings.join('\n')).toMatch(/using base URL http:\/\/127\.0\.0\.1:4000\/v1/);
    const gw = plan('openai-compatible', {}, {baseUrl: 'http://gw.local:8080/api/openai', model: 'm'});
    expect(gw.warnings.join('\n')).toMatch(/does not end in \/v1/);
    const remote = plan(
      'openai-compatible',
      {},
      {baseUrl: 'https://gw.example.com/v1', model: 'm', providerId: 'corp-gw'},
    );
    expect(get(remote.result, ['models', 'providers', 'corp-gw', 'apiKey'])).toBe('${CORP_GW_API_KEY}');
  });

  it('requires a model id where there is no default', () => {
    for (const s of ['ollama', 'llamacpp', 'openai-compatible'] as const) {
      expect(() => planStack(s, {}, {})).toThrow(expect.objectContaining({field: 'model'}));
    }
  });
});

describe('regional', () => {
  it('pins OpenRouter to the region by base URL, key as env ref, hosted fallbacks kept', () => {
    const cfg = {
      models: {mode: 'merge'},
      agents: {defaults: {model: {primary: 'anthropic/claude-opus-4-5', fallbacks: ['openai/gpt-5']}}},
    };
    const p = plan('regional', cfg, {region: 'EU'});
    expect(get(p.result, ['models', 'providers', 'openrouter'])).toMatchObject({
      baseUrl: 'https://eu.openrouter.ai/api/v1',
      apiKey: '${OPENROUTER_API_KEY}',
      api: 'openai-completions',
      models: [expect.objectContaining({id: 'minimax/minimax-m2.1', name: 'MiniMax M2.1'})],
    });
    expect(p.primary).toBe('openrouter/minimax/minimax-m2.1');
    expect(p.fallbacks).toEqual(['anthropic/claude-opus-4-5', 'openai/gpt-5']);
    expect(get(p.result, ['agents', 'defaults', 'models', 'openrouter/minimax/minimax-m2.1'])).toEqual({
      alias: 'MinimaxEU',
    });
    expect(p.warnings.join('\n')).toMatch(/Business or Enterprise/);
  });

  it('us region and known models', () => {
    const p = plan('regional', {}, {region: 'us', model: 'moonshotai/kimi-k2'});
    expect(get(p.result, ['models', 'providers', 'openrouter', 'baseUrl'])).toBe('https://us.openrouter.ai/api/v1');
    expect(get(p.result, ['models', 'providers', 'openrouter', 'models', 0, 'name'])).toBe('Kimi K2');
  });

  it('keeps an existing plaintext key untouched and warns without printing it', () => {
    const secret = 'sk-or-v1-0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';
    const cfg = {models: {providers: {openrouter: {apiKey: secret, models: []}}}};
    const p = plan('regional', cfg);
    expect(get(p.result, ['models', 'providers', 'openrouter', 'apiKey'])).toBe(secret);
    expect(p.warnings.join('\n')).toMatch(/plain text/);
    expect(p.warnings.join('\n')).not.toContain(secret);
    expect(JSON.stringify(p.ops)).not.toContain(secret);
  });

  it('needs a region and takes no base URL', () => {
    expect(() => planStack('regional', {}, {})).toThrow(expect.objectContaining({field: 'region'}));
    expect(() => planStack('regional', {}, {region: 'asia'})).toThrow(/eu or us/);
    expect(() => planStack('regional', {}, {region: 'eu', baseUrl: 'https://openrouter.ai/api/v1'})).toThrow(/region/);
    expect(() => planStack('lmstudio', {}, {region: 'eu'})).toThrow(/regional/);
  });
});

describe('answer validation', () => {
  const bad: [StackAnswers, RegExp][] = [
    [{baseUrl: 'not a url'}, /not a valid URL/],
    [{baseUrl: 'ftp://127.0.0.1:1234/v1'}, /http or https/],
    [{baseUrl: 'http://user:pw@127.0.0.1:1234/v1'}, /user name or password/],
    [{baseUrl: 'http://127.0.0.1:1234/v1?x=1'}, /query/],
    [{contextWindow: 0}, /positive whole number/],
    [{contextWindow: 1.5}, /positive whole number/],
    [{maxTokens: -3}, /positive whole number/],
    [{contextWindow: 8192, maxTokens: 8192}, /smaller than the context window/],
    [{maxTokens: 300000}, /smaller than the context window/],
    [{providerId: 'LM Studio'}, /no spaces/],
    [{providerId: 'a/b'}, /no spaces or '\/'/],
    [{providerId: 'openai'}, /hosted provider/],
    [{model: ''}, /must not be empty/],
    [{model: 'has space'}, /spaces/],
    [{model: 'sk-ant-api03-abcdefghijklmnopqrstuvwxyz0123456789'}, /API key/],
    [{apiKey: 'sk-abcdefghijklmnop1234567890abcdefgh'}, /raw API key/],
    [{fallbacks: ['gpt-5']}, /provider\/model/],
    [{api: 'bogus' as never}, /api must be one of/],
  ];
  for (const [answers, msg] of bad) {
    it(`rejects ${JSON.stringify(answers)}`, () => {
      let err: unknown;
      try {
        planStack('lmstudio', {}, answers);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(StackInputError);
      expect((err as Error).message).toMatch(msg);
      expect((err as Error).message).not.toContain('\n');
    });
  }

  it('checks maxTokens against the context window already in the config', () => {
    const cfg = {
      models: {
        providers: {
          lmstudio: {
            baseUrl: 'http://127.0.0.1:1234/v1',
            models: [{id: 'minimax-m2.1-gs32', name: 'x', contextWindow: 8000}],
          },
        },
      },
    };
    expect(() => planStack('lmstudio', cfg, {maxTokens: 9000})).toThrow(/smaller/);
  });

  it('accepts env references and local markers as keys', () => {
    expect(plan('lmstudio', {}, {apiKey: '${LM_API_TOKEN}'}).result).toMatchObject({
      models: {providers: {lmstudio: {apiKey: '${LM_API_TOKEN}'}}},
    });
    expect(plan('lmstudio', {}, {apiKey: 'lmstudio-local'}).result).toMatchObject({
      models: {providers: {lmstudio: {apiKey: 'lmstudio-local'}}},
    });
    expect(() => planStack('regional', {}, {region: 'eu', apiKey: 'openrouter'})).toThrow(/raw API key/);
  });

  it('warns about a small context window', () => {
    expect(plan('ollama', {}, {contextWindow: 8192, maxTokens: 2048}).warnings.join('\n')).toMatch(/16000/);
  });
});

describe('config shapes setup cannot patch', () => {
  const shapes: [unknown, RegExp][] = [
    [[], /top level/],
    ['text', /top level/],
    [{agents: 'x'}, /agents is a string/],
    [{agents: {defaults: {model: 5}}}, /agents.defaults.model/],
    [{models: {providers: {lmstudio: []}}}, /models.providers.lmstudio/],
    [{models: {providers: {lmstudio: {models: {}}}}}, /not a list/],
    [{agents: {defaults: {modelPolicy: {allow: 'x'}}}}, /allow/],
  ];
  for (const [cfg, msg] of shapes) {
    it(`refuses ${JSON.stringify(cfg)}`, () => {
      expect(() => planStack('lmstudio', cfg, {})).toThrow(StackConfigError);
      expect(() => planStack('lmstudio', cfg, {})).toThrow(msg);
    });
  }
});

describe('idempotence and untouched keys', () => {
  const configs: Record<string, unknown> = {
    empty: {},
    stringPrimary: {
      agents: {defaults: {model: 'anthropic/claude-opus-4-5'}},
      channels: {telegram: {enabled: true}},
      meta: {lastTouchedVersion: '2026.9.6'},
    },
    full: {
      $schema: 'https://example.com/schema.json',
      models: {
        mode: 'merge',
        providers: {openai: {baseUrl: 'https://api.openai.com/v1', apiKey: '${OPENAI_API_KEY}', models: []}},
      },
      agents: {
        defaults: {
          model: {primary: 'openai/gpt-5', fallbacks: ['anthropic/claude-opus-4-5']},
          models: {'openai/gpt-5': {}},
          modelPolicy: {allow: ['openai/gpt-5']},
        },
        list: [{id: 'main', model: 'openai/gpt-5'}],
      },
    },
    replace: {models: {mode: 'replace'}},
  };
  for (const stack of STACK_IDS) {
    for (const [name, cfg] of Object.entries(configs)) {
      it(`${stack} on ${name}: second plan is empty; other keys unchanged`, () => {
        const first = plan(stack, cfg);
        expect(first.ops.length).toBeGreaterThan(0);
        const second = planStack(stack, first.result, NEEDS[stack] ?? {});
        expect(second.ops).toEqual([]);
        const touched = new Set(['models', 'agents', 'gateway']);
        for (const k of Object.keys(cfg as object))
          if (!touched.has(k)) expect(first.result[k]).toEqual((cfg as Record<string, unknown>)[k]);
        // Other providers and per-agent settings are never rewritten.
        expect(get(first.result, ['models', 'providers', 'openai'])).toEqual(
          get(cfg, ['models', 'providers', 'openai']),
        );
        expect(get(first.result, ['agents', 'list'])).toEqual(get(cfg, ['agents', 'list']));
      });
    }
  }

  it('warns about agents with their own model', () => {
    expect(plan('lmstudio', configs.full).warnings.join('\n')).toMatch(/Agent main sets its own model/);
  });

  it('plans the same way every time (no hidden state across calls, as a live preview repeats them)', () => {
    const a = planStack('hybrid', configs.full, {});
    for (let i = 0; i < 100; i++) planStack('hybrid', configs.full, {});
    expect(planStack('hybrid', configs.full, {})).toEqual(a);
  });
});

describe('classifying the old chain', () => {
  it('keeps refs it cannot classify (aliases to hosted, bare ids, ${VAR}) and Ollama cloud models', () => {
    const cfg = {
      agents: {
        defaults: {
          model: {
            primary: 'claude-sonnet-4-20250514',
            fallbacks: ['${OPENAI_MODEL}', 'ollama/kimi-k2.6:cloud', 'ollama/qwen3:8b', 'fast'],
          },
          models: {'ollama/qwen3:8b': {alias: 'fast'}},
        },
      },
    };
    const p = plan('lmstudio', cfg);
    expect(p.fallbacks).toEqual([
      'claude-sonnet-4-20250514',
      '${OPENAI_MODEL}',
      'ollama/kimi-k2.6:cloud',
      'ollama/qwen3:8b',
      'fast',
    ]);
    const h = plan('hybrid', {
      agents: {
        defaults: {
          model: {primary: 'fast', fallbacks: ['ollama/kimi-k2.6:cloud']},
          models: {'ollama/qwen3:8b': {alias: 'fast'}},
        },
      },
    });
    expect(h.primary).toBe('ollama/kimi-k2.6:cloud');
  });
});

describe('bare refs', () => {
  it('resolves a bare model id through a unique configured provider, as OpenClaw does', () => {
    const cfg = {
      models: {providers: {llamacpp: {baseUrl: 'http://127.0.0.1:8080/v1', models: [{id: 'qwen-coder', name: 'q'}]}}},
      agents: {defaults: {model: {primary: 'qwen-coder'}, models: {'llamacpp/qwen-coder': {}}}},
    };
    const p = plan('lmstudio', cfg);
    expect(p.fallbacks).toEqual([]);
    expect(p.warnings.join('\n')).toMatch(/qwen-coder leaves the model chain/);
  });
  it('never adds a bare id as a key of agents.defaults.models', () => {
    const p = plan('lmstudio', {agents: {defaults: {model: '${MODEL}', models: {'openai/gpt-5': {}}}}});
    expect(p.fallbacks).toEqual(['${MODEL}']);
    expect(get(p.result, ['agents', 'defaults', 'models', '${MODEL}'])).toBeUndefined();
  });
});

describe('moving a shared provider', () => {
  it("warns when a new base URL also moves the provider's other models", () => {
    const cfg = {
      models: {
        providers: {
          openrouter: {
            baseUrl: 'https://openrouter.ai/api/v1',
            apiKey: '${OPENROUTER_API_KEY}',
            models: [{id: 'openai/gpt-5', name: 'x'}],
          },
        },
      },
    };
    const p = plan('regional', cfg, {region: 'us'});
    expect(get(p.result, ['models', 'providers', 'openrouter', 'baseUrl'])).toBe('https://us.openrouter.ai/api/v1');
    expect(p.warnings.join('\n')).toMatch(/other models go there too/);
  });
});

describe('redactSecrets', () => {
  it('masks secret-looking values and secret-named keys, keeps env refs and markers', async () => {
    const {redactSecrets} = await import('../../src/core/stacks.js');
    const text = [
      '  "apiKey": "sk-or-v1-0123456789abcdef0123456789abcdef0123456789",',
      '  botToken: "123456789:AAHk1-abcdefghijklmnopqrstuvwxyz",',
      "  password: 'correct-horse-battery-staple',",
      '  "apiKey": "${OPENROUTER_API_KEY}",',
      '  apiKey: "ollama-local",',
      '  "baseUrl": "http://127.0.0.1:1234/v1",',
      '  "id": "qwen/qwen3-coder-30b",',
    ].join('\n');
    const out = redactSecrets(text);
    expect(out).not.toContain('0123456789abcdef');
    expect(out).not.toContain('AAHk1');
    expect(out).not.toContain('battery');
    expect(out).toContain('"${OPENROUTER_API_KEY}"');
    expect(out).toContain('"ollama-local"');
    expect(out).toContain('"http://127.0.0.1:1234/v1"');
    expect(out).toContain('"qwen/qwen3-coder-30b"');
    expect(out).toMatch(/"apiKey": "<redacted \d+ chars>"/);
  });
});

describe('our own key markers', () => {
  it('"openai-compatible-local" (23 chars, what setup writes) is shown as it is, in a diff too; a password ending in -local is not', async () => {
    const {redactSecrets} = await import('../../src/core/stacks.js');
    const {maskDiffSecrets} = await import('../../src/core/mask-diff.js');
    const text = '+      apiKey: "openai-compatible-local",\n+      password: "my-secret-horse-local",';
    const out = redactSecrets(text);
    expect(out).toContain('apiKey: "openai-compatible-local"');
    expect(out).not.toContain('my-secret-horse-local');
    const cfg = {models: {providers: {'openai-compatible': {apiKey: 'openai-compatible-local'}}}};
    expect(maskDiffSecrets('+      apiKey: "openai-compatible-local",', [cfg])).not.toMatch(/redacted/);
  });
});

describe('warnings print no credentials from URLs', () => {
  it('strips user info and query from a baseUrl it mentions', () => {
    const cfg = {
      models: {
        providers: {
          openrouter: {
            baseUrl: 'https://bob:hunter2@proxy.example.com/api/v1?token=abc123',
            apiKey: '${K}',
            models: [{id: 'x/y', name: 'y'}],
          },
        },
      },
    };
    const text = plan('regional', cfg, {region: 'us'}).warnings.join('\n');
    expect(text).toContain('https://proxy.example.com/api/v1');
    expect(text).not.toMatch(/hunter2|abc123|bob/);
  });
});

describe('hybrid and local-first over Ollama', () => {
  it('--api ollama takes the Ollama server defaults and native rules', () => {
    const p = plan(
      'hybrid',
      {agents: {defaults: {model: 'openai/gpt-5'}}},
      {api: 'ollama', model: 'qwen3-coder:30b', baseUrl: 'http://10.0.0.9:11434/v1'},
    );
    expect(p.providerId).toBe('ollama');
    expect(get(p.result, ['models', 'providers', 'ollama'])).toMatchObject({
      baseUrl: 'http://10.0.0.9:11434',
      api: 'ollama',
      apiKey: 'ollama-local',
    });
    expect(get(p.result, ['models', 'providers', 'ollama', 'models', 0, 'contextTokens'])).toBe(32768);
    expect(p.primary).toBe('openai/gpt-5');
    expect(p.fallbacks).toEqual(['ollama/qwen3-coder:30b']);
    expect(() => planStack('local-first', {}, {api: 'ollama'})).toThrow(expect.objectContaining({field: 'model'}));
  });
});

describe('sizes for models the stack does not know', () => {
  it("gives another LM Studio model the generic context, not the guide model's", () => {
    const p = plan('lmstudio', {}, {model: 'qwen/qwen3-coder-30b'});
    expect(get(p.result, ['models', 'providers', 'lmstudio', 'models', 0])).toMatchObject({
      contextWindow: 32768,
      maxTokens: 8192,
    });
    const guide = plan('lmstudio', {}, {});
    expect(get(guide.result, ['models', 'providers', 'lmstudio', 'models', 0])).toMatchObject({
      contextWindow: 196608,
      maxTokens: 8192,
    });
  });
});

describe('planStack: localOnly', () => {
  it('is true when no model in the chain runs hosted', () => {
    expect(planStack('lmstudio', {}).localOnly).toBe(true);
    expect(planStack('ollama', {agents: {defaults: {model: 'lmstudio/x'}}}, {model: 'q'}).localOnly).toBe(true);
    expect(planStack('lmstudio', {agents: {defaults: {model: 'anthropic/claude-opus-4-1'}}}).localOnly).toBe(false);
    expect(planStack('local-first', {}).localOnly).toBe(false);
    expect(planStack('hybrid', {}).localOnly).toBe(false);
    expect(planStack('regional', {}, {region: 'eu'}).localOnly).toBe(false);
    // An Ollama cloud model runs hosted.
    expect(planStack('lmstudio', {}, {fallbacks: ['ollama/kimi-k2.5:cloud']}).localOnly).toBe(false);
    // An OpenAI-compatible gateway on the internet is hosted; one on the LAN or a ${VAR} URL is not known to be.
    expect(planStack('openai-compatible', {}, {baseUrl: 'https://gateway.example.com/v1', model: 'x'}).localOnly).toBe(
      false,
    );
    expect(planStack('openai-compatible', {}, {baseUrl: 'http://192.168.1.20:8000/v1', model: 'x'}).localOnly).toBe(
      true,
    );
  });
});

describe('answers that cannot apply are said, not dropped silently', () => {
  it('a fallback equal to the primary is left out with a warning', () => {
    const plan = planStack('lmstudio', {}, {fallbacks: ['lmstudio/minimax-m2.1-gs32', 'openai/gpt-5']});
    expect(plan.fallbacks).toEqual(['openai/gpt-5']);
    expect(plan.warnings.join('\n')).toMatch(
      /lmstudio\/minimax-m2\.1-gs32 is the primary, so it is left out of the fallbacks/,
    );
    expect(planStack('lmstudio', {}, {fallbacks: ['openai/gpt-5']}).warnings.join('\n')).not.toMatch(
      /left out of the fallbacks/,
    );
  });

  it('hybrid: a local model as the hosted primary is refused', () => {
    expect(() => planStack('hybrid', {}, {primary: 'lmstudio/foo'})).toThrow(StackInputError);
    expect(() =>
      planStack(
        'hybrid',
        {models: {providers: {box: {baseUrl: 'http://192.168.1.5:8000/v1', models: [{id: 'q', name: 'q'}]}}}},
        {primary: 'box/q'},
      ),
    ).toThrow(/runs locally/);
    expect(planStack('hybrid', {}, {primary: 'openai/gpt-5'}).primary).toBe('openai/gpt-5');
  });
});

describe('the hosted default picked as a fallback', () => {
  const SONNET = 'anthropic/claude-sonnet-4-5';

  for (const stack of STACK_IDS) {
    it(`${stack}: a kept ${SONNET} fallback gets the Sonnet alias and the key warning, and a second plan is empty`, () => {
      const p = plan(stack, {}, {fallbacks: [SONNET]});
      // hybrid with nothing hosted in the config makes it the primary.
      expect([p.primary, ...p.fallbacks]).toContain(SONNET);
      expect(get(p.result, ['agents', 'defaults', 'models', SONNET])).toEqual({alias: 'Sonnet'});
      expect(p.warnings.join('\n')).toMatch(/ANTHROPIC_API_KEY/);
      const second = planStack(stack, p.result, {...NEEDS[stack], fallbacks: [SONNET]});
      expect(second.ops).toEqual([]);
    });
  }

  it('lmstudio with the fallback the interactive setup sends matches local-first choosing it itself', () => {
    const sent = planStack('lmstudio', {}, {fallbacks: [SONNET]});
    const chosen = planStack('local-first', {});
    expect(applyOps({}, sent.ops)).toEqual(applyOps({}, chosen.ops));
    expect(sent.warnings.filter((w) => w.includes('ANTHROPIC_API_KEY'))).toEqual(
      chosen.warnings.filter((w) => w.includes('ANTHROPIC_API_KEY')),
    );
  });

  it('keeps an alias the user already gave it, and gives Sonnet to no one when another model holds it', () => {
    const own = plan('lmstudio', {agents: {defaults: {models: {[SONNET]: {alias: 'S45'}}}}}, {fallbacks: [SONNET]});
    expect(get(own.result, ['agents', 'defaults', 'models', SONNET])).toEqual({alias: 'S45'});
    const taken = plan(
      'lmstudio',
      {agents: {defaults: {models: {'openai/gpt-5': {alias: 'sonnet'}}}}},
      {fallbacks: [SONNET]},
    );
    expect(get(taken.result, ['agents', 'defaults', 'models', SONNET])).toEqual({});
    expect(get(taken.result, ['agents', 'defaults', 'models', 'openai/gpt-5'])).toEqual({alias: 'sonnet'});
  });

  it('says nothing new when the config already had it in its chain', () => {
    const cfg = {agents: {defaults: {model: {primary: 'openai/gpt-5', fallbacks: [SONNET]}}}};
    const p = plan('lmstudio', cfg, {fallbacks: [SONNET]});
    expect(p.warnings.join('\n')).not.toMatch(/ANTHROPIC_API_KEY/);
    expect(get(p.result, ['agents', 'defaults', 'models', SONNET])).toEqual({});
  });

  it('other explicit fallbacks get no alias and no Anthropic warning', () => {
    const p = plan('lmstudio', {}, {fallbacks: ['openai/gpt-5']});
    expect(p.warnings.join('\n')).not.toMatch(/ANTHROPIC_API_KEY/);
    expect(get(p.result, ['agents', 'defaults', 'models', 'openai/gpt-5'])).toEqual({});
  });
});
