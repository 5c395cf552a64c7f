import { expandDesired } from '../../desire/expand.js';
import { UsageError } from '../../errors.js';
import { compareLive } from '../../history/live.js';
import { attachOrigins, closeMatches, findPerson, grantsOf, identitiesOf } from '../../history/who.js';
import { loadRepository } from '../../load/load.js';
import { scrubSecrets } from '../../log.js';
import { AdapterSet } from '../../platforms/registry.js';
import { readActual } from '../../read/read.js';
import { renderWhoJson, renderWhoMarkdown, renderWhoText, type WhoReport } from '../../report/who.js';
import type { CliOptions } from '../args.js';
import { makeLogger, runContext, secretsOf, type Io } from '../io.js';
import { writeJson } from '../json.js';

function render(report: WhoReport, format: CliOptions['format']): string {
  if (format === 'markdown') return renderWhoMarkdown(report);
  return renderWhoText(report);
}

/** `latch who <email|login>`: everything one person can reach, why, and since which commit. */
export async function whoCommand(options: CliOptions, io: Io): Promise<number> {
  if (options.format === 'csv') throw new UsageError('who writes text, markdown or json; for a spreadsheet use "latch register --format csv"');
  const logger = makeLogger(io, options);
  const context = runContext(io, options, logger);
  const query = options.args[0] ?? '';
  const { repository } = await loadRepository(options.dir, { today: context.today });
  const people = findPerson(repository, query);
  if (people.length === 0) {
    const close = closeMatches(repository, query);
    const hint = close.length > 0 ? ` Did you mean ${close.join(', ')}?` : ' Give an e-mail or a GitHub login as written in clients/.';
    throw new Error(`no person with the e-mail or GitHub login "${query}" in clients/.${hint} Access a person had before is in "latch register".`);
  }
  const desired = expandDesired(repository, context.today);
  const { current, ended } = grantsOf(desired, people);
  await attachOrigins(options.dir, [...current, ...ended]);
  const report: WhoReport = { query, today: context.today, people, access: current, ended };
  if (options.live) {
    const adapters = new AdapterSet({ config: repository.platforms, env: io.env, logger, cacheDir: context.cacheDir });
    const readings = await readActual(desired.resources, adapters, { concurrency: context.concurrency, logger, onProgress: context.progress });
    const secrets = secretsOf(io);
    report.live = compareLive(current, ended, identitiesOf(people), readings).map((entry) =>
      entry.error === undefined ? entry : { ...entry, error: scrubSecrets(entry.error, secrets) },
    );
    report.read = { resources: readings.length, unread: readings.filter((reading) => !reading.ok).length };
  }
  if (options.format === 'json') {
    writeJson(io, renderWhoJson(report));
    return 0;
  }
  const text = render(report, options.format);
  io.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  return 0;
}
