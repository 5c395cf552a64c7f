import type { EmulatorRequest, EmulatorResponse, Router } from '../harness.js';
import { bodyField, paginate } from './http.js';
import {
  addComment,
  addIssue,
  addPull,
  mergePull,
  repositoryOf,
  timestamp,
  type ConversationsState,
  type IssueRecord,
  type RepositoryConversations,
  type SeedMerge,
  type SeedPull,
} from './issues-state.js';
import { commentJson, issueJson, pullJson } from './issues-shapes.js';
import { failure, notFound } from './shapes.js';

export type { ConversationsSeed, SeedActor, SeedComment, SeedIssue, SeedMerge, SeedPull } from './issues-state.js';

/** GitHub refuses an issue or comment body longer than this. */
export const BODY_LIMIT = 65_536;

const DOCS = 'https://docs.github.com/rest';
const DOC = {
  comments: `${DOCS}/issues/comments`,
  issues: `${DOCS}/issues/issues`,
  pulls: `${DOCS}/pulls/pulls`,
  commits: `${DOCS}/commits/commits#list-pull-requests-associated-with-a-commit`,
} as const;

/** A comment as a test reads it back. */
export interface CommentView {
  /** Comment id. */
  id: number;
  /** Text. */
  body: string;
  /** Author login. */
  login: string;
  /** ISO time of creation. */
  createdAt: string;
  /** ISO time of the last edit. */
  updatedAt: string;
}

/** An issue or pull request with its comments, as a test reads it back. */
export interface IssueView {
  /** Number. */
  number: number;
  /** Title. */
  title: string;
  /** Body. */
  body: string | null;
  /** Open or closed. */
  state: 'open' | 'closed';
  /** Label names. */
  labels: string[];
  /** Author login. */
  login: string;
  /** True for a pull request. */
  isPull: boolean;
  /** Comments, oldest first. */
  comments: CommentView[];
}

/** What tests do to the emulated repository between two runs of the Action. */
export interface ConversationsHandle {
  /** Opens a pull request and returns its number. */
  addPull(repository: string, pull: SeedPull): number;
  /** Merges an open pull request. */
  mergePull(repository: string, number: number, merge: SeedMerge): void;
  /** Every issue and pull request of a repository, with comments, by number. */
  issues(repository: string): IssueView[];
}

type Handler = (request: EmulatorRequest, repository: RepositoryConversations) => EmulatorResponse;

function withRepository(state: ConversationsState, documentation: string, handler: Handler): (request: EmulatorRequest) => EmulatorResponse {
  return (request) => {
    const repository = repositoryOf(state, request.params.owner ?? '', request.params.repo ?? '');
    return repository ? handler(request, repository) : notFound(documentation);
  };
}

function issueOf(repository: RepositoryConversations, request: EmulatorRequest): IssueRecord | undefined {
  return repository.issues.get(Number(request.params.number));
}

function commentsOf(state: ConversationsState, repository: RepositoryConversations, number: number) {
  const key = repository.fullName.toLowerCase();
  return [...state.comments.values()].filter((comment) => comment.repository === key && comment.issue === number).sort((a, b) => a.id - b.id);
}

/** The 422 GitHub gives for a missing or oversized body. */
function badBody(resource: string, body: unknown, documentation: string, required: boolean): EmulatorResponse | undefined {
  if (body === undefined && !required) return undefined;
  if (typeof body !== 'string' || body.length === 0) {
    return failure(422, 'Validation Failed', documentation, { errors: [{ resource, code: 'missing_field', field: 'body' }] });
  }
  if (body.length > BODY_LIMIT) {
    return failure(422, 'Validation Failed', documentation, {
      errors: [{ resource, code: 'custom', field: 'body', message: `body is too long (maximum is ${BODY_LIMIT} characters)` }],
    });
  }
  return undefined;
}

function stringList(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.map((item) => (typeof item === 'string' ? item : String(bodyField(item, 'name'))));
}

function listIssues(state: ConversationsState, request: EmulatorRequest, repository: RepositoryConversations): EmulatorResponse {
  const wanted = request.query.get('state') ?? 'open';
  const labels = (request.query.get('labels') ?? '').split(',').map((label) => label.trim().toLowerCase()).filter((label) => label !== '');
  const creator = request.query.get('creator')?.toLowerCase();
  const ascending = request.query.get('direction') === 'asc';
  const issues = [...repository.issues.values()]
    .filter((issue) => wanted === 'all' || issue.state === wanted)
    .filter((issue) => labels.every((label) => issue.labels.some((name) => name.toLowerCase() === label)))
    .filter((issue) => creator === undefined || issue.user.login.toLowerCase() === creator)
    .sort((a, b) => (ascending ? a.number - b.number : b.number - a.number));
  return paginate(request, issues, (issue) => issueJson(request.baseUrl, repository, issue, commentsOf(state, repository, issue.number).length));
}

