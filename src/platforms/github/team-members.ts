import { PlatformError } from '../../errors.js';
import { createBatcher, type Batcher } from '../batch.js';
import { PLATFORM, type GithubApi } from './client.js';
import { advance, parsePage, queryGraphql, sendBatch } from './graphql.js';
import { TeamAccessPage } from './schema.js';

/** `org/team-slug`, split. */
export interface TeamRef {
  org: string;
  slug: string;
}

/**
 * A team's members with their role (members of child teams included, as GitHub lists them)
 * and its child teams. A fragment, so that one query reads many teams through aliases.
 */
const TEAM_ACCESS_FRAGMENT = `fragment TeamAccess on Team {
  members(first: 100, after: $membersAfter) {
    pageInfo { hasNextPage endCursor }
    edges { role node { login } }
  }
  childTeams(first: 100, after: $childrenAfter) {
    pageInfo { hasNextPage endCursor }
    nodes { slug }
  }
}`;

/** One team, the pages after the first. */
const TEAM_ACCESS_QUERY = `query LatchTeamAccess($org: String!, $slug: String!, $membersAfter: String, $childrenAfter: String) {
  rateLimit { cost remaining resetAt limit }
  organization(login: $org) { team(slug: $slug) { ...TeamAccess } }
}
${TEAM_ACCESS_FRAGMENT}`;

/**
 * Teams per batched query: each team adds two connections (`members`, `childTeams`), so 50
 * teams are 100 requests, 1 point by GitHub's formula, and at most 10,000 nodes.
 */
export const TEAM_BATCH = 50;

function teamBatchQuery(count: number): string {
  const indexes = Array.from({ length: count }, (_, index) => index);
  const variables = indexes.map((index) => `$g${index}: String!, $s${index}: String!`).join(', ');
  const fields = indexes.map((index) => `  t${index}: organization(login: $g${index}) { team(slug: $s${index}) { ...TeamAccess } }`).join('\n');
  return `query LatchTeamAccessBatch($membersAfter: String, $childrenAfter: String, ${variables}) {\n  rateLimit { cost remaining resetAt limit }\n${fields}\n}\n${TEAM_ACCESS_FRAGMENT}`;
}

/** What one team's read returns, complete. */
export interface TeamAccess {
  members: Array<{ login: string; role: 'member' | 'maintainer' }>;
  /** Slugs of the immediate child teams, in GitHub's order. */
  children: string[];
}

function whatOf(ref: TeamRef): string {
  return `POST /graphql organization(${ref.org}).team(${ref.slug})`;
}

/** A team that is not there is null without an error, as GitHub answers an unknown slug. */
function parseTeam(organization: unknown, ref: TeamRef): TeamAccessPage {
  const team = typeof organization === 'object' && organization !== null ? (organization as { team?: unknown }).team : undefined;
  if (team === null || team === undefined) throw new PlatformError(PLATFORM, 'list', `${whatOf(ref)}: not found, or not visible to the token`, { status: 404 });
  return parsePage(TeamAccessPage, team, whatOf(ref), 'team page');
}

/** First pages of a batch, each team's or its own error. */
function firstPages(api: GithubApi, refs: readonly TeamRef[]): Promise<Array<TeamAccessPage | Error>> {
  const variables: Record<string, unknown> = { membersAfter: null, childrenAfter: null };
  refs.forEach((ref, index) => Object.assign(variables, { [`g${index}`]: ref.org, [`s${index}`]: ref.slug }));
  const batch = { query: teamBatchQuery(refs.length), variables, prefix: 't', what: `POST /graphql members of ${refs.length} teams` };
  return sendBatch(api, batch, refs, whatOf, parseTeam);
}

export interface TeamReader {
  /**
   * A team's members and child teams, every page; the complete lists or throws. Read once per
   * run: a team is listed for itself and again as a parent's child team.
   */
  read(ref: TeamRef): Promise<TeamAccess>;
  /** Teams about to be read, read ahead to fill batches. */
  expect(refs: readonly TeamRef[]): void;
  /** Drops what was read: a write has changed some team's members, and so its parents'. */
  forget(): void;
}

const keyOf = (ref: TeamRef) => `${ref.org}/${ref.slug}`.toLowerCase();

export function createTeamReader(api: GithubApi): TeamReader {
  const batcher = createBatcher(TEAM_BATCH, keyOf, (refs) => firstPages(api, refs));
  const read = new Map<string, Promise<TeamAccess>>();
  return {
    expect: (refs) => batcher.expect(refs),
    forget: () => read.clear(),
    read(ref) {
      const key = keyOf(ref);
      const known = read.get(key);
      if (known) return known;
      const reading = readTeam(api, batcher, ref);
      // A failed read is not kept: the next caller reads again, and fails or succeeds on its own.
      reading.catch(() => read.delete(key));
      read.set(key, reading);
      return reading;
    },
  };
}

/** Every page of one team, the first from a batch. */
async function readTeam(api: GithubApi, batcher: Batcher<TeamRef, TeamAccessPage>, ref: TeamRef): Promise<TeamAccess> {
  const what = whatOf(ref);
  const access: TeamAccess = { members: [], children: [] };
  let page = await batcher.load(ref);
  const cursors = { membersAfter: null as string | null, childrenAfter: null as string | null };
  // A connection already complete is read again with the other one's next page; its repeat is ignored.
  const done = { members: false, children: false };
  for (;;) {
    if (!done.members) {
      for (const edge of page.members.edges) access.members.push({ login: edge.node.login, role: edge.role === 'MAINTAINER' ? 'maintainer' : 'member' });
      done.members = !advance(cursors, 'membersAfter', page.members.pageInfo, what);
    }
    if (!done.children) {
      access.children.push(...page.childTeams.nodes.map((node) => node.slug));
      done.children = !advance(cursors, 'childrenAfter', page.childTeams.pageInfo, what);
    }
    if (done.members && done.children) return access;
    const data = await queryGraphql(api, what, TEAM_ACCESS_QUERY, { org: ref.org, slug: ref.slug, ...cursors });
    page = parseTeam(data.organization, ref);
  }
}
