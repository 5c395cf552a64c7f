import type { Logger } from 'pino';
import { PlatformError } from '../../errors.js';
import { scrubSecrets } from '../../log.js';
import { createHttpClient, readTransportSettings, retryAfterMs, type HttpAnswer, type HttpClient, type TransportSettings } from '../http.js';
import { ErrorBody } from './schema.js';

export const PLATFORM = 'linkedin';
const DEFAULT_BASE_URL = 'https://api.linkedin.com/rest';
/** The Marketing API version Latch is written against; LinkedIn keeps a version for at least a year. */
export const LINKEDIN_VERSION = '202605';
/** LinkedIn's quotas are daily; a wait longer than this fails the call (retryable) instead. */
const MAX_WAIT_MS = 2 * 60_000;

export interface LinkedinSettings {
  /** API root, without a trailing slash. */
  baseUrl: string;
  /** OAuth access token (scope rw_ads); never logged, never in an error. */
  token: string;
  /** `LinkedIn-Version`, YYYYMM. */
  version: string;
  /** `LATCH_HTTP_TIMEOUT_MS` and `LATCH_RETRY_BASE_MS`. */
  transport: TransportSettings;
}

/** Knobs tests turn; production uses the defaults. */
export interface LinkedinTuning {
  retryBaseMs?: number;
  retries?: number;
  maxWaitMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** `count` of list pages; default 100. */
  pageSize?: number;
}

export interface LinkedinApi {
  http: HttpClient;
  settings: LinkedinSettings;
  logger: Logger;
  pageSize: number;
}

export function readSettings(env: NodeJS.ProcessEnv): LinkedinSettings {
  const token = env.LATCH_LINKEDIN_TOKEN;
  if (!token) throw new PlatformError(PLATFORM, 'configure', 'LATCH_LINKEDIN_TOKEN is not set; export an access token with the rw_ads scope');
  const version = env.LATCH_LINKEDIN_VERSION || LINKEDIN_VERSION;
  if (!/^\d{6}$/.test(version)) throw new PlatformError(PLATFORM, 'configure', `LATCH_LINKEDIN_VERSION must be a version in the form YYYYMM, got "${version}"`);
  const baseUrl = (env.LATCH_LINKEDIN_API_URL || DEFAULT_BASE_URL).replace(/\/+$/, '');
  return { baseUrl, token, version, transport: readTransportSettings(env, PLATFORM) };
}

/** LinkedIn throttles with 429; it rarely says for how long, so the backoff decides. */
export function throttle(answer: HttpAnswer): number | undefined {
  if (answer.status !== 429) return undefined;
  return retryAfterMs(answer.headers) ?? 0;
}

export function createLinkedinApi(settings: LinkedinSettings, logger: Logger, tuning: LinkedinTuning = {}): LinkedinApi {
  const http = createHttpClient({
    platform: PLATFORM,
    headers: { authorization: `Bearer ${settings.token}`, 'linkedin-version': settings.version, 'x-restli-protocol-version': '2.0.0' },
    secrets: [settings.token],
    logger,
    retry: { retries: tuning.retries ?? 3, baseDelayMs: tuning.retryBaseMs ?? 1000, maxWaitMs: tuning.maxWaitMs ?? MAX_WAIT_MS },
    throttle,
    sleep: tuning.sleep,
    transport: settings.transport,
  });
  return { http, settings, logger, pageSize: tuning.pageSize ?? 100 };
}

/** `urn:li:sponsoredAccount:123` from that or `123`; anything else is refused before a call. */
export function accountUrn(ref: string, operation: string): string {
  const trimmed = ref.trim();
  if (/^urn:li:sponsoredAccount:\d+$/.test(trimmed)) return trimmed;
  if (/^\d+$/.test(trimmed)) return `urn:li:sponsoredAccount:${trimmed}`;
  throw new PlatformError(PLATFORM, operation, `linkedin-ad-account reference "${ref}" is not an ad account id (digits or urn:li:sponsoredAccount:<digits>)`);
}

/** A person URN, trimmed and otherwise kept as written: LinkedIn's ids are case-sensitive. */
export function personUrn(principal: string, operation: string): string {
  const trimmed = principal.trim();
  if (/^urn:li:person:[A-Za-z0-9_-]+$/.test(trimmed)) return trimmed;
  throw new PlatformError(PLATFORM, operation, `LinkedIn identifies people by member URN (urn:li:person:...), not "${principal}"`);
}

/** The Rest.li 2.0 compound key of one ad account user, its URNs percent-encoded. */
export function userKeyPath(account: string, person: string): string {
  return `/adAccountUsers/(account:${encodeURIComponent(account)},user:${encodeURIComponent(person)})`;
}

const EXPLAIN: Record<number, string> = {
  401: 'the token in LATCH_LINKEDIN_TOKEN was refused (expired or revoked)',
  403: "not found, or the token's member has no role on this ad account that allows it",
  404: 'not found',
  426: 'LinkedIn no longer serves this LinkedIn-Version; set LATCH_LINKEDIN_VERSION to an active YYYYMM',
};

/** Turns an error answer into a PlatformError that says what to do, never with the token. */
export function failure(api: LinkedinApi, answer: HttpAnswer, operation: string, what: string): PlatformError {
  const parsed = ErrorBody.safeParse(answer.body);
  const body = parsed.success ? parsed.data : undefined;
  const status = answer.status;
  const code = body?.code ? ` (${body.code})` : '';
  const text = EXPLAIN[status] ?? (body?.message || `HTTP ${status}`);
  const retryable = status === 429 || status >= 500;
  return new PlatformError(PLATFORM, operation, scrubSecrets(`${what}: ${text}${code}`, [api.settings.token]), { status, retryable });
}
