import type {ClientOptions, CompletionTiming, Result, ServedModel, ServerKind} from '../core/types/servers.js';

/** One adapter per server kind, behind one interface. */
export interface ServerAdapter {
  kind: ServerKind;
  listModels(baseUrl: string, opts?: ClientOptions): Promise<Result<{models: ServedModel[]}>>;
  supportsResponses(baseUrl: string, opts?: ClientOptions): Promise<'yes' | 'no' | 'unknown'>;
  /** May cold-load a model: only when the user asked (doctor --probe). */
  tinyCompletion(
    baseUrl: string,
    model: string,
    api: CompletionTiming['api'],
    opts?: ClientOptions,
  ): Promise<Result<{timing: CompletionTiming}>>;
}
