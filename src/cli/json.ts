import { UsageError } from '../errors.js';
import { scrubSecrets } from '../log.js';
import type { CliOptions } from './args.js';
import { secretsOf, type Io } from './io.js';

/**
 * Writes the one JSON document of a `--format json` run to stdout. Platform errors and file
 * contents can quote a credential, so every credential value of the environment is scrubbed
 * from the serialised text, whatever field it hides in.
 */
export function writeJson(io: Io, document: string | object): void {
  const text = typeof document === 'string' ? document : JSON.stringify(document, null, 2);
  io.stdout.write(scrubSecrets(text.endsWith('\n') ? text : `${text}\n`, secretsOf(io)));
}

/** A command that has nothing a program could read refuses `--format json` instead of printing text a parser would choke on. */
export function refuseJson(options: CliOptions, why: string): void {
  if (options.format === 'json') throw new UsageError(`${options.command} has no JSON output: ${why}`);
}

/** JSON output cannot show a plan and ask about it, so changes on the platforms need consent given up front. */
export function requireConsent(options: CliOptions): void {
  const apply = options.command === 'apply';
  if (options.format !== 'json' || options.yes || (apply && options.plan)) return;
  throw new UsageError(`${options.command} --format json does not ask before changing platforms: pass --yes${apply ? ', or --plan with a reviewed plan file' : ''}`);
}
