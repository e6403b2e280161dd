#!/usr/bin/env node
import {main} from './cli/main.js';
import {processIo} from './cli/io.js';

// NO_COLOR must become FORCE_COLOR=0 before Ink (and its chalk) is ever imported.
if ((process.env.NO_COLOR || process.argv.includes('--no-color')) && process.env.FORCE_COLOR === undefined) {
  process.env.FORCE_COLOR = '0';
}

/**
 * Once the command is done, nothing else should keep us alive: HTTP keep-alive
 * sockets (undici holds them ~1 s) and finished probes would otherwise delay
 * the exit. Flush both streams first so piped output is never cut short.
 */
function flushAndExit(code: number): void {
  process.exitCode = code;
  let pending = 2;
  const done = () => {
    if (--pending === 0) process.exit(code);
  };
  process.stdout.write('', done);
  process.stderr.write('', done);
}

main(process.argv.slice(2), processIo()).then(flushAndExit, (err: unknown) => {
  process.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`);
  flushAndExit(2);
});
