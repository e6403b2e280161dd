import type {DefinedCheck} from '../define.js';
import {
  configAllowlist,
  configDuplicateKeys,
  configFound,
  configHiddenOverride,
  configMergeMode,
  configModelRefs,
  configParse,
  configSchema,
} from './config.js';
import {
  apiResponses,
  contextFits,
  latencyColdStart,
  modelListed,
  modelLoaded,
  modelTools,
  serverBaseUrl,
  serverReachable,
} from './server.js';
import {safetyCompaction, safetyExposure, safetyFallbacks, safetyQuantization} from './safety.js';
import {hardwareFit, hardwareTier, logsRecentErrors, nodeVersion, openclawValidateCheck} from './system.js';
import {clusterFailover, clusterMemory, clusterNodes, clusterPlacement, clusterReachable} from './cluster.js';

/** Every check, in report order. */
export function builtinChecks(): DefinedCheck[] {
  return [
    configFound,
    configParse,
    configSchema,
    configDuplicateKeys,
    configModelRefs,
    configAllowlist,
    configMergeMode,
    configHiddenOverride,
    openclawValidateCheck,
    nodeVersion,
    hardwareTier,
    hardwareFit,
    serverReachable,
    serverBaseUrl,
    modelListed,
    modelLoaded,
    modelTools,
    contextFits,
    apiResponses,
    latencyColdStart,
    clusterNodes,
    clusterPlacement,
    clusterMemory,
    clusterReachable,
    clusterFailover,
    safetyCompaction,
    safetyQuantization,
    safetyFallbacks,
    safetyExposure,
    logsRecentErrors,
  ];
}
