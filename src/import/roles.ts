import type { RolesFile } from '../load/model.js';
import type { Side } from '../model/grants.js';
import { isResourceKind, levelRank, type Level, type ResourceKind } from '../model/kinds.js';

/** A level one person has on one resource of a client, as found on the platform. */
export interface Observation {
  /** The resource's name in the client file. */
  key: string;
  /** Resource kind. */
  kind: ResourceKind;
  /** The level found (after the client-side maximum). */
  level: Level;
}

/** The role (if any) and the explicit grants that give exactly the observed access. */
export interface RoleChoice {
  /** The role to write; absent when none fits. */
  role?: string;
  /** Observations the role does not give, or gives lower: written under `grants`. */
  grants: Observation[];
}

interface Scored {
  role: string;
  grants: Observation[];
  /** Sum of the ranks of every level the role gives on the client's resources: lower is less privilege. */
  privilege: number;
  /** The same over every kind the role names, present or not: what the role would give as the client grows. */
  reach: number;
}

function score(role: string, levels: Partial<Record<ResourceKind, Level>>, observed: ReadonlyMap<string, Observation>, resources: readonly { key: string; kind: ResourceKind }[]): Scored | undefined {
  const grants: Observation[] = [];
  let privilege = 0;
  let covers = 0;
  for (const resource of resources) {
    const given = levels[resource.kind];
    const seen = observed.get(resource.key);
    if (given === undefined) {
      if (seen) grants.push(seen);
      continue;
    }
    // A role that would give more than the platform shows, or access where there is none, is not today's access.
    if (!seen || levelRank(resource.kind, given) > levelRank(resource.kind, seen.level)) return undefined;
    privilege += levelRank(resource.kind, given) + 1;
    if (levelRank(resource.kind, given) < levelRank(resource.kind, seen.level)) grants.push(seen);
    else covers += 1;
  }
  let reach = 0;
  for (const [kind, level] of Object.entries(levels)) if (level !== undefined && isResourceKind(kind)) reach += levelRank(kind, level) + 1;
  return covers > 0 ? { role, grants, privilege, reach } : undefined;
}

function better(a: Scored, b: Scored): boolean {
  if (a.grants.length !== b.grants.length) return a.grants.length < b.grants.length;
  if (a.privilege !== b.privilege) return a.privilege < b.privilege;
  return a.reach < b.reach;
}

/**
 * Pure. The least-privilege role of the catalogue that gives exactly what a person has on a
 * client's resources: among the roles of the person's side that never give more than was
 * observed, the one leaving the fewest explicit grants, then the one giving the least here,
 * then the one giving the least on every kind it names. What the role does not cover becomes
 * explicit grants; with no fitting role, everything does.
 */
export function chooseRole(observations: readonly Observation[], resources: readonly { key: string; kind: ResourceKind }[], roles: RolesFile['roles'], side: Side): RoleChoice {
  const observed = new Map(observations.map((observation) => [observation.key, observation]));
  let best: Scored | undefined;
  for (const [name, role] of Object.entries(roles).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (role.side !== 'any' && role.side !== side) continue;
    const scored = score(name, role.levels, observed, resources);
    if (!scored) continue;
    if (!best || better(scored, best)) best = scored;
  }
  if (!best) return { grants: [...observations] };
  return { role: best.role, grants: best.grants };
}
