import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino, type Logger } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ActualGrant } from '../../../src/model/grants.js';
import { startGithubEmulator, type GithubEmulator, type GithubSeed } from '../../../src/emulators/github/index.js';
import { createGithubAdapter } from '../../../src/platforms/github/index.js';
import { emulatorPerTest } from '../emulator-per-test.js';
import { repoResource, teamResource } from './helpers.js';

const TOKEN = 'ghs_readCacheSecret0123456789abcdefABCD';
const OTHER_TOKEN = 'ghs_readCacheOtherToken000000000000000';

function seed(): GithubSeed {
  return {
    org: 'acme',
    members: ['maria-acme', 'dana-apex', 'sam-acme'],
    owners: ['acme-owner'],
    users: ['finn-apex', 'new-hire'],
    repos: {
      'acme/web': {
        collaborators: { 'dana-apex': 'push', 'maria-acme': 'admin' },
        invitations: [{ id: 41, invitee: 'finn-apex', permissions: 'pull', created_at: '2026-01-05T10:00:00Z' }],
      },
    },
    teams: { 'apex-engineers': { members: { 'dana-apex': 'member', 'maria-acme': 'maintainer' }, pending: { 'new-hire': 'member' } } },
  };
}

const emulators = emulatorPerTest<GithubEmulator>();
let emulator: GithubEmulator;
let cacheDir: string;

beforeEach(async () => {
  emulator = emulators.started(await startGithubEmulator({ seed: seed() }));
  cacheDir = await mkdtemp(join(tmpdir(), 'latch-read-cache-'));
});
afterEach(() => rm(cacheDir, { recursive: true, force: true }));

const CACHE_KEY = 'latch-cache-key-0123456789abcdef0123456789abcdef';
const OTHER_CACHE_KEY = 'latch-cache-key-fedcba9876543210fedcba9876543210';

function adapter(token = TOKEN, dir = cacheDir, logger: Logger = pino({ level: 'silent' }), cacheKey?: string) {
  return createGithubAdapter(
    {
      config: { github: { org: 'acme', audit: { outsideCollaborators: false } } },
      env: { GITHUB_API_URL: emulator.url, GITHUB_TOKEN: token, LATCH_GITHUB_WRITE_INTERVAL_MS: '0', ...(cacheKey ? { LATCH_CACHE_KEY: cacheKey } : {}) },
      logger,
      cacheDir: dir,
    },
    { retryBaseMs: 1 },
  );
}

function byPrincipal(grants: ActualGrant[]): ActualGrant[] {
  return [...grants].sort((a, b) => a.principal.localeCompare(b.principal));
}

/** Reads both resources; returns their grants and the requests this read sent. */
async function readAll(github = adapter()) {
  const from = emulator.requests.length;
  const repo = byPrincipal(await github.list(repoResource('acme/web')));
  const team = byPrincipal(await github.list(teamResource('acme/apex-engineers')));
  return { repo, team, requests: emulator.requests.slice(from) };
}

const restGets = (requests: GithubEmulator['requests']) => requests.filter((request) => request.method === 'GET');

async function coreUsed(): Promise<number> {
  const answer = await fetch(`${emulator.url}/rate_limit`, { headers: { authorization: `token ${TOKEN}` } });
  return ((await answer.json()) as { resources: { core: { used: number } } }).resources.core.used;
}

async function cacheFiles(): Promise<string[]> {
  const area = join(cacheDir, 'http-v1');
  return (await readdir(area)).map((name) => join(area, name));
}

