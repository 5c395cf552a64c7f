/** Who a seeded or created issue, comment or pull request belongs to. */
export interface SeedActor {
  /** Login, e.g. `maria-acme` or `latch-app[bot]`. */
  login: string;
  /** `Bot` for a GitHub App (`name[bot]`), `User` for a person; default `User`. */
  type?: 'User' | 'Bot';
}

/** A pull request as a seed states it. */
export interface SeedPull {
  /** Number in the repository's shared issue/pull numbering; assigned when missing. */
  number?: number;
  /** Title of the pull request. */
  title: string;
  /** Description. */
  body?: string;
  /** Author; default `octocat`. */
  user?: string | SeedActor;
  /** The branch with the changes. */
  head: {
    ref: string;
    sha: string;
    /** Full name of the repository the branch lives in; another name makes it a pull request from a fork. */
    repo?: string;
  };
  /** The branch it merges into, and its commit when opened. */
  base: { ref: string; sha: string };
  /** Set when the pull request is merged already. */
  merged?: SeedMerge;
  /** Label names. */
  labels?: string[];
  /** Further commits of the branch; `GET /commits/{sha}/pulls` finds the pull request by any of them. */
  commits?: string[];
}

/** How a pull request was merged. */
export interface SeedMerge {
  /** The commit the merge made on the base branch (`merge_commit_sha`). */
  sha: string;
  /** Login of the person who merged. */
  by: string;
  /** ISO time; now when missing. */
  at?: string;
}

export interface SeedIssue {
  /** Number; assigned when missing. */
  number?: number;
  /** Title. */
  title: string;
  /** Body. */
  body?: string;
  /** Author; default `octocat`. */
  user?: string | SeedActor;
  /** Default open. */
  state?: 'open' | 'closed';
  /** Label names. */
  labels?: string[];
}

export interface SeedComment {
  /** Number of the issue or pull request. */
  issue: number;
  /** Text of the comment. */
  body: string;
  /** Author. */
  user: string | SeedActor;
}

/** Issues, pull requests and their comments of the repositories the Action works in. */
export interface ConversationsSeed {
  /** Repositories by full name (`owner/name`); any other answers 404. */
  repositories: Record<string, { pulls?: SeedPull[]; issues?: SeedIssue[]; comments?: SeedComment[] }>;
  /** Who the token acts as; default the App's bot `latch-app[bot]`. */
  actor?: SeedActor;
}

export interface ActorRecord {
  /** Login as first seen. */
  login: string;
  /** Numeric user id. */
  id: number;
  /** Account type, as `user.type` shows it. */
  type: 'User' | 'Bot';
}

export interface CommentRecord {
  /** Comment id, unique across the emulator. */
  id: number;
  /** Number of the issue or pull request. */
  issue: number;
  /** Text of the comment. */
  body: string;
  /** Author. */
  user: ActorRecord;
  /** ISO time of creation. */
  createdAt: string;
  /** ISO time of the last edit. */
  updatedAt: string;
}

export interface PullRecord {
  /** Branch with the changes. */
  headRef: string;
  /** Its commit. */
  headSha: string;
  /** Full name of the head repository. */
  headRepo: string;
  /** Branch it merges into. */
  baseRef: string;
  /** Commit of the base when opened. */
  baseSha: string;
  /** Commits of the branch, head first. */
  commits: string[];
  /** Merge commit, who merged and when, once merged. */
  merged?: { sha: string; by: ActorRecord; at: string };
}

/** An issue or a pull request: GitHub numbers both in one sequence and serves both as issues. */
export interface IssueRecord {
  /** Number in the repository. */
  number: number;
  /** Global id. */
  id: number;
  /** Title. */
  title: string;
  /** Body, null when empty. */
  body: string | null;
  /** Author. */
  user: ActorRecord;
  /** Open or closed. */
  state: 'open' | 'closed';
  /** Why it was closed or reopened. */
  stateReason: 'completed' | 'not_planned' | 'reopened' | null;
  /** Label names. */
  labels: string[];
  /** ISO time of creation. */
  createdAt: string;
  /** ISO time of the last change. */
  updatedAt: string;
  /** ISO time of closing, null while open. */
  closedAt: string | null;
  /** Set for a pull request. */
  pull?: PullRecord;
}

export interface RepositoryConversations {
  /** `owner/name` as seeded. */
  fullName: string;
  /** Issues and pull requests by number. */
  issues: Map<number, IssueRecord>;
  /** Number the next issue or pull request gets. */
  nextNumber: number;
}

