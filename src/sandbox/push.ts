import { UsageError } from '../errors.js';
import { filesAtRef, git } from '../git.js';
import { PushAnswer, type PushRequest } from './control.js';

/** Older commits are not sent: the pull requests and runs of a sandbox need only recent history. */
const MAX_COMMITS = 50;

/** The sandbox's control address from the environment `latch sandbox` printed. */
export function controlUrl(env: NodeJS.ProcessEnv): string {
  const url = env.LATCH_SANDBOX_URL;
  if (!url) throw new UsageError('LATCH_SANDBOX_URL is not set: start `latch sandbox --write-env .sandbox.env &` and `source .sandbox.env` first');
  return url.replace(/\/+$/, '');
}

/** The branch's commits newest first, each with the clients/ and policies/ files of its tree. */
async function commitsOf(dir: string, branch: string): Promise<PushRequest['commits']> {
  const log = await git(dir, ['log', `-n${MAX_COMMITS}`, '--format=%H%x1f%P%x1f%cI%x1f%s', branch, '--']);
  const commits: PushRequest['commits'] = [];
  for (const line of log.split('\n').filter((entry) => entry !== '')) {
    const [sha = '', parents = '', date = '', message = ''] = line.split('\x1f');
    commits.push({ sha, parents: parents.split(' ').filter((parent) => parent !== ''), date, message, files: Object.fromEntries(await filesAtRef(dir, sha)) });
  }
  return commits;
}

/** What a push did, for the person who ran it. */
export interface PushOutcome {
  branch: string;
  sha: string;
  /** Pull requests the push merged. */
  merged: number[];
}

/**
 * `git push` of `branch` (default: the checked-out one) of the repository at `dir` to the
 * sandbox's access repository, by `pusher`.
 */
export async function pushToSandbox(dir: string, env: NodeJS.ProcessEnv, branch: string | undefined, pusher: string): Promise<PushOutcome> {
  const url = controlUrl(env);
  const name = branch ?? (await git(dir, ['rev-parse', '--abbrev-ref', 'HEAD'])).trim();
  if (name === 'HEAD') throw new UsageError('no branch is checked out: name the branch to push, e.g. `latch sandbox push main`');
  const commits = await commitsOf(dir, name);
  const body: PushRequest = { branch: name, pusher, commits };
  let response: Response;
  try {
    response = await fetch(`${url}/push`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  } catch (error) {
    throw new UsageError(`the sandbox at ${url} does not answer (${error instanceof Error ? error.message : String(error)}); is it still running?`);
  }
  const parsed = PushAnswer.safeParse(await response.json().catch(() => undefined));
  if (!response.ok || !parsed.success) throw new UsageError(`the sandbox refused the push of ${name} (HTTP ${response.status})`);
  return { branch: name, sha: commits[0]?.sha ?? '', merged: parsed.data.merged };
}
