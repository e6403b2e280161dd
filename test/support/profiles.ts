/** Hand-made hardware profiles for tests: one NVIDIA card, as a user would describe it (memorySource 'user'). */
import type {HardwareProfile} from '../../src/core/types/hardware.js';

export function nvidiaProfile(o: {
  name?: string;
  memoryGB: number;
  usableGB?: number;
  bandwidthGBps?: number;
  ramTotalGB: number;
  ramAvailableGB?: number;
}): HardwareProfile {
  return {
    schemaVersion: 1,
    platform: 'linux',
    ramTotalGB: o.ramTotalGB,
    ...(o.ramAvailableGB !== undefined ? {ramAvailableGB: o.ramAvailableGB} : {}),
    accelerators: [
      {
        kind: 'nvidia',
        name: o.name ?? 'NVIDIA GeForce RTX 4090',
        memoryGB: o.memoryGB,
        memorySource: 'user',
        ...(o.bandwidthGBps !== undefined ? {bandwidthGBps: o.bandwidthGBps} : {}),
        count: 1,
        unified: false,
      },
    ],
    usableAcceleratorMemoryGB: o.usableGB ?? o.memoryGB,
    usableSource: 'user',
    nodes: 1,
    notes: [],
  };
}

/** The 24 GB card of the grounding tests: a 4090 in a 32 GB box. */
export const RTX4090_24GB = nvidiaProfile({memoryGB: 24, bandwidthGBps: 1008, ramTotalGB: 32, ramAvailableGB: 24});
