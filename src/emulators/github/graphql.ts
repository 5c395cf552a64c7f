import type { EmulatorRequest, EmulatorResponse, Router } from '../harness.js';
import { accessSources, deepMembers, effectiveLevel, everyoneWithAccess, type AccessSource } from './access.js';
import { FieldError, MAX_NODES, execute, priceQuery, type Args, type GqlNode, type Output } from './graphql-exec.js';
import { QueryError, parseDocument, type Value } from './graphql-parse.js';
import { bucketNumbers, charge, rateLimitHeaders, resetAtIso, type RateLimits } from './rate-limits.js';
import { INVITATION_WORD } from './shapes.js';
import type { RepoPermission } from './seed.js';
import { isMember, keyOf, type GithubState, type RepoRecord, type TeamRecord, type UserRecord } from './state.js';

/**
 * `POST /graphql` for the part of GitHub's schema Latch reads: `repository(owner:, name:)`
 * with `collaborators` and their `permissionSources`, `organization(login:)` with
 * `team(slug:)`, its `members` (with role) and `childTeams`, and `rateLimit`. Queries are
 * parsed (aliases, variables, fragments), priced by GitHub's documented formula and charged
 * to the `graphql` bucket. Errors come the GraphQL way: HTTP 200 with an `errors` array,
 * `data` null where a field failed.
 */

/** `DefaultRepositoryPermissionField`: sources speak only the legacy words; `roleName` carries triage and maintain. */
const SOURCE_PERMISSION = { pull: 'READ', triage: 'READ', push: 'WRITE', maintain: 'WRITE', admin: 'ADMIN' } as const satisfies Record<RepoPermission, string>;

function cursorOf(offset: number): string {
  return Buffer.from(`cursor:v2:${offset}`).toString('base64');
}

function offsetOf(cursor: unknown): number {
  if (cursor === undefined || cursor === null) return 0;
  const match = /^cursor:v2:(\d+)$/.exec(Buffer.from(String(cursor), 'base64').toString('utf8'));
  if (!match?.[1]) throw new QueryError('`after` is not a valid cursor.');
  return Number(match[1]) + 1;
}

/** One page of a connection, `first`/`after` only, with GitHub's messages for a bad page size. */
function connection<T>(name: string, items: readonly T[], args: Args, edge: (item: T) => { node: GqlNode; extra?: Record<string, Output> }): GqlNode {
  const first = args.first;
  if (typeof first !== 'number') throw new QueryError(`You must provide a \`first\` or \`last\` value to properly paginate the \`${name}\` connection.`);
  if (first < 1 || first > 100) throw new QueryError(`Requesting ${first} records on the \`${name}\` connection exceeds the \`first\` limit of 100 records.`);
  const start = offsetOf(args.after);
  const page = items.slice(start, start + first).map((item, index) => ({ ...edge(item), cursor: cursorOf(start + index) }));
  const endCursor = page.at(-1)?.cursor ?? null;
  const pageInfo: GqlNode = {
    __typename: 'PageInfo',
    fields: { hasNextPage: () => start + first < items.length, hasPreviousPage: () => start > 0, endCursor: () => endCursor, startCursor: () => page[0]?.cursor ?? null },
  };
  const edges = page.map((item): GqlNode => ({ __typename: `${name}Edge`, fields: { cursor: () => item.cursor, node: () => item.node, ...Object.fromEntries(Object.entries(item.extra ?? {}).map(([key, value]) => [key, () => value])) } }));
  return { __typename: `${name}Connection`, fields: { totalCount: () => items.length, pageInfo: () => pageInfo, edges: () => edges, nodes: () => page.map((item) => item.node) } };
}

function userNode(user: UserRecord): GqlNode {
  return { __typename: 'User', fields: { login: () => user.login, databaseId: () => user.id } };
}

