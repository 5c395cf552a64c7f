import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startGithubEmulator, type GithubEmulator } from '../../../src/emulators/github/index.js';
import { agencySeed, call, logins, TOKEN, type CallOptions } from './fetch.js';

let github: GithubEmulator;
const api = (method: string, path: string, options?: CallOptions) => call(github.url, method, path, options);

beforeEach(async () => {
  github = await startGithubEmulator({ seed: agencySeed(), token: TOKEN });
});

afterEach(async () => {
  await github.close();
});

describe('organisation', () => {
  it.each([
    ['all', ['boss', 'ana', 'ben']],
    ['admin', ['boss']],
    ['member', ['ana', 'ben']],
  ])('lists members with role=%s', async (role, expected) => {
    const answer = await api('GET', `/orgs/acme/members?role=${role}`);
    expect(answer.status).toBe(200);
    expect(logins(answer.body)).toEqual(expected);
    expect((answer.body as Array<Record<string, unknown>>)[0]).toMatchObject({ type: 'User', id: expect.any(Number), html_url: expect.any(String) });
  });

  it('lists outside collaborators: people with repository access who are not members', async () => {
    expect(logins((await api('GET', '/orgs/acme/outside_collaborators')).body).sort()).toEqual(['carl', 'dora', 'eve']);
  });

  it('removes an outside collaborator from every repository at once', async () => {
    expect((await api('DELETE', '/orgs/acme/outside_collaborators/carl')).status).toBe(204);
    const { repos } = github.snapshot();
    expect(repos['acme/web']?.collaborators?.carl).toBeUndefined();
    expect(repos['acme/api']?.collaborators).toEqual({ ana: 'push' });
    expect(logins((await api('GET', '/orgs/acme/outside_collaborators')).body)).not.toContain('carl');
  });

  it('refuses to remove a member as an outside collaborator (422) and an unknown user (404)', async () => {
    const member = await api('DELETE', '/orgs/acme/outside_collaborators/ana');
    expect(member.status).toBe(422);
    expect(member.body).toMatchObject({ message: expect.stringContaining('organization member') });
    expect((await api('DELETE', '/orgs/acme/outside_collaborators/nobody-here')).status).toBe(404);
  });

  it('lists pending organisation invitations created through teams', async () => {
    const answer = await api('GET', '/orgs/acme/invitations');
    expect(answer.body).toMatchObject([{ id: expect.any(Number), login: 'hana', email: null, role: 'direct_member', team_count: 1, failed_at: null }]);
    expect((await api('GET', '/orgs/acme/invitations?role=admin')).body).toEqual([]);
  });
});

describe('teams', () => {
  it.each([
    ['all', ['boss', 'ana', 'ben']],
    ['maintainer', ['boss', 'ana']],
    ['member', ['ben']],
  ])('lists team members with role=%s, pending people excluded, the owner as a maintainer', async (role, expected) => {
    expect(logins((await api('GET', `/orgs/acme/teams/devs/members?role=${role}`)).body)).toEqual(expected);
  });

  it.each([
    ['ana', 'maintainer', 'active'],
    ['ben', 'member', 'active'],
    ['boss', 'maintainer', 'active'],
    ['hana', 'maintainer', 'pending'],
  ])('reads the membership of %s as %s / %s (owners always show as maintainer)', async (login, role, state) => {
    const answer = await api('GET', `/orgs/acme/teams/devs/memberships/${login}`);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ role, state, url: expect.stringContaining(`/memberships/${login}`) });
  });

  it('answers 404 for the membership of someone not in the team', async () => {
    expect((await api('GET', '/orgs/acme/teams/devs/memberships/carl')).status).toBe(404);
  });

  it('adds an org member as active and changes a role with PUT (200)', async () => {
    const added = await api('PUT', '/orgs/acme/teams/ops/memberships/ben', { body: { role: 'maintainer' } });
    expect(added).toMatchObject({ status: 200, body: { role: 'maintainer', state: 'active' } });
    const changed = await api('PUT', '/orgs/acme/teams/ops/memberships/ben', { body: { role: 'member' } });
    expect(changed.body).toMatchObject({ role: 'member', state: 'active' });
    expect(github.snapshot().teams?.ops?.members).toEqual({ ben: 'member' });
  });

  it('makes a non-member pending and lists the invitation on the team and the org', async () => {
    const answer = await api('PUT', '/orgs/acme/teams/ops/memberships/newbie', { body: { role: 'member' } });
    expect(answer.body).toMatchObject({ role: 'member', state: 'pending' });
    expect(logins((await api('GET', '/orgs/acme/teams/ops/members')).body)).toEqual([]);
    const invitations = await api('GET', '/orgs/acme/teams/ops/invitations');
    expect(invitations.body).toMatchObject([{ login: 'newbie', role: 'direct_member', created_at: expect.any(String) }]);
    expect(logins((await api('GET', '/orgs/acme/invitations')).body)).toEqual(['hana', 'newbie']);
  });

  it('keeps one organisation invitation per person, whatever the number of teams', async () => {
    await api('PUT', '/orgs/acme/teams/ops/memberships/hana');
    const answer = await api('GET', '/orgs/acme/invitations');
    expect(answer.body).toMatchObject([{ login: 'hana', team_count: 2 }]);
  });

  it.each([
    ['an unknown user', '/orgs/acme/teams/ops/memberships/nobody-here', { role: 'member' }, 404],
    ['an unknown team', '/orgs/acme/teams/nope/memberships/ben', { role: 'member' }, 404],
    ['an invalid role', '/orgs/acme/teams/ops/memberships/ben', { role: 'owner' }, 422],
  ])('refuses a PUT for %s', async (_case, path, body, status) => {
    expect((await api('PUT', path, { body })).status).toBe(status);
  });

  it('removes an active membership with 204, and answers 404 for someone not in the team', async () => {
    expect((await api('DELETE', '/orgs/acme/teams/devs/memberships/ben')).status).toBe(204);
    expect((await api('DELETE', '/orgs/acme/teams/devs/memberships/ben')).status).toBe(404);
    expect(github.snapshot().teams?.devs?.members).toEqual({ ana: 'maintainer', boss: 'member' });
  });

  it('removes a pending membership but leaves the organisation invitation, as GitHub does', async () => {
    expect((await api('DELETE', '/orgs/acme/teams/devs/memberships/hana')).status).toBe(204);
    expect((await api('GET', '/orgs/acme/teams/devs/invitations')).body).toEqual([]);
    expect((await api('GET', '/orgs/acme/invitations')).body).toMatchObject([{ login: 'hana', team_count: 0 }]);
  });
});

