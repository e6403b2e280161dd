/**
 * Runs `openclaw-local-doctor <argv>` in-process through `main`. Under vitest,
 * main's computed `import(\`../commands/${name}.js\`)` cannot be resolved by
 * vite (it globs for .js files that exist only after the build), so while that
 * is the case this falls back to dispatching `setup` itself: same flag table,
 * same error handling as main. Once main can load commands under vitest, the
 * fallback is never used.
 */
import {parseArgs} from 'node:util';
import {main} from '../../src/cli/main.js';
import {COMMANDS, GLOBAL_FLAGS} from '../../src/cli/spec.js';
import {CliError, UsageError} from '../../src/cli/errors.js';
import type {Io} from '../../src/cli/io.js';
import type {FlagValues} from '../../src/cli/flags.js';
import {run} from '../../src/commands/setup.js';

const DYNAMIC_IMPORT_FAILURE = /Unknown variable dynamic import/;

async function dispatchSetup(argv: string[], io: Io): Promise<number> {
  const spec = COMMANDS.find((c) => c.name === 'setup')!;
  const options = Object.fromEntries(
    [...GLOBAL_FLAGS, ...spec.flags].map((f) => [f.name, {type: f.type, ...(f.short ? {short: f.short} : {}), ...(f.multiple ? {multiple: true} : {})}]),
  );
  try {
    const {values, positionals} = parseArgs({args: argv, options, allowPositionals: true, strict: true});
    if (positionals[0] !== 'setup') throw new Error('the fallback only runs setup');
    return await run({
      io,
      global: {configPath: values.config as string | undefined, profile: values.profile as string | undefined, color: false, json: Boolean(values.json)},
      values: values as FlagValues,
      args: positionals.slice(1),
    });
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr.write(`error: ${err.message}\nRun 'openclaw-local-doctor setup --help' for usage.\n`);
      return 2;
    }
    if (err instanceof CliError) {
      io.stderr.write(`error: ${err.message}\n`);
      return err.exitCode;
    }
    throw err;
  }
}

let mainDispatches: boolean | undefined;

export async function cli(argv: string[], io: Io & {err: () => string}): Promise<number> {
  if (mainDispatches === undefined) {
    const probe = (await import('../../src/cli/io.js')).memoryIo();
    await main(['setup'], probe);
    mainDispatches = !DYNAMIC_IMPORT_FAILURE.test(probe.err());
  }
  return mainDispatches ? main(argv, io) : dispatchSetup(argv, io);
}
