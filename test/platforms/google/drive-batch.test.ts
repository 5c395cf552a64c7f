import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { GoogleEmulator, GoogleSeed } from '../../../src/emulators/google/index.js';
import type { ManagedResource } from '../../../src/model/grants.js';
import type { AdapterFactory } from '../../../src/platforms/adapter.js';
import { googleFactory } from '../../../src/platforms/google/index.js';
import { AdapterSet } from '../../../src/platforms/registry.js';
import { readActual } from '../../../src/read/read.js';
import { adapter, context, emulatorPerTest, recordedSleep, resource } from './helpers.js';

const start = emulatorPerTest();

const folder = (ref: string) => resource('drive-folder', ref);

/** `count` folders `F0`, `F1`, … each shared with two people, the odd ones in a shared drive. */
function manyFolders(count: number): GoogleSeed {
  const drive: NonNullable<GoogleSeed['drive']> = {};
  const sharedDrives: Record<string, string> = {};
  for (let index = 0; index < count; index += 1) {
    drive[`F${index}`] = [
      { email: `owner${index}@acme-agency.com`, role: index % 2 === 0 ? 'owner' : 'organizer' },
      { email: `client${index}@apexoutdoor.com`, role: 'writer' },
    ];
    if (index % 2 === 1) sharedDrives[`F${index}`] = '0ADRIVE';
  }
  return { drive, sharedDrives };
}

/** What the run does: prepare once, then list every resource, four at a time. */
async function readAll(emu: GoogleEmulator, resources: readonly ManagedResource[], tuning: Parameters<typeof adapter>[1] = {}) {
  const drive = adapter(emu, tuning);
  const factory = { id: 'google', kinds: drive.kinds, create: () => drive, importer: googleFactory.importer } satisfies AdapterFactory;
  const readings = await readActual(resources, new AdapterSet(context(emu.url), [factory]), { concurrency: 4, logger: pino({ level: 'silent' }) });
  return { drive, readings };
}

