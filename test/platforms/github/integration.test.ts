import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PlatformAdapter } from '../../../src/platforms/adapter.js';
import { startGithubEmulator, type GithubEmulator, type GithubSeed } from '../../../src/emulators/github/index.js';
import { createGithubAdapter } from '../../../src/platforms/github/index.js';
import { onlyLocalNetwork } from '../emulator-per-test.js';
import { repoResource, teamResource } from './helpers.js';

const TOKEN = 'ghs_integrationSecret0123456789abcdef';

function seed(): GithubSeed {
  const many = Object.fromEntries(Array.from({ length: 130 }, (_, index) => [`dev-${String(index).padStart(3, '0')}`, 'push' as const]));
  return {
    org: 'acme',
    members: ['maria-acme', 'sam-acme'],
    owners: ['acme-owner'],
    users: ['finn-apex', 'new-hire', 'stranger'],
    repos: {
      'acme/web': {
        collaborators: { 'Dana-Apex': 'push', 'maria-acme': 'admin' },
        invitations: [
          { id: 41, invitee: 'finn-apex', permissions: 'pull', created_at: '2026-01-05T10:00:00Z' },
          { id: 42, invitee: null, email: 'ops@apexoutdoor.com', permissions: 'triage' },
          { id: 43, invitee: 'old-timer', permissions: 'maintain', expired: true },
        ],
      },
      'acme/big': { collaborators: many },
      'acme/side': { collaborators: { stranger: 'pull' } },
    },
    teams: { 'apex-engineers': { members: { 'dana-apex': 'member', 'maria-acme': 'maintainer' }, pending: { 'new-hire': 'member' } } },
  };
}

let emulator: GithubEmulator;
let github: PlatformAdapter;

onlyLocalNetwork();

beforeEach(async () => {
  emulator = await startGithubEmulator({ seed: seed(), token: TOKEN });
  github = createGithubAdapter(
    {
      config: { github: { org: 'acme', audit: { outsideCollaborators: true } } },
      env: { GITHUB_API_URL: emulator.url, GITHUB_TOKEN: TOKEN, LATCH_GITHUB_WRITE_INTERVAL_MS: '0' },
      logger: pino({ level: 'silent' }),
    },
    { retryBaseMs: 1 },
  );
});
afterEach(() => emulator.close());

const levels = async (ref = 'acme/web') => Object.fromEntries((await github.list(repoResource(ref))).map((grant) => [grant.principal, grant.pending ? `${grant.level} (pending)` : grant.level]));

