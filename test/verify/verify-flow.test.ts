import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { adsDateTime } from '../../src/emulators/google-ads/state.js';
import { runLatch } from '../e2e/cli-harness.js';
import { startAdEmulators, type AdEmulators } from './ads-emulators.js';

const NINA = 'nina@acme-agency.com';
const PRIYA = 'priya@acme-agency.com';
const NINA_URN = 'urn:li:person:N1naAcme7';

/** Bloom with one ad account in the agency's own business (managed) and three it owns itself (verified). */
const FILES: Record<string, string> = {
  'clients/bloom.yaml': `client: bloom
name: Bloom Botanicals
domains: [bloombotanicals.com]
owners: [priya]
delegates: [olivia]
resources:
  agency-meta:  { kind: meta-ad-account,     ref: act_2200000001 }
  meta-ads:     { kind: meta-ad-account,     ref: act_3300000001, mode: verify }
  google-ads:   { kind: google-ads-account,  ref: "123-456-7890", mode: verify }
  linkedin-ads: { kind: linkedin-ad-account, ref: "508877001", mode: verify }
people:
  olivia: { email: olivia@bloombotanicals.com, role: client-admin }
  priya:  { email: ${PRIYA}, linkedin: "urn:li:person:Pr1yaAcme3", role: agency-lead }
  nina:   { email: ${NINA}, linkedin: "${NINA_URN}", role: agency-marketer }
`,
  'policies/roles.yaml': `roles:
  client-admin: { description: Client admin, side: client, levels: { drive-folder: writer } }
  agency-lead: { description: Runs the account, side: agency, levels: { meta-ad-account: analyze, google-ads-account: read-only, linkedin-ad-account: viewer } }
  agency-marketer: { description: Runs campaigns, side: agency, levels: { meta-ad-account: advertise, google-ads-account: standard, linkedin-ad-account: campaign-manager } }
`,
  'policies/guardrails.yaml': 'agencyDomains: [acme-agency.com]\npersonalDomains: [gmail.com]\n',
  'policies/platforms.yaml': '{}\n',
};

let ads: AdEmulators;
let dir: string;

beforeEach(async () => {
  ads = await startAdEmulators({
    meta: {
      businessId: '4455660001',
      people: { [PRIYA]: 'EMPLOYEE', [NINA]: 'EMPLOYEE' },
      adAccounts: { act_2200000001: { [PRIYA]: 'ANALYZE' }, act_3300000001: { [PRIYA]: 'ANALYZE', [NINA]: 'ANALYZE' } },
    },
    googleAds: {
      customers: {
        '1234567890': {
          users: { 'olivia@bloombotanicals.com': 'ADMIN', [NINA]: 'READ_ONLY' },
          invitations: [{ id: '7100001', email: PRIYA, role: 'READ_ONLY', createdAt: adsDateTime(Date.now() - 86_400_000) }],
        },
      },
    },
    linkedin: { accounts: { '508877001': { 'urn:li:person:b1oomOwner0': 'ACCOUNT_BILLING_ADMIN', 'urn:li:person:Pr1yaAcme3': 'VIEWER' } } },
  });
  dir = await mkdtemp(join(tmpdir(), 'latch-verify-'));
  for (const [path, text] of Object.entries(FILES)) {
    await mkdir(join(dir, path, '..'), { recursive: true });
    await writeFile(join(dir, path), text);
  }
});

afterEach(async () => {
  await ads.close();
  await rm(dir, { recursive: true, force: true });
});

// Invitation ages count from the emulator's clock, so the run's date is today's, not the harness's pinned one.
const latch = (args: string[]) => runLatch(args, { cwd: dir, env: { ...ads.env, LATCH_TODAY: new Date().toISOString().slice(0, 10) } });

interface JsonItem {
  status: string;
  kind: string;
  principal: string;
}

interface JsonMessage {
  todo: JsonItem[];
  waiting: JsonItem[];
  verified: JsonItem[];
}

function items(list: readonly JsonItem[]): string[] {
  return list.map((item) => `${item.status} ${item.kind} ${item.principal}`);
}

