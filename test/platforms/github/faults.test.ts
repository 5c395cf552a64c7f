import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { Fault } from '../../../src/emulators/harness.js';
import { githubFactory } from '../../../src/platforms/github/index.js';
import { startGithubEmulator, type GithubEmulator, type GithubSeed } from '../../../src/emulators/github/index.js';
import { AdapterSet } from '../../../src/platforms/registry.js';
import { readActual } from '../../../src/read/read.js';
import { onlyLocalNetwork } from '../emulator-per-test.js';
import { repoResource, teamResource } from './helpers.js';

/**
 * A list answer is used only when it is positively complete: anything else (an error body
 * with HTTP 200, an empty or HTML body, truncated JSON, a missing list) leaves the resource
 * unread, and nothing is written. Stalls end at the deadline; throttling answers are waited out.
 */

const TOKEN = 'ghs_faultsSecret0123456789abcdef';

const SEED: GithubSeed = {
  org: 'acme',
  members: ['ana'],
  repos: { 'acme/web': { collaborators: { ana: 'push', outsider: 'pull' }, invitations: [{ id: 7, invitee: 'finn', permissions: 'pull' }] } },
  teams: { 'apex-engineers': { members: { ana: 'member' } } },
};

let emulator: GithubEmulator | undefined;
let lines: { level: number; msg: string }[] = [];

onlyLocalNetwork();
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
  lines = [];
});

function logger() {
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line) as { level: number; msg: string });
      done();
    },
  });
  return pino({ level: 'debug' }, sink);
}

async function read(faults: Fault[], resource = repoResource(), env: NodeJS.ProcessEnv = {}) {
  emulator = await startGithubEmulator({ seed: SEED, token: TOKEN, switches: { faults } });
  const context = {
    config: { github: { org: 'acme', audit: { outsideCollaborators: false } } },
    env: { GITHUB_API_URL: emulator.url, GITHUB_TOKEN: TOKEN, LATCH_GITHUB_WRITE_INTERVAL_MS: '0', LATCH_RETRY_BASE_MS: '1', ...env },
    logger: logger(),
  };
  const [reading] = await readActual([resource], new AdapterSet(context, [githubFactory]), { concurrency: 2, logger: context.logger });
  const writes = emulator.requests.filter((request) => request.method !== 'GET' && request.path !== '/graphql');
  return { reading, writes, requests: emulator.requests };
}

const JSON_TYPE = { 'content-type': 'application/json; charset=utf-8' };

describe.each([
  ['repository collaborators (GraphQL)', { method: 'POST', path: '/graphql' }, repoResource(), /POST \/graphql repository\(acme\/web\)\.collaborators/],
  ['repository invitations', { method: 'GET', path: '/repos/acme/web/invitations' }, repoResource(), /GET \/repos\/acme\/web\/invitations/],
  ['team members and child teams (GraphQL)', { method: 'POST', path: '/graphql' }, teamResource(), /POST \/graphql organization\(acme\)\.team\(apex-engineers\)/],
  ['team invitations', { method: 'GET', path: '/orgs/acme/teams/apex-engineers/invitations' }, teamResource(), /GET \/orgs\/acme\/teams\/apex-engineers\/invitations/],
] as const)('%s', (_name, where, resource, names) => {
  const missingList = resource.kind === 'github-repo'
    ? { data: { r0: { collaborators: { pageInfo: { hasNextPage: false, endCursor: null } } } } }
    : { data: { t0: { team: { members: { pageInfo: { hasNextPage: false, endCursor: null } } } } } };
  it.each<[string, Omit<Fault, 'method' | 'path'>]>([
    ['an error body with HTTP 200', { status: 200, body: where.path === '/graphql' ? { errors: [{ message: 'Something went wrong' }] } : { error: { message: 'backend unavailable' } } }],
    ['an empty body', { status: 200, raw: '', headers: JSON_TYPE }],
    ['an HTML page', { status: 200, raw: '<!DOCTYPE html><html><body>Unicorn! We are having trouble</body></html>' }],
    ['truncated JSON', { status: 200, raw: '[{"login": "ana", "id": 1', headers: JSON_TYPE }],
    ['a missing list', { status: 200, body: where.path === '/graphql' ? missingList : { total_count: 1 } }],
  ])('leaves the resource unread on %s, and writes nothing', async (_case, fault) => {
    const { reading, writes } = await read([{ ...where, ...fault }], resource);
    expect(reading).toMatchObject({ ok: false });
    if (reading?.ok !== false) throw new Error('expected an unread resource');
    expect(reading.error).toMatch(names);
    expect(reading.error).not.toContain(TOKEN);
    expect(writes).toEqual([]);
  });
});

