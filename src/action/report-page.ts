import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { scrubSecrets } from '../log.js';
import type { PreparedPlan } from '../pipeline.js';
import { renderReportHtml } from '../report/html/page.js';
import { buildReportModel, type ReportModel } from '../report/page-model.js';
import type { ActionContext } from './context.js';

/**
 * Writes the report page of this run's reading (what `latch report` shows) to the
 * `report-file` input and sets the output of that name, for the workflow to upload. Returns
 * the page's model, which the Slack summary is made from.
 */
export async function writeReportPage(context: ActionContext, prepared: PreparedPlan): Promise<ReportModel> {
  const file = context.inputs.reportFile;
  const model = buildReportModel({ ...prepared, today: context.today });
  const html = renderReportHtml(model);
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, scrubSecrets(html, context.secrets));
  await context.runner.setOutput('report-file', file);
  return model;
}
