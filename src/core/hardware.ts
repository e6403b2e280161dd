/**
 * Pure hardware verdicts: tiers, model catalog, fit, recommendations. The
 * pieces live in ./hardware/.
 */
export * from './hardware/types.js';
export {tierFor, tierById, TIERS} from './hardware/tiers.js';
export {matchModel, knownModelIds} from './hardware/match.js';
export {CATALOG, catalogModel, catalogBuild, kvBytesPerToken} from './hardware/catalog.js';
export {
  estimateFit,
  kvCacheGB,
  overheadGB,
  maxContextThatFits,
  FIT_HEADROOM,
  MIN_USEFUL_CONTEXT,
  DECODE_EFFICIENCY,
  type FitInput,
} from './hardware/fit.js';
export {evaluateHardware, recommend, offloadPoolGB, effectiveBandwidthGBps} from './hardware/evaluate.js';
export {fitBar, fitBarText, fitLegend, formatGB, FIT_BAR_CHARS, type FitBarSegment, type FitBarKind} from './hardware/fit-bar.js';
export {bandwidthGBps, appleBandwidthGBps, parseAppleChip, isUnifiedNvidiaName, isAmdApuName} from './hardware/devices.js';
