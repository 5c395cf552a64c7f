import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { Fault } from '../../../src/emulators/harness.js';
import type { DesiredGrant, ManagedResource } from '../../../src/model/grants.js';
import type { Level, ResourceKind } from '../../../src/model/kinds.js';
import { makePlan } from '../../../src/plan/plan.js';
import type { GoogleEmulator } from '../../../src/emulators/google/index.js';
import { AdapterSet } from '../../../src/platforms/registry.js';
import { readActual } from '../../../src/read/read.js';
import { context, emulatorPerTest, resource } from './helpers.js';

const start = emulatorPerTest();

interface Case {
  kind: ResourceKind;
  ref: string;
  /** The list call the fault hits, as the request line has it. */
  path: string;
  /** The call as errors name it. */
  what: string;
  /** Someone the platform already has, and the repository declares at that level. */
  principal: string;
  level: Level;
  /** A 200 whose list field is missing or wrong, in this API's own envelope. */
  missing: unknown;
}

const CASES: Case[] = [
  { kind: 'drive-folder', ref: 'FOLDER1', path: '/drive/v3/files/FOLDER1/permissions', what: 'GET drive/v3/files/FOLDER1/permissions', principal: 'dana@apexoutdoor.com', level: 'writer', missing: { kind: 'drive#permissionList' } },
  { kind: 'ga4-property', ref: '123456789', path: '/v1alpha/properties/123456789/accessBindings', what: 'GET v1alpha/properties/123456789/accessBindings', principal: 'dana@apexoutdoor.com', level: 'analyst', missing: { accessBindings: null } },
  { kind: 'google-group', ref: 'apex-team@acme-agency.com', path: '/admin/directory/v1/groups/apex-team%40acme-agency.com/members',
    what: 'GET admin/directory/v1/groups/apex-team@acme-agency.com/members',
    principal: 'dana@apexoutdoor.com', level: 'member', missing: { etag: '"members"' } },
];

const JSON_TYPE = { 'content-type': 'application/json; charset=UTF-8' };

/** What a broken answer looks like, and what the error must say about it. */
const ANSWERS: Array<[string, (c: Case) => Omit<Fault, 'path'>, string]> = [
  ['a 200 with an error body', () => ({ status: 200, body: { error: { code: 500, message: 'Internal Error', status: 'INTERNAL' } } }), 'answered 200 with an error body: 500 INTERNAL Internal Error'],
  ['an empty body', () => ({ status: 200, raw: '', headers: JSON_TYPE }), 'answered with an empty body'],
  ['an HTML page', () => ({ status: 200, raw: '<html><body>Service Unavailable</body></html>' }), 'not a JSON object (<html>'],
  ['truncated JSON', () => ({ status: 200, raw: '{"permissions": [{"id": "0001", "ty', headers: JSON_TYPE }), 'not a JSON object ({"permissions"'],
  ['a missing list field', (c) => ({ status: 200, body: c.missing }), 'malformed response'],
];

function desired(c: Case, managed: ManagedResource): DesiredGrant {
  const at = { source: 'role' as const, role: 'client-admin', ...managed.at };
  return { client: 'apex', kind: c.kind, resource: c.ref, principal: c.principal, person: 'dana', side: 'client', level: c.level, because: [at] };
}

/** Reads one resource through the real read step and plans it, as `latch plan` does. */
async function planOne(google: GoogleEmulator, c: Case, env: NodeJS.ProcessEnv = {}) {
  const managed = resource(c.kind, c.ref);
  const adapters = new AdapterSet({ ...context(google.url, env), config: context(google.url).config });
  const readings = await readActual([managed], adapters, { concurrency: 2, logger: pino({ level: 'silent' }) });
  const plan = makePlan({ desired: { resources: [managed], grants: [desired(c, managed)], expired: [] }, readings, neverTouch: [] });
  return { readings, plan };
}

describe.each(CASES)('a $kind list that is not positively complete', (c) => {
  it('when every page answers, grants the declared person nothing again and revokes the undeclared', async () => {
    const google = await start();
    const { plan } = await planOne(google, c);
    expect(plan.unread).toEqual([]);
    expect(plan.changes.filter((change) => change.principal === c.principal)).toEqual([]);
    expect(plan.changes.length).toBeGreaterThan(0);
    expect(plan.changes.every((change) => change.action === 'revoke')).toBe(true);
  });

  it.each(ANSWERS)('leaves the resource unread on %s: nothing granted again, nothing revoked', async (_name, answer, message) => {
    const google = await start();
    google.switches.faults.push({ method: 'GET', path: c.path, times: 10, ...answer(c) });
    const { readings, plan } = await planOne(google, c);
    expect(readings[0]?.ok).toBe(false);
    expect(plan.changes).toEqual([]);
    expect(plan.unread).toHaveLength(1);
    expect(plan.unread[0]?.resource).toBe(c.ref);
    expect(plan.unread[0]?.error).toContain(c.what);
    expect(plan.unread[0]?.error).toContain(message);
  });

  it('leaves the resource unread when the list hangs, after one more try, saying so', async () => {
    const google = await start();
    google.switches.faults.push({ method: 'GET', path: c.path, status: 200, body: {}, hangMs: 2000, times: 5 });
    const { plan } = await planOne(google, c, { LATCH_HTTP_TIMEOUT_MS: '150', LATCH_RETRY_BASE_MS: '1' });
    expect(plan.changes).toEqual([]);
    expect(plan.unread[0]?.error).toContain('timed out after 0.15 s (after 1 retries)');
    expect(google.switches.faults[0]?.times).toBe(3);
  });
});
