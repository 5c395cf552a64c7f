import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startGithubEmulator, type GithubEmulator, type GithubSeed, type RepoPermission } from '../../../src/emulators/github/index.js';
import { agencySeed, call, linkTo, logins, TOKEN, type CallOptions } from './fetch.js';

let github: GithubEmulator;
const api = (method: string, path: string, options?: CallOptions) => call(github.url, method, path, options);

async function start(seed: GithubSeed = agencySeed(), extra: Partial<Parameters<typeof startGithubEmulator>[0]> = {}): Promise<void> {
  github = await startGithubEmulator({ seed, token: TOKEN, ...extra });
}

afterEach(async () => {
  await github.close();
});

describe('repository collaborators', () => {
  beforeEach(() => start());

  it.each<[string, RepoPermission, string, boolean[]]>([
    ['carl', 'pull', 'read', [true, false, false, false, false]],
    ['dora', 'triage', 'triage', [true, true, false, false, false]],
    ['ben', 'push', 'write', [true, true, true, false, false]],
    ['eve', 'maintain', 'maintain', [true, true, true, true, false]],
    ['ana', 'admin', 'admin', [true, true, true, true, true]],
  ])('lists %s (%s) with role_name %s and cumulative permission flags', async (login, _level, roleName, flags) => {
    const answer = await api('GET', '/repos/acme/web/collaborators?affiliation=direct');
    expect(answer.status).toBe(200);
    const found = (answer.body as Array<Record<string, unknown>>).find((item) => item.login === login);
    expect(found).toMatchObject({ login, type: 'User', site_admin: false, role_name: roleName });
    expect(found?.id).toEqual(expect.any(Number));
    const permissions = found?.permissions as Record<string, boolean>;
    expect(['pull', 'triage', 'push', 'maintain', 'admin'].map((flag) => permissions[flag])).toEqual(flags);
  });

  it('reports an owner at admin, the highest level from any source, even when granted push directly', async () => {
    const answer = await api('GET', '/repos/acme/web/collaborators?affiliation=direct');
    const boss = (answer.body as Array<Record<string, unknown>>).find((item) => item.login === 'boss');
    expect(boss?.role_name).toBe('admin');
  });

  it.each([
    ['direct', ['ana', 'ben', 'boss', 'carl', 'dora', 'eve']],
    ['outside', ['carl', 'dora', 'eve']],
    ['all', ['ana', 'ben', 'boss', 'carl', 'dora', 'eve']],
  ])('filters affiliation=%s', async (affiliation, expected) => {
    const answer = await api('GET', `/repos/acme/web/collaborators?affiliation=${affiliation}`);
    expect(logins(answer.body).sort()).toEqual(expected);
  });

  it('includes owners in affiliation=all even on a repository without direct grants', async () => {
    expect(logins((await api('GET', '/repos/acme/empty/collaborators')).body)).toEqual(['boss']);
    expect(logins((await api('GET', '/repos/acme/empty/collaborators?affiliation=direct')).body)).toEqual([]);
  });

  it('refuses an unknown affiliation with 422', async () => {
    const answer = await api('GET', '/repos/acme/web/collaborators?affiliation=friends');
    expect(answer.status).toBe(422);
    expect(answer.body).toMatchObject({ message: 'Validation Failed', errors: [{ field: 'affiliation' }] });
  });

  it('answers 201 with an invitation for a new outsider, in the invitation vocabulary', async () => {
    const answer = await api('PUT', '/repos/acme/web/collaborators/zed', { body: { permission: 'push' } });
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ invitee: { login: 'zed' }, permissions: 'write', expired: false, repository: { full_name: 'acme/web' } });
    expect(logins((await api('GET', '/repos/acme/web/collaborators')).body)).not.toContain('zed');
  });

  it('updates a live invitation in place on a second PUT (201, same id), never duplicating it', async () => {
    const first = await api('PUT', '/repos/acme/web/collaborators/fred', { body: { permission: 'admin' } });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ id: 41, permissions: 'admin' });
    const fred = github.snapshot().repos['acme/web']?.invitations?.filter((invitation) => invitation.invitee === 'fred');
    expect(fred?.map((invitation) => invitation.permissions)).toEqual(['admin']);
  });

  it('replaces an expired invitation with a new one', async () => {
    const answer = await api('PUT', '/repos/acme/web/collaborators/gus', { body: { permission: 'triage' } });
    expect(answer.status).toBe(201);
    const body = answer.body as { id: number; expired: boolean; permissions: string };
    expect(body).toMatchObject({ expired: false, permissions: 'triage' });
    expect(body.id).not.toBe(42);
    const gus = github.snapshot().repos['acme/web']?.invitations?.filter((invitation) => invitation.invitee === 'gus');
    expect(gus?.map((invitation) => invitation.id)).toEqual([body.id]);
  });

  it('answers 204 when changing an existing collaborator and when adding an org member directly', async () => {
    expect((await api('PUT', '/repos/acme/web/collaborators/carl', { body: { permission: 'maintain' } })).status).toBe(204);
    expect((await api('PUT', '/repos/acme/empty/collaborators/ben', { body: { permission: 'triage' } })).status).toBe(204);
    const state = github.snapshot().repos;
    expect(state['acme/web']?.collaborators?.carl).toBe('maintain');
    expect(state['acme/empty']?.collaborators).toEqual({ ben: 'triage' });
    expect(state['acme/empty']?.invitations).toEqual([]);
  });

  it('defaults to push when the body is empty, and matches logins case-insensitively', async () => {
    expect((await api('PUT', '/repos/ACME/Web/collaborators/CARL')).status).toBe(204);
    expect(github.snapshot().repos['acme/web']?.collaborators?.carl).toBe('push');
  });

  it.each([
    ['an unknown user', '/repos/acme/web/collaborators/nobody-here', { permission: 'push' }, 404],
    ['an unknown repository', '/repos/acme/nope/collaborators/zed', { permission: 'push' }, 404],
    ['the invitation word "write"', '/repos/acme/web/collaborators/zed', { permission: 'write' }, 422],
    ['a made-up permission', '/repos/acme/web/collaborators/zed', { permission: 'owner' }, 422],
  ])('refuses a PUT for %s', async (_case, path, body, status) => {
    const answer = await api('PUT', path, { body });
    expect(answer.status).toBe(status);
    expect(answer.body).toMatchObject({ message: status === 404 ? 'Not Found' : 'Validation Failed', documentation_url: expect.stringContaining('docs.github.com') });
  });

  it('removes a collaborator with 204 but leaves a pending invitation to the same person', async () => {
    github.addCollaboratorByHand('acme/web', 'fred', 'pull');
    expect((await api('DELETE', '/repos/acme/web/collaborators/fred')).status).toBe(204);
    const web = github.snapshot().repos['acme/web'];
    expect(web?.collaborators?.fred).toBeUndefined();
    expect(web?.invitations?.map((invitation) => invitation.invitee)).toContain('fred');
  });
});

