import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { startGithubEmulator, type GithubEmulator, type GithubSeed } from '../../../src/emulators/github/index.js';
import type { ManagedResource } from '../../../src/model/grants.js';
import { createGithubAdapter, githubFactory, type GithubTuning } from '../../../src/platforms/github/index.js';
import { AdapterSet } from '../../../src/platforms/registry.js';
import { readActual } from '../../../src/read/read.js';
import { emulatorPerTest } from '../emulator-per-test.js';
import { repoResource, teamResource } from './helpers.js';

/**
 * The real adapter against the emulator over HTTP: the first page of many repositories'
 * collaborators (and many teams' members) comes from one GraphQL query; one repository's
 * error fails that repository only; the run checks its quota first and keeps a reserve.
 */

const TOKEN = 'ghs_batchSecret0123456789abcdef';
const emulators = emulatorPerTest<GithubEmulator>();
const silent = pino({ level: 'silent' });

function seed(repos: number, teams = 0, collaborators = 1): GithubSeed {
  const people = Array.from({ length: collaborators }, (_, index) => `user${index}`);
  return {
    org: 'acme',
    members: ['ana'],
    users: people,
    repos: Object.fromEntries(Array.from({ length: repos }, (_, index) => [`acme/r${index}`, { collaborators: Object.fromEntries(people.map((login) => [login, 'push' as const])) }])),
    teams: Object.fromEntries(Array.from({ length: teams }, (_, index) => [`t${index}`, { members: { ana: 'member' as const } }])),
  };
}

async function start(githubSeed: GithubSeed, rateLimits?: Parameters<typeof startGithubEmulator>[0]['rateLimits']): Promise<GithubEmulator> {
  return emulators.started(await startGithubEmulator({ seed: githubSeed, token: TOKEN, rateLimits }));
}

function context(emulator: GithubEmulator) {
  return {
    config: { github: { org: 'acme', audit: { outsideCollaborators: false } } },
    env: { GITHUB_API_URL: emulator.url, GITHUB_TOKEN: TOKEN, LATCH_GITHUB_WRITE_INTERVAL_MS: '0', LATCH_RETRY_BASE_MS: '1' },
    logger: silent,
  };
}

function read(emulator: GithubEmulator, resources: ManagedResource[], concurrency = 8) {
  return readActual(resources, new AdapterSet(context(emulator), [githubFactory]), { concurrency, logger: silent });
}

const graphqlCalls = (emulator: GithubEmulator) => emulator.requests.filter((request) => request.path === '/graphql').length;
const repos = (count: number) => Array.from({ length: count }, (_, index) => repoResource(`acme/r${index}`));

