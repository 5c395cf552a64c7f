import { daysBetween } from '../clock.js';
import { expandDesired } from '../desire/expand.js';
import { filesAtRef, git, GitError } from '../git.js';
import { loadFromFiles, type Repository } from '../load/load.js';
import type { ManagedResource } from '../model/grants.js';
import type { AuditRecord } from './audit-log.js';
import { mainLineCommits } from './commits.js';

/** A client whose file was deleted and whose resources are still watched. */
export interface WatchedClient {
  client: string;
  name: string;
  /** The deleted file, e.g. `clients/cobalt.yaml`. */
  file: string;
  /** YYYY-MM-DD: the first day a revocation on its resources was carried out, else the day the deletion landed. */
  offboardedOn: string;
  /** YYYY-MM-DD: the last day of the watch. */
  watchUntil: string;
  /** Its managed resources no current client declares. */
  resources: ManagedResource[];
  /** Why its resources could not be recovered from the commit before the deletion; none are read then. */
  error?: string;
}

interface Deletion {
  file: string;
  commit: string;
  parent: string;
  /** ISO time the deletion landed on the main line. */
  at: string;
}

const CLIENT_FILE = /^clients\/[^/]+\.ya?ml$/;

function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

function utcDay(iso: string): string {
  return new Date(iso).toISOString().slice(0, 10);
}

/** The latest deletion of each client file on the main line; none outside a git clone. */
async function deletions(dir: string): Promise<Deletion[]> {
  try {
    await git(dir, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']);
  } catch (error) {
    if (error instanceof GitError) return [];
    throw error;
  }
  const latest = new Map<string, Deletion>();
  for (const commit of await mainLineCommits(dir, ['clients'])) {
    const parent = commit.parents[0];
    if (parent === undefined) continue;
    for (const file of commit.files) {
      if (file.status === 'D' && CLIENT_FILE.test(file.path)) latest.set(file.path, { file: file.path, commit: commit.id, parent, at: commit.committedAt });
    }
  }
  return [...latest.values()];
}

/** The day the revocations were carried out: the first carried-out revoke on one of the resources since the deletion landed. */
function appliedOn(deletion: Deletion, resources: readonly ManagedResource[], records: readonly AuditRecord[]): string | undefined {
  const keys = new Set(resources.map((resource) => `${resource.kind} ${resource.ref}`));
  const since = Date.parse(deletion.at);
  const first = records.find((record) => record.change.action === 'revoke' && Date.parse(record.at) >= since && keys.has(`${record.change.kind} ${record.change.resource}`));
  return first ? utcDay(first.at) : undefined;
}

/**
 * Clients whose file the main line deleted and whose watch of `watchDays` has not ended by
 * `today`. Their resources come from the commit before the deletion; a resource a current
 * client declares is that client's now and is left out (a client with none left is not watched). The watch counts from the day the
 * apply records show the offboarding carried out, else from the day the deletion landed.
 */
export async function watchedClients(head: Repository, options: { today: string; watchDays: number; records: readonly AuditRecord[] }): Promise<WatchedClient[]> {
  const present = new Set(head.clients.map((loaded) => loaded.data.client));
  const presentFiles = new Set(head.clients.map((loaded) => loaded.file));
  const declaredNow = new Set(head.clients.flatMap((loaded) => Object.values(loaded.data.resources).map((resource) => `${resource.kind} ${resource.ref}`)));
  const watched: WatchedClient[] = [];
  for (const deletion of await deletions(head.dir)) {
    if (presentFiles.has(deletion.file)) continue;
    let before: Repository;
    try {
      before = loadFromFiles(head.dir, await filesAtRef(head.dir, deletion.parent), { today: options.today }).repository;
    } catch (error) {
      const offboardedOn = utcDay(deletion.at);
      if (daysBetween(offboardedOn, options.today) > options.watchDays) continue;
      const message = error instanceof Error ? error.message : String(error);
      const name = deletion.file.replace(/^clients\/|\.ya?ml$/g, '');
      watched.push({ client: name, name, file: deletion.file, offboardedOn, watchUntil: addDays(offboardedOn, options.watchDays), resources: [], error: `the files before ${deletion.commit.slice(0, 7)} do not load: ${message}` });
      continue;
    }
    const loaded = before.clients.find((candidate) => candidate.file === deletion.file);
    if (!loaded || present.has(loaded.data.client)) continue;
    const resources = expandDesired(before, options.today).resources.filter(
      (resource) => resource.client === loaded.data.client && resource.mode === 'manage' && !declaredNow.has(`${resource.kind} ${resource.ref}`),
    );
    if (resources.length === 0) continue;
    const offboardedOn = appliedOn(deletion, resources, options.records) ?? utcDay(deletion.at);
    const elapsed = daysBetween(offboardedOn, options.today);
    if (elapsed < 0 || elapsed > options.watchDays) continue;
    watched.push({ client: loaded.data.client, name: loaded.data.name, file: deletion.file, offboardedOn, watchUntil: addDays(offboardedOn, options.watchDays), resources });
  }
  return watched.sort((a, b) => (a.client < b.client ? -1 : a.client > b.client ? 1 : 0));
}
