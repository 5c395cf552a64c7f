import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { pinnedGitEnv, type Author } from '../../scripts/samples/git-env.js';
import { ROOT } from '../e2e/cli-harness.js';

const run = promisify(execFile);

export type { Author };

/** A throwaway git repository whose commits have fixed authors and dates. */
export interface TempGitRepo {
  dir: string;
  git(args: readonly string[], author?: Author, date?: string): Promise<string>;
  /** Writes (or with null, deletes) files, then commits them all; returns the commit id. */
  commit(message: string, files: Record<string, string | null>, author: Author, date: string): Promise<string>;
  remove(): Promise<void>;
}

export async function createGitRepo(): Promise<TempGitRepo> {
  const dir = await mkdtemp(join(tmpdir(), 'latch-history-'));
  async function git(args: readonly string[], author: Author = { name: 'Setup', email: 'setup@example.com' }, date = '2026-01-01T09:00:00Z'): Promise<string> {
    const { stdout } = await run('git', [...args], { cwd: dir, env: pinnedGitEnv(dir, author, date) });
    return stdout;
  }
  await git(['init', '-q', '-b', 'main']);
  await git(['config', 'user.name', 'Setup']);
  await git(['config', 'user.email', 'setup@example.com']);
  return {
    dir,
    git,
    async commit(message, files, author, date) {
      for (const [path, content] of Object.entries(files)) {
        const full = join(dir, path);
        if (content === null) {
          await rm(full, { force: true });
          continue;
        }
        await mkdir(dirname(full), { recursive: true });
        await writeFile(full, content);
      }
      await git(['add', '-A'], author, date);
      await git(['commit', '-q', '--allow-empty', '-m', message], author, date);
      return (await git(['rev-parse', 'HEAD'])).trim();
    },
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

/** The example repository's policies, as text keyed by path. */
export async function examplePolicies(): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const name of ['roles.yaml', 'guardrails.yaml', 'platforms.yaml']) {
    files[`policies/${name}`] = await readFile(join(ROOT, 'policies', name), 'utf8');
  }
  return files;
}
