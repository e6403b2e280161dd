import {createInterface} from 'node:readline';
import type {Io, OutputStream} from './io.js';

/**
 * Asks a yes/no question on a terminal without raw mode (the TTY echoes and
 * edits the line itself). Only "y"/"yes" is yes; EOF or anything else is no.
 */
export async function askYesNo(io: Io, question: string, out: OutputStream = io.stderr): Promise<boolean> {
  out.write(question);
  const rl = createInterface({input: io.stdin, terminal: false});
  try {
    const answer = await new Promise<string>((resolve) => {
      rl.once('line', resolve);
      rl.once('close', () => resolve(''));
    });
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}
