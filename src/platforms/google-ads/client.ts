import type { Logger } from 'pino';
import type { z } from 'zod';
import { PlatformError } from '../../errors.js';
import type { PlatformsConfig } from '../../load/model.js';
import { scrubSecrets } from '../../log.js';
import { createHttpClient, readTransportSettings, retryAfterMs, type HttpAnswer, type HttpClient, type TransportSettings } from '../http.js';
import { ErrorBody, MutateResult, SearchPage } from './schema.js';

export const PLATFORM = 'google-ads';
const DEFAULT_BASE_URL = 'https://googleads.googleapis.com/v26';
const MAX_WAIT_MS = 5 * 60_000;
const QUOTA_CODES = new Set(['RESOURCE_EXHAUSTED', 'RESOURCE_TEMPORARILY_EXHAUSTED']);

/** Where the adapter connects and as whom, read from the environment only. */
export interface GoogleAdsSettings {
  /** API root with its version, without a trailing slash. */
  baseUrl: string;
  /** OAuth access token (scope adwords); never logged, never in an error. */
  token: string;
  /** The developer token; as secret as the access token. */
  developerToken: string;
  /** Manager account the calls go through, digits only, for every customer platforms.yaml does not name. */
  loginCustomerId?: string;
  /** Timeouts and retry base from the run's environment (`LATCH_HTTP_TIMEOUT_MS`, `LATCH_RETRY_BASE_MS`). */
  transport: TransportSettings;
  /** `google-ads.loginCustomerIds` of platforms.yaml: customer -> its manager, digits only. */
  logins: ReadonlyMap<string, string>;
}

/** A customer and the manager account calls to it go through (`login-customer-id`), when one is needed. */
export interface Target {
  customer: string;
  login?: string;
}

/** Knobs tests turn; production uses the defaults. */
export interface GoogleAdsTuning {
  retryBaseMs?: number;
  retries?: number;
  maxWaitMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Clock for invitation expiry; default Date.now. */
  now?: () => number;
}

export interface GoogleAdsApi {
  http: HttpClient;
  settings: GoogleAdsSettings;
  logger: Logger;
  now: () => number;
}

/** A Google Ads failure with its error codes (`EMAIL_ADDRESS_ALREADY_HAS_ACCESS`) kept for callers. */
export class GoogleAdsError extends PlatformError {
  readonly codes: readonly string[];
  constructor(operation: string, message: string, codes: readonly string[], options: { status?: number; retryable?: boolean; cause?: unknown } = {}) {
    super(PLATFORM, operation, message, options);
    this.name = 'GoogleAdsError';
    this.codes = codes;
  }
}

function digits(value: string): string {
  return value.replace(/-/g, '').trim();
}

/**
 * Settings from the environment (credentials, API root, a default manager) and from
 * platforms.yaml (the manager of each customer that needs its own).
 */
export function readSettings(env: NodeJS.ProcessEnv, config: PlatformsConfig = {}): GoogleAdsSettings {
  const token = env.LATCH_GOOGLE_ADS_TOKEN;
  if (!token) throw new PlatformError(PLATFORM, 'configure', 'LATCH_GOOGLE_ADS_TOKEN is not set; export an OAuth access token with the adwords scope');
  const developerToken = env.LATCH_GOOGLE_ADS_DEVELOPER_TOKEN;
  if (!developerToken) throw new PlatformError(PLATFORM, 'configure', "LATCH_GOOGLE_ADS_DEVELOPER_TOKEN is not set; export the agency's Google Ads developer token");
  const login = env.LATCH_GOOGLE_ADS_LOGIN_CUSTOMER_ID;
  if (login && !/^\d{10}$/.test(digits(login))) {
    throw new PlatformError(PLATFORM, 'configure', 'LATCH_GOOGLE_ADS_LOGIN_CUSTOMER_ID must be a 10-digit customer id (dashes allowed)');
  }
  const baseUrl = (env.LATCH_GOOGLE_ADS_API_URL || DEFAULT_BASE_URL).replace(/\/+$/, '');
  const logins = new Map(Object.entries(config['google-ads']?.loginCustomerIds ?? {}).map(([customer, manager]) => [digits(customer), digits(manager)]));
  return { baseUrl, token, developerToken, loginCustomerId: login ? digits(login) : undefined, logins, transport: readTransportSettings(env, PLATFORM) };
}

