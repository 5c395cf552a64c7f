import { basename } from 'node:path';
import { appendAudit } from '../apply/records.js';
import { runApply } from '../apply/run.js';
import { UsageError } from '../errors.js';
import { keepAuditTrail } from '../history/audit-trail-keep.js';
import { trailRecords, type TrailRecord } from '../history/audit-trail-records.js';
import { widenTo, type ReadScope } from '../desire/scope.js';
import { loadRepository } from '../load/load.js';
import { changedScope, preparePlan } from '../pipeline.js';
import { renderApplyResults } from '../report/apply-result.js';
import { escapeMarkdown, fenced } from '../report/markdown-text.js';
import { PLAN_MARKER } from '../report/pr-comment.js';
import { APPLY_MARKER, renderApplyComment } from './apply-comment.js';
import { coreContext, shortSha, trailTarget, type ActionContext } from './context.js';
import { eventPayload, isNullSha, PushEvent } from './event.js';
import { connectConversations, getPull, pullsOfCommit, type Conversations } from './github-api.js';
import { publishPlan, summarisePlan } from './outputs.js';
import { readReviewed, type ReviewedLookup } from './reviewed-marker.js';
import type { PullRequest } from './schema.js';
import { ensureComment, findComment } from './sticky.js';

/** The merged pull request that made `sha`: the one whose merge commit it is, else any merged one holding it. */
async function mergedPull(github: Conversations, sha: string): Promise<PullRequest | undefined> {
  const pulls = await pullsOfCommit(github, sha);
  const merged = pulls.find((pull) => pull.merged_at !== null && pull.merge_commit_sha === sha) ?? pulls.find((pull) => pull.merged_at !== null);
  return merged ? getPull(github, merged.number) : undefined;
}

/** The reviewed plan of the merged pull request: only from Latch's own plan comment, made at the pull request's head. */
async function reviewedPlan(context: ActionContext, github: Conversations, pull: PullRequest | undefined, commit: string): Promise<ReviewedLookup> {
  if (!pull) return { refused: `no merged pull request made commit ${shortSha(commit)}; change access through pull requests` };
  const comment = await findComment(github, pull.number, PLAN_MARKER, context.inputs.botLogin);
  if (!comment?.body) return { refused: `pull request #${pull.number} has no Latch plan comment` };
  const lookup = readReviewed(comment.body, pull.head.sha);
  return lookup.refused ? { refused: `pull request #${pull.number}: ${lookup.refused}` } : lookup;
}

/**
 * What the plan at merge reads. With plan-scope `changed`, what the files changed since the
 * commit before the push can affect, which is what the merged pull request changed: reading
 * the whole agency again would cost as much as the nightly drift run. Every change reviewers
 * approved must lie inside it, or the plan made now could not apply it: a change outside
 * (the branch moved between the pull request's plan and its merge, or it was planned with
 * plan-scope `all`) widens the scope to its client. A reviewed record that carries only its
 * fingerprint has no changes to widen to; the fingerprints then decide as always, and
 * nothing unreviewed is applied.
 */
async function mergeScope(context: ActionContext, base: string | undefined, reviewed: ReviewedLookup): Promise<ReadScope | undefined> {
  if (context.inputs.planScope === 'all' || base === undefined) return undefined;
  const { repository } = await loadRepository(context.inputs.configDir, { today: context.today });
  return widenTo(await changedScope(repository, base), reviewed.record?.changes ?? []);
}

/**
 * `push` to the default branch: apply what reviewers approved on the merged pull request.
 * The plan is made again now; if it differs from the reviewed one, only reviewed changes
 * are applied (or none, by `on-stale-plan`), and the comment says what differs. The job
 * fails when anything reviewers approved was not applied. The result goes on the pull
 * request and, one record per change, to the audit file.
 */
