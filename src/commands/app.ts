import type {CommandContext} from '../cli/context.js';
import {CliError} from '../cli/errors.js';

export async function run(_ctx: CommandContext): Promise<number> {
  throw new CliError('this command is not implemented yet');
}
