import type { ActorRecord, CommentRecord, IssueRecord, RepositoryConversations } from './issues-state.js';

/**
 * GitHub's JSON for issues, issue comments and pull requests (the REST API's `issue`,
 * `issue-comment`, `pull-request` and `pull-request-simple` shapes, the fields a client can
 * meet in practice). A comment made by an App carries `performed_via_github_app`.
 */

const WEB = 'https://github.com';

export function actorJson(base: string, actor: ActorRecord): Record<string, unknown> {
  const url = `${base}/users/${encodeURIComponent(actor.login)}`;
  return {
    login: actor.login,
    id: actor.id,
    node_id: `${actor.type === 'Bot' ? 'BOT' : 'U'}_${actor.id.toString(36)}`,
    avatar_url: `https://avatars.githubusercontent.com/u/${actor.id}?v=4`,
    gravatar_id: '',
    url,
    html_url: `${WEB}/${actor.type === 'Bot' ? `apps/${actor.login.replace(/\[bot\]$/, '')}` : actor.login}`,
    type: actor.type,
    user_view_type: 'public',
    site_admin: false,
  };
}

function appOf(actor: ActorRecord): Record<string, unknown> | null {
  if (actor.type !== 'Bot') return null;
  const slug = actor.login.replace(/\[bot\]$/, '');
  return { id: actor.id, slug, node_id: `A_${actor.id.toString(36)}`, name: slug, html_url: `${WEB}/apps/${slug}` };
}

function labelJson(base: string, repository: RepositoryConversations, name: string): Record<string, unknown> {
  let hash = 0;
  for (const character of name) hash = (hash * 31 + character.charCodeAt(0)) >>> 0;
  return {
    id: hash,
    node_id: `LA_${hash.toString(36)}`,
    url: `${base}/repos/${repository.fullName}/labels/${encodeURIComponent(name)}`,
    name,
    color: 'ededed',
    default: false,
    description: null,
  };
}

function kindPath(issue: IssueRecord): string {
  return issue.pull ? 'pull' : 'issues';
}

export function commentJson(base: string, repository: RepositoryConversations, comment: CommentRecord, issue: IssueRecord | undefined): Record<string, unknown> {
  const page = issue ? `${WEB}/${repository.fullName}/${kindPath(issue)}/${comment.issue}` : `${WEB}/${repository.fullName}/issues/${comment.issue}`;
  return {
    id: comment.id,
    node_id: `IC_${comment.id.toString(36)}`,
    url: `${base}/repos/${repository.fullName}/issues/comments/${comment.id}`,
    html_url: `${page}#issuecomment-${comment.id}`,
    issue_url: `${base}/repos/${repository.fullName}/issues/${comment.issue}`,
    body: comment.body,
    user: actorJson(base, comment.user),
    created_at: comment.createdAt,
    updated_at: comment.updatedAt,
    author_association: comment.user.type === 'Bot' ? 'NONE' : 'MEMBER',
    performed_via_github_app: appOf(comment.user),
  };
}

export function issueJson(base: string, repository: RepositoryConversations, issue: IssueRecord, comments: number): Record<string, unknown> {
  const api = `${base}/repos/${repository.fullName}`;
  const json: Record<string, unknown> = {
    id: issue.id,
    node_id: `I_${issue.id.toString(36)}`,
    url: `${api}/issues/${issue.number}`,
    repository_url: api,
    comments_url: `${api}/issues/${issue.number}/comments`,
    html_url: `${WEB}/${repository.fullName}/${kindPath(issue)}/${issue.number}`,
    number: issue.number,
    state: issue.state,
    state_reason: issue.stateReason,
    title: issue.title,
    body: issue.body,
    user: actorJson(base, issue.user),
    labels: issue.labels.map((name) => labelJson(base, repository, name)),
    assignee: null,
    assignees: [],
    locked: false,
    comments,
    created_at: issue.createdAt,
    updated_at: issue.updatedAt,
    closed_at: issue.closedAt,
    author_association: issue.user.type === 'Bot' ? 'NONE' : 'MEMBER',
    performed_via_github_app: appOf(issue.user),
  };
  // The issues list serves pull requests too, marked by this member.
  if (issue.pull) {
    json.pull_request = {
      url: `${api}/pulls/${issue.number}`,
      html_url: `${WEB}/${repository.fullName}/pull/${issue.number}`,
      diff_url: `${WEB}/${repository.fullName}/pull/${issue.number}.diff`,
      patch_url: `${WEB}/${repository.fullName}/pull/${issue.number}.patch`,
      merged_at: issue.pull.merged?.at ?? null,
    };
  }
  return json;
}

function branch(base: string, fullName: string, ref: string, sha: string, owner: ActorRecord): Record<string, unknown> {
  const [ownerLogin = fullName, name = fullName] = fullName.split('/');
  return {
    label: `${ownerLogin}:${ref}`,
    ref,
    sha,
    user: actorJson(base, owner),
    repo: { name, full_name: fullName, owner: { login: ownerLogin }, fork: false, url: `${base}/repos/${fullName}`, html_url: `${WEB}/${fullName}` },
  };
}

/** `pull-request-simple` (lists); `full` adds what only `GET /pulls/{n}` shows: merged, merged_by, counts. */
export function pullJson(base: string, repository: RepositoryConversations, issue: IssueRecord, full: boolean): Record<string, unknown> {
  const pull = issue.pull;
  if (!pull) throw new Error(`#${issue.number} is not a pull request`);
  const json: Record<string, unknown> = {
    url: `${base}/repos/${repository.fullName}/pulls/${issue.number}`,
    id: issue.id,
    node_id: `PR_${issue.id.toString(36)}`,
    html_url: `${WEB}/${repository.fullName}/pull/${issue.number}`,
    issue_url: `${base}/repos/${repository.fullName}/issues/${issue.number}`,
    number: issue.number,
    state: issue.state,
    locked: false,
    title: issue.title,
    user: actorJson(base, issue.user),
    body: issue.body,
    labels: issue.labels.map((name) => labelJson(base, repository, name)),
    created_at: issue.createdAt,
    updated_at: issue.updatedAt,
    closed_at: issue.closedAt,
    merged_at: pull.merged?.at ?? null,
    merge_commit_sha: pull.merged?.sha ?? null,
    draft: false,
    head: branch(base, pull.headRepo, pull.headRef, pull.headSha, issue.user),
    base: branch(base, repository.fullName, pull.baseRef, pull.baseSha, issue.user),
    author_association: 'MEMBER',
  };
  if (full) {
    json.merged = pull.merged !== undefined;
    json.mergeable = pull.merged ? null : true;
    json.merged_by = pull.merged ? actorJson(base, pull.merged.by) : null;
    json.comments = 0;
    json.commits = pull.commits.length;
  }
  return json;
}