export async function applyPush(context: ActionContext): Promise<number> {
  const event = eventPayload(context.run, PushEvent, 'push');
  const { inputs, runner } = context;
  if (!inputs.token) throw new UsageError('apply needs the github-token input: a token that may change access on the platforms and comment on pull requests');
  const github = connectConversations(context.coreEnv, inputs.commentToken, context.run.repository, context.logger);
  const commit = context.run.sha || event.after;
  const pull = await mergedPull(github, commit);
  const reviewed = await reviewedPlan(context, github, pull, commit);

  const base = inputs.baseRef || (isNullSha(event.before) ? undefined : event.before);
  const prepared = await preparePlan(coreContext(context), { base, read: await mergeScope(context, base, reviewed) });
  const { plan } = prepared;
  await publishPlan(context, plan);
  const labelled = pull?.labels.some((label) => label.name === inputs.massRevokeLabel) ?? false;
  let trail: TrailRecord[] = [];
  const outcome = await runApply(prepared, {
    selection: { from: 'reviewed', reviewed: reviewed.record, policy: inputs.onStalePlan, missing: reviewed.refused },
    allowMassRevoke: inputs.allowMassRevoke || labelled,
    source: {
      repository: `${context.run.repository.owner}/${context.run.repository.name}`,
      trigger: 'apply',
      pr: pull?.number ?? null,
      mergedBy: pull?.merged_by?.login ?? null,
      commit,
      run: context.run.runUrl,
      fingerprint: plan.fingerprint,
      reviewedFingerprint: reviewed.record?.fingerprint,
    },
    onRecords: async (records) => {
      trail = trailRecords(records);
      await appendAudit(inputs.auditFile, trail);
    },
    concurrency: coreContext(context).concurrency,
    logger: context.logger,
    secrets: context.secrets,
  });
  await runner.setOutput('audit-file', inputs.auditFile);
  const trailed = await keepAuditTrail(trailTarget(context), trail);

  const massHint = ` In the Action: label the pull request ${inputs.massRevokeLabel} before merging, or set allow-mass-revoke.`;
  const stopped = outcome.stopped ? `${outcome.stopped.message}${outcome.stopped.by === 'mass-revoke' ? massHint : ''}` : undefined;
  const heldBack = outcome.decision.reviewedWithheld.length;
  const failure = stopped ?? (heldBack > 0 ? `${heldBack} reviewed changes were not applied (changed since review, or unreadable now); plan again in a new pull request` : undefined);
  const body = renderApplyComment({
    outcome,
    stopped,
    mergedBy: pull?.merged_by?.login ?? null,
    commit,
    fingerprint: plan.fingerprint,
    reviewedFingerprint: reviewed.record?.fingerprint,
    auditFile: basename(inputs.auditFile),
    runUrl: context.run.runUrl,
  });
  if (pull) runner.info(`apply comment ${(await ensureComment(github, pull.number, APPLY_MARKER, body, inputs.botLogin)).action}`);
  const { counts } = outcome;
  const lead = [
    `## Latch apply ${stopped ? 'stopped' : 'done'}${pull ? ` for pull request #${pull.number}` : ''}`,
    '',
    stopped ? `**Nothing applied**: ${escapeMarkdown(stopped)}` : `Applied ${counts.applied}, already in place ${counts.alreadyInPlace}, failed ${counts.failed}, not applied ${counts.notApplied}.`,
    '',
    ...outcome.decision.differences.map((line) => `- ${escapeMarkdown(line)}`),
    '',
    `Audit: ${outcome.records.length} records in \`${basename(inputs.auditFile)}\` (artifact \`latch-audit\`)${trailed ? ` and on branch \`${inputs.auditBranch}\`` : ''}.`,
    '',
    fenced('', renderApplyResults(outcome.results, counts).trimEnd()),
  ];
  await summarisePlan(context, plan, 'Plan made at merge', lead);
  if (failure) runner.annotate('error', `Latch ${stopped ? 'applied nothing' : 'did not apply everything reviewed'}: ${failure}`);
  return outcome.succeeded && plan.unread.length === 0 && trailed ? 0 : 1;
}
