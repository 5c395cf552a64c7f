import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Plan } from '../model/plan.js';
import { renderJson } from '../report/json.js';
import { renderMarkdown } from '../report/markdown.js';
import { NO_BOUND } from '../apply/bound.js';
import type { ActionContext } from './context.js';
import { SUMMARY_LIMIT_BYTES } from './runner.js';

/** Writes the full plan as JSON and sets the outputs every planning command shares. */
export async function publishPlan(context: ActionContext, plan: Plan): Promise<void> {
  await mkdir(dirname(context.inputs.planFile), { recursive: true });
  await writeFile(context.inputs.planFile, renderJson(plan));
  await context.runner.setOutput('plan-file', context.inputs.planFile);
  await context.runner.setOutput('fingerprint', plan.fingerprint);
  await context.runner.setOutput('has-changes', String(plan.changes.length > 0));
}

/**
 * The full plan in the job summary. Its size is bounded well under the summary's 1 MiB
 * (multi-byte characters included); beyond, clients are listed with counts only.
 */
export async function summarisePlan(context: ActionContext, plan: Plan, title: string, lead: readonly string[] = []): Promise<void> {
  const body = renderMarkdown(plan, { title, maxLength: Math.floor(SUMMARY_LIMIT_BYTES / 3), massRevoke: NO_BOUND });
  const offboarding = (plan.offboarding ?? []).map(
    (entry) => `- **Offboarding ${entry.name}**: ${entry.revocations} revocations on ${entry.resources} resources (${entry.file} deleted; intended, not counted toward the mass-revocation bound)`,
  );
  await context.runner.summary([...lead, '', ...offboarding, '', body].join('\n'));
}
