import { createHash } from 'node:crypto';

/** A tree entry as the Git Data API names it: one name inside its tree. */
export interface TreeEntry {
  /** The name within this tree (no slash). */
  name: string;
  /** `100644` file, `100755` executable, `040000` subdirectory, `160000` submodule, `120000` symlink. */
  mode: string;
  type: 'blob' | 'tree' | 'commit';
  sha: string;
}

export interface CommitRecord {
  sha: string;
  tree: string;
  parents: string[];
  message: string;
  /** ISO time the commit was made. */
  date: string;
}

/** One repository's object database and branches. */
export interface GitRepoRecord {
  /** `owner/name` as seeded. */
  fullName: string;
  /** A repository with no commit: GitHub answers 409 to every Git Data call. */
  empty: boolean;
  /** Full ref name (`refs/heads/main`) to commit sha. */
  refs: Map<string, string>;
  blobs: Map<string, Buffer>;
  trees: Map<string, TreeEntry[]>;
  commits: Map<string, CommitRecord>;
}

/** Repositories by lower-case full name. */
export type GitState = Map<string, GitRepoRecord>;

/**
 * Git repositories served through the Git Data API. Each non-empty one starts with a `main`
 * branch holding the given files (default a README), as a repository created with one has.
 */
export interface GitSeed {
  /** By full name (`owner/name`). */
  repositories: Record<string, { empty?: boolean; files?: Record<string, string> }>;
}

function hash(text: string | Buffer): string {
  return createHash('sha1').update(text).digest('hex');
}

/** The blob id git itself computes, so a client that checks ids sees real ones. */
export function storeBlob(repo: GitRepoRecord, content: Buffer): string {
  const sha = hash(Buffer.concat([Buffer.from(`blob ${content.length}\0`), content]));
  repo.blobs.set(sha, content);
  return sha;
}

export function storeTree(repo: GitRepoRecord, entries: TreeEntry[]): string {
  const sorted = [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const sha = hash(`tree\0${sorted.map((entry) => `${entry.mode} ${entry.name}\0${entry.sha}`).join('\n')}`);
  repo.trees.set(sha, sorted);
  return sha;
}

export function storeCommit(repo: GitRepoRecord, commit: Omit<CommitRecord, 'sha'>): CommitRecord {
  const sha = hash(`commit\0${commit.tree}\0${commit.parents.join(',')}\0${commit.date}\0${commit.message}\0${repo.commits.size}`);
  const record = { sha, ...commit };
  repo.commits.set(sha, record);
  return record;
}

/** A flat view of a tree: full path to entry, subtrees included, the way `recursive=1` lists it. */
export function flatten(repo: GitRepoRecord, treeSha: string, prefix = ''): Map<string, TreeEntry> {
  const flat = new Map<string, TreeEntry>();
  for (const entry of repo.trees.get(treeSha) ?? []) {
    const path = `${prefix}${entry.name}`;
    flat.set(path, entry);
    if (entry.type === 'tree') for (const [inner, found] of flatten(repo, entry.sha, `${path}/`)) flat.set(inner, found);
  }
  return flat;
}

/** Builds nested trees from full paths of blobs (and submodules); returns the root tree's sha. */
export function buildTree(repo: GitRepoRecord, files: ReadonlyMap<string, TreeEntry>): string {
  const here: TreeEntry[] = [];
  const below = new Map<string, Map<string, TreeEntry>>();
  for (const [path, entry] of files) {
    const slash = path.indexOf('/');
    if (slash < 0) {
      here.push({ ...entry, name: path });
      continue;
    }
    const directory = path.slice(0, slash);
    const inner = below.get(directory) ?? new Map<string, TreeEntry>();
    inner.set(path.slice(slash + 1), entry);
    below.set(directory, inner);
  }
  for (const [directory, inner] of below) here.push({ name: directory, mode: '040000', type: 'tree', sha: buildTree(repo, inner) });
  return storeTree(repo, here);
}

/** Whether `ancestor` is `descendant` or reachable from it through parents: a fast-forward. */
export function isAncestor(repo: GitRepoRecord, ancestor: string, descendant: string): boolean {
  const seen = new Set<string>();
  const queue = [descendant];
  while (queue.length > 0) {
    const sha = queue.pop() as string;
    if (sha === ancestor) return true;
    if (seen.has(sha)) continue;
    seen.add(sha);
    queue.push(...(repo.commits.get(sha)?.parents ?? []));
  }
  return false;
}

function seedRepo(fullName: string, empty: boolean, files: Record<string, string>): GitRepoRecord {
  const repo: GitRepoRecord = { fullName, empty, refs: new Map(), blobs: new Map(), trees: new Map(), commits: new Map() };
  if (empty) return repo;
  const entries = new Map<string, TreeEntry>();
  for (const [path, content] of Object.entries(files)) {
    entries.set(path, { name: path, mode: '100644', type: 'blob', sha: storeBlob(repo, Buffer.from(content)) });
  }
  const commit = storeCommit(repo, { tree: buildTree(repo, entries), parents: [], message: 'Initial commit', date: '2026-01-05T09:00:00Z' });
  repo.refs.set('refs/heads/main', commit.sha);
  return repo;
}

/** The seeded repositories, plus `alsoExisting` (repositories known elsewhere) with a README each. */
export function createGitState(seed: GitSeed | undefined, alsoExisting: readonly string[]): GitState {
  const state: GitState = new Map();
  for (const fullName of alsoExisting) state.set(fullName.toLowerCase(), seedRepo(fullName, false, { 'README.md': `# ${fullName}\n` }));
  for (const [fullName, repo] of Object.entries(seed?.repositories ?? {})) {
    state.set(fullName.toLowerCase(), seedRepo(fullName, repo.empty ?? false, repo.files ?? { 'README.md': `# ${fullName}\n` }));
  }
  return state;
}

/** What tests look at: a branch's files, and its commits newest first. */
export interface GitHandle {
  /** Files at the branch's tip by path, or undefined when the branch does not exist. */
  files(repository: string, branch: string): Map<string, string> | undefined;
  /** Commit messages from the tip back to the root, first parents only. */
  log(repository: string, branch: string): string[];
}

export function gitHandle(state: GitState): GitHandle {
  function tip(repository: string, branch: string): { repo: GitRepoRecord; commit: CommitRecord } | undefined {
    const repo = state.get(repository.toLowerCase());
    const sha = repo?.refs.get(`refs/heads/${branch}`);
    const commit = sha ? repo?.commits.get(sha) : undefined;
    return repo && commit ? { repo, commit } : undefined;
  }
  return {
    files(repository, branch) {
      const found = tip(repository, branch);
      if (!found) return undefined;
      const files = new Map<string, string>();
      for (const [path, entry] of flatten(found.repo, found.commit.tree)) {
        if (entry.type === 'blob') files.set(path, found.repo.blobs.get(entry.sha)?.toString('utf8') ?? '');
      }
      return files;
    },
    log(repository, branch) {
      const messages: string[] = [];
      const found = tip(repository, branch);
      for (let commit = found?.commit; commit; commit = found?.repo.commits.get(commit.parents[0] ?? '')) messages.push(commit.message);
      return messages;
    },
  };
}
