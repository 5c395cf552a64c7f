import { buildTree, isAncestor, storeBlob, type GitState, type TreeEntry } from './git-state.js';
import { mergePull, repositoryOf, type ConversationsState } from './issues-state.js';

/** One commit as `git push` uploads it: git's own id, its parents, and the files of its tree. */
export interface PushedCommit {
  sha: string;
  parents: string[];
  message: string;
  /** ISO time of the commit. */
  date: string;
  /** Every file of the commit's tree by path, as text. */
  files: Record<string, string>;
}

/** What one push did to the repository's pull requests. */
export interface PushResult {
  /** Numbers of the open pull requests into this branch whose head the push contains: GitHub closes them as merged. */
  merged: number[];
}

/**
 * A push to an open pull request's head branch moves the pull request's head, as GitHub
 * does on `synchronize`.
 */
function synchronizePulls(conversations: ConversationsState, repository: string, branch: string, sha: string): void {
  const [owner = '', name = ''] = repository.split('/');
  for (const issue of repositoryOf(conversations, owner, name)?.issues.values() ?? []) {
    const pull = issue.pull;
    if (issue.state !== 'open' || !pull || pull.headRef !== branch || pull.headSha === sha) continue;
    pull.headSha = sha;
    pull.commits = [sha, ...pull.commits];
  }
}

/**
 * `git push` of `branch`: the commits are stored under git's ids (so pull requests, events
 * and the checked-out repository agree on every sha) and the branch points at the first one.
 * GitHub marks an open pull request merged when its head commit reaches its base branch by a
 * push, as happens when it is merged on the command line.
 */
export function pushBranch(git: GitState, conversations: ConversationsState, repository: string, branch: string, commits: readonly PushedCommit[], pusher: string): PushResult {
  const repo = git.get(repository.toLowerCase());
  const tip = commits[0];
  if (!repo || !tip) throw new Error(`the emulator serves no repository ${repository}, or the push has no commit`);
  for (const commit of [...commits].reverse()) {
    if (repo.commits.has(commit.sha)) continue;
    const entries = new Map<string, TreeEntry>();
    for (const [path, content] of Object.entries(commit.files)) {
      entries.set(path, { name: path, mode: '100644', type: 'blob', sha: storeBlob(repo, Buffer.from(content)) });
    }
    repo.commits.set(commit.sha, { sha: commit.sha, tree: buildTree(repo, entries), parents: [...commit.parents], message: commit.message, date: commit.date });
  }
  repo.empty = false;
  repo.refs.set(`refs/heads/${branch}`, tip.sha);
  synchronizePulls(conversations, repository, branch, tip.sha);
  const [owner = '', name = ''] = repository.split('/');
  const merged: number[] = [];
  for (const issue of repositoryOf(conversations, owner, name)?.issues.values() ?? []) {
    const pull = issue.pull;
    if (issue.state !== 'open' || !pull || pull.baseRef !== branch) continue;
    if (pull.headRef === branch || !isAncestor(repo, pull.headSha, tip.sha)) continue;
    mergePull(conversations, issue, { sha: tip.sha, by: pusher });
    merged.push(issue.number);
  }
  return { merged };
}