describe('verify mode against the emulated ad platforms', () => {
  it('asks the client, applies only the managed account, then verifies what the client did', async () => {
    const request = await latch(['request', 'bloom']);
    expect(request.code, request.stderr).toBe(2);
    expect(request.stdout).toContain('Subject: Bloom Botanicals: access our team needs on your accounts (3 changes to make)');
    expect(request.stdout).toContain(`Change ${NINA} from analyze to advertise (partial access: Manage campaigns (with View performance)) on Meta ad account act_3300000001.`);
    expect(request.stdout).toContain(`Change ${NINA} from read-only to standard on Google Ads account 123-456-7890.`);
    expect(request.stdout).toContain(`Give nina (${NINA_URN}) campaign-manager on LinkedIn ad account 508877001.`);
    expect(request.stdout).toContain(`Waiting for ${PRIYA} to accept the invitation to Google Ads account 123-456-7890 (sent 1 day ago).`);

    const plan = await latch(['plan', '--format', 'json']);
    expect(plan.code).toBe(2);
    const changes = (JSON.parse(plan.stdout) as { changes: { action: string; resource: string; principal: string; to: string }[] }).changes;
    expect(changes.map((change) => `${change.action} ${change.resource} ${change.principal} ${change.to}`)).toEqual([`grant act_2200000001 ${NINA} advertise`]);

    const apply = await latch(['apply', '--yes']);
    expect(apply.code, apply.stderr).toBe(0);
    expect(ads.writes().map(({ platform, request }) => `${platform} ${request.method} ${request.path}`)).toEqual(['meta POST /act_2200000001/assigned_users']);
    expect(ads.meta.snapshot().adAccounts.act_2200000001?.[NINA]).toBe('ADVERTISE');

    // Latch has nothing left to do, but the client does: plan still exits 2.
    const afterApply = await latch(['plan']);
    expect(afterApply.code).toBe(2);
    expect(afterApply.stdout).toContain('No changes.');
    expect(afterApply.stdout).toContain('Access requests: 4 open, 2 verified.');

    // The client fixes Meta and Google Ads and priya accepts; LinkedIn is forgotten.
    ads.meta.grantByClient('act_3300000001', NINA, 'ADVERTISE');
    ads.googleAds.grantByClient('1234567890', NINA, 'STANDARD');
    expect(ads.googleAds.acceptInvitation(PRIYA, '1234567890')).toBe(1);

    const again = await latch(['request', 'bloom', '--format', 'json']);
    expect(again.code).toBe(2);
    const message = JSON.parse(again.stdout) as JsonMessage;
    expect(items(message.todo)).toEqual([`missing linkedin-ad-account ${NINA_URN}`]);
    expect(message.waiting).toEqual([]);
    expect(items(message.verified)).toEqual([
      `verified google-ads-account ${NINA}`,
      `verified google-ads-account ${PRIYA}`,
      'verified linkedin-ad-account urn:li:person:Pr1yaAcme3',
      `verified meta-ad-account ${NINA}`,
      `verified meta-ad-account ${PRIYA}`,
    ]);
    const drift = await latch(['drift']);
    expect(drift.code).toBe(2);
    expect(drift.stdout).toMatch(/bloom +linkedin-ad-account +508877001 +urn:li:person:N1naAcme7 +missing/);

    ads.linkedin.grantByClient('508877001', NINA_URN, 'CAMPAIGN_MANAGER');
    const done = await latch(['request', 'bloom']);
    expect(done.code).toBe(0);
    expect(done.stdout).toContain('everything is in place, thank you.');
    expect((await latch(['plan'])).code).toBe(0);
    expect(ads.writes()).toHaveLength(1);
  });

  it('claims nothing about an account it cannot read, and exits 1', async () => {
    ads.googleAds.switches.faults.push({ path: 'googleAds:search', status: 403, times: 100 });
    const request = await latch(['request', 'bloom', '--format', 'markdown']);
    expect(request.code).toBe(1);
    expect(request.stdout).toContain('### Not checked: no claim is made about these');
    expect(request.stdout).toMatch(/- Google Ads account 123-456-7890: could not verify: /);
    expect(request.stdout).not.toContain(`${NINA} from read-only`);
    expect(request.stdout).toContain(`Change ${NINA} from analyze to advertise`);
    const plan = await latch(['plan']);
    expect(plan.code).toBe(1);
    expect(plan.stdout).toMatch(/bloom +google-ads-account +123-456-7890 +could not verify/);
  });

  it('refuses csv, names unknown clients, and has nothing to ask of a client without verify-mode resources', async () => {
    expect((await latch(['request', 'bloom', '--format', 'csv'])).stderr).toContain('latch request writes text (an e-mail), markdown');
    const unknown = await latch(['request', 'blom']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no client "blom"');
    await writeFile(join(dir, 'clients/bloom.yaml'), (FILES['clients/bloom.yaml'] ?? '').replace(/, mode: verify/g, ''));
    const none = await latch(['request', 'bloom']);
    expect(none.code).toBe(0);
    expect(none.stdout).toContain('Bloom Botanicals has no resource in verify mode');
  });
});
