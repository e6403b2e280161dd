import {COMMANDS, GLOBAL_FLAGS, type CommandSpec, type FlagSpec} from './spec.js';

const BIN = 'openclaw-local-doctor';

function flagLine(f: FlagSpec): string {
  const short = f.short ? `-${f.short}, ` : '    ';
  const left = `${short}--${f.name}${f.value ? ` ${f.value}` : ''}${f.multiple ? ' …' : ''}`;
  return `  ${left.padEnd(28)} ${f.description}`;
}

export function mainHelp(version: string): string {
  const lines = [
    `${BIN} ${version}: get OpenClaw running on a local model, and keep it healthy.`,
    '',
    `Usage: ${BIN} [command] [options]`,
    '',
    'With no command on a terminal it opens the interactive app; piped, it prints the doctor report.',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(14)} ${c.summary}`),
    '',
    'Global options:',
    ...GLOBAL_FLAGS.map(flagLine),
    '',
    'Examples:',
    ...COMMANDS.flatMap((c) => c.examples.slice(0, 1)).map((e) => `  ${e}`),
    '',
    `Exit codes: 0 ok · 1 findings or validation failed · 2 usage or runtime error.`,
    `Run \`${BIN} <command> --help\` for a command's options.`,
  ];
  return lines.join('\n') + '\n';
}

export function commandHelp(spec: CommandSpec): string {
  const lines = [`${BIN} ${spec.name}: ${spec.summary}`, '', `Usage: ${BIN} ${spec.usage}`];
  if (spec.flags.length) lines.push('', 'Options:', ...spec.flags.map(flagLine));
  lines.push('', 'Global options:', ...GLOBAL_FLAGS.map(flagLine));
  lines.push('', 'Examples:', ...spec.examples.map((e) => `  ${e}`));
  return lines.join('\n') + '\n';
}
