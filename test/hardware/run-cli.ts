/** `main([...], io)` for the hardware tests: they go through the real CLI entry point. */
import {main} from '../../src/cli/main.js';
import type {Io} from '../../src/cli/io.js';

export async function cli(argv: string[], io: Io): Promise<number> {
  return main(argv, io);
}
