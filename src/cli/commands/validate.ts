import { formatIssue, UsageError } from '../../errors.js';
import { checkAuthorSince, describeVerdict } from '../../delegation/author.js';
import { today } from '../../clock.js';
import { loadRepository } from '../../load/load.js';
import type { CliOptions } from '../args.js';
import type { Io } from '../io.js';

/** `latch validate`: schemas and guardrails; errors surface as a ConfigError (exit 1). */
export async function validateCommand(options: CliOptions, io: Io): Promise<number> {
  if (options.author !== undefined && options.base === undefined) throw new UsageError('--author needs --base REF: the change to check is the one since that ref');
  const { repository, warnings, suggestions } = await loadRepository(options.dir, { today: today(io.env) });
  for (const warning of [...warnings, ...suggestions]) io.stderr.write(`${formatIssue(warning)}\n`);
  const people = new Set<string>();
  let resources = 0;
  for (const loaded of repository.clients) {
    for (const person of Object.values(loaded.data.people)) people.add(person.email.toLowerCase());
    resources += Object.keys(loaded.data.resources).length;
  }
  const warned = warnings.length > 0 ? `, ${warnings.length} warning${warnings.length === 1 ? '' : 's'}` : '';
  io.stdout.write(
    `Valid: ${repository.clients.length} clients, ${people.size} people, ${resources} resources, ` +
      `${Object.keys(repository.roles.roles).length} roles${warned}.\n`,
  );
  if (options.author === undefined || options.base === undefined) return 0;
  const verdict = await checkAuthorSince(options.dir, repository, options.author, options.base);
  for (const issue of verdict.issues) io.stderr.write(`${formatIssue(issue)}\n`);
  io.stdout.write(`${describeVerdict(verdict, options.base)}\n`);
  return verdict.issues.length > 0 ? 1 : 0;
}
