/**
 * The context window an exo placement can hold: the memory of the machines the
 * model is placed on, less its weights and overhead, turned into KV cache with
 * the single-machine rules of src/core/hardware (pipeline sharding puts each
 * layer's KV cache on the machine holding the layer, so the placed machines'
 * memory adds up). Capped at the model card's context length. Pure.
 */
import {matchModel} from '../hardware/match.js';
import {maxContextThatFits, MIN_USEFUL_CONTEXT} from '../hardware/fit.js';
import type {ClusterMachine} from './hardware.js';
import type {PlacementShare} from './types.js';

export interface PlacementContext {
  contextWindow: number;
  /** How it was worked out, one sentence. */
  why: string;
  /** Below what OpenClaw needs to be useful. */
  tooSmall: boolean;
}

export function contextForPlacement(input: {
  modelId: string;
  cardContext?: number;
  storageGB?: number;
  shares: PlacementShare[];
  machines: ClusterMachine[];
  fallback: number;
}): PlacementContext {
  const placed = input.machines.filter((m) => input.shares.some((s) => s.nodeId === m.id));
  const usable = Math.round(placed.reduce((a, m) => a + m.usableGB, 0) * 10) / 10;
  const match = matchModel(input.modelId);
  const cap = input.cardContext ?? match?.model.maxContext ?? input.fallback;
  const weights = input.storageGB ?? match?.build.weightsGB;
  const names = placed.map((m) => m.name).join(' + ') || 'the placed machines';
  if (weights === undefined || !match) {
    const c = input.cardContext ?? input.fallback;
    return {
      contextWindow: c,
      why: `${input.modelId} is not in our catalog: its KV cache size is unknown, so the context is ${input.cardContext ? "the model card's" : 'a generic'} ${c.toLocaleString('en-US')} tokens.`,
      tooSmall: c < MIN_USEFUL_CONTEXT,
    };
  }
  const fits = maxContextThatFits(weights, match.model.kvBytesPerToken, usable, cap);
  return {
    contextWindow: fits,
    why:
      fits >= cap
        ? `the model card's ${cap.toLocaleString('en-US')} tokens fit in ${names} (${usable} GB usable for ${weights} GB of weights).`
        : `${names} hold ${usable} GB usable: after ${weights} GB of weights there is room for ${fits.toLocaleString('en-US')} tokens of KV cache (the card allows ${cap.toLocaleString('en-US')}).`,
    tooSmall: fits < MIN_USEFUL_CONTEXT,
  };
}
