/**
 * Commands a user runs on the server side. We print them, never run them.
 * Pure: kind + ids + numbers in, command text out.
 */
import type {ServerKind} from '../types/servers.js';
import {DEFAULT_PORTS} from '../server-kinds.js';
import {shq} from './format.js';

/** Best guess of the server behind a provider when it could not be fingerprinted. */
export function guessKind(providerId: string, baseUrl?: string, api?: string): ServerKind {
  const id = providerId.toLowerCase();
  if (api === 'ollama' || id.includes('ollama')) return 'ollama';
  if (id.includes('lmstudio') || id.includes('lm-studio') || id.includes('lm studio')) return 'lmstudio';
  if (id.includes('vllm')) return 'vllm';
  if (id.includes('litellm')) return 'litellm';
  if (id === 'exo' || id.startsWith('exo-')) return 'exo';
  if (id.includes('llama')) return 'llamacpp';
  const port = portOf(baseUrl);
  return DEFAULT_PORTS.find((d) => d.port === port)?.kind ?? 'openai-compatible';
}

export function portOf(baseUrl?: string): number | undefined {
  if (!baseUrl) return undefined;
  try {
    const u = new URL(baseUrl);
    if (u.port) return Number(u.port);
    return u.protocol === 'https:' ? 443 : 80;
  } catch {
    return undefined;
  }
}

/** Command that starts the server on the configured port. */
export function startCommand(kind: ServerKind, port?: number): string | undefined {
  switch (kind) {
    case 'lmstudio':
      return port && port !== 1234 ? `lms server start --port ${port}` : 'lms server start';
    case 'ollama':
      return port && port !== 11434 ? `OLLAMA_HOST=127.0.0.1:${port} ollama serve` : 'ollama serve';
    case 'vllm':
      return `vllm serve <model>${port && port !== 8000 ? ` --port ${port}` : ''}`;
    case 'litellm':
      return `litellm --config <config.yaml>${port && port !== 4000 ? ` --port ${port}` : ''}`;
    case 'llamacpp':
      return `llama-server -m <model.gguf>${port ? ` --port ${port}` : ''}`;
    case 'exo':
      // On every machine of the cluster, in its exo checkout (exo-explore/exo README), or the EXO app.
      return 'uv run exo';
    default:
      return undefined;
  }
}

/** Command that (re)loads the model with at least `context` tokens. */
export function raiseContextCommand(kind: ServerKind, model: string, context: number): string | undefined {
  switch (kind) {
    case 'lmstudio':
      return `lms unload ${shq(model)}; lms load ${shq(model)} --context-length ${context}`;
    case 'ollama':
      return `OLLAMA_CONTEXT_LENGTH=${context} ollama serve`;
    case 'vllm':
      return `vllm serve <model> --served-model-name ${shq(model)} --max-model-len ${context}`;
    case 'llamacpp':
      return `llama-server -m <model.gguf> -c ${context} --parallel 1`;
    default:
      return undefined;
  }
}

/** Command that loads the model now and keeps it loaded. */
export function keepLoadedCommand(
  kind: ServerKind,
  model: string,
  context?: number,
  origin = 'http://127.0.0.1:11434',
): string | undefined {
  switch (kind) {
    case 'lmstudio':
      return `lms load ${shq(model)}${context ? ` --context-length ${context}` : ''}`;
    case 'ollama':
      return `curl -s ${origin}/api/generate -d '${JSON.stringify({model, keep_alive: -1})}'   # or start with OLLAMA_KEEP_ALIVE=-1 ollama serve`;
    case 'llamacpp':
      return `curl -s -X POST ${origin}/models/load -d '${JSON.stringify({model})}'`;
    case 'exo':
      // exo serves a model only while an instance of it is placed (docs/api.md: POST /place_instance); it stays placed.
      return `curl -s -X POST ${origin}/place_instance -H 'content-type: application/json' -d '${JSON.stringify({model_id: model})}'`;
    default:
      return undefined;
  }
}
