// shim for parallel branches; removed after merge
export * from '../core/types/servers.js';
