import { changesSince } from '../delegation/git-changes.js';
import { GitError } from '../git.js';
import type { Repository } from '../load/load.js';
import { rolesByClient, scopeOfChanges, type ReadScope } from './scope.js';

/**
 * What a plan against `base` has to read: the scope of the files changed since then. When
 * git cannot tell what changed (a base that is not fetched), the answer is everything, with
 * why: a plan never reads less than the change can affect.
 */
export async function changedScope(head: Repository, base: string): Promise<ReadScope> {
  try {
    return scopeOfChanges(await changesSince(head.dir, base), rolesByClient(head.clients));
  } catch (error) {
    if (!(error instanceof GitError)) throw error;
    return { everything: true, clients: [], platforms: [], reasons: [`what changed since ${base} cannot be told (${error.message}): every client is read`] };
  }
}