export interface ConversationsState {
  /** Repositories by lower-case full name. */
  repositories: Map<string, RepositoryConversations>;
  /** Every comment by id: `/issues/comments/{id}` does not name the issue. */
  comments: Map<number, CommentRecord & { repository: string }>;
  /** Every author by lower-case login. */
  actors: Map<string, ActorRecord>;
  /** The identity every request acts as. */
  actor: ActorRecord;
  /** Next id for an issue, comment or author. */
  nextId: number;
}

const DEFAULT_AUTHOR = 'octocat';
export const DEFAULT_ACTOR: SeedActor = { login: 'latch-app[bot]', type: 'Bot' };

/** GitHub prints times to the second. */
export function timestamp(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function actorOf(state: ConversationsState, who: string | SeedActor): ActorRecord {
  const seed = typeof who === 'string' ? { login: who } : who;
  const key = seed.login.toLowerCase();
  const known = state.actors.get(key);
  if (known) return known;
  const actor: ActorRecord = { login: seed.login, id: state.nextId++, type: seed.type ?? (seed.login.endsWith('[bot]') ? 'Bot' : 'User') };
  state.actors.set(key, actor);
  return actor;
}

export function repositoryOf(state: ConversationsState, owner: string, name: string): RepositoryConversations | undefined {
  return state.repositories.get(`${owner}/${name}`.toLowerCase());
}

export function addIssue(state: ConversationsState, repository: RepositoryConversations, seed: SeedIssue, pull?: PullRecord): IssueRecord {
  const number = seed.number ?? repository.nextNumber;
  repository.nextNumber = Math.max(repository.nextNumber, number + 1);
  const at = timestamp();
  const issue: IssueRecord = {
    number,
    id: state.nextId++,
    title: seed.title,
    body: seed.body ?? null,
    user: actorOf(state, seed.user ?? DEFAULT_AUTHOR),
    state: seed.state ?? 'open',
    stateReason: null,
    labels: [...(seed.labels ?? [])],
    createdAt: at,
    updatedAt: at,
    closedAt: seed.state === 'closed' ? at : null,
    pull,
  };
  repository.issues.set(number, issue);
  return issue;
}

export function mergePull(state: ConversationsState, issue: IssueRecord, merge: SeedMerge): void {
  if (!issue.pull) throw new Error(`#${issue.number} is an issue, not a pull request`);
  const at = merge.at ?? timestamp();
  issue.pull.merged = { sha: merge.sha, by: actorOf(state, merge.by), at };
  issue.state = 'closed';
  issue.closedAt = at;
  issue.updatedAt = at;
}

export function addPull(state: ConversationsState, repository: RepositoryConversations, seed: SeedPull): IssueRecord {
  const pull: PullRecord = {
    headRef: seed.head.ref,
    headSha: seed.head.sha,
    headRepo: seed.head.repo ?? repository.fullName,
    baseRef: seed.base.ref,
    baseSha: seed.base.sha,
    commits: [seed.head.sha, ...(seed.commits ?? [])],
  };
  const issue = addIssue(state, repository, { number: seed.number, title: seed.title, body: seed.body, user: seed.user, labels: seed.labels }, pull);
  if (seed.merged) mergePull(state, issue, seed.merged);
  return issue;
}

export function addComment(state: ConversationsState, repository: RepositoryConversations, issue: IssueRecord, body: string, user: ActorRecord): CommentRecord {
  const at = timestamp();
  const comment = { id: state.nextId++, issue: issue.number, body, user, createdAt: at, updatedAt: at };
  state.comments.set(comment.id, { ...comment, repository: repository.fullName.toLowerCase() });
  issue.updatedAt = at;
  return state.comments.get(comment.id) as CommentRecord;
}

/** Builds the state; the seed is only read. Ids start high so they never meet the organisation's. */
export function createConversations(seed: ConversationsSeed = { repositories: {} }): ConversationsState {
  const state: ConversationsState = { repositories: new Map(), comments: new Map(), actors: new Map(), actor: { login: '', id: 0, type: 'Bot' }, nextId: 3_000_001 };
  state.actor = actorOf(state, seed.actor ?? DEFAULT_ACTOR);
  for (const [fullName, spec] of Object.entries(seed.repositories)) {
    const repository: RepositoryConversations = { fullName, issues: new Map(), nextNumber: 1 };
    state.repositories.set(fullName.toLowerCase(), repository);
    for (const pull of spec.pulls ?? []) addPull(state, repository, pull);
    for (const issue of spec.issues ?? []) addIssue(state, repository, issue);
    for (const comment of spec.comments ?? []) {
      const issue = repository.issues.get(comment.issue);
      if (!issue) throw new Error(`seeded comment on #${comment.issue}, which ${fullName} does not have`);
      addComment(state, repository, issue, comment.body, actorOf(state, comment.user));
    }
  }
  return state;
}
