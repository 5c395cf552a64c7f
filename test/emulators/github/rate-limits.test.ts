import { afterEach, describe, expect, it } from 'vitest';
import { startGithubEmulator, type GithubEmulator, type GithubSeed } from '../../../src/emulators/github/index.js';
import { priceQuery } from '../../../src/emulators/github/graphql-exec.js';
import { parseDocument } from '../../../src/emulators/github/graphql-parse.js';
import { call, TOKEN } from './fetch.js';

/**
 * GitHub's documented primary rate limits: REST (`core`) and GraphQL are separate hourly
 * buckets; a REST request costs 1 (`GET /rate_limit` nothing), a GraphQL query its score:
 * the requests its connections could need, over 100, rounded, at least 1.
 * docs.github.com/en/graphql/overview/rate-limits-and-query-limits-for-the-graphql-api
 */

let github: GithubEmulator | undefined;
afterEach(async () => {
  await github?.close();
  github = undefined;
});

const SEED: GithubSeed = {
  org: 'acme',
  members: ['ana'],
  repos: Object.fromEntries(Array.from({ length: 150 }, (_, index) => [`acme/r${index}`, { collaborators: { ana: 'push' } }])),
  teams: { eng: { members: { ana: 'maintainer' } } },
};

async function start(rateLimits?: Parameters<typeof startGithubEmulator>[0]['rateLimits']): Promise<GithubEmulator> {
  github = await startGithubEmulator({ seed: SEED, token: TOKEN, rateLimits });
  return github;
}

function batch(count: number): string {
  const fields = Array.from({ length: count }, (_, index) => `r${index}: repository(owner: "acme", name: "r${index}") { ...C }`).join('\n');
  return `query { rateLimit { cost remaining used limit resetAt }\n${fields} }\nfragment C on Repository { collaborators(affiliation: DIRECT, first: 100) { edges { node { login } } } }`;
}

describe('the documented GraphQL score', () => {
  it('prices the documentation example at 5,101 requests, 51 points', () => {
    const example = parseDocument(`query { viewer { login repositories(first: 100, ownerAffiliations: OWNER) { edges { node { id
      issues(first: 50) { edges { node { id labels(first: 60) { edges { node { id name } } } } } } } } } } }`);
    expect(priceQuery(example, {})).toMatchObject({ requests: 5101, cost: 51, nodes: 100 + 5000 + 300_000 });
  });

  it.each([
    [1, 1],
    [100, 1],
    [149, 1],
    [150, 2],
  ])('charges a query over %i repositories %i point(s), and says so in rateLimit', async (count, cost) => {
    const emulator = await start();
    const answer = await call(emulator.url, 'POST', '/graphql', { body: { query: batch(count) } });
    const data = (answer.body as { data: Record<string, unknown> }).data;
    expect(data.rateLimit).toMatchObject({ cost, used: cost, remaining: 5000 - cost, limit: 5000 });
    expect(data[`r${count - 1}`]).toEqual({ collaborators: { edges: [{ node: { login: 'ana' } }] } });
    expect(emulator.pointsSpent()).toEqual({ core: 0, graphql: cost });
    expect(answer.headers.get('x-ratelimit-resource')).toBe('graphql');
    expect(answer.headers.get('x-ratelimit-used')).toBe(String(cost));
  });

  it('refuses a query over 500,000 nodes without charging it', async () => {
    const emulator = await start();
    const query = 'query { repository(owner: "acme", name: "r0") { collaborators(first: 100) { edges { node { login } } } } organization(login: "acme") { team(slug: "eng") { childTeams(first: 100) { nodes { childTeams(first: 100) { nodes { members(first: 100) { totalCount } } } } } } } }';
    const answer = await call(emulator.url, 'POST', '/graphql', { body: { query } });
    expect(answer.body).toMatchObject({ errors: [{ type: 'MAX_NODE_LIMIT_EXCEEDED', message: expect.stringContaining('500,000') }] });
    expect(emulator.pointsSpent().graphql).toBe(0);
  });

  it('answers RATE_LIMITED once the GraphQL bucket cannot pay, while REST still answers', async () => {
    const emulator = await start({ graphql: { remaining: 1 } });
    expect((await call(emulator.url, 'POST', '/graphql', { body: { query: batch(1) } })).body).toMatchObject({ data: { rateLimit: { remaining: 0 } } });
    const refused = await call(emulator.url, 'POST', '/graphql', { body: { query: batch(1) } });
    expect(refused).toMatchObject({ status: 200, body: { errors: [{ type: 'RATE_LIMITED' }] } });
    expect((await call(emulator.url, 'GET', '/repos/acme/r0/invitations')).status).toBe(200);
  });
});

