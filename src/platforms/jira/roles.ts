import { PlatformError } from '../../errors.js';
import { PLATFORM, call, type JiraApi } from './client.js';
import { JIRA_LEVELS, levelOfRole, type JiraLevel, type RoleNames } from './levels.js';
import { ProjectRole, RoleLinks } from './schema.js';

/** A project role Latch manages: the level it gives, its id and the site's name for it. */
export interface ManagedRole {
  level: JiraLevel;
  id: number;
  name: string;
}

/** Who holds the managed roles of one project, as the role endpoint lists them (it does not page). */
export interface Membership {
  /** Account id -> the levels of the managed roles the account is an actor of. */
  users: Map<string, Set<JiraLevel>>;
  /** Group name -> the levels of the managed roles the group is an actor of. */
  groups: Map<string, Set<JiraLevel>>;
  roles: readonly ManagedRole[];
}

export function projectPath(key: string): string {
  return `/rest/api/3/project/${encodeURIComponent(key)}`;
}

/** The id at the end of a role's URL (`…/project/APEX/role/10002`). */
function roleId(url: string): number | undefined {
  const id = /\/role\/(\d+)\/?$/.exec(url)?.[1];
  return id === undefined ? undefined : Number(id);
}

/**
 * The project's roles that `jira.roles` names, lowest level first. A named role the site does
 * not have makes the project unread, listing the roles it has: a guess could revoke everyone.
 */
export async function managedRoles(api: JiraApi, names: RoleNames, key: string, operation: string): Promise<ManagedRole[]> {
  const links = await call(api, operation, { method: 'GET', url: `${projectPath(key)}/role` }, RoleLinks);
  const roles: ManagedRole[] = [];
  for (const [name, url] of Object.entries(links)) {
    const level = levelOfRole(names, name);
    if (!level) continue;
    const id = roleId(url);
    if (id === undefined) throw new PlatformError(PLATFORM, operation, `GET ${projectPath(key)}/role: malformed response: role ${name} has no id in ${url}`);
    roles.push({ level, id, name });
  }
  for (const level of JIRA_LEVELS) {
    const wanted = names[level];
    if (wanted !== undefined && !roles.some((role) => role.level === level)) {
      throw new PlatformError(PLATFORM, operation, `the site has no project role "${wanted}" (jira.roles.${level} in policies/platforms.yaml); its roles: ${Object.keys(links).sort().join(', ')}`);
    }
  }
  return roles.sort((a, b) => JIRA_LEVELS.indexOf(a.level) - JIRA_LEVELS.indexOf(b.level));
}

function add(map: Map<string, Set<JiraLevel>>, key: string, level: JiraLevel): void {
  const levels = map.get(key);
  if (levels) levels.add(level);
  else map.set(key, new Set([level]));
}

/** Every actor of every managed role, one call per role: complete, or throws. */
export async function readMembership(api: JiraApi, key: string, roles: readonly ManagedRole[], operation: string): Promise<Membership> {
  const membership: Membership = { users: new Map(), groups: new Map(), roles };
  for (const role of roles) {
    const path = `${projectPath(key)}/role/${role.id}`;
    const answer = await call(api, operation, { method: 'GET', url: path }, ProjectRole);
    for (const actor of answer.actors) {
      const group = actor.actorGroup?.name ?? actor.actorGroup?.displayName ?? actor.actorGroup?.groupId;
      if (actor.type === 'atlassian-user-role-actor' && actor.actorUser) add(membership.users, actor.actorUser.accountId, role.level);
      else if (actor.type === 'atlassian-group-role-actor' && group) add(membership.groups, group, role.level);
      else throw new PlatformError(PLATFORM, operation, `GET ${path}: malformed response: actor ${actor.displayName ?? '(unnamed)'} of type ${actor.type} without the user or group Latch reads`);
    }
  }
  return membership;
}
