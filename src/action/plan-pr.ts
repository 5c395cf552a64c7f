import { basename } from 'node:path';
import { describeError } from '../errors.js';
import { scrubSecrets } from '../log.js';
import { preparePlan } from '../pipeline.js';
import { PLAN_MARKER, renderInvalidComment, renderNoPlanComment, renderPlanComment } from '../report/pr-comment.js';
import { checkBound } from '../apply/bound.js';
import type { AuditText } from '../history/audit-trail-read.js';
import { readTrailBranch } from '../history/last-apply.js';
import { compareWithBase } from './compare.js';
import { coreContext, shortSha, type ActionContext } from './context.js';
import { foreignDomainGrants } from './domains.js';
import { eventPayload, PullRequestEvent } from './event.js';
import { connectConversations, type Conversations } from './github-api.js';
import { publishPlan, summarisePlan } from './outputs.js';
import { encodeReviewed } from './reviewed-marker.js';
import { ensureComment } from './sticky.js';
import { validateStep } from './validate.js';

/** The reviewed change list may take this much of a comment; beyond, only the fingerprint is embedded. */
const MAX_REVIEWED_MARKER = 24_000;

function isFork(event: PullRequestEvent): boolean {
  const head = event.pull_request.head.repo?.full_name;
  return head === undefined || head.toLowerCase() !== event.pull_request.base.repo.full_name.toLowerCase();
}

/** Posts or updates the sticky comment; a refusal (a read-only token on a fork) is reported, not fatal. */
async function postComment(context: ActionContext, github: Conversations | undefined, number: number, body: string): Promise<string> {
  if (!github) return 'no comment was posted: the run has no token';
  try {
    const ensured = await ensureComment(github, number, PLAN_MARKER, body, context.inputs.botLogin);
    return `plan comment ${ensured.action}: ${ensured.url}`;
  } catch (error) {
    const message = scrubSecrets(describeError(error), context.secrets);
    context.runner.annotate('warning', `Latch could not post its comment on the pull request: ${message}`);
    return `no comment was posted (${message})`;
  }
}

/**
 * The audit branch as the last apply left it, read through the API whatever the checkout
 * fetched. Not reading it costs the plan one line, never the plan.
 */
async function readTrail(context: ActionContext, github: Conversations | undefined): Promise<AuditText[] | { unreadable: string } | undefined> {
  if (!github) return undefined;
  try {
    return await readTrailBranch(github, context.inputs.auditBranch);
  } catch (error) {
    return { unreadable: scrubSecrets(describeError(error), context.secrets) };
  }
}

/**
 * `pull_request`: validate, then plan against the base, then one sticky comment. A pull
 * request from a fork, or a run without a token, is validated and says plainly that no plan
 * was made: without the secrets no platform can be read.
 */
export async function planPullRequest(context: ActionContext): Promise<number> {
  const event = eventPayload(context.run, PullRequestEvent, 'pull_request');
  const number = event.pull_request.number;
  // The pull request's checks page, not this run's: a link that changes every run would make every run rewrite the comment.
  const checksUrl = `${context.run.serverUrl}/${context.run.repository.owner}/${context.run.repository.name}/pull/${number}/checks`;
  const fork = isFork(event);
  const { token, commentToken } = context.inputs;
  const github = commentToken ? connectConversations(context.coreEnv, commentToken, context.run.repository, context.logger) : undefined;
  const validation = await validateStep(context);
  if (!validation.ok) {
    context.runner.info(await postComment(context, github, number, renderInvalidComment(validation.issues, checksUrl)));
    return 1;
  }
  if (fork || !token) {
    const reason = fork
      ? 'This pull request comes from a fork, and runs for forks get no secrets, so Latch did not read any platform.'
      : 'The run has no token (the github-token input is empty), so Latch did not read any platform.';
    const validated = `The files were validated: ${validation.description}.`;
    context.runner.annotate('notice', `No plan was made. ${reason}`);
    await context.runner.summary(['## Latch: no plan was made', '', reason, '', validated].join('\n'));
    context.runner.info(await postComment(context, github, number, renderNoPlanComment(reason, validated)));
    await context.runner.setOutput('has-changes', 'false');
    return 0;
  }

  const base = context.inputs.baseRef || event.pull_request.base.sha;
  const head = event.pull_request.head.sha;
  const read = context.inputs.planScope === 'changed' ? 'changed' : undefined;
  const prepared = await preparePlan(coreContext(context), { base, read, trail: await readTrail(context, github) });
  const { plan } = prepared;
  // A base whose files do not validate has no plan to compare with; the comment says so once.
  const comparison = plan.invalidBase ? undefined : await compareWithBase(coreContext(context), base, prepared.read);
  const bound = checkBound(plan, plan.changes, prepared.actualGrantCount, prepared.repository.guardrails.massRevoke);
  await publishPlan(context, plan);
  const body = renderPlanComment({
    plan,
    existing: comparison && 'existing' in comparison ? comparison.existing : undefined,
    comparisonNote: comparison && 'note' in comparison ? scrubSecrets(comparison.note, context.secrets) : undefined,
    massRevoke: { exceeded: bound.exceeded, message: `${bound.message} Label the pull request ${context.inputs.massRevokeLabel} to allow it.` },
    foreignDomains: foreignDomainGrants(prepared),
    head: shortSha(head),
    base: shortSha(base),
    reviewedMarker: encodeReviewed(plan, head, MAX_REVIEWED_MARKER),
    summaryUrl: checksUrl,
    planFileName: basename(context.inputs.planFile),
  });
  const posted = await postComment(context, github, number, body);
  context.runner.info(posted);
  const lead = [`Pull request #${number} at ${shortSha(head)} against ${shortSha(base)}: ${posted}.`];
  if (bound.exceeded) lead.push('', `**Mass revocation**: ${bound.message}`);
  await summarisePlan(context, plan, 'Latch access plan', lead);
  // A grant to someone the platform does not know fails the check: the mistake is fixed before merge.
  return plan.unread.length > 0 || (plan.unknownPrincipals?.length ?? 0) > 0 ? 1 : 0;
}
