/**
 * Child process for the ownership tests in write.test.ts, run as another user
 * (setpriv): reads the config, writes new text through writeConfig, prints the
 * outcome as one JSON line ({ok} or {code, message}).
 * Usage: node --import tsx write-as-child.ts <config> <new text>
 */
import {readConfig} from '../../src/config/read.js';
import {ConfigWriteError, writeConfig} from '../../src/config/write.js';

const [configPath, newText] = process.argv.slice(2);
const loaded = await readConfig(configPath);
try {
  const r = await writeConfig(loaded, newText, {env: {}, openclawBin: null});
  console.log(JSON.stringify({ok: true, backupPath: r.backupPath ?? null}));
} catch (err) {
  if (!(err instanceof ConfigWriteError)) throw err;
  console.log(JSON.stringify({ok: false, code: err.code, message: err.message}));
}
