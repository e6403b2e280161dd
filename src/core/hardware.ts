/**
 * Pure hardware verdicts: tiers, model catalog, fit, recommendations. The
 * pieces live in ./hardware/.
 */
export * from './hardware/types.js';
export {tierFor, tierById, TIERS} from './hardware/tiers.js';
export {matchModel, knownModelIds, bitsPerWeightOf} from './hardware/match.js';
export {CATALOG, catalogModel, catalogBuild, kvBytesPerToken} from './hardware/catalog.js';
export {
  estimateFit,
  kvCacheGB,
  overheadGB,
  maxContextThatFits,
  contextThatFits,
  kvGBAt,
  KV_LADDER,
  FIT_HEADROOM,
  MIN_USEFUL_CONTEXT,
  DECODE_EFFICIENCY,
  type FitInput,
  type ContextFitInput,
  type KvSpec,
} from './hardware/fit.js';
export {
  KV_CACHE_TYPES,
  parseKvCacheType,
  isKvCacheType,
  kvCacheBytes,
  growingBytesPerToken,
  gqaLayout,
  mlaLayout,
  slidingWindowLayout,
  hybridLinearLayout,
  recurrentStateBytesPerLayer,
  describeLayout,
  type KvCacheType,
  type KvLayout,
  type KvLayerGroup,
  type KvArchitecture,
} from './hardware/kv.js';
export {
  geometryFromGgufMetadata,
  geometryFromLlamaCppMeta,
  geometryFromLmStudio,
  fileTypeName,
  type ModelGeometry,
} from './hardware/geometry.js';
export {parseGgufHeader, GgufError, GGUF_LIMITS, type GgufHeader, type GgufByteSource} from './hardware/gguf-header.js';
export {evaluateHardware, recommend, offloadPoolGB, effectiveBandwidthGBps} from './hardware/evaluate.js';
export {
  fitBar,
  fitBarText,
  fitLegend,
  formatGB,
  kvLadder,
  kvLadderText,
  FIT_BAR_CHARS,
  type FitBarSegment,
  type FitBarKind,
  type KvLadderStep,
} from './hardware/fit-bar.js';
export {
  bandwidthGBps,
  appleBandwidthGBps,
  parseAppleChip,
  isUnifiedNvidiaName,
  isAmdApuName,
} from './hardware/devices.js';
