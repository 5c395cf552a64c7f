import { describe, expect, it } from 'vitest';
import type { Change, Plan } from '../../src/model/plan.js';
import { fingerprintChanges } from '../../src/plan/fingerprint.js';
import { withoutRefused } from '../../src/plan/refusals.js';

const base = { client: 'apex', reason: 'role agency-lead in clients/apex.yaml:12' };
const organizer: Change = { ...base, action: 'grant', kind: 'drive-folder', resource: '1MyDrive', principal: 'maria@acme-agency.com', from: null, to: 'organizer' };
const sameFolder: Change = { ...base, action: 'revoke', kind: 'drive-folder', resource: '1MyDrive', principal: 'ken@cobaltfreight.com', from: 'reader', to: null };
const elsewhere: Change = { ...base, action: 'grant', kind: 'drive-folder', resource: '1Shared', principal: 'maria@acme-agency.com', from: null, to: 'organizer' };

function plan(changes: Change[]): Plan {
  return { fingerprint: fingerprintChanges(changes), changes, held: [], unread: [], findings: [], warnings: [] };
}

describe('changes a platform is known to refuse', () => {
  it('are not planned: their resource is reported unread with the person and the reason', () => {
    const refuse = (change: Change) => (change.resource === '1MyDrive' && change.to === 'organizer' ? 'Drive has organizer only on shared drives' : undefined);
    const result = withoutRefused(plan([organizer, sameFolder, elsewhere]), refuse);
    expect(result.changes).toEqual([elsewhere]);
    expect(result.unread).toEqual([{ client: 'apex', kind: 'drive-folder', resource: '1MyDrive', error: 'cannot give maria@acme-agency.com organizer: Drive has organizer only on shared drives' }]);
    expect(result.fingerprint).toBe(fingerprintChanges([elsewhere]));
  });

  it('leave a plan without them as it is', () => {
    const original = plan([organizer, elsewhere]);
    expect(withoutRefused(original, () => undefined)).toBe(original);
  });
});
