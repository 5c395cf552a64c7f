import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { UsageError } from '../errors.js';
import { git } from '../git.js';

/** Events a workflow of the Action runs on, by the name `latch sandbox event` takes. */
export const EVENT_KINDS = ['pull-request', 'push', 'schedule'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/** The parts of `GET /repos/{owner}/{repo}/pulls/{n}` the event is checked on; the payload carries the whole answer, as GitHub's does. */
const Pull = z.object({ number: z.number().int(), state: z.string(), head: z.object({ sha: z.string() }) });

interface Built {
  name: string;
  payload: Record<string, unknown>;
  sha: string;
}

function repositoryJson(fullName: string): Record<string, unknown> {
  const [owner = '', name = ''] = fullName.split('/');
  return { full_name: fullName, name, owner: { login: owner }, default_branch: 'main', fork: false };
}

function required(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name];
  if (!value) throw new UsageError(`${name} is not set: source the environment \`latch sandbox\` wrote first`);
  return value;
}

async function pullRequestEvent(env: NodeJS.ProcessEnv, repository: string, number: string | undefined): Promise<Built> {
  if (!number || !/^\d+$/.test(number)) throw new UsageError('name the pull request: `latch sandbox event pull-request NUMBER`');
  const api = required(env, 'GITHUB_API_URL').replace(/\/+$/, '');
  const response = await fetch(`${api}/repos/${repository}/pulls/${number}`, { headers: { authorization: `token ${required(env, 'GITHUB_TOKEN')}`, accept: 'application/vnd.github+json' } });
  const body: unknown = await response.json().catch(() => undefined);
  const pull = Pull.safeParse(body);
  if (!response.ok || !pull.success) throw new UsageError(`${repository} has no pull request #${number} in the sandbox (HTTP ${response.status})`);
  const sender = { login: 'octocat', type: 'User' };
  return {
    name: 'pull_request',
    payload: { action: 'synchronize', number: pull.data.number, pull_request: body, repository: repositoryJson(repository), sender },
    sha: pull.data.head.sha,
  };
}

async function pushEvent(dir: string, repository: string): Promise<Built> {
  const after = (await git(dir, ['rev-parse', 'HEAD'])).trim();
  // The push that made HEAD moved the branch from its first parent: a merge's base side.
  const before = (await git(dir, ['rev-parse', 'HEAD^1'])).trim();
  const ref = `refs/heads/${(await git(dir, ['rev-parse', '--abbrev-ref', 'HEAD'])).trim()}`;
  return { name: 'push', payload: { ref, before, after, created: false, deleted: false, forced: false, repository: repositoryJson(repository), sender: { login: 'octocat', type: 'User' } }, sha: after };
}

/**
 * Writes the event payload GitHub would give a workflow run, plus the files a runner
 * provides (outputs, job summary), and returns the GITHUB_* variables that make
 * `node dist/index.js` run as that workflow step on the repository at `dir`.
 */
export async function writeEvent(kind: EventKind, number: string | undefined, dir: string, env: NodeJS.ProcessEnv): Promise<Record<string, string>> {
  const repository = required(env, 'GITHUB_REPOSITORY');
  const built =
    kind === 'pull-request'
      ? await pullRequestEvent(env, repository, number)
      : kind === 'push'
        ? await pushEvent(dir, repository)
        : { name: 'schedule', payload: { schedule: '17 3 * * *' }, sha: (await git(dir, ['rev-parse', 'HEAD'])).trim() };
  const scratch = await mkdtemp(join(tmpdir(), 'latch-sandbox-event-'));
  const files = { event: join(scratch, 'event.json'), output: join(scratch, 'output'), summary: join(scratch, 'summary.md') };
  await writeFile(files.event, JSON.stringify(built.payload, null, 2));
  await writeFile(files.output, '');
  await writeFile(files.summary, '');
  return {
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: built.name,
    GITHUB_EVENT_PATH: files.event,
    GITHUB_SHA: built.sha,
    GITHUB_WORKSPACE: dir,
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_RUN_ID: String(Date.now()),
  };
}
