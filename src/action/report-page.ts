import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { scrubSecrets } from '../log.js';
import type { PreparedPlan } from '../pipeline.js';
import { renderReportHtml } from '../report/html/page.js';
import { buildReportModel } from '../report/page-model.js';
import type { ActionContext } from './context.js';

/**
 * Writes the report page of this run's reading (what `latch report` shows) to the
 * `report-file` input and sets the output of that name, for the workflow to upload.
 */
export async function writeReportPage(context: ActionContext, prepared: PreparedPlan): Promise<void> {
  const file = context.inputs.reportFile;
  const html = renderReportHtml(buildReportModel({ ...prepared, today: context.today }));
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, scrubSecrets(html, context.secrets));
  await context.runner.setOutput('report-file', file);
}
