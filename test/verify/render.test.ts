import { describe, expect, it } from 'vitest';
import type { ClientFile } from '../../src/load/model.js';
import type { Plan } from '../../src/model/plan.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { asksSomething, buildRequestMessage } from '../../src/report/request.js';
import { requestState } from '../../src/report/request-plan.js';
import { renderRequestMarkdown } from '../../src/report/request-markdown.js';
import { renderRequestText } from '../../src/report/request-text.js';
import { renderText } from '../../src/report/text.js';
import { planRequests } from '../../src/verify/requests.js';
import { GOOGLE_ADS, LINKEDIN, TODAY, desiredOf, has, read, want } from './fixtures.js';

const NINA = 'nina@acme-agency.com';
const PRIYA = 'priya@acme-agency.com';

const BLOOM: ClientFile = {
  client: 'bloom',
  name: 'Bloom Botanicals',
  domains: ['bloombotanicals.com'],
  owners: ['priya'],
  delegates: ['olivia'],
  resources: {
    'google-ads': { kind: 'google-ads-account', ref: '1234567890', mode: 'verify' },
    'linkedin-ads': { kind: 'linkedin-ad-account', ref: '508877001', mode: 'verify' },
    'meta-ads': { kind: 'meta-ad-account', ref: 'act_2200000001', mode: 'verify' },
  },
  people: {
    olivia: { email: 'olivia@bloombotanicals.com', role: 'client-admin' },
    priya: { email: PRIYA, role: 'agency-lead' },
    nina: { email: NINA, linkedin: 'urn:li:person:N1naAcme7', role: 'agency-marketer' },
  },
  grants: [],
};

/** Bloom as the demo has it: a wrong level, a personal address, an invitation waiting, LinkedIn in place; Meta unreadable. */
function bloomPlan(): Plan {
  const desired = desiredOf(
    [GOOGLE_ADS, LINKEDIN],
    [
      want(GOOGLE_ADS, NINA, 'standard'),
      want(GOOGLE_ADS, PRIYA, 'read-only', { person: 'priya' }),
      want(LINKEDIN, 'urn:li:person:N1naAcme7', 'campaign-manager', { person: 'nina' }),
    ],
  );
  const readings = [
    read(GOOGLE_ADS, [
      has(NINA, 'read-only'),
      has('nina.acme@gmail.com', 'standard'),
      has(PRIYA, 'read-only', { pending: { id: '7100001', expired: false, createdAt: '2026-11-21T09:00:00.000Z' } }),
    ]),
    read(LINKEDIN, [has('urn:li:person:N1naAcme7', 'campaign-manager')]),
  ];
  return {
    fingerprint: 'sha256:0',
    changes: [],
    held: [],
    unread: [{ client: 'bloom', kind: 'meta-ad-account', resource: 'act_2200000001', error: 'could not verify: LATCH_META_TOKEN is not set' }],
    findings: [],
    warnings: [],
    requests: planRequests(desired, readings, TODAY, { personalDomains: ['gmail.com'] }),
  };
}

const file = { path: 'clients/bloom.yaml', data: BLOOM };

