import { describe, expect, it } from 'vitest';
import type { GoogleEmulator } from '../../../src/emulators/google/index.js';
import { TOKEN, emulatorPerTest } from '../../platforms/google/helpers.js';

const start = emulatorPerTest();

async function call(emu: GoogleEmulator, method: string, path: string, body?: unknown, token: string | null = TOKEN) {
  const response = await fetch(`${emu.url}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as unknown) : undefined };
}

describe('google emulator', () => {
  it.each([
    [null, 'required'],
    ['not-the-token', 'authError'],
  ])('answers 401 in Google error shape to token %s', async (token, reason) => {
    const emu = await start();
    const answer = await call(emu, 'GET', '/drive/v3/files/FOLDER1/permissions', undefined, token);
    expect(answer.status).toBe(401);
    expect(answer.body).toMatchObject({ error: { code: 401, status: 'UNAUTHENTICATED', errors: [{ reason, domain: 'global' }] } });
  });

  it('answers Drive lists with id, type and role only unless fields are asked for', async () => {
    const emu = await start();
    const bare = await call(emu, 'GET', '/drive/v3/files/FOLDER1/permissions');
    expect(bare.body).toMatchObject({ kind: 'drive#permissionList', permissions: expect.arrayContaining([{ kind: 'drive#permission', id: expect.any(String), type: 'user', role: 'owner' }]) });
    const full = await call(emu, 'GET', '/drive/v3/files/SHARED1/permissions?fields=*');
    expect(full.body).toMatchObject({
      permissions: expect.arrayContaining([
        expect.objectContaining({ emailAddress: 'lead@acme-agency.com', role: 'organizer', permissionDetails: [{ permissionType: 'file', role: 'organizer', inherited: true, inheritedFrom: '0ADRIVE' }] }),
      ]),
    });
  });

  it('hands out page tokens and refuses made-up ones', async () => {
    const emu = await start();
    const first = await call(emu, 'GET', '/admin/directory/v1/groups/apex-team@acme-agency.com/members?maxResults=2');
    const token = (first.body as { nextPageToken: string }).nextPageToken;
    expect(token).toEqual(expect.any(String));
    const second = await call(emu, 'GET', `/admin/directory/v1/groups/apex-team@acme-agency.com/members?maxResults=2&pageToken=${token}`);
    expect(second.body).toMatchObject({ members: [{ email: 'finn@apexoutdoor.com', role: 'MANAGER', type: 'USER' }] });
    expect(second.body).not.toHaveProperty('nextPageToken');
    const bad = await call(emu, 'GET', '/admin/directory/v1/groups/apex-team@acme-agency.com/members?pageToken=nonsense');
    expect(bad.status).toBe(400);
  });

  it('leaves members out of an empty Directory page', async () => {
    const emu = await start();
    const answer = await call(emu, 'GET', '/admin/directory/v1/groups/empty@acme-agency.com/members');
    expect(answer.body).toEqual({ kind: 'admin#directory#members', etag: expect.any(String) });
  });

  it.each([
    ['POST', '/admin/directory/v1/groups/apex-team@acme-agency.com/members', { email: 'dana@apexoutdoor.com', role: 'MEMBER' }, 409, 'duplicate'],
    ['DELETE', '/admin/directory/v1/groups/apex-team@acme-agency.com/members/nobody@x.com', undefined, 404, 'notFound'],
    ['POST', '/v1alpha/properties/123456789/accessBindings', { user: 'dana@apexoutdoor.com', roles: ['predefinedRoles/viewer'] }, 409, 'alreadyExists'],
    ['POST', '/v1alpha/properties/123456789/accessBindings', { user: 'x@apexoutdoor.com', roles: ['predefinedRoles/owner'] }, 400, 'invalid'],
    ['POST', '/drive/v3/files/FOLDER1/permissions', { type: 'user', role: 'owner', emailAddress: 'x@apexoutdoor.com' }, 403, 'forbidden'],
    ['GET', '/drive/v3/files/NOPE/permissions', undefined, 404, 'notFound'],
    ['GET', '/v1alpha/accounts/9/accessBindings', undefined, 404, 'notFound'],
  ])('%s %s answers %i %s', async (method, path, body, status, reason) => {
    const emu = await start();
    const answer = await call(emu, method, path, body);
    expect(answer.status).toBe(status);
    expect(answer.body).toMatchObject({ error: { code: status, errors: [{ reason }] } });
  });

  it('answers rate limiting with 429 and Retry-After', async () => {
    const emu = await start({ switches: { rateLimit: { every: 1, retryAfterSeconds: 7 } } });
    const answer = await call(emu, 'GET', '/v1alpha/properties/333/accessBindings');
    expect(answer.status).toBe(429);
    expect(answer.headers.get('retry-after')).toBe('7');
    expect(answer.body).toMatchObject({ error: { status: 'RESOURCE_EXHAUSTED', errors: [{ reason: 'rateLimitExceeded', domain: 'usageLimits' }] } });
  });

  it('deletes a GA4 binding patched to no roles, as the API documents', async () => {
    const emu = await start();
    const list = await call(emu, 'GET', '/v1alpha/properties/333/accessBindings');
    const name = (list.body as { accessBindings: Array<{ name: string }> }).accessBindings[0]?.name;
    await call(emu, 'PATCH', `/v1alpha/${name}`, { roles: [] });
    expect(emu.snapshot().ga4?.['333']?.bindings).toEqual([]);
  });

  it('shows sharing done by hand, link sharing included, and round-trips its state as a seed', async () => {
    const emu = await start();
    emu.shareByHand('EMPTY1', 'Stranger@gmail.com', 'writer');
    emu.shareByHand('EMPTY1', 'anyone', 'reader');
    expect(emu.snapshot().drive?.EMPTY1).toEqual([
      { email: 'stranger@gmail.com', role: 'writer' },
      { email: 'anyone', role: 'reader' },
    ]);
    expect(() => emu.shareByHand('EMPTY1', 'x@y.com', 'boss')).toThrow('is not a Drive role');
    const copy = await start({ seed: emu.snapshot() });
    expect(copy.snapshot()).toEqual(emu.snapshot());
  });

  it('gives one person the same permission id on every file, as Drive does', async () => {
    const emu = await start();
    const ids = await Promise.all(
      ['FOLDER1', 'SHARED1'].map(async (file) => {
        const answer = await call(emu, 'GET', `/drive/v3/files/${file}/permissions?fields=*`);
        return (answer.body as { permissions: Array<{ id: string; emailAddress?: string }> }).permissions.find((p) => p.emailAddress === 'dana@apexoutdoor.com')?.id;
      }),
    );
    expect(ids[0]).toBeDefined();
    expect(ids[0]).toBe(ids[1]);
  });
});
