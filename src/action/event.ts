import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { UsageError } from '../errors.js';

/** The parts of a `pull_request` event payload the Action reads. */
export const PullRequestEvent = z.object({
  pull_request: z.object({
    number: z.number().int(),
    head: z.object({ sha: z.string(), repo: z.object({ full_name: z.string() }).nullable() }),
    base: z.object({ sha: z.string(), repo: z.object({ full_name: z.string() }) }),
  }),
});
export type PullRequestEvent = z.infer<typeof PullRequestEvent>;

/** The parts of a `push` event payload the Action reads. */
export const PushEvent = z.object({
  before: z.string(),
  after: z.string(),
  ref: z.string(),
});
export type PushEvent = z.infer<typeof PushEvent>;

/** What the runner tells a step about the run it is part of. */
export interface RunEnvironment {
  /** GITHUB_EVENT_NAME: pull_request, push, schedule, workflow_dispatch. */
  eventName: string;
  /** The parsed event payload; {} when the runner wrote none. */
  payload: unknown;
  /** `owner/name` of the repository the workflow runs in. */
  repository: { owner: string; name: string };
  /** The commit the workflow runs on. */
  sha: string;
  /** GITHUB_WORKSPACE, the checked-out repository. */
  workspace: string;
  /** GITHUB_API_URL without a trailing slash. */
  apiUrl: string;
  /** The GitHub web address (`https://github.com`, or an Enterprise Server's). */
  serverUrl: string;
  /** Link to this run's page, for comments and issues; undefined outside Actions. */
  runUrl?: string;
}

async function readPayload(path: string | undefined): Promise<unknown> {
  if (!path) return {};
  try {
    return JSON.parse(await readFile(path, 'utf8')) as unknown;
  } catch (error) {
    throw new UsageError(`cannot read the event payload at GITHUB_EVENT_PATH (${error instanceof Error ? error.message : String(error)})`);
  }
}

export async function readRunEnvironment(env: NodeJS.ProcessEnv, cwd: string): Promise<RunEnvironment> {
  const [owner = '', name = ''] = (env.GITHUB_REPOSITORY ?? '').split('/');
  const server = env.GITHUB_SERVER_URL || 'https://github.com';
  const runUrl = env.GITHUB_RUN_ID && env.GITHUB_REPOSITORY ? `${server}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}` : undefined;
  return {
    eventName: env.GITHUB_EVENT_NAME ?? '',
    payload: await readPayload(env.GITHUB_EVENT_PATH),
    repository: { owner, name },
    sha: env.GITHUB_SHA ?? '',
    workspace: env.GITHUB_WORKSPACE || cwd,
    apiUrl: (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, ''),
    serverUrl: server,
    runUrl,
  };
}

/** Parses a payload for the event the command needs, saying plainly what is missing. */
export function eventPayload<T>(run: RunEnvironment, schema: z.ZodType<T>, what: string): T {
  const parsed = schema.safeParse(run.payload);
  if (!parsed.success) {
    throw new UsageError(`this command needs a ${what} event; the run's event is "${run.eventName || 'unknown'}" and its payload lacks ${parsed.error.issues[0]?.path.join('.') ?? 'the expected fields'}`);
  }
  return parsed.data;
}

/** An all-zero sha is what a push that creates a branch has as `before`. */
export function isNullSha(sha: string): boolean {
  return /^0+$/.test(sha);
}