/** `123-456-7890` or `1234567890` -> `1234567890`; anything else is refused before a call. */
export function customerId(ref: string, operation: string): string {
  const id = digits(ref);
  if (!/^\d{10}$/.test(id)) throw new PlatformError(PLATFORM, operation, `google-ads-account reference "${ref}" is not a 10-digit customer id`);
  return id;
}

/** `"1.5s"` (a protobuf Duration in JSON) -> 1500. */
function durationMs(value: string | undefined): number | undefined {
  const match = value ? /^(\d+(?:\.\d+)?)s$/.exec(value.trim()) : null;
  return match ? Math.round(Number(match[1]) * 1000) : undefined;
}

function errorBody(answer: HttpAnswer): ErrorBody['error'] | undefined {
  const parsed = ErrorBody.safeParse(answer.body);
  return parsed.success ? parsed.data.error : undefined;
}

function errorsOf(error: ErrorBody['error'] | undefined) {
  return (error?.details ?? []).flatMap((detail) => detail.errors ?? []);
}

/** The error code values of a failure, e.g. `["LAST_ADMIN_USER_OF_MANAGER"]`. */
export function errorCodes(answer: HttpAnswer): string[] {
  return errorsOf(errorBody(answer)).flatMap((entry) => Object.values(entry.errorCode ?? {}));
}

/** RESOURCE_EXHAUSTED waits `retryDelay` (in the quota error details, or a RetryInfo), else backs off. */
export function throttle(answer: HttpAnswer): number | undefined {
  const error = errorBody(answer);
  const quota = errorCodes(answer).some((code) => QUOTA_CODES.has(code));
  if (answer.status !== 429 && error?.status !== 'RESOURCE_EXHAUSTED' && !quota) return undefined;
  const delays = [
    ...errorsOf(error).map((entry) => durationMs(entry.details?.quotaErrorDetails?.retryDelay)),
    ...(error?.details ?? []).map((detail) => durationMs(detail.retryDelay)),
    retryAfterMs(answer.headers),
  ].filter((ms): ms is number => ms !== undefined);
  return delays.length > 0 ? Math.max(...delays) : 0;
}

export function createGoogleAdsApi(settings: GoogleAdsSettings, logger: Logger, tuning: GoogleAdsTuning = {}): GoogleAdsApi {
  const headers: Record<string, string> = { authorization: `Bearer ${settings.token}`, 'developer-token': settings.developerToken };
  const http = createHttpClient({
    platform: PLATFORM,
    headers,
    secrets: [settings.token, settings.developerToken],
    logger,
    retry: { retries: tuning.retries ?? 3, baseDelayMs: tuning.retryBaseMs ?? 1000, maxWaitMs: tuning.maxWaitMs ?? MAX_WAIT_MS },
    throttle,
    sleep: tuning.sleep,
    transport: settings.transport,
  });
  return { http, settings, logger, now: tuning.now ?? Date.now };
}

const EXPLAIN: Record<string, string> = {
  USER_PERMISSION_DENIED:
    'the customer does not exist or these credentials cannot reach it through the manager used as login-customer-id (check google-ads.loginCustomerIds in policies/platforms.yaml and LATCH_GOOGLE_ADS_LOGIN_CUSTOMER_ID)',
  CUSTOMER_NOT_ENABLED: 'the customer account is not enabled (cancelled or suspended)',
  DEVELOPER_TOKEN_NOT_APPROVED: 'the developer token in LATCH_GOOGLE_ADS_DEVELOPER_TOKEN is only approved for test accounts',
  DEVELOPER_TOKEN_INVALID: 'LATCH_GOOGLE_ADS_DEVELOPER_TOKEN was refused',
  LAST_ADMIN_USER_OF_MANAGER: 'Google Ads keeps at least one admin on a manager account: add another admin first',
  LAST_ADMIN_USER_OF_SERVING_CUSTOMER: 'Google Ads keeps at least one admin on a serving account: add another admin first',
  REMOVAL_DISALLOWED: 'Google Ads does not allow removing this user (the account owner, or the caller itself)',
  DISALLOWED_ACCESS_ROLE: 'Google Ads does not allow this role for this user',
};

