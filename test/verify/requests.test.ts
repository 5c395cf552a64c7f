import { describe, expect, it } from 'vitest';
import type { ActualGrant, DeclaredPerson, DesiredGrant, ManagedResource } from '../../src/model/grants.js';
import type { AccessRequest } from '../../src/model/plan.js';
import { openRequests, planRequests, type RequestOptions } from '../../src/verify/requests.js';
import { GOOGLE_ADS, LINKEDIN, META, TODAY, account, desiredOf, failed, has, read, want } from './fixtures.js';

const OPEN = { id: '7100001', expired: false, createdAt: '2026-11-20T09:00:00.000Z' };
const EXPIRED = { id: '7100002', expired: true, createdAt: '2026-10-01T09:00:00.000Z' };
const NINA = 'nina@acme-agency.com';

const OPTIONS: RequestOptions = {
  personalDomains: ['gmail.com', 'outlook.com'],
  agencyDomains: ['acme-agency.com'],
  clientDomains: new Map([['bloom', ['bloombotanicals.com']]]),
  people: new Map<string, DeclaredPerson>([
    ['ken@cobaltfreight.com', { side: 'client', clients: ['cobalt'] }],
    ['priya@acme-agency.com', { side: 'agency', clients: ['bloom'] }],
    ['olivia@bloombotanicals.com', { side: 'client', clients: ['bloom'] }],
  ]),
};

interface Case {
  name: string;
  resource?: ManagedResource;
  desired: DesiredGrant[];
  expired?: DesiredGrant[];
  actual: ActualGrant[];
  /** `status principal wanted->actual` per item. */
  items: string[];
  /** Text the first item's ask, reason and steps contain, in that order. */
  ask?: string;
  reason?: string;
  steps?: string[];
}