describe('GitHub reads through the read cache, against the emulator', () => {
  it('revalidates every REST page of a second read: 304s, no REST points spent, the same grants', async () => {
    const first = await readAll();
    expect(restGets(first.requests).length).toBeGreaterThan(0);
    const before = await coreUsed();
    const second = await readAll(adapter());
    const spent = (await coreUsed()) - before;
    expect(restGets(second.requests).map((request) => `${request.path}${request.query} ${request.status}`).sort()).toEqual(
      restGets(first.requests).map((request) => `${request.path}${request.query} 304`).sort(),
    );
    // Only the GraphQL queries, which have no validators, may cost anything.
    expect(spent).toBeLessThanOrEqual(second.requests.filter((request) => request.path === '/graphql').length);
    expect(second.repo).toEqual(first.repo);
    expect(second.team).toEqual(first.team);
  });

  it('reads a resource that changed in full and uses the new answer', async () => {
    const first = await readAll();
    expect(first.team.find((grant) => grant.principal === 'new-hire')?.pending).toBeDefined();
    emulator.acceptInvitations('new-hire');
    const second = await readAll(adapter());
    expect(second.team.find((grant) => grant.principal === 'new-hire')).toEqual({ principal: 'new-hire', level: 'member' });
    // The invitation is gone from the team's invitations: that list is read again in full.
    const invitations = restGets(second.requests).filter((request) => request.path === '/orgs/acme/teams/apex-engineers/invitations');
    expect(invitations.map((request) => request.status)).toContain(200);
    // The organisation's owners did not change: still revalidated, not read again.
    expect(restGets(second.requests).filter((request) => request.path === '/orgs/acme/members').map((request) => request.status)).toEqual([304]);
  });

  it('sends no stored validator for a cache another token filled', async () => {
    const first = await readAll(adapter(TOKEN));
    const second = await readAll(adapter(OTHER_TOKEN));
    expect(restGets(second.requests).map((request) => request.status)).toEqual(restGets(first.requests).map(() => 200));
    expect(second.team).toEqual(first.team);
  });

  it.each([
    ['garbage', () => '\u0000garbage'],
    ['truncated JSON', (text: string) => text.slice(0, 20)],
    ['valid JSON of another shape', () => JSON.stringify({ format: 1, body: [] })],
  ])('ignores cache files holding %s and reads in full', async (_name, damage) => {
    const first = await readAll();
    for (const file of await cacheFiles()) {
      if (file.endsWith('.json')) await writeFile(file, damage(await readFile(file, 'utf8')));
    }
    const second = await readAll(adapter());
    expect(restGets(second.requests).every((request) => request.status === 200)).toBe(true);
    expect(second.repo).toEqual(first.repo);
    expect(second.team).toEqual(first.team);
    const third = await readAll(adapter());
    expect(restGets(third.requests).every((request) => request.status === 304)).toBe(true);
  });

  it('reads without a cache directory it can write, warning once', async () => {
    const blocked = join(cacheDir, 'not-a-directory');
    await writeFile(blocked, '');
    const warnings: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        warnings.push((JSON.parse(chunk.toString()) as { msg: string }).msg);
        done();
      },
    });
    const reading = await readAll(adapter(TOKEN, join(blocked, 'cache'), pino({ level: 'warn' }, stream)));
    expect(reading.team.length).toBeGreaterThan(0);
    expect(warnings).toEqual(['read cache not writable; reading without keeping answers']);
  });

  it('never writes the token into the cache directory', async () => {
    await readAll();
    const files = await cacheFiles();
    expect(files.length).toBeGreaterThan(1);
    for (const file of files) expect(await readFile(file, 'utf8')).not.toContain(TOKEN);
  });
});

describe('the read cache bound to LATCH_CACHE_KEY instead of the token', () => {
  const keyed = (token: string, cacheKey = CACHE_KEY, logger?: Logger) => adapter(token, cacheDir, logger, cacheKey);

  it('revalidates every REST read of a run with a new token under the same key: 304s and the same grants', async () => {
    const first = await readAll(keyed(TOKEN));
    expect(restGets(first.requests).every((request) => request.status === 200)).toBe(true);
    const second = await readAll(keyed(OTHER_TOKEN));
    expect(restGets(second.requests).map((request) => `${request.path}${request.query} ${request.status}`).sort()).toEqual(
      restGets(first.requests).map((request) => `${request.path}${request.query} 304`).sort(),
    );
    expect(second.repo).toEqual(first.repo);
    expect(second.team).toEqual(first.team);
  });

  // Nothing changed between the reads, so any stored validator sent would have drawn a 304.
  it('sends no stored validator under another key, nor without one', async () => {
    await readAll(keyed(TOKEN));
    const other = await readAll(keyed(TOKEN, OTHER_CACHE_KEY));
    const tokenBound = await readAll(adapter(TOKEN));
    for (const reading of [other, tokenBound]) {
      expect(restGets(reading.requests).length).toBeGreaterThan(0);
      expect(restGets(reading.requests).every((request) => request.status === 200)).toBe(true);
    }
  });

  it('refuses a key shorter than 32 characters, naming the variable and not the value', () => {
    const short = 'too-short-cache-key-value';
    expect(() => keyed(TOKEN, short)).toThrow(/LATCH_CACHE_KEY is 25 characters long; it must be at least 32/);
    expect(() => keyed(TOKEN, short)).not.toThrow(short);
  });

  it('uses the key yet writes neither it nor the tokens into the cache directory, nor into the logs', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const logger = pino({ level: 'trace' }, stream);
    await readAll(keyed(TOKEN, CACHE_KEY, logger));
    const second = await readAll(keyed(OTHER_TOKEN, CACHE_KEY, logger));
    // The key was in use: the second token's reads were revalidated.
    expect(restGets(second.requests).every((request) => request.status === 304)).toBe(true);
    const files = await cacheFiles();
    expect(files.length).toBeGreaterThan(1);
    expect(lines.length).toBeGreaterThan(0);
    const written = [...(await Promise.all(files.map((file) => readFile(file, 'utf8')))), ...lines].join('\n');
    for (const secret of [CACHE_KEY, TOKEN, OTHER_TOKEN]) expect(written).not.toContain(secret);
  });
});
