import { describe, expect, it } from 'vitest';
import type { GoogleEmulator } from '../../../src/emulators/google/index.js';
import { boundaryOf, decodeBatch, encodeBatch } from '../../../src/platforms/google/multipart.js';
import { TOKEN, emulatorPerTest } from './helpers.js';

const start = emulatorPerTest();

/** A batch as Drive's guide shows it: full URLs, no HTTP version, a blank line after the part headers, a JSON body. */
const GUIDE_STYLE = (base: string) =>
  [
    '--END_OF_PART',
    'Content-Type: application/http',
    'content-id: 1',
    'content-transfer-encoding: binary',
    '',
    '',
    `GET ${base}/drive/v3/files/FOLDER1/permissions?fields=permissions(id,role)`,
    '',
    '',
    '--END_OF_PART',
    'Content-Type: application/http',
    'content-id: 2',
    'content-transfer-encoding: binary',
    '',
    '',
    `POST ${base}/drive/v3/files/EMPTY1/permissions?fields=id`,
    'Content-Type: application/json; charset=UTF-8',
    '',
    '{"emailAddress":"new@apexoutdoor.com","role":"reader","type":"user"}',
    '--END_OF_PART--',
    '',
  ].join('\r\n');

async function post(emu: GoogleEmulator, body: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${emu.url}/batch/drive/v3`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'multipart/mixed; boundary=END_OF_PART', ...headers },
    body,
  });
  const text = await response.text();
  const boundary = boundaryOf(response.headers.get('content-type') ?? undefined);
  return { status: response.status, text, parts: boundary ? decodeBatch(text, boundary) : undefined };
}

describe('the Google emulator’s Drive batch endpoint', () => {
  it('answers each part in order, as response-<Content-ID>, applying the outer credential to every part', async () => {
    const emu = await start();
    const { status, parts, text } = await post(emu, GUIDE_STYLE(emu.url));

    expect(status).toBe(200);
    expect([...(parts?.keys() ?? [])]).toEqual(['1', '2']);
    expect(text.indexOf('Content-ID: response-1')).toBeLessThan(text.indexOf('Content-ID: response-2'));
    expect(parts?.get('1')).toMatchObject({ status: 200, body: { permissions: expect.arrayContaining([expect.objectContaining({ role: 'owner' })]) } });
    expect(parts?.get('2')).toMatchObject({ status: 200, body: { id: expect.any(String) } });
    expect(emu.snapshot().drive?.EMPTY1).toEqual([{ email: 'new@apexoutdoor.com', role: 'reader' }]);
    // One HTTP request; two calls against the quota.
    expect(emu.requests.map((request) => request.path)).toEqual(['/batch/drive/v3']);
    expect(emu.batched.map((call) => `${call.method} ${call.path} ${call.status}`)).toEqual(['GET /drive/v3/files/FOLDER1/permissions 200', 'POST /drive/v3/files/EMPTY1/permissions 200']);
  });

  it('answers a failing part with its own error, and the others as usual', async () => {
    const emu = await start();
    emu.switches.faults.push({ path: '/drive/v3/files/FOLDER1/permissions', status: 429, headers: { 'retry-after': '3' }, body: { error: { code: 429, message: 'Rate Limit Exceeded', errors: [{ reason: 'rateLimitExceeded' }] } } });
    const body = encodeBatch('b', [
      { id: 'a', path: '/drive/v3/files/FOLDER1/permissions' },
      { id: 'b', path: '/drive/v3/files/NOPE/permissions' },
      { id: 'c', path: '/drive/v3/files/EMPTY1/permissions' },
    ]);
    const { parts } = await post(emu, body, { 'content-type': 'multipart/mixed; boundary=b' });

    expect(parts?.get('a')).toMatchObject({ status: 429, headers: { 'retry-after': '3' }, body: { error: { errors: [{ reason: 'rateLimitExceeded' }] } } });
    expect(parts?.get('b')).toMatchObject({ status: 404, body: { error: { errors: [{ reason: 'notFound' }] } } });
    expect(parts?.get('c')).toMatchObject({ status: 200, body: { permissions: [] } });
  });

  it('checks each part’s scopes like a request of its own', async () => {
    const emu = await start({ scopes: ['https://www.googleapis.com/auth/drive.readonly'] });
    const { parts } = await post(emu, GUIDE_STYLE(emu.url));
    expect(parts?.get('1')?.status).toBe(200);
    expect(parts?.get('2')).toMatchObject({ status: 403, body: { error: { errors: [{ reason: 'insufficientPermissions' }] } } });
  });

  it('answers calls past the 100th with Drive’s soft-limit error', async () => {
    const emu = await start();
    const calls = Array.from({ length: 101 }, (_, index) => ({ id: `c${index}`, path: '/drive/v3/files/EMPTY1' }));
    const { parts } = await post(emu, encodeBatch('b', calls), { 'content-type': 'multipart/mixed; boundary=b' });

    expect(parts?.get('c99')?.status).toBe(200);
    expect(parts?.get('c100')).toMatchObject({ status: 403, body: { error: { message: 'Exceeds allowed inner batch requests soft limit. Please retry.', errors: [{ reason: 'forbidden' }] } } });
  });

  it('refuses a body that is not a multipart batch, and calls to another API', async () => {
    const emu = await start();
    expect((await post(emu, '{}', { 'content-type': 'application/json' })).status).toBe(400);
    const { parts } = await post(emu, encodeBatch('b', [{ id: 'x', path: '/admin/directory/v1/groups/g@x.com/members' }]), { 'content-type': 'multipart/mixed; boundary=b' });
    expect(parts?.get('x')?.status).toBe(400);
  });

  it('refuses the whole batch without the credential', async () => {
    const emu = await start();
    const response = await fetch(`${emu.url}/batch/drive/v3`, { method: 'POST', headers: { 'content-type': 'multipart/mixed; boundary=END_OF_PART' }, body: GUIDE_STYLE(emu.url) });
    expect(response.status).toBe(401);
    expect(emu.batched).toHaveLength(0);
  });
});

describe('reading a batch answer', () => {
  const answer = ['--z', 'Content-Type: application/http', 'Content-ID: <response-p+1>', '', 'HTTP/1.1 200 OK', 'Content-Type: application/json', '', '{"id":"1"}', ''].join('\r\n');

  it('takes the request id out of a bracketed Content-ID', () => {
    expect(decodeBatch(`${answer}--z--\r\n`, 'z')?.get('p+1')).toEqual({ status: 200, headers: { 'content-type': 'application/json' }, body: { id: '1' } });
  });

  it('reads nothing from an answer cut off before its closing delimiter', () => {
    expect(decodeBatch(answer, 'z')).toBeUndefined();
  });
});
