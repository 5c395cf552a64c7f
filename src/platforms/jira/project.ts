import { PlatformError } from '../../errors.js';
import type { ActualGrant } from '../../model/grants.js';
import type { Change } from '../../model/plan.js';
import type { ApplyOutcome } from '../adapter.js';
import { PLATFORM, write, type JiraApi } from './client.js';
import { highestLevel, isJiraLevel, type JiraLevel, type RoleNames } from './levels.js';
import { managedRoles, projectPath, readMembership, type ManagedRole, type Membership } from './roles.js';
import type { UserDirectory } from './users.js';

/** Principal of an account whose e-mail Jira does not show (profile visibility, a deleted account). */
export const ACCOUNT_PREFIX = 'jira-account:';
/** Principal of a group actor: its members' access, reported where it comes from and never revoked as a person. */
export const GROUP_PREFIX = 'jira-group:';

/** What the adapter's parts share for one run. */
export interface JiraRun {
  api: JiraApi;
  names: RoleNames;
  directory: UserDirectory;
  /**
   * Each project's managed roles as this run last read or wrote them. A list always reads
   * afresh; an apply reuses the reading, so a project's changes cost its reads once, not per
   * change, and a re-run in a new process reads again and changes only what is left.
   */
  memberships: Map<string, Membership>;
}

/** A Jira project key as the adapter accepts it; anything else is refused before a call. */
export function projectKey(ref: string, operation: string): string {
  const key = ref.trim();
  if (/^[A-Z][A-Z0-9]{1,9}$/.test(key)) return key;
  throw new PlatformError(PLATFORM, operation, `jira-project reference "${ref}" is not a Jira project key (an uppercase letter, then uppercase letters or digits, at most 10)`);
}

async function readProject(run: JiraRun, key: string, operation: string): Promise<Membership> {
  const roles = await managedRoles(run.api, run.names, key, operation);
  const membership = await readMembership(run.api, key, roles, operation);
  run.memberships.set(key, membership);
  return membership;
}

/** The run's reading of a project's roles, read now when the run has none. */
async function knownMembership(run: JiraRun, key: string, operation: string): Promise<Membership> {
  return run.memberships.get(key) ?? readProject(run, key, operation);
}

/** Keeps the run's reading true after a write, so a later change of the project starts from it. */
function record(membership: Membership, accountId: string, level: JiraLevel, held: boolean): void {
  const levels = membership.users.get(accountId) ?? new Set<JiraLevel>();
  if (held) levels.add(level);
  else levels.delete(level);
  if (levels.size > 0) membership.users.set(accountId, levels);
  else membership.users.delete(accountId);
}

/**
 * Everyone in the project's managed roles: users by e-mail (or `jira-account:<id>` when Jira
 * hides it) at the highest level they hold, groups as inherited grants. Complete, or throws.
 */
export async function listProject(run: JiraRun, key: string): Promise<ActualGrant[]> {
  const membership = await readProject(run, key, 'list');
  const users = await run.directory.resolve('list', [...membership.users.keys()]);
  const grants: ActualGrant[] = [];
  for (const [accountId, levels] of membership.users) {
    const level = highestLevel(levels);
    if (!level) continue;
    const email = users.get(accountId)?.emailAddress?.trim().toLowerCase();
    grants.push({ principal: email || `${ACCOUNT_PREFIX}${accountId}`, level, handle: accountId });
  }
  for (const [group, levels] of membership.groups) {
    const level = highestLevel(levels);
    if (!level) continue;
    const roles = membership.roles.filter((role) => levels.has(role.level)).map((role) => role.name).join(', ');
    grants.push({ principal: `${GROUP_PREFIX}${group}`, level, inheritedFrom: `Jira group ${group} (role ${roles})` });
  }
  return grants.sort((a, b) => a.principal.localeCompare(b.principal));
}

/** The account a change is about: its handle from the reading, the account named in the principal, or the actor with that e-mail. */
async function accountOf(run: JiraRun, change: Change, membership: Membership): Promise<string | undefined> {
  if (change.principal.startsWith(ACCOUNT_PREFIX)) return change.principal.slice(ACCOUNT_PREFIX.length);
  if (change.handle) return change.handle;
  const email = change.principal.trim().toLowerCase();
  const users = await run.directory.resolve(change.action, [...membership.users.keys()]);
  for (const [accountId, user] of users) if (user.emailAddress?.trim().toLowerCase() === email) return accountId;
  if (change.action === 'revoke') return undefined;
  const found = await run.directory.findByEmail(change.action, email);
  if (found.length === 1) return found[0];
  if (found.length > 1) throw new PlatformError(PLATFORM, change.action, `${found.length} Jira accounts show the e-mail ${email}; Latch will not guess which one to give access`);
  throw new PlatformError(
    PLATFORM,
    change.action,
    `no Jira user shows the e-mail ${email}: invite them to the site first; an account that hides its e-mail address cannot be matched, and without Browse users and groups the search finds nobody`,
  );
}

function rolePath(key: string, role: ManagedRole): string {
  return `${projectPath(key)}/role/${role.id}`;
}

async function addTo(run: JiraRun, key: string, membership: Membership, role: ManagedRole, accountId: string, operation: string): Promise<void> {
  await write(run.api, operation, { method: 'POST', url: rolePath(key, role), json: { user: [accountId] } });
  record(membership, accountId, role.level, true);
}

async function removeFrom(run: JiraRun, key: string, membership: Membership, role: ManagedRole, accountId: string, operation: string): Promise<void> {
  await write(run.api, operation, { method: 'DELETE', url: `${rolePath(key, role)}?${new URLSearchParams({ user: accountId }).toString()}` });
  record(membership, accountId, role.level, false);
}

/**
 * Carries out one change on a project from the run's reading of its managed roles (read now
 * when the run has none), so a re-run changes nothing. A new role is added before the old ones are removed: the person never
 * loses access half-way, and holds no more than asked once done. Groups are never changed.
 */
export async function applyProjectChange(run: JiraRun, key: string, change: Change): Promise<ApplyOutcome> {
  if (change.principal.startsWith(GROUP_PREFIX)) throw new PlatformError(PLATFORM, change.action, `${change.principal} is a group: change it in Jira, Latch manages people`);
  const membership = await knownMembership(run, key, change.action);
  const accountId = await accountOf(run, change, membership);
  const held = new Set(accountId === undefined ? [] : membership.users.get(accountId));
  if (change.action === 'revoke') {
    if (accountId === undefined || held.size === 0) return { status: 'unchanged' };
    for (const role of membership.roles) if (held.has(role.level)) await removeFrom(run, key, membership, role, accountId, 'revoke');
    return { status: 'applied' };
  }
  if (!isJiraLevel(change.to)) throw new PlatformError(PLATFORM, change.action, `"${change.to}" is not a jira-project level`);
  const target = membership.roles.find((role) => role.level === change.to);
  if (!target) throw new PlatformError(PLATFORM, change.action, `no project role gives ${change.to}: name one under jira.roles.${change.to} in policies/platforms.yaml`);
  if (accountId === undefined) throw new PlatformError(PLATFORM, change.action, `no Jira account for ${change.principal}`);
  let wrote = false;
  if (!held.has(target.level)) {
    await addTo(run, key, membership, target, accountId, change.action);
    wrote = true;
  }
  for (const role of membership.roles) {
    if (role === target || !held.has(role.level)) continue;
    await removeFrom(run, key, membership, role, accountId, change.action);
    wrote = true;
  }
  return { status: wrote ? 'applied' : 'unchanged' };
}
