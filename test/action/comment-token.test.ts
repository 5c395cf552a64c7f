import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { APPLY_MARKER } from '../../src/action/apply-comment.js';
import type { GithubEmulator } from '../../src/emulators/github/index.js';
import { DRIFT_MARKER } from '../../src/report/drift-issue.js';
import { PLAN_MARKER } from '../../src/report/pr-comment.js';
import { closeWorld, pullRequestEvent, pushEvent, REPOSITORY, runAction, runDrift, startWorld, type GitRepo } from './harness.js';

/** The three identities of the workflows: the reader App, the writer App, the job's GITHUB_TOKEN. */
const READ = 'ghs_readerAppTokenValue0123456789ab';
const WRITE = 'ghs_writerAppTokenValue0123456789ab';
const WORKFLOW = 'ghs_workflowTokenValue0123456789abc';
const ACTIONS_BOT = 'github-actions[bot]';
const PR = 21;

let github: GithubEmulator;
let repo: GitRepo;
let base: string;

beforeEach(async () => {
  // Any token is served: which one each request carried is what these tests check.
  ({ repo, base, github } = await startWorld(() => ({
    token: undefined,
    conversations: { repositories: { [REPOSITORY]: {} }, actor: { login: ACTIONS_BOT, type: 'Bot' } },
  })));
});

afterEach(() => closeWorld({ repo, github }));

/** Requests to the repository the workflow runs in (pull requests, comments, issues) versus the platform's. */
function split(from: number): { conversation: string[]; platform: Array<{ line: string; token: string }> } {
  const requests = github.requests.slice(from);
  const conversation = requests.filter((request) => request.path.startsWith(`/repos/${REPOSITORY}/`));
  const platform = requests.filter((request) => !request.path.startsWith(`/repos/${REPOSITORY}/`) && request.path !== '/rate_limit');
  expect(conversation.length).toBeGreaterThan(0);
  expect(platform.length).toBeGreaterThan(0);
  return {
    conversation: [...new Set(conversation.map((request) => request.authorization ?? 'none'))],
    platform: platform.map((request) => ({ line: `${request.method} ${request.path}`, token: request.authorization ?? 'none' })),
  };
}

function tokensOf(entries: Array<{ token: string }>): string[] {
  return [...new Set(entries.map((entry) => entry.token))];
}

function commentsOn(number: number, marker: string) {
  const issue = github.conversations.issues(REPOSITORY).find((candidate) => candidate.number === number);
  return (issue?.comments ?? []).filter((comment) => comment.body.startsWith(marker));
}

describe('the Action with a separate comment-token', () => {
  it('plans with the reader, applies with the writer, and speaks on the pull request with the workflow token', async () => {
    const head = await repo.commit('no file change: apply the reviewed drift fixes');
    github.conversations.addPull(REPOSITORY, { number: PR, title: 'Access change', user: 'dana-apex', head: { ref: 'change', sha: head }, base: { ref: 'main', sha: base } });
    const plan = await runAction({
      dir: repo.dir,
      apiUrl: github.url,
      eventName: 'pull_request',
      payload: pullRequestEvent({ number: PR, head, base }),
      sha: head,
      inputs: { 'github-token': READ, 'comment-token': WORKFLOW, 'bot-login': ACTIONS_BOT, 'plan-scope': 'all' },
    });
    expect(plan.code, plan.stdout + plan.stderr).toBe(0);
    const planned = split(0);
    expect(planned.conversation).toEqual([`token ${WORKFLOW}`]);
    expect(tokensOf(planned.platform)).toEqual([`token ${READ}`]);
    // GraphQL reads are POSTs; nothing else but GET may reach a platform from a plan.
    expect(planned.platform.filter((request) => !request.line.startsWith('GET ') && request.line !== 'POST /graphql')).toEqual([]);
    expect(commentsOn(PR, PLAN_MARKER).map((comment) => comment.login)).toEqual([ACTIONS_BOT]);

    const mark = github.requests.length;
    github.conversations.mergePull(REPOSITORY, PR, { sha: head, by: 'maria-acme' });
    const apply = await runAction({
      dir: repo.dir,
      apiUrl: github.url,
      eventName: 'push',
      payload: pushEvent({ before: base, after: head }),
      sha: head,
      inputs: { 'github-token': WRITE, 'comment-token': WORKFLOW, 'bot-login': ACTIONS_BOT, 'audit-file': join(repo.dir, 'latch-audit.jsonl'), 'plan-scope': 'all' },
    });
    expect(apply.code, apply.stdout + apply.stderr).toBe(0);
    const applied = split(mark);
    expect(applied.conversation).toEqual([`token ${WORKFLOW}`]);
    expect(tokensOf(applied.platform)).toEqual([`token ${WRITE}`]);
    expect(applied.platform.some((request) => !request.line.startsWith('GET ') && request.line !== 'POST /graphql')).toBe(true);
    expect(commentsOn(PR, APPLY_MARKER)[0]?.body).toContain('## Latch apply: done');
    for (const output of [plan, apply]) expect(output.stdout + output.stderr + output.summary).not.toMatch(/ghs_\w+TokenValue/);
  });

  it('keeps the drift issue with the workflow token while the writer reads the platforms', async () => {
    const sha = await repo.commit('main');
    const run = await runDrift({
      dir: repo.dir,
      apiUrl: github.url,
      sha,
      inputs: { 'github-token': WRITE, 'comment-token': WORKFLOW, 'bot-login': ACTIONS_BOT, 'revoke-expired': 'false' },
    });
    expect(run.code, run.stdout + run.stderr).toBe(2);
    const used = split(0);
    expect(used.conversation).toEqual([`token ${WORKFLOW}`]);
    expect(tokensOf(used.platform)).toEqual([`token ${WRITE}`]);
    const issues = github.conversations.issues(REPOSITORY).filter((issue) => issue.body?.startsWith(DRIFT_MARKER));
    expect(issues.map((issue) => issue.login)).toEqual([ACTIONS_BOT]);
  });

  it('lets github-token do both when comment-token is not given', async () => {
    const head = await repo.commit('no file change');
    github.conversations.addPull(REPOSITORY, { number: PR, title: 'Access change', user: 'dana-apex', head: { ref: 'change', sha: head }, base: { ref: 'main', sha: base } });
    const plan = await runAction({
      dir: repo.dir,
      apiUrl: github.url,
      eventName: 'pull_request',
      payload: pullRequestEvent({ number: PR, head, base }),
      sha: head,
      inputs: { 'github-token': READ, 'plan-scope': 'all' },
    });
    expect(plan.code, plan.stdout + plan.stderr).toBe(0);
    const used = split(0);
    expect(used.conversation).toEqual([`token ${READ}`]);
    expect(commentsOn(PR, PLAN_MARKER)).toHaveLength(1);
  });
});