describe('by-hand helpers and snapshot', () => {
  it('addCollaboratorByHand grants access without an invitation, so the next listing shows it', async () => {
    github.addCollaboratorByHand('acme/api', 'jake', 'admin');
    const answer = await api('GET', '/repos/acme/api/collaborators?affiliation=direct');
    const jake = (answer.body as Array<Record<string, unknown>>).find((item) => item.login === 'jake');
    expect(jake).toMatchObject({ role_name: 'admin' });
    expect(logins((await api('GET', '/orgs/acme/outside_collaborators')).body)).toContain('jake');
    expect(() => github.addCollaboratorByHand('acme/nope', 'jake', 'pull')).toThrow(/acme\/nope/);
  });

  it('acceptInvitations turns live repository and team invitations into access, skipping expired ones', async () => {
    await api('PUT', '/repos/acme/api/collaborators/gus', { body: { permission: 'maintain' } });
    await api('PUT', '/orgs/acme/teams/ops/memberships/gus', { body: { role: 'member' } });
    github.acceptInvitations('gus');
    const state = github.snapshot();
    expect(state.repos['acme/api']?.collaborators?.gus).toBe('maintain');
    expect(state.repos['acme/web']?.collaborators?.gus).toBeUndefined();
    expect(state.repos['acme/web']?.invitations?.find((invitation) => invitation.invitee === 'gus')?.expired).toBe(true);
    expect(state.teams?.ops).toEqual({ members: { gus: 'member' }, pending: {} });
    expect(state.members).toContain('gus');
    expect((await api('GET', '/orgs/acme/teams/ops/memberships/gus')).body).toMatchObject({ state: 'active' });
  });

  it('expireInvitations marks every pending repository invitation expired', async () => {
    github.expireInvitations();
    const answer = await api('GET', '/repos/acme/web/invitations');
    expect((answer.body as Array<{ expired: boolean }>).map((invitation) => invitation.expired)).toEqual([true, true, true]);
  });

  it('returns a deep copy in the seed shape that later requests do not change', async () => {
    const before = github.snapshot();
    expect(before.repos['acme/web']?.invitations?.[2]).toEqual({ id: 43, invitee: null, email: 'client@example.com', permissions: 'maintain', created_at: expect.any(String), expired: false });
    expect(before.users).toContain('Mixed-Case');
    await api('DELETE', '/repos/acme/web/collaborators/ana');
    expect(before.repos['acme/web']?.collaborators?.ana).toBe('admin');
    expect(github.snapshot().repos['acme/web']?.collaborators?.ana).toBeUndefined();
  });

  it('answers quickly from indexes on a benchmark-sized organisation', async () => {
    const repos = Object.fromEntries(Array.from({ length: 3000 }, (_, index) => [`acme/r${index}`, { collaborators: { [`u${index}`]: 'push' as const, ana: 'admin' as const } }]));
    const big = await startGithubEmulator({ seed: { org: 'acme', members: ['ana'], repos }, token: TOKEN });
    try {
      const answer = await call(big.url, 'GET', '/repos/acme/r2999/collaborators?affiliation=direct');
      expect(logins(answer.body)).toEqual(['ana', 'u2999']);
      expect((await call(big.url, 'DELETE', '/orgs/acme/outside_collaborators/u17')).status).toBe(204);
      expect(big.snapshot().repos['acme/r17']?.collaborators).toEqual({ ana: 'admin' });
    } finally {
      await big.close();
    }
  });
});
