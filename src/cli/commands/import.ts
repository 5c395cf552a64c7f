import { relative, resolve } from 'node:path';
import { formatIssue, UsageError } from '../../errors.js';
import { runImport, type ImportRun } from '../../import/run.js';
import type { CliOptions } from '../args.js';
import { makeLogger, runContext, type Io } from '../io.js';
import { writeJson } from '../json.js';

/** `latch import --format json`: what was written where, what could not be mapped, and whether the files validate. */
function importJson(platform: string, out: string, run: ImportRun) {
  return {
    platform,
    out,
    clients: run.clients.map((client) => ({ client: client.client, file: `clients/${client.client}.yaml`, resources: client.resources.length, people: client.people.length })),
    report: run.report,
    valid: run.problems === undefined,
    issues: run.problems?.issues ?? [],
  };
}

/**
 * `latch import --platform P [--out DIR] [--group-by prefix]`: today's access on a platform
 * as client files to start from, with a report of what could not be mapped. Exit 0 when the
 * written files validate, 1 otherwise.
 */
export async function importCommand(options: CliOptions, io: Io): Promise<number> {
  if (!options.platform) throw new UsageError('import needs --platform, e.g. --platform github');
  const logger = makeLogger(io, options);
  const context = runContext(io, options, logger);
  const out = options.out ?? resolve(io.cwd, 'imported');
  const run = await runImport({ dir: options.dir, out, platform: options.platform, today: context.today, env: io.env, logger, concurrency: context.concurrency, cacheDir: context.cacheDir, display: relative(io.cwd, out) || '.' });
  if (options.format === 'json') writeJson(io, importJson(options.platform, out, run));
  else io.stdout.write(run.text);
  if (!run.problems) return 0;
  for (const issue of run.problems.issues) io.stderr.write(`${formatIssue(issue)}\n`);
  io.stderr.write(`latch: the imported files in ${out} do not validate yet; fix the lines above before moving them to clients/.\n`);
  return 1;
}
