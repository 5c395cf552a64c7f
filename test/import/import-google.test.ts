import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { googleImporter } from '../../src/platforms/google/discover.js';
import { DEMO_GOOGLE } from '../../src/demo/google-slack-seeds.js';
import { startGoogleEmulator, type GoogleEmulator, type GoogleSeed } from '../../src/emulators/google/index.js';
import { runLatch } from '../e2e/cli-harness.js';
import { examplePolicies, workspace, type Workspace } from '../e2e/workspace.js';

const TOKEN = 'ya29.import-test-token';
let google: GoogleEmulator | undefined;
let repo: Workspace | undefined;

afterEach(async () => {
  await google?.close();
  await repo?.remove();
  google = undefined;
  repo = undefined;
});

/** One item per page, so every discovery list takes more than one page. */
async function start(seed: GoogleSeed): Promise<{ google: GoogleEmulator; repo: Workspace }> {
  google = await startGoogleEmulator({ seed, token: TOKEN, maxPageSize: 1 });
  repo = await workspace(await examplePolicies());
  return { google, repo };
}

function latch(args: string[], cwd: string, url: string) {
  return runLatch(args, { cwd, env: { LATCH_GOOGLE_API_URL: url, LATCH_GOOGLE_ACCESS_TOKEN: TOKEN } });
}

/** The demo plus a second group and a property of a second account, so each list has two pages. */
function twoPageSeed(): GoogleSeed {
  const seed = structuredClone(DEMO_GOOGLE);
  seed.groups = { ...seed.groups, 'apex-team@acme-agency.com': [{ email: 'maria@acme-agency.com', role: 'OWNER' }] };
  seed.ga4 = { ...seed.ga4, '398765432': { account: '2000002', bindings: [{ user: 'dana@apexoutdoor.com', roles: ['predefinedRoles/viewer'] }] } };
  seed.names = { ...seed.names, '398765432': 'apex-store-ga4' };
  return seed;
}

describe('latch import --platform google', () => {
  it('imports the demo folders, GA4 property and group, paged, into files that validate', async () => {
    const { google: emulator, repo: dir } = await start(structuredClone(DEMO_GOOGLE));
    const run = await latch(['import', '--platform', 'google'], dir.dir, emulator.url);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('# Import from Google Workspace customer C01abc2de, 2026-11-23');
    expect(run.stdout).toContain('Wrote 2 client files to imported/clients');
    expect((await readdir(join(dir.dir, 'imported', 'clients'))).sort()).toEqual(['apex.yaml', 'bloom.yaml']);
    const apex = await dir.read('imported/clients/apex.yaml');
    expect(apex).toContain('  internal-notes: { kind: drive-folder, ref: 1ApexInternalNotes }');
    expect(apex).toContain('  maria: { role: agency-lead }');
    expect(await dir.read('imported/policies/people.yaml')).toContain('  maria: { email: maria@acme-agency.com }');
    const bloom = await dir.read('imported/clients/bloom.yaml');
    expect(bloom).toContain('  campaign-assets: { kind: drive-folder, ref: 1BloomCampaignAssets }');
    expect(bloom).toContain('  site-ga4: { kind: ga4-property, ref: "312345678" }');
    expect(bloom).toContain('  team: { kind: google-group, ref: bloom-team@acme-agency.com }');
    expect(bloom).toContain('  olivia: { email: olivia@bloombotanicals.com, role: client-viewer }');

    const validate = await latch(['validate', '--dir', 'imported'], dir.dir, emulator.url);
    expect(validate.code, validate.stderr).toBe(0);
    expect(validate.stdout).toContain('Valid: 2 clients');
    const lists = emulator.requests.filter((request) => ['/drive/v3/files', '/v1alpha/accountSummaries', '/admin/directory/v1/groups'].includes(request.path));
    expect(lists.map((request) => request.path).filter((path) => path === '/drive/v3/files')).toHaveLength(2);
    expect(lists.find((request) => request.path === '/admin/directory/v1/groups')?.query).toContain('customer=C01abc2de');
    // Drive's batches of GETs are the only POSTs: import writes nothing.
    expect(emulator.requests.filter((request) => request.method !== 'GET' && request.path !== '/batch/drive/v3')).toEqual([]);
    expect(emulator.batched.filter((request) => request.method !== 'GET')).toEqual([]);
  });

  it.each([
    { list: 'Drive folders', path: /^\/drive\/v3\/files$/, what: 'GET drive/v3/files' },
    { list: 'GA4 account summaries', path: /^\/v1alpha\/accountSummaries$/, what: 'GET v1alpha/accountSummaries' },
    { list: 'groups', path: /^\/admin\/directory\/v1\/groups$/, what: 'GET admin/directory/v1/groups' },
  ])('fails closed when the second page of $list fails: exit 1, nothing written', async ({ path, what }) => {
    const { google: emulator, repo: dir } = await start(twoPageSeed());
    emulator.switches.faults.push({ method: 'GET', path, status: 403, after: 1, body: { error: { code: 403, message: 'The caller does not have permission', status: 'PERMISSION_DENIED' } } });
    const run = await latch(['import', '--platform', 'google'], dir.dir, emulator.url);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${what}: 403 PERMISSION_DENIED The caller does not have permission`);
    expect(existsSync(join(dir.dir, 'imported'))).toBe(false);
  });

  it('imports a second account\'s property and group when every page answers', async () => {
    const { google: emulator, repo: dir } = await start(twoPageSeed());
    const run = await latch(['import', '--platform', 'google'], dir.dir, emulator.url);
    expect(run.code, run.stderr).toBe(0);
    const apex = await dir.read('imported/clients/apex.yaml');
    expect(apex).toContain('  store-ga4: { kind: ga4-property, ref: "398765432" }');
    expect(apex).toContain('  team: { kind: google-group, ref: apex-team@acme-agency.com }');
  });
});

describe('googleImporter.emails', () => {
  it('maps e-mail principals to themselves and leaves link sharing out', async () => {
    const context = { config: {}, env: {}, logger: pino({ level: 'silent' }) };
    const found = await googleImporter.emails(context, ['Nina@Acme-Agency.com', 'anyone', 'domain:apexoutdoor.com']);
    expect([...found]).toEqual([['Nina@Acme-Agency.com', 'nina@acme-agency.com']]);
  });
});