/** Turns a failure answer into a GoogleAdsError that says what to do, never with a credential. */
export function failure(api: GoogleAdsApi, answer: HttpAnswer, operation: string, what: string): GoogleAdsError {
  const scrub = (text: string) => scrubSecrets(text, [api.settings.token, api.settings.developerToken]);
  const error = errorBody(answer);
  const codes = errorCodes(answer);
  const status = answer.status;
  const retryable = status >= 500 || status === 429 || codes.some((code) => QUOTA_CODES.has(code));
  const explained = codes.map((code) => EXPLAIN[code]).find((text) => text !== undefined);
  if (!explained && (status === 401 || error?.status === 'UNAUTHENTICATED')) {
    return new GoogleAdsError(operation, `${what}: the token in LATCH_GOOGLE_ADS_TOKEN was refused (UNAUTHENTICATED)`, codes, { status });
  }
  const named = codes.length > 0 ? ` (${codes.join(', ')})` : error?.status ? ` (${error.status})` : '';
  const text = explained ?? (error?.message || `HTTP ${status}`);
  return new GoogleAdsError(operation, scrub(`${what}: ${text}${named}`), codes, { status, retryable });
}

/**
 * The body of a successful answer in the expected shape, or a GoogleAdsError naming the call
 * and what was wrong: an error status, an error body under a 2xx status, or anything else
 * (empty, HTML, truncated JSON, a missing field) that is not positively the expected answer.
 */
export function expectBody<T>(api: GoogleAdsApi, answer: HttpAnswer, operation: string, what: string, shape: z.ZodType<T>): T {
  if (answer.status < 200 || answer.status >= 300) throw failure(api, answer, operation, what);
  if (errorBody(answer)) throw failure(api, answer, operation, `${what}: an error in a ${answer.status} answer`);
  if (answer.body === undefined) throw new GoogleAdsError(operation, `${what}: empty response`, [], { status: answer.status });
  if (typeof answer.body === 'string') throw new GoogleAdsError(operation, `${what}: response is not JSON (${describeText(answer.body)})`, [], { status: answer.status });
  const parsed = shape.safeParse(answer.body);
  if (parsed.success) return parsed.data;
  const first = parsed.error.issues[0];
  const where = first ? ` at ${first.path.join('.') || '(root)'}: ${first.message}` : '';
  throw new GoogleAdsError(operation, `${what}: malformed response${where}`, [], { status: answer.status });
}

/** What a non-JSON body looks like, without echoing it: an HTML page or cut-off JSON. */
function describeText(text: string): string {
  const start = text.trimStart();
  if (start.startsWith('<')) return 'an HTML page';
  if (start.startsWith('{') || start.startsWith('[')) return 'truncated or invalid JSON';
  return `${text.length} characters of text`;
}

async function post<T>(api: GoogleAdsApi, operation: string, target: Target, path: string, json: unknown, shape: z.ZodType<T>, kind: 'read' | 'write'): Promise<T> {
  const what = `POST ${path}`;
  const headers = target.login ? { 'login-customer-id': target.login } : undefined;
  const answer = await api.http.send(operation, what, { method: 'POST', url: `${api.settings.baseUrl}${path}`, json, kind, headers });
  return expectBody(api, answer, operation, what, shape);
}

/**
 * Every row of a GAQL query, following `nextPageToken` (Google Ads pages by 10,000 rows and
 * takes no page size). Returns the complete list or throws on the first failed page.
 */
export async function search<T extends z.ZodType>(api: GoogleAdsApi, operation: string, target: Target, query: string, row: T): Promise<z.infer<T>[]> {
  const path = `/customers/${target.customer}/googleAds:search`;
  const page = SearchPage(row);
  const rows: z.infer<T>[] = [];
  const seen = new Set<string>();
  let pageToken: string | undefined;
  do {
    const body = await post(api, operation, target, path, pageToken ? { query, pageToken } : { query }, page, 'read');
    rows.push(...body.results);
    pageToken = body.nextPageToken || undefined;
    if (pageToken && seen.has(pageToken)) throw new GoogleAdsError(operation, `POST ${path}: malformed paging (a page token came back twice)`, []);
    if (pageToken) seen.add(pageToken);
  } while (pageToken);
  return rows;
}

/** One mutate operation on `customers/{cid}/{collection}:mutate`; resolves the resource name it touched. */
export async function mutate(api: GoogleAdsApi, operation: string, target: Target, collection: string, op: unknown): Promise<string | undefined> {
  const result = await post(api, operation, target, `/customers/${target.customer}/${collection}:mutate`, { operation: op }, MutateResult, 'write');
  return result.result?.resourceName;
}
