import nock from 'nock';
import { pino } from 'pino';
import type { ManagedResource } from '../../../src/model/grants.js';
import type { PlatformContext } from '../../../src/platforms/adapter.js';

export const BASE = 'https://api.github.test';
export const TOKEN = 'ghp_unitTestSecretValue0123456789abcdef';

export function context(env: NodeJS.ProcessEnv = {}, audit = true): PlatformContext {
  return {
    config: { github: { org: 'acme', audit: { outsideCollaborators: audit } } },
    env: { GITHUB_API_URL: BASE, GITHUB_TOKEN: TOKEN, LATCH_GITHUB_WRITE_INTERVAL_MS: '0', ...env },
    logger: pino({ level: 'silent' }),
  };
}

/** A scope that only matches requests carrying the token and the pinned API version. */
export function github(): nock.Scope {
  return nock(BASE, { reqheaders: { authorization: `token ${TOKEN}`, 'x-github-api-version': '2022-11-28' } });
}

export function repoResource(ref = 'acme/web'): ManagedResource {
  return { client: 'apex', key: 'web', kind: 'github-repo', ref, mode: 'manage', audience: 'any', at: { file: 'clients/apex.yaml', line: 1, column: 1 } };
}

export function teamResource(ref = 'acme/apex-engineers'): ManagedResource {
  return { client: 'apex', key: 'eng', kind: 'github-team', ref, mode: 'manage', audience: 'any', at: { file: 'clients/apex.yaml', line: 1, column: 1 } };
}

export function user(login: string): { login: string; id: number; type: string; site_admin: boolean } {
  return { login, id: login.length * 1000 + login.charCodeAt(0), type: 'User', site_admin: false };
}

export function repoInvitation(id: number, invitee: string | null, permissions: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id,
    node_id: `RI_${id}`,
    invitee: invitee === null ? null : user(invitee),
    inviter: user('acme-bot'),
    permissions,
    created_at: '2026-01-05T10:00:00Z',
    expired: false,
    url: `${BASE}/user/repository_invitations/${id}`,
    html_url: `https://github.test/acme/web/invitations`,
    ...extra,
  };
}

/** A `Link` header pointing at the next page of `path`. */
export function nextLink(path: string, page: number, last = page): Record<string, string> {
  const url = (n: number) => `${BASE}${path}${path.includes('?') ? '&' : '?'}page=${n}`;
  return { link: `<${url(page)}>; rel="next", <${url(last)}>; rel="last"` };
}

/** Fails the test when a mock was defined but never called, then resets nock. */
export function assertAllMocksUsed(): void {
  const pending = nock.pendingMocks();
  nock.cleanAll();
  if (pending.length > 0) throw new Error(`unused HTTP mocks: ${pending.join(', ')}`);
}

const SOURCE_WORD = { pull: 'READ', triage: 'READ', push: 'WRITE', maintain: 'WRITE', admin: 'ADMIN' } as const;
const ROLE_WORD = { pull: 'read', triage: 'triage', push: 'write', maintain: 'maintain', admin: 'admin' } as const;
type Level = keyof typeof SOURCE_WORD;

/** A `PermissionSource` as GitHub's GraphQL API answers it. */
export function source(level: Level, granter: Record<string, unknown>, roleName?: string): Record<string, unknown> {
  return { permission: SOURCE_WORD[level], roleName: roleName ?? ROLE_WORD[level], source: granter };
}

/** A direct collaborator edge of `acme/web`, with further sources (team, organisation) when given. */
export function edge(login: string, level: Level, more: Record<string, unknown>[] = [], roleName?: string): Record<string, unknown> {
  return { node: { login }, permission: SOURCE_WORD[level], permissionSources: [source(level, { __typename: 'Repository', nameWithOwner: 'acme/web' }, roleName), ...more] };
}

/** One page of `repository.collaborators` wrapped in GraphQL's envelope. */
export function collaboratorsPage(edges: Record<string, unknown>[], endCursor: string | null = null): Record<string, unknown> {
  return {
    data: {
      rateLimit: { cost: 1, remaining: 4999, resetAt: '2026-01-05T11:00:00Z' },
      // The first page of a repository comes from a batch, under its alias; later pages on their own.
      r0: { collaborators: { pageInfo: { hasNextPage: endCursor !== null, endCursor }, edges } },
      repository: { collaborators: { pageInfo: { hasNextPage: endCursor !== null, endCursor }, edges } },
    },
  };
}

/**
 * Matches the direct-collaborators query for `acme/<repo>` at the given cursor: the first
 * page as the only repository of a batch (alias `r0`), later pages as a query of its own.
 */
export function collaboratorsQuery(repo = 'web', after: string | null = null) {
  return (body: { query?: string; variables?: Record<string, unknown> }) => {
    if (typeof body.query !== 'string' || !body.query.includes('collaborators(affiliation: DIRECT')) return false;
    const variables = body.variables ?? {};
    if (after === null) return body.query.includes('r0: repository(') && !body.query.includes('r1:') && variables.o0 === 'acme' && variables.n0 === repo && variables.after === null;
    return variables.owner === 'acme' && variables.name === repo && variables.after === after;
  };
}

/** Matches the team query for `acme/<slug>`: the first page as the only team of a batch, later pages on their own. */
export function teamQuery(slug: string, cursors: { membersAfter?: string; childrenAfter?: string } = {}) {
  return (body: { query?: string; variables?: Record<string, unknown> }) => {
    if (typeof body.query !== 'string' || !body.query.includes('fragment TeamAccess on Team')) return false;
    const variables = body.variables ?? {};
    const at = (variables.membersAfter ?? undefined) === cursors.membersAfter && (variables.childrenAfter ?? undefined) === cursors.childrenAfter;
    if (cursors.membersAfter === undefined && cursors.childrenAfter === undefined) return at && body.query.includes('t0: organization(') && !body.query.includes('t1:') && variables.g0 === 'acme' && variables.s0 === slug;
    return at && variables.org === 'acme' && variables.slug === slug;
  };
}

/** One page of a team's members (login → MEMBER or MAINTAINER) and child teams, under the batch alias and on its own. */
export function teamPage(members: Record<string, 'MEMBER' | 'MAINTAINER'>, children: string[] = [], next: { members?: string; children?: string } = {}): Record<string, unknown> {
  const team = {
    members: { pageInfo: { hasNextPage: next.members !== undefined, endCursor: next.members ?? null }, edges: Object.entries(members).map(([login, role]) => ({ role, node: { login } })) },
    childTeams: { pageInfo: { hasNextPage: next.children !== undefined, endCursor: next.children ?? null }, nodes: children.map((slug) => ({ slug })) },
  };
  return { data: { rateLimit: { cost: 1, remaining: 4999, resetAt: '2026-01-05T11:00:00Z' }, t0: { team }, organization: { team } } };
}
