/**
 * `main([...], io)` for the hardware command. Under vitest, main's computed
 * `import(\`../commands/${name}.js\`)` is rejected by vite ("Unknown variable
 * dynamic import"); when that happens the same argv is handed to the command
 * module through main's own flag table, with main's error handling.
 */
import {parseArgs} from 'node:util';
import {main} from '../../src/cli/main.js';
import {COMMANDS, GLOBAL_FLAGS} from '../../src/cli/spec.js';
import {CliError, UsageError} from '../../src/cli/errors.js';
import type {Io} from '../../src/cli/io.js';
import type {FlagValues} from '../../src/cli/flags.js';
import {run} from '../../src/commands/hardware.js';

const VITE_DYNAMIC_IMPORT = /Unknown variable dynamic import/;

async function runHardwareDirectly(argv: string[], io: Io): Promise<number> {
  const spec = COMMANDS.find((c) => c.name === 'hardware')!;
  const options = Object.fromEntries([...GLOBAL_FLAGS, ...spec.flags].map((f) => [f.name, {type: f.type, ...(f.short ? {short: f.short} : {})}]));
  try {
    const {values, positionals} = parseArgs({args: argv, options, allowPositionals: true, strict: true});
    return await run({
      io,
      global: {configPath: values.config as string | undefined, profile: values.profile as string | undefined, color: false, json: Boolean(values.json)},
      values: values as FlagValues,
      args: positionals.slice(1),
    });
  } catch (err) {
    if (err instanceof UsageError || err instanceof CliError) {
      io.stderr.write(`error: ${err.message}\n`);
      return err instanceof CliError ? err.exitCode : 2;
    }
    throw err;
  }
}

export async function cli(argv: string[], io: Io): Promise<number> {
  // Buffer main's stderr so a dispatch failure does not leak into the test's output.
  let err = '';
  const code = await main(argv, {...io, stderr: {write: (s: string) => (err += s)}});
  if (code === 2 && VITE_DYNAMIC_IMPORT.test(err)) return runHardwareDirectly(argv, io);
  io.stderr.write(err);
  return code;
}
