/**
 * Runs `openclaw-local-doctor <argv>` in-process through `main`. Under vitest,
 * main's computed `import(\`../commands/${name}.js\`)` cannot be resolved by
 * vite, so while that is the case this dispatches doctor/explain itself with
 * the same flag table and error handling as main.
 */
import {parseArgs} from 'node:util';
import {main} from '../../src/cli/main.js';
import {COMMANDS, GLOBAL_FLAGS} from '../../src/cli/spec.js';
import {CliError, UsageError} from '../../src/cli/errors.js';
import {memoryIo, type Io} from '../../src/cli/io.js';
import type {FlagValues} from '../../src/cli/flags.js';
import {run as runDoctor} from '../../src/commands/doctor.js';
import {run as runExplain} from '../../src/commands/explain.js';

const RUNS: Record<string, (ctx: Parameters<typeof runDoctor>[0]) => Promise<number>> = {doctor: runDoctor, explain: runExplain};

async function dispatch(argv: string[], io: Io): Promise<number> {
  const name = argv.find((a) => a in RUNS);
  if (!name) throw new Error('the fallback only runs doctor and explain');
  const spec = COMMANDS.find((c) => c.name === name)!;
  const options = Object.fromEntries(
    [...GLOBAL_FLAGS, ...spec.flags].map((f) => [f.name, {type: f.type, ...(f.short ? {short: f.short} : {}), ...(f.multiple ? {multiple: true} : {})}]),
  );
  try {
    let parsed;
    try {
      parsed = parseArgs({args: argv, options, allowPositionals: true, strict: true});
    } catch (e) {
      throw new UsageError(e instanceof Error ? e.message : String(e));
    }
    const {values, positionals} = parsed;
    return await RUNS[name]({
      io,
      global: {configPath: values.config as string | undefined, profile: values.profile as string | undefined, color: !values['no-color'], json: Boolean(values.json)},
      values: values as FlagValues,
      args: positionals.slice(1),
    });
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr.write(`error: ${err.message}\n`);
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

export async function cli(argv: string[], io: Io): Promise<number> {
  if (mainDispatches === undefined) {
    const probe = memoryIo();
    await main(['explain', 'x'], probe);
    mainDispatches = !/Unknown variable dynamic import/.test(probe.err());
  }
  return mainDispatches ? main(argv, io) : dispatch(argv, io);
}
