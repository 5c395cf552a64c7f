import { describe, expect, it } from 'vitest';
import type { GoogleEmulator } from '../../../src/emulators/google/index.js';
import { adapter, emulatorPerTest, grant, rejection, resource, revoke, transcript, update } from './helpers.js';

const start = emulatorPerTest();

const property = (ref: string) => resource('ga4-property', ref);

function bindingsOf(emu: GoogleEmulator, id: string) {
  return emu.snapshot().ga4?.[id]?.bindings ?? [];
}

describe('ga4 list', () => {
  it("reads a property's bindings and reports its account's as inherited", async () => {
    const emu = await start();
    const ga4 = adapter(emu);
    await expect(ga4.list(property('123456789'))).resolves.toEqual([
      { principal: 'boss@acme-agency.com', level: 'admin', inheritedFrom: 'accounts/1000' },
      { principal: 'dana@apexoutdoor.com', level: 'analyst', handle: expect.stringMatching(/^properties\/123456789\/accessBindings\/.+/) },
      // The no-cost-data restriction is not a level: finn is a viewer.
      { principal: 'finn@apexoutdoor.com', level: 'viewer', handle: expect.stringMatching(/^properties\/123456789\/accessBindings\/.+/) },
    ]);
    expect([...transcript(emu)].sort()).toEqual([
      'GET /v1alpha/accounts/1000/accessBindings',
      'GET /v1alpha/properties/123456789',
      'GET /v1alpha/properties/123456789/accessBindings',
    ]);
    expect(ga4.calls).toEqual({ reads: 3, writes: 0 });
  });

  it('reads an account once for all its properties in a run', async () => {
    const emu = await start();
    const ga4 = adapter(emu);
    await Promise.all([ga4.list(property('123456789')), ga4.list(property('properties/222'))]);
    expect(transcript(emu).filter((line) => line.includes('/accounts/'))).toHaveLength(1);
    await expect(ga4.list(property('222'))).resolves.toEqual([{ principal: 'boss@acme-agency.com', level: 'admin', inheritedFrom: 'accounts/1000' }]);
  });

  it('skips account-level access it may not read, and still lists the property', async () => {
    const emu = await start();
    emu.switches.faults.push({ path: '/v1alpha/accounts/1000/accessBindings', status: 403, body: { error: { code: 403, message: 'The caller does not have permission', status: 'PERMISSION_DENIED' } } });
    const grants = await adapter(emu).list(property('123456789'));
    expect(grants.map((g) => g.principal)).toEqual(['dana@apexoutdoor.com', 'finn@apexoutdoor.com']);
  });

  it('lists a property without an account', async () => {
    const emu = await start();
    await expect(adapter(emu).list(property('333'))).resolves.toEqual([{ principal: 'solo@apexoutdoor.com', level: 'editor', handle: expect.any(String) }]);
  });

  it('reads every page when the API answers in small pages', async () => {
    const emu = await start({ maxPageSize: 1 });
    const ga4 = adapter(emu);
    await expect(ga4.list(property('123456789'))).resolves.toHaveLength(3);
    expect(transcript(emu).filter((line) => line.endsWith('/properties/123456789/accessBindings'))).toHaveLength(2);
  });

  it('fails on an unknown property', async () => {
    const emu = await start();
    const error = await rejection(adapter(emu).list(property('999')));
    expect(error).toMatchObject({ platform: 'google', operation: 'list', status: 404, retryable: false });
    expect(error.message).toContain('v1alpha/properties/999');
  });

  it('fails the whole list when a later page fails', async () => {
    const emu = await start({ maxPageSize: 1 });
    emu.switches.faults.push({ path: '/v1alpha/properties/123456789/accessBindings', status: 400, after: 1, body: { error: { code: 400, message: 'Invalid page token.', status: 'INVALID_ARGUMENT' } } });
    const error = await rejection(adapter(emu).list(property('123456789')));
    expect(error).toMatchObject({ status: 400, retryable: false });
    expect(error.message).toContain('Invalid page token.');
  });

  it('refuses a reference that is not a property id before any call', async () => {
    const emu = await start();
    await expect(adapter(emu).list(property('UA-1234-1'))).rejects.toThrow('is not a property id');
    expect(emu.requests).toHaveLength(0);
  });
});

