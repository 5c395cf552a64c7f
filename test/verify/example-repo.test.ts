import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_GOOGLE_ADS, DEMO_LINKEDIN, DEMO_META, bloomActsOnRequest } from '../../src/demo/ads-seeds.js';
import { bloomAddsToJira } from '../../src/demo/jira-seed.js';
import { startDemoPlatforms, type SandboxPlatforms } from '../../src/sandbox/platforms.js';
import { bloomActsOnTiktok } from '../../src/demo/tiktok-seed.js';
import { bloomAssignsInAws } from '../../src/demo/aws-seed.js';
import { copyExampleRepo, runLatch } from '../e2e/cli-harness.js';
import { startAdEmulators, type AdEmulators } from './ads-emulators.js';

let platforms: SandboxPlatforms;
let ads: AdEmulators;
let repo: { dir: string; remove: () => Promise<void> };

beforeEach(async () => {
  platforms = await startDemoPlatforms();
  ads = await startAdEmulators({ meta: DEMO_META, googleAds: DEMO_GOOGLE_ADS, linkedin: DEMO_LINKEDIN });
  repo = await copyExampleRepo();
});

afterEach(async () => {
  await Promise.all([platforms.close(), ads.close()]);
  await repo.remove();
});

const latch = (args: string[]) => runLatch(args, { cwd: repo.dir, env: { ...platforms.env, ...ads.env, LATCH_RETRY_BASE_MS: '10' } });

interface JsonChange {
  action: string;
  kind: string;
  resource: string;
  principal: string;
}

describe('the example repository with its ad accounts', () => {
  it('adds no change for the ad accounts and asks Bloom for what its own accounts lack', async () => {
    const plan = await latch(['plan', '--format', 'json']);
    expect(plan.stderr).toBe('');
    expect(plan.code).toBe(2);
    const changes = (JSON.parse(plan.stdout) as { changes: JsonChange[] }).changes;
    expect(changes.filter((change) => change.kind.startsWith('github-')).map((change) => `${change.action} ${change.resource} ${change.principal}`).sort()).toEqual([
      'grant acme-agency/bloom-site leo-bloom',
      'revoke acme-agency/apex-web zoe-zephyr',
      'revoke acme-agency/bloom-site ken-cobalt',
      'update acme-agency/apex-api sam-apex',
      'update acme-agency/apex-api tom-acme',
      'update acme-agency/apex-web dana-apex',
    ]);
    // The one ad account change: nina's Operator on Bloom's account in the agency's TikTok Business Center.
    expect(changes.filter((change) => change.kind.endsWith('-ad-account') || change.kind === 'google-ads-account').map((change) => `${change.action} ${change.kind} ${change.principal}`)).toEqual([
      'grant tiktok-ad-account nina@acme-agency.com',
    ]);

    expect((await latch(['apply', '--yes'])).code).toBe(0);
    expect(ads.writes()).toEqual([]);

    const request = await latch(['request', 'bloom']);
    expect(request.code).toBe(2);
    expect(request.stdout).toContain('Change nina@acme-agency.com from read-only to standard on Google Ads account 123-456-7890.');
    expect(request.stdout).toContain('Waiting for priya@acme-agency.com to accept the invitation to Google Ads account 123-456-7890');
    expect(request.stdout).toContain('LinkedIn ad account 508877001: nina (urn:li:person:N1naAcme7) has campaign-manager.');
    expect(request.stdout).toContain('Give priya@acme-agency.com administrator (Administrators) on Jira project BLOOM.');
    expect(request.stdout).toContain('Click Add people, enter priya@acme-agency.com, choose the role Administrators, then Add.');

    // Latch has nothing left to do, but Bloom has: plan says so with exit 2.
    const waiting = await latch(['plan']);
    expect(waiting.code).toBe(2);
    expect(waiting.stdout).toContain('No changes.');
    expect(waiting.stdout).toContain('Access requests: 5 open, 7 verified.');

    bloomActsOnRequest(ads.googleAds);
    bloomActsOnTiktok(platforms.tiktok);
    bloomAssignsInAws(platforms.aws);
    bloomAddsToJira(platforms.jira);
    const after = await latch(['plan']);
    expect(after.code).toBe(0);
    expect(after.stdout).toContain('Access requests: 0 open, 12 verified.');
    expect((await latch(['request', 'bloom'])).code).toBe(0);
    expect(ads.writes()).toEqual([]);
    expect(platforms.jira.requests.filter((call) => call.method !== 'GET').map((call) => call.path)).toEqual(['/rest/api/3/project/APEX/role/10001']);
  });

  it.each(['apex', 'cobalt'])('has nothing to ask of %s, which owns no ad account', async (client) => {
    const request = await latch(['request', client]);
    expect(request.code).toBe(0);
    expect(request.stdout).toContain('has no resource in verify mode');
  });
});
