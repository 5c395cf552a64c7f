import { readFile } from 'node:fs/promises';
import { preparePlan } from '../../pipeline.js';
import { renderStatusJson, renderStatusMarkdown, renderStatusText } from '../../report/status.js';
import { classifyClients, statusExitCode } from '../../status/classify.js';
import { unresolvedFailures, type FailedApply } from '../../status/failures.js';
import type { CliOptions } from '../args.js';
import { makeLogger, runContext, type Io } from '../io.js';
import { writeJson } from '../json.js';

/**
 * `latch status`: one plan of every client (one read per resource), then each client as
 * healthy, onboarding or needs attention. Exit 0 when nothing needs attention, 2 when
 * something does, 1 on error or when a resource could not be read (the status is still printed).
 */
export async function statusCommand(options: CliOptions, io: Io): Promise<number> {
  const context = runContext(io, options, makeLogger(io, options));
  const failures: FailedApply[] = options.auditLog ? unresolvedFailures(await readFile(options.auditLog, 'utf8')) : [];
  const prepared = await preparePlan(context, { auditLog: options.auditLog });
  const report = classifyClients({ ...prepared, today: context.today, failures });
  if (options.format === 'json') writeJson(io, renderStatusJson(report));
  else if (options.format === 'markdown') io.stdout.write(renderStatusMarkdown(report));
  else io.stdout.write(renderStatusText(report));
  return statusExitCode(report, prepared.plan);
}