describe('ga4 apply', () => {
  it('binds a user, and calls binding them again unchanged', async () => {
    const emu = await start();
    const ga4 = adapter(emu);
    await expect(ga4.apply(grant('ga4-property', '222', 'new@apexoutdoor.com', 'analyst'))).resolves.toEqual({ status: 'applied' });
    expect(bindingsOf(emu, '222')).toEqual([{ user: 'new@apexoutdoor.com', roles: ['predefinedRoles/analyst'] }]);
    await expect(ga4.apply(grant('ga4-property', '222', 'new@apexoutdoor.com', 'analyst'))).resolves.toMatchObject({ status: 'unchanged' });
    expect(transcript(emu)).toEqual([
      'POST /v1alpha/properties/222/accessBindings',
      'POST /v1alpha/properties/222/accessBindings',
      'GET /v1alpha/properties/222/accessBindings',
    ]);
  });

  it('sets the planned level when a grant finds the user bound at another one', async () => {
    const emu = await start();
    await expect(adapter(emu).apply(grant('ga4-property', '123456789', 'dana@apexoutdoor.com', 'editor'))).resolves.toEqual({ status: 'applied' });
    expect(bindingsOf(emu, '123456789')).toContainEqual({ user: 'dana@apexoutdoor.com', roles: ['predefinedRoles/editor'] });
  });

  it('changes a level and keeps the data restrictions', async () => {
    const emu = await start();
    const ga4 = adapter(emu);
    const finn = (await ga4.list(property('123456789'))).find((g) => g.principal === 'finn@apexoutdoor.com');
    await expect(ga4.apply(update('ga4-property', '123456789', 'finn@apexoutdoor.com', 'viewer', 'analyst', finn?.handle))).resolves.toEqual({ status: 'applied' });
    expect(bindingsOf(emu, '123456789')).toContainEqual({ user: 'finn@apexoutdoor.com', roles: ['predefinedRoles/analyst', 'predefinedRoles/no-cost-data'] });
    expect(transcript(emu).slice(-2)).toEqual([`GET /v1alpha/${finn?.handle}`, `PATCH /v1alpha/${finn?.handle}`]);
  });

  it('binds again when the binding went away since the plan', async () => {
    const emu = await start();
    await expect(adapter(emu).apply(update('ga4-property', '222', 'gone@apexoutdoor.com', 'viewer', 'editor', 'properties/222/accessBindings/zzz'))).resolves.toEqual({ status: 'applied' });
    expect(bindingsOf(emu, '222')).toEqual([{ user: 'gone@apexoutdoor.com', roles: ['predefinedRoles/editor'] }]);
  });

  it('deletes a binding, and calls a second removal unchanged', async () => {
    const emu = await start();
    const ga4 = adapter(emu);
    const dana = (await ga4.list(property('123456789'))).find((g) => g.principal === 'dana@apexoutdoor.com');
    const change = revoke('ga4-property', '123456789', 'dana@apexoutdoor.com', 'analyst', dana?.handle);
    await expect(ga4.apply(change)).resolves.toEqual({ status: 'applied' });
    await expect(ga4.apply(change)).resolves.toMatchObject({ status: 'unchanged' });
    expect(bindingsOf(emu, '123456789').map((b) => b.user)).toEqual(['finn@apexoutdoor.com']);
  });

  it('finds the binding by user when a removal carries no name', async () => {
    const emu = await start();
    await expect(adapter(emu).apply(revoke('ga4-property', '333', 'solo@apexoutdoor.com', 'editor'))).resolves.toEqual({ status: 'applied' });
    expect(bindingsOf(emu, '333')).toEqual([]);
  });
});
