import { pullRequestOf } from './commits.js';
import { git } from '../git.js';

/** The commit that last wrote a line, and the pull request that brought it in. */
export interface Origin {
  /** Commit id; absent when the line is not committed yet. */
  commit?: string;
  author: string;
  /** ISO 8601 (UTC): the commit's author date. */
  date: string;
  summary: string;
  pr?: number;
  /** Who merged the pull request, when a merge commit tells. */
  mergedBy?: string;
}

interface BlamedCommit {
  id: string;
  author: string;
  time: number;
  summary: string;
}

const UNCOMMITTED = /^0{40}$/;

/** Parses `git blame --porcelain`: the commit of every line, and each commit's header once. */
export function parseBlame(output: string): { lines: Map<number, string>; commits: Map<string, BlamedCommit> } {
  const lines = new Map<number, string>();
  const commits = new Map<string, BlamedCommit>();
  let current: BlamedCommit | undefined;
  for (const line of output.split('\n')) {
    const header = /^([0-9a-f]{40}) \d+ (\d+)(?: \d+)?$/.exec(line);
    if (header?.[1] && header[2]) {
      const id = header[1];
      lines.set(Number(header[2]), id);
      current = commits.get(id) ?? { id, author: '', time: 0, summary: '' };
      commits.set(id, current);
      continue;
    }
    if (!current || line.startsWith('\t')) continue;
    const space = line.indexOf(' ');
    const [key, value] = space < 0 ? [line, ''] : [line.slice(0, space), line.slice(space + 1)];
    if (key === 'author') current.author = value;
    else if (key === 'author-time') current.time = Number(value);
    else if (key === 'summary') current.summary = value;
  }
  return { lines, commits };
}

interface MainLine {
  order: Map<string, number>;
  commits: Map<string, { author: string; subject: string }>;
}

async function mainLine(dir: string): Promise<MainLine> {
  const output = await git(dir, ['log', '--first-parent', '--format=%H%x1f%an%x1f%s', 'HEAD']);
  const line: MainLine = { order: new Map(), commits: new Map() };
  output.split('\n').forEach((entry, index) => {
    const [id, author = '', subject = ''] = entry.split('\u001f');
    if (!id) return;
    line.order.set(id, index);
    line.commits.set(id, { author, subject });
  });
  return line;
}

/** The main line's merge that brought a branch commit in: the oldest main-line merge descending from it. */
async function mergeOf(dir: string, commit: string, main: MainLine): Promise<string | undefined> {
  const merges = (await git(dir, ['rev-list', '--ancestry-path', '--merges', `${commit}..HEAD`])).split('\n');
  let oldest: string | undefined;
  for (const merge of merges) {
    const index = main.order.get(merge);
    if (index !== undefined && (oldest === undefined || index > (main.order.get(oldest) ?? -1))) oldest = merge;
  }
  return oldest;
}

/** Reads line origins file by file, sharing what is learnt about the main line and its merges. */
export interface OriginReader {
  /** Origins of the working copy's lines; an empty map when the file is not in git. */
  blame(file: string): Promise<Map<number, Origin>>;
}

/**
 * One `git blame` of the working copy per file (so line numbers match what was loaded, and
 * uncommitted lines say so), then each commit's pull request: from its subject, or from the
 * main line's merge that brought it in. The main line is listed once per reader.
 */
export function originReader(dir: string): OriginReader {
  let main: Promise<MainLine> | undefined;
  const known = new Map<string, Promise<Origin>>();

  async function originOf(blamed: BlamedCommit): Promise<Origin> {
    const origin: Origin = { author: blamed.author, date: new Date(blamed.time * 1000).toISOString().replace('.000Z', 'Z'), summary: blamed.summary };
    if (UNCOMMITTED.test(blamed.id)) return { ...origin, summary: 'not committed yet' };
    origin.commit = blamed.id;
    const pr = pullRequestOf(blamed.summary);
    if (pr !== undefined) {
      origin.pr = pr;
      // A line written while resolving a merge is blamed on the merge commit, whose author merged it.
      if (blamed.summary.startsWith('Merge pull request')) origin.mergedBy = blamed.author;
      return origin;
    }
    main ??= mainLine(dir);
    const line = await main;
    if (line.order.has(blamed.id)) return origin;
    const merge = await mergeOf(dir, blamed.id, line);
    const merged = merge === undefined ? undefined : line.commits.get(merge);
    if (!merged) return origin;
    const mergedPr = pullRequestOf(merged.subject);
    if (mergedPr !== undefined) origin.pr = mergedPr;
    origin.mergedBy = merged.author;
    return origin;
  }

  return {
    async blame(file) {
      let output: string;
      try {
        output = await git(dir, ['blame', '--porcelain', '--', file]);
      } catch {
        return new Map();
      }
      const { lines, commits } = parseBlame(output);
      const origins = new Map<string, Origin>();
      for (const blamed of commits.values()) {
        // The working copy's own "commit" differs per file; real commits are looked up once.
        const cached = UNCOMMITTED.test(blamed.id) ? undefined : known.get(blamed.id);
        const pending = cached ?? originOf(blamed);
        if (!cached && !UNCOMMITTED.test(blamed.id)) known.set(blamed.id, pending);
        origins.set(blamed.id, await pending);
      }
      const byLine = new Map<number, Origin>();
      for (const [line, id] of lines) {
        const origin = origins.get(id);
        if (origin) byLine.set(line, origin);
      }
      return byLine;
    },
  };
}