function granter(state: GithubState, repo: RepoRecord, source: AccessSource): GqlNode {
  const also = ['PermissionGranter'];
  if (source.kind === 'repository') return { __typename: 'Repository', also, fields: { nameWithOwner: () => repo.fullName } };
  if (source.kind === 'team') return { __typename: 'Team', also, fields: { slug: () => source.team.slug, name: () => source.team.slug } };
  return { __typename: 'Organization', also, fields: { login: () => state.org } };
}

function collaboratorKeys(state: GithubState, repo: RepoRecord, affiliation: unknown): string[] {
  if (affiliation === 'ALL' || affiliation === undefined || affiliation === null) return [...everyoneWithAccess(state, repo)];
  if (affiliation === 'DIRECT') return [...repo.collaborators.keys()];
  if (affiliation === 'OUTSIDE') return [...repo.collaborators.keys()].filter((key) => !isMember(state, key));
  throw new QueryError(`Argument 'affiliation' on Field 'collaborators' has an invalid value (${String(affiliation)}).`);
}

function repositoryNode(state: GithubState, repo: RepoRecord): GqlNode {
  const collaborators = (args: Args) => {
    const people = collaboratorKeys(state, repo, args.affiliation)
      .flatMap((key) => {
        const user = state.users.get(key);
        const sources = accessSources(state, repo, key);
        const level = effectiveLevel(sources);
        return user && level ? [{ user, sources, level }] : [];
      })
      .sort((a, b) => a.user.id - b.user.id);
    return connection('RepositoryCollaborator', people, args, (person) => ({
      node: userNode(person.user),
      extra: {
        permission: INVITATION_WORD[person.level].toUpperCase(),
        permissionSources: person.sources.map((source): GqlNode => ({
          __typename: 'PermissionSource',
          fields: { permission: () => SOURCE_PERMISSION[source.level], roleName: () => INVITATION_WORD[source.level], source: () => granter(state, repo, source) },
        })),
      },
    }));
  };
  return { __typename: 'Repository', also: ['PermissionGranter'], fields: { name: () => repo.fullName.split('/')[1] ?? repo.fullName, nameWithOwner: () => repo.fullName, collaborators } };
}

/** `TeamMembershipType`: IMMEDIATE members, members through CHILD_TEAMs, or ALL (the default). */
function teamMembers(state: GithubState, team: TeamRecord, membership: unknown): Array<[string, 'member' | 'maintainer']> {
  if (membership !== undefined && membership !== null && membership !== 'ALL' && membership !== 'IMMEDIATE' && membership !== 'CHILD_TEAM') {
    throw new QueryError(`Argument 'membership' on Field 'members' has an invalid value (${String(membership)}).`);
  }
  const all = deepMembers(state, team);
  const entries = [...all].filter(([key]) => (membership === 'IMMEDIATE' ? team.members.has(key) : membership === 'CHILD_TEAM' ? !team.members.has(key) : true));
  // Owners show as maintainers, as in the REST list.
  return entries.map(([key, role]) => [key, state.owners.has(key) ? 'maintainer' : role]);
}

function descendants(state: GithubState, team: TeamRecord, immediateOnly: boolean, seen = new Set<string>()): TeamRecord[] {
  const found: TeamRecord[] = [];
  for (const slug of team.children) {
    const child = state.teams.get(slug);
    if (!child || seen.has(slug)) continue;
    seen.add(slug);
    found.push(child, ...(immediateOnly ? [] : descendants(state, child, false, seen)));
  }
  return found;
}

function teamNode(state: GithubState, team: TeamRecord): GqlNode {
  const members = (args: Args) => {
    const role = args.role;
    const entries = teamMembers(state, team, args.membership)
      .filter(([, memberRole]) => role === undefined || role === null || memberRole.toUpperCase() === role)
      .flatMap(([key, memberRole]) => {
        const user = state.users.get(key);
        return user ? [{ user, role: memberRole.toUpperCase() }] : [];
      })
      .sort((a, b) => a.user.id - b.user.id);
    return connection('TeamMember', entries, args, (entry) => ({ node: userNode(entry.user), extra: { role: entry.role } }));
  };
  const childTeams = (args: Args) => {
    const children = descendants(state, team, args.immediateOnly !== false).sort((a, b) => a.id - b.id);
    return connection('Team', children, args, (child) => ({ node: teamNode(state, child) }));
  };
  return { __typename: 'Team', also: ['PermissionGranter'], fields: { slug: () => team.slug, name: () => team.slug, databaseId: () => team.id, members, childTeams } };
}

