import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { Router, startEmulator, type Emulator, type Fault } from '../../src/emulators/harness.js';
import { PlatformError } from '../../src/errors.js';
import { createHttpClient, readTransportSettings, retryAfterMs, type HttpAnswer, type TransportSettings } from '../../src/platforms/http.js';
import { onlyLocalNetwork } from './emulator-per-test.js';

const SECRET = 'secretTokenValue0123456789';

let server: Emulator | undefined;

onlyLocalNetwork();
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(faults: Fault[] = []): Promise<Emulator> {
  const router = new Router()
    .route('GET', '/thing', () => ({ status: 200, body: { ok: true } }))
    .route('POST', '/echo', (request) => ({ status: 201, body: { got: request.body, type: request.headers['content-type'] } }))
    .route('GET', '/text', () => ({ status: 200, headers: { 'content-type': 'text/plain' }, body: 'plain words' }));
  server = await startEmulator({ router, rateLimitAnswer: (seconds) => ({ status: 429, headers: { 'retry-after': String(seconds) } }), switches: { faults } });
  return server;
}

function client(options: { throttle?: (answer: HttpAnswer) => number | undefined; maxWaitMs?: number; transport?: TransportSettings } = {}) {
  const waits: number[] = [];
  const http = createHttpClient({
    platform: 'test',
    headers: { authorization: `Bearer ${SECRET}` },
    secrets: [SECRET],
    logger: pino({ level: 'silent' }),
    retry: { retries: 2, baseDelayMs: 10, maxWaitMs: options.maxWaitMs ?? 5000 },
    throttle: options.throttle ?? ((answer) => (answer.status === 429 ? (retryAfterMs(answer.headers) ?? 0) : undefined)),
    sleep: async (ms) => void waits.push(ms),
    transport: options.transport ?? { timeoutMs: 30_000 },
  });
  return { http, waits };
}

describe('retryAfterMs', () => {
  const now = Date.parse('2026-11-23T12:00:00Z');
  it.each([
    ['seconds', { 'retry-after': '2' }, 2000],
    ['zero', { 'retry-after': '0' }, 0],
    ['an HTTP date', { 'retry-after': 'Mon, 23 Nov 2026 12:00:05 GMT' }, 5000],
    ['a date in the past', { 'retry-after': 'Mon, 23 Nov 2026 11:00:00 GMT' }, 0],
    ['garbage', { 'retry-after': 'soon' }, undefined],
    ['no header', {}, undefined],
  ])('reads %s', (_what, headers: Record<string, string>, expected) => {
    expect(retryAfterMs(headers, now)).toBe(expected);
  });
});

