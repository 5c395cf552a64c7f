import { describe, expect, it } from 'vitest';
import { startGithubEmulator } from '../../src/emulators/github/index.js';
import { startSlackEmulator } from '../../src/emulators/slack/index.js';

describe('what the emulators answer for discovery', () => {
  it('GitHub: organisation repositories and teams page like the rest of the API; profiles show public e-mails only', async () => {
    const repos = Object.fromEntries(Array.from({ length: 5 }, (_, index) => [`acme/r${index}`, {}]));
    const github = await startGithubEmulator({ seed: { org: 'acme', members: ['ann'], users: ['bob'], repos, teams: { t1: {}, t2: {} }, emails: { Ann: 'ann@acme.com' } }, token: 't' });
    const get = async (path: string) => {
      const response = await fetch(`${github.url}${path}`, { headers: { authorization: 'token t' } });
      return { status: response.status, link: response.headers.get('link') ?? '', body: (await response.json()) as unknown };
    };
    try {
      const first = await get('/orgs/acme/repos?per_page=2');
      expect((first.body as { full_name: string }[]).map((repo) => repo.full_name)).toEqual(['acme/r0', 'acme/r1']);
      expect(first.link).toContain('page=3>; rel="last"');
      const last = await get('/orgs/acme/repos?per_page=2&page=3');
      expect((last.body as { name: string }[]).map((repo) => repo.name)).toEqual(['r4']);
      expect((await get('/orgs/acme/repos?type=nonsense')).status).toBe(422);
      expect((await get('/orgs/other/repos')).status).toBe(404);
      expect(((await get('/orgs/acme/teams')).body as { slug: string }[]).map((team) => team.slug)).toEqual(['t1', 't2']);
      expect(((await get('/users/ann')).body as { email: string | null }).email).toBe('ann@acme.com');
      expect(((await get('/users/bob')).body as { email: string | null }).email).toBeNull();
      expect((await get('/users/nobody')).status).toBe(404);
    } finally {
      await github.close();
    }
  });

  it('Slack: conversations.list pages with a cursor, by type, archived ones on request', async () => {
    const channels = {
      C1: { name: 'apex-a', members: [] },
      C2: { name: 'apex-b', members: [], archived: true },
      C3: { name: 'bloom-a', members: [] },
      G4: { name: 'private-x', members: [] },
    };
    const slack = await startSlackEmulator({ seed: { team: 'T1', users: [], channels }, token: 'x' });
    const call = async (args: Record<string, string>) => {
      const response = await fetch(`${slack.url}conversations.list?${new URLSearchParams(args).toString()}`, { headers: { authorization: 'Bearer x' } });
      return (await response.json()) as { ok: boolean; error?: string; channels?: { id: string }[]; response_metadata?: { next_cursor: string } };
    };
    try {
      const first = await call({ limit: '2' });
      expect(first.channels?.map((channel) => channel.id)).toEqual(['C1', 'C2']);
      const second = await call({ limit: '2', cursor: first.response_metadata?.next_cursor ?? '' });
      expect(second.channels?.map((channel) => channel.id)).toEqual(['C3']);
      expect(second.response_metadata?.next_cursor).toBe('');
      const live = await call({ types: 'public_channel,private_channel', exclude_archived: 'true' });
      expect(live.channels?.map((channel) => channel.id)).toEqual(['C1', 'C3', 'G4']);
      expect((await call({ cursor: 'bogus' })).error).toBe('invalid_cursor');
    } finally {
      await slack.close();
    }
  });
});