function createIssue(state: ConversationsState, request: EmulatorRequest, repository: RepositoryConversations): EmulatorResponse {
  const title = bodyField(request.body, 'title');
  if (typeof title !== 'string' || title.trim() === '') {
    return failure(422, 'Validation Failed', `${DOC.issues}#create-an-issue`, { errors: [{ resource: 'Issue', code: 'missing_field', field: 'title' }] });
  }
  const body = bodyField(request.body, 'body');
  const refused = badBody('Issue', body, `${DOC.issues}#create-an-issue`, false);
  if (refused) return refused;
  const issue = addIssue(state, repository, { title, body: typeof body === 'string' ? body : undefined, user: state.actor, labels: stringList(bodyField(request.body, 'labels')) });
  return { status: 201, body: issueJson(request.baseUrl, repository, issue, 0) };
}

function updateIssue(state: ConversationsState, request: EmulatorRequest, repository: RepositoryConversations): EmulatorResponse {
  const documentation = `${DOC.issues}#update-an-issue`;
  const issue = issueOf(repository, request);
  if (!issue) return notFound(documentation);
  const body = bodyField(request.body, 'body');
  const refused = badBody('Issue', body, documentation, false);
  if (refused) return refused;
  const title = bodyField(request.body, 'title');
  const wanted = bodyField(request.body, 'state');
  if (wanted !== undefined && wanted !== 'open' && wanted !== 'closed') {
    return failure(422, 'Validation Failed', documentation, { errors: [{ resource: 'Issue', code: 'invalid', field: 'state', value: wanted }] });
  }
  const at = timestamp();
  if (typeof body === 'string') issue.body = body;
  if (typeof title === 'string' && title.trim() !== '') issue.title = title;
  const labels = stringList(bodyField(request.body, 'labels'));
  if (labels) issue.labels = labels;
  if (wanted === 'closed' && issue.state === 'open') {
    const reason = bodyField(request.body, 'state_reason');
    issue.state = 'closed';
    issue.stateReason = reason === 'not_planned' ? 'not_planned' : 'completed';
    issue.closedAt = at;
  } else if (wanted === 'open' && issue.state === 'closed') {
    issue.state = 'open';
    issue.stateReason = 'reopened';
    issue.closedAt = null;
  }
  issue.updatedAt = at;
  return { status: 200, body: issueJson(request.baseUrl, repository, issue, commentsOf(state, repository, issue.number).length) };
}

function commentRoute(state: ConversationsState, request: EmulatorRequest, repository: RepositoryConversations) {
  const comment = state.comments.get(Number(request.params.id));
  return comment && comment.repository === repository.fullName.toLowerCase() ? comment : undefined;
}

