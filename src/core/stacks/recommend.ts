/**
 * Which stack to recommend on this machine: one rule for the app's stack list
 * (and any front-end that recommends). Pure, and computed only once both the
 * hardware estimate and server discovery are known, so the answer never
 * depends on which probe finished first.
 *
 * The evidence, strongest first:
 * 1. A local server that already serves a model (loaded beats listed): the
 *    stack for that server, with that model as the primary. A running server
 *    beats an estimate ("does not fit", "hosted only").
 * 2. Nothing local runs: no stack is recommended. Writing a local model that
 *    nothing serves, or a hosted endpoint the user may not be able to use,
 *    is not a default: the user starts a server first (startServerCommands).
 *
 * Never recommended by default: `regional` (OpenRouter's EU/US in-region
 * endpoints need a Business or Enterprise plan, see plan.ts) and `hybrid`
 * when the config's primary is already local (it would demote it to a
 * fallback).
 */
import type {StackId} from './types.js';
import {GUIDE_MODEL} from './catalog.js';
import {startCommand} from '../findings/server-commands.js';
import {kindLabel} from '../server-kinds.js';

/** What discovery found, reduced to what the rule needs. */
export interface RunningServer {
  kind: string;
  /** "http://127.0.0.1:1234" */
  baseUrl: string;
  models: {id: string; state: string}[];
}

export interface RecommendInput {
  /** The hardware verdict's stacks, best first; undefined when there is no verdict (probe failed). */
  estimate?: string[];
  servers: RunningServer[];
  /** The config's primary is served by a local provider now. */
  primaryIsLocal?: boolean;
}

export type Recommendation =
  | {kind: 'server'; stack: StackId; server: RunningServer; model: string; why: string}
  | {kind: 'start-server'; why: string};

/** Stacks that are never the default: they need a paid plan the user may not have. */
export const PAID_PLAN_STACKS: readonly StackId[] = ['regional'];

const KIND_ORDER = ['exo', 'lmstudio', 'ollama', 'llamacpp', 'vllm', 'litellm', 'openai-compatible', 'unknown'];

export function stackForServer(kind: string): StackId {
  if (kind === 'exo') return 'exo';
  if (kind === 'lmstudio') return 'lmstudio';
  if (kind === 'ollama') return 'ollama';
  if (kind === 'llamacpp') return 'llamacpp';
  return 'openai-compatible';
}

export function recommendStack(input: RecommendInput): Recommendation {
  const candidates: {server: RunningServer; model: string; loaded: boolean; rank: number}[] = [];
  for (const server of input.servers) {
    if (server.kind === 'openrouter') continue; // hosted, not local
    const rank = KIND_ORDER.indexOf(server.kind) < 0 ? KIND_ORDER.length : KIND_ORDER.indexOf(server.kind);
    for (const m of server.models) candidates.push({server, model: m.id, loaded: m.state === 'loaded', rank});
    // An exo cluster that answers is the one to set up, placed model or not (its placement comes with setup).
    if (server.kind === 'exo' && !server.models.length) candidates.push({server, model: '', loaded: false, rank});
  }
  // An exo cluster first; then loaded, then the guide's model, then the server kind; ties keep discovery's order.
  const exo = (c: {server: RunningServer}) => Number(c.server.kind === 'exo');
  candidates.sort(
    (a, b) =>
      exo(b) - exo(a) ||
      Number(b.loaded) - Number(a.loaded) ||
      Number(b.model === GUIDE_MODEL.id) - Number(a.model === GUIDE_MODEL.id) ||
      a.rank - b.rank,
  );
  const best = candidates[0];
  if (best) {
    const stack = stackForServer(best.server.kind);
    const where = `${kindLabel(best.server.kind)} on :${portOf(best.server.baseUrl)}`;
    const estimate =
      input.estimate?.length && !input.estimate.some((s) => s === stack || s === 'local-first' || s === 'lmstudio');
    return {
      kind: 'server',
      stack,
      server: best.server,
      model: best.model,
      why: best.model
        ? `${where} ${best.loaded ? 'has' : 'serves'} ${best.model}${best.loaded ? ' loaded' : ''}: a running server beats an estimate${estimate ? ' (the hardware estimate alone would keep a hosted primary)' : ''}.`
        : `${where} answers: a running cluster beats an estimate; set-up places a model on it.`,
    };
  }
  return {
    kind: 'start-server',
    why: input.primaryIsLocal
      ? 'Your config already uses a local model, but no local server answers: start it, then rescan.'
      : 'No local model server answers on this machine: start one, then rescan.',
  };
}

function portOf(baseUrl: string): string {
  const m = /:(\d+)(\/|$)/.exec(baseUrl.replace(/^[a-z]+:\/\//i, ''));
  return m ? m[1] : baseUrl;
}

export interface StartCommand {
  server: string;
  /** Commands to run, in order, in a terminal. */
  commands: string[];
  note?: string;
}

/** The hardware estimate's model ids (core/hardware/evaluate.ts) as LM Studio and Ollama name them. */
const LMSTUDIO_NAME: Record<string, string> = {'minimax-m2.1': GUIDE_MODEL.id};
const OLLAMA_TAG: Record<string, string> = {
  'gpt-oss-20b': 'gpt-oss:20b',
  'gpt-oss-120b': 'gpt-oss:120b',
  'qwen3-coder-30b': 'qwen3-coder:30b',
};

/**
 * How to start a local server on this OS, with the model the hardware
 * estimate picked (`model`, an id from core/hardware) where a server names
 * it; "<model>" otherwise. Commands as each project documents them: LM
 * Studio's `lms` CLI (`lms server start`, `lms get`, `lms load`), Ollama
 * (`ollama serve`, `ollama pull`), llama.cpp's `llama-server -m FILE --port 8080`.
 */
export function startServerCommands(platform: string, opts: {model?: string} = {}): StartCommand[] {
  const lms = opts.model ? (LMSTUDIO_NAME[opts.model] ?? opts.model) : '<model>';
  const ollama = opts.model ? OLLAMA_TAG[opts.model] : 'qwen3:8b';
  // The desktop Ollama app (macOS, Windows) runs the server itself.
  const ollamaApp = platform === 'darwin' || platform === 'win32';
  const gguf = platform === 'win32' ? 'C:\\models\\model.gguf' : '~/models/model.gguf';
  const out: StartCommand[] = [
    {
      server: 'LM Studio',
      commands: [startCommand('lmstudio')!, `lms get ${lms}`, `lms load ${lms}`],
      note: 'the LM Studio app',
    },
  ];
  if (ollama) {
    out.push({
      server: 'Ollama',
      commands: ollamaApp ? [`ollama pull ${ollama}`] : [startCommand('ollama')!, `ollama pull ${ollama}`],
      note: ollamaApp ? 'the Ollama app runs the server' : 'ollama serve in its own terminal',
    });
  }
  out.push({
    server: 'llama.cpp',
    commands: [startCommand('llamacpp', 8080)!.replace('<model.gguf>', gguf)],
    note: 'any GGUF file',
  });
  return out;
}
