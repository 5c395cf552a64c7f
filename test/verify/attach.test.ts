import { describe, expect, it } from 'vitest';
import type { Plan } from '../../src/model/plan.js';
import { fingerprintChanges } from '../../src/plan/fingerprint.js';
import { attachRequests } from '../../src/verify/attach.js';
import { GOOGLE_ADS, LINKEDIN, META, TODAY, desiredOf, failed, has, read, want } from './fixtures.js';

function basePlan(): Plan {
  const changes: Plan['changes'] = [
    { action: 'grant', client: 'bloom', kind: 'slack-channel', resource: 'C0BLOOM01', principal: 'leo@bloombotanicals.com', from: null, to: 'member', reason: 'role' },
  ];
  return {
    fingerprint: fingerprintChanges(changes),
    changes,
    held: [],
    unread: [{ client: 'bloom', kind: 'github-repo', resource: 'acme-agency/bloom-site', error: 'HTTP 500' }],
    findings: [],
    warnings: [],
  };
}

describe('attachRequests', () => {
  it('adds requests without touching changes or the fingerprint', () => {
    const plan = basePlan();
    const desired = desiredOf([GOOGLE_ADS], [want(GOOGLE_ADS, 'nina@acme-agency.com', 'standard')]);
    const attached = attachRequests(plan, { desired, resources: [GOOGLE_ADS], readings: [read(GOOGLE_ADS, [has('nina@acme-agency.com', 'read-only')])], today: TODAY });
    expect(attached.changes).toEqual(plan.changes);
    expect(attached.fingerprint).toBe(plan.fingerprint);
    expect(attached.unread).toEqual(plan.unread);
    expect(attached.requests?.map((request) => request.status)).toEqual(['wrong-level']);
  });

  it('lists a verify-mode resource that failed or was not read as unread, claiming nothing about it', () => {
    const desired = desiredOf([GOOGLE_ADS, META, LINKEDIN], [want(GOOGLE_ADS, 'nina@acme-agency.com', 'standard'), want(META, 'nina@acme-agency.com', 'advertise')]);
    const attached = attachRequests(basePlan(), {
      desired,
      resources: [GOOGLE_ADS, META, LINKEDIN],
      readings: [failed(GOOGLE_ADS, 'google-ads list: HTTP 503'), read(LINKEDIN, [])],
      today: TODAY,
    });
    expect(attached.requests).toEqual([]);
    expect(attached.unread.map((entry) => `${entry.kind} ${entry.resource}: ${entry.error}`)).toEqual([
      'github-repo acme-agency/bloom-site: HTTP 500',
      'google-ads-account 1234567890: could not verify: google-ads list: HTTP 503',
      'meta-ad-account act_2200000001: could not verify: not read',
    ]);
  });

  it('leaves a plan without verify-mode resources exactly as it was', () => {
    const plan = basePlan();
    expect(attachRequests(plan, { desired: desiredOf([], []), resources: [], readings: [], today: TODAY })).toBe(plan);
  });
});
