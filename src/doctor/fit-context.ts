/**
 * What the memory fit says about a served model, for checks that print load commands: the model's geometry as
 * its server reports it, and the largest context this machine holds, so no check advises loading more.
 */
import {
  evaluateHardware,
  offloadPoolGB,
  parseKvCacheType,
  type KvCacheType,
  type ModelGeometry,
} from '../core/hardware.js';
import type {ProviderView} from '../core/config-view.js';
import type {ServedModel} from '../core/types/servers.js';
import {findServed, serverState} from './define.js';
import {isLocalHost} from '../servers/index.js';
import type {DoctorContext} from './types.js';

/**
 * The served model's geometry, and the KV cache type when the environment sets it for Ollama
 * (OLLAMA_KV_CACHE_TYPE applies only with flash attention: ollama docs/faq.md). Never throws.
 */
export async function servedGeometry(
  ctx: DoctorContext,
  provider: ProviderView,
  modelId: string,
): Promise<{geometry?: ModelGeometry; kvCacheType?: KvCacheType; served?: ServedModel}> {
  if (!provider.baseUrl) return {};
  try {
    const state = await serverState(ctx, provider);
    const {served} = findServed(state, modelId);
    let geometry = served?.geometry;
    // llama.cpp says where its GGUF is (/props model_path); on this machine its header gives the layers.
    const modelPath = served?.details?.modelPath;
    if (
      !geometry?.kv &&
      typeof modelPath === 'string' &&
      ctx.ggufGeometry &&
      state.report &&
      isLocalHost(hostOf(state.report.fingerprint.origin))
    ) {
      const fromFile = ctx.ggufGeometry(modelPath);
      if (fromFile) geometry = {...fromFile, source: `${fromFile.source} (llama.cpp /props model_path)`};
    }
    const flash = /^(1|true)$/i.test(ctx.env.OLLAMA_FLASH_ATTENTION ?? '');
    const envType = state.kind === 'ollama' && flash ? parseKvCacheType(ctx.env.OLLAMA_KV_CACHE_TYPE) : undefined;
    return {...(geometry ? {geometry} : {}), ...(envType ? {kvCacheType: envType} : {}), ...(served ? {served} : {})};
  } catch {
    return {};
  }
}

/**
 * The largest context (≤ `want`) this machine holds for the model with 10% headroom, by contextThatFits (in
 * accelerator memory, plus system RAM where a layer split can spill);
 * 0 when even its weights do not fit; undefined when its size or layers are unknown (then nothing is capped).
 */
export async function contextThisMachineHolds(
  ctx: DoctorContext,
  provider: ProviderView,
  modelId: string,
  want: number,
): Promise<number | undefined> {
  try {
    const {geometry, kvCacheType} = await servedGeometry(ctx, provider, modelId);
    const profile = await ctx.hardware();
    // A layer split can spill into system RAM (discrete GPUs): slow, but the server loads it. What the machine
    // cannot hold at all is past accelerator memory plus that pool; unified memory has no separate pool.
    const pool = offloadPoolGB(profile);
    const nodes = ctx.options.nodes ?? profile.nodes ?? 1;
    const withPool =
      pool > 0
        ? {...profile, usableAcceleratorMemoryGB: profile.usableAcceleratorMemoryGB + pool / Math.max(1, nodes)}
        : profile;
    const v = evaluateHardware(withPool, {
      nodes: ctx.options.nodes,
      model: `${provider.id}/${modelId}`,
      context: want,
      ...(geometry ? {geometry} : {}),
      ...(kvCacheType ? {kvCacheType} : {}),
    });
    const f = v.fit;
    if (!f || f.userSize) return undefined;
    if (f.maxContextThatFits === 0) return 0;
    return f.kvArchitecture ? f.maxContextThatFits : undefined;
  } catch {
    return undefined;
  }
}

function hostOf(origin: string): string {
  try {
    return new URL(origin).hostname.replace(/^\[|\]$/g, '');
  } catch {
    return '';
  }
}
