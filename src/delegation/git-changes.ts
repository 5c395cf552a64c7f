import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { git, readObjects, resolveRef } from '../git.js';

/** One file a change touches, with both sides of it. */
export interface FileChange {
  /** Relative to the config directory when inside it, else relative to the repository's root. */
  file: string;
  /** Whether the file lies inside the config directory (`--dir`). */
  inConfig: boolean;
  /** Content at the base; absent for a file the change adds. */
  before?: string;
  /** Content now (the working tree); absent for a file the change deletes. */
  after?: string;
}

function nulSeparated(output: string): string[] {
  return output.split('\0').filter((path) => path !== '');
}

async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * Every file that differs between `base` and the working tree of the repository holding
 * `dir` (committed, staged, unstaged and untracked changes alike; a rename is a deletion and
 * an addition), with its content on both sides. Only the changed files are read at the base,
 * through one `git cat-file` process, so the cost follows the size of the change, not of the
 * repository.
 */
export async function changesSince(dir: string, base: string): Promise<FileChange[]> {
  const commit = await resolveRef(dir, base);
  const [prefix, root, diffed, untracked] = await Promise.all([
    git(dir, ['rev-parse', '--show-prefix']),
    git(dir, ['rev-parse', '--show-toplevel']),
    git(dir, ['diff', '--name-only', '--no-renames', '-z', commit, '--', ':/']),
    git(dir, ['ls-files', '--others', '--exclude-standard', '--full-name', '-z', '--', ':/']),
  ]);
  const inside = prefix.trim();
  const paths = [...new Set([...nulSeparated(diffed), ...nulSeparated(untracked)])].sort();
  const objects = await readObjects(dir, paths.map((path) => `${commit}:${path}`));
  const changes: FileChange[] = [];
  for (const path of paths) {
    const inConfig = path.startsWith(inside);
    const change: FileChange = { file: inConfig ? path.slice(inside.length) : path, inConfig };
    const before = objects.get(`${commit}:${path}`);
    if (before) change.before = before.content.toString('utf8');
    const after = await readIfExists(join(root.trim(), path));
    if (after !== undefined) change.after = after;
    if (change.before !== change.after) changes.push(change);
  }
  return changes;
}
