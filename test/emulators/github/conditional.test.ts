import { afterEach, describe, expect, it } from 'vitest';
import { startGithubEmulator, type GithubEmulator } from '../../../src/emulators/github/index.js';
import { agencySeed, TOKEN } from './fetch.js';

let github: GithubEmulator;

afterEach(async () => {
  await github.close();
});

async function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; etag: string | null; used: number; body: string }> {
  const response = await fetch(new URL(path, github.url), { headers: { accept: 'application/vnd.github+json', ...headers } });
  return { status: response.status, etag: response.headers.get('etag'), used: Number(response.headers.get('x-ratelimit-used')), body: await response.text() };
}

describe('conditional requests (GitHub REST best practices: "Use conditional requests if appropriate")', () => {
  it('tags every GET answer with a strong ETag over its body, and answers a match 304 without a body or a point spent', async () => {
    github = await startGithubEmulator({ seed: agencySeed(), token: TOKEN });
    const auth = { authorization: `token ${TOKEN}` };
    const first = await get('/orgs/acme/members', auth);
    expect(first.status).toBe(200);
    expect(first.etag).toMatch(/^"[0-9a-f]{64}"$/);
    const again = await get('/orgs/acme/members', { ...auth, 'if-none-match': first.etag ?? '' });
    expect(again).toEqual({ status: 304, etag: first.etag, used: first.used, body: '' });
    // A list of validators, weak or strong, matches as RFC 9110 says for If-None-Match.
    expect((await get('/orgs/acme/members', { ...auth, 'if-none-match': `"other", W/${first.etag ?? ''}` })).status).toBe(304);
    const stale = await get('/orgs/acme/members?role=admin', { ...auth, 'if-none-match': first.etag ?? '' });
    expect(stale.status).toBe(200);
    expect(stale.used).toBe(first.used + 1);
  });

  it('gives a changed list a new ETag', async () => {
    github = await startGithubEmulator({ seed: agencySeed(), token: TOKEN });
    const auth = { authorization: `token ${TOKEN}` };
    const before = await get('/repos/acme/web/collaborators', auth);
    github.addCollaboratorByHand('acme/web', 'zed', 'pull');
    const after = await get('/repos/acme/web/collaborators', { ...auth, 'if-none-match': before.etag ?? '' });
    expect(after.status).toBe(200);
    expect(after.etag).not.toBe(before.etag);
    expect(after.body).toContain('zed');
  });

  it('counts a 304 to a request without authorization', async () => {
    github = await startGithubEmulator({ seed: agencySeed() });
    const first = await get('/orgs/acme/members');
    const again = await get('/orgs/acme/members', { 'if-none-match': first.etag ?? '' });
    expect(again.status).toBe(304);
    expect(again.used).toBe(first.used + 1);
  });
});
