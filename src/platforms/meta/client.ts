import type { Logger } from 'pino';
import type { z } from 'zod';
import { PlatformError } from '../../errors.js';
import { scrubSecrets } from '../../log.js';
import { createHttpClient, describeBody, readTransportSettings, type HttpAnswer, type HttpClient, type HttpRequest, type TransportSettings } from '../http.js';
import { BusinessUseCaseUsage, GraphError, Page } from './schema.js';

export const PLATFORM = 'meta';
const DEFAULT_BASE_URL = 'https://graph.facebook.com/v25.0';
const PAGE_SIZE = 100;
/** Meta counts its throttling in minutes; five of them is as long as a run waits. */
const MAX_WAIT_MS = 5 * 60_000;

/** Graph error codes that mean "too many calls": app, user, custom and business use case limits. */
const RATE_LIMIT_CODES = new Set([4, 17, 32, 613]);
function isRateLimitCode(code: number): boolean {
  return RATE_LIMIT_CODES.has(code) || (code >= 80000 && code <= 80014);
}

/** Where the adapter connects and as whom, read from the environment only. */
export interface MetaSettings {
  /** Graph API root with its version, without a trailing slash. */
  baseUrl: string;
  /** The access token; never logged, never part of an error message. */
  token: string;
  /** The agency's Business Manager id: assigned users are read in its scope. */
  businessId: string;
  /** `LATCH_HTTP_TIMEOUT_MS` and `LATCH_RETRY_BASE_MS`. */
  transport: TransportSettings;
}

/** Knobs tests turn; production uses the defaults. */
export interface MetaTuning {
  /** Base of the exponential backoff in ms; default 1000. */
  retryBaseMs?: number;
  /** Retries per request; default 3. */
  retries?: number;
  /** Longest wait honoured before failing retryably; default five minutes. */
  maxWaitMs?: number;
  /** Observes waits in tests. */
  sleep?: (ms: number) => Promise<void>;
  /** Clock for invitation expiry; default Date.now. */
  now?: () => number;
}

/** The connected client and what the adapter's parts share. */
export interface MetaApi {
  http: HttpClient;
  settings: MetaSettings;
  logger: Logger;
  now: () => number;
}

export function readSettings(env: NodeJS.ProcessEnv): MetaSettings {
  const token = env.LATCH_META_TOKEN;
  if (!token) {
    throw new PlatformError(PLATFORM, 'configure', 'LATCH_META_TOKEN is not set; export a system user access token with the ads_management and business_management permissions');
  }
  const businessId = env.LATCH_META_BUSINESS_ID;
  if (!businessId || !/^\d+$/.test(businessId)) {
    throw new PlatformError(PLATFORM, 'configure', "LATCH_META_BUSINESS_ID must be set to the agency's numeric Business Manager id");
  }
  const baseUrl = (env.LATCH_META_API_URL || DEFAULT_BASE_URL).replace(/\/+$/, '');
  return { baseUrl, token, businessId, transport: readTransportSettings(env, PLATFORM) };
}

/** Minutes Meta asks to wait, from `X-Business-Use-Case-Usage`; 0 when it names none. */
export function regainAccessMs(headers: Record<string, string>): number {
  const raw = headers['x-business-use-case-usage'];
  if (!raw) return 0;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return 0;
  }
  const usage = BusinessUseCaseUsage.safeParse(json);
  if (!usage.success) return 0;
  const minutes = Object.values(usage.data)
    .flat()
    .map((entry) => entry.estimated_time_to_regain_access ?? 0);
  return Math.max(0, ...minutes) * 60_000;
}

function graphError(answer: HttpAnswer): GraphError['error'] | undefined {
  const parsed = GraphError.safeParse(answer.body);
  return parsed.success ? parsed.data.error : undefined;
}

/**
 * A throttled Graph answer is an error with a rate-limit code, or any error while the usage
 * header still counts minutes until access returns; that header says how long to wait.
 */
export function throttle(answer: HttpAnswer): number | undefined {
  const error = graphError(answer);
  if (!error) return undefined;
  const wait = regainAccessMs(answer.headers);
  return isRateLimitCode(error.code) || wait > 0 ? wait : undefined;
}

