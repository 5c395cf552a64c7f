import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { PlatformError } from '../../src/errors.js';
import { withRetries, type Judge, type RetryPolicy } from '../../src/platforms/retry.js';

/** What the platform does on one try: answers, throttles (asking for a wait or not), fails with a 5xx, hangs, or refuses. */
type Step = 'ok' | 'throttled' | `throttled ${number}` | '503' | 'hang' | 'refused';

const POLICY: RetryPolicy = { retries: 3, baseDelayMs: 10, maxWaitMs: 5000 };

function failWith(message: string): never {
  throw new PlatformError('test', 'list', message, { retryable: true });
}

/** A platform's vocabulary in miniature: a 503 that stays is handed back, everything else ends in an error. */
const judge: Judge<string> = (outcome) => {
  if (!outcome.ok) {
    if (outcome.error instanceof Error && outcome.error.message === 'hang') return { reason: 'timeout', giveUp: () => failWith('timed out') };
    return undefined;
  }
  const step = outcome.value;
  if (step === '503') return { reason: 'transient', status: 503, giveUp: () => step };
  if (!step.startsWith('throttled')) return undefined;
  const waitMs = step === 'throttled' ? undefined : Number(step.split(' ')[1]);
  return { reason: 'throttled', waitMs, status: 429, giveUp: ({ retries, tooLong }) => failWith(tooLong ? `asks to wait ${waitMs} ms` : `still throttled after ${retries} retries`) };
};

async function run(steps: readonly Step[], policy: Partial<RetryPolicy> = {}) {
  const waits: number[] = [];
  let tries = 0;
  const attempt = async (): Promise<string> => {
    const step = steps[Math.min(tries, steps.length - 1)] ?? 'ok';
    tries += 1;
    if (step === 'hang' || step === 'refused') throw new Error(step);
    return step;
  };
  const options = { policy: { ...POLICY, ...policy }, logger: pino({ level: 'silent' }), call: { platform: 'test', what: 'GET /thing' }, sleep: async (ms: number) => void waits.push(ms) };
  const result = await withRetries(attempt, judge, options).then((value) => ({ value }), (error: unknown) => ({ error: error instanceof Error ? error.message : String(error) }));
  return { result, tries, waits };
}

describe('withRetries', () => {
  it.each<[string, Step[], Partial<RetryPolicy>, { value: string } | { error: string }, number, number[]]>([
    ['returns a first answer without waiting', ['ok'], {}, { value: 'ok' }, 1, []],
    ['waits what a throttled platform asks, then returns', ['throttled 3000', 'ok'], {}, { value: 'ok' }, 2, [3000]],
    ['backs off when a throttled platform names no wait', ['throttled', 'throttled 0', 'ok'], {}, { value: 'ok' }, 3, [10, 20]],
    ['fails retryably at once when the asked wait is beyond the maximum', ['throttled 60000'], {}, { error: 'test list: asks to wait 60000 ms' }, 1, []],
    ['fails retryably when the platform stays throttled, naming the retries', ['throttled'], {}, { error: 'test list: still throttled after 3 retries' }, 4, [10, 20, 40]],
    ['retries a 5xx with doubling backoff, then hands back the last answer', ['503'], {}, { value: '503' }, 4, [10, 20, 40]],
    ['recovers from a 5xx', ['503', '503', 'ok'], {}, { value: 'ok' }, 3, [10, 20]],
    ['retries a 5xx only as often as transientRetries allows', ['503'], { transientRetries: 2 }, { value: '503' }, 3, [10, 20]],
    ['retries a timeout once although more retries are left', ['hang'], {}, { error: 'test list: timed out' }, 2, [10]],
    ['uses the answer after one timeout', ['hang', 'ok'], {}, { value: 'ok' }, 2, [10]],
    ['retries timeouts as often as timeoutRetries allows', ['hang'], { timeoutRetries: 2 }, { error: 'test list: timed out' }, 3, [10, 20]],
    ['never retries an error the platform calls final', ['refused', 'ok'], {}, { error: 'refused' }, 1, []],
    ['bounds the tries of a call whatever their reasons', ['throttled', '503', 'hang', '503', 'ok'], {}, { value: '503' }, 4, [10, 20, 40]],
    ['tries once when no retries are allowed', ['503'], { retries: 0 }, { value: '503' }, 1, []],
  ])('%s', async (_name, steps, policy, result, tries, waits) => {
    await expect(run(steps, policy)).resolves.toEqual({ result, tries, waits });
  });

  it('logs each retry at debug with a static message and metadata: quiet by default, shown with --verbose', async () => {
    const logged = async (level: string): Promise<unknown[]> => {
      const lines: string[] = [];
      const sink = new Writable({
        write(chunk: Buffer, _encoding, done) {
          lines.push(chunk.toString());
          done();
        },
      });
      const options = { policy: POLICY, logger: pino({ level }, sink), call: { platform: 'test', what: 'GET /thing' }, sleep: async () => undefined };
      let tries = 0;
      expect(await withRetries(async () => (tries++ === 0 ? 'throttled 1500' : 'ok'), judge, options)).toBe('ok');
      return lines.map((line) => JSON.parse(line) as unknown);
    };
    expect(await logged('warn')).toEqual([]);
    expect(await logged('debug')).toEqual([
      expect.objectContaining({ level: 20, msg: 'platform call retrying', platform: 'test', what: 'GET /thing', reason: 'throttled', status: 429, retry: 1, waitMs: 1500 }),
    ]);
  });

  it('really waits when no sleep is given', async () => {
    let tries = 0;
    const started = performance.now();
    const options = { policy: POLICY, logger: pino({ level: 'silent' }), call: { platform: 'test', what: 'GET /thing' } };
    await expect(withRetries(async () => (tries++ === 0 ? 'throttled 50' : 'ok'), judge, options)).resolves.toBe('ok');
    expect(performance.now() - started).toBeGreaterThanOrEqual(45);
  });
});
