import { describe, expect, it } from 'vitest';
import { PlatformError } from '../../../src/errors.js';
import type { GoogleEmulator } from '../../../src/emulators/google/index.js';
import { TOKEN, adapter, emulatorPerTest, grant, recordedSleep, rejection, resource, revoke, transcript, update } from './helpers.js';

const start = emulatorPerTest();

const folder = (ref: string) => resource('drive-folder', ref);

function driveOf(emu: GoogleEmulator, fileId: string) {
  return emu.snapshot().drive?.[fileId] ?? [];
}

describe('drive list', () => {
  it('reads every kind of permission of a My Drive folder in one call, then where the folder lives', async () => {
    const emu = await start();
    const drive = adapter(emu);
    const grants = await drive.list(folder('FOLDER1'));
    expect(grants.map(({ principal, level, owner }) => ({ principal, level, owner }))).toEqual([
      { principal: 'anyone', level: 'reader', owner: undefined },
      { principal: 'dana@apexoutdoor.com', level: 'writer', owner: undefined },
      { principal: 'domain:apexoutdoor.com', level: 'reader', owner: undefined },
      { principal: 'finn@apexoutdoor.com', level: 'reader', owner: undefined },
      { principal: 'maria@acme-agency.com', level: 'organizer', owner: true },
      { principal: 'team@apexoutdoor.com', level: 'commenter', owner: undefined },
    ]);
    expect(grants.every((g) => typeof g.handle === 'string' && g.handle.length > 0)).toBe(true);
    expect(drive.calls).toEqual({ reads: 2, writes: 0 });
    expect(transcript(emu)).toEqual(['GET /drive/v3/files/FOLDER1/permissions', 'GET /drive/v3/files/FOLDER1']);
    expect(Object.fromEntries(new URLSearchParams(emu.requests[1]?.query))).toEqual({ supportsAllDrives: 'true', fields: 'id,driveId' });
    const query = new URLSearchParams(emu.requests[0]?.query);
    expect(Object.fromEntries(query)).toEqual({
      supportsAllDrives: 'true',
      pageSize: '100',
      fields: 'nextPageToken,permissions(id,type,role,emailAddress,domain,permissionDetails,deleted)',
    });
  });

  it('reports inherited access of a shared-drive folder apart from what is set on the folder', async () => {
    const emu = await start();
    const grants = await adapter(emu).list(folder('SHARED1'));
    expect(grants).toEqual([
      { principal: 'dana@apexoutdoor.com', level: 'reader', handle: expect.any(String) },
      { principal: 'dana@apexoutdoor.com', level: 'writer', inheritedFrom: '0ADRIVE' },
      { principal: 'lead@acme-agency.com', level: 'organizer', inheritedFrom: '0ADRIVE' },
      // A content manager (fileOrganizer) reads as organizer: never less than they can do.
      { principal: 'ops@acme-agency.com', level: 'organizer', handle: expect.any(String) },
    ]);
  });

  it('reads every page when Drive answers in small pages', async () => {
    const emu = await start({ maxPageSize: 2 });
    const drive = adapter(emu);
    const grants = await drive.list(folder('FOLDER1'));
    expect(grants).toHaveLength(6);
    expect(drive.calls.reads).toBe(4);
    expect(emu.requests.map((r) => new URLSearchParams(r.query).has('pageToken'))).toEqual([false, true, true, false]);
  });

  it('lists a folder shared with nobody as empty', async () => {
    const emu = await start();
    await expect(adapter(emu).list(folder('EMPTY1'))).resolves.toEqual([]);
  });

  it('fails on an unknown folder, naming it', async () => {
    const emu = await start();
    const error = await rejection(adapter(emu).list(folder('NOPE')));
    expect(error).toBeInstanceOf(PlatformError);
    expect(error).toMatchObject({ platform: 'google', operation: 'list', status: 404, retryable: false });
    expect(error.message).toContain('drive/v3/files/NOPE/permissions');
    expect(error.message).toContain('File not found: NOPE.');
  });

  it('fails the whole list when a later page fails: never a partial list', async () => {
    const emu = await start({ maxPageSize: 2 });
    emu.switches.faults.push({ method: 'GET', path: '/drive/v3/files/FOLDER1/permissions', status: 500, after: 1, times: 10 });
    const error = await rejection(adapter(emu, { retries: 2 }).list(folder('FOLDER1')));
    expect(error).toMatchObject({ status: 500, retryable: true });
    expect(error.message).toContain('after 2 retries');
    expect(emu.requests.map((r) => r.status)).toEqual([200, 500, 500, 500]);
  });

  it('waits what Retry-After asks when rate limited, then goes on', async () => {
    const emu = await start({ switches: { rateLimit: { every: 3, retryAfterSeconds: 1 } } });
    const { waits, sleep } = recordedSleep();
    const drive = adapter(emu, { sleep });
    await drive.list(folder('EMPTY1'));
    await expect(drive.list(folder('FOLDER1'))).resolves.toHaveLength(6);
    expect(waits).toEqual([1000]);
    expect(emu.requests.map((r) => r.status)).toEqual([200, 200, 429, 200, 200]);
    expect(drive.calls.reads).toBe(5);
  });

  it('really waits a short Retry-After', async () => {
    const emu = await start({ switches: { rateLimit: { every: 1, retryAfterSeconds: 1 } } });
    const drive = adapter(emu, { retries: 1 });
    const started = Date.now();
    const error = await rejection(drive.list(folder('FOLDER1')));
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(error).toMatchObject({ status: 429, retryable: true });
  });

  it.each([
    ['userRateLimitExceeded', true],
    ['rateLimitExceeded', true],
    ['sharingRateLimitExceeded', true],
    ['dailyLimitExceeded', true],
    ['insufficientFilePermissions', false],
  ])('retries a 403 %s only when it is a rate limit', async (reason, retried) => {
    const emu = await start();
    const body = { error: { code: 403, message: 'no', errors: [{ reason, domain: 'usageLimits', message: 'no' }] } };
    emu.switches.faults.push({ path: '/drive/v3/files/FOLDER1/permissions', status: 403, body });
    const drive = adapter(emu);
    const outcome = drive.list(folder('FOLDER1'));
    if (retried) await expect(outcome).resolves.toHaveLength(6);
    else await expect(outcome).rejects.toMatchObject({ status: 403, retryable: false });
    expect(drive.calls.reads).toBe(retried ? 3 : 1);
  });

  it('backs off from LATCH_RETRY_BASE_MS like the other platforms', async () => {
    const emu = await start();
    emu.switches.faults.push({ path: '/drive/v3/files/FOLDER1/permissions', status: 503, times: 2 });
    const { waits, sleep } = recordedSleep();
    await expect(adapter(emu, { sleep }, { LATCH_RETRY_BASE_MS: '7' }).list(folder('FOLDER1'))).resolves.toHaveLength(6);
    expect(waits).toEqual([7, 14]);
  });

  it('refuses a reference that is not a Drive id before any call', async () => {
    const emu = await start();
    await expect(adapter(emu).list(folder('../etc'))).rejects.toThrow('is not a Drive file or folder id');
    expect(emu.requests).toHaveLength(0);
  });
});

