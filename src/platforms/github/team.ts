import { PlatformError } from '../../errors.js';
import type { ActualGrant } from '../../model/grants.js';
import type { Change } from '../../model/plan.js';
import type { ApplyOutcome } from '../adapter.js';
import { PLATFORM, attempt, collectPages, type GithubApi } from './client.js';
import { isTeamLevel, teamLevel } from './levels.js';
import { TeamInvitation, TeamMembership, User } from './schema.js';

/** `org/team-slug`, split. */
export interface TeamRef {
  org: string;
  slug: string;
}

/**
 * Members and maintainers of a team (two paged lists, one per role, so the role needs no
 * call per member) plus its pending invitations. Returns the complete list or throws.
 */
export async function listTeamGrants(api: GithubApi, ref: TeamRef): Promise<ActualGrant[]> {
  const base = `/orgs/${ref.org}/teams/${ref.slug}`;
  const params = { org: ref.org, team_slug: ref.slug, per_page: 100 };
  const members = (role: 'member' | 'maintainer') =>
    attempt(api, 'list', `GET ${base}/members?role=${role}`, () =>
      collectPages(api.octokit.paginate.iterator('GET /orgs/{org}/teams/{team_slug}/members', { ...params, role }), User),
    );
  const [plain, maintainers, invitations] = await Promise.all([
    members('member'),
    members('maintainer'),
    attempt(api, 'list', `GET ${base}/invitations`, () =>
      collectPages(api.octokit.paginate.iterator('GET /orgs/{org}/teams/{team_slug}/invitations', params), TeamInvitation),
    ),
  ]);

  const grants = new Map<string, ActualGrant>();
  for (const user of plain) grants.set(user.login.toLowerCase(), { principal: user.login.toLowerCase(), level: 'member' });
  for (const user of maintainers) grants.set(user.login.toLowerCase(), { principal: user.login.toLowerCase(), level: 'maintainer' });
  for (const invitation of invitations) {
    const principal = (invitation.login ?? invitation.email ?? '').toLowerCase();
    if (!principal) throw new PlatformError(PLATFORM, 'list', `GET ${base}/invitations: invitation ${invitation.id} names neither a user nor an e-mail`);
    if (grants.has(principal)) {
      api.logger.warn({ resource: `${ref.org}/${ref.slug}`, principal, invitation: invitation.id }, 'github invitation shadowed by another grant');
      continue;
    }
    const pending = { id: String(invitation.id), expired: invitation.expired ?? Boolean(invitation.failed_at) };
    grants.set(principal, {
      principal,
      level: teamLevel(invitation.role),
      pending: invitation.created_at ? { ...pending, createdAt: invitation.created_at } : pending,
    });
  }
  return [...grants.values()].sort((a, b) => a.principal.localeCompare(b.principal));
}

/** Sets or removes one team membership; a membership already gone is `unchanged`. */
export async function applyTeamChange(api: GithubApi, ref: TeamRef, change: Change): Promise<ApplyOutcome> {
  const what = (method: string) => `${method} /orgs/${ref.org}/teams/${ref.slug}/memberships/${change.principal}`;
  const params = { org: ref.org, team_slug: ref.slug, username: change.principal };
  if (change.action === 'revoke') {
    try {
      await attempt(api, 'revoke', what('DELETE'), () => api.octokit.request('DELETE /orgs/{org}/teams/{team_slug}/memberships/{username}', params));
      return { status: 'applied' };
    } catch (error) {
      if (error instanceof PlatformError && error.status === 404) return { status: 'unchanged' };
      throw error;
    }
  }
  const role = change.to;
  if (!isTeamLevel(role)) throw new PlatformError(PLATFORM, change.action, `${what('PUT')}: "${role}" is not a github-team level`);
  if (change.principal.includes('@')) {
    throw new PlatformError(PLATFORM, change.action, `${what('PUT')}: GitHub adds team members by login, not by e-mail`);
  }
  const membership = await attempt(api, change.action, what('PUT'), async () => {
    const response = await api.octokit.request('PUT /orgs/{org}/teams/{team_slug}/memberships/{username}', { ...params, role });
    return TeamMembership.parse(response.data);
  });
  // A person outside the organisation gets an invitation; the membership stays pending until accepted.
  return membership.state === 'pending' ? { status: 'applied', detail: 'invitation sent' } : { status: 'applied' };
}
