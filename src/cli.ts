#!/usr/bin/env node
import {main} from './cli/main.js';
import {processIo} from './cli/io.js';

// NO_COLOR must become FORCE_COLOR=0 before Ink (and its chalk) is ever imported.
if ((process.env.NO_COLOR || process.argv.includes('--no-color')) && process.env.FORCE_COLOR === undefined) {
  process.env.FORCE_COLOR = '0';
}

main(process.argv.slice(2), processIo()).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 2;
  },
);
