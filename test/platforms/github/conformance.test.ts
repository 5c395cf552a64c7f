import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DIRECT_COLLABORATORS_QUERY } from '../../../src/platforms/github/collaborators.js';
import { startGithubEmulator, type GithubEmulator, type GithubSeed } from '../../../src/emulators/github/index.js';
import { call, logins, TOKEN } from '../../emulators/github/fetch.js';

/**
 * Every documented GitHub behaviour Latch relies on, with the page it comes from, checked
 * against the emulator: when the emulator models the documentation, the adapter tests that
 * run against it hold for the real organisation too.
 */

const DOCS = 'https://docs.github.com/en';

function seed(): GithubSeed {
  return {
    org: 'acme',
    members: ['ana', 'ben', 'kid'],
    owners: ['boss'],
    basePermission: 'write',
    repos: { 'acme/web': { collaborators: { ana: 'triage', carl: 'pull' }, invitations: [{ id: 61, invitee: null, permissions: 'pull' }] } },
    teams: {
      platform: { members: { ana: 'member', boss: 'member' }, repos: { 'acme/web': 'maintain' } },
      juniors: { parent: 'platform', members: { kid: 'member' } },
      ops: { pending: { 'lead@example.com': 'member' } },
    },
  };
}

let github: GithubEmulator;
const api = (method: string, path: string, body?: unknown) => call(github.url, method, path, body === undefined ? {} : { body });
const graphql = (query: string, variables: Record<string, unknown>) => api('POST', '/graphql', { query, variables });

beforeEach(async () => {
  github = await startGithubEmulator({ seed: seed(), token: TOKEN });
});
afterEach(() => github.close());

/** One documented behaviour: the page, what it says, and the check. */
function documented(page: string, behaviour: string, check: () => Promise<void>): void {
  it(`${behaviour} — ${DOCS}${page}`, check);
}

type Json = Record<string, unknown>;

describe('repository access', () => {
  documented('/rest/collaborators/collaborators#list-repository-collaborators', 'role_name is the highest role from every source, even with affiliation=direct', async () => {
    const answer = await api('GET', '/repos/acme/web/collaborators?affiliation=direct');
    expect((answer.body as Json[]).map((item) => [item.login, item.role_name])).toEqual([
      ['ana', 'maintain'],
      ['carl', 'read'],
    ]);
  });

  documented('/rest/collaborators/collaborators#add-a-repository-collaborator', 'a member cannot be given less than the base role (422)', async () => {
    const answer = await api('PUT', '/repos/acme/web/collaborators/ben', { permission: 'pull' });
    expect(answer).toMatchObject({ status: 422, body: { message: 'Cannot assign ben permission of read' } });
  });

  documented('/graphql/reference/objects#repositorycollaboratoredge', 'an edge has the highest permission, and one permission source per grant (repository, team, organisation)', async () => {
    // A server answers only the fields a query selects, so this one selects every field it checks.
    const query = `query($owner: String!, $name: String!) { repository(owner: $owner, name: $name) { collaborators(affiliation: DIRECT, first: 100) {
      edges { cursor permission node { login } permissionSources { permission roleName source { __typename ... on Repository { nameWithOwner } ... on Team { slug name } ... on Organization { login } } } } } } }`;
    const answer = await graphql(query, { owner: 'acme', name: 'web' });
    expect(answer.status).toBe(200);
    const edges = ((answer.body as { data: { repository: { collaborators: { edges: Json[] } } } }).data.repository.collaborators.edges);
    expect(edges[0]).toEqual({
      cursor: expect.any(String),
      permission: 'MAINTAIN',
      node: { login: 'ana' },
      permissionSources: [
        { permission: 'READ', roleName: 'triage', source: { __typename: 'Repository', nameWithOwner: 'acme/web' } },
        { permission: 'WRITE', roleName: 'maintain', source: { __typename: 'Team', slug: 'platform', name: 'platform' } },
        { permission: 'WRITE', roleName: 'write', source: { __typename: 'Organization', login: 'acme' } },
      ],
    });
  });

  documented('/graphql/reference/enums#collaboratoraffiliation', 'affiliation DIRECT lists the people with a grant on the repository itself', async () => {
    const answer = await graphql(DIRECT_COLLABORATORS_QUERY, { owner: 'acme', name: 'web', after: null });
    const edges = (answer.body as { data: { repository: { collaborators: { edges: { node: { login: string } }[] } } } }).data.repository.collaborators.edges;
    expect(edges.map((edge) => edge.node.login)).toEqual(['ana', 'carl']);
  });

  documented('/graphql/guides/using-pagination-in-the-graphql-api', 'connections page with first (at most 100) and after, and say where the next page starts in pageInfo', async () => {
    const query = 'query($after: String) { repository(owner: "acme", name: "web") { collaborators(affiliation: DIRECT, first: 1, after: $after) { pageInfo { hasNextPage endCursor } edges { node { login } } } } }';
    const first = (await graphql(query, { after: null })).body as { data: { repository: { collaborators: { pageInfo: { hasNextPage: boolean; endCursor: string } } } } };
    expect(first.data.repository.collaborators.pageInfo).toEqual({ hasNextPage: true, endCursor: expect.any(String) });
    const second = (await graphql(query, { after: first.data.repository.collaborators.pageInfo.endCursor })).body;
    expect(second).toMatchObject({ data: { repository: { collaborators: { pageInfo: { hasNextPage: false }, edges: [{ node: { login: 'carl' } }] } } } });
    const tooMany = await graphql(query.replace('first: 1', 'first: 101'), { after: null });
    expect(tooMany).toMatchObject({ status: 200, body: { errors: [{ message: expect.stringContaining('exceeds the `first` limit of 100') }] } });
  });

  documented('/graphql/overview/rate-limits-and-query-limits-for-the-graphql-api', 'rateLimit { cost remaining resetAt } reports what a query cost', async () => {
    const answer = await graphql(DIRECT_COLLABORATORS_QUERY, { owner: 'acme', name: 'web', after: null });
    expect((answer.body as { data: Json }).data.rateLimit).toMatchObject({ cost: 1, remaining: expect.any(Number), resetAt: expect.stringMatching(/Z$/) });
  });

  documented('/graphql/guides/forming-calls-with-graphql', 'errors come with HTTP 200 in an errors array; a missing repository is null data plus NOT_FOUND', async () => {
    const answer = await graphql(DIRECT_COLLABORATORS_QUERY, { owner: 'acme', name: 'nope', after: null });
    expect(answer).toMatchObject({ status: 200, body: { data: { repository: null }, errors: [{ type: 'NOT_FOUND', path: ['repository'] }] } });
  });

  documented('/rest/collaborators/invitations#list-repository-invitations', 'an invitation\'s invitee is nullable (an invitation by e-mail, or an account deleted since)', async () => {
    const answer = await api('GET', '/repos/acme/web/invitations');
    expect(answer.body).toMatchObject([{ id: 61, invitee: null, email: null, permissions: 'read' }]);
    expect((await api('DELETE', '/repos/acme/web/invitations/61')).status).toBe(204);
  });
});