/** Issues, issue comments and the pull request reads the Action makes. */
export function addIssueRoutes(router: Router, state: ConversationsState): void {
  router.route('GET', '/repos/:owner/:repo/issues', withRepository(state, `${DOC.issues}#list-repository-issues`, (request, repository) => listIssues(state, request, repository)));
  router.route('POST', '/repos/:owner/:repo/issues', withRepository(state, `${DOC.issues}#create-an-issue`, (request, repository) => createIssue(state, request, repository)));
  router.route(
    'GET',
    '/repos/:owner/:repo/issues/comments/:id',
    withRepository(state, `${DOC.comments}#get-an-issue-comment`, (request, repository) => {
      const comment = commentRoute(state, request, repository);
      if (!comment) return notFound(`${DOC.comments}#get-an-issue-comment`);
      return { status: 200, body: commentJson(request.baseUrl, repository, comment, repository.issues.get(comment.issue)) };
    }),
  );
  router.route(
    'PATCH',
    '/repos/:owner/:repo/issues/comments/:id',
    withRepository(state, `${DOC.comments}#update-an-issue-comment`, (request, repository) => {
      const documentation = `${DOC.comments}#update-an-issue-comment`;
      const comment = commentRoute(state, request, repository);
      if (!comment) return notFound(documentation);
      const body = bodyField(request.body, 'body');
      const refused = badBody('IssueComment', body, documentation, true);
      if (refused) return refused;
      // Only the author (or a maintainer, not modelled) may edit a comment.
      if (comment.user.id !== state.actor.id) return failure(403, 'You do not have permission to edit this comment', documentation);
      comment.body = body as string;
      comment.updatedAt = timestamp();
      return { status: 200, body: commentJson(request.baseUrl, repository, comment, repository.issues.get(comment.issue)) };
    }),
  );
  router.route('GET', '/repos/:owner/:repo/issues/:number', withRepository(state, `${DOC.issues}#get-an-issue`, (request, repository) => {
    const issue = issueOf(repository, request);
    if (!issue) return notFound(`${DOC.issues}#get-an-issue`);
    return { status: 200, body: issueJson(request.baseUrl, repository, issue, commentsOf(state, repository, issue.number).length) };
  }));
  router.route('PATCH', '/repos/:owner/:repo/issues/:number', withRepository(state, `${DOC.issues}#update-an-issue`, (request, repository) => updateIssue(state, request, repository)));
  router.route(
    'GET',
    '/repos/:owner/:repo/issues/:number/comments',
    withRepository(state, `${DOC.comments}#list-issue-comments`, (request, repository) => {
      const issue = issueOf(repository, request);
      if (!issue) return notFound(`${DOC.comments}#list-issue-comments`);
      return paginate(request, commentsOf(state, repository, issue.number), (comment) => commentJson(request.baseUrl, repository, comment, issue));
    }),
  );
  router.route(
    'POST',
    '/repos/:owner/:repo/issues/:number/comments',
    withRepository(state, `${DOC.comments}#create-an-issue-comment`, (request, repository) => {
      const documentation = `${DOC.comments}#create-an-issue-comment`;
      const issue = issueOf(repository, request);
      if (!issue) return notFound(documentation);
      const body = bodyField(request.body, 'body');
      const refused = badBody('IssueComment', body, documentation, true);
      if (refused) return refused;
      const comment = addComment(state, repository, issue, body as string, state.actor);
      return { status: 201, body: commentJson(request.baseUrl, repository, comment, issue) };
    }),
  );
  router.route('GET', '/repos/:owner/:repo/pulls/:number', withRepository(state, `${DOC.pulls}#get-a-pull-request`, (request, repository) => {
    const issue = issueOf(repository, request);
    if (!issue?.pull) return notFound(`${DOC.pulls}#get-a-pull-request`);
    return { status: 200, body: pullJson(request.baseUrl, repository, issue, true) };
  }));
  router.route(
    'GET',
    '/repos/:owner/:repo/commits/:sha/pulls',
    withRepository(state, DOC.commits, (request, repository) => {
      const sha = (request.params.sha ?? '').toLowerCase();
      const pulls = [...repository.issues.values()]
        .filter((issue) => issue.pull && (issue.pull.merged?.sha.toLowerCase() === sha || issue.pull.commits.some((commit) => commit.toLowerCase() === sha)))
        .sort((a, b) => b.number - a.number);
      return paginate(request, pulls, (issue) => pullJson(request.baseUrl, repository, issue, false));
    }),
  );
}

function requireRepository(state: ConversationsState, fullName: string): RepositoryConversations {
  const [owner = '', name = ''] = fullName.split('/');
  const repository = repositoryOf(state, owner, name);
  if (!repository) throw new Error(`the emulator serves no repository ${fullName}; list it under conversations.repositories`);
  return repository;
}

export function conversationsHandle(state: ConversationsState): ConversationsHandle {
  return {
    addPull: (fullName, pull) => addPull(state, requireRepository(state, fullName), pull).number,
    mergePull: (fullName, number, merge) => {
      const issue = requireRepository(state, fullName).issues.get(number);
      if (!issue) throw new Error(`${fullName} has no #${number}`);
      mergePull(state, issue, merge);
    },
    issues: (fullName) => {
      const repository = requireRepository(state, fullName);
      return [...repository.issues.values()]
        .sort((a, b) => a.number - b.number)
        .map((issue) => ({
          number: issue.number,
          title: issue.title,
          body: issue.body,
          state: issue.state,
          labels: [...issue.labels],
          login: issue.user.login,
          isPull: issue.pull !== undefined,
          comments: commentsOf(state, repository, issue.number).map((comment) => ({
            id: comment.id,
            body: comment.body,
            login: comment.user.login,
            createdAt: comment.createdAt,
            updatedAt: comment.updatedAt,
          })),
        }));
    },
  };
}
