import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { UsageError } from '../../errors.js';
import { scrubSecrets } from '../../log.js';
import { preparePlan } from '../../pipeline.js';
import { renderReportHtml } from '../../report/html/page.js';
import { buildReportModel } from '../../report/page-model.js';
import { unresolvedFailures, type FailedApply } from '../../status/failures.js';
import type { CliOptions } from '../args.js';
import { makeLogger, runContext, secretsOf, type Io } from '../io.js';
import { writeJson } from '../json.js';

/**
 * `latch report`: one page of every client's status, access matrix, outside people, access
 * ending soon, open requests and drift, reading the platforms once like `status` does.
 * HTML (the default) or the same model as JSON; to --out, or stdout. With --format json and
 * --out, stdout says `{"written": [FILE]}`. Exit 0 when written.
 */
export async function reportCommand(options: CliOptions, io: Io): Promise<number> {
  if (options.format !== 'text' && options.format !== 'html' && options.format !== 'json') {
    throw new UsageError(`report writes html or json, not ${options.format}`);
  }
  const context = runContext(io, options, makeLogger(io, options));
  const failures: FailedApply[] = options.auditLog ? unresolvedFailures(await readFile(options.auditLog, 'utf8')) : [];
  const prepared = await preparePlan(context);
  const model = buildReportModel({ ...prepared, today: context.today, failures });
  const json = options.format === 'json';
  if (json && !options.out) {
    writeJson(io, model);
    return 0;
  }
  const text = scrubSecrets(json ? `${JSON.stringify(model, null, 2)}\n` : renderReportHtml(model), secretsOf(io));
  if (!options.out) {
    io.stdout.write(text);
    return 0;
  }
  await mkdir(dirname(options.out), { recursive: true });
  await writeFile(options.out, text);
  if (json) writeJson(io, { written: [options.out] });
  else io.stdout.write(`Report written to ${options.out}\n`);
  return 0;
}