export function createMetaApi(settings: MetaSettings, logger: Logger, tuning: MetaTuning = {}): MetaApi {
  const http = createHttpClient({
    platform: PLATFORM,
    headers: { authorization: `Bearer ${settings.token}` },
    secrets: [settings.token],
    logger,
    retry: { retries: tuning.retries ?? 3, baseDelayMs: tuning.retryBaseMs ?? 1000, maxWaitMs: tuning.maxWaitMs ?? MAX_WAIT_MS },
    throttle,
    sleep: tuning.sleep,
    transport: settings.transport,
  });
  return { http, settings, logger, now: tuning.now ?? Date.now };
}

/** Turns a Graph error answer into a PlatformError that says what to do, never with the token. */
export function failure(api: MetaApi, answer: HttpAnswer, operation: string, what: string): PlatformError {
  const scrub = (text: string) => scrubSecrets(text, [api.settings.token]);
  const error = graphError(answer);
  const status = answer.status;
  if (!error) return new PlatformError(PLATFORM, operation, scrub(`${what}: HTTP ${status}`), { status, retryable: status >= 500 });
  const code = `code ${error.code}${error.error_subcode ? `/${error.error_subcode}` : ''}`;
  if (error.code === 190) {
    return new PlatformError(PLATFORM, operation, `${what}: the token in LATCH_META_TOKEN is invalid or expired (${code})`, { status });
  }
  if (error.code === 100 && error.error_subcode === 33) {
    return new PlatformError(PLATFORM, operation, `${what}: not found, or not visible to the token (${code})`, { status: 404 });
  }
  if (error.code === 200 || error.code === 10) {
    return new PlatformError(PLATFORM, operation, scrub(`${what}: permission denied: ${error.message} (${code})`), { status });
  }
  const retryable = isRateLimitCode(error.code) || error.code === 1 || error.code === 2 || status >= 500;
  return new PlatformError(PLATFORM, operation, scrub(`${what}: ${error.message} (${code})`), { status, retryable });
}

/**
 * Validates a successful answer; anything but the expected envelope is an error, never an
 * empty result. Graph can answer 200 with an error envelope: that is an error too.
 */
export function parse<T>(api: MetaApi, shape: z.ZodType<T>, answer: HttpAnswer, operation: string, what: string): T {
  if (answer.status < 200 || answer.status >= 300 || graphError(answer)) throw failure(api, answer, operation, what);
  const parsed = shape.safeParse(answer.body);
  if (parsed.success) return parsed.data;
  const first = parsed.error.issues[0];
  const kind = describeBody(answer.body);
  const where = kind !== 'JSON' ? `: ${kind}` : first ? ` at ${first.path.join('.') || '(root)'}: ${first.message}` : '';
  throw new PlatformError(PLATFORM, operation, `${what}: malformed response${where}`, { status: answer.status });
}

export async function call<T>(api: MetaApi, operation: string, request: HttpRequest, what: string, shape: z.ZodType<T>): Promise<T> {
  const answer = await api.http.send(operation, what, request);
  return parse(api, shape, answer, operation, what);
}

/**
 * Every item of a cursor-paged edge. Follows `paging.cursors.after` while `paging.next` is
 * present (the `next` URL itself is not followed: it may carry an access token). Returns
 * the complete list or throws on the first failed or malformed page.
 */
export async function getAll<T extends z.ZodType>(api: MetaApi, operation: string, path: string, params: Record<string, string>, item: T): Promise<z.infer<T>[]> {
  const what = `GET ${path}`;
  const page = Page(item);
  const all: z.infer<T>[] = [];
  const seen = new Set<string>();
  let after: string | undefined;
  do {
    const query = new URLSearchParams({ ...params, limit: String(PAGE_SIZE) });
    if (after) query.set('after', after);
    const body = await call(api, operation, { method: 'GET', url: `${api.settings.baseUrl}${path}?${query.toString()}` }, what, page);
    all.push(...body.data);
    after = undefined;
    if (body.paging?.next) {
      after = body.paging.cursors?.after;
      if (!after || seen.has(after)) throw new PlatformError(PLATFORM, operation, `${what}: malformed paging (a next page without a new cursor)`);
      seen.add(after);
    }
  } while (after);
  return all;
}
