/** config.parse takes its syntax hint from the config engine (parseErrorHint), not from a copy of it. */
import {describe, expect, it} from 'vitest';
import {parseConfigText} from '../../src/config/index.js';
import {configParse} from '../../src/doctor/checks/config.js';
import type {LoadedConfig} from '../../src/core/types/config.js';
import {makeCtx} from './helpers.js';

async function parseFinding(loaded: LoadedConfig) {
  const ctx = makeCtx({}, {}, {}, {loaded});
  const [f] = await configParse.detect(ctx);
  return f;
}

describe('config.parse hint', () => {
  it('a missing comma names the line that needs it, once, and the fix points there', async () => {
    const f = await parseFinding(
      parseConfigText('{\n  baseUrl: "http://127.0.0.1:1234/v1"\n  api: "x",\n}', '/cfg/openclaw.json'),
    );
    expect(f.status).toBe('fail');
    expect(f.message).toContain('line 3:3');
    expect(f.message.match(/probably a comma missing at the end of line 2/g)).toHaveLength(1);
    expect(f.fix?.description).toMatch(/^fix line 2 by hand/);
  });

  it('a # comment after a value line is called a # comment, not a missing comma', async () => {
    const f = await parseFinding(parseConfigText('{\n  a: 1\n  # note\n  b: 2\n}', '/cfg/openclaw.json'));
    expect(f.message).toContain('JSON5 comments start with // or /*, not #');
    expect(f.message).not.toMatch(/comma/);
    expect(f.fix?.description).toMatch(/^fix line 3 by hand/);
  });

  it("a \\u{…} escape gets the engine's escape hint", async () => {
    const f = await parseFinding(parseConfigText('{\n  a: "\\u{1F600}"\n}', '/cfg/openclaw.json'));
    expect(f.message).toContain('JSON5 has no \\u{…} escapes');
    expect(f.fix?.description).toMatch(/^fix line 2 by hand/);
  });

  it('works out the hint from the text when the loaded error carries none', async () => {
    const text = '{\n  a: "x"\n  b: 2\n}';
    const loaded: LoadedConfig = {
      path: '/cfg/openclaw.json',
      exists: true,
      text,
      value: undefined,
      duplicateKeys: [],
      parseError: {message: "invalid character 'b' at 3:3", line: 3, column: 3},
    };
    const f = await parseFinding(loaded);
    expect(f.message).toContain('probably a comma missing at the end of line 2');
    expect(f.message).not.toContain('at 3:3;');
    expect(f.fix?.description).toMatch(/^fix line 2 by hand/);
  });

  it('non-UTF-8 text wins over any syntax hint', async () => {
    const text = '\ufffd\ufffd{\n  a: 1\n}';
    const f = await parseFinding(parseConfigText(text, '/cfg/openclaw.json'));
    expect(f.message).toContain('not UTF-8');
    expect(f.message).not.toMatch(/comma|comments start/);
  });
});
