/** Runs `openclaw-local-doctor <argv>` in-process through the real `main`. */
import {main} from '../../src/cli/main.js';
import type {Io} from '../../src/cli/io.js';

export function cli(argv: string[], io: Io): Promise<number> {
  return main(argv, io);
}
