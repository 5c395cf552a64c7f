import type { Logger } from 'pino';
import type { z } from 'zod';
import { PlatformError } from '../../errors.js';
import { scrubSecrets } from '../../log.js';
import type { PlatformsConfig } from '../../load/model.js';
import { createHttpClient, describeBody, readTransportSettings, retryAfterMs, type HttpAnswer, type HttpClient, type HttpRequest, type TransportSettings } from '../http.js';
import { ErrorCollection } from './schema.js';

export const PLATFORM = 'jira';
/** Jira counts its limits per minute and per hour; a wait beyond five minutes fails the call (retryable) instead. */
const MAX_WAIT_MS = 5 * 60_000;

/** Where the adapter connects and as whom, read from the environment and `policies/platforms.yaml`. */
export interface JiraSettings {
  /** Site root without a trailing slash: the `jira.site`, or `LATCH_JIRA_API_URL` (`https://api.atlassian.com/ex/jira/<cloudId>` for a scoped token). */
  baseUrl: string;
  /** The service account's e-mail, the user name of basic auth. */
  email: string;
  /** Its API token; never logged, never part of an error. */
  token: string;
  /** `LATCH_HTTP_TIMEOUT_MS` and `LATCH_RETRY_BASE_MS`. */
  transport: TransportSettings;
}

/** Knobs tests turn; production uses the defaults. */
export interface JiraTuning {
  retryBaseMs?: number;
  retries?: number;
  maxWaitMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** `maxResults` of paged lists; default 50, Jira's own default. */
  pageSize?: number;
}

export interface JiraApi {
  http: HttpClient;
  settings: JiraSettings;
  logger: Logger;
  pageSize: number;
}

export function readSettings(env: NodeJS.ProcessEnv, config: PlatformsConfig): JiraSettings {
  const email = env.LATCH_JIRA_EMAIL;
  if (!email) throw new PlatformError(PLATFORM, 'configure', "LATCH_JIRA_EMAIL is not set; export the e-mail of Latch's Jira service account");
  const token = env.LATCH_JIRA_TOKEN;
  if (!token) throw new PlatformError(PLATFORM, 'configure', "LATCH_JIRA_TOKEN is not set; export an API token of Latch's Jira service account");
  const site = env.LATCH_JIRA_API_URL || config.jira?.site;
  if (!site) throw new PlatformError(PLATFORM, 'configure', 'no Jira site: set jira.site in policies/platforms.yaml (or LATCH_JIRA_API_URL)');
  return { baseUrl: site.replace(/\/+$/, ''), email, token, transport: readTransportSettings(env, PLATFORM) };
}

/** Milliseconds until `X-RateLimit-Reset` (ISO 8601), which Jira may send instead of `Retry-After`. */
function resetMs(headers: Record<string, string>, now: number): number | undefined {
  const reset = headers['x-ratelimit-reset'];
  const at = reset ? Date.parse(reset) : Number.NaN;
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * Jira throttles with 429 and `Retry-After` (or `X-RateLimit-Reset`); a 503 that names a
 * wait is a resource limit the rate-limiting page says to treat the same way.
 */
export function throttle(answer: HttpAnswer, now: number = Date.now()): number | undefined {
  if (answer.status === 429) return retryAfterMs(answer.headers, now) ?? resetMs(answer.headers, now) ?? 0;
  if (answer.status === 503) return retryAfterMs(answer.headers, now);
  return undefined;
}

export function createJiraApi(settings: JiraSettings, logger: Logger, tuning: JiraTuning = {}): JiraApi {
  const basic = Buffer.from(`${settings.email}:${settings.token}`).toString('base64');
  const http = createHttpClient({
    platform: PLATFORM,
    headers: { authorization: `Basic ${basic}` },
    secrets: [settings.token, basic],
    logger,
    retry: { retries: tuning.retries ?? 3, baseDelayMs: tuning.retryBaseMs ?? 1000, maxWaitMs: tuning.maxWaitMs ?? MAX_WAIT_MS },
    throttle: (answer) => throttle(answer),
    sleep: tuning.sleep,
    transport: settings.transport,
  });
  return { http, settings, logger, pageSize: tuning.pageSize ?? 50 };
}

const EXPLAIN: Record<number, string> = {
  401: 'the credentials in LATCH_JIRA_EMAIL and LATCH_JIRA_TOKEN were refused (a wrong e-mail, an expired or revoked token), or the account does not administer this project',
  403: 'the account lacks the permission this needs',
  404: 'not found, or the account lacks Administer Projects on it (Jira answers 404 for both)',
};

/** Turns an error answer into a PlatformError that says what to do, never with the token. */
export function failure(api: JiraApi, answer: HttpAnswer, operation: string, what: string): PlatformError {
  const parsed = ErrorCollection.safeParse(answer.body);
  const said = parsed.success ? [...parsed.data.errorMessages, ...Object.entries(parsed.data.errors).map(([field, text]) => `${field}: ${text}`)].join('; ') : '';
  const status = answer.status;
  const explained = EXPLAIN[status];
  const text = explained ? `${explained}${said ? ` (${said})` : ''}` : said || `HTTP ${status}`;
  const retryable = status === 429 || status >= 500;
  return new PlatformError(PLATFORM, operation, scrubSecrets(`${what}: ${text}`, [api.settings.token]), { status, retryable });
}

/** Sends a request to a path under the site and validates a 2xx answer; anything else is an error, never an empty result. */
export async function call<T>(api: JiraApi, operation: string, request: HttpRequest, shape: z.ZodType<T>): Promise<T> {
  const what = `${request.method} ${request.url.split('?')[0] ?? request.url}`;
  const answer = await api.http.send(operation, what, { ...request, url: `${api.settings.baseUrl}${request.url}` });
  if (answer.status < 200 || answer.status >= 300) throw failure(api, answer, operation, what);
  const parsed = shape.safeParse(answer.body);
  if (parsed.success) return parsed.data;
  const kind = describeBody(answer.body);
  const first = parsed.error.issues[0];
  const where = kind !== 'JSON' ? `: ${kind}` : first ? ` at ${first.path.join('.') || '(root)'}: ${first.message}` : '';
  throw new PlatformError(PLATFORM, operation, `${what}: malformed response${where}`, { status: answer.status });
}

/** Sends a write whose answer body Latch does not need; a non-2xx answer is an error. */
export async function write(api: JiraApi, operation: string, request: HttpRequest): Promise<void> {
  const what = `${request.method} ${request.url.split('?')[0] ?? request.url}`;
  const answer = await api.http.send(operation, what, { ...request, url: `${api.settings.baseUrl}${request.url}` });
  if (answer.status < 200 || answer.status >= 300) throw failure(api, answer, operation, what);
}
