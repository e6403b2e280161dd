/**
 * `explain "<error text>"` (or piped stdin): recognise an OpenClaw/server
 * error and answer cause and fix, with config-specific advice when a config
 * is found. Exit 0 recognised, 1 not recognised.
 */
import type {CommandContext} from '../cli/context.js';
import {UsageError} from '../cli/errors.js';
import {snapshotOf} from '../app/snapshot.js';
import type {ConfigView} from '../core/config-view.js';
import {configAdvice, explainClass, overflowNumbers, type Explanation} from '../core/findings/errors.js';
import {classifyError, redact} from '../servers/index.js';
import {serverName} from '../core/server-kinds.js';
import {textWidth, wrapLine} from '../core/text/index.js';
import type {ClassifiedError} from '../core/types/servers.js';
import {
  classifyOpenClawError,
  explainOpenClawError,
  openClawConfigAdvice,
  type OpenClawError,
  type OpenClawExplanation,
} from '../core/findings/openclaw-errors.js';
import {printableJson, printableLines} from '../core/sanitize.js';

export const MAX_INPUT_BYTES = 1024 * 1024;
const IDLE_MS = 10_000;

/** Reads stdin up to `max` bytes (the rest is dropped), giving up after `idleMs` without data. */
export function readBounded(stream: NodeJS.ReadableStream, max = MAX_INPUT_BYTES, idleMs = IDLE_MS): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let timer: NodeJS.Timeout;
    const finish = () => {
      clearTimeout(timer);
      stream.off('data', onData);
      stream.off('end', finish);
      stream.off('error', onError);
      stream.pause?.();
      resolve(Buffer.concat(chunks).toString('utf8'));
    };
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(finish, idleMs);
      timer.unref?.();
    };
    const onData = (c: Buffer | string) => {
      const b = typeof c === 'string' ? Buffer.from(c) : c;
      if (size < max) chunks.push(b.subarray(0, max - size));
      size += b.length;
      if (size >= max) finish();
      else arm();
    };
    const onError = (e: Error) => {
      clearTimeout(timer);
      reject(e);
    };
    stream.on('data', onData);
    stream.once('end', finish);
    stream.once('error', onError);
    arm();
    stream.resume?.();
  });
}

export interface ExplainedError {
  classified: ClassifiedError;
  explanation: Explanation | OpenClawExplanation;
  config: string[];
  /** Numbers and names read from the message (OpenClaw's own messages). */
  evidence?: Record<string, number | string>;
}

/** Every distinct recognised error in the text: the whole text first, then line by line. */
export function explainText(text: string, view?: ConfigView): ExplainedError[] {
  const found: ClassifiedError[] = [];
  const whole = classifyError(text.slice(0, 20_000));
  if (whole.class.kind !== 'unknown') found.push(whole);
  const lines = text.split(/\r?\n/).filter((l) => l.trim());
  if (lines.length > 1) {
    for (const line of lines.slice(-2000)) {
      const c = classifyError(line.slice(0, 4000));
      if (c.class.kind !== 'unknown' && !found.some((f) => f.class.kind === c.class.kind)) found.push(c);
    }
  }
  const out: ExplainedError[] = [];
  // OpenClaw's own messages first: they name the config problem directly.
  const own: OpenClawError[] = [];
  const addOwn = (e: OpenClawError | undefined) => {
    if (e && !own.some((o) => o.kind === e.kind)) own.push(e);
  };
  addOwn(classifyOpenClawError(text.slice(0, 200_000)));
  if (lines.length > 1) for (const line of lines.slice(-2000)) addOwn(classifyOpenClawError(line.slice(0, 4000)));
  for (const e of own) {
    out.push({
      classified: {class: {kind: 'unknown'}, match: e.match},
      explanation: explainOpenClawError(e),
      config: openClawConfigAdvice(e, view),
      evidence: e.evidence,
    });
  }
  for (const c of found) {
    const explanation = explainClass(c.class, c.server);
    if (explanation) out.push({classified: c, explanation, config: configAdvice(c.class, view)});
  }
  return out;
}

