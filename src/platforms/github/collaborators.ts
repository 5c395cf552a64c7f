import { PlatformError } from '../../errors.js';
import type { ActualGrant } from '../../model/grants.js';
import { PLATFORM, type GithubApi } from './client.js';
import { queryGraphql } from './graphql.js';
import { levelFromRoleName, type RepoLevel } from './levels.js';
import { CollaboratorPage, type PermissionSource } from './schema.js';

/**
 * The fields read from one repository's direct collaborators. A fragment, so that a query
 * over many repositories can alias `repository(...)` once per repository and spread it.
 * `permission` on the edge is the HIGHEST level from any source, like REST's `role_name`;
 * only `permissionSources` tells the direct grant from a team's or the organisation's.
 */
export const DIRECT_COLLABORATORS_FRAGMENT = `fragment DirectCollaborators on Repository {
  collaborators(affiliation: DIRECT, first: 100, after: $after) {
    pageInfo { hasNextPage endCursor }
    edges {
      node { login }
      permissionSources {
        permission
        roleName
        source {
          __typename
          ... on Organization { login }
          ... on Team { slug }
          ... on Repository { nameWithOwner }
        }
      }
    }
  }
}`;

/** One repository, one page. Kept as a fixed text: the emulator recognises Latch's queries by it. */
export const DIRECT_COLLABORATORS_QUERY = `query LatchDirectCollaborators($owner: String!, $name: String!, $after: String) {
  rateLimit { cost remaining resetAt }
  repository(owner: $owner, name: $name) { ...DirectCollaborators }
}
${DIRECT_COLLABORATORS_FRAGMENT}`;

const LEGACY_LEVEL = { READ: 'pull', WRITE: 'push', ADMIN: 'admin', NONE: undefined } as const satisfies Record<PermissionSource['permission'], RepoLevel | undefined>;

/** A source's level: its built-in role name (which knows triage and maintain), else the legacy word. */
function sourceLevel(source: PermissionSource): RepoLevel | undefined {
  const named = source.roleName ? levelFromRoleName(source.roleName) : undefined;
  return named ?? LEGACY_LEVEL[source.permission];
}

/** Where an inherited level comes from, in words a reviewer can act on. */
function origin(org: string, source: PermissionSource['source']): string | undefined {
  if (source.__typename === 'Team') return `team ${org}/${source.slug}`;
  if (source.__typename === 'Organization') return `organisation ${source.login} (base role or owner)`;
  return undefined;
}

export interface CollaboratorRef {
  owner: string;
  repo: string;
}

/** The grants of one collaborator edge: the direct one, and each inherited one as such. */
export function grantsOfEdge(ref: CollaboratorRef, login: string, sources: readonly PermissionSource[], what: string): ActualGrant[] {
  const principal = login.toLowerCase();
  const fullName = `${ref.owner}/${ref.repo}`.toLowerCase();
  const grants: ActualGrant[] = [];
  for (const source of sources) {
    const level = sourceLevel(source);
    // The base role `none` is a source that grants nothing; a direct grant always grants something.
    if (!level && source.permission === 'NONE' && source.source.__typename !== 'Repository') continue;
    if (!level) throw new PlatformError(PLATFORM, 'list', `${what}: no known level for ${login} (role "${source.roleName ?? source.permission}")`);
    if (source.source.__typename === 'Repository') {
      // Another repository's grant never shows here; if it did, it would not be this one's.
      if (source.source.nameWithOwner.toLowerCase() !== fullName) continue;
      grants.push({ principal, level });
      continue;
    }
    grants.push({ principal, level, inheritedFrom: origin(ref.owner, source.source) });
  }
  return grants;
}

/**
 * Every direct collaborator of one repository with the level of the direct grant itself,
 * plus what the same people inherit from teams and the organisation. Pages until GitHub
 * says there is no next page; returns the complete list or throws.
 */
export async function listDirectCollaborators(api: GithubApi, ref: CollaboratorRef): Promise<ActualGrant[]> {
  const what = `POST /graphql repository(${ref.owner}/${ref.repo}).collaborators`;
  const grants: ActualGrant[] = [];
  let after: string | null = null;
  for (;;) {
    const data = await queryGraphql(api, what, DIRECT_COLLABORATORS_QUERY, { owner: ref.owner, name: ref.repo, after });
    const repository = data.repository;
    if (typeof repository !== 'object' || repository === null) throw new PlatformError(PLATFORM, 'list', `${what}: no repository in the answer`);
    const parsed = CollaboratorPage.safeParse((repository as { collaborators?: unknown }).collaborators);
    if (!parsed.success) throw new PlatformError(PLATFORM, 'list', `${what}: malformed collaborators page (${parsed.error.issues[0]?.path.join('.') || 'root'}: ${parsed.error.issues[0]?.message ?? 'invalid'})`);
    for (const edge of parsed.data.edges) grants.push(...grantsOfEdge(ref, edge.node.login, edge.permissionSources, what));
    const { hasNextPage, endCursor } = parsed.data.pageInfo;
    if (!hasNextPage) return grants;
    if (!endCursor || endCursor === after) throw new PlatformError(PLATFORM, 'list', `${what}: a next page is announced without a new cursor`);
    after = endCursor;
  }
}
