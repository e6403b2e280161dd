import {describe, expect, it} from 'vitest';
import {cutAtWord, shortTime, summarizeLogLine} from '../../src/core/findings/log-line.js';

describe('summarizeLogLine', () => {
  it('takes the message from an OpenClaw JSON line, with its time', () => {
    const l = JSON.stringify({
      '0': '{"subsystem":"x"}',
      '1': 'transient retry 5/8 for lmstudio/qwen reason=timeout',
      time: '2026-12-07T04:15:26.348+00:00',
    });
    expect(summarizeLogLine(l)).toEqual({
      message: 'transient retry 5/8 for lmstudio/qwen reason=timeout',
      time: '2026-12-07T04:15:26.348+00:00',
    });
    expect(shortTime('2026-12-07T04:15:26.348+00:00')).toBe('2026-12-07 04:15 UTC');
  });
  it('a plain text line is its own message; long text is cut at a word, marked', () => {
    expect(summarizeLogLine('error provider lmstudio: 400 boom').message).toBe('error provider lmstudio: 400 boom');
    const cut = cutAtWord('alpha beta gamma delta epsilon', 18);
    expect(cut).toBe('alpha beta gamma…');
    expect(cut.length).toBeLessThanOrEqual(18);
  });
});

describe('summarizeLogLine on event objects', () => {
  it('model_fallback_decision: the errorPreview, not the event name', () => {
    const l = JSON.stringify({
      '1': {
        event: 'model_fallback_decision',
        reason: 'format',
        errorPreview: "400 No models loaded. Please load a model in the developer page or use the 'lms load' command.",
      },
      message: 'model fallback decision',
    });
    expect(summarizeLogLine(l).message).toBe(
      "400 No models loaded. Please load a model in the developer page or use the 'lms load' command.",
    );
  });
});