describe('batched reads', () => {
  it('reads the collaborators of 100 repositories with one GraphQL query, 1 point', async () => {
    const emulator = await start(seed(100));
    const readings = await read(emulator, repos(100));
    expect(readings.every((reading) => reading.ok)).toBe(true);
    expect(readings[99]).toMatchObject({ ok: true, grants: [{ principal: 'user0', level: 'push' }] });
    expect(graphqlCalls(emulator)).toBe(1);
    // One page of invitations per repository: GraphQL has no list of a repository's invitations.
    expect(emulator.pointsSpent()).toEqual({ core: 100, graphql: 1 });
  });

  it('coalesces lists called at the same time, without being told the resources first', async () => {
    const emulator = await start(seed(8));
    const adapter = createGithubAdapter(context(emulator));
    const lists = await Promise.all(repos(8).map((resource) => adapter.list(resource)));
    expect(lists.every((grants) => grants.length === 1)).toBe(true);
    expect(graphqlCalls(emulator)).toBe(1);
  });

  it('leaves only a missing repository unread; the rest of its batch is read', async () => {
    const emulator = await start(seed(3));
    const readings = await read(emulator, [...repos(2), repoResource('acme/gone'), ...repos(3).slice(2)]);
    expect(readings.map((reading) => reading.ok)).toEqual([true, true, false, true]);
    // Whichever of its two reads answers first (GraphQL's NOT_FOUND, REST's 404) names the repository.
    expect(readings[2]).toMatchObject({ ok: false, error: expect.stringMatching(/acme\/gone.*(Could not resolve to a Repository|not found \(404\))/) });
    expect(graphqlCalls(emulator)).toBe(1);
  });

  it('fails every repository of a batch whose whole query failed', async () => {
    const emulator = await start(seed(3));
    emulator.switches.faults = [{ method: 'POST', path: '/graphql', status: 200, body: { errors: [{ message: 'Something went wrong' }] } }];
    const readings = await read(emulator, repos(3));
    expect(readings.map((reading) => reading.ok)).toEqual([false, false, false]);
    expect(readings[0]).toMatchObject({ error: expect.stringContaining('Something went wrong') });
  });

  it('follows a second page of one repository on its own', async () => {
    const emulator = await start({ ...seed(3), repos: { ...seed(3).repos, 'acme/r1': seed(1, 0, 150).repos['acme/r0'] ?? {} }, users: seed(1, 0, 150).users });
    const readings = await read(emulator, repos(3));
    expect(readings.map((reading) => (reading.ok ? reading.grants.length : -1))).toEqual([1, 150, 1]);
    expect(graphqlCalls(emulator)).toBe(2);
  });

  it('reads the members of 50 teams with one GraphQL query', async () => {
    const emulator = await start(seed(0, 50));
    const teams = Array.from({ length: 50 }, (_, index) => teamResource(`acme/t${index}`));
    const readings = await read(emulator, teams);
    expect(readings.every((reading) => reading.ok)).toBe(true);
    expect(readings[49]).toMatchObject({ grants: [{ principal: 'ana', level: 'member' }] });
    expect(graphqlCalls(emulator)).toBe(1);
    // Invitations per team and the owners once: REST.
    expect(emulator.pointsSpent()).toEqual({ core: 51, graphql: 1 });
  });
});

describe('child teams', () => {
  function nested(): GithubSeed {
    return {
      org: 'acme',
      members: ['ana', 'bo', 'cy'],
      repos: {},
      teams: { eng: { members: { ana: 'maintainer' } }, 'eng-web': { parent: 'eng', members: { bo: 'member' } }, 'eng-api': { parent: 'eng', members: { cy: 'member' } } },
    };
  }

  it.each([1, 8])('reads each team once, whether listed for itself or as a child (concurrency %i)', async (concurrency) => {
    const emulator = await start(nested());
    const teams = ['eng', 'eng-web', 'eng-api'].map((slug) => teamResource(`acme/${slug}`));
    const readings = await read(emulator, teams, concurrency);
    expect(readings[0]).toMatchObject({
      ok: true,
      grants: [
        { principal: 'ana', level: 'maintainer' },
        { principal: 'bo', level: 'member', inheritedFrom: 'team acme/eng-web' },
        { principal: 'cy', level: 'member', inheritedFrom: 'team acme/eng-api' },
      ],
    });
    expect(readings.slice(1)).toMatchObject([{ ok: true, grants: [{ principal: 'bo' }] }, { ok: true, grants: [{ principal: 'cy' }] }]);
    expect(graphqlCalls(emulator)).toBe(1);
    expect(emulator.pointsSpent().graphql).toBe(1);
  });

  it("reads a team again after a write to a child team, which changes the parent's members too", async () => {
    const emulator = await start(nested());
    const adapter = createGithubAdapter(context(emulator));
    const parent = teamResource('acme/eng');
    expect((await adapter.list(parent)).map((grant) => grant.principal)).toEqual(['ana', 'bo', 'cy']);
    const change = { client: 'apex', kind: 'github-team', resource: 'acme/eng-web', reason: 'test', action: 'grant', principal: 'ana', from: null, to: 'member' } as const;
    expect(await adapter.apply(change)).toEqual({ status: 'applied' });
    expect(await adapter.list(teamResource('acme/eng-web'))).toEqual([{ principal: 'ana', level: 'member' }, { principal: 'bo', level: 'member' }]);
  });
});