describe('repository invitations', () => {
  beforeEach(() => start());

  it('lists invitations with invitee, e-mail, expiry and the invitation vocabulary', async () => {
    const answer = await api('GET', '/repos/acme/web/invitations');
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject([
      { id: 41, invitee: { login: 'fred', id: expect.any(Number) }, permissions: 'write', created_at: '2026-03-01T10:00:00Z', expired: false, repository: { full_name: 'acme/web' } },
      { id: 42, invitee: { login: 'gus' }, permissions: 'read', expired: true },
      { id: 43, invitee: null, email: 'client@example.com', permissions: 'maintain' },
    ]);
  });

  it('changes an invitation with PATCH in the invitation vocabulary', async () => {
    const answer = await api('PATCH', '/repos/acme/web/invitations/41', { body: { permissions: 'triage' } });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ id: 41, permissions: 'triage' });
    expect(github.snapshot().repos['acme/web']?.invitations?.[0]?.permissions).toBe('triage');
  });

  it.each([
    ['the collaborator word "push"', '/repos/acme/web/invitations/41', 422],
    ['an unknown invitation', '/repos/acme/web/invitations/999', 404],
  ])('refuses a PATCH with %s', async (_case, path, status) => {
    expect((await api('PATCH', path, { body: { permissions: 'push' } })).status).toBe(status);
  });

  it('deletes an invitation once: 204, then 404', async () => {
    expect((await api('DELETE', '/repos/acme/web/invitations/43')).status).toBe(204);
    expect((await api('DELETE', '/repos/acme/web/invitations/43')).status).toBe(404);
    expect(github.snapshot().repos['acme/web']?.invitations?.map((invitation) => invitation.id)).toEqual([41, 42]);
  });
});

function crowdedSeed(people: number): GithubSeed {
  const collaborators = Object.fromEntries(Array.from({ length: people }, (_, index) => [`person${String(index).padStart(3, '0')}`, 'push' as const]));
  return { org: 'acme', members: [], repos: { 'acme/big': { collaborators } } };
}

