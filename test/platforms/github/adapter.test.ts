import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PlatformError } from '../../../src/errors.js';
import { createGithubAdapter, githubFactory } from '../../../src/platforms/github/index.js';
import {
  assertAllMocksUsed,
  collaboratorsPage,
  collaboratorsQuery,
  context,
  edge,
  github,
  nextLink,
  repoInvitation,
  repoResource,
  source,
  teamPage,
  teamQuery,
  teamResource,
  TOKEN,
  user,
} from './helpers.js';

beforeAll(() => nock.disableNetConnect());
afterEach(assertAllMocksUsed);
afterAll(() => nock.enableNetConnect());

const INVITATIONS = '/repos/acme/web/invitations';
const FIRST_PAGE = { per_page: '100' };

function adapter() {
  return createGithubAdapter(context(), { retryBaseMs: 1 });
}

async function listFailure(promise: Promise<unknown>): Promise<PlatformError> {
  const error = await promise.then(
    () => undefined,
    (failure: unknown) => failure,
  );
  if (!(error instanceof PlatformError)) throw new Error(`expected a PlatformError, got ${String(error)}`);
  return error;
}

describe('github factory', () => {
  it('declares the GitHub kinds', () => {
    expect(githubFactory).toMatchObject({ id: 'github', kinds: ['github-repo', 'github-team'] });
  });

  it('names the missing variable and never a value', () => {
    const create = () => githubFactory.create(context({ GITHUB_TOKEN: undefined }));
    expect(create).toThrow(PlatformError);
    expect(create).toThrow(/GITHUB_TOKEN/);
  });

  it.each(['acme', 'acme/web/extra', '/web', 'acme/'])('refuses the reference "%s" before any call', async (ref) => {
    await expect(adapter().list(repoResource(ref))).rejects.toThrow(/is not of the form org\/repo/);
  });
});

