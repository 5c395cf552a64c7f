import type { Logger } from 'pino';
import type { z } from 'zod';
import { PlatformError } from '../../errors.js';
import { scrubSecrets } from '../../log.js';
import { createHttpClient, describeBody, readTransportSettings, retryAfterMs, type HttpAnswer, type HttpClient, type HttpRequest, type TransportSettings } from '../http.js';
import { Envelope, Page } from './schema.js';

export const PLATFORM = 'tiktok';
const DEFAULT_BASE_URL = 'https://business-api.tiktok.com/open_api/v1.3';
/** TikTok names no wait when it throttles; a proxy's Retry-After longer than this fails the call. */
const MAX_WAIT_MS = 5 * 60_000;
/** More pages than this means the paging is broken, not that the Business Center is that large. */
const MAX_PAGES = 1000;

/**
 * API for Business return codes (its "Return codes" page): 40100 too many requests (the app's
 * QPS/QPM/QPD limits), 40104/40105 an empty, wrong or revoked token, 40001 no permission on
 * the object, 5xxxx TikTok's own errors, worth trying again later.
 */
const RATE_LIMITED = 40100;
const TOKEN_CODES = new Set([40102, 40104, 40105]);
const NO_PERMISSION = 40001;

/** Where the adapter connects and as whom, read from the environment only. */
export interface TiktokSettings {
  /** `open_api/v1.3` root, without a trailing slash. */
  baseUrl: string;
  /** Sent as `Access-Token`; never logged, never part of an error message. */
  token: string;
  /** The agency's Business Center: ad accounts are read and assigned in its scope. */
  bcId: string;
  /** `LATCH_HTTP_TIMEOUT_MS` and `LATCH_RETRY_BASE_MS`. */
  transport: TransportSettings;
}

/** Knobs tests turn; production uses the defaults. */
export interface TiktokTuning {
  /** Base of the exponential backoff in ms; default 1000. */
  retryBaseMs?: number;
  /** Retries per request; default 3. */
  retries?: number;
  /** Observes waits in tests. */
  sleep?: (ms: number) => Promise<void>;
  /** Items asked per page; default each endpoint's documented maximum. */
  pageSize?: number;
}

/** The connected client and what the adapter's parts share. */
export interface TiktokApi {
  http: HttpClient;
  settings: TiktokSettings;
  pageSize?: number;
}

export function readSettings(env: NodeJS.ProcessEnv): TiktokSettings {
  const token = env.LATCH_TIKTOK_TOKEN;
  if (!token) {
    throw new PlatformError(PLATFORM, 'configure', "LATCH_TIKTOK_TOKEN is not set; export an access token of a Business Center admin, authorised for the app's Business Center scopes");
  }
  const bcId = env.LATCH_TIKTOK_BC_ID;
  if (!bcId || !/^\d+$/.test(bcId)) {
    throw new PlatformError(PLATFORM, 'configure', "LATCH_TIKTOK_BC_ID must be set to the agency's numeric Business Center id");
  }
  const baseUrl = (env.LATCH_TIKTOK_API_URL || DEFAULT_BASE_URL).replace(/\/+$/, '');
  return { baseUrl, token, bcId, transport: readTransportSettings(env, PLATFORM) };
}

function envelope(answer: HttpAnswer): Envelope | undefined {
  const parsed = Envelope.safeParse(answer.body);
  return parsed.success ? parsed.data : undefined;
}

/** TikTok throttles with code 40100 in an HTTP 200 body; a gateway in front may answer 429 with Retry-After. */
export function throttle(answer: HttpAnswer): number | undefined {
  if (answer.status !== 429 && envelope(answer)?.code !== RATE_LIMITED) return undefined;
  return retryAfterMs(answer.headers) ?? 0;
}

export function createTiktokApi(settings: TiktokSettings, logger: Logger, tuning: TiktokTuning = {}): TiktokApi {
  const http = createHttpClient({
    platform: PLATFORM,
    headers: { 'access-token': settings.token },
    secrets: [settings.token],
    logger,
    retry: { retries: tuning.retries ?? 3, baseDelayMs: tuning.retryBaseMs ?? 1000, maxWaitMs: MAX_WAIT_MS },
    throttle,
    sleep: tuning.sleep,
    transport: settings.transport,
  });
  return { http, settings, pageSize: tuning.pageSize };
}