function organizationNode(state: GithubState): GqlNode {
  return {
    __typename: 'Organization',
    fields: {
      login: () => state.org,
      // An unknown slug is null without an error, as on GitHub.
      team: (args) => {
        const team = state.teams.get(keyOf(String(args.slug)));
        return team ? teamNode(state, team) : null;
      },
    },
  };
}

function rootNode(state: GithubState, limits: RateLimits, cost: number, nodes: number): GqlNode {
  return {
    __typename: 'Query',
    fields: {
      repository: (args) => {
        const name = `${String(args.owner)}/${String(args.name)}`;
        const repo = state.repos.get(keyOf(name));
        if (!repo) throw new FieldError('NOT_FOUND', `Could not resolve to a Repository with the name '${name}'.`);
        return repositoryNode(state, repo);
      },
      organization: (args) => {
        if (keyOf(String(args.login)) !== keyOf(state.org)) throw new FieldError('NOT_FOUND', `Could not resolve to an Organization with the login of '${String(args.login)}'.`);
        return organizationNode(state);
      },
      rateLimit: () => ({ __typename: 'RateLimit', fields: { cost: () => cost, nodeCount: () => nodes, resetAt: () => resetAtIso(limits, 'graphql'), ...numbers(limits) } }),
    },
  };
}

function numbers(limits: RateLimits): Record<string, () => number> {
  const now = bucketNumbers(limits, 'graphql');
  return { limit: () => now.limit, used: () => now.used, remaining: () => now.remaining };
}

function errorsOnly(limits: RateLimits, message: string, type?: string): EmulatorResponse {
  return { status: 200, headers: rateLimitHeaders(limits, 'graphql'), body: { errors: [type ? { type, message } : { message }] } };
}

function answer(state: GithubState, limits: RateLimits, query: string, variables: Record<string, unknown>): EmulatorResponse {
  const defaults: Record<string, Value> = {};
  const document = parseDocument(query, defaults);
  const values = { ...defaults, ...variables };
  const price = priceQuery(document, values);
  if (price.nodes > MAX_NODES) return errorsOnly(limits, `This query requests up to ${price.nodes.toLocaleString('en-US')} possible nodes which exceeds the maximum limit of 500,000.`, 'MAX_NODE_LIMIT_EXCEEDED');
  if (!charge(limits, 'graphql', price.cost)) return errorsOnly(limits, 'API rate limit exceeded for installation.', 'RATE_LIMITED');
  const { data, errors } = execute(document, rootNode(state, limits, price.cost, price.nodes), values);
  return { status: 200, headers: rateLimitHeaders(limits, 'graphql'), body: errors.length > 0 ? { data, errors } : { data } };
}

export function addGraphqlRoute(router: Router, state: GithubState, limits: RateLimits): void {
  router.route('POST', '/graphql', (request: EmulatorRequest): EmulatorResponse => {
    const body = request.body;
    const query = typeof body === 'object' && body !== null && 'query' in body ? body.query : undefined;
    const rawVariables = typeof body === 'object' && body !== null && 'variables' in body ? body.variables : undefined;
    if (typeof query !== 'string') return errorsOnly(limits, 'A query attribute must be specified and must be a string.');
    const variables = typeof rawVariables === 'object' && rawVariables !== null ? (rawVariables as Record<string, unknown>) : {};
    try {
      return answer(state, limits, query, variables);
    } catch (error) {
      if (!(error instanceof QueryError)) throw error;
      return errorsOnly(limits, error.message);
    }
  });
}