describe('listing a repository', () => {
  const TEAM = { __typename: 'Team', slug: 'apex-engineers' };
  const ORG = { __typename: 'Organization', login: 'acme' };

  it('maps direct collaborators and invitations in both vocabularies', async () => {
    github()
      .post('/graphql', collaboratorsQuery())
      .reply(200, collaboratorsPage([
        edge('Maria-Acme', 'admin'),
        edge('dana-apex', 'push'),
        edge('release-bot', 'maintain', [], 'release-manager'),
        edge('reader', 'pull'),
      ]))
      .get(INVITATIONS).query(FIRST_PAGE)
      .reply(200, [
        repoInvitation(41, 'Finn-Apex', 'write'),
        repoInvitation(42, null, 'read', { email: 'Ops@ApexOutdoor.com' }),
        repoInvitation(43, 'old-timer', 'triage', { expired: true }),
        repoInvitation(44, 'legacy', 'push'),
      ]);
    const grants = await adapter().list(repoResource());
    expect(grants).toEqual([
      { principal: 'dana-apex', level: 'push' },
      { principal: 'finn-apex', level: 'push', pending: { id: '41', expired: false, createdAt: '2026-01-05T10:00:00Z' } },
      { principal: 'legacy', level: 'push', pending: { id: '44', expired: false, createdAt: '2026-01-05T10:00:00Z' } },
      { principal: 'maria-acme', level: 'admin' },
      { principal: 'old-timer', level: 'triage', pending: { id: '43', expired: true, createdAt: '2026-01-05T10:00:00Z' } },
      { principal: 'ops@apexoutdoor.com', level: 'pull', pending: { id: '42', expired: false, createdAt: '2026-01-05T10:00:00Z' } },
      { principal: 'reader', level: 'pull' },
      { principal: 'release-bot', level: 'push' },
    ]);
  });

  it('reads the direct grant\'s own level and reports team and organisation access as inherited', async () => {
    github()
      .post('/graphql', collaboratorsQuery())
      .reply(200, collaboratorsPage([edge('ana', 'push', [source('admin', TEAM), source('pull', ORG)])]))
      .get(INVITATIONS).query(FIRST_PAGE).reply(200, []);
    expect(await adapter().list(repoResource())).toEqual([
      { principal: 'ana', level: 'push' },
      { principal: 'ana', level: 'admin', inheritedFrom: 'team acme/apex-engineers' },
      { principal: 'ana', level: 'pull', inheritedFrom: 'organisation acme (base role or owner)' },
    ]);
  });

  it('follows the cursor across pages with one query per page', async () => {
    github()
      .post('/graphql', collaboratorsQuery()).reply(200, collaboratorsPage([edge('a', 'push')], 'c1'))
      .post('/graphql', collaboratorsQuery('web', 'c1')).reply(200, collaboratorsPage([edge('b', 'pull')], 'c2'))
      .post('/graphql', collaboratorsQuery('web', 'c2')).reply(200, collaboratorsPage([edge('c', 'admin')]))
      .get(INVITATIONS).query(FIRST_PAGE)
      .reply(200, [repoInvitation(1, 'd', 'maintain')], nextLink(`${INVITATIONS}?per_page=100`, 2))
      .get(INVITATIONS).query({ ...FIRST_PAGE, page: '2' })
      .reply(200, [repoInvitation(2, 'e', 'admin')]);
    const github_ = adapter();
    const grants = await github_.list(repoResource());
    expect(grants.map((grant) => `${grant.principal}:${grant.level}`)).toEqual(['a:push', 'b:pull', 'c:admin', 'd:maintain', 'e:admin']);
    expect(github_.calls).toEqual({ reads: 5, writes: 0 });
  });

  it('reports an accepted collaborator rather than their leftover invitation', async () => {
    github()
      .post('/graphql', collaboratorsQuery()).reply(200, collaboratorsPage([edge('dana-apex', 'push')]))
      .get(INVITATIONS).query(FIRST_PAGE).reply(200, [repoInvitation(7, 'Dana-Apex', 'admin')]);
    expect(await adapter().list(repoResource())).toEqual([{ principal: 'dana-apex', level: 'push' }]);
  });

  it('fails closed on a missing repository, which GraphQL reports with HTTP 200', async () => {
    github()
      .post('/graphql', collaboratorsQuery())
      .reply(200, { data: { repository: null }, errors: [{ type: 'NOT_FOUND', path: ['repository'], message: "Could not resolve to a Repository with the name 'acme/web'." }] })
      .get(INVITATIONS).query(FIRST_PAGE).reply(404, { message: 'Not Found' });
    const error = await listFailure(adapter().list(repoResource()));
    expect(error).toMatchObject({ platform: 'github', operation: 'list' });
    expect(error.message).toMatch(/(GraphQL error: Could not resolve|GET \/repos\/acme\/web\/invitations: not found)/);
  });

  it('fails closed when the token may not read invitations', async () => {
    github()
      .post('/graphql', collaboratorsQuery()).reply(200, collaboratorsPage([edge('a', 'push')]))
      .get(INVITATIONS).query(FIRST_PAGE).reply(403, { message: 'Must have admin rights to Repository.' });
    const error = await listFailure(adapter().list(repoResource()));
    expect(error).toMatchObject({ status: 403, retryable: false });
    expect(error.message).toContain('GET /repos/acme/web/invitations: 403 Must have admin rights to Repository.');
  });

  it('throws instead of returning the first page when the second fails', async () => {
    github()
      .post('/graphql', collaboratorsQuery()).reply(200, collaboratorsPage([edge('a', 'push')], 'c1'))
      .post('/graphql', collaboratorsQuery('web', 'c1')).times(4).reply(502, { message: 'Server Error' })
      .get(INVITATIONS).query(FIRST_PAGE).reply(200, []);
    const error = await listFailure(adapter().list(repoResource()));
    expect(error).toMatchObject({ status: 502, retryable: true });
  });

  it.each([
    ['an error body with HTTP 200', { errors: [{ message: 'Something unexpected' }] }, /GraphQL error: Something unexpected/],
    ['no data', {}, /GraphQL answer has no data/],
    ['a page without edges', { data: { r0: { collaborators: { pageInfo: { hasNextPage: false, endCursor: null } } } } }, /malformed collaborators page \(edges/],
    ['an edge without login', collaboratorsPage([{ node: {}, permissionSources: [] }]), /malformed collaborators page/],
    ['a next page without a cursor', { data: { r0: { collaborators: { pageInfo: { hasNextPage: true, endCursor: null }, edges: [] } } } }, /next page is announced without a new cursor/],
    ['a direct grant of an unknown role', collaboratorsPage([edge('ghost', 'pull', [], 'custom')].map((item) => ({ ...item, permissionSources: [{ permission: 'NONE', roleName: 'custom', source: { __typename: 'Repository', nameWithOwner: 'acme/web' } }] }))), /no known level for ghost/],
  ])('fails closed on %s', async (_case, body, message) => {
    github().post('/graphql', collaboratorsQuery()).reply(200, body).get(INVITATIONS).query(FIRST_PAGE).reply(200, []);
    const error = await listFailure(adapter().list(repoResource()));
    expect(error.message).toMatch(message);
    expect(error.message).toContain('POST /graphql repository(acme/web).collaborators');
  });

  it('fails closed on an invitation with an unknown permission', async () => {
    github().post('/graphql', collaboratorsQuery()).reply(200, collaboratorsPage([])).get(INVITATIONS).query(FIRST_PAGE).reply(200, [repoInvitation(5, 'x', 'owner')]);
    await expect(adapter().list(repoResource())).rejects.toThrow(/GET \/repos\/acme\/web\/invitations: invitation 5 has unknown permission/);
  });

  it('lists an invitation whose invitee was deleted under a name of its own, so that it can be cancelled', async () => {
    github().post('/graphql', collaboratorsQuery()).reply(200, collaboratorsPage([])).get(INVITATIONS).query(FIRST_PAGE).reply(200, [repoInvitation(6, null, 'read')]);
    expect(await adapter().list(repoResource())).toEqual([{ principal: 'deleted-user#6', level: 'pull', pending: { id: '6', expired: false, createdAt: '2026-01-05T10:00:00Z' } }]);
  });

  it('never puts the token in an error message', async () => {
    github()
      .post('/graphql', collaboratorsQuery()).reply(401, { message: `Bad credentials for ${TOKEN}` })
      .get(INVITATIONS).query(FIRST_PAGE).reply(401, { message: `Bad credentials for ${TOKEN}` });
    const error = await listFailure(adapter().list(repoResource()));
    expect(error.message).toMatch(/401 Bad credentials for \[redacted\]/);
    expect(error.message).not.toContain(TOKEN);
    expect(String(error.stack)).not.toContain(TOKEN);
  });
});

describe('listing a team', () => {
  const BASE_PATH = '/orgs/acme/teams/apex-engineers';
  const OWNERS = '/orgs/acme/members';

  const OWNER_LIST = { role: 'admin', per_page: '100' };

  it('reads members with their role in one query, following pages, and pending invitations', async () => {
    github()
      .post('/graphql', teamQuery('apex-engineers')).reply(200, teamPage({ 'Dana-Apex': 'MEMBER', 'maria-acme': 'MAINTAINER' }, [], { members: 'm1' }))
      .post('/graphql', teamQuery('apex-engineers', { membersAfter: 'm1' })).reply(200, teamPage({ 'finn-apex': 'MEMBER' }))
      .get(OWNERS).query(OWNER_LIST).reply(200, [user('acme-owner')])
      .get(`${BASE_PATH}/invitations`).query(FIRST_PAGE)
      .reply(200, [
        { id: 9, login: 'New-Hire', email: null, role: 'direct_member', created_at: '2026-02-01T00:00:00Z', failed_at: null },
        { id: 10, login: null, email: 'lead@apexoutdoor.com', role: 'maintainer', created_at: '2026-02-02T00:00:00Z', failed_at: '2026-02-09T00:00:00Z' },
        { id: 11, login: 'finn-apex', email: null, role: 'direct_member', created_at: '2026-02-03T00:00:00Z' },
      ]);
    const github_ = adapter();
    expect(await github_.list(teamResource())).toEqual([
      { principal: 'dana-apex', level: 'member' },
      { principal: 'finn-apex', level: 'member' },
      { principal: 'lead@apexoutdoor.com', level: 'maintainer', pending: { id: '10', expired: true, createdAt: '2026-02-02T00:00:00Z' } },
      { principal: 'maria-acme', level: 'maintainer' },
      { principal: 'new-hire', level: 'member', pending: { id: '9', expired: false, createdAt: '2026-02-01T00:00:00Z' } },
    ]);
    expect(github_.calls).toEqual({ reads: 4, writes: 0 });
  });

  it('reports child-team members as inherited from the child and owners as owners', async () => {
    github()
      .post('/graphql', teamQuery('apex-engineers')).reply(200, teamPage({ 'dana-apex': 'MEMBER', kid: 'MEMBER', 'Acme-Owner': 'MAINTAINER' }, ['apex-juniors']))
      .post('/graphql', teamQuery('apex-juniors')).reply(200, teamPage({ kid: 'MEMBER' }))
      .get(`${BASE_PATH}/invitations`).query(FIRST_PAGE).reply(200, [])
      .get(OWNERS).query(OWNER_LIST).reply(200, [user('acme-owner')]);
    expect(await adapter().list(teamResource())).toEqual([
      { principal: 'acme-owner', level: 'maintainer', owner: true },
      { principal: 'dana-apex', level: 'member' },
      { principal: 'kid', level: 'member', inheritedFrom: 'team acme/apex-juniors' },
    ]);
  });

  it('fails closed on a missing team, which GraphQL answers as a null team', async () => {
    github()
      .post('/graphql', teamQuery('apex-engineers')).reply(200, { data: { t0: { team: null } } })
      .get(`${BASE_PATH}/invitations`).query(FIRST_PAGE).optionally().reply(404, { message: 'Not Found' })
      .get(OWNERS).query(OWNER_LIST).optionally().reply(200, []);
    const error = await listFailure(adapter().list(teamResource()));
    expect(error).toMatchObject({ status: 404, operation: 'list' });
  });
});

describe('audit', () => {
  const OUTSIDE = '/orgs/acme/outside_collaborators';
  const input = (principals: string[]) => ({ principals: new Set(principals), resources: [repoResource()] });

  it('finds every outside collaborator no client declares, across pages', async () => {
    github()
      .get(OUTSIDE).query(FIRST_PAGE).reply(200, [user('Dana-Apex'), user('stranger')], nextLink(`${OUTSIDE}?per_page=100`, 2))
      .get(OUTSIDE).query({ ...FIRST_PAGE, page: '2' }).reply(200, [user('contractor')]);
    const audit = adapter().audit;
    if (!audit) throw new Error('the GitHub adapter audits');
    expect(await audit(input(['dana-apex']))).toEqual([
      { platform: 'github', subject: 'contractor', message: 'outside collaborator contractor is not declared by any client' },
      { platform: 'github', subject: 'stranger', message: 'outside collaborator stranger is not declared by any client' },
    ]);
  });

  it('makes no call when the audit is off', async () => {
    const github_ = createGithubAdapter(context({}, false));
    expect(await github_.audit?.(input([]))).toEqual([]);
    expect(github_.calls).toEqual({ reads: 0, writes: 0 });
  });

  it('fails closed when the list cannot be read', async () => {
    github().get(OUTSIDE).query(FIRST_PAGE).reply(403, { message: 'Resource not accessible by integration' });
    await expect(adapter().audit?.(input([]))).rejects.toMatchObject({ operation: 'audit', status: 403 });
  });
});
