import type { EmulatorResponse } from '../harness.js';

const STATUS_TEXT: Record<number, [string, string]> = {
  400: ['INVALID_ARGUMENT', 'Request contains an invalid argument.'],
  401: ['UNAUTHENTICATED', 'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.'],
  403: ['PERMISSION_DENIED', 'The caller does not have permission'],
  404: ['NOT_FOUND', 'Requested entity was not found.'],
  429: ['RESOURCE_EXHAUSTED', 'Resource has been exhausted (e.g. check quota).'],
};

/**
 * A Google Ads failure as REST answers it: a google.rpc.Status whose details hold one
 * GoogleAdsFailure; `errorCode` names the enum (`accessInvitationError`) and its value.
 */
export function adsError(status: number, enumName: string, code: string, message: string, details?: Record<string, unknown>): EmulatorResponse {
  const [rpcStatus, rpcMessage] = STATUS_TEXT[status] ?? ['UNKNOWN', 'Unknown error.'];
  const error: Record<string, unknown> = { errorCode: { [enumName]: code }, message };
  if (details) error.details = details;
  return {
    status,
    body: {
      error: {
        code: status,
        message: rpcMessage,
        status: rpcStatus,
        details: [{ '@type': 'type.googleapis.com/google.ads.googleads.v26.errors.GoogleAdsFailure', errors: [error], requestId: 'emulated-request' }],
      },
    },
  };
}

export function notFound(what: string): EmulatorResponse {
  return adsError(400, 'mutateError', 'RESOURCE_NOT_FOUND', `The resource was not found: ${what}`);
}

export function noCustomer(): EmulatorResponse {
  return adsError(
    403,
    'authorizationError',
    'USER_PERMISSION_DENIED',
    "User doesn't have permission to access customer. Note: If you're accessing a client customer, the manager's customer id must be set in the 'login-customer-id' header.",
  );
}

/** Throttling: HTTP 429 with the retry delay in the quota error details. */
export function quotaExhausted(retryAfterSeconds: number): EmulatorResponse {
  return adsError(429, 'quotaError', 'RESOURCE_EXHAUSTED', `Too many requests. Retry in ${retryAfterSeconds} seconds.`, {
    quotaErrorDetails: { rateScope: 'ACCOUNT', rateName: 'Number of operations for basic access', retryDelay: `${retryAfterSeconds}s` },
  });
}
