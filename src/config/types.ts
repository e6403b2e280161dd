// shim for parallel branches; removed after merge
export * from '../core/types/config.js';
export type {LocateOptions} from './locate.js';
export type {WriteOptions} from './write.js';
