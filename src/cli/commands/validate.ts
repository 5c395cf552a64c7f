import { ConfigError, formatIssue, UsageError, type ConfigIssue } from '../../errors.js';
import { checkAuthorSince, describeVerdict } from '../../delegation/author.js';
import type { DelegationVerdict } from '../../delegation/check.js';
import { today } from '../../clock.js';
import { loadRepository, type Repository } from '../../load/load.js';
import type { CliOptions } from '../args.js';
import type { Io } from '../io.js';
import { writeJson } from '../json.js';

interface Counts {
  clients: number;
  people: number;
  resources: number;
  roles: number;
}

/**
 * `latch validate --format json`: the issues are the output. `valid` is false exactly when the
 * exit code is 1 (an error in the files, or a delegate's change refused with --author).
 */
interface ValidateJson {
  valid: boolean;
  /** Every issue, errors and warnings, as {file, line, column, rule, severity, message, hint}. */
  issues: ConfigIssue[];
  /** What the files declare; null when they do not load. */
  counts: Counts | null;
  /** With --author and --base: who the author is to the client files. */
  author?: { login: string; standing: DelegationVerdict['standing']; clients: string[] };
}

function countsOf(repository: Repository): Counts {
  const people = new Set<string>();
  let resources = 0;
  for (const loaded of repository.clients) {
    for (const person of Object.values(loaded.data.people)) people.add(person.email.toLowerCase());
    resources += Object.keys(loaded.data.resources).length;
  }
  return { clients: repository.clients.length, people: people.size, resources, roles: Object.keys(repository.roles.roles).length };
}

async function validateJson(options: CliOptions, io: Io): Promise<number> {
  let loaded;
  try {
    loaded = await loadRepository(options.dir, { today: today(io.env) });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    writeJson(io, { valid: false, issues: error.issues, counts: null } satisfies ValidateJson);
    return 1;
  }
  const { repository, warnings, suggestions } = loaded;
  const document: ValidateJson = { valid: true, issues: [...warnings, ...suggestions], counts: countsOf(repository) };
  if (options.author !== undefined && options.base !== undefined) {
    const verdict = await checkAuthorSince(options.dir, repository, options.author, options.base);
    document.author = { login: verdict.author, standing: verdict.standing, clients: verdict.clients };
    document.issues.push(...verdict.issues);
    document.valid = verdict.issues.length === 0;
  }
  writeJson(io, document);
  return document.valid ? 0 : 1;
}

/** `latch validate`: schemas and guardrails; errors surface as a ConfigError (exit 1). */
export async function validateCommand(options: CliOptions, io: Io): Promise<number> {
  if (options.author !== undefined && options.base === undefined) throw new UsageError('--author needs --base REF: the change to check is the one since that ref');
  if (options.format === 'json') return validateJson(options, io);
  const { repository, warnings, suggestions } = await loadRepository(options.dir, { today: today(io.env) });
  for (const warning of [...warnings, ...suggestions]) io.stderr.write(`${formatIssue(warning)}\n`);
  const counts = countsOf(repository);
  const warned = warnings.length > 0 ? `, ${warnings.length} warning${warnings.length === 1 ? '' : 's'}` : '';
  io.stdout.write(`Valid: ${counts.clients} clients, ${counts.people} people, ${counts.resources} resources, ${counts.roles} roles${warned}.\n`);
  if (options.author === undefined || options.base === undefined) return 0;
  const verdict = await checkAuthorSince(options.dir, repository, options.author, options.base);
  for (const issue of verdict.issues) io.stderr.write(`${formatIssue(issue)}\n`);
  io.stdout.write(`${describeVerdict(verdict, options.base)}\n`);
  return verdict.issues.length > 0 ? 1 : 0;
}
