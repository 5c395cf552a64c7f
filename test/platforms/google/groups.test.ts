import { describe, expect, it } from 'vitest';
import type { GoogleEmulator } from '../../../src/emulators/google/index.js';
import { adapter, emulatorPerTest, grant, rejection, resource, revoke, transcript, update } from './helpers.js';

const start = emulatorPerTest();

const TEAM = 'apex-team@acme-agency.com';
const group = (ref: string) => resource('google-group', ref);

function membersOf(emu: GoogleEmulator, address: string) {
  return emu.snapshot().groups?.[address] ?? [];
}

describe('google-group list', () => {
  it('reads the members with their roles and ids in one call', async () => {
    const emu = await start();
    const groups = adapter(emu);
    await expect(groups.list(group(TEAM))).resolves.toEqual([
      { principal: 'dana@apexoutdoor.com', level: 'member', handle: expect.any(String) },
      { principal: 'finn@apexoutdoor.com', level: 'manager', handle: expect.any(String) },
      { principal: 'maria@acme-agency.com', level: 'owner', handle: expect.any(String) },
    ]);
    expect(transcript(emu)).toEqual([`GET /admin/directory/v1/groups/${encodeURIComponent(TEAM)}/members`]);
    expect(new URLSearchParams(emu.requests[0]?.query).get('maxResults')).toBe('200');
  });

  it('reads a group without members as empty', async () => {
    const emu = await start();
    await expect(adapter(emu).list(group('empty@acme-agency.com'))).resolves.toEqual([]);
  });

  it('reads every page when the API answers in small pages', async () => {
    const emu = await start({ maxPageSize: 1 });
    const groups = adapter(emu);
    await expect(groups.list(group(TEAM))).resolves.toHaveLength(3);
    expect(groups.calls.reads).toBe(3);
  });

  it('fails on an unknown group', async () => {
    const emu = await start();
    const error = await rejection(adapter(emu).list(group('nope@acme-agency.com')));
    expect(error).toMatchObject({ operation: 'list', status: 404, retryable: false });
    expect(error.message).toContain('Resource Not Found: groupKey');
  });

  it('fails the whole list when a later page fails', async () => {
    const emu = await start({ maxPageSize: 1 });
    emu.switches.faults.push({ path: '/members', status: 503, after: 2, times: 5 });
    const error = await rejection(adapter(emu, { retries: 1 }).list(group(TEAM)));
    expect(error).toMatchObject({ status: 503, retryable: true });
    expect(emu.requests.map((r) => r.status)).toEqual([200, 200, 503, 503]);
  });

  it('gives up on a rate limit that does not end, as retryable', async () => {
    const emu = await start({ switches: { rateLimit: { every: 1, retryAfterSeconds: 0 } } });
    const groups = adapter(emu, { retries: 2 });
    const error = await rejection(groups.list(group(TEAM)));
    expect(error).toMatchObject({ status: 429, retryable: true });
    expect(groups.calls.reads).toBe(3);
  });

  it('fails at once when Google asks for a wait longer than Latch waits', async () => {
    const emu = await start({ switches: { rateLimit: { every: 1, retryAfterSeconds: 120 } } });
    const groups = adapter(emu);
    await expect(groups.list(group(TEAM))).rejects.toThrow('Google asks to wait 120 s');
    expect(groups.calls.reads).toBe(1);
  });
});

describe('google-group apply', () => {
  it('adds a member, and calls adding them again unchanged', async () => {
    const emu = await start();
    const groups = adapter(emu);
    await expect(groups.apply(grant('google-group', 'empty@acme-agency.com', 'new@apexoutdoor.com', 'manager'))).resolves.toEqual({ status: 'applied' });
    expect(membersOf(emu, 'empty@acme-agency.com')).toEqual([{ email: 'new@apexoutdoor.com', role: 'MANAGER' }]);
    await expect(groups.apply(grant('google-group', 'empty@acme-agency.com', 'new@apexoutdoor.com', 'manager'))).resolves.toEqual({ status: 'unchanged', detail: 'already a member' });
  });

  it('sets the planned role when an added member turns out to be there with another', async () => {
    const emu = await start();
    await expect(adapter(emu).apply(grant('google-group', TEAM, 'dana@apexoutdoor.com', 'owner'))).resolves.toEqual({ status: 'applied', detail: 'already a member; role set' });
    expect(membersOf(emu, TEAM)).toContainEqual({ email: 'dana@apexoutdoor.com', role: 'OWNER' });
    expect(transcript(emu).map((line) => line.split(' ')[0])).toEqual(['POST', 'GET', 'PATCH']);
  });

  it('changes a role by member id', async () => {
    const emu = await start();
    const groups = adapter(emu);
    const finn = (await groups.list(group(TEAM))).find((g) => g.principal === 'finn@apexoutdoor.com');
    await expect(groups.apply(update('google-group', TEAM, 'finn@apexoutdoor.com', 'manager', 'member', finn?.handle))).resolves.toEqual({ status: 'applied' });
    expect(membersOf(emu, TEAM)).toContainEqual({ email: 'finn@apexoutdoor.com', role: 'MEMBER' });
    expect(transcript(emu).at(-1)).toBe(`PATCH /admin/directory/v1/groups/${encodeURIComponent(TEAM)}/members/${finn?.handle}`);
  });

  it('adds back a member who left since the plan', async () => {
    const emu = await start();
    await expect(adapter(emu).apply(update('google-group', 'empty@acme-agency.com', 'gone@apexoutdoor.com', 'member', 'owner'))).resolves.toEqual({ status: 'applied' });
    expect(membersOf(emu, 'empty@acme-agency.com')).toEqual([{ email: 'gone@apexoutdoor.com', role: 'OWNER' }]);
  });

  it('removes a member, and calls a second removal unchanged', async () => {
    const emu = await start();
    const groups = adapter(emu);
    const change = revoke('google-group', TEAM, 'dana@apexoutdoor.com', 'member');
    await expect(groups.apply(change)).resolves.toEqual({ status: 'applied' });
    await expect(groups.apply(change)).resolves.toMatchObject({ status: 'unchanged' });
    expect(membersOf(emu, TEAM).map((m) => m.email)).toEqual(['maria@acme-agency.com', 'finn@apexoutdoor.com']);
  });
});