describe('the access request message', () => {
  it('sorts items into what to do, what waits and what is verified', () => {
    const message = buildRequestMessage(file, bloomPlan(), TODAY);
    expect(message.to).toEqual([{ key: 'olivia', email: 'olivia@bloombotanicals.com' }]);
    expect(message.from).toEqual([{ key: 'priya', email: PRIYA }]);
    expect(message.todo.map((request) => `${request.status} ${request.principal}`)).toEqual([`wrong-level ${NINA}`, 'unexpected nina.acme@gmail.com']);
    expect(message.waiting.map((request) => request.principal)).toEqual([PRIYA]);
    expect(message.verified.map((request) => request.principal)).toEqual(['urn:li:person:N1naAcme7']);
    expect(message.unverified.map((entry) => entry.resource)).toEqual(['act_2200000001']);
    expect(asksSomething(message)).toBe(true);
  });

  it('as plain text is an e-mail naming account, person, level and the steps', () => {
    const text = renderRequestText(buildRequestMessage(file, bloomPlan(), TODAY));
    expect(text).toContain('Subject: Bloom Botanicals: access our team needs on your accounts (2 changes to make)');
    expect(text).toContain('To: olivia <olivia@bloombotanicals.com>');
    expect(text).toContain('Hello olivia,');
    expect(text).toContain(`1. Change ${NINA} from read-only to standard on Google Ads account 123-456-7890.`);
    expect(text).toContain('   Why: read-only is too low: role agency-marketer in clients/bloom.yaml:24 asks for standard.');
    expect(text).toContain('   a) Sign in to Google Ads (ads.google.com), open account 123-456-7890, then Admin → Access and security → Users.');
    expect(text).toContain(`   b) Find ${NINA}, open the access level menu, choose Standard, then Save.`);
    expect(text).toContain('2. Remove nina.acme@gmail.com (standard) from Google Ads account 123-456-7890.');
    expect(text).toContain(`  - Waiting for ${PRIYA} to accept the invitation to Google Ads account 123-456-7890 (sent 2 days ago).`);
    expect(text).toContain('  - LinkedIn ad account 508877001: nina (urn:li:person:N1naAcme7) has campaign-manager.');
    expect(text).toContain('Not checked this time, so we make no claim about them:\n  - Meta ad account act_2200000001');
    // The client gets no credential hint: that is the agency's problem.
    expect(text).not.toContain('LATCH_META_TOKEN');
    expect(text.trimEnd().endsWith(`Thank you,\npriya <${PRIYA}>`)).toBe(true);
  });

  it('as markdown is a task list for a pull request or an issue, with the read error for the agency', () => {
    const markdown = renderRequestMarkdown(buildRequestMessage(file, bloomPlan(), TODAY));
    expect(markdown).toContain('## Access request: Bloom Botanicals');
    expect(markdown).toContain('checked on 2026-11-23: **2** to do · 1 waiting for acceptance · 1 verified · 1 account not checked.');
    expect(markdown).toContain(`- [ ] Change ${NINA} from read-only to standard on Google Ads account 123-456-7890`);
    expect(markdown).toContain('  1. Sign in to Google Ads (ads.google.com), open account 123-456-7890, then Admin → Access and security → Users.');
    expect(markdown).toContain('- [x] LinkedIn ad account 508877001: nina (urn:li:person:N1naAcme7) has campaign-manager');
    expect(markdown).toContain('- Meta ad account act\\_2200000001: could not verify: LATCH\\_META\\_TOKEN is not set');
    expect(markdown).not.toContain('\n\n\n');
  });

  it('thanks the client when everything is in place, and greets the team when no delegate is named', () => {
    const plan: Plan = { ...bloomPlan(), unread: [], requests: bloomPlan().requests?.filter((request) => request.status === 'verified') };
    const message = buildRequestMessage({ path: 'clients/bloom.yaml', data: { ...BLOOM, delegates: [] } }, plan, TODAY);
    expect(asksSomething(message)).toBe(false);
    const text = renderRequestText(message);
    expect(text).toContain('Subject: Bloom Botanicals: access to your accounts is in place');
    expect(text).toContain('Hello Bloom Botanicals team,');
    expect(text).toContain('everything is in place, thank you.');
    expect(text).not.toContain('To:');
  });

  it('leaves out other clients and managed resources', () => {
    const plan = bloomPlan();
    const other = {
      ...plan,
      requests: (plan.requests ?? []).map((request) => ({ ...request, client: 'apex' })),
      unread: plan.unread.map((entry) => ({ ...entry, client: 'apex' })),
    };
    const message = buildRequestMessage(file, other, TODAY);
    expect([...message.todo, ...message.waiting, ...message.verified, ...message.unverified]).toEqual([]);
    const managed = buildRequestMessage({ path: 'clients/bloom.yaml', data: { ...BLOOM, resources: { ...BLOOM.resources, 'meta-ads': { kind: 'meta-ad-account', ref: 'act_2200000001' } } } }, plan, TODAY);
    expect(managed.unverified).toEqual([]);
  });
});

describe('the access requests in a plan', () => {
  it('as text lists the open items and counts the verified ones', () => {
    const text = renderText(bloomPlan(), { color: false });
    expect(text).toContain('Access requests (3; the client acts, Latch only verifies; the message: latch request bloom):');
    expect(text).toMatch(/bloom {2}google-ads-account {2}1234567890 {2}nina@acme-agency\.com +wrong-level +read-only -> standard/);
    expect(text).toMatch(/priya@acme-agency\.com +pending +read-only, invitation pending 2 days/);
    expect(text).toMatch(/nina\.acme@gmail\.com +unexpected +remove standard/);
    expect(text).not.toContain('N1naAcme7');
    expect(text).toContain('Access requests: 3 open, 1 verified.');
  });

  it('as markdown has a short section pointing at latch request', () => {
    const markdown = renderMarkdown(bloomPlan());
    expect(markdown).toContain('### Access requests: the client acts, Latch verifies');
    expect(markdown).toContain(`- **bloom** · wrong-level: change ${NINA} from read-only to standard on Google Ads account 123-456-7890`);
    expect(markdown).toContain('- 1 grant on client-owned accounts verified');
    expect(markdown).toContain('- the message for each client: `latch request bloom`');
  });

  it.each([
    [{ status: 'missing', wanted: 'standard', actual: null }, 'none -> standard'],
    [{ status: 'wrong-level', wanted: 'standard', actual: 'admin' }, 'admin -> standard'],
    [{ status: 'wrong-level', wanted: 'standard', actual: 'admin', pending: { id: '1', expired: false } }, 'admin -> standard (invitation)'],
    [{ status: 'pending', wanted: 'standard', actual: 'standard', ageDays: 1 }, 'standard, invitation pending 1 day'],
    [{ status: 'expired', wanted: 'standard', actual: 'standard', ageDays: 30 }, 'invitation expired (sent 30 days ago), wanted standard'],
    [{ status: 'unexpected', wanted: null, actual: 'read-only' }, 'remove read-only'],
    [{ status: 'verified', wanted: 'standard', actual: 'standard' }, 'standard'],
  ] as const)('states %o as "%s"', (fields, state) => {
    const [base] = bloomPlan().requests ?? [];
    if (!base) throw new Error('the sample plan has requests');
    expect(requestState({ ...base, pending: undefined, ageDays: undefined, ...fields })).toBe(state);
  });

  it('says nothing about requests when no resource is in verify mode', () => {
    const plan: Plan = { ...bloomPlan(), requests: undefined, unread: [] };
    expect(renderText(plan, { color: false })).not.toContain('Access requests');
    expect(renderMarkdown(plan)).not.toContain('Access requests');
  });
});
