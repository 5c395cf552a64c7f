import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Git is needed only where history is: `--base`, offboarding, who and register. */
export class GitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GitError';
  }
}

/** Runs git in `dir` and returns its standard output; a failure is a GitError quoting git's message. */
export async function git(dir: string, args: readonly string[]): Promise<string> {
  try {
    const { stdout } = await run('git', [...args], { cwd: dir, maxBuffer: 256 * 1024 * 1024, encoding: 'utf8' });
    return stdout;
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    throw new GitError(`git ${args[0]} failed in ${dir}${stderr ? `: ${stderr}` : ''}`);
  }
}

/** Verifies a ref exists and returns its commit id. */
export async function resolveRef(dir: string, ref: string): Promise<string> {
  try {
    return (await git(dir, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`])).trim();
  } catch {
    throw new GitError(`"${ref}" is not a commit, branch or tag of the repository at ${dir}; fetch it first (actions/checkout with fetch-depth: 0)`);
  }
}

/**
 * The YAML files of clients/ and policies/ as they were at `ref`, keyed by path relative to
 * the config directory, the way loadFromFiles takes them.
 */
export async function filesAtRef(dir: string, ref: string): Promise<Map<string, string>> {
  const commit = await resolveRef(dir, ref);
  // Without --full-name, ls-tree answers relative to `dir`, and `commit:./path` reads relative to it too.
  const listing = await git(dir, ['ls-tree', '-r', '--name-only', commit, '--', 'clients', 'policies']);
  const files = new Map<string, string>();
  for (const path of listing.split('\n').filter((line) => /\.ya?ml$/.test(line))) {
    files.set(path, await git(dir, ['show', `${commit}:./${path}`]));
  }
  return files;
}
