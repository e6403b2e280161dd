/**
 * Tensor / pipeline parallel sizes from a Prometheus /metrics text, where the
 * server publishes them as labels of a config-info gauge (e.g.
 * `*_parallel_config_info{tensor_parallel_size="8",pipeline_parallel_size="2"} 1`,
 * as SGLang and TensorRT-LLM do; vLLM's own `vllm:cache_config_info` carries
 * the cache config only, so a stock vLLM usually says nothing here). Pure.
 */
export interface Parallelism {
  tensorParallel?: number;
  pipelineParallel?: number;
  /** The metric the sizes came from. */
  metric: string;
}

const MAX_LINES = 50_000;

export function parseParallelMetrics(text: string): Parallelism | undefined {
  const lines = text.split('\n', MAX_LINES);
  for (const line of lines) {
    if (line.startsWith('#') || !/parallel_size=/.test(line)) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)\{([^}]*)\}/.exec(line);
    if (!m) continue;
    const labels = new Map<string, string>();
    for (const l of m[2].matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) labels.set(l[1], l[2]);
    const size = (k: string) => {
      const n = Number(labels.get(k));
      return Number.isInteger(n) && n >= 1 && n <= 4096 ? n : undefined;
    };
    const tp = size('tensor_parallel_size');
    const pp = size('pipeline_parallel_size');
    if (tp === undefined && pp === undefined) continue;
    return {
      ...(tp !== undefined ? {tensorParallel: tp} : {}),
      ...(pp !== undefined ? {pipelineParallel: pp} : {}),
      metric: m[1].slice(0, 100),
    };
  }
  return undefined;
}
