import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { today } from '../../clock.js';
import { expandDesired } from '../../desire/expand.js';
import { RefusalError, UsageError } from '../../errors.js';
import { loadRepository } from '../../load/load.js';
import { didYouMean } from '../../load/suggest.js';
import type { LoadedClient, Repository } from '../../load/types.js';
import { renderChecklistMarkdown, renderChecklistsJson } from '../../report/review.js';
import { attestation } from '../../review/attest.js';
import { buildChecklist } from '../../review/checklist.js';
import { reviewerKey, reviewerProblem } from '../../load/rules/reviewed.js';
import type { CliOptions } from '../args.js';
import type { Io } from '../io.js';
import { writeJson } from '../json.js';

/** The client called `name`, or an error naming the known ones. */
export function clientNamed(repository: Repository, name: string): LoadedClient {
  const found = repository.clients.find((loaded) => loaded.data.client === name);
  if (found) return found;
  const known = repository.clients.map((loaded) => loaded.data.client);
  throw new Error(`no client "${name}" in clients/. ${didYouMean(name, known)}Known clients: ${known.join(', ') || '(none)'}`);
}

async function attest(options: CliOptions, io: Io, repository: Repository, on: string): Promise<number> {
  if (!options.client || !options.by) throw new UsageError('--attest needs --client SLUG and --by PERSON (the agency person who reviewed)');
  const loaded = clientNamed(repository, options.client);
  const problem = reviewerProblem(loaded.data, options.by, repository.guardrails);
  const by = reviewerKey(loaded.data, options.by, repository.guardrails);
  if (problem || !by) throw new RefusalError(problem?.message ?? `${options.by} cannot attest this review`, problem?.hint ?? '');
  const path = join(options.dir, loaded.file);
  const result = attestation(loaded.file, await readFile(path, 'utf8'), on, by);
  if (result.patch) await writeFile(path, result.after);
  if (options.format === 'json') {
    writeJson(io, { client: loaded.data.client, file: loaded.file, on, by, changed: Boolean(result.patch), patch: result.patch || null });
    return 0;
  }
  if (!result.patch) {
    io.stdout.write(`${loaded.file} already records a review on ${on} by ${by}; nothing changed.\n`);
    return 0;
  }
  io.stdout.write(`${result.patch}\nRecorded the review of ${loaded.data.client} on ${on} by ${by} in ${loaded.file}; commit it in a pull request.\n`);
  return 0;
}

/**
 * `latch review [--client C] [--out DIR]`: the review checklist of each client (Markdown, or
 * JSON with --format json); `--attest --by PERSON` records a finished review in the file.
 */
export async function reviewCommand(options: CliOptions, io: Io): Promise<number> {
  const on = today(io.env);
  const { repository } = await loadRepository(options.dir, { today: on });
  if (options.attest) return attest(options, io, repository, on);
  const clients = options.client ? [clientNamed(repository, options.client)] : repository.clients;
  const desired = expandDesired(repository, on);
  const checklists = clients.map((loaded) => buildChecklist(loaded, desired, repository.guardrails, on));
  const json = options.format === 'json';
  if (!options.out) {
    if (json) writeJson(io, renderChecklistsJson(checklists));
    else io.stdout.write(checklists.map(renderChecklistMarkdown).join('\n---\n\n'));
    return 0;
  }
  await mkdir(options.out, { recursive: true });
  const written: string[] = [];
  for (const checklist of checklists) {
    const file = join(options.out, `${checklist.client}.${json ? 'json' : 'md'}`);
    await writeFile(file, json ? renderChecklistsJson([checklist]) : renderChecklistMarkdown(checklist));
    written.push(file);
  }
  const overdue = checklists.filter((checklist) => checklist.due.overdue).map((checklist) => checklist.client);
  if (json) {
    writeJson(io, { written, overdue });
    return 0;
  }
  io.stdout.write(`Wrote ${checklists.length} review checklist${checklists.length === 1 ? '' : 's'} to ${relative(io.cwd, options.out) || '.'}${overdue.length > 0 ? `; overdue: ${overdue.join(', ')}` : ''}.\n`);
  return 0;
}
