// shim for parallel branches; removed after merge
export * from '../core/server-kinds.js';