const cases: Case[] = [
  {
    name: 'a missing grant asks to give it, with the platform steps',
    desired: [want(GOOGLE_ADS, NINA, 'standard')],
    actual: [],
    items: [`missing ${NINA} standard->null`],
    ask: `give ${NINA} standard on Google Ads account 123-456-7890`,
    reason: 'role agency-marketer in clients/bloom.yaml:24',
    steps: ['Admin → Access and security → Users', `Click +, enter ${NINA}, choose the access level Standard, then Send invitation.`],
  },
  {
    name: 'a level too low asks to change it',
    desired: [want(GOOGLE_ADS, NINA, 'standard')],
    actual: [has(NINA, 'read-only')],
    items: [`wrong-level ${NINA} standard->read-only`],
    ask: `change ${NINA} from read-only to standard on Google Ads account 123-456-7890`,
    reason: 'read-only is too low: role agency-marketer in clients/bloom.yaml:24 asks for standard',
    steps: ['Admin → Access and security → Users', 'choose Standard, then Save'],
  },
  {
    name: 'a level too high asks to lower it',
    desired: [want(GOOGLE_ADS, NINA, 'standard')],
    actual: [has(NINA, 'admin')],
    items: [`wrong-level ${NINA} standard->admin`],
    reason: 'admin is too high',
  },
  {
    name: 'an invitation at the right level waits for the invitee, with its age',
    desired: [want(GOOGLE_ADS, NINA, 'standard')],
    actual: [has(NINA, 'standard', { pending: OPEN })],
    items: [`pending ${NINA} standard->standard`],
    ask: `waiting for ${NINA} to accept the invitation to Google Ads account 123-456-7890 (sent 3 days ago)`,
    steps: [`Nothing to do for you: ${NINA} has to accept`],
  },
  {
    name: 'an invitation at the wrong level is sent again, as its level cannot change',
    desired: [want(GOOGLE_ADS, NINA, 'standard')],
    actual: [has(NINA, 'read-only', { pending: OPEN })],
    items: [`wrong-level ${NINA} standard->read-only`],
    ask: `invite ${NINA} again with standard on Google Ads account 123-456-7890: the open invitation is for read-only`,
    steps: ['Admin → Access and security → Users', 'cancel the invitation'],
  },
  {
    name: 'an expired invitation asks to send it again',
    desired: [want(GOOGLE_ADS, NINA, 'standard')],
    actual: [has(NINA, 'standard', { pending: EXPIRED })],
    items: [`expired ${NINA} standard->standard`],
    ask: `the invitation for ${NINA} to Google Ads account 123-456-7890 expired (sent 53 days ago): send it again with standard`,
    steps: ['Admin → Access and security → Users', 'Send invitation'],
  },
  {
    name: 'a matching grant is verified, with nothing to do',
    desired: [want(GOOGLE_ADS, NINA, 'standard')],
    actual: [has(NINA, 'standard')],
    items: [`verified ${NINA} standard->standard`],
    ask: `Google Ads account 123-456-7890: ${NINA} has standard`,
  },
  {
    name: 'a personal address nobody declared is to be removed',
    desired: [],
    actual: [has('nina.acme@gmail.com', 'standard')],
    items: ['unexpected nina.acme@gmail.com null->standard'],
    ask: 'remove nina.acme@gmail.com (standard) from Google Ads account 123-456-7890',
    reason: 'gmail.com is a personal mail domain: access goes to work addresses only',
    steps: ['Admin → Access and security → Users', 'Remove access'],
  },
  {
    name: "the client's own people on its own account are its business",
    desired: [],
    actual: [has('olivia@bloombotanicals.com', 'admin'), has('buyer@bloombotanicals.com', 'standard')],
    items: [],
  },
  {
    name: 'an agency address nobody declared is to be removed',
    desired: [],
    actual: [has('intern2025@acme-agency.com', 'standard')],
    items: ['unexpected intern2025@acme-agency.com null->standard'],
    reason: 'an agency address no client file declares',
  },
  {
    name: 'an agency person of this client without access to this account is to be removed',
    desired: [],
    actual: [has('priya@acme-agency.com', 'read-only')],
    items: ['unexpected priya@acme-agency.com null->read-only'],
    reason: 'an agency person clients/bloom.yaml does not give access to google-ads',
  },
  {
    name: "another client's person is named as such",
    desired: [],
    actual: [has('ken@cobaltfreight.com', 'read-only')],
    items: ['unexpected ken@cobaltfreight.com null->read-only'],
    reason: "declared for cobalt only, not for bloom: another client's person on this account",
  },
  {
    name: 'someone unknown is to be removed unless the client knows them',
    desired: [],
    actual: [has('jake@freelance-studio.com', 'standard')],
    items: ['unexpected jake@freelance-studio.com null->standard'],
    reason: 'not in clients/bloom.yaml: remove unless they are one of your own people',
  },
  {
    name: 'an undeclared invitation is to be cancelled',
    desired: [],
    actual: [has('jake@freelance-studio.com', 'standard', { pending: OPEN })],
    items: ['unexpected jake@freelance-studio.com null->standard'],
    ask: 'cancel the invitation to jake@freelance-studio.com for Google Ads account 123-456-7890',
    steps: ['Admin → Access and security → Users', 'Cancel invitation'],
  },
  {
    name: 'access that ended is to be removed, citing the end date',
    desired: [],
    expired: [want(GOOGLE_ADS, NINA, 'standard', { until: '2026-10-31' })],
    actual: [has(NINA, 'standard')],
    items: [`unexpected ${NINA} null->standard`],
    reason: 'access ended 2026-10-31 (clients/bloom.yaml:24)',
  },
  {
    name: 'owners and access from elsewhere are never questioned',
    desired: [],
    actual: [has('boss@elsewhere.com', 'admin', { owner: true }), has('meta-user:61550000000001', 'manage', { inheritedFrom: 'business 4455660001' })],
    items: [],
  },
  {
    name: 'LinkedIn people are named with their URN, and an unknown URN is questioned',
    resource: LINKEDIN,
    desired: [want(LINKEDIN, 'urn:li:person:N1naAcme7', 'campaign-manager', { person: 'nina' })],
    actual: [has('urn:li:person:N1naAcme7', 'viewer'), has('urn:li:person:Xy9', 'viewer')],
    items: ['wrong-level urn:li:person:N1naAcme7 campaign-manager->viewer', 'unexpected urn:li:person:Xy9 null->viewer'],
    ask: 'change nina (urn:li:person:N1naAcme7) from viewer to campaign-manager on LinkedIn ad account 508877001',
    steps: ['Account settings → Manage access', 'choose the role Campaign manager'],
  },
  {
    name: "Meta steps speak Meta's permission names",
    resource: META,
    desired: [want(META, NINA, 'advertise')],
    actual: [],
    items: [`missing ${NINA} advertise->null`],
    ask: `give ${NINA} advertise (partial access: Manage campaigns (with View performance)) on Meta ad account act_2200000001`,
    steps: ['Accounts → Ad accounts → act_2200000001', 'Assign people'],
  },
];

