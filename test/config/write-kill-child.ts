/**
 * Child process for the crash test in write.test.ts: starts a real write and,
 * once the temp file is written but before the rename, tells the parent (by
 * creating the marker file) and waits to be SIGKILLed.
 * Usage: node --import tsx write-kill-child.ts <config> <marker>
 */
import {writeFileSync} from 'node:fs';
import {readConfig} from '../../src/config/read.js';
import {writeConfig} from '../../src/config/write.js';

const [configPath, marker] = process.argv.slice(2);
const loaded = await readConfig(configPath);
await writeConfig(loaded, '{gateway: {mode: "local"}, changed: true}\n', {
  env: {},
  openclawBin: null,
  beforeRename: async (tempPath) => {
    writeFileSync(marker, tempPath);
    await new Promise(() => setInterval(() => undefined, 1000));
  },
});
