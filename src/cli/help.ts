import { optionsOf } from './args.js';
import { COMMANDS, type CommandSpec } from './commands/index.js';
import { COMMON_OPTIONS, describeOptions, optionSynopsis } from './options.js';

/** `latch --help`: every command with its summary and exits, and where each one's options are. */
export function overview(): string {
  const width = Math.max(...COMMANDS.map((command) => command.usage.length)) + 2;
  const summaryWidth = Math.max(...COMMANDS.map((command) => command.summary.length)) + 2;
  const lines = COMMANDS.map((command) => `  ${command.usage.padEnd(width)} ${command.summary.padEnd(summaryWidth)} ${command.exits}`);
  return [
    'Usage: latch <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    'Options every command takes:',
    describeOptions(COMMON_OPTIONS),
    '',
    'Run "latch help <command>" (or "latch <command> --help") for its options and examples.',
    '',
  ].join('\n');
}

/** `latch help plan`: how to call one command, its own options, its exits and examples. */
export function commandHelp(command: CommandSpec): string {
  const own = optionsOf(command).filter((name) => !COMMON_OPTIONS.includes(name));
  const examples = command.examples ?? [];
  return [
    `Usage: latch ${command.usage}${own.length > 0 ? ' [options]' : ''}`,
    '',
    `${command.summary[0]?.toUpperCase() ?? ''}${command.summary.slice(1)}.`,
    '',
    ...(own.length > 0 ? ['Options:', describeOptions(own), ''] : []),
    `Common options: ${COMMON_OPTIONS.map(optionSynopsis).join(', ')}`,
    '',
    `Exit codes: ${command.exits.replace(/^exit /, '')}`,
    ...(examples.length > 0 ? ['', 'Examples:', ...examples.map((example) => `  latch ${example}`)] : []),
    '',
  ].join('\n');
}

/** The help a parsed command line asked for: one command's, or the overview. */
export function helpText(name: string | undefined): string {
  const command = COMMANDS.find((candidate) => candidate.name === name);
  return command ? commandHelp(command) : overview();
}