describe('drive apply', () => {
  it('shares with a person, e-mailing them by default', async () => {
    const emu = await start();
    const drive = adapter(emu);
    await expect(drive.apply(grant('drive-folder', 'EMPTY1', 'newbie@apexoutdoor.com', 'commenter'))).resolves.toMatchObject({ status: 'applied' });
    expect(driveOf(emu, 'EMPTY1')).toEqual([{ email: 'newbie@apexoutdoor.com', role: 'commenter' }]);
    expect(new URLSearchParams(emu.requests[0]?.query).get('sendNotificationEmail')).toBe('true');
    expect(drive.calls).toEqual({ reads: 0, writes: 1 });
  });

  it('shares silently when LATCH_DRIVE_NOTIFY=false', async () => {
    const emu = await start();
    await adapter(emu, {}, { LATCH_DRIVE_NOTIFY: 'false' }).apply(grant('drive-folder', 'EMPTY1', 'newbie@apexoutdoor.com', 'reader'));
    expect(new URLSearchParams(emu.requests[0]?.query).get('sendNotificationEmail')).toBe('false');
  });

  it('changes a role through the permission id the listing handed over', async () => {
    const emu = await start();
    const drive = adapter(emu);
    const finn = (await drive.list(folder('FOLDER1'))).find((g) => g.principal === 'finn@apexoutdoor.com');
    await expect(drive.apply(update('drive-folder', 'FOLDER1', 'finn@apexoutdoor.com', 'reader', 'writer', finn?.handle))).resolves.toEqual({ status: 'applied' });
    expect(driveOf(emu, 'FOLDER1')).toContainEqual({ email: 'finn@apexoutdoor.com', role: 'writer' });
    expect(transcript(emu).at(-1)).toBe(`PATCH /drive/v3/files/FOLDER1/permissions/${finn?.handle}`);
  });

  it('shares again when the permission was removed by hand since the plan', async () => {
    const emu = await start();
    const drive = adapter(emu);
    await expect(drive.apply(update('drive-folder', 'EMPTY1', 'gone@apexoutdoor.com', 'reader', 'writer', '00000000000000009999'))).resolves.toMatchObject({ status: 'applied' });
    expect(driveOf(emu, 'EMPTY1')).toEqual([{ email: 'gone@apexoutdoor.com', role: 'writer' }]);
  });

  it('unshares by permission id, and calls a second removal unchanged', async () => {
    const emu = await start();
    const drive = adapter(emu);
    const dana = (await drive.list(folder('FOLDER1'))).find((g) => g.principal === 'dana@apexoutdoor.com');
    const change = revoke('drive-folder', 'FOLDER1', 'dana@apexoutdoor.com', 'writer', dana?.handle);
    await expect(drive.apply(change)).resolves.toEqual({ status: 'applied' });
    await expect(drive.apply(change)).resolves.toMatchObject({ status: 'unchanged' });
    expect(driveOf(emu, 'FOLDER1').map((p) => p.email)).not.toContain('dana@apexoutdoor.com');
  });

  it('finds the permission by listing when a change carries no id, link sharing included', async () => {
    const emu = await start();
    const drive = adapter(emu);
    await expect(drive.apply(revoke('drive-folder', 'FOLDER1', 'anyone', 'reader'))).resolves.toEqual({ status: 'applied' });
    await expect(drive.apply(revoke('drive-folder', 'FOLDER1', 'nobody@apexoutdoor.com', 'reader'))).resolves.toMatchObject({ status: 'unchanged' });
    expect(transcript(emu)).toEqual([
      'GET /drive/v3/files/FOLDER1/permissions',
      'DELETE /drive/v3/files/FOLDER1/permissions/anyoneWithLink',
      'GET /drive/v3/files/FOLDER1/permissions',
    ]);
  });

  it('never shares with something that is not an e-mail', async () => {
    const emu = await start();
    await expect(adapter(emu).apply(grant('drive-folder', 'EMPTY1', 'domain:apexoutdoor.com', 'reader'))).rejects.toThrow('is not one');
    expect(emu.requests).toHaveLength(0);
  });

  it('passes on what Drive refuses, such as removing the owner', async () => {
    const emu = await start();
    const drive = adapter(emu);
    const maria = (await drive.list(folder('FOLDER1'))).find((g) => g.owner);
    const error = await rejection(drive.apply(revoke('drive-folder', 'FOLDER1', 'maria@acme-agency.com', 'organizer', maria?.handle)));
    expect(error).toMatchObject({ operation: 'revoke', status: 403, retryable: false });
    expect(error.message).toContain('The owner of a file cannot be removed.');
  });

  it('sends the writes to one folder one at a time', async () => {
    const emu = await start({ switches: { latencyMs: 30 } });
    const drive = adapter(emu);
    const people = ['a', 'b', 'c', 'd'].map((name) => `${name}@apexoutdoor.com`);
    const started = Date.now();
    await Promise.all(people.map((email) => drive.apply(grant('drive-folder', 'EMPTY1', email, 'reader'))));
    // Four writes in a row take at least four latencies; side by side they would take about one.
    expect(Date.now() - started).toBeGreaterThanOrEqual(4 * 30 - 5);
    expect(driveOf(emu, 'EMPTY1').map((p) => p.email)).toEqual(people);
  });
});

