// shim for parallel branches; removed after merge
export * from '../support/run-cli.js';