describe('GitHub adapter against the emulator', () => {
  it('lists collaborators and invitations of a repository', async () => {
    const grants = await github.list(repoResource());
    expect(grants).toEqual([
      { principal: 'dana-apex', level: 'push' },
      { principal: 'finn-apex', level: 'pull', pending: { id: '41', expired: false, createdAt: '2026-01-05T10:00:00Z' } },
      { principal: 'maria-acme', level: 'admin' },
      { principal: 'old-timer', level: 'maintain', pending: expect.objectContaining({ id: '43', expired: true }) },
      { principal: 'ops@apexoutdoor.com', level: 'triage', pending: expect.objectContaining({ id: '42', expired: false }) },
    ]);
    expect(emulator.requests.every((request) => request.authorization === `token ${TOKEN}`)).toBe(true);
  });

  it('pages through a long collaborator list', async () => {
    const grants = await github.list(repoResource('acme/big'));
    expect(grants).toHaveLength(130);
    expect(emulator.requests.filter((request) => request.path === '/graphql')).toHaveLength(2);
    expect(github.calls).toEqual({ reads: 3, writes: 0 });
  });

  it('lists a team by role with its pending members', async () => {
    expect(await github.list(teamResource())).toEqual([
      { principal: 'dana-apex', level: 'member' },
      { principal: 'maria-acme', level: 'maintainer' },
      { principal: 'new-hire', level: 'member', pending: expect.objectContaining({ expired: false }) },
    ]);
  });

  it('grants, changes and revokes on a repository, idempotently', async () => {
    const resource = { client: 'apex', kind: 'github-repo', resource: 'acme/web', reason: 'test' } as const;
    expect(await github.apply({ ...resource, action: 'grant', principal: 'sam-acme', from: null, to: 'maintain' })).toEqual({ status: 'applied' });
    expect(await github.apply({ ...resource, action: 'grant', principal: 'new-hire', from: null, to: 'push' })).toEqual({ status: 'applied', detail: 'invitation sent' });
    expect(await github.apply({ ...resource, action: 'update', principal: 'finn-apex', from: 'pull', to: 'push', pending: { id: '41', expired: false } })).toEqual({ status: 'applied', detail: 'invitation updated' });
    expect(await github.apply({ ...resource, action: 'update', principal: 'dana-apex', from: 'push', to: 'triage' })).toEqual({ status: 'applied' });
    expect(await github.apply({ ...resource, action: 'grant', principal: 'old-timer', from: null, to: 'pull', pending: { id: '43', expired: true } })).toMatchObject({ status: 'applied' });
    expect(await github.apply({ ...resource, action: 'revoke', principal: 'ops@apexoutdoor.com', from: 'triage', to: null, pending: { id: '42', expired: false } })).toMatchObject({ status: 'applied' });
    expect(await github.apply({ ...resource, action: 'revoke', principal: 'maria-acme', from: 'admin', to: null })).toEqual({ status: 'applied' });
    expect(await github.apply({ ...resource, action: 'revoke', principal: 'ops@apexoutdoor.com', from: 'triage', to: null, pending: { id: '42', expired: false } })).toEqual({ status: 'unchanged' });

    expect(await levels()).toEqual({
      'dana-apex': 'triage',
      'finn-apex': 'push (pending)',
      'new-hire': 'push (pending)',
      'old-timer': 'pull (pending)',
      'sam-acme': 'maintain',
    });
  });

  it('grants and revokes team memberships', async () => {
    const team = { client: 'apex', kind: 'github-team', resource: 'acme/apex-engineers', reason: 'test' } as const;
    expect(await github.apply({ ...team, action: 'grant', principal: 'sam-acme', from: null, to: 'maintainer' })).toEqual({ status: 'applied' });
    expect(await github.apply({ ...team, action: 'grant', principal: 'finn-apex', from: null, to: 'member' })).toEqual({ status: 'applied', detail: 'invitation sent' });
    expect(await github.apply({ ...team, action: 'revoke', principal: 'dana-apex', from: 'member', to: null })).toEqual({ status: 'applied' });
    const grants = await github.list(teamResource());
    expect(grants.map((grant) => `${grant.principal}:${grant.level}${grant.pending ? ':pending' : ''}`)).toEqual([
      'finn-apex:member:pending',
      'maria-acme:maintainer',
      'new-hire:member:pending',
      'sam-acme:maintainer',
    ]);
  });

  it('fails closed when the second page fails after retries', async () => {
    emulator.switches.faults.push({ method: 'POST', path: '/graphql', status: 500, after: 1, times: 4 });
    await expect(github.list(repoResource('acme/big'))).rejects.toMatchObject({ platform: 'github', status: 500, retryable: true });
  });

  it('waits out a rate limit as long as the emulator says, then completes the list', async () => {
    emulator.switches.rateLimit = { every: 2, retryAfterSeconds: 1 };
    const started = Date.now();
    expect(await github.list(repoResource())).toHaveLength(5);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(emulator.requests.filter((request) => request.status === 403 || request.status === 429)).toHaveLength(1);
  });

  it('fails closed on a repository that does not exist', async () => {
    await expect(github.list(repoResource('acme/nope'))).rejects.toMatchObject({ status: 404, retryable: false });
  });

  it('reports a wrong token without quoting it', async () => {
    const wrong = createGithubAdapter({
      config: { github: { org: 'acme', audit: { outsideCollaborators: false } } },
      env: { GITHUB_API_URL: emulator.url, GITHUB_TOKEN: 'ghp_wrongTokenValue987654321', LATCH_GITHUB_WRITE_INTERVAL_MS: '0' },
      logger: pino({ level: 'silent' }),
    });
    const error = await wrong.list(repoResource()).catch((failure: unknown) => failure);
    expect(error).toMatchObject({ status: 401 });
    expect(String(error)).not.toContain('ghp_wrongTokenValue987654321');
  });

  it('finds the outside collaborators no client declares', async () => {
    const findings = await github.audit?.({ principals: new Set(['dana-apex']), resources: [] });
    expect(findings?.map((finding) => finding.subject)).toContain('stranger');
    expect(findings?.map((finding) => finding.subject)).not.toContain('dana-apex');
    expect(findings?.map((finding) => finding.subject)).not.toContain('maria-acme');
  });
});