describe('teams', () => {
  documented('/rest/teams/members#list-team-members', 'team members include the members of child teams', async () => {
    expect(logins((await api('GET', '/orgs/acme/teams/platform/members')).body)).toEqual(['boss', 'ana', 'kid']);
  });

  documented('/rest/teams/teams#list-child-teams', 'a team lists its child teams', async () => {
    expect((await api('GET', '/orgs/acme/teams/platform/teams')).body).toMatchObject([{ slug: 'juniors', parent: { slug: 'platform' } }]);
  });

  documented('/rest/teams/members#get-team-membership-for-a-user', 'the team role of an organisation owner is maintainer', async () => {
    expect((await api('GET', '/orgs/acme/teams/platform/memberships/boss')).body).toMatchObject({ role: 'maintainer', state: 'active' });
  });

  documented('/rest/orgs/members#list-organization-members', 'role=admin lists the organisation owners', async () => {
    expect(logins((await api('GET', '/orgs/acme/members?role=admin')).body)).toEqual(['boss']);
  });

  documented('/rest/teams/members#list-pending-team-invitations', 'an invitation to someone who is not a GitHub user has a null login and the address', async () => {
    expect((await api('GET', '/orgs/acme/teams/ops/invitations')).body).toMatchObject([{ login: null, email: 'lead@example.com', team_count: 1 }]);
  });

  documented('/rest/orgs/members#list-organization-invitation-teams', 'an organisation invitation lists the teams it brings the person into', async () => {
    const [invitation] = (await api('GET', '/orgs/acme/teams/ops/invitations')).body as { id: number }[];
    expect((await api('GET', `/orgs/acme/invitations/${invitation?.id ?? 0}/teams`)).body).toMatchObject([{ slug: 'ops' }]);
  });

  documented('/rest/orgs/members#cancel-an-organization-invitation', 'cancelling an organisation invitation (204) withdraws its pending team memberships', async () => {
    const [invitation] = (await api('GET', '/orgs/acme/teams/ops/invitations')).body as { id: number }[];
    expect((await api('DELETE', `/orgs/acme/invitations/${invitation?.id ?? 0}`)).status).toBe(204);
    expect((await api('GET', '/orgs/acme/teams/ops/invitations')).body).toEqual([]);
    expect((await api('DELETE', `/orgs/acme/invitations/${invitation?.id ?? 0}`)).status).toBe(404);
  });
});

describe('rate limits', () => {
  documented('/rest/using-the-rest-api/rate-limits-for-the-rest-api#exceeding-the-rate-limit', 'a secondary limit answers 403 or 429 with retry-after, in seconds', async () => {
    const limited = await startGithubEmulator({ seed: seed(), token: TOKEN, rateLimitStatus: 429, switches: { rateLimit: { every: 1, retryAfterSeconds: 3 } } });
    try {
      const answer = await call(limited.url, 'GET', '/orgs/acme/members');
      expect(answer.status).toBe(429);
      expect(answer.headers.get('retry-after')).toBe('3');
    } finally {
      await limited.close();
    }
  });
});
