import { Router, startEmulator, type Emulator, type EmulatorRequest, type EmulatorResponse, type EmulatorSwitches } from '../harness.js';
import { addRoutes, jiraError } from './routes.js';
import { addByHand, createState, snapshotOf, type JiraSeed } from './state.js';

export type { JiraSeed, JiraSeedProject, JiraSeedUser } from './state.js';

/** A running Jira Cloud REST v3 emulator plus the hands of a project admin. */
export interface JiraEmulator extends Emulator {
  /** Actors per project and role name, users and groups sorted. */
  snapshot(): Record<string, Record<string, { users: string[]; groups: string[] }>>;
  /** A project admin adds an account to a role in the Jira UI (verify-mode tests, drift, the demo). */
  addByHand(projectKey: string, role: string, accountId: string): void;
}

export interface JiraEmulatorOptions {
  seed: JiraSeed;
  /** When both are set, every request must carry basic auth with this e-mail and API token. */
  email?: string;
  token?: string;
  /** Projects the account administers; default all of them (Administer Jira). */
  administers?: string[];
  /** Whether the account has Browse users and groups; default true. */
  browseUsers?: boolean;
  /** Most items per page whatever `maxResults` asks; only tests lower it, to see paging. */
  maxPageSize?: number;
  switches?: Partial<EmulatorSwitches>;
  port?: number;
}

/** A rate-limited answer as Jira's rate-limiting page describes it: 429, `Retry-After` in seconds, `X-RateLimit-Reset`. */
function rateLimited(retryAfterSeconds: number): EmulatorResponse {
  const reset = new Date(Date.now() + retryAfterSeconds * 1000).toISOString().slice(0, 16);
  return {
    ...jiraError(429, 'Rate limit exceeded.'),
    headers: { 'retry-after': String(retryAfterSeconds), 'x-ratelimit-reset': `${reset}Z`, 'ratelimit-reason': 'jira-quota-based' },
  };
}

function checkAuth(options: JiraEmulatorOptions, request: EmulatorRequest): EmulatorResponse | undefined {
  if (options.email === undefined || options.token === undefined) return undefined;
  const expected = `Basic ${Buffer.from(`${options.email}:${options.token}`).toString('base64')}`;
  if (request.headers.authorization === expected) return undefined;
  return { status: 401, headers: { 'content-type': 'text/plain;charset=UTF-8' }, body: 'Client must be authenticated to access this resource.' };
}

/**
 * Serves the part of Jira Cloud's REST API v3 Latch uses on 127.0.0.1: project roles and
 * their actors (read, add, delete), bulk users and user search with `startAt`/`maxResults`
 * paging and hidden e-mail addresses, project search, basic auth, the `ErrorCollection`
 * body, 404 for a project the account cannot administer, and 429 with `Retry-After`.
 */
export async function startJiraEmulator(options: JiraEmulatorOptions): Promise<JiraEmulator> {
  const state = createState(options.seed);
  const router = new Router();
  addRoutes(router, state, { administers: options.administers, browseUsers: options.browseUsers ?? true, maxPageSize: options.maxPageSize });
  const emulator = await startEmulator({
    router,
    rateLimitAnswer: rateLimited,
    notFound: () => jiraError(404, 'null for uri'),
    authorize: (request) => checkAuth(options, request),
    switches: options.switches,
    port: options.port,
  });
  return {
    ...emulator,
    snapshot: () => snapshotOf(state),
    addByHand: (projectKey, role, accountId) => addByHand(state, projectKey, role, accountId),
  };
}