describe('createHttpClient', () => {
  it('sends JSON and parses JSON or keeps text', async () => {
    const emulator = await serve();
    const { http } = client();
    const echoed = await http.send('apply', 'POST /echo', { method: 'POST', url: `${emulator.url}/echo`, json: { role: 'VIEWER' } });
    expect(echoed).toMatchObject({ status: 201, body: { got: { role: 'VIEWER' }, type: 'application/json' } });
    expect((await http.send('list', 'GET /text', { method: 'GET', url: `${emulator.url}/text` })).body).toBe('plain words');
    expect(http.calls).toEqual({ reads: 1, writes: 1 });
    expect(emulator.requests.every((request) => request.authorization === `Bearer ${SECRET}`)).toBe(true);
  });

  it('retries 5xx answers with doubling backoff and counts every try', async () => {
    const emulator = await serve([{ path: '/thing', status: 503, times: 2 }]);
    const { http, waits } = client();
    const answer = await http.send('list', 'GET /thing', { method: 'GET', url: `${emulator.url}/thing`, kind: 'read' });
    expect(answer).toMatchObject({ status: 200, body: { ok: true } });
    expect(waits).toEqual([10, 20]);
    expect(http.calls.reads).toBe(3);
  });

  it('hands back the last 5xx answer when retries run out', async () => {
    const emulator = await serve([{ path: '/thing', status: 502, times: 5 }]);
    const { http } = client();
    expect((await http.send('list', 'GET /thing', { method: 'GET', url: `${emulator.url}/thing` })).status).toBe(502);
  });

  it('waits what the platform asks for, and refuses waits beyond the limit', async () => {
    const emulator = await serve([{ path: '/thing', status: 429, headers: { 'retry-after': '3' } }]);
    const { http, waits } = client();
    expect((await http.send('list', 'GET /thing', { method: 'GET', url: `${emulator.url}/thing` })).status).toBe(200);
    expect(waits).toEqual([3000]);

    emulator.switches.faults.push({ path: '/thing', status: 429, headers: { 'retry-after': '60' } });
    const error = await client().http.send('list', 'GET /thing', { method: 'GET', url: `${emulator.url}/thing` }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(PlatformError);
    expect(error).toMatchObject({ retryable: true, status: 429, message: 'test list: GET /thing: rate limited; the platform asks to wait 60 s, longer than Latch waits' });
  });

  it('gives up retryably when the platform stays throttled', async () => {
    const emulator = await serve([{ path: '/thing', status: 429, times: 10 }]);
    const { http, waits } = client();
    await expect(http.send('list', 'GET /thing', { method: 'GET', url: `${emulator.url}/thing` })).rejects.toMatchObject({ retryable: true, message: expect.stringMatching(/still rate limited after 2 retries/) });
    expect(waits).toEqual([10, 20]);
  });

  it('fails retryably, without secrets, when the platform cannot be reached', async () => {
    const emulator = await serve();
    const url = `${emulator.url}/thing?token=${SECRET}`;
    await emulator.close();
    server = undefined;
    const { http, waits } = client();
    const error = await http.send('list', 'GET /thing', { method: 'GET', url }).catch((thrown: unknown) => thrown);
    expect(error).toMatchObject({ retryable: true, message: expect.stringMatching(/^test list: GET \/thing: could not reach the API/) });
    expect(String(error)).not.toContain(SECRET);
    expect(waits).toEqual([10, 20]);
  });
});

describe('readTransportSettings', () => {
  it.each([
    [{}, { timeoutMs: 30_000 }],
    [{ LATCH_HTTP_TIMEOUT_MS: '500' }, { timeoutMs: 500 }],
    [{ LATCH_RETRY_BASE_MS: '0' }, { timeoutMs: 30_000, retryBaseMs: 0 }],
    [{ LATCH_HTTP_TIMEOUT_MS: ' ', LATCH_RETRY_BASE_MS: '' }, { timeoutMs: 30_000 }],
  ])('reads %j', (env: NodeJS.ProcessEnv, expected) => {
    expect(readTransportSettings(env, 'test')).toEqual(expected);
  });

  it.each([
    [{ LATCH_HTTP_TIMEOUT_MS: '0' }, /LATCH_HTTP_TIMEOUT_MS must be a whole number of milliseconds \(at least 1\), got "0"/],
    [{ LATCH_HTTP_TIMEOUT_MS: '2s' }, /LATCH_HTTP_TIMEOUT_MS .* got "2s"/],
    [{ LATCH_RETRY_BASE_MS: '-5' }, /LATCH_RETRY_BASE_MS .* got "-5"/],
  ])('refuses %j with a configuration error', (env: NodeJS.ProcessEnv, message) => {
    expect(() => readTransportSettings(env, 'test')).toThrow(message);
  });
});

describe('timeouts and retry base', () => {
  it('turns a hung answer into "timed out after N s", retried once although more retries are left', async () => {
    const emulator = await serve([{ path: '/thing', status: 200, body: { ok: true }, hangMs: 1500, times: 5 }]);
    const { http, waits } = client({ transport: { timeoutMs: 200 } });
    const error = await http.send('list', 'GET /thing', { method: 'GET', url: `${emulator.url}/thing` }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(PlatformError);
    expect(error).toMatchObject({ retryable: true, message: 'test list: GET /thing: timed out after 0.2 s' });
    expect(waits).toEqual([10]);
    expect(http.calls.reads).toBe(2);
  });

  it('uses the answer of the retry when only the first try hangs', async () => {
    const emulator = await serve([{ path: '/thing', status: 200, body: { ok: true }, hangMs: 1500 }]);
    const { http } = client({ transport: { timeoutMs: 200 } });
    await expect(http.send('list', 'GET /thing', { method: 'GET', url: `${emulator.url}/thing` })).resolves.toMatchObject({ status: 200, body: { ok: true } });
  });

  it('backs off from LATCH_RETRY_BASE_MS when it is set, whatever the platform asked for', async () => {
    const emulator = await serve([{ path: '/thing', status: 503, times: 2 }]);
    const { http, waits } = client({ transport: { timeoutMs: 30_000, retryBaseMs: 3 } });
    await http.send('list', 'GET /thing', { method: 'GET', url: `${emulator.url}/thing` });
    expect(waits).toEqual([3, 6]);
  });

  it('sends a form body form-encoded', async () => {
    const emulator = await serve();
    const { http } = client();
    const echoed = await http.send('apply', 'POST /echo', { method: 'POST', url: `${emulator.url}/echo`, form: { user: '7', tasks: '["ANALYZE"]' } });
    expect(echoed.body).toEqual({ got: { user: '7', tasks: '["ANALYZE"]' }, type: 'application/x-www-form-urlencoded' });
  });
});
