import { changeTarget } from '../apply/reviewed.js';
import { appendAudit } from '../apply/records.js';
import { runApply } from '../apply/run.js';
import { UsageError } from '../errors.js';
import { keepAuditTrail } from '../history/audit-trail-keep.js';
import { trailRecords, type TrailRecord } from '../history/audit-trail-records.js';
import type { Change } from '../model/plan.js';
import { preparePlan, type PreparedPlan } from '../pipeline.js';
import { DRIFT_MARKER, driftRemains, driftResolvedTitle, renderDriftIssue, renderDriftResolved, type ExpiredOutcome } from '../report/drift-issue.js';
import { coreContext, trailTarget, type ActionContext } from './context.js';
import { connectConversations } from './github-api.js';
import { publishPlan, summarisePlan } from './outputs.js';
import { notifySlack } from './notify.js';
import { writeReportPage } from './report-page.js';
import { closeIssue, ensureIssue } from './sticky.js';
import { validateStep } from './validate.js';

/** Revocations of grants whose `until` has passed: the repository asked for their end, reviewed when it was written. */
function expiredRevocations(prepared: PreparedPlan): Change[] {
  const expired = new Set(prepared.desired.expired.map(changeTarget));
  return prepared.plan.changes.filter((change) => change.action === 'revoke' && expired.has(changeTarget(change)));
}

/** What happened to each expired grant, and whether its records reached the audit branch. */
async function revokeExpired(context: ActionContext, prepared: PreparedPlan, changes: Change[]): Promise<{ expired: ExpiredOutcome[]; trailed: boolean }> {
  if (changes.length === 0) return { expired: [], trailed: true };
  if (!context.inputs.revokeExpired) return { expired: changes.map((change) => ({ change, status: 'left', detail: 'revoke-expired is false' })), trailed: true };
  let trail: TrailRecord[] = [];
  const outcome = await runApply(prepared, {
    selection: { from: 'changes', changes },
    allowMassRevoke: context.inputs.allowMassRevoke,
    source: {
      repository: `${context.run.repository.owner}/${context.run.repository.name}`,
      trigger: 'drift',
      pr: null,
      mergedBy: null,
      commit: context.run.sha,
      run: context.run.runUrl,
      fingerprint: prepared.plan.fingerprint,
    },
    onRecords: async (records) => {
      trail = trailRecords(records);
      await appendAudit(context.inputs.auditFile, trail);
    },
    concurrency: coreContext(context).concurrency,
    logger: context.logger,
    secrets: context.secrets,
  });
  await context.runner.setOutput('audit-file', context.inputs.auditFile);
  const trailed = await keepAuditTrail(trailTarget(context), trail);
  if (outcome.stopped) return { expired: changes.map((change) => ({ change, status: 'left', detail: outcome.stopped?.message })), trailed };
  const expired = outcome.results.map((result): ExpiredOutcome => ({
    change: result.change,
    status: result.status === 'applied' || result.status === 'unchanged' ? 'revoked' : 'failed',
    detail: result.status === 'failed' ? result.detail : undefined,
  }));
  return { expired, trailed };
}

/**
 * Schedule or on demand: compare every platform with the repository, revoke grants whose
 * end date has passed, and keep one issue: opened when drift appears, updated while it
 * lasts, closed with a comment and a "resolved" title when it is gone. Only open issues are
 * looked up (by marker), so drift that comes back opens a new issue. Exit 2 on drift when
 * `fail-on-drift`.
 */
export async function driftCheck(context: ActionContext): Promise<number> {
  const { inputs, runner } = context;
  if (!inputs.token) throw new UsageError('drift needs the github-token input: a token that may read access on the platforms and open issues');
  const validation = await validateStep(context);
  if (!validation.ok) return 1;
  const github = connectConversations(context.coreEnv, inputs.commentToken, context.run.repository, context.logger);
  const prepared = await preparePlan(coreContext(context));
  const { plan } = prepared;
  await publishPlan(context, plan);
  const model = await writeReportPage(context, prepared);
  const expiredChanges = expiredRevocations(prepared);
  const { expired, trailed } = await revokeExpired(context, prepared, expiredChanges);
  const expiredKeys = new Set(expiredChanges.map(changeTarget));
  const differences = plan.changes.filter((change) => !expiredKeys.has(changeTarget(change)));
  const drift = driftRemains({ plan, differences, expired });
  await runner.setOutput('drift', String(drift));

  let issueLine: string;
  let issueUrl: string | undefined;
  if (drift) {
    const ensured = await ensureIssue(github, DRIFT_MARKER, renderDriftIssue({ plan, differences, expired }), inputs.driftLabel, inputs.botLogin);
    issueLine = `Drift issue ${ensured.action}: ${ensured.url}`;
    issueUrl = ensured.url;
  } else if (plan.unread.length === 0) {
    const resolved = renderDriftResolved(context.today, context.run.runUrl);
    const closed = await closeIssue(github, DRIFT_MARKER, inputs.driftLabel, inputs.botLogin, resolved, driftResolvedTitle(context.today));
    issueLine = closed ? `No drift: issue #${closed.number} closed.` : 'No drift.';
  } else {
    issueLine = 'Some resources could not be read, so the drift issue is left as it is.';
  }
  runner.info(issueLine);
  await notifySlack(context, prepared, model, { issue: issueUrl, report: context.run.runUrl });
  const revoked = expired.filter((entry) => entry.status === 'revoked').length;
  const lead = [
    `## Latch drift check: ${drift ? 'drift found' : 'no drift'}`,
    '',
    `${differences.length} differences, ${plan.findings.length} findings, ${expired.length} expired grants (${revoked} revoked). ${issueLine}`,
  ];
  await summarisePlan(context, plan, 'Drift: the plan that would restore the repository’s access', lead);
  const failed = expired.some((entry) => entry.status === 'failed');
  if (plan.unread.length > 0 || failed || !trailed) return 1;
  if (drift && inputs.failOnDrift) {
    runner.annotate('error', `Access drift: ${differences.length} differences and ${plan.findings.length} findings. ${issueLine}`);
    return 2;
  }
  return 0;
}
