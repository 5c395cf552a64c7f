import type { EmulatorRequest, EmulatorResponse } from '../harness.js';

/** The canonical status names Google's JSON errors carry next to the HTTP code. */
const STATUS_NAMES: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ALREADY_EXISTS',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
};

/**
 * Google's error body: `{error: {code, message, status, errors: [{message, domain, reason}]}}`.
 * Drive and Directory speak `errors[].reason`, Analytics Admin `status`; every answer here
 * carries both so a client reading either finds what it expects.
 */
export function googleError(code: number, reason: string, message: string, headers?: Record<string, string>): EmulatorResponse {
  const domain = code === 429 || reason.endsWith('RateLimitExceeded') || reason === 'rateLimitExceeded' ? 'usageLimits' : 'global';
  return {
    status: code,
    ...(headers ? { headers } : {}),
    body: { error: { code, message, status: STATUS_NAMES[code] ?? 'UNKNOWN', errors: [{ message, domain, reason }] } },
  };
}

export function invalid(message: string): EmulatorResponse {
  return googleError(400, 'invalid', message);
}

/** What Google answers a throttled client: 429 with Retry-After. */
export function rateLimited(retryAfterSeconds: number): EmulatorResponse {
  return googleError(429, 'rateLimitExceeded', 'Rate Limit Exceeded', { 'retry-after': String(retryAfterSeconds) });
}

export function unknownRoute(request: EmulatorRequest): EmulatorResponse {
  return googleError(404, 'notFound', `The requested URL ${request.path} was not found on this server.`);
}

/** Every request must carry `Authorization: Bearer <token>` when the emulator has a token. */
export function checkToken(token: string | undefined, request: EmulatorRequest): EmulatorResponse | undefined {
  if (token === undefined) return undefined;
  const header = request.headers.authorization;
  if (!header) {
    return googleError(401, 'required', 'Request is missing required authentication credential. Expected OAuth 2 access token.', {
      'www-authenticate': 'Bearer realm="https://accounts.google.com/"',
    });
  }
  if (header !== `Bearer ${token}`) {
    return googleError(401, 'authError', 'Request had invalid authentication credentials.', { 'www-authenticate': 'Bearer realm="https://accounts.google.com/", error="invalid_token"' });
  }
  return undefined;
}

/** One page of a list, with Google's opaque `pageToken`/`nextPageToken` (an offset here). */
export interface Page<T> {
  items: T[];
  nextPageToken?: string;
}

export function pageOf<T>(all: readonly T[], request: EmulatorRequest, sizeParam: string, defaults: { size: number; max: number }): Page<T> | EmulatorResponse {
  const rawSize = request.query.get(sizeParam);
  const asked = rawSize === null ? defaults.size : Number(rawSize);
  if (!Number.isInteger(asked) || asked < 0) return invalid(`Invalid value for ${sizeParam}: ${rawSize ?? ''}`);
  const size = Math.min(asked === 0 ? defaults.size : asked, defaults.max);
  const token = request.query.get('pageToken');
  let offset = 0;
  if (token) {
    const decoded = Buffer.from(token, 'base64url').toString('utf8');
    offset = decoded.startsWith('offset:') ? Number(decoded.slice('offset:'.length)) : Number.NaN;
    if (!Number.isInteger(offset) || offset < 0 || offset > all.length) return invalid('Invalid page token.');
  }
  const items = all.slice(offset, offset + size);
  const next = offset + size;
  return next < all.length ? { items, nextPageToken: Buffer.from(`offset:${next}`).toString('base64url') } : { items };
}

export function isAnswer<T>(value: Page<T> | EmulatorResponse): value is EmulatorResponse {
  return 'status' in value;
}