async function loadView(ctx: CommandContext): Promise<{view?: ConfigView; path?: string; secrets: string[]}> {
  try {
    const {location: loc, view} = await snapshotOf(ctx);
    if (!loc.exists) return {secrets: []};
    if (!view) return {path: loc.path, secrets: []};
    return {
      view,
      path: loc.path,
      secrets: view.providers.map((p) => p.apiKeyForRequests).filter((s): s is string => !!s),
    };
  } catch {
    return {secrets: []};
  }
}

function numbers(c: ClassifiedError['class']): Record<string, number | string> {
  // An overflow also gets the reply budget and the overflow worked out from its numbers.
  if (c.kind === 'context-overflow') return {...overflowNumbers(c)};
  const out: Record<string, number | string> = {};
  for (const [k, v] of Object.entries(c)) if (k !== 'kind' && v !== undefined) out[k] = v as number | string;
  return out;
}

const COMMAND_TAIL = /^(.*?):\s+((?:lms|OLLAMA_CONTEXT_LENGTH=\S+ ollama|vllm serve|llama-server|curl)\b.*?)\.?$/;

export async function run(ctx: CommandContext): Promise<number> {
  const {io} = ctx;
  let text = ctx.args.join(' ');
  if (!text.trim()) {
    if (io.stdin.isTTY) throw new UsageError('give the error text as an argument, or pipe it on stdin', 'explain');
    text = await readBounded(io.stdin);
  }
  if (!text.trim()) throw new UsageError('no error text given (argument or stdin)', 'explain');
  const {view, path, secrets} = await loadView(ctx);
  const results = explainText(text, view);
  const clean = (s: string) => redact(s, secrets);
  if (ctx.global.json) {
    io.stdout.write(
      `${printableJson({
        schemaVersion: 1,
        recognised: results.length > 0,
        configPath: path ?? null,
        errors: results.map((r) => ({
          kind: r.explanation.kind,
          title: r.explanation.title,
          server: r.classified.server ?? null,
          match: r.classified.match ? clean(r.classified.match) : null,
          evidence: r.evidence ?? numbers(r.classified.class),
          cause: r.explanation.cause,
          fixes: r.explanation.fixes,
          config: r.config,
          checkId: r.explanation.checkId ?? null,
        })),
      })}\n`,
    );
    return results.length ? 0 : 1;
  }
  if (results.length === 0) {
    io.stdout.write(
      'Not recognised: this does not match a known OpenClaw or local-server error.\nTry `openclaw-local-doctor doctor`: it checks the config and the servers.\n',
    );
    return 1;
  }
  const lines: string[] = [];
  for (const r of results) {
    const e = r.explanation;
    lines.push(`Recognised: ${e.title}${r.classified.server ? ` (${serverName(r.classified.server)} wording)` : ''}`);
    if (r.classified.match) lines.push(`  matched: ${clean(r.classified.match).slice(0, 200)}`);
    lines.push(`  cause: ${e.cause}`, '  fix:');
    for (const f of e.fixes) {
      // A fix with several lines lists one server per line ("Label: command").
      const [first, ...rest] = f.split('\n');
      lines.push(`    - ${first}`, ...rest.map((l) => `      ${l}`));
    }
    if (r.config.length) {
      lines.push(`  in your config (${path}):`);
      for (const c of r.config) lines.push(`    - ${c}`);
    }
    if (e.checkId) lines.push(`  check it: openclaw-local-doctor doctor --only ${e.checkId}`);
    lines.push('');
  }
  const width = textWidth(io.stdout);
  const wrapped = lines.flatMap((l) => {
    // A command at the end of a line goes on its own line, whole, so it can be copied.
    const cmd = COMMAND_TAIL.exec(l);
    const indent = ' '.repeat(/^\s*(?:- |\w[\w ]*: )?/.exec(l)?.[0].length ?? 0);
    if (!cmd) return wrapLine(l, width, {indent});
    // The command sits two columns in from the text it belongs to (past a "- " bullet).
    const textStart = /^\s*(?:- )?/.exec(l)![0].length;
    return [...wrapLine(`${cmd[1]}:`, width, {indent}), `${' '.repeat(textStart + 2)}$ ${cmd[2]}`];
  });
  // The matched text and config values are the user's or a server's: sanitised for the terminal.
  io.stdout.write(printableLines(wrapped.join('\n')));
  return 0;
}
