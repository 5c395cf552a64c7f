import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { z } from 'zod';
import { PlatformError } from '../../errors.js';
import { retryAfterMs } from '../http.js';
import { failed, googleCall, type CallSpec } from './call.js';
import type { GoogleApi } from './client.js';
import { failureOfBody, headerOf, isRateLimited, toPlatformError, worthRetrying, type GoogleFailure } from './failure.js';
import { PLATFORM } from './levels.js';
import { boundaryOf, decodeBatch, encodeBatch, type InnerAnswer, type InnerRequest } from './multipart.js';

/** Drive's "Batch requests" guide: at most 100 calls in one batch. */
export const MAX_BATCH_PARTS = 100;

/** One GET of a batch, and how errors name it. */
export interface BatchCall extends InnerRequest {
  /** `GET drive/v3/files/1AbC/permissions`, as a single call's errors name it. */
  what: string;
}

/** Each call's answer (2xx), or the error it ended with. */
export type BatchOutcome = Map<string, InnerAnswer | PlatformError>;

const BatchAnswer = z.object({ contentType: z.string(), text: z.string() });
const SPEC: CallSpec = { operation: 'list', what: 'POST batch/drive/v3', method: 'POST', readOnly: true };
const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The request body as a stream that may fail quietly: on a timeout, node-fetch destroys a body
 * it has not sent yet with an error, and an error no one listens to would end the process
 * instead of failing the call.
 */
function quietBody(text: string): Readable {
  const body = Readable.from([text]);
  body.on('error', () => undefined);
  return body;
}

/**
 * One batch over HTTP, retried as a whole like any call when the batch itself fails (429,
 * 5xx, no answer). An answer that is not a complete multipart batch fails every call in it.
 */
async function sendOnce(api: GoogleApi, calls: readonly BatchCall[]): Promise<Map<string, InnerAnswer>> {
  const boundary = `batch_${randomBytes(12).toString('hex')}`;
  const answer = await googleCall(api, SPEC, BatchAnswer, async () => {
    const response = await api.credential.request<string>({
      url: api.driveBatchUrl,
      method: 'POST',
      headers: { 'content-type': `multipart/mixed; boundary=${boundary}` },
      data: quietBody(encodeBatch(boundary, calls)),
      responseType: 'text',
      timeout: api.timeoutMs,
      retry: false,
    });
    return { data: { contentType: headerOf(response.headers, 'content-type') ?? '', text: typeof response.data === 'string' ? response.data : '' } };
  });
  const answerBoundary = boundaryOf(answer.contentType);
  const parts = answerBoundary === undefined ? undefined : decodeBatch(answer.text, answerBoundary);
  if (!parts) {
    const what = answerBoundary === undefined ? `not a batch answer (${answer.contentType || 'no content type'})` : 'a batch answer cut off before its end';
    throw new PlatformError(PLATFORM, SPEC.operation, `${SPEC.what}: answered with ${what}`, { retryable: true });
  }
  return parts;
}

function failureOfPart(answer: InnerAnswer): GoogleFailure {
  const fromBody = failureOfBody(answer.status, answer.body);
  return {
    status: answer.status,
    reason: fromBody?.reason,
    code: fromBody?.code,
    message: fromBody?.message ?? `HTTP ${answer.status}`,
    waitMs: retryAfterMs(answer.headers),
    timedOut: false,
  };
}

/**
 * Sends GETs in one batch and answers each on its own: Drive counts every call of a batch
 * against its quota, so one call may be throttled (429 `rateLimitExceeded`) or fail while the
 * others succeed. Throttled and 5xx calls are sent again together in a smaller batch after
 * the longest Retry-After they carry (else the backoff), as often as the retry policy allows;
 * every other failure, and a call the answer leaves out, ends that call alone. Throws only
 * when the batch as a whole fails, which fails every call in it.
 */
export async function sendBatch(api: GoogleApi, calls: readonly BatchCall[]): Promise<BatchOutcome> {
  if (calls.length > MAX_BATCH_PARTS) throw new PlatformError(PLATFORM, SPEC.operation, `${SPEC.what}: ${calls.length} calls, more than Drive takes in one batch`);
  const outcome: BatchOutcome = new Map();
  let pending = [...calls];
  for (let retries = 0; pending.length > 0; retries += 1) {
    const answers = await sendOnce(api, pending);
    const again: BatchCall[] = [];
    let waitMs = 0;
    let throttled = false;
    for (const call of pending) {
      const spec: CallSpec = { operation: SPEC.operation, what: call.what, method: 'GET' };
      const answer = answers.get(call.id);
      if (!answer) {
        outcome.set(call.id, new PlatformError(PLATFORM, spec.operation, `${call.what}: the batch answer has no part for this call`, { retryable: true }));
        continue;
      }
      if (answer.status >= 200 && answer.status < 300) {
        outcome.set(call.id, answer);
        continue;
      }
      const failure = failureOfPart(answer);
      const tooLong = (failure.waitMs ?? 0) > api.retry.maxWaitMs;
      if (!worthRetrying(failure) || tooLong || retries >= api.retry.retries) {
        outcome.set(call.id, worthRetrying(failure) ? failed(api, spec, failure, { retries, tooLong }) : toPlatformError(api.secrets, spec, failure));
        continue;
      }
      again.push(call);
      waitMs = Math.max(waitMs, failure.waitMs ?? 0);
      throttled ||= isRateLimited(failure);
    }
    if (again.length === 0) break;
    const wait = waitMs || api.retry.baseDelayMs * 2 ** retries;
    api.logger.warn({ platform: PLATFORM, what: SPEC.what, reason: throttled ? 'throttled' : 'transient', calls: again.length, retry: retries + 1, waitMs: wait }, 'platform call retrying');
    await (api.sleep ?? realSleep)(wait);
    pending = again;
  }
  return outcome;
}