describe('drive list in batches', () => {
  it('reads 120 announced folders in 3 HTTP requests instead of 240, with the same grants', async () => {
    const emu = await start({ seed: manyFolders(120) });
    const resources = Array.from({ length: 120 }, (_, index) => folder(`F${index}`));
    const { drive, readings } = await readAll(emu, resources);

    expect(readings.every((reading) => reading.ok)).toBe(true);
    expect(emu.requests.map((request) => `${request.method} ${request.path}`)).toEqual(Array(3).fill('POST /batch/drive/v3'));
    // Drive counts every call of a batch against its quota: two per folder, as before.
    expect(emu.batched).toHaveLength(240);
    expect(drive.calls).toEqual({ reads: 3, writes: 0 });
    const one = readings.find((reading) => reading.resource.ref === 'F7');
    expect(one?.ok && one.grants).toEqual([
      { principal: 'client7@apexoutdoor.com', level: 'writer', handle: expect.any(String) },
      { principal: 'owner7@acme-agency.com', level: 'organizer', handle: expect.any(String) },
    ]);
    // Where each folder lives was read in the batch, so the plan can refuse levels it lacks.
    expect(drive.refuse?.({ action: 'grant', kind: 'drive-folder', resource: 'F0', principal: 'x@y.com', from: null, to: 'organizer', client: 'apex', reason: 'r' })).toMatch(/shared drive/i);
    expect(drive.refuse?.({ action: 'grant', kind: 'drive-folder', resource: 'F1', principal: 'x@y.com', from: null, to: 'organizer', client: 'apex', reason: 'r' })).toBeUndefined();
  });

  it('asks each batched call with the parameters of a single call', async () => {
    const emu = await start();
    await readAll(emu, [folder('FOLDER1')]);
    const [permissions, location] = emu.batched;
    expect(permissions?.path).toBe('/drive/v3/files/FOLDER1/permissions');
    expect(Object.fromEntries(new URLSearchParams(permissions?.query))).toEqual({
      supportsAllDrives: 'true',
      pageSize: '100',
      fields: 'nextPageToken,permissions(id,type,role,emailAddress,domain,permissionDetails,deleted)',
    });
    expect(location?.path).toBe('/drive/v3/files/FOLDER1');
    expect(Object.fromEntries(new URLSearchParams(location?.query))).toEqual({ supportsAllDrives: 'true', fields: 'id,driveId' });
  });

  it('fails only the folder whose call failed: the others are read, it is unread, never empty', async () => {
    const emu = await start();
    const resources = [folder('FOLDER1'), folder('MISSING1'), folder('EMPTY1'), folder('SHARED1')];
    emu.switches.faults.push({ method: 'GET', path: '/drive/v3/files/SHARED1/permissions', status: 403, body: { error: { code: 403, message: 'The user does not have sufficient permissions for this file.', errors: [{ reason: 'insufficientFilePermissions' }] } } });
    const { readings } = await readAll(emu, resources);

    expect(readings.map((reading) => [reading.resource.ref, reading.ok])).toEqual([
      ['FOLDER1', true],
      ['MISSING1', false],
      ['EMPTY1', true],
      ['SHARED1', false],
    ]);
    const errors = readings.flatMap((reading) => (reading.ok ? [] : [reading.error]));
    expect(errors[0]).toMatch(/GET drive\/v3\/files\/MISSING1\/permissions: not found \(404\)/);
    expect(errors[1]).toMatch(/GET drive\/v3\/files\/SHARED1\/permissions: 403 insufficientFilePermissions/);
    expect(emu.requests).toHaveLength(1);
  });

  it('sends a throttled call again in a further batch after the Retry-After it carries', async () => {
    const emu = await start();
    emu.switches.faults.push({ path: '/drive/v3/files/FOLDER1/permissions', status: 429, headers: { 'retry-after': '2' }, body: { error: { code: 429, message: 'Rate Limit Exceeded', errors: [{ reason: 'rateLimitExceeded' }] } } });
    const { waits, sleep } = recordedSleep();
    const { drive, readings } = await readAll(emu, [folder('FOLDER1'), folder('EMPTY1')], { sleep });

    expect(readings.every((reading) => reading.ok)).toBe(true);
    expect(waits).toEqual([2000]);
    expect(emu.batched.map((call) => `${call.path} ${call.status}`)).toEqual([
      '/drive/v3/files/FOLDER1/permissions 429',
      '/drive/v3/files/FOLDER1 200',
      '/drive/v3/files/EMPTY1/permissions 200',
      '/drive/v3/files/EMPTY1 200',
      '/drive/v3/files/FOLDER1/permissions 200',
    ]);
    expect(drive.calls.reads).toBe(2);
  });

  it('gives up on a call that stays throttled, leaving only its folder unread', async () => {
    const emu = await start();
    emu.switches.faults.push({ path: '/drive/v3/files/FOLDER1/permissions', status: 429, times: 10, body: { error: { code: 429, message: 'Rate Limit Exceeded', errors: [{ reason: 'rateLimitExceeded' }] } } });
    const { waits, sleep } = recordedSleep();
    const { readings } = await readAll(emu, [folder('FOLDER1'), folder('EMPTY1')], { sleep, retries: 2, baseDelayMs: 10 });

    expect(readings.map((reading) => reading.ok)).toEqual([false, true]);
    expect(readings[0]?.ok === false && readings[0].error).toMatch(/GET drive\/v3\/files\/FOLDER1\/permissions: 429 .*after 2 retries/);
    expect(waits).toEqual([10, 20]);
  });

  it('reads the rest of a long permission list with single calls from the token the batch gave', async () => {
    const emu = await start({ maxPageSize: 2 });
    const { readings } = await readAll(emu, [folder('FOLDER1')]);

    expect(readings[0]?.ok && readings[0].grants.map((grant) => grant.principal)).toEqual([
      'anyone',
      'dana@apexoutdoor.com',
      'domain:apexoutdoor.com',
      'finn@apexoutdoor.com',
      'maria@acme-agency.com',
      'team@apexoutdoor.com',
    ]);
    expect(emu.requests.map((request) => `${request.method} ${request.path}`)).toEqual(['POST /batch/drive/v3', 'GET /drive/v3/files/FOLDER1/permissions', 'GET /drive/v3/files/FOLDER1/permissions']);
  });

  it('leaves every folder of a batch unread when the batch answer is not a batch', async () => {
    const emu = await start();
    emu.switches.faults.push({ method: 'POST', path: '/batch/drive/v3', status: 200, raw: '<html><body>Service unavailable</body></html>' });
    const { readings } = await readAll(emu, [folder('FOLDER1'), folder('EMPTY1')]);

    expect(readings.map((reading) => reading.ok)).toEqual([false, false]);
    expect(readings[0]?.ok === false && readings[0].error).toMatch(/POST batch\/drive\/v3: answered with not a batch answer \(text\/html/);
  });

  it('retries a batch refused as a whole, like any call', async () => {
    const emu = await start();
    emu.switches.faults.push({ method: 'POST', path: '/batch/drive/v3', status: 503, body: { error: { code: 503, message: 'Backend Error' } } });
    const { readings } = await readAll(emu, [folder('FOLDER1')]);

    expect(readings[0]?.ok).toBe(true);
    expect(emu.requests.map((request) => request.status)).toEqual([503, 200]);
  });

  it('still reads a folder the run did not announce with single calls', async () => {
    const emu = await start();
    await expect(adapter(emu).list(folder('FOLDER1'))).resolves.toHaveLength(6);
    expect(emu.requests.map((request) => request.path)).toEqual(['/drive/v3/files/FOLDER1/permissions', '/drive/v3/files/FOLDER1']);
  });
});
