import {describe, expect, it} from 'vitest';
import {
  cells,
  colorEnabled,
  fmt,
  formatGB,
  kindLabel,
  paint,
  serverName,
  stripAnsi,
  textWidth,
  truncate,
  wrapLine,
} from '../../src/core/text/index.js';

const widest = (lines: string[]) => Math.max(...lines.map(cells));

describe('wrapLine counts terminal cells', () => {
  it('wraps CJK text by cells, not characters (each character takes two)', () => {
    const text = '设置 本地 模型 服务器 上下文 窗口 太小 请 重新 加载 模型'; // 21 characters + spaces
    const lines = wrapLine(text, 20);
    expect(lines.length).toBeGreaterThan(1);
    expect(widest(lines)).toBeLessThanOrEqual(20);
    // Counting characters would have put 20 characters (up to 36 cells) on a line.
    expect(lines.join(' ')).toBe(text);
  });

  it('wraps emoji by cells', () => {
    const text = '✅ ok 🚀🚀 launch 🚀🚀 again 🚀🚀 and 🚀🚀 more';
    const lines = wrapLine(text, 12, {indent: '  '});
    expect(widest(lines)).toBeLessThanOrEqual(12);
    expect(lines.slice(1).every((l) => l.startsWith('  '))).toBe(true);
  });

  it('status symbols (✔ ✖ ⚠) take one cell, as on a terminal: a line that fits exactly is not broken', () => {
    expect(wrapLine('✖ a', 3)).toEqual(['✖ a']);
    expect(wrapLine('  ✔ ok ⚠ warn', 13, {indent: '    '})).toEqual(['  ✔ ok ⚠ warn']);
  });

  it('colour codes take no room, and survive the wrap', () => {
    const c = paint(true);
    const text = `${c.green('✔')} ${c.bold('LM Studio')} on :1234 · 12 ms · Responses API: yes · tools`;
    const lines = wrapLine(text, 30, {indent: '    '});
    expect(lines.map(stripAnsi).join(' ').replace(/ {2,}/g, ' ')).toBe(stripAnsi(text));
    expect(widest(lines)).toBeLessThanOrEqual(30);
    expect(lines[0]).toContain('\u001b[32m');
  });

  it('keeps the leading spaces on the first line and indents the rest; words are never split', () => {
    const lines = wrapLine(
      '  - alpha beta gamma delta epsilon https://example.com/a/very/long/path/that/overflows',
      24,
      {indent: '    '},
    );
    expect(lines[0].startsWith('  - alpha')).toBe(true);
    expect(lines.slice(1).every((l) => /^ {4}\S/.test(l))).toBe(true);
    expect(lines).toContain('    https://example.com/a/very/long/path/that/overflows');
  });

  it('a first-line prefix replaces the leading spaces', () => {
    expect(wrapLine('one two three four', 10, {first: '> ', indent: '  '})).toEqual(['> one two', '  three', '  four']);
  });

  it('a line that fits, or width 0, is left alone (spacing kept)', () => {
    expect(wrapLine('a  b', 80)).toEqual(['a  b']);
    expect(wrapLine('x '.repeat(100).trim(), 0)).toEqual(['x '.repeat(100).trim()]);
  });

  it('breakAfter splits an over-long list at its separators', () => {
    const list = '"openai-completions"|"openai-responses"|"anthropic-messages"|"ollama"';
    const lines = wrapLine(`expected one of ${list}`, 30, {indent: '  ', breakAfter: /[|,]/});
    expect(widest(lines)).toBeLessThanOrEqual(30);
    expect(lines.map((l) => l.trim()).join('')).toBe(`expected one of${list}`);
  });
});

describe('textWidth: one rule for every report', () => {
  it('80 off a terminal; the terminal width on one, between 40 and 80', () => {
    expect(textWidth({isTTY: false, columns: 200})).toBe(80);
    expect(textWidth({})).toBe(80);
    expect(textWidth({isTTY: true, columns: 200})).toBe(80);
    expect(textWidth({isTTY: true, columns: 50})).toBe(50);
    expect(textWidth({isTTY: true, columns: 20})).toBe(40);
    expect(textWidth({isTTY: true})).toBe(80);
  });
});

describe('colour', () => {
  it('NO_COLOR (non-empty), --no-color and FORCE_COLOR=0 turn it off', () => {
    expect(colorEnabled(false, {})).toBe(true);
    expect(colorEnabled(true, {})).toBe(false);
    expect(colorEnabled(false, {NO_COLOR: '1'})).toBe(false);
    expect(colorEnabled(false, {NO_COLOR: ''})).toBe(true);
    expect(colorEnabled(false, {FORCE_COLOR: '0'})).toBe(false);
  });

  it('paint(false) is the identity; paint(true) wraps in SGR codes', () => {
    expect(paint(false).red('x')).toBe('x');
    expect(paint(true).red('x')).toBe('\u001b[31mx\u001b[0m');
  });
});

describe('numbers and names', () => {
  it('fmt, formatGB, truncate', () => {
    expect(fmt(196608)).toBe('196,608');
    expect(fmt(1234.6)).toBe('1,235');
    expect(formatGB(143.2)).toBe('143 GB');
    expect(formatGB(10.74)).toBe('10.7 GB');
    expect(formatGB(Number.NaN)).toBe('? GB');
    expect(cells(truncate('漢字漢字漢字', 7))).toBeLessThanOrEqual(7);
  });

  it("the screens' kindLabel is this one, and it is SERVER_LABELS (the servers barrel re-exports the same table)", async () => {
    const {SERVER_LABELS} = await import('../../src/servers/index.js');
    const ui = await import('../../src/ui/format.js');
    expect(ui.kindLabel).toBe(kindLabel);
    for (const [kind, label] of Object.entries(SERVER_LABELS)) expect(kindLabel(kind)).toBe(label);
  });

  it('kindLabel and serverName', () => {
    expect(kindLabel('lmstudio')).toBe('LM Studio');
    expect(kindLabel('mystery')).toBe('mystery');
    expect(serverName('unknown')).toBe('the server');
    expect(serverName('ollama')).toBe('Ollama');
  });
});
