import { REPO_PERMISSIONS, type BasePermission, type RepoPermission, type TeamRole } from './seed.js';
import { isMember, keyOf, type GithubState, type RepoRecord, type TeamRecord } from './state.js';

/**
 * Where a person's access to a repository comes from, as GitHub computes it: a direct
 * grant, every team (a child team's members are members of its parents), the
 * organisation's base role for members, and ownership (admin everywhere). The REST lists
 * show only the highest; GraphQL's `permissionSources` shows each.
 */

export type AccessSource =
  | { kind: 'repository'; level: RepoPermission }
  | { kind: 'team'; team: TeamRecord; level: RepoPermission }
  | { kind: 'organization'; level: RepoPermission };

const BASE_LEVEL = { none: undefined, read: 'pull', write: 'push', admin: 'admin' } as const satisfies Record<BasePermission, RepoPermission | undefined>;

export function rankOf(level: RepoPermission): number {
  return REPO_PERMISSIONS.indexOf(level);
}

export function baseLevel(state: GithubState): RepoPermission | undefined {
  return BASE_LEVEL[state.basePermission];
}

/** Members of a team with their role, members of its child teams (at any depth) included as `member`. */
export function deepMembers(state: GithubState, team: TeamRecord, seen = new Set<string>()): Map<string, TeamRole> {
  const members = new Map<string, TeamRole>();
  seen.add(keyOf(team.slug));
  for (const slug of team.children) {
    const child = state.teams.get(slug);
    if (!child || seen.has(slug)) continue;
    for (const key of deepMembers(state, child, seen).keys()) members.set(key, 'member');
  }
  for (const [key, role] of team.members) members.set(key, role);
  return members;
}

export function accessSources(state: GithubState, repo: RepoRecord, key: string): AccessSource[] {
  const sources: AccessSource[] = [];
  const direct = repo.collaborators.get(key);
  if (direct) sources.push({ kind: 'repository', level: direct });
  for (const [slug, level] of repo.teams) {
    const team = state.teams.get(slug);
    if (team && deepMembers(state, team).has(key)) sources.push({ kind: 'team', team, level });
  }
  const base = baseLevel(state);
  if (state.owners.has(key)) sources.push({ kind: 'organization', level: 'admin' });
  else if (base && isMember(state, key)) sources.push({ kind: 'organization', level: base });
  return sources;
}

/** The highest level from any source; undefined when the person has no access. */
export function effectiveLevel(sources: readonly AccessSource[]): RepoPermission | undefined {
  let highest: RepoPermission | undefined;
  for (const source of sources) if (!highest || rankOf(source.level) > rankOf(highest)) highest = source.level;
  return highest;
}

/** Everyone with any access to the repository: direct collaborators, team members, members through the base role, owners. */
export function everyoneWithAccess(state: GithubState, repo: RepoRecord): Set<string> {
  const keys = new Set([...repo.collaborators.keys(), ...state.owners]);
  for (const slug of repo.teams.keys()) {
    const team = state.teams.get(slug);
    if (team) for (const key of deepMembers(state, team).keys()) keys.add(key);
  }
  if (baseLevel(state)) for (const key of state.members) keys.add(key);
  return keys;
}