describe('pagination', () => {
  beforeEach(() => start(crowdedSeed(75)));

  it('follows Link rel="next" across pages of 30 and collects every item once', async () => {
    const seen: string[] = [];
    let next: string | undefined = `${github.url}/repos/acme/big/collaborators?affiliation=direct`;
    let pages = 0;
    while (next) {
      const answer = await call(github.url, 'GET', next);
      expect(answer.status).toBe(200);
      seen.push(...logins(answer.body));
      pages += 1;
      next = linkTo(answer, 'next');
    }
    expect(pages).toBe(3);
    expect(seen).toHaveLength(75);
    expect(new Set(seen).size).toBe(75);
  });

  it('names prev, next, last and first with absolute URLs that keep the query', async () => {
    const answer = await api('GET', '/repos/acme/big/collaborators?affiliation=direct&per_page=20&page=2');
    expect(logins(answer.body)).toHaveLength(20);
    expect(linkTo(answer, 'next')).toBe(`${github.url}/repos/acme/big/collaborators?affiliation=direct&per_page=20&page=3`);
    expect(linkTo(answer, 'last')).toBe(`${github.url}/repos/acme/big/collaborators?affiliation=direct&per_page=20&page=4`);
    expect(linkTo(answer, 'prev')).toContain('page=1');
    expect(linkTo(answer, 'first')).toContain('page=1');
  });

  it('caps per_page at 100 and sends no Link header when everything fits on one page', async () => {
    const answer = await api('GET', '/repos/acme/big/collaborators?per_page=500');
    expect(logins(answer.body)).toHaveLength(75);
    expect(answer.headers.get('link')).toBeNull();
  });

  it('fails only page 2 when a fault lets the first request through', async () => {
    github.switches.faults.push({ method: 'GET', path: '/repos/acme/big/collaborators', status: 500, after: 1 });
    const first = await api('GET', '/repos/acme/big/collaborators');
    expect(first.status).toBe(200);
    const second = await call(github.url, 'GET', linkTo(first, 'next') ?? '');
    expect(second.status).toBe(500);
    expect(second.headers.get('x-ratelimit-remaining')).not.toBeNull();
    expect((await call(github.url, 'GET', linkTo(first, 'next') ?? '')).status).toBe(200);
  });
});

describe('authentication, errors and limits', () => {
  it.each([
    ['no header', null],
    ['a wrong token', 'token ghs_wrong'],
  ])('answers 401 Bad credentials with %s', async (_case, authorization) => {
    await start();
    const answer = await api('GET', '/repos/acme/web/collaborators', { authorization });
    expect(answer.status).toBe(401);
    expect(answer.body).toMatchObject({ message: 'Bad credentials', documentation_url: expect.any(String) });
  });

  it('accepts a Bearer token as well', async () => {
    await start();
    expect((await api('GET', '/repos/acme/web/collaborators', { authorization: `Bearer ${TOKEN}` })).status).toBe(200);
  });

  it.each(['/repos/acme/nope/collaborators', '/orgs/acme/teams/nope/members', '/orgs/other/members', '/no/such/route'])(
    'answers GitHub 404 for %s',
    async (path) => {
      await start();
      const answer = await api('GET', path);
      expect(answer.status).toBe(404);
      expect(answer.body).toMatchObject({ message: 'Not Found', documentation_url: expect.stringMatching(/^https:\/\/docs\.github\.com\//) });
    },
  );

  it('carries rate-limit headers on every answer and does not count GET /rate_limit', async () => {
    await start();
    const first = await api('GET', '/repos/acme/web/invitations');
    const missing = await api('GET', '/repos/acme/nope/invitations');
    for (const answer of [first, missing]) {
      expect(answer.headers.get('x-ratelimit-limit')).toBe('5000');
      expect(answer.headers.get('x-ratelimit-resource')).toBe('core');
      expect(Number(answer.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000);
    }
    expect(first.headers.get('x-ratelimit-used')).toBe('1');
    expect(missing.headers.get('x-ratelimit-remaining')).toBe('4998');
    const limits = await api('GET', '/rate_limit');
    expect(limits.body).toMatchObject({ resources: { core: { limit: 5000, used: 2, remaining: 4998 } }, rate: { used: 2 } });
  });

  it.each([403, 429] as const)('answers a rate-limited request with %i, retry-after and remaining 0', async (status) => {
    await start(agencySeed(), { rateLimitStatus: status, switches: { rateLimit: { every: 2, retryAfterSeconds: 7 } } });
    expect((await api('GET', '/orgs/acme/members')).status).toBe(200);
    const limited = await api('GET', '/orgs/acme/members');
    expect(limited.status).toBe(status);
    expect(limited.headers.get('retry-after')).toBe('7');
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(limited.body).toMatchObject({ message: expect.stringContaining('secondary rate limit') });
  });

  it('waits latencyMs before answering', async () => {
    await start(agencySeed(), { switches: { latencyMs: 80 } });
    const started = performance.now();
    await api('GET', '/orgs/acme/members');
    expect(performance.now() - started).toBeGreaterThanOrEqual(70);
  });
});
