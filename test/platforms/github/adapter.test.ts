import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PlatformError } from '../../../src/errors.js';
import { createGithubAdapter, githubFactory } from '../../../src/platforms/github/index.js';
import {
  assertAllMocksUsed,
  collaborator,
  context,
  github,
  nextLink,
  repoInvitation,
  repoResource,
  teamResource,
  TOKEN,
  user,
} from './helpers.js';

beforeAll(() => nock.disableNetConnect());
afterEach(assertAllMocksUsed);
afterAll(() => nock.enableNetConnect());

const COLLABORATORS = '/repos/acme/web/collaborators';
const INVITATIONS = '/repos/acme/web/invitations';
const FIRST_PAGE = { per_page: '100' };
const DIRECT = { affiliation: 'direct', per_page: '100' };

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
  it('maps collaborators and invitations in both vocabularies', async () => {
    github()
      .get(COLLABORATORS).query(DIRECT)
      .reply(200, [
        collaborator('Maria-Acme', 'admin'),
        collaborator('dana-apex', 'push'),
        collaborator('release-bot', 'maintain', 'release-manager'),
        collaborator('reader', 'pull'),
      ])
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
      { principal: 'release-bot', level: 'maintain' },
    ]);
  });

  it('follows Link headers across pages with one list call per page', async () => {
    github()
      .get(COLLABORATORS).query(DIRECT)
      .reply(200, [collaborator('a', 'push')], nextLink(`${COLLABORATORS}?affiliation=direct&per_page=100`, 2, 3))
      .get(COLLABORATORS).query({ ...DIRECT, page: '2' })
      .reply(200, [collaborator('b', 'pull')], nextLink(`${COLLABORATORS}?affiliation=direct&per_page=100`, 3))
      .get(COLLABORATORS).query({ ...DIRECT, page: '3' })
      .reply(200, [collaborator('c', 'admin')])
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
      .get(COLLABORATORS).query(DIRECT).reply(200, [collaborator('dana-apex', 'push')])
      .get(INVITATIONS).query(FIRST_PAGE).reply(200, [repoInvitation(7, 'Dana-Apex', 'admin')]);
    expect(await adapter().list(repoResource())).toEqual([{ principal: 'dana-apex', level: 'push' }]);
  });

  it('fails closed on a missing repository', async () => {
    github().get(COLLABORATORS).query(DIRECT).reply(404, { message: 'Not Found' }).get(INVITATIONS).query(FIRST_PAGE).reply(404, { message: 'Not Found' });
    const error = await listFailure(adapter().list(repoResource()));
    expect(error).toMatchObject({ platform: 'github', operation: 'list', status: 404, retryable: false });
    expect(error.message).toMatch(/GET \/repos\/acme\/web\/(collaborators|invitations): not found/);
  });

  it('fails closed when the token may not read invitations', async () => {
    github()
      .get(COLLABORATORS).query(DIRECT).reply(200, [collaborator('a', 'push')])
      .get(INVITATIONS).query(FIRST_PAGE).reply(403, { message: 'Must have admin rights to Repository.' });
    const error = await listFailure(adapter().list(repoResource()));
    expect(error).toMatchObject({ status: 403, retryable: false });
    expect(error.message).toContain('GET /repos/acme/web/invitations: 403 Must have admin rights to Repository.');
  });

  it('throws instead of returning the first page when the second fails', async () => {
    github()
      .get(COLLABORATORS).query(DIRECT)
      .reply(200, [collaborator('a', 'push')], nextLink(`${COLLABORATORS}?affiliation=direct&per_page=100`, 2))
      .get(COLLABORATORS).query({ ...DIRECT, page: '2' }).times(4)
      .reply(502, { message: 'Server Error' })
      .get(INVITATIONS).query(FIRST_PAGE).reply(200, []);
    const error = await listFailure(adapter().list(repoResource()));
    expect(error).toMatchObject({ status: 502, retryable: true });
  });

  it.each([
    ['an object instead of a list', { message: 'unexpected' }],
    ['a collaborator without login', [{ id: 1, permissions: { admin: false, push: true, pull: true } }]],
    ['a collaborator without any permission', [{ login: 'ghost', permissions: { admin: false, push: false, pull: false }, role_name: 'custom' }]],
  ])('fails closed on %s', async (_case, body) => {
    github().get(COLLABORATORS).query(DIRECT).reply(200, body).get(INVITATIONS).query(FIRST_PAGE).reply(200, []);
    const error = await listFailure(adapter().list(repoResource()));
    expect(error.message).toMatch(/GET \/repos\/acme\/web\/collaborators: (malformed response|no known permission)/);
  });

  it.each([
    ['an unknown permission', repoInvitation(5, 'x', 'owner')],
    ['neither invitee nor e-mail', repoInvitation(6, null, 'read')],
  ])('fails closed on an invitation with %s', async (_case, invitation) => {
    github().get(COLLABORATORS).query(DIRECT).reply(200, []).get(INVITATIONS).query(FIRST_PAGE).reply(200, [invitation]);
    await expect(adapter().list(repoResource())).rejects.toThrow(/GET \/repos\/acme\/web\/invitations: invitation \d/);
  });

  it('never puts the token in an error message', async () => {
    github()
      .get(COLLABORATORS).query(DIRECT).reply(401, { message: `Bad credentials for ${TOKEN}` })
      .get(INVITATIONS).query(FIRST_PAGE).reply(401, { message: `Bad credentials for ${TOKEN}` });
    const error = await listFailure(adapter().list(repoResource()));
    expect(error.message).toMatch(/401 Bad credentials for \[redacted\]/);
    expect(error.message).not.toContain(TOKEN);
    expect(String(error.stack)).not.toContain(TOKEN);
  });
});

describe('listing a team', () => {
  const BASE_PATH = '/orgs/acme/teams/apex-engineers';

  it('reads members and maintainers by role, and pending invitations', async () => {
    github()
      .get(`${BASE_PATH}/members`).query({ role: 'member', per_page: '100' })
      .reply(200, [user('Dana-Apex')], nextLink(`${BASE_PATH}/members?role=member&per_page=100`, 2))
      .get(`${BASE_PATH}/members`).query({ role: 'member', per_page: '100', page: '2' })
      .reply(200, [user('finn-apex')])
      .get(`${BASE_PATH}/members`).query({ role: 'maintainer', per_page: '100' })
      .reply(200, [user('maria-acme')])
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

  it('fails closed on a missing team', async () => {
    github()
      .get(`${BASE_PATH}/members`).query(true).times(2).reply(404, { message: 'Not Found' })
      .get(`${BASE_PATH}/invitations`).query(FIRST_PAGE).reply(404, { message: 'Not Found' });
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
