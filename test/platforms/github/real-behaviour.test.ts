import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { ActualGrant, DesiredGrant, ManagedResource } from '../../../src/model/grants.js';
import type { Level } from '../../../src/model/kinds.js';
import type { PlatformAdapter } from '../../../src/platforms/adapter.js';
import { startGithubEmulator, type GithubEmulator, type GithubSeed } from '../../../src/emulators/github/index.js';
import { createGithubAdapter } from '../../../src/platforms/github/index.js';
import { planResource } from '../../../src/plan/resource.js';
import { onlyLocalNetwork } from '../emulator-per-test.js';
import { repoResource, teamResource } from './helpers.js';

/**
 * Each documented behaviour of a real organisation (see conformance.test.ts for the pages),
 * driven end to end: emulator, adapter, planner. A second run after applying must plan nothing.
 */

const TOKEN = 'ghs_realBehaviourSecret0123456789abcdef';

function seed(): GithubSeed {
  return {
    org: 'acme',
    members: ['ana', 'ben', 'cleo', 'kid'],
    owners: ['boss'],
    basePermission: 'read',
    users: ['outsider'],
    repos: {
      'acme/web': {
        collaborators: { ana: 'push', ben: 'push', boss: 'push', outsider: 'triage' },
        invitations: [{ id: 51, invitee: null, permissions: 'pull', created_at: '2026-01-05T10:00:00Z' }],
      },
    },
    teams: {
      platform: { members: { ana: 'member' }, repos: { 'acme/web': 'admin' } },
      'apex-engineers': { members: { ben: 'member', cleo: 'maintainer', boss: 'member' }, pending: { 'lead@apexoutdoor.com': 'member' } },
      'apex-juniors': { parent: 'apex-engineers', members: { kid: 'member' } },
    },
  };
}

let emulator: GithubEmulator | undefined;

onlyLocalNetwork();
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

async function start(env: NodeJS.ProcessEnv = {}, override?: GithubSeed): Promise<{ emulator: GithubEmulator; github: PlatformAdapter }> {
  emulator = await startGithubEmulator({ seed: override ?? seed(), token: TOKEN });
  const github = createGithubAdapter(
    {
      config: { github: { org: 'acme', audit: { outsideCollaborators: false } } },
      env: { GITHUB_API_URL: emulator.url, GITHUB_TOKEN: TOKEN, LATCH_GITHUB_WRITE_INTERVAL_MS: '0', ...env },
      logger: pino({ level: 'silent' }),
    },
    { retryBaseMs: 1 },
  );
  return { emulator, github };
}

function desired(resource: ManagedResource, principal: string, level: Level): DesiredGrant {
  return {
    client: 'apex',
    kind: resource.kind,
    resource: resource.ref,
    principal,
    person: principal,
    side: 'agency',
    level,
    because: [{ source: 'grant', file: 'clients/apex.yaml', line: 3, column: 5 }],
  };
}

function plan(resource: ManagedResource, actuals: ActualGrant[], wanted: Record<string, Level>) {
  const desire = new Map(Object.entries(wanted).map(([principal, level]) => [principal, desired(resource, principal, level)]));
  const people = new Map(Object.keys(wanted).map((principal) => [principal, { side: 'agency' as const, clients: ['apex'] }]));
  const result = planResource(resource, actuals, { desired: desire, expired: new Map(), declared: true, people });
  return { changes: result.outcomes.flatMap((outcome) => (outcome.change ? [outcome.change] : [])), warnings: result.warnings.map((warning) => warning.message) };
}

