/**
 * A Jira Cloud site as a test or the demo finds it. Project roles are shared by every project
 * of the site; each project has its own actors per role.
 */

export interface JiraSeedUser {
  email: string;
  displayName?: string;
  /** The user's profile visibility hides the e-mail: API answers leave `emailAddress` out. */
  hideEmail?: boolean;
  /** `atlassian` (a person, default), `app` or `customer`. */
  accountType?: 'atlassian' | 'app' | 'customer';
  active?: boolean;
}

export interface JiraSeedProject {
  name: string;
  /** Role name -> actors: account ids and group names. */
  roles: Record<string, { users?: string[]; groups?: string[] }>;
}

export interface JiraSeed {
  /** The site's project roles: name -> id. */
  roles: Record<string, number>;
  /** Account id -> user. */
  users: Record<string, JiraSeedUser>;
  /** Group name -> member account ids. */
  groups?: Record<string, string[]>;
  /** Project key -> project. */
  projects: Record<string, JiraSeedProject>;
}

export interface RoleActors {
  users: Set<string>;
  groups: Set<string>;
}

export interface JiraState {
  roles: Map<string, number>;
  users: Map<string, JiraSeedUser>;
  groups: Map<string, string[]>;
  /** Project key -> role id -> actors. */
  projects: Map<string, { name: string; actors: Map<number, RoleActors> }>;
}

export function createState(seed: JiraSeed): JiraState {
  const roles = new Map(Object.entries(seed.roles));
  const projects = new Map<string, { name: string; actors: Map<number, RoleActors> }>();
  for (const [key, project] of Object.entries(seed.projects)) {
    const actors = new Map<number, RoleActors>([...roles.values()].map((id) => [id, { users: new Set<string>(), groups: new Set<string>() }]));
    for (const [name, members] of Object.entries(project.roles)) {
      const id = roles.get(name);
      if (id === undefined) throw new Error(`seed: project ${key} names role ${name}, which the site does not have`);
      for (const user of members.users ?? []) {
        if (!Object.hasOwn(seed.users, user)) throw new Error(`seed: project ${key} names unknown account ${user}`);
        actors.get(id)?.users.add(user);
      }
      for (const group of members.groups ?? []) actors.get(id)?.groups.add(group);
    }
    projects.set(key, { name: project.name, actors });
  }
  return { roles, users: new Map(Object.entries(seed.users)), groups: new Map(Object.entries(seed.groups ?? {})), projects };
}

/** Current actors in the seed's shape, only roles that have any. */
export function snapshotOf(state: JiraState): Record<string, Record<string, { users: string[]; groups: string[] }>> {
  const names = new Map([...state.roles].map(([name, id]) => [id, name]));
  return Object.fromEntries(
    [...state.projects].map(([key, project]) => [
      key,
      Object.fromEntries(
        [...project.actors]
          .filter(([, actors]) => actors.users.size + actors.groups.size > 0)
          .map(([id, actors]) => [names.get(id) ?? String(id), { users: [...actors.users].sort(), groups: [...actors.groups].sort() }]),
      ),
    ]),
  );
}

/** A project admin of the client's site adds someone by hand (verify-mode tests and the demo). */
export function addByHand(state: JiraState, key: string, role: string, accountId: string): void {
  const id = state.roles.get(role);
  const project = state.projects.get(key);
  if (id === undefined || !project) throw new Error(`no project ${key} or role ${role} in the emulator`);
  if (!state.users.has(accountId)) throw new Error(`no account ${accountId} in the emulator`);
  project.actors.get(id)?.users.add(accountId);
}