describe('the rate-limit budget', () => {
  it('refuses a read that does not fit above the reserve, naming the numbers and the reset', async () => {
    const emulator = await start(seed(3), { core: { remaining: 1002 } });
    const readings = await read(emulator, repos(3));
    expect(readings.every((reading) => !reading.ok)).toBe(true);
    expect(readings[0]).toMatchObject({
      error: expect.stringMatching(/reading 3 repositories and 0 teams needs about 3 REST points, but 1,002 of 5,000 remain and 1,000 are kept in reserve .*resets at (\d{4}-\d\d-\d\d )?\d\d:\d\d UTC/),
    });
    expect(emulator.requests.map((request) => request.path)).toEqual(['/rate_limit']);
  });

  it('reads what fits above the reserve', async () => {
    const emulator = await start(seed(3), { core: { remaining: 1003 } });
    const readings = await read(emulator, repos(3));
    expect(readings.every((reading) => reading.ok)).toBe(true);
  });

  it('counts reads in flight: 8 at once stop at the reserve together, the rest unread', async () => {
    // 101 invitations each: two REST pages per repository, where the estimate counts one.
    const invitations = Array.from({ length: 101 }, (_, index) => ({ invitee: `guest${index}`, permissions: 'pull' as const }));
    const invited = { ...seed(8), repos: Object.fromEntries(Object.keys(seed(8).repos).map((name) => [name, { invitations }])) };
    const emulator = await start(invited, { core: { remaining: 1010 } });
    const readings = await read(emulator, repos(8), 8);
    // 10 points above the reserve of 1,000 (20% of 5,000): 8 first pages and 2 second pages.
    expect(emulator.pointsSpent().core).toBe(10);
    expect(readings.filter((reading) => reading.ok)).toHaveLength(2);
    expect(readings.filter((reading) => reading.ok)).toMatchObject([{ grants: expect.arrayContaining([{ principal: 'guest100', level: 'pull', pending: expect.anything() }]) }, {}]);
    expect(readings.find((reading) => !reading.ok)).toMatchObject({ error: expect.stringMatching(/GitHub REST rate limit: 1000 of 5000 points left, and 1000 are kept in reserve/) });
  });

  async function pacedRead(secondsBeforeReset: number) {
    const emulator = await start(seed(2), { core: { remaining: 1001 } });
    const overview = (await (await fetch(`${emulator.url}/rate_limit`, { headers: { authorization: `token ${TOKEN}` } })).json()) as { resources: { core: { reset: number } } };
    const reset = overview.resources.core.reset * 1000;
    const waits: number[] = [];
    const tuning: GithubTuning = { now: () => reset - secondsBeforeReset * 1000, sleep: async (ms) => void waits.push(ms) };
    const adapter = createGithubAdapter(context(emulator), tuning);
    await adapter.prepare?.([]);
    const first = await adapter.list(repoResource('acme/r0')).then(() => 'read', (error: unknown) => String(error));
    const second = await adapter.list(repoResource('acme/r1')).then(() => 'read', (error: unknown) => String(error));
    return { first, second, waits };
  }

  it('waits for the reset once REST is down to the reserve', async () => {
    expect(await pacedRead(42)).toEqual({ first: 'read', second: 'read', waits: [42_000] });
  });

  it('fails the read instead when the reset is too far away', async () => {
    const { first, second, waits } = await pacedRead(3000);
    expect(first).toBe('read');
    expect(second).toMatch(/GitHub REST rate limit: 1000 of 5000 points left, and 1000 are kept in reserve .* resets at (\d{4}-\d\d-\d\d )?\d\d:\d\d UTC/);
    expect(waits).toEqual([]);
  });
});
