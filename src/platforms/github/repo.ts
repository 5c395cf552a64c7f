import { PlatformError } from '../../errors.js';
import type { ActualGrant } from '../../model/grants.js';
import type { Change } from '../../model/plan.js';
import type { ApplyOutcome } from '../adapter.js';
import { PLATFORM, attempt, everyRead, collectPages, type GithubApi } from './client.js';
import { isRepoLevel, levelFromInvitation, toCollaboratorPermission, toInvitationPermission } from './levels.js';
import type { CollaboratorReader } from './collaborators.js';
import { RepoInvitation } from './schema.js';

/** `org/repo`, split. */
export interface RepoRef {
  owner: string;
  repo: string;
}

/**
 * Every direct collaborator (GraphQL, batched with other repositories, for the level of the
 * direct grant itself) and every pending invitation (REST: GraphQL has no list of a
 * repository's invitations) of one repository. Access the same people have through teams or
 * the organisation comes back as inherited. Returns the complete list or throws.
 */
export async function listRepoGrants(api: GithubApi, reader: CollaboratorReader, ref: RepoRef): Promise<ActualGrant[]> {
  const base = `/repos/${ref.owner}/${ref.repo}`;
  const [collaborators, invitations] = await everyRead([
    reader.list(ref),
    attempt(api, 'list', `GET ${base}/invitations`, () =>
      collectPages(api.octokit.paginate.iterator('GET /repos/{owner}/{repo}/invitations', { owner: ref.owner, repo: ref.repo, per_page: 100 }), RepoInvitation),
    ),
  ]);

  const grants = [...collaborators];
  const direct = new Map<string, ActualGrant>();
  for (const grant of collaborators) if (!grant.inheritedFrom) direct.set(grant.principal, grant);
  for (const invitation of invitations) {
    const grant = invitationGrant(invitation, base);
    const existing = direct.get(grant.principal);
    // An accepted grant is the truth; a second invitation only matters if the first has expired.
    if (existing && !(existing.pending?.expired && !grant.pending?.expired)) {
      api.logger.warn({ resource: `${ref.owner}/${ref.repo}`, principal: grant.principal, invitation: grant.pending?.id }, 'github invitation shadowed by another grant');
      continue;
    }
    if (existing) grants.splice(grants.indexOf(existing), 1);
    direct.set(grant.principal, grant);
    grants.push(grant);
  }
  return grants.sort((a, b) => a.principal.localeCompare(b.principal) || Number(Boolean(a.inheritedFrom)) - Number(Boolean(b.inheritedFrom)));
}

/**
 * An invitation whose invitee is gone (a deleted account) has neither login nor address; it
 * is listed under a name of its own so that the plan can cancel it by id.
 */
export function orphanPrincipal(id: number): string {
  return `deleted-user#${id}`;
}

function invitationGrant(invitation: RepoInvitation, base: string): ActualGrant {
  const principal = (invitation.invitee?.login ?? invitation.email ?? orphanPrincipal(invitation.id)).toLowerCase();
  const level = levelFromInvitation(invitation.permissions);
  if (!level) throw new PlatformError(PLATFORM, 'list', `GET ${base}/invitations: invitation ${invitation.id} has unknown permission "${invitation.permissions}"`);
  const pending = { id: String(invitation.id), expired: invitation.expired ?? false };
  return { principal, level, pending: invitation.created_at ? { ...pending, createdAt: invitation.created_at } : pending };
}

/** Runs a call on something that may have gone since the plan; a 404 resolves `false`. */
async function unlessGone(api: GithubApi, operation: string, what: string, run: () => Promise<unknown>): Promise<boolean> {
  try {
    await attempt(api, operation, what, run);
    return true;
  } catch (error) {
    if (error instanceof PlatformError && error.status === 404) return false;
    throw error;
  }
}

async function deleteInvitation(api: GithubApi, ref: RepoRef, operation: string, id: string): Promise<boolean> {
  return unlessGone(api, operation, `DELETE /repos/${ref.owner}/${ref.repo}/invitations/${id}`, () =>
    api.octokit.request('DELETE /repos/{owner}/{repo}/invitations/{invitation_id}', { ...ref, invitation_id: Number(id) }),
  );
}

/** Adds or changes a collaborator; resolves `true` when GitHub sent an invitation (201). */
async function putCollaborator(api: GithubApi, ref: RepoRef, change: Change & { to: string }): Promise<boolean> {
  const what = `PUT /repos/${ref.owner}/${ref.repo}/collaborators/${change.principal}`;
  if (change.principal.includes('@')) {
    throw new PlatformError(PLATFORM, change.action, `${what}: GitHub adds collaborators by login, not by e-mail`);
  }
  const permission = toCollaboratorPermission(change.to);
  const response = await attempt(api, change.action, what, () =>
    api.octokit.request('PUT /repos/{owner}/{repo}/collaborators/{username}', { ...ref, username: change.principal, permission }),
  );
  // 201 carries a new invitation; 204 means the person was a collaborator or an org member.
  return response.status === 201;
}

function putOutcome(invited: boolean): ApplyOutcome {
  return invited ? { status: 'applied', detail: 'invitation sent' } : { status: 'applied' };
}

async function updateInvitation(api: GithubApi, ref: RepoRef, change: Change & { to: string }, id: string): Promise<ApplyOutcome> {
  const what = `PATCH /repos/${ref.owner}/${ref.repo}/invitations/${id}`;
  const permissions = toInvitationPermission(change.to);
  const changed = await unlessGone(api, change.action, what, () =>
    api.octokit.request('PATCH /repos/{owner}/{repo}/invitations/{invitation_id}', { ...ref, invitation_id: Number(id), permissions }),
  );
  if (changed) return { status: 'applied', detail: 'invitation updated' };
  // Accepted or withdrawn since the plan was made: set the level on the collaborator instead.
  return putOutcome(await putCollaborator(api, ref, change));
}

/** Carries out one change on a repository; idempotent, 404 on removal is `unchanged`. */
export async function applyRepoChange(api: GithubApi, ref: RepoRef, change: Change): Promise<ApplyOutcome> {
  if (change.action === 'revoke') {
    if (change.pending) {
      const removed = await deleteInvitation(api, ref, 'revoke', change.pending.id);
      return removed ? { status: 'applied', detail: 'invitation cancelled' } : { status: 'unchanged' };
    }
    const removed = await unlessGone(api, 'revoke', `DELETE /repos/${ref.owner}/${ref.repo}/collaborators/${change.principal}`, () =>
      api.octokit.request('DELETE /repos/{owner}/{repo}/collaborators/{username}', { ...ref, username: change.principal }),
    );
    return removed ? { status: 'applied' } : { status: 'unchanged' };
  }
  if (!isRepoLevel(change.to)) throw new PlatformError(PLATFORM, change.action, `"${change.to}" is not a github-repo level`);
  if (change.pending?.expired) {
    // An expired invitation blocks nothing but lingers in the list; replace it with a fresh one.
    await deleteInvitation(api, ref, change.action, change.pending.id);
    const invited = await putCollaborator(api, ref, change);
    return { status: 'applied', detail: invited ? 'expired invitation replaced by a new one' : 'expired invitation removed' };
  }
  if (change.action === 'update' && change.pending) return updateInvitation(api, ref, change, change.pending.id);
  return putOutcome(await putCollaborator(api, ref, change));
}