describe('repository access from teams, the base role and ownership', () => {
  it('reads the direct level and reports the rest as inherited, so a declared push plans nothing', async () => {
    const { github } = await start();
    const grants = await github.list(repoResource());
    expect(grants.filter((grant) => grant.principal === 'ana')).toEqual([
      { principal: 'ana', level: 'push' },
      { principal: 'ana', level: 'admin', inheritedFrom: 'team acme/platform' },
      { principal: 'ana', level: 'pull', inheritedFrom: 'organisation acme (base role or owner)' },
    ]);
    expect(grants.filter((grant) => grant.principal === 'boss')).toContainEqual({ principal: 'boss', level: 'admin', inheritedFrom: 'organisation acme (base role or owner)' });
    const { changes, warnings } = plan(repoResource(), grants, { ana: 'push', ben: 'push', boss: 'push', outsider: 'triage' });
    expect(changes.filter((change) => change.principal !== 'deleted-user#51')).toEqual([]);
    expect(warnings).toContainEqual(expect.stringContaining('ana has admin on acme/web inherited from team acme/platform, above the declared push'));
  });

  it('never revokes or lowers inherited access: an undeclared member loses only the direct grant', async () => {
    const { github, emulator: gh } = await start();
    const { changes } = plan(repoResource(), await github.list(repoResource()), { ben: 'push', boss: 'push', outsider: 'triage' });
    const ana = changes.filter((change) => change.principal === 'ana');
    expect(ana).toMatchObject([{ action: 'revoke', from: 'push' }]);
    for (const change of ana) await github.apply(change);
    expect(gh.snapshot().repos['acme/web']?.collaborators).not.toHaveProperty('ana');
    const again = plan(repoResource(), await github.list(repoResource()), { ben: 'push', boss: 'push', outsider: 'triage' });
    expect(again.changes.filter((change) => change.principal === 'ana')).toEqual([]);
  });

  it('cancels an invitation whose invitee account was deleted, by id', async () => {
    const { github, emulator: gh } = await start();
    const grants = await github.list(repoResource());
    expect(grants).toContainEqual({ principal: 'deleted-user#51', level: 'pull', pending: { id: '51', expired: false, createdAt: '2026-01-05T10:00:00Z' } });
    const [cancel] = plan(repoResource(), grants, { ana: 'push', ben: 'push', boss: 'push', outsider: 'triage' }).changes;
    expect(cancel).toMatchObject({ action: 'revoke', principal: 'deleted-user#51', pending: { id: '51' } });
    if (!cancel) throw new Error('expected a cancellation');
    expect(await github.apply(cancel)).toEqual({ status: 'applied', detail: 'invitation cancelled' });
    expect(gh.snapshot().repos['acme/web']?.invitations).toEqual([]);
  });
});

describe('teams: nested teams, owners and invitations by e-mail', () => {
  it('reports a child team member as inherited from the child, never as a revocation here', async () => {
    const { github } = await start();
    const grants = await github.list(teamResource());
    expect(grants).toContainEqual({ principal: 'kid', level: 'member', inheritedFrom: 'team acme/apex-juniors' });
    const { changes, warnings } = plan(teamResource(), grants, { ben: 'member', cleo: 'maintainer', boss: 'member', 'lead@apexoutdoor.com': 'member' });
    expect(changes).toEqual([]);
    expect(warnings).toContainEqual(expect.stringContaining('kid has member on acme/apex-engineers inherited from team acme/apex-juniors'));
  });

  it('reads an owner as the owner, so a declared member plans no update on every run', async () => {
    const { github } = await start();
    const grants = await github.list(teamResource());
    expect(grants).toContainEqual({ principal: 'boss', level: 'maintainer', owner: true });
    expect(plan(teamResource(), grants, { ben: 'member', cleo: 'maintainer', boss: 'member', 'lead@apexoutdoor.com': 'member' }).changes).toEqual([]);
  });

  it('cancels a team invitation sent by e-mail through the organisation invitation', async () => {
    const { github, emulator: gh } = await start();
    const grants = await github.list(teamResource());
    const invitation = grants.find((grant) => grant.principal === 'lead@apexoutdoor.com');
    expect(invitation?.pending).toBeDefined();
    const [revoke] = plan(teamResource(), grants, { ben: 'member', cleo: 'maintainer', boss: 'member' }).changes;
    expect(revoke).toMatchObject({ action: 'revoke', principal: 'lead@apexoutdoor.com' });
    if (!revoke) throw new Error('expected a revocation');
    expect(await github.apply(revoke)).toEqual({ status: 'applied', detail: 'invitation cancelled' });
    expect(gh.snapshot().teams?.['apex-engineers']?.pending).toEqual({});
    expect((await github.list(teamResource())).map((grant) => grant.principal)).not.toContain('lead@apexoutdoor.com');
    expect(await github.apply(revoke)).toEqual({ status: 'unchanged' });
  });

  it('refuses to cancel an e-mail invitation that also brings the person into another team', async () => {
    const shared = seed();
    shared.teams = { ...shared.teams, ops: { pending: { 'lead@apexoutdoor.com': 'member' } } };
    const { github, emulator: gh } = await start({}, shared);
    const [revoke] = plan(teamResource(), await github.list(teamResource()), { ben: 'member', cleo: 'maintainer', boss: 'member' }).changes;
    if (!revoke) throw new Error('expected a revocation');
    await expect(github.apply(revoke)).rejects.toThrow(/also adds the person to ops/);
    expect(gh.snapshot().teams?.ops?.pending).toEqual({ 'lead@apexoutdoor.com': 'member' });
  });
});