describe('REST rate-limit headers', () => {
  it('count every REST request exactly, apart from GET /rate_limit and GraphQL', async () => {
    const emulator = await start();
    const first = await call(emulator.url, 'GET', '/repos/acme/r0/invitations');
    const second = await call(emulator.url, 'GET', '/orgs/acme/members');
    await call(emulator.url, 'POST', '/graphql', { body: { query: batch(2) } });
    const overview = await call(emulator.url, 'GET', '/rate_limit');
    const headers = (answer: typeof first) => ['limit', 'remaining', 'used', 'resource'].map((name) => answer.headers.get(`x-ratelimit-${name}`));
    expect(headers(first)).toEqual(['5000', '4999', '1', 'core']);
    expect(headers(second)).toEqual(['5000', '4998', '2', 'core']);
    expect(Number(second.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000);
    expect(overview.body).toMatchObject({ resources: { core: { used: 2, remaining: 4998 }, graphql: { used: 1, remaining: 4999 } }, rate: { used: 2 } });
    expect(emulator.pointsSpent()).toEqual({ core: 2, graphql: 1 });
  });

  it('answer 403 with remaining 0 once the core bucket is spent', async () => {
    const emulator = await start({ core: { remaining: 1 } });
    expect((await call(emulator.url, 'GET', '/repos/acme/r0/invitations')).headers.get('x-ratelimit-remaining')).toBe('0');
    const refused = await call(emulator.url, 'GET', '/repos/acme/r0/invitations');
    expect(refused.status).toBe(403);
    expect(refused.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(refused.body).toMatchObject({ message: expect.stringContaining('API rate limit exceeded') });
  });
});

describe('parsing, not matching text', () => {
  it('answers variables, aliases, inline fragments and a team query it has never seen', async () => {
    const emulator = await start();
    const query = `query Q($o: String!, $t: String = "eng") {
      first: repository(owner: $o, name: "r1") { nameWithOwner }
      org: organization(login: $o) { team(slug: $t) { slug members(first: 10, membership: IMMEDIATE) { edges { role node { ... on User { login } } } } } }
      none: organization(login: $o) { team(slug: "nope") { slug } }
    }`;
    const answer = await call(emulator.url, 'POST', '/graphql', { body: { query, variables: { o: 'acme' } } });
    expect(answer.body).toEqual({
      data: {
        first: { nameWithOwner: 'acme/r1' },
        org: { team: { slug: 'eng', members: { edges: [{ role: 'MAINTAINER', node: { login: 'ana' } }] } } },
        none: { team: null },
      },
    });
  });

  it('refuses a field the schema does not have, and a fragment never defined', async () => {
    const emulator = await start();
    const unknown = await call(emulator.url, 'POST', '/graphql', { body: { query: '{ repository(owner: "acme", name: "r0") { secrets } }' } });
    expect(unknown.body).toMatchObject({ errors: [{ message: "Field 'secrets' doesn't exist on type 'Repository'" }] });
    const fragment = await call(emulator.url, 'POST', '/graphql', { body: { query: '{ repository(owner: "acme", name: "r0") { ...Missing } }' } });
    expect(fragment.body).toMatchObject({ errors: [{ message: 'Fragment Missing was used, but not defined' }] });
  });
});
