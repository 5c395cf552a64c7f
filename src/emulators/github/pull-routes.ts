import type { EmulatorRequest, EmulatorResponse, Router } from '../harness.js';
import { isAncestor, storeCommit, type GitState } from './git-state.js';
import { bodyField } from './http.js';
import { addPull, mergePull, repositoryOf, timestamp, type ConversationsState } from './issues-state.js';
import { pullJson } from './issues-shapes.js';
import { failure, notFound } from './shapes.js';

const DOC = 'https://docs.github.com/rest/pulls/pulls#create-a-pull-request';

function invalid(field: string, code: string, message?: string): EmulatorResponse {
  return failure(422, 'Validation Failed', DOC, { errors: [{ resource: 'PullRequest', field, code, ...(message ? { message } : {}) }] });
}

/**
 * `POST /repos/{owner}/{repo}/pulls` as GitHub documents it: `title`, `head` (a branch, or
 * `owner:branch`) and `base` are required; both branches must exist; GitHub refuses a pull
 * request with no commits between them and a second open one for the same head.
 */
function createPull(conversations: ConversationsState, git: GitState, request: EmulatorRequest): EmulatorResponse {
  const owner = request.params.owner ?? '';
  const name = request.params.repo ?? '';
  const repository = repositoryOf(conversations, owner, name);
  const repo = git.get(`${owner}/${name}`.toLowerCase());
  if (!repository || !repo) return notFound(DOC);
  const title = bodyField(request.body, 'title');
  if (typeof title !== 'string' || title.trim() === '') return invalid('title', 'missing_field');
  const head = bodyField(request.body, 'head');
  const base = bodyField(request.body, 'base');
  if (typeof head !== 'string' || head === '') return invalid('head', 'missing_field');
  if (typeof base !== 'string' || base === '') return invalid('base', 'missing_field');
  const headRef = head.includes(':') ? head.slice(head.indexOf(':') + 1) : head;
  const headSha = repo.refs.get(`refs/heads/${headRef}`);
  const baseSha = repo.refs.get(`refs/heads/${base}`);
  if (!headSha) return invalid('head', 'invalid');
  if (!baseSha) return invalid('base', 'invalid');
  if (headSha === baseSha) return invalid('head', 'custom', `No commits between ${base} and ${headRef}`);
  const open = [...repository.issues.values()].some((issue) => issue.state === 'open' && issue.pull?.headRef === headRef);
  if (open) return invalid('head', 'custom', `A pull request already exists for ${owner}:${headRef}.`);
  const body = bodyField(request.body, 'body');
  const issue = addPull(conversations, repository, {
    title,
    body: typeof body === 'string' ? body : undefined,
    user: conversations.actor,
    head: { ref: headRef, sha: headSha },
    base: { ref: base, sha: baseSha },
  });
  return { status: 201, body: pullJson(request.baseUrl, repository, issue, true) };
}

const MERGE_DOC = 'https://docs.github.com/rest/pulls/pulls#merge-a-pull-request';
const MERGE_METHODS = new Set(['merge', 'squash', 'rebase']);

/**
 * `PUT /repos/{owner}/{repo}/pulls/{pull_number}/merge` as GitHub documents it: 405 when the
 * pull request cannot be merged (closed already, or, here, a base that moved since the branch
 * left it: the emulator makes no three-way merges), 409 when `sha` is given and is not the
 * head, 422 for an unknown `merge_method`. A merge commit has the base and the head as
 * parents; squash and rebase leave one commit on the base with the head's files.
 */
function mergePullRoute(conversations: ConversationsState, git: GitState, request: EmulatorRequest): EmulatorResponse {
  const owner = request.params.owner ?? '';
  const name = request.params.repo ?? '';
  const issue = repositoryOf(conversations, owner, name)?.issues.get(Number(request.params.number));
  const repo = git.get(`${owner}/${name}`.toLowerCase());
  const pull = issue?.pull;
  if (!issue || !pull || !repo) return notFound(MERGE_DOC);
  const method = bodyField(request.body, 'merge_method') ?? 'merge';
  if (typeof method !== 'string' || !MERGE_METHODS.has(method)) return failure(422, 'Validation Failed', MERGE_DOC, { errors: [{ resource: 'PullRequest', field: 'merge_method', code: 'invalid' }] });
  const sha = bodyField(request.body, 'sha');
  if (sha !== undefined && sha !== pull.headSha) return failure(409, 'Head branch was modified. Review and try the merge again.', MERGE_DOC);
  const baseSha = repo.refs.get(`refs/heads/${pull.baseRef}`);
  const head = repo.commits.get(pull.headSha);
  if (issue.state !== 'open' || !baseSha || !head || !isAncestor(repo, baseSha, pull.headSha)) return failure(405, 'Pull Request is not mergeable', MERGE_DOC);
  const title = bodyField(request.body, 'commit_title');
  const message = typeof title === 'string' && title !== '' ? title : `Merge pull request #${issue.number} from ${owner}/${pull.headRef}`;
  const parents = method === 'merge' ? [baseSha, pull.headSha] : [baseSha];
  const commit = storeCommit(repo, { tree: head.tree, parents, message, date: timestamp() });
  repo.refs.set(`refs/heads/${pull.baseRef}`, commit.sha);
  mergePull(conversations, issue, { sha: commit.sha, by: conversations.actor.login });
  return { status: 200, body: { sha: commit.sha, merged: true, message: 'Pull Request successfully merged' } };
}

export function addPullRoutes(router: Router, conversations: ConversationsState, git: GitState): void {
  router.route('POST', '/repos/:owner/:repo/pulls', (request) => createPull(conversations, git, request));
  router.route('PUT', '/repos/:owner/:repo/pulls/:number/merge', (request) => mergePullRoute(conversations, git, request));
}
