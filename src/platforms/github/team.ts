import { PlatformError } from '../../errors.js';
import type { ActualGrant } from '../../model/grants.js';
import type { Change } from '../../model/plan.js';
import type { ApplyOutcome } from '../adapter.js';
import { PLATFORM, attempt, everyRead, collectPages, type GithubApi } from './client.js';
import { isTeamLevel, teamLevel } from './levels.js';
import { orphanPrincipal } from './repo.js';
import { InvitationTeam, TeamInvitation, TeamMembership, User } from './schema.js';
import type { TeamReader, TeamRef } from './team-members.js';

const owners = new WeakMap<GithubApi, Map<string, Promise<Set<string>>>>();

/** The organisation's owners, read once per run and organisation; a failed read is not kept. */
function ownersOf(api: GithubApi, org: string): Promise<Set<string>> {
  const byOrg = owners.get(api) ?? new Map<string, Promise<Set<string>>>();
  owners.set(api, byOrg);
  const known = byOrg.get(org.toLowerCase());
  if (known) return known;
  const read = attempt(api, 'list', `GET /orgs/${org}/members?role=admin`, () =>
    collectPages(api.octokit.paginate.iterator('GET /orgs/{org}/members', { org, role: 'admin', per_page: 100 }), User),
  ).then((users) => new Set(users.map((user) => user.login.toLowerCase())));
  read.catch(() => byOrg.delete(org.toLowerCase()));
  byOrg.set(org.toLowerCase(), read);
  return read;
}

/**
 * Which child team each member of the child teams belongs to (the first that lists them).
 * GitHub lists them as members of the parent too, but only a membership of the child can be
 * removed.
 */
async function childMembers(teams: TeamReader, ref: TeamRef, children: readonly string[]): Promise<Map<string, string>> {
  const read = await Promise.all(children.map((slug) => teams.read({ org: ref.org, slug })));
  const memberOf = new Map<string, string>();
  children.forEach((slug, index) => {
    for (const member of read[index]?.members ?? []) if (!memberOf.has(member.login.toLowerCase())) memberOf.set(member.login.toLowerCase(), slug);
  });
  return memberOf;
}

/**
 * Members and maintainers of a team with their child teams (GraphQL, batched with other
 * teams), its child teams' members, the organisation's owners and the team's pending
 * invitations (REST: GraphQL's team invitations carry neither the id to cancel one nor
 * whether it expired). A member listed through a child team is inherited from it; an owner
 * always shows as a maintainer and is reported as the owner. Returns the complete list or throws.
 */
export async function listTeamGrants(api: GithubApi, teams: TeamReader, ref: TeamRef): Promise<ActualGrant[]> {
  const base = `/orgs/${ref.org}/teams/${ref.slug}`;
  const params = { org: ref.org, team_slug: ref.slug, per_page: 100 };
  const [access, invitations, owning] = await everyRead([
    teams.read(ref),
    attempt(api, 'list', `GET ${base}/invitations`, () =>
      collectPages(api.octokit.paginate.iterator('GET /orgs/{org}/teams/{team_slug}/invitations', params), TeamInvitation),
    ),
    ownersOf(api, ref.org),
  ]);
  const inherited = await childMembers(teams, ref, access.children);

  const grants = new Map<string, ActualGrant>();
  for (const { login, role: level } of access.members) {
    const principal = login.toLowerCase();
    const child = inherited.get(principal);
    if (owning.has(principal)) grants.set(principal, { principal, level, owner: true });
    // A child team's member shows as a plain member; a maintainer of this team is one directly.
    else if (child && level === 'member') grants.set(principal, { principal, level, inheritedFrom: `team ${ref.org}/${child}` });
    else grants.set(principal, { principal, level });
  }
  for (const invitation of invitations) {
    const principal = (invitation.login ?? invitation.email ?? orphanPrincipal(invitation.id)).toLowerCase();
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

/**
 * An invitation without a login (sent to an address, or to a deleted account) has no team
 * membership to remove: it is cancelled as the organisation invitation it is, unless it also
 * brings the person into other teams, which cancelling would withdraw as well.
 */
async function cancelOrgInvitation(api: GithubApi, ref: TeamRef, id: string): Promise<ApplyOutcome> {
  const base = `/orgs/${ref.org}/invitations/${id}`;
  const teams = await attempt(api, 'revoke', `GET ${base}/teams`, () =>
    collectPages(api.octokit.paginate.iterator('GET /orgs/{org}/invitations/{invitation_id}/teams', { org: ref.org, invitation_id: Number(id), per_page: 100 }), InvitationTeam),
  ).catch((error: unknown) => {
    if (error instanceof PlatformError && error.status === 404) return undefined;
    throw error;
  });
  if (!teams) return { status: 'unchanged' };
  const others = teams.map((team) => team.slug).filter((slug) => slug.toLowerCase() !== ref.slug.toLowerCase());
  if (others.length > 0) {
    throw new PlatformError(PLATFORM, 'revoke', `DELETE ${base}: the invitation also adds the person to ${others.join(', ')}; cancel it by hand if that should go too`);
  }
  try {
    await attempt(api, 'revoke', `DELETE ${base}`, () => api.octokit.request('DELETE /orgs/{org}/invitations/{invitation_id}', { org: ref.org, invitation_id: Number(id) }));
    return { status: 'applied', detail: 'invitation cancelled' };
  } catch (error) {
    if (error instanceof PlatformError && error.status === 404) return { status: 'unchanged' };
    throw error;
  }
}

/** A GitHub login: letters, digits and single hyphens; an address or an orphan's name is not one. */
function isLogin(principal: string): boolean {
  return /^[a-z\d](?:[a-z\d-]*[a-z\d])?$/i.test(principal);
}

/** Sets or removes one team membership; a membership already gone is `unchanged`. */
export async function applyTeamChange(api: GithubApi, ref: TeamRef, change: Change): Promise<ApplyOutcome> {
  const what = (method: string) => `${method} /orgs/${ref.org}/teams/${ref.slug}/memberships/${change.principal}`;
  const params = { org: ref.org, team_slug: ref.slug, username: change.principal };
  if (change.action === 'revoke') {
    if (change.pending && !isLogin(change.principal)) return cancelOrgInvitation(api, ref, change.pending.id);
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