function summary(request: AccessRequest): string {
  return `${request.status} ${request.principal} ${request.wanted}->${request.actual}`;
}

describe('planRequests', () => {
  it.each(cases)('$name', (testCase) => {
    const resource = testCase.resource ?? GOOGLE_ADS;
    const desired = desiredOf([resource], testCase.desired, testCase.expired);
    const requests = planRequests(desired, [read(resource, testCase.actual)], TODAY, OPTIONS);
    expect(requests.map(summary)).toEqual(testCase.items);
    const [first] = requests;
    if (testCase.ask !== undefined) expect(first?.ask).toBe(testCase.ask);
    if (testCase.reason !== undefined) expect(first?.reason).toContain(testCase.reason);
    for (const [index, step] of (testCase.steps ?? []).entries()) expect(first?.steps[index]).toContain(step);
    for (const request of requests) {
      expect(request.client).toBe('bloom');
      expect(request.resource).toBe(resource.ref);
      expect(request.steps.length === 0).toBe(request.status === 'verified');
    }
  });

  it('keeps the invitation and its date on pending items', () => {
    const desired = desiredOf([GOOGLE_ADS], [want(GOOGLE_ADS, NINA, 'standard')]);
    const [request] = planRequests(desired, [read(GOOGLE_ADS, [has(NINA, 'standard', { pending: OPEN })])], TODAY);
    expect(request).toMatchObject({ status: 'pending', pending: OPEN, since: OPEN.createdAt, ageDays: 3, key: 'google-ads', person: 'nina' });
  });

  it('judges verify-mode resources only, and makes no claim about one that could not be read', () => {
    const managed = account('google-ads-account', '9998887777', 'manage');
    const desired = desiredOf([managed, GOOGLE_ADS], [want(managed, NINA, 'standard'), want(GOOGLE_ADS, NINA, 'standard')]);
    expect(planRequests(desired, [read(managed, []), failed(GOOGLE_ADS, 'HTTP 500')], TODAY)).toEqual([]);
  });

  it('gives the same items in the same order whatever the order of its input', () => {
    const grants = [want(GOOGLE_ADS, 'b@acme-agency.com', 'standard'), want(GOOGLE_ADS, 'a@acme-agency.com', 'read-only'), want(META, NINA, 'analyze')];
    const readings = [read(META, []), read(GOOGLE_ADS, [has('a@acme-agency.com', 'admin'), has('z@gmail.com', 'standard')])];
    const forward = planRequests(desiredOf([GOOGLE_ADS, META], grants), readings, TODAY, OPTIONS);
    const backward = planRequests(desiredOf([META, GOOGLE_ADS], [...grants].reverse()), [...readings].reverse(), TODAY, OPTIONS);
    expect(backward).toEqual(forward);
    expect(forward.map((request) => `${request.kind} ${request.principal}`)).toEqual([
      'google-ads-account a@acme-agency.com',
      'google-ads-account b@acme-agency.com',
      'google-ads-account z@gmail.com',
      `meta-ad-account ${NINA}`,
    ]);
  });

  it('counts everything but verified items as open', () => {
    const desired = desiredOf([GOOGLE_ADS], [want(GOOGLE_ADS, NINA, 'standard'), want(GOOGLE_ADS, 'priya@acme-agency.com', 'read-only')]);
    const requests = planRequests(desired, [read(GOOGLE_ADS, [has(NINA, 'standard'), has('priya@acme-agency.com', 'read-only', { pending: OPEN })])], TODAY);
    expect(openRequests(requests).map((request) => request.status)).toEqual(['pending']);
    expect(openRequests(undefined)).toEqual([]);
  });
});
