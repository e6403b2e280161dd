import type {Io} from './io.js';
import type {FlagValues} from './flags.js';

export interface GlobalOptions {
  /** --config PATH as given (not yet resolved). */
  configPath?: string;
  profile?: string;
  /** False with --no-color, NO_COLOR, or FORCE_COLOR=0. */
  color: boolean;
  json: boolean;
}

/** What every command's `run(ctx)` receives. */
export interface CommandContext {
  io: Io;
  global: GlobalOptions;
  /** Flags of this command (global ones included), parsed and type-checked. */
  values: FlagValues;
  /** Positionals after the command words. */
  args: string[];
}

/** Each module in src/commands/ exports this. Returns the exit code. */
export type CommandRun = (ctx: CommandContext) => Promise<number>;
