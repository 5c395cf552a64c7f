import type { EmulatorRequest, EmulatorResponse, Router } from '../harness.js';
import type { GitState } from './git-state.js';
import { bodyField } from './http.js';
import { addPull, repositoryOf, type ConversationsState } from './issues-state.js';
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

export function addPullRoutes(router: Router, conversations: ConversationsState, git: GitState): void {
  router.route('POST', '/repos/:owner/:repo/pulls', (request) => createPull(conversations, git, request));
}