/** Turns an error answer into a PlatformError that says what to do, never with the token. */
export function failure(api: TiktokApi, answer: HttpAnswer, operation: string, what: string): PlatformError {
  const scrub = (text: string) => scrubSecrets(text, [api.settings.token]);
  const body = envelope(answer);
  const status = answer.status;
  if (!body || body.code === 0) {
    const kind = describeBody(answer.body);
    const said = kind === 'JSON' ? '' : ` (${kind})`;
    return new PlatformError(PLATFORM, operation, `${what}: HTTP ${status}${said}`, { status, retryable: status >= 500 });
  }
  const code = `code ${body.code}`;
  if (TOKEN_CODES.has(body.code)) {
    return new PlatformError(PLATFORM, operation, `${what}: the token in LATCH_TIKTOK_TOKEN is missing, invalid or revoked (${code})`, { status: 401 });
  }
  if (body.code === NO_PERMISSION) {
    return new PlatformError(PLATFORM, operation, scrub(`${what}: no permission: ${body.message} (${code}); is the ad account in, or shared with, Business Center ${api.settings.bcId}, and the token's user an admin of it?`), { status: 403 });
  }
  return new PlatformError(PLATFORM, operation, scrub(`${what}: ${body.message} (${code})`), { status, retryable: body.code >= 50000 || body.code === RATE_LIMITED });
}

/**
 * The `data` of a successful answer, validated; anything but the envelope with code 0 and
 * the expected data is an error, never an empty result.
 */
export async function call<T>(api: TiktokApi, operation: string, request: HttpRequest, what: string, shape: z.ZodType<T>): Promise<T> {
  const answer = await api.http.send(operation, what, request);
  const body = envelope(answer);
  if (answer.status !== 200 || !body || body.code !== 0) throw failure(api, answer, operation, what);
  const parsed = shape.safeParse(body.data);
  if (parsed.success) return parsed.data;
  const first = parsed.error.issues[0];
  const where = first ? ` at data.${first.path.join('.')}: ${first.message}` : '';
  throw new PlatformError(PLATFORM, operation, `${what}: malformed response${where}`, { status: answer.status });
}

/** GET parameters the way TikTok reads them: objects and arrays JSON-encoded (`filtering={"user_email":"…"}`). */
export function query(params: Record<string, string | number | object>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) search.set(name, typeof value === 'object' ? JSON.stringify(value) : String(value));
  return search.toString();
}

/**
 * Every item of a `page`/`page_size` list. Pages are read until `page_info.total_page`; each
 * page must be the one asked for, and the items must add up to `total_number`, or the list
 * changed or broke while it was read. Returns the complete list or throws.
 */
export async function getAll<T extends z.ZodType>(api: TiktokApi, operation: string, path: string, params: Record<string, string | object>, item: T, maxPageSize: number): Promise<z.infer<T>[]> {
  const what = `GET ${path}`;
  const shape = Page(item);
  const pageSize = Math.min(api.pageSize ?? maxPageSize, maxPageSize);
  const all: z.infer<T>[] = [];
  for (let page = 1; page <= MAX_PAGES; page += 1) {
    const url = `${api.settings.baseUrl}${path}?${query({ ...params, page, page_size: pageSize })}`;
    const data = await call(api, operation, { method: 'GET', url }, what, shape);
    const info = data.page_info;
    if (info.page !== page) throw new PlatformError(PLATFORM, operation, `${what}: malformed paging (asked for page ${page}, got page ${info.page})`);
    all.push(...data.list);
    if (page >= info.total_page || data.list.length === 0) {
      if (all.length !== info.total_number) {
        throw new PlatformError(PLATFORM, operation, `${what}: incomplete list (${all.length} of ${info.total_number} read); the list changed or paging broke`, { retryable: true });
      }
      return all;
    }
  }
  throw new PlatformError(PLATFORM, operation, `${what}: more than ${MAX_PAGES} pages; paging looks broken`);
}
