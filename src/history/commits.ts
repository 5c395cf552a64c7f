import { git, GitError, readObjects } from '../git.js';

/** One file a commit added, changed or deleted, relative to the configuration directory. */
export interface FileChange {
  /** git's status letter: A, M, D, T. */
  status: string;
  path: string;
  /** The file's content id after the commit; undefined when the commit deleted it. */
  blob: string | undefined;
}

/** A commit of the main line, with the files it changed there. */
export interface CommitInfo {
  id: string;
  parents: string[];
  author: string;
  authorEmail: string;
  /** When the change landed on the main line (committer date), ISO 8601 with offset. */
  committedAt: string;
  subject: string;
  files: FileChange[];
}

/** Who made a change and how it was merged, as far as git tells. */
export interface Attribution {
  commit: string;
  /** ISO 8601: when the change landed. */
  at: string;
  /** The change's author: the commit's, or the branch head's for a merge commit. */
  author: string;
  /** Pull request number, from "Merge pull request #N" or a squash "(#N)" suffix. */
  pr?: number;
  /** The merge commit's author, who merged the pull request (merge commits only). */
  mergedBy?: string;
}

const RECORD = '\u001e';
const FIELD = '\u001f';
const NO_BLOB = /^0+$/;

/** The pull request a commit subject names: GitHub's merge commits and squash merges. */
export function pullRequestOf(subject: string): number | undefined {
  const match = /^Merge pull request #(\d+)\b/.exec(subject) ?? /\(#(\d+)\)\s*$/.exec(subject);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

function parseRaw(line: string): FileChange | undefined {
  const tab = line.indexOf('\t');
  if (!line.startsWith(':') || tab < 0) return undefined;
  const [, , , after, status] = line.slice(1, tab).split(' ');
  if (after === undefined || status === undefined) return undefined;
  return { status: status.charAt(0), path: line.slice(tab + 1), blob: NO_BLOB.test(after) ? undefined : after };
}

/** Parses `git log --raw` output written with FORMAT below. */
export function parseLog(output: string): CommitInfo[] {
  const commits: CommitInfo[] = [];
  for (const record of output.split(RECORD)) {
    if (record.trim() === '') continue;
    const [header = '', ...lines] = record.split('\n');
    const [id = '', parents = '', author = '', authorEmail = '', committedAt = '', subject = ''] = header.split(FIELD);
    const files: FileChange[] = [];
    for (const line of lines) {
      const change = parseRaw(line);
      if (change) files.push(change);
    }
    commits.push({ id, parents: parents.split(' ').filter(Boolean), author, authorEmail, committedAt, subject, files });
  }
  return commits;
}

const FORMAT = `${RECORD}%H${FIELD}%P${FIELD}%an${FIELD}%ae${FIELD}%cI${FIELD}%s`;

/**
 * The main line's commits that touched `paths`, oldest first, each with the files it changed
 * compared with its first parent: a merged pull request counts as one change, made when it
 * was merged. One git process for the whole history.
 */
export async function mainLineCommits(dir: string, paths: readonly string[]): Promise<CommitInfo[]> {
  try {
    await git(dir, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']);
  } catch {
    throw new GitError(`${dir} is not a git repository with commits; the access history comes from git`);
  }
  const args = ['-c', 'core.quotePath=false', 'log', '--first-parent', '--reverse', '--relative', '--raw', '--no-abbrev', '--no-renames', `--format=${FORMAT}`, 'HEAD', '--', ...paths];
  return parseLog(await git(dir, args));
}

/** "author Name <mail> 1700000000 +0000" of a raw commit object. */
function authorOfObject(content: Buffer): string | undefined {
  const match = /^author (.*?) <[^>]*> \d+ [+-]\d{4}$/m.exec(content.toString('utf8'));
  return match?.[1];
}

/**
 * Who made each commit's change: for a merge commit, the author of the merged branch's head
 * (read in one batch) with the merge commit's author as the one who merged it.
 */
export async function attributeCommits(dir: string, commits: readonly CommitInfo[]): Promise<Map<string, Attribution>> {
  const branchHeads = commits.flatMap((commit) => (commit.parents.length > 1 && commit.parents[1] ? [commit.parents[1]] : []));
  const objects = await readObjects(dir, [...new Set(branchHeads)]);
  const attributions = new Map<string, Attribution>();
  for (const commit of commits) {
    const attribution: Attribution = { commit: commit.id, at: commit.committedAt, author: commit.author };
    const pr = pullRequestOf(commit.subject);
    if (pr !== undefined) attribution.pr = pr;
    const head = commit.parents[1];
    if (head !== undefined) {
      const object = objects.get(head);
      const branchAuthor = object ? authorOfObject(object.content) : undefined;
      if (branchAuthor) attribution.author = branchAuthor;
      attribution.mergedBy = commit.author;
    }
    attributions.set(commit.id, attribution);
  }
  return attributions;
}
