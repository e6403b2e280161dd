/**
 * Facts about each server kind: its human name and the ports it listens on
 * by default. Pure data, so the first frame of the app and the pure rules
 * (guessing a kind from a port) use it without loading the HTTP clients.
 */
import type {ServerKind} from './types/servers.js';

export const SERVER_LABELS: Record<ServerKind, string> = {
  lmstudio: 'LM Studio',
  vllm: 'vLLM',
  litellm: 'LiteLLM',
  ollama: 'Ollama',
  llamacpp: 'llama.cpp',
  exo: 'exo',
  openrouter: 'OpenRouter',
  'openai-compatible': 'OpenAI-compatible server',
  unknown: 'Unknown server',
};

export const DEFAULT_PORTS: {port: number; kind: ServerKind}[] = [
  {port: 1234, kind: 'lmstudio'},
  {port: 11434, kind: 'ollama'},
  {port: 8000, kind: 'vllm'},
  {port: 4000, kind: 'litellm'},
  {port: 8080, kind: 'llamacpp'},
  {port: 9931, kind: 'llamacpp'},
  {port: 30000, kind: 'openai-compatible'},
  {port: 52415, kind: 'exo'},
];

/** Human name of a server kind ("LM Studio"); a kind not in the table is shown as given. */
export function kindLabel(kind: ServerKind | string): string {
  return (SERVER_LABELS as Record<string, string>)[kind] ?? kind;
}

/** The kind as a sentence names it: "start LM Studio", and "the server" when the kind is unknown. */
export function serverName(kind: ServerKind): string {
  return kind === 'unknown' ? 'the server' : kindLabel(kind);
}
