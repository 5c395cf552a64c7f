import { PlatformError } from '../../errors.js';
import type { ActualGrant } from '../../model/grants.js';
import { PLATFORM, type GithubApi } from './client.js';
import { createBatcher } from '../batch.js';
import { advance, parsePage, queryGraphql, sendBatch } from './graphql.js';
import { levelFromRoleName, type RepoLevel } from './levels.js';
import { CollaboratorPage, type PermissionSource } from './schema.js';

/**
 * The fields read from one repository's direct collaborators. A fragment, so that a query
 * over many repositories can alias `repository(...)` once per repository and spread it.
 * `permission` on the edge is the HIGHEST level from any source, like REST's `role_name`;
 * only `permissionSources` tells the direct grant from a team's or the organisation's.
 */
const DIRECT_COLLABORATORS_FRAGMENT = `fragment DirectCollaborators on Repository {
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

/** One repository, one page: the pages after the first, which a batch does not carry. */
export const DIRECT_COLLABORATORS_QUERY = `query LatchDirectCollaborators($owner: String!, $name: String!, $after: String) {
  rateLimit { cost remaining resetAt limit }
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
function grantsOfEdge(ref: CollaboratorRef, login: string, sources: readonly PermissionSource[], what: string): ActualGrant[] {
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

/** Where one repository's collaborators are read, for error messages. */
function whatOf(ref: CollaboratorRef): string {
  return `POST /graphql repository(${ref.owner}/${ref.repo}).collaborators`;
}

/** A repository's `collaborators` page; a repository that is not there fails its read. */
function pageOf(value: unknown, what: string): CollaboratorPage {
  if (typeof value !== 'object' || value === null) throw new PlatformError(PLATFORM, 'list', `${what}: no repository in the answer`);
  return parsePage(CollaboratorPage, (value as { collaborators?: unknown }).collaborators, what, 'collaborators page');
}

/**
 * Repositories per batched query. GitHub prices a query at the requests its connections
 * could need, over 100, rounded, at least 1: each repository adds one `collaborators`
 * connection (`permissionSources` is a list, not a connection), so 100 repositories cost
 * 1 point (149 would too, after rounding, but a query that big takes longer than a page
 * should) and 10,000 nodes, far below the 500,000-node limit.
 */
export const REPOSITORY_BATCH = 100;

/** The first page of many repositories' collaborators, one alias per repository. */
function batchQuery(count: number): string {
  const indexes = Array.from({ length: count }, (_, index) => index);
  const variables = indexes.map((index) => `$o${index}: String!, $n${index}: String!`).join(', ');
  const fields = indexes.map((index) => `  r${index}: repository(owner: $o${index}, name: $n${index}) { ...DirectCollaborators }`).join('\n');
  return `query LatchDirectCollaboratorsBatch($after: String, ${variables}) {\n  rateLimit { cost remaining resetAt limit }\n${fields}\n}\n${DIRECT_COLLABORATORS_FRAGMENT}`;
}

/** First pages of a batch, each repository's or its own error. */
function firstPages(api: GithubApi, refs: readonly CollaboratorRef[]): Promise<Array<CollaboratorPage | Error>> {
  const variables: Record<string, unknown> = { after: null };
  refs.forEach((ref, index) => Object.assign(variables, { [`o${index}`]: ref.owner, [`n${index}`]: ref.repo }));
  const batch = { query: batchQuery(refs.length), variables, prefix: 'r', what: `POST /graphql collaborators of ${refs.length} repositories` };
  return sendBatch(api, batch, refs, whatOf, (value, ref) => pageOf(value, whatOf(ref)));
}

export interface CollaboratorReader {
  /**
   * Every direct collaborator of one repository with the level of the direct grant itself,
   * plus what the same people inherit from teams and the organisation. The first page comes
   * from a batch; further pages are read for this repository alone until GitHub says there
   * is no next page. Returns the complete list or throws.
   */
  list(ref: CollaboratorRef): Promise<ActualGrant[]>;
  /** Repositories about to be listed, read ahead to fill batches. */
  expect(refs: readonly CollaboratorRef[]): void;
}

export function createCollaboratorReader(api: GithubApi): CollaboratorReader {
  const batcher = createBatcher(REPOSITORY_BATCH, (ref: CollaboratorRef) => `${ref.owner}/${ref.repo}`.toLowerCase(), (refs) => firstPages(api, refs));
  return {
    expect: (refs) => batcher.expect(refs),
    async list(ref) {
      const what = whatOf(ref);
      const grants: ActualGrant[] = [];
      let page = await batcher.load(ref);
      const cursors = { after: null as string | null };
      for (;;) {
        for (const edge of page.edges) grants.push(...grantsOfEdge(ref, edge.node.login, edge.permissionSources, what));
        if (!advance(cursors, 'after', page.pageInfo, what)) return grants;
        const data = await queryGraphql(api, what, DIRECT_COLLABORATORS_QUERY, { owner: ref.owner, name: ref.repo, ...cursors });
        page = pageOf(data.repository, what);
      }
    },
  };
}
