import { mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino, type Logger } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openResponseCache, type CachedAnswer } from '../../src/platforms/http-cache.js';

const TOKEN = 'token ghs_cacheUnitSecret0123456789abcdef';
const OTHER = 'token ghs_someoneElse000000000000000000000';
const URL_A = 'https://api.github.test/orgs/acme/teams/web/members?per_page=100';
const ANSWER: CachedAnswer = { etag: '"abc"', headers: { 'content-type': 'application/json', link: '<https://api.github.test/x?page=2>; rel="next"' }, body: '[{"login":"dana"}]' };

let dir: string;
const silent = pino({ level: 'silent' });

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'latch-cache-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

async function entryFiles(): Promise<string[]> {
  const area = join(dir, 'http-v1');
  return (await readdir(area)).filter((name) => name.endsWith('.json')).map((name) => join(area, name));
}

function recordingLogger(): { logger: Logger; lines: () => Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { logger: pino({ level: 'warn' }, stream), lines: () => lines };
}

describe('the read cache directory', () => {
  it('gives an answer back for the same URL and credential only, also to the next run', async () => {
    await openResponseCache(dir, silent).store(URL_A, TOKEN, ANSWER);
    const next = openResponseCache(dir, silent);
    expect(await next.lookup(URL_A, TOKEN)).toEqual(ANSWER);
    expect(await next.lookup(URL_A, OTHER)).toBeUndefined();
    expect(await next.lookup(`${URL_A}&page=2`, TOKEN)).toBeUndefined();
  });

  it('keeps neither the token nor the answer readable in any file', async () => {
    await openResponseCache(dir, silent).store(URL_A, TOKEN, ANSWER);
    const area = join(dir, 'http-v1');
    for (const name of await readdir(area)) {
      const text = await readFile(join(area, name), 'utf8');
      expect(text).not.toContain('ghs_cacheUnitSecret');
      expect(text).not.toContain('dana');
      expect(name).not.toMatch(/\.tmp$/);
    }
  });

  it.each([
    ['garbage', () => 'not json at all \u0000\u0001'],
    ['truncated JSON', (text: string) => text.slice(0, Math.floor(text.length / 2))],
    ['valid JSON of another shape', () => JSON.stringify({ etag: '"abc"', body: '[]' })],
    ['another format version', (text: string) => JSON.stringify({ ...(JSON.parse(text) as object), format: 2 })],
    ['a changed sealed answer', (text: string) => {
      const file = JSON.parse(text) as { sealed: string };
      const bytes = Buffer.from(file.sealed, 'base64');
      bytes[0] = (bytes[0] ?? 0) ^ 1;
      return JSON.stringify({ ...file, sealed: bytes.toString('base64') });
    }],
  ])('ignores a file holding %s, and overwrites it', async (_name, damage) => {
    await openResponseCache(dir, silent).store(URL_A, TOKEN, ANSWER);
    const [file] = await entryFiles();
    if (!file) throw new Error('no entry written');
    await writeFile(file, damage(await readFile(file, 'utf8')));
    const cache = openResponseCache(dir, silent);
    expect(await cache.lookup(URL_A, TOKEN)).toBeUndefined();
    await cache.store(URL_A, TOKEN, { ...ANSWER, etag: '"def"' });
    expect((await cache.lookup(URL_A, TOKEN))?.etag).toBe('"def"');
  });

  it('treats entries under a damaged salt as foreign', async () => {
    await openResponseCache(dir, silent).store(URL_A, TOKEN, ANSWER);
    await writeFile(join(dir, 'http-v1', 'salt'), 'xyz');
    const cache = openResponseCache(dir, silent);
    expect(await cache.lookup(URL_A, TOKEN)).toBeUndefined();
    expect(await readFile(join(dir, 'http-v1', 'salt'), 'utf8')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reads on without a directory it can write, warning once', async () => {
    const blocked = join(dir, 'a-file');
    await writeFile(blocked, '');
    const { logger, lines } = recordingLogger();
    const cache = openResponseCache(join(blocked, 'cache'), logger);
    await cache.store(URL_A, TOKEN, ANSWER);
    await cache.store(`${URL_A}&page=2`, TOKEN, ANSWER);
    expect(await cache.lookup(URL_A, TOKEN)).toBeUndefined();
    expect(lines().map((line) => line.msg)).toEqual(['read cache not writable; reading without keeping answers']);
  });

  it('evicts the least recently used answers once the directory outgrows its bound', async () => {
    const sized = { ...ANSWER, body: 'x'.repeat(1000) };
    const first = openResponseCache(dir, silent);
    for (const page of [1, 2, 3]) await first.store(`${URL_A}&page=${page}`, TOKEN, sized);
    const old = new Date(Date.now() - 60_000);
    for (const file of await entryFiles()) await utimes(file, old, old);
    await first.touch(`${URL_A}&page=3`, TOKEN);
    // Four files of about 1.5 kB against a bound of 5 kB: the two least recently used go.
    const bounded = openResponseCache(dir, silent, 5_000);
    await bounded.store(`${URL_A}&page=4`, TOKEN, sized);
    const kept = await Promise.all([1, 2, 3, 4].map(async (page) => (await bounded.lookup(`${URL_A}&page=${page}`, TOKEN)) !== undefined));
    expect(kept).toEqual([false, false, true, true]);
  });
});
