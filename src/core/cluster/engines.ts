/**
 * Which engine pools N machines for the hardware given, with the commands to
 * start it. Pure. Sources:
 * - exo (exo-explore/exo README "Quick Start"): each Mac runs exo (`uv run exo`
 *   in its checkout, or the EXO app); they find each other and serve one API at
 *   :52415. Macs → exo.
 * - vLLM (docs/serving/parallelism_scaling.md; examples/online_serving/
 *   multi-node-serving.sh): on NVIDIA, tensor parallel inside a node
 *   (--tensor-parallel-size = GPUs per node) and pipeline parallel across nodes
 *   (--pipeline-parallel-size = nodes), over a Ray cluster (`ray start --head`
 *   on the head node, `ray start --address=HEAD:6379` on the others), then
 *   `vllm serve` on the head with --distributed-executor-backend ray.
 * - llama.cpp RPC (ggml-org/llama.cpp tools/rpc/README.md): `rpc-server -H
 *   0.0.0.0 -p 50052` on each worker, `llama-server --rpc host:50052,… -ngl 99`
 *   on the main one: a layer split over the network for other GPUs (AMD,
 *   mixed, Vulkan), and GGUF builds.
 */
import type {HardwareProfile} from '../types/hardware.js';

export type MultiNodeEngine = 'exo' | 'vllm' | 'llama.cpp-rpc';

export interface EngineAdvice {
  engine: MultiNodeEngine;
  label: string;
  why: string;
  /** To run, in order; `HEAD_IP` / `WORKER_IPS` are placeholders for the user's addresses. */
  commands: string[];
  /** The stack to write into openclaw.json afterwards. */
  setupStack: string;
  /** Parallel sizes for vLLM. */
  tensorParallel?: number;
  pipelineParallel?: number;
}

function gpusPerNode(profile: HardwareProfile): number {
  return profile.accelerators.filter((a) => !a.unified).reduce((n, a) => n + Math.max(1, a.count), 0);
}

/** The engine for `nodes` machines like `profile` (undefined for one machine with one GPU). */
export function multiNodeEngine(profile: HardwareProfile, nodes: number, model = 'MODEL'): EngineAdvice | undefined {
  const apple = profile.accelerators.some((a) => a.kind === 'apple') || profile.platform === 'darwin';
  const nvidia = profile.accelerators.some((a) => a.kind === 'nvidia' || a.kind === 'unified-nvidia');
  const gpus = gpusPerNode(profile);
  if (nodes <= 1 && (!nvidia || gpus <= 1)) return undefined;
  if (apple) {
    return {
      engine: 'exo',
      label: 'exo',
      why: `${nodes} Macs: exo joins them into one cluster, places the model across them (MLX, Thunderbolt; RDMA on Thunderbolt 5) and serves it on one port.`,
      commands: [
        'uv run exo    # on every Mac, in its exo checkout (or open the EXO app); they find each other',
        'openclaw-local-doctor setup --stack exo --model MODEL    # MODEL as exo lists it',
      ],
      setupStack: 'exo',
    };
  }
  if (nvidia) {
    const tp = Math.max(1, gpus);
    const serve = `vllm serve ${model} --tensor-parallel-size ${tp}${nodes > 1 ? ` --pipeline-parallel-size ${nodes} --distributed-executor-backend ray` : ''}`;
    return {
      engine: 'vllm',
      label: 'vLLM',
      why:
        nodes > 1
          ? `NVIDIA rig of ${nodes} nodes × ${tp} GPU${tp === 1 ? '' : 's'}: vLLM with tensor parallel inside a node (${tp}) and pipeline parallel across nodes (${nodes}), over Ray. Tensor parallel adds bandwidth; the pipeline adds memory.`
          : `${tp} GPUs in one machine: vLLM with tensor parallel ${tp} (adds bandwidth, unlike a layer split).`,
      commands:
        nodes > 1
          ? [
              'ray start --head --port=6379    # on the head node',
              'ray start --address=HEAD_IP:6379    # on every other node',
              `${serve}    # on the head node`,
              'openclaw-local-doctor setup --stack openai-compatible --base-url http://HEAD_IP:8000/v1 --model ' +
                model,
            ]
          : [serve, `openclaw-local-doctor setup --stack openai-compatible --model ${model}`],
      setupStack: 'openai-compatible',
      tensorParallel: tp,
      ...(nodes > 1 ? {pipelineParallel: nodes} : {}),
    };
  }
  return {
    engine: 'llama.cpp-rpc',
    label: 'llama.cpp RPC',
    why: `${nodes} machines without NVIDIA GPUs: llama.cpp's RPC backend splits a GGUF's layers over the network. It adds memory, not speed, and the link is in every token's path.`,
    commands: [
      'rpc-server -H 0.0.0.0 -p 50052    # on every worker (a llama.cpp build with -DGGML_RPC=ON)',
      'llama-server -m MODEL.gguf --rpc WORKER_IPS:50052 -ngl 99    # on the main machine',
      'openclaw-local-doctor setup --stack llamacpp --model MODEL',
    ],
    setupStack: 'llamacpp',
  };
}
