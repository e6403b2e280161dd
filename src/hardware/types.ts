// shim for parallel branches; removed after merge
export * from '../core/types/hardware.js';