describe('drive roles per drive type', () => {
  it('shares a shared-drive folder with an organizer after finding where it lives', async () => {
    const emu = await start();
    await expect(adapter(emu).apply(grant('drive-folder', 'SHARED1', 'new@acme-agency.com', 'organizer'))).resolves.toMatchObject({ status: 'applied' });
    expect(transcript(emu)).toEqual(['GET /drive/v3/files/SHARED1', 'POST /drive/v3/files/SHARED1/permissions']);
    expect(driveOf(emu, 'SHARED1')).toContainEqual({ email: 'new@acme-agency.com', role: 'organizer' });
  });

  it('refuses organizer on a My Drive folder before asking Drive, saying why', async () => {
    const emu = await start();
    const error = await rejection(adapter(emu).apply(grant('drive-folder', 'FOLDER1', 'new@acme-agency.com', 'organizer')));
    expect(error).toBeInstanceOf(PlatformError);
    expect(error.message).toContain('Drive has organizer only on shared drives and this folder is in a My Drive');
    expect(transcript(emu)).toEqual(['GET /drive/v3/files/FOLDER1']);
  });

  it('tells the plan, from the listing, that organizer cannot be given on a My Drive folder', async () => {
    const emu = await start();
    const drive = adapter(emu);
    await drive.list(folder('FOLDER1'));
    await drive.list(folder('SHARED1'));
    expect(drive.refuse?.(grant('drive-folder', 'FOLDER1', 'new@acme-agency.com', 'organizer'))).toContain('only on shared drives');
    expect(drive.refuse?.(update('drive-folder', 'FOLDER1', 'dana@apexoutdoor.com', 'writer', 'organizer'))).toContain('only on shared drives');
    expect(drive.refuse?.(grant('drive-folder', 'FOLDER1', 'new@acme-agency.com', 'writer'))).toBeUndefined();
    expect(drive.refuse?.(grant('drive-folder', 'SHARED1', 'new@acme-agency.com', 'organizer'))).toBeUndefined();
    expect(drive.refuse?.(revoke('drive-folder', 'FOLDER1', 'dana@apexoutdoor.com', 'writer'))).toBeUndefined();
  });

  it.each(['organizer', 'fileOrganizer'])('the emulator refuses %s on a My Drive folder as Drive does', async (role) => {
    const emu = await start();
    const response = await fetch(`${emu.url}/drive/v3/files/FOLDER1/permissions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'user', role, emailAddress: 'new@acme-agency.com' }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { errors: [{ reason: 'invalidSharingRequest' }] } });
  });

  it('the emulator finds a shared-drive item only with supportsAllDrives, and names its drive', async () => {
    const emu = await start();
    const get = (query: string) => fetch(`${emu.url}/drive/v3/files/SHARED1${query}`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect((await get('')).status).toBe(404);
    expect(await (await get('?supportsAllDrives=true')).json()).toMatchObject({ id: 'SHARED1', driveId: '0ADRIVE' });
  });
});
