import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PlatformError } from '../../../src/errors.js';
import type { PendingInvitation } from '../../../src/model/grants.js';
import type { Change } from '../../../src/model/plan.js';
import { createGithubAdapter } from '../../../src/platforms/github/index.js';
import { assertAllMocksUsed, context, github, repoInvitation, TOKEN } from './helpers.js';

beforeAll(() => nock.disableNetConnect());
afterEach(assertAllMocksUsed);
afterAll(() => nock.enableNetConnect());

function adapter() {
  return createGithubAdapter(context(), { retryBaseMs: 1 });
}

const REPO = { client: 'apex', kind: 'github-repo', resource: 'acme/web', reason: 'test' } as const;
const TEAM = { client: 'apex', kind: 'github-team', resource: 'acme/apex-engineers', reason: 'test' } as const;

function grant(principal: string, to: string, pending?: PendingInvitation, base: typeof REPO | typeof TEAM = REPO): Change {
  return { ...base, action: 'grant', principal, from: null, to, pending };
}
function update(principal: string, from: string, to: string, pending?: PendingInvitation, base: typeof REPO | typeof TEAM = REPO): Change {
  return { ...base, action: 'update', principal, from, to, pending };
}
function revoke(principal: string, from: string, pending?: PendingInvitation, base: typeof REPO | typeof TEAM = REPO): Change {
  return { ...base, action: 'revoke', principal, from, to: null, pending };
}

const COLLABORATOR = (login: string) => `/repos/acme/web/collaborators/${login}`;
const INVITATION = (id: number) => `/repos/acme/web/invitations/${id}`;
const MEMBERSHIP = (login: string) => `/orgs/acme/teams/apex-engineers/memberships/${login}`;
const live = (id: string): PendingInvitation => ({ id, expired: false });
const expired = (id: string): PendingInvitation => ({ id, expired: true });

describe('applying to a repository', () => {
  it('invites a new collaborator in the collaborator vocabulary (201)', async () => {
    github().put(COLLABORATOR('finn-apex'), { permission: 'push' }).reply(201, repoInvitation(50, 'finn-apex', 'write'));
    const github_ = adapter();
    expect(await github_.apply(grant('finn-apex', 'push'))).toEqual({ status: 'applied', detail: 'invitation sent' });
    expect(github_.calls).toEqual({ reads: 0, writes: 1 });
  });

  it.each([
    ['grant', grant('maria-acme', 'admin'), 'admin'],
    ['update', update('dana-apex', 'push', 'maintain'), 'maintain'],
    ['update down', update('dana-apex', 'admin', 'pull'), 'pull'],
  ])('sets an existing collaborator directly on %s (204)', async (_case, change, permission) => {
    github().put(COLLABORATOR(change.principal), { permission }).reply(204);
    expect(await adapter().apply(change)).toEqual({ status: 'applied' });
  });

  it('replaces an expired invitation: delete it, then invite again', async () => {
    github()
      .delete(INVITATION(43)).reply(204)
      .put(COLLABORATOR('old-timer'), { permission: 'triage' }).reply(201, repoInvitation(51, 'old-timer', 'triage'));
    expect(await adapter().apply(grant('old-timer', 'triage', expired('43')))).toEqual({ status: 'applied', detail: 'expired invitation replaced by a new one' });
  });

  it('changes a pending invitation in the invitation vocabulary', async () => {
    github().patch(INVITATION(41), { permissions: 'write' }).reply(200, repoInvitation(41, 'finn-apex', 'write'));
    expect(await adapter().apply(update('finn-apex', 'pull', 'push', live('41')))).toEqual({ status: 'applied', detail: 'invitation updated' });
  });

  it('sets the collaborator when the invitation was accepted since the plan', async () => {
    github()
      .patch(INVITATION(41), { permissions: 'read' }).reply(404, { message: 'Not Found' })
      .put(COLLABORATOR('finn-apex'), { permission: 'pull' }).reply(204);
    expect(await adapter().apply(update('finn-apex', 'push', 'pull', live('41')))).toEqual({ status: 'applied' });
  });

  it.each([
    ['a collaborator', revoke('dana-apex', 'push'), COLLABORATOR('dana-apex'), { status: 'applied' }],
    ['an invitation', revoke('finn-apex', 'push', live('41')), INVITATION(41), { status: 'applied', detail: 'invitation cancelled' }],
  ])('revokes %s', async (_case, change, path, outcome) => {
    github().delete(path).reply(204);
    expect(await adapter().apply(change)).toEqual(outcome);
  });

  it.each([
    ['a collaborator already gone', revoke('dana-apex', 'push'), COLLABORATOR('dana-apex')],
    ['an invitation already gone', revoke('finn-apex', 'push', live('41')), INVITATION(41)],
  ])('treats %s as unchanged', async (_case, change, path) => {
    github().delete(path).reply(404, { message: 'Not Found' });
    expect(await adapter().apply(change)).toEqual({ status: 'unchanged' });
  });

  it('reports a refused invitation (422) as a non-retryable error with GitHub\'s reason', async () => {
    github().put(COLLABORATOR('spam-account')).reply(422, { message: 'Validation Failed', errors: [{ code: 'custom', message: 'user is blocked' }] });
    const error = await adapter().apply(grant('spam-account', 'pull')).catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(PlatformError);
    expect(error).toMatchObject({ operation: 'grant', status: 422, retryable: false });
    expect(String(error)).toContain('PUT /repos/acme/web/collaborators/spam-account: 422 Validation Failed');
  });

  it('reports a server error after retries as retryable, without the token', async () => {
    github().delete(COLLABORATOR('dana-apex')).times(4).reply(503, { message: `unavailable ${TOKEN}` });
    const error = await adapter().apply(revoke('dana-apex', 'push')).catch((failure: unknown) => failure);
    expect(error).toMatchObject({ operation: 'revoke', status: 503, retryable: true });
    expect(String(error)).not.toContain(TOKEN);
  });

  it('refuses a level the repository does not have', async () => {
    const error = await adapter().apply(grant('dana-apex', 'write')).catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(PlatformError);
    expect(String(error)).toMatch(/"write" is not a github-repo level/);
  });

  it('refuses to add an e-mail as a collaborator without calling GitHub', async () => {
    await expect(adapter().apply(grant('ops@apexoutdoor.com', 'pull'))).rejects.toThrow(/by login, not by e-mail/);
  });
});

