import { ConfigError, type ConfigIssue } from '../errors.js';
import { filesAtRef } from '../git.js';
import type { ManagedResource } from '../model/grants.js';
import type { Change, Offboarding } from '../model/plan.js';
import { loadFromFiles, type Repository } from '../load/load.js';
import { expandDesired } from './expand.js';

/** A client whose file exists at the base but not any more, with the resources it declared there. */
export interface DeletedClient {
  client: string;
  name: string;
  file: string;
  resources: ManagedResource[];
}

/** The files at the base do not validate, so no offboarding can be planned from them. */
export class InvalidBaseError extends Error {
  readonly base: string;
  /** The base's errors, first one first. */
  readonly issues: ConfigIssue[];
  constructor(base: string, cause: ConfigError) {
    super(`the files at ${base} do not validate, so offboarding cannot be planned from them: ${cause.message}`, { cause });
    this.name = 'InvalidBaseError';
    this.base = base;
    this.issues = cause.issues.filter((issue) => issue.severity === 'error');
  }
}

/**
 * Clients deleted since `base`; InvalidBaseError when the base's files do not validate. Their resources are reconciled against an empty grant list,
 * which revokes everything on them; a resource another client now declares is not offboarded.
 */
export async function deletedSince(base: string, head: Repository, today: string): Promise<DeletedClient[]> {
  let baseRepository: Repository;
  try {
    baseRepository = loadFromFiles(head.dir, await filesAtRef(head.dir, base), { today }).repository;
  } catch (error) {
    if (error instanceof ConfigError) throw new InvalidBaseError(base, error);
    throw error;
  }
  const present = new Set(head.clients.map((loaded) => loaded.data.client));
  const declaredNow = new Set<string>();
  for (const loaded of head.clients) {
    for (const resource of Object.values(loaded.data.resources)) declaredNow.add(`${resource.kind} ${resource.ref}`);
  }
  const resources = expandDesired(baseRepository, today).resources;
  return baseRepository.clients
    .filter((loaded) => !present.has(loaded.data.client))
    .map((loaded) => ({
      client: loaded.data.client,
      name: loaded.data.name,
      file: loaded.file,
      resources: resources.filter(
        (resource) => resource.client === loaded.data.client && resource.mode === 'manage' && !declaredNow.has(`${resource.kind} ${resource.ref}`),
      ),
    }));
}

/** Rewrites the reasons of revocations on offboarded resources and counts them per client. */
export function describeOffboarding(changes: Change[], deleted: readonly DeletedClient[]): { changes: Change[]; offboarding: Offboarding[] } {
  const owner = new Map<string, DeletedClient>();
  for (const client of deleted) for (const resource of client.resources) owner.set(`${resource.kind} ${resource.ref}`, client);
  const counts = new Map<string, number>();
  const rewritten = changes.map((change) => {
    const client = owner.get(`${change.kind} ${change.resource}`);
    if (!client || change.action !== 'revoke') return change;
    counts.set(client.client, (counts.get(client.client) ?? 0) + 1);
    return { ...change, client: client.client, reason: `offboarding ${client.name}: ${client.file} was deleted` };
  });
  const offboarding = deleted.map((client) => ({
    client: client.client,
    name: client.name,
    file: client.file,
    revocations: counts.get(client.client) ?? 0,
    resources: client.resources.length,
  }));
  return { changes: rewritten, offboarding };
}