describe('deadlines', () => {
  it('ends a call that hangs twice as a timeout naming the resource', async () => {
    const { reading, requests } = await read([{ method: 'POST', path: '/graphql', status: 200, hangMs: 1500, times: 2 }], repoResource(), { LATCH_HTTP_TIMEOUT_MS: '200' });
    expect(reading).toEqual({ resource: repoResource(), ok: false, error: 'github list: POST /graphql repository(acme/web).collaborators: timed out after 0.2 s' });
    expect(requests.filter((request) => request.path === '/graphql').length).toBeLessThanOrEqual(2);
  });

  it('tries a stalled call once more and completes the list', async () => {
    const { reading } = await read([{ method: 'GET', path: '/repos/acme/web/invitations', status: 200, hangMs: 1500 }], repoResource(), { LATCH_HTTP_TIMEOUT_MS: '200' });
    expect(reading).toMatchObject({ ok: true, grants: expect.arrayContaining([expect.objectContaining({ principal: 'finn' })]) });
  });

  it('refuses a deadline that is not a positive number of milliseconds', async () => {
    const { reading } = await read([], repoResource(), { LATCH_HTTP_TIMEOUT_MS: '0' });
    expect(reading).toMatchObject({ ok: false, error: expect.stringContaining('LATCH_HTTP_TIMEOUT_MS must be a whole number of milliseconds of at least 1') });
  });
});

describe('throttling and retries', () => {
  it('waits out a 429 with Retry-After that names no secondary limit, then completes the list', async () => {
    const tooMany: Fault = { method: 'GET', path: '/repos/acme/web/invitations', status: 429, headers: { 'retry-after': '1' }, body: { message: 'Too Many Requests' } };
    const { reading, requests } = await read([tooMany]);
    expect(reading).toMatchObject({ ok: true });
    expect(requests.filter((request) => request.path === '/repos/acme/web/invitations').map((request) => request.status)).toEqual([429, 200]);
  });

  it('gives up on a 429 that keeps coming, leaving the resource unread', async () => {
    const tooMany: Fault = { method: 'GET', path: '/repos/acme/web/invitations', status: 429, headers: { 'retry-after': '0' }, body: { message: 'Too Many Requests' }, times: 5 };
    const { reading, requests } = await read([tooMany]);
    expect(reading).toMatchObject({ ok: false, error: expect.stringContaining('429') });
    expect(requests.filter((request) => request.path === '/repos/acme/web/invitations')).toHaveLength(3);
  });

  it('logs recovered retries at debug level only', async () => {
    const { reading } = await read([
      { method: 'POST', path: '/graphql', status: 502, body: { message: 'Bad Gateway' } },
      { method: 'GET', path: '/repos/acme/web/invitations', status: 429, headers: { 'retry-after': '0' }, body: { message: 'Too Many Requests' } },
    ]);
    expect(reading).toMatchObject({ ok: true });
    expect(lines.filter((line) => line.level >= 40)).toEqual([]);
    expect(lines.map((line) => line.msg)).toEqual(expect.arrayContaining(['octokit error', 'github rate limit']));
  });
});
