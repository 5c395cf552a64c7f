import { createInterface } from 'node:readline/promises';
import { ConfigError, PlatformError, RefusalError, UsageError, formatIssue } from '../errors.js';
import { scrubSecrets, secretValues } from '../log.js';
import { parseCli, type CliOptions } from './args.js';
import { COMMANDS } from './commands/index.js';
import { helpText } from './help.js';
import { packageVersion } from '../package-root.js';
import type { Io } from './io.js';
import { progressLine } from './progress.js';

function processIo(): Io {
  // CI runners may give a terminal; their logs keep every redraw, so there is no progress line there.
  const line = process.stderr.isTTY && !process.env.CI ? progressLine(process.stderr) : undefined;
  return {
    stdout: process.stdout,
    stderr: line?.stream ?? process.stderr,
    progress: line?.update,
    env: process.env,
    cwd: process.cwd(),
    interactive: Boolean(process.stdout.isTTY && process.stdin.isTTY),
    async confirm(question) {
      const prompt = createInterface({ input: process.stdin, output: process.stdout });
      try {
        return /^y(es)?$/i.test((await prompt.question(question)).trim());
      } finally {
        prompt.close();
      }
    },
  };
}

function runCommand(options: CliOptions, io: Io): Promise<number> {
  const command = COMMANDS.find((candidate) => candidate.name === options.command);
  if (!command) throw new UsageError(`unknown command "${options.command}"`);
  const { min, max } = command.positionals ?? { min: 0, max: 0 };
  if (options.args.length < min) throw new UsageError(`missing argument: latch ${command.usage}`);
  if (options.args.length > max) throw new UsageError(`unexpected argument "${options.args[max]}": latch ${command.usage}`);
  return command.run(options, io, main);
}

/** The one place errors become messages and exit codes: 1 for every error, never a stack trace. */
function report(error: unknown, io: Io): number {
  const write = (text: string) => io.stderr.write(`${scrubSecrets(text, secretValues(io.env))}\n`);
  if (error instanceof ConfigError) {
    for (const issue of error.issues) write(formatIssue(issue));
    const errors = error.issues.filter((issue) => issue.severity === 'error').length;
    write(`\n${errors} error${errors === 1 ? '' : 's'}: nothing was planned or applied for any client.`);
  } else if (error instanceof UsageError) {
    write(`latch: ${error.message}\nRun "latch --help" for the commands, "latch <command> --help" for a command's options.`);
  } else if (error instanceof RefusalError) {
    write(`latch: refused: ${error.message}\n  hint: ${error.hint}`);
  } else if (error instanceof PlatformError) {
    write(`latch: ${error.message}`);
  } else {
    write(`latch: ${error instanceof Error ? error.message : String(error)}`);
  }
  return 1;
}

/** Runs the CLI and returns its exit code: 0 nothing to do or success, 2 changes or drift, 1 error. */
export async function main(argv: readonly string[], io: Io = processIo()): Promise<number> {
  try {
    const request = parseCli(argv, io.cwd, COMMANDS);
    if (request.help) {
      io.stdout.write(helpText(request.command));
      return 0;
    }
    if (request.version) {
      io.stdout.write(`${packageVersion()}\n`);
      return 0;
    }
    return await runCommand(request.options, io);
  } catch (error) {
    return report(error, io);
  }
}
