/**
 * The ports each local server listens on by default. Its own module with no
 * run-time imports, so pure code (guessing a kind from a port) can use it
 * without loading the HTTP clients behind src/servers/index.ts.
 */
import type {ServerKind} from './types.js';

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