describe('applying to a team', () => {
  it.each([
    ['grant', grant('dana-apex', 'member', undefined, TEAM), 'member', 'active', { status: 'applied' }],
    ['update', update('dana-apex', 'member', 'maintainer', undefined, TEAM), 'maintainer', 'active', { status: 'applied' }],
    ['grant to a non-member', grant('new-hire', 'member', undefined, TEAM), 'member', 'pending', { status: 'applied', detail: 'invitation sent' }],
  ])('sets the membership on %s', async (_case, change, role, state, outcome) => {
    github().put(MEMBERSHIP(change.principal), { role }).reply(200, { url: 'x', role, state });
    expect(await adapter().apply(change)).toEqual(outcome);
  });

  it('removes a membership, and treats one already gone as unchanged', async () => {
    github().delete(MEMBERSHIP('dana-apex')).reply(204).delete(MEMBERSHIP('finn-apex')).reply(404, { message: 'Not Found' });
    const github_ = adapter();
    expect(await github_.apply(revoke('dana-apex', 'member', undefined, TEAM))).toEqual({ status: 'applied' });
    expect(await github_.apply(revoke('finn-apex', 'member', undefined, TEAM))).toEqual({ status: 'unchanged' });
    expect(github_.calls).toEqual({ reads: 0, writes: 2 });
  });

  it('reports a team under identity-provider sync (403) as an error', async () => {
    github().put(MEMBERSHIP('dana-apex')).reply(403, { message: 'Team membership is managed by your identity provider' });
    await expect(adapter().apply(grant('dana-apex', 'member', undefined, TEAM))).rejects.toMatchObject({ status: 403, retryable: false });
  });

  it('refuses a level the team does not have', async () => {
    await expect(adapter().apply(grant('dana-apex', 'admin', undefined, TEAM))).rejects.toThrow(/"admin" is not a github-team level/);
  });
});
