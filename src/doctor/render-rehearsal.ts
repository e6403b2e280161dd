/** Text of a rehearsal: one line per figure, what it is measured against, then the findings with their fixes. */
import {fmt, wrapLine} from '../core/text/index.js';
import {printable as clean} from '../core/sanitize.js';
import {PROMPT_PARTS} from '../core/openclaw/prompt-shape.js';
import type {RehearsalPhase, RehearsalProgress, RehearsalReport} from './rehearse.js';

const SYMBOL = {pass: '✔', info: 'ℹ', warn: '⚠', fail: '✖'} as const;

const secs = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

export interface RehearsalEstimate {
  /** From the hardware estimate (tokens/s, long → short context). */
  low: number;
  high: number;
}

export function renderRehearsal(r: RehearsalReport, opts: {width: number; estimate?: RehearsalEstimate}): string {
  const w = opts.width;
  const o = r.outcome;
  const t = r.target;
  const lines: string[] = [
    '',
    `Rehearsal: ${clean(t.ref)} · api ${clean(t.api)} · ${r.serverKind} at ${clean(t.baseUrl)}`,
  ];
  if (r.skipped) return `${[...lines, `  skipped: ${clean(r.skipped)}`].join('\n')}\n`;
  const tokens =
    o.promptTokens !== undefined
      ? `${fmt(o.promptTokens)} tokens${o.promptTokensEstimated ? ' (estimated: the server reported no usage)' : ''}`
      : 'not sent';
  lines.push(
    ...wrapLine(
      `  OpenClaw's request: ${tokens}: a ${fmt(PROMPT_PARTS.systemPromptChars)}-character system prompt and ${PROMPT_PARTS.toolCount} tools (${fmt(PROMPT_PARTS.toolDefinitionChars)} characters), output limit ${fmt(t.maxTokens ?? 8192)}, streamed`,
      w,
      {indent: '    '},
    ),
  );
  const row = (label: string, value: string, note = ''): void => {
    lines.push(...wrapLine(`  ${label.padEnd(20)}${value}${note ? `   ${note}` : ''}`, w, {indent: ' '.repeat(22)}));
  };
  row(
    'Cold load',
    o.loadMs !== undefined ? secs(o.loadMs) : '—',
    o.loadMs !== undefined && o.loadMs < 1000 ? '(the model was already loaded)' : '',
  );
  row(
    'Time to first token',
    o.ttftMs !== undefined ? secs(o.ttftMs) : '—',
    o.prefillTokensPerSecond !== undefined ? `(prefill at ${fmt(Math.round(o.prefillTokensPerSecond))} tok/s)` : '',
  );
  const est = opts.estimate ? `(hardware estimate ≈${opts.estimate.low}–${opts.estimate.high} tok/s)` : '';
  row('Decode', o.decodeTokensPerSecond !== undefined ? `${o.decodeTokensPerSecond} tok/s` : '—', est);
  const cold = o.totalMs !== undefined ? (o.loadMs ?? 0) + o.totalMs : undefined;
  row(
    'Total',
    o.totalMs !== undefined ? secs(o.totalMs) : '—',
    cold !== undefined ? `(cold first turn ${secs(cold)}; ${limitText(r)})` : '',
  );
  row('Tool call', o.toolCall ?? '—', o.toolCallDetail ? `(${clean(o.toolCallDetail).slice(0, 160)})` : '');
  row(
    'Reasoning in reply',
    o.reasoningLeak === undefined ? '—' : o.reasoningLeak ? `leaked (${clean(o.leakSample ?? '')})` : 'none',
  );
  row('Usage in stream', o.usageReported === undefined ? '—' : o.usageReported ? 'reported' : 'not reported');
  lines.push('');
  for (const f of r.findings) {
    lines.push(...wrapLine(`  ${SYMBOL[f.severity]} ${clean(f.message)}`, w, {indent: '    '}));
    if (f.fix) lines.push(...wrapLine(`    fix: ${clean(f.fix)}`, w, {indent: '         '}));
  }
  return `${lines.join('\n')}\n`;
}

function limitText(r: RehearsalReport): string {
  const l = r.limits;
  if (l.requestMs === undefined && l.idleMs === undefined) return 'OpenClaw sets no limit here';
  const parts: string[] = [];
  if (l.requestMs !== undefined) parts.push(`OpenClaw's request limit ${secs(l.requestMs)}`);
  if (l.idleMs !== undefined && l.idleMs !== l.requestMs) parts.push(`idle limit ${secs(l.idleMs)}`);
  return parts.join(', ');
}

const PHASE_WORDS: Record<RehearsalPhase, string> = {
  load: 'loading the model (one-token request)',
  prefill: "reading OpenClaw's prompt",
  decode: 'streaming the answer',
  warm: 'timing a warm one-token request',
  'tool-call': 'asking for a tool call',
  done: 'done',
};

/** The live line: "[2/4] streaming the answer · 12.3 s · 240 tokens". */
export function progressLine(p: RehearsalProgress): string {
  const step = {load: 1, prefill: 2, decode: 2, warm: 3, 'tool-call': 4, done: 4}[p.phase];
  return `Rehearsal [${step}/4] ${PHASE_WORDS[p.phase]} · ${secs(p.elapsedMs)}${p.tokens ? ` · ${fmt(p.tokens)} tokens` : ''}`;
}
