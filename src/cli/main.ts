import {parseArgs} from 'node:util';
import {COMMANDS, GLOBAL_FLAGS, findCommand, type CommandSpec, type FlagSpec} from './spec.js';
import {commandHelp, mainHelp} from './help.js';
import {CliError, EXIT_ERROR, UsageError} from './errors.js';
import type {Io} from './io.js';
import type {CommandContext, CommandRun} from './context.js';
import type {FlagValues} from './flags.js';
import {VERSION} from '../version.js';
import {printable, printableLines} from '../core/sanitize.js';
import {looksLikeSecret} from '../core/stacks/refs.js';
import {colorEnabled} from '../core/text/color.js';

type ParseOptions = Record<string, {type: 'string' | 'boolean'; short?: string; multiple?: boolean}>;

function toParseOptions(flags: FlagSpec[]): ParseOptions {
  const out: ParseOptions = {};
  for (const f of flags)
    out[f.name] = {type: f.type, ...(f.short ? {short: f.short} : {}), ...(f.multiple ? {multiple: true} : {})};
  return out;
}

// Every flag any command knows; parsing with the union finds the command
// words, then flags foreign to that command are rejected by name.
const ALL_FLAGS: FlagSpec[] = (() => {
  const seen = new Map<string, FlagSpec>();
  for (const f of [...GLOBAL_FLAGS, ...COMMANDS.flatMap((c) => c.flags)]) if (!seen.has(f.name)) seen.set(f.name, f);
  return [...seen.values()];
})();

function usageHint(command?: string): string {
  return command
    ? `Run 'openclaw-local-doctor ${command} --help' for usage.`
    : `Run 'openclaw-local-doctor --help' for usage.`;
}

function cleanParseError(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  const ambiguous = /^Option '(--[\w-]+)' argument is ambiguous/.exec(msg);
  if (ambiguous) {
    // parseArgs refuses values that start with '-'; say what to type instead.
    return `${ambiguous[1]} is missing its value (for a value that starts with '-', write ${ambiguous[1]}=VALUE)`;
  }
  const missing = /^Option '(--[\w-]+)(?: <value>)?' argument missing/.exec(msg);
  if (missing) return `${missing[1]} is missing its value`;
  // Keep the first sentence of node:util's messages, in our lower-case style.
  return msg
    .split(/\.\s/)[0]
    .replace(/^Unknown option/, 'unknown option')
    .replace(/^Option /, 'option ')
    .replace(/\.$/, '');
}

// Lazy imports keep --version/--help and --json runs free of Ink and friends.
// A static table (not a template path) so bundlers and vitest can follow it.
const COMMAND_MODULES: Record<string, () => Promise<{run: CommandRun}>> = {
  setup: () => import('../commands/setup.js'),
  'config-path': () => import('../commands/config-path.js'),
  'config-check': () => import('../commands/config-check.js'),
  hardware: () => import('../commands/hardware.js'),
  servers: () => import('../commands/servers.js'),
  doctor: () => import('../commands/doctor.js'),
  explain: () => import('../commands/explain.js'),
  app: () => import('../commands/app.js'),
};

async function loadCommand(spec: CommandSpec | undefined): Promise<CommandRun> {
  const name = spec ? spec.module : 'app';
  const load = COMMAND_MODULES[name];
  if (!load) throw new Error(`no module for command ${name}`);
  return (await load()).run;
}

export async function main(argv: string[], io: Io): Promise<number> {
  let commandName: string | undefined;
  try {
    let parsed;
    try {
      parsed = parseArgs({args: argv, options: toParseOptions(ALL_FLAGS), allowPositionals: true, strict: true});
    } catch (err) {
      throw new UsageError(cleanParseError(err));
    }
    const {values, positionals} = parsed;
    const found = positionals.length ? findCommand(positionals) : undefined;
    if (positionals.length && !found) {
      // A group name alone ("config"): list what it holds.
      const group = COMMANDS.filter((c) => c.name.startsWith(`${positionals[0]} `));
      if (positionals.length === 1 && group.length) {
        const width = Math.max(...group.map((c) => c.name.length)) + 2;
        throw new UsageError(
          `'${positionals[0]}' needs a subcommand:\n${group.map((c) => `  ${c.name.padEnd(width)}${c.summary}`).join('\n')}`,
        );
      }
      const known = COMMANDS.map((c) => c.name).join(', ');
      // Only the first two words, and never one that looks like a key (pasted in the wrong place).
      const shown = positionals
        .slice(0, 2)
        .map((w) => (looksLikeSecret(w) ? '<looks like a key: not shown>' : printable(w.slice(0, 64))));
      throw new UsageError(
        `unknown command '${shown.join(' ')}${positionals.length > 2 ? ' …' : ''}' (commands: ${known})`,
      );
    }
    commandName = found?.spec.name;
    if (values.version) {
      io.stdout.write(`${VERSION}\n`);
      return 0;
    }
    if (values.help) {
      io.stdout.write(found ? commandHelp(found.spec) : mainHelp(VERSION));
      return 0;
    }
    const allowed = new Set([...GLOBAL_FLAGS, ...(found?.spec.flags ?? [])].map((f) => f.name));
    if (!found) {
      // The bare app accepts the doctor's flags for its non-interactive report.
      for (const f of COMMANDS.find((c) => c.name === 'doctor')!.flags) allowed.add(f.name);
    }
    for (const key of Object.keys(values)) {
      if (!allowed.has(key)) {
        throw new UsageError(`option --${key} does not apply to ${found ? `'${found.spec.name}'` : 'the app'}`);
      }
    }
    const profile = values.profile as string | undefined;
    if (profile !== undefined && !/^[a-z0-9][a-z0-9_-]{0,63}$/i.test(profile)) {
      throw new UsageError(`invalid --profile ${JSON.stringify(profile)}: letters, digits, '_' and '-', up to 64`);
    }
    if (values.config !== undefined && String(values.config).trim() === '')
      throw new UsageError('--config must not be empty');
    const ctx: CommandContext = {
      io,
      global: {
        configPath: values.config as string | undefined,
        profile,
        color: colorEnabled(Boolean(values['no-color']), io.env),
        json: Boolean(values.json),
      },
      values: values as FlagValues,
      args: found?.rest ?? [],
    };
    const run = await loadCommand(found?.spec);
    return await run(ctx);
  } catch (err) {
    if (err instanceof UsageError) {
      // --json and no command to answer it (unknown command, flags that do not parse): the JSON answer is ours.
      if (commandName === undefined && argv.includes('--json'))
        io.stdout.write(
          `${JSON.stringify({schemaVersion: 1, ok: false, error: {kind: 'usage', message: err.message}}, null, 2)}\n`,
        );
      io.stderr.write(`error: ${printableLines(err.message)}\n${usageHint(err.command ?? commandName)}\n`);
      return EXIT_ERROR;
    }
    if (err instanceof CliError) {
      io.stderr.write(`error: ${printableLines(err.message)}\n`);
      return err.exitCode;
    }
    const msg = err instanceof Error ? err.message : String(err);
    io.stderr.write(`error: unexpected failure: ${printableLines(msg)}\n`);
    if (io.env.OPENCLAW_LOCAL_DOCTOR_DEBUG && err instanceof Error && err.stack) io.stderr.write(`${err.stack}\n`);
    else io.stderr.write('Set OPENCLAW_LOCAL_DOCTOR_DEBUG=1 for details, and please report it.\n');
    return EXIT_ERROR;
  }
}
