import type { Logger } from 'pino';
import { attempt, collectPages, createApi, readSettings, type GithubApi } from '../platforms/github/client.js';
import { Issue, IssueComment, PullRequest, PullRequestSummary } from './schema.js';

/** The issues, comments and pull requests of the repository the workflow runs in. */
export interface Conversations {
  /** The connected client, with retries and write pacing. */
  api: GithubApi;
  /** Owner of the repository the workflow runs in. */
  owner: string;
  /** Name of the repository the workflow runs in. */
  repo: string;
}

export function connectConversations(env: NodeJS.ProcessEnv, token: string, repository: { owner: string; name: string }, logger: Logger): Conversations {
  const api = createApi(readSettings({ ...env, GITHUB_TOKEN: token }), logger);
  return { api, owner: repository.owner, repo: repository.name };
}

function where(github: Conversations, path: string): string {
  return `/repos/${github.owner}/${github.repo}${path}`;
}

export function listComments(github: Conversations, issue: number): Promise<IssueComment[]> {
  const { api, owner, repo } = github;
  return attempt(api, 'list', `GET ${where(github, `/issues/${issue}/comments`)}`, () =>
    collectPages(api.octokit.paginate.iterator('GET /repos/{owner}/{repo}/issues/{issue_number}/comments', { owner, repo, issue_number: issue, per_page: 100 }), IssueComment),
  );
}

export function createComment(github: Conversations, issue: number, body: string): Promise<IssueComment> {
  const { api, owner, repo } = github;
  return attempt(api, 'comment', `POST ${where(github, `/issues/${issue}/comments`)}`, async () =>
    IssueComment.parse((await api.octokit.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', { owner, repo, issue_number: issue, body })).data),
  );
}

export function updateComment(github: Conversations, id: number, body: string): Promise<IssueComment> {
  const { api, owner, repo } = github;
  return attempt(api, 'comment', `PATCH ${where(github, `/issues/comments/${id}`)}`, async () =>
    IssueComment.parse((await api.octokit.request('PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}', { owner, repo, comment_id: id, body })).data),
  );
}

/** Open issues, optionally only those carrying `label`; pull requests are left out. */
export async function listOpenIssues(github: Conversations, label?: string): Promise<Issue[]> {
  const { api, owner, repo } = github;
  const params = { owner, repo, state: 'open' as const, per_page: 100, ...(label ? { labels: label } : {}) };
  const issues = await attempt(api, 'list', `GET ${where(github, '/issues')}`, () =>
    collectPages(api.octokit.paginate.iterator('GET /repos/{owner}/{repo}/issues', params), Issue),
  );
  return issues.filter((issue) => issue.pull_request === undefined);
}

export function createIssue(github: Conversations, issue: { title: string; body: string; labels: string[] }): Promise<Issue> {
  const { api, owner, repo } = github;
  return attempt(api, 'issue', `POST ${where(github, '/issues')}`, async () =>
    Issue.parse((await api.octokit.request('POST /repos/{owner}/{repo}/issues', { owner, repo, ...issue })).data),
  );
}

export interface IssueUpdate {
  /** New title. */
  title?: string;
  /** New body. */
  body?: string;
  /** Close or reopen. */
  state?: 'open' | 'closed';
  /** Why it was closed. */
  state_reason?: 'completed';
}

export function updateIssue(github: Conversations, number: number, update: IssueUpdate): Promise<Issue> {
  const { api, owner, repo } = github;
  return attempt(api, 'issue', `PATCH ${where(github, `/issues/${number}`)}`, async () =>
    Issue.parse((await api.octokit.request('PATCH /repos/{owner}/{repo}/issues/{issue_number}', { owner, repo, issue_number: number, ...update })).data),
  );
}

export function getPull(github: Conversations, number: number): Promise<PullRequest> {
  const { api, owner, repo } = github;
  return attempt(api, 'read', `GET ${where(github, `/pulls/${number}`)}`, async () =>
    PullRequest.parse((await api.octokit.request('GET /repos/{owner}/{repo}/pulls/{pull_number}', { owner, repo, pull_number: number })).data),
  );
}

/** Pull requests associated with a commit: the merged one whose merge made it, or whose branch holds it. */
export function pullsOfCommit(github: Conversations, sha: string): Promise<PullRequestSummary[]> {
  const { api, owner, repo } = github;
  return attempt(api, 'list', `GET ${where(github, `/commits/${sha}/pulls`)}`, () =>
    collectPages(api.octokit.paginate.iterator('GET /repos/{owner}/{repo}/commits/{commit_sha}/pulls', { owner, repo, commit_sha: sha, per_page: 100 }), PullRequestSummary),
  );
}
