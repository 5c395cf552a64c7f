import { basename } from 'node:path';
import { countResults, executeChanges, type ChangeResult } from '../apply/execute.js';
import { UsageError } from '../errors.js';
import { keepAuditTrail } from '../history/audit-trail-keep.js';
import { recordLines, withRecordIds } from '../history/audit-trail-records.js';
import { preparePlan } from '../pipeline.js';
import { renderApplyResults } from '../report/apply-result.js';
import { PLAN_MARKER } from '../report/pr-comment.js';
import { APPLY_MARKER, renderApplyComment } from './apply-comment.js';
import { appendAudit, auditLines } from './audit.js';
import { checkBound } from './bounds.js';
import { coreContext, shortSha, trailTarget, type ActionContext } from './context.js';
import { eventPayload, isNullSha, PushEvent } from './event.js';
import { connectConversations, getPull, pullsOfCommit, type Conversations } from './github-api.js';
import { publishPlan, summarisePlan } from './outputs.js';
import { decodeReviewed } from './reviewed-marker.js';
import type { PullRequest } from './schema.js';
import { decideApply } from './stale.js';
import { ensureComment, findComment } from './sticky.js';

/** The merged pull request that made `sha`: the one whose merge commit it is, else any merged one holding it. */
async function mergedPull(github: Conversations, sha: string): Promise<PullRequest | undefined> {
  const pulls = await pullsOfCommit(github, sha);
  const merged = pulls.find((pull) => pull.merged_at !== null && pull.merge_commit_sha === sha) ?? pulls.find((pull) => pull.merged_at !== null);
  return merged ? getPull(github, merged.number) : undefined;
}

/**
 * `push` to the default branch: apply what reviewers approved on the merged pull request.
 * The plan is made again now; if it differs from the reviewed one, only reviewed changes
 * are applied (or none, by `on-stale-plan`), and the comment says what differs. The result
 * goes on the pull request and, one record per change, to the audit file.
 */
export async function applyPush(context: ActionContext): Promise<number> {
  const event = eventPayload(context.run, PushEvent, 'push');
  const { inputs, runner } = context;
  if (!inputs.token) throw new UsageError('apply needs the github-token input: a token that may change access on the platforms and comment on pull requests');
  const github = connectConversations(context.coreEnv, inputs.commentToken, context.run.repository, context.logger);
  const commit = context.run.sha || event.after;
  const pull = await mergedPull(github, commit);
  const comment = pull ? await findComment(github, pull.number, PLAN_MARKER, inputs.botLogin) : undefined;
  const reviewed = comment?.body ? decodeReviewed(comment.body) : undefined;

  const base = inputs.baseRef || (isNullSha(event.before) ? undefined : event.before);
  const prepared = await preparePlan(coreContext(context), { base });
  const { plan } = prepared;
  await publishPlan(context, plan);
  const decision = decideApply(reviewed, plan, inputs.onStalePlan);
  let stopped = pull ? decision.stop : `no merged pull request made commit ${shortSha(commit)}, so nothing was reviewed and nothing is applied; change access through pull requests`;
  const bound = checkBound(plan, decision.toApply, prepared.actualGrantCount, prepared.repository.guardrails.massRevoke);
  const labelled = pull?.labels.some((label) => label.name === inputs.massRevokeLabel) ?? false;
  if (!stopped && bound.exceeded && !inputs.allowMassRevoke && !labelled) {
    stopped = `${bound.message} In the Action: label the pull request ${inputs.massRevokeLabel} before merging, or set allow-mass-revoke.`;
  }
  const toApply = stopped ? [] : decision.toApply;
  const results: ChangeResult[] = toApply.length > 0 ? await executeChanges(toApply, prepared.adapters, { concurrency: coreContext(context).concurrency, logger: context.logger, secrets: context.secrets }) : [];
  const withheld = stopped ? [...decision.withheld, ...decision.toApply.map((change) => ({ change, why: `stopped: ${stopped}` }))] : decision.withheld;
  const shown = { ...decision, withheld };

  const source = {
    repository: `${context.run.repository.owner}/${context.run.repository.name}`,
    trigger: 'apply' as const,
    pr: pull?.number ?? null,
    mergedBy: pull?.merged_by?.login ?? null,
    commit,
    run: context.run.runUrl,
    fingerprint: plan.fingerprint,
    reviewedFingerprint: reviewed?.fingerprint,
  };
  const records = withRecordIds(auditLines(source, results, withheld, new Date().toISOString()));
  await appendAudit(inputs.auditFile, recordLines(records));
  await runner.setOutput('audit-file', inputs.auditFile);
  const trailed = await keepAuditTrail(trailTarget(context), records);

  const body = renderApplyComment({
    decision: shown,
    results,
    stopped,
    mergedBy: source.mergedBy,
    commit,
    fingerprint: plan.fingerprint,
    reviewedFingerprint: reviewed?.fingerprint,
    auditFile: basename(inputs.auditFile),
    runUrl: context.run.runUrl,
  });
  if (pull) runner.info(`apply comment ${(await ensureComment(github, pull.number, APPLY_MARKER, body, inputs.botLogin)).action}`);
  const counts = countResults(results);
  const lead = [
    `## Latch apply ${stopped ? 'stopped' : 'done'}${pull ? ` for pull request #${pull.number}` : ''}`,
    '',
    stopped ? `**Nothing applied**: ${stopped}` : `Applied ${counts.applied}, already in place ${counts.unchanged}, failed ${counts.failed}, not applied ${withheld.length}.`,
    '',
    ...decision.differences.map((line) => `- ${line}`),
    '',
    `Audit: ${results.length + withheld.length} records in \`${basename(inputs.auditFile)}\` (artifact \`latch-audit\`)${trailed ? ` and on branch \`${inputs.auditBranch}\`` : ''}.`,
    '',
    '```',
    renderApplyResults(results).trimEnd(),
    '```',
  ];
  await summarisePlan(context, plan, 'Plan made at merge', lead);
  if (stopped) runner.annotate('error', `Latch applied nothing: ${stopped}`);
  return stopped || counts.failed > 0 || plan.unread.length > 0 || !trailed ? 1 : 0;
}
