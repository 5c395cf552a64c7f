import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_AD_TOKENS, DEMO_LINKEDIN, DEMO_META, demoAdsEnv, demoGoogleAdsSeed } from '../../src/demo/ads-seeds.js';
import type { Emulator } from '../../src/emulators/harness.js';
import { googleAdsImporter } from '../../src/platforms/google-ads/discover.js';
import { linkedinImporter } from '../../src/platforms/linkedin/discover.js';
import { metaImporter } from '../../src/platforms/meta/discover.js';
import { startGoogleAdsEmulator } from '../../src/emulators/google-ads/index.js';
import { startLinkedinEmulator } from '../../src/emulators/linkedin/index.js';
import { startMetaEmulator } from '../../src/emulators/meta/index.js';
import { runLatch } from '../e2e/cli-harness.js';
import { examplePolicies, workspace, type Workspace } from '../e2e/workspace.js';

type Platform = 'meta' | 'google-ads' | 'linkedin';

let emulator: Emulator | undefined;
let repo: Workspace | undefined;

afterEach(async () => {
  await emulator?.close();
  await repo?.remove();
  emulator = undefined;
  repo = undefined;
});

/** Each demo account plus a second one, named by client prefix; Meta and LinkedIn answer one account per page. */
async function startPlatform(platform: Platform): Promise<Emulator> {
  if (platform === 'meta') {
    const seed = structuredClone(DEMO_META);
    seed.adAccounts = { ...seed.adAccounts, act_2200000002: { 'priya@acme-agency.com': 'MANAGE' } };
    const names = { act_2200000001: 'bloom-meta-ads', act_2200000002: 'apex-meta-ads' };
    return startMetaEmulator({ seed, token: DEMO_AD_TOKENS.meta, names, maxPageSize: 1 });
  }
  if (platform === 'google-ads') {
    const seed = demoGoogleAdsSeed();
    seed.customers = { ...seed.customers, '9876543210': { users: { 'maria@acme-agency.com': 'ADMIN' } } };
    const names = { '1234567890': 'bloom-google-ads', '9876543210': 'apex-google-ads' };
    return startGoogleAdsEmulator({ seed, token: DEMO_AD_TOKENS.googleAds, developerToken: DEMO_AD_TOKENS.googleAdsDeveloper, names });
  }
  const seed = structuredClone(DEMO_LINKEDIN);
  seed.accounts = { ...seed.accounts, '508877002': { 'urn:li:person:Mar1aAcme5': 'ACCOUNT_MANAGER' } };
  return startLinkedinEmulator({ seed, token: DEMO_AD_TOKENS.linkedin, names: { '508877001': 'bloom-linkedin-ads', '508877002': 'apex-linkedin-ads' }, maxPageSize: 1 });
}

async function start(platform: Platform): Promise<{ url: string; dir: Workspace }> {
  emulator = await startPlatform(platform);
  repo = await workspace(await examplePolicies());
  return { url: emulator.url, dir: repo };
}

/** Every platform variable points at the one emulator running; the others are never called. */
function latch(args: string[], cwd: string, url: string) {
  return runLatch(args, { cwd, env: demoAdsEnv({ meta: url, googleAds: url, linkedin: url }) });
}

