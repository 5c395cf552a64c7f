import type { EmulatorResponse } from '../harness.js';

/**
 * AWS JSON 1.1 as both services speak it: every call is `POST /` with the operation in
 * `X-Amz-Target`, errors carry `__type` in the body and `x-amzn-errortype` as a header. The
 * status of each error is the one the service model declares (`@httpError`), which is what
 * the SDK's published models under `@aws-sdk/client-sso-admin` and `-identitystore` carry.
 */
const STATUS = {
  AccessDeniedException: 403,
  ConflictException: 409,
  InternalServerException: 500,
  ResourceNotFoundException: 404,
  ThrottlingException: 429,
  ValidationException: 400,
  UnknownOperationException: 400,
  SerializationException: 400,
  UnrecognizedClientException: 400,
  MissingAuthenticationTokenException: 403,
} as const;

export type AwsErrorType = keyof typeof STATUS;

export const JSON_11 = 'application/x-amz-json-1.1';

export function awsError(type: AwsErrorType, message: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}): EmulatorResponse {
  return {
    status: STATUS[type],
    headers: { 'content-type': JSON_11, 'x-amzn-errortype': type, ...headers },
    body: { __type: type, message, ...extra },
  };
}

export function ok(body: unknown): EmulatorResponse {
  return { status: 200, headers: { 'content-type': JSON_11 }, body };
}

/** A string field of the request body, or undefined. */
export function text(body: unknown, name: string): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const value = (body as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}

export function field(body: unknown, name: string): unknown {
  return typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[name] : undefined;
}

/** Missing required members are a ValidationException naming them, as the services answer. */
export function required(body: unknown, names: readonly string[]): EmulatorResponse | undefined {
  const missing = names.filter((name) => text(body, name) === undefined);
  if (missing.length === 0) return undefined;
  return awsError('ValidationException', `1 validation error detected: Value null at '${missing[0]}' failed to satisfy constraint: Member must not be null`);
}

/**
 * One page of a list. `MaxResults` is 1–100 (the reference's valid range); the service may
 * return fewer items than asked while more remain, so only `NextToken` says whether the list
 * goes on. Tokens are opaque; one this emulator did not issue is refused.
 */
export function page<T>(items: readonly T[], body: unknown, pageSize: number): { items: T[]; next?: string } | EmulatorResponse {
  const max = field(body, 'MaxResults');
  if (max !== undefined && (typeof max !== 'number' || !Number.isInteger(max) || max < 1 || max > 100)) {
    return awsError('ValidationException', `1 validation error detected: Value '${String(max)}' at 'maxResults' failed to satisfy constraint: Member must have value between 1 and 100`);
  }
  const token = text(body, 'NextToken');
  let start = 0;
  if (token !== undefined) {
    const decoded = /^p(\d+)$/.exec(Buffer.from(token, 'base64').toString('utf8'));
    if (!decoded) return awsError('ValidationException', 'The pagination token is invalid');
    start = Number(decoded[1]);
  }
  const size = Math.min(typeof max === 'number' ? max : 100, pageSize);
  const slice = items.slice(start, start + size);
  const end = start + slice.length;
  return end < items.length ? { items: slice, next: Buffer.from(`p${end}`).toString('base64') } : { items: slice };
}

export function isAnswer(value: unknown): value is EmulatorResponse {
  return typeof value === 'object' && value !== null && 'status' in value && typeof (value as { status: unknown }).status === 'number';
}
