import type { EmulatorRequest, EmulatorResponse, Router } from '../harness.js';
import { accessSources, effectiveLevel, everyoneWithAccess, type AccessSource } from './access.js';
import { INVITATION_WORD } from './shapes.js';
import type { RepoPermission } from './seed.js';
import { isMember, keyOf, type GithubState, type RepoRecord } from './state.js';

/**
 * `POST /graphql` for the one shape Latch asks: `repository(owner:, name:)` (aliases allowed,
 * so several repositories can share a query) with `collaborators(affiliation:, first:, after:)`
 * edges carrying `permission` and `permissionSources`, and `rateLimit`. Errors come the
 * GraphQL way: HTTP 200 with an `errors` array, `data` null where a field failed.
 */

const POINTS = 5000;

/** `DefaultRepositoryPermissionField`: sources speak only the legacy words; `roleName` carries triage and maintain. */
const SOURCE_PERMISSION = { pull: 'READ', triage: 'READ', push: 'WRITE', maintain: 'WRITE', admin: 'ADMIN' } as const satisfies Record<RepoPermission, string>;

interface GraphqlError {
  message: string;
  type?: string;
  path?: string[];
}

class QueryError extends Error {}

function argument(text: string, name: string, variables: Record<string, unknown>): unknown {
  const match = new RegExp(`\\b${name}:\\s*(\\$\\w+|"[^"]*"|\\w+)`).exec(text);
  const raw = match?.[1];
  if (raw === undefined) return undefined;
  if (raw.startsWith('$')) return variables[raw.slice(1)];
  if (raw.startsWith('"')) return raw.slice(1, -1);
  return /^\d+$/.test(raw) ? Number(raw) : raw;
}

function cursorOf(offset: number): string {
  return Buffer.from(`cursor:v2:${offset}`).toString('base64');
}

function offsetOf(cursor: unknown): number {
  if (cursor === undefined || cursor === null) return 0;
  const match = /^cursor:v2:(\d+)$/.exec(Buffer.from(String(cursor), 'base64').toString('utf8'));
  if (!match?.[1]) throw new QueryError('`after` is not a valid cursor.');
  return Number(match[1]) + 1;
}

function renderSource(state: GithubState, repo: RepoRecord, source: AccessSource): Record<string, unknown> {
  const granter =
    source.kind === 'repository'
      ? { __typename: 'Repository', nameWithOwner: repo.fullName }
      : source.kind === 'team'
        ? { __typename: 'Team', slug: source.team.slug, name: source.team.slug }
        : { __typename: 'Organization', login: state.org };
  return { permission: SOURCE_PERMISSION[source.level], roleName: INVITATION_WORD[source.level], source: granter };
}

function collaboratorKeys(state: GithubState, repo: RepoRecord, affiliation: unknown): string[] {
  if (affiliation === 'ALL' || affiliation === undefined) return [...everyoneWithAccess(state, repo)];
  if (affiliation === 'DIRECT') return [...repo.collaborators.keys()];
  if (affiliation === 'OUTSIDE') return [...repo.collaborators.keys()].filter((key) => !isMember(state, key));
  throw new QueryError(`Argument 'affiliation' on Field 'collaborators' has an invalid value (${String(affiliation)}).`);
}

function collaborators(state: GithubState, repo: RepoRecord, args: string, variables: Record<string, unknown>): Record<string, unknown> {
  const first = argument(args, 'first', variables);
  if (typeof first !== 'number') throw new QueryError('You must provide a `first` or `last` value to properly paginate the `collaborators` connection.');
  if (first > 100) throw new QueryError(`Requesting ${first} records on the \`collaborators\` connection exceeds the \`first\` limit of 100 records.`);
  const start = offsetOf(argument(args, 'after', variables));
  const people = collaboratorKeys(state, repo, argument(args, 'affiliation', variables))
    .flatMap((key) => {
      const user = state.users.get(key);
      const sources = accessSources(state, repo, key);
      const level = effectiveLevel(sources);
      return user && level ? [{ user, sources, level }] : [];
    })
    .sort((a, b) => a.user.id - b.user.id);
  const page = people.slice(start, start + first);
  const edges = page.map((person, index) => ({
    cursor: cursorOf(start + index),
    permission: INVITATION_WORD[person.level].toUpperCase(),
    node: { login: person.user.login },
    permissionSources: person.sources.map((source) => renderSource(state, repo, source)),
  }));
  const hasNextPage = start + first < people.length;
  return { totalCount: people.length, pageInfo: { hasNextPage, endCursor: edges.at(-1)?.cursor ?? null }, edges };
}

const REPOSITORY = /(?:(\w+)\s*:\s*)?repository\s*\(([^)]*)\)/g;

function answer(state: GithubState, query: string, variables: Record<string, unknown>, used: number): { data: Record<string, unknown>; errors: GraphqlError[] } {
  const data: Record<string, unknown> = {};
  const errors: GraphqlError[] = [];
  const matches = [...query.matchAll(REPOSITORY)];
  if (matches.length === 0 && !/\brateLimit\b/.test(query)) throw new QueryError("Field 'unknown' doesn't exist on type 'Query'");
  matches.forEach((match, index) => {
    const alias = match[1] ?? 'repository';
    const owner = argument(match[2] ?? '', 'owner', variables);
    const name = argument(match[2] ?? '', 'name', variables);
    const repo = state.repos.get(keyOf(`${String(owner)}/${String(name)}`));
    if (!repo) {
      data[alias] = null;
      errors.push({ type: 'NOT_FOUND', path: [alias], message: `Could not resolve to a Repository with the name '${String(owner)}/${String(name)}'.` });
      return;
    }
    const block = query.slice(match.index, matches[index + 1]?.index ?? query.length);
    const args = /collaborators\s*\(([^)]*)\)/.exec(block)?.[1];
    data[alias] = args === undefined ? {} : { collaborators: collaborators(state, repo, args, variables) };
  });
  if (/\brateLimit\b/.test(query)) {
    data.rateLimit = { cost: 1, limit: POINTS, remaining: POINTS - used, used, resetAt: new Date(Date.now() + 3_600_000).toISOString().replace(/\.\d{3}Z$/, 'Z') };
  }
  return { data, errors };
}

export function addGraphqlRoute(router: Router, state: GithubState): void {
  let used = 0;
  router.route('POST', '/graphql', (request: EmulatorRequest): EmulatorResponse => {
    const body = request.body;
    const query = typeof body === 'object' && body !== null && 'query' in body ? body.query : undefined;
    const rawVariables = typeof body === 'object' && body !== null && 'variables' in body ? body.variables : undefined;
    if (typeof query !== 'string') return { status: 200, body: { errors: [{ message: 'A query attribute must be specified and must be a string.' }] } };
    const variables = typeof rawVariables === 'object' && rawVariables !== null ? (rawVariables as Record<string, unknown>) : {};
    try {
      used += 1;
      const { data, errors } = answer(state, query, variables, used);
      return { status: 200, body: errors.length > 0 ? { data, errors } : { data } };
    } catch (error) {
      if (!(error instanceof QueryError)) throw error;
      return { status: 200, body: { errors: [{ message: error.message }] } };
    }
  });
}