describe('latch import --platform meta|google-ads|linkedin', () => {
  it.each([
    {
      platform: 'meta' as const,
      source: 'Meta Business Manager 4455660001',
      line: '  meta-ads: { kind: meta-ad-account, ref: act_2200000001 }',
      person: '  nina: { role: agency-marketer }',
      discovery: /^\/4455660001\/owned_ad_accounts$/,
      calls: 2,
    },
    {
      platform: 'google-ads' as const,
      source: 'Google Ads, the customers the credential reaches',
      line: '  google-ads: { kind: google-ads-account, ref: "1234567890" }',
      person: '  olivia: { email: olivia@bloombotanicals.com',
      discovery: /^\/customers:listAccessibleCustomers$/,
      // Once to discover, once more when the adapter reads the grants: it learns which customers need a manager.
      calls: 2,
    },
  ])('imports the $platform demo accounts, paged, into files that validate', async ({ platform, source, line, person, discovery, calls }) => {
    const { url, dir } = await start(platform);
    const run = await latch(['import', '--platform', platform], dir.dir, url);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`# Import from ${source}, 2026-11-23`);
    expect((await readdir(join(dir.dir, 'imported', 'clients'))).sort()).toEqual(['apex.yaml', 'bloom.yaml']);
    const bloom = await dir.read('imported/clients/bloom.yaml');
    expect(bloom).toContain(line);
    expect(bloom).toContain(person);
    const validate = await latch(['validate', '--dir', 'imported'], dir.dir, url);
    expect(validate.code, validate.stderr).toBe(0);
    expect(validate.stdout).toContain('Valid: 2 clients');
    expect(emulator?.requests.filter((request) => discovery.test(request.path))).toHaveLength(calls);
  });

  it('imports the LinkedIn demo account and reports its members, who have no e-mail', async () => {
    const { url, dir } = await start('linkedin');
    const run = await latch(['import', '--platform', 'linkedin'], dir.dir, url);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('- urn:li:person:N1naAcme7 (bloom): no e-mail known, written commented out');
    expect(run.stdout).toContain('- urn:li:person:Pr1yaAcme3 (bloom): no e-mail known, written commented out');
    expect((await readdir(join(dir.dir, 'imported', 'clients'))).sort()).toEqual(['apex.yaml', 'bloom.yaml']);
    expect(emulator?.requests.filter((request) => request.path === '/adAccounts').map((request) => request.query)).toEqual([
      '?q=search&start=0&count=100',
      '?q=search&start=1&count=100',
    ]);
    const bloom = await dir.read('imported/clients/bloom.yaml');
    expect(bloom).toContain('  linkedin-ads: { kind: linkedin-ad-account, ref: "508877001" }');
    expect(bloom).toMatch(/# \S+: \{ email: TODO, linkedin: "?urn:li:person:N1naAcme7"? \}/);
    expect(bloom).not.toContain('github: urn:li');
    const validate = await latch(['validate', '--dir', 'imported'], dir.dir, url);
    expect(validate.code, validate.stderr).toBe(0);
    expect(validate.stdout).toContain('Valid: 2 clients');
  });

  it.each([
    { platform: 'meta' as const, path: /\/owned_ad_accounts$/, body: { error: { message: '(#200) Requires business_management permission', type: 'OAuthException', code: 200 } }, says: 'GET /4455660001/owned_ad_accounts: permission denied: (#200) Requires business_management permission' },
    { platform: 'google-ads' as const, path: /googleAds:search$/, body: { error: { code: 403, message: 'The caller does not have permission', status: 'PERMISSION_DENIED' } }, says: 'googleAds:search: The caller does not have permission (PERMISSION_DENIED)' },
    { platform: 'linkedin' as const, path: /\/adAccounts$/, body: { status: 403, serviceErrorCode: 100, code: 'ACCESS_DENIED', message: 'Not enough permissions' }, says: 'GET /adAccounts?q=search: not found' },
  ])('fails closed when a page of $platform discovery fails: exit 1, nothing written', async ({ platform, path, body, says }) => {
    const { url, dir } = await start(platform);
    // The second page (Meta, LinkedIn) or the second customer's name (Google Ads) fails.
    emulator?.switches.faults.push({ method: platform === 'google-ads' ? 'POST' : 'GET', path, status: 403, after: 1, body });
    const run = await latch(['import', '--platform', platform], dir.dir, url);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(says);
    expect(existsSync(join(dir.dir, 'imported'))).toBe(false);
  });
});

describe('ad platform importers, e-mails', () => {
  const context = { config: {}, env: {}, logger: pino({ level: 'silent' }) };

  it.each([
    { platform: 'meta', importer: metaImporter, principals: ['Nina@Acme-Agency.com', 'meta-user:100000000000009'], expected: [['Nina@Acme-Agency.com', 'nina@acme-agency.com']] },
    { platform: 'google-ads', importer: googleAdsImporter, principals: ['Olivia@BloomBotanicals.com'], expected: [['Olivia@BloomBotanicals.com', 'olivia@bloombotanicals.com']] },
    { platform: 'linkedin', importer: linkedinImporter, principals: ['urn:li:person:N1naAcme7'], expected: [] },
  ])('$platform maps e-mail principals to themselves and nothing else', async ({ importer, principals, expected }) => {
    expect([...(await importer.emails(context, principals))]).toEqual(expected);
  });
});
