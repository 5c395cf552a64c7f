import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startGithubEmulator, type GithubEmulator } from '../../../src/emulators/github/index.js';
import { call, linkTo, TOKEN } from './fetch.js';

const REPO = 'acme/access';
let github: GithubEmulator;

beforeEach(async () => {
  github = await startGithubEmulator({
    seed: { org: 'acme', members: ['ana'], repos: {} },
    token: TOKEN,
    conversations: {
      repositories: {
        [REPO]: {
          pulls: [
            { number: 5, title: 'Add Dana', user: 'ana', head: { ref: 'dana', sha: 'h5' }, base: { ref: 'main', sha: 'b5' }, commits: ['c5'], labels: ['access'] },
            { number: 6, title: 'Merged one', user: 'ana', head: { ref: 'x', sha: 'h6' }, base: { ref: 'main', sha: 'b6' }, merged: { sha: 'm6', by: 'ana', at: '2026-11-20T10:00:00Z' } },
          ],
          issues: [{ number: 7, title: 'Question', labels: ['help'] }],
          comments: Array.from({ length: 35 }, (_, index) => ({ issue: 5, body: `comment ${index}`, user: 'ana' })),
        },
      },
    },
  });
});

afterEach(async () => {
  await github.close();
});

interface Json {
  [key: string]: unknown;
}

describe('issues, comments and pull requests of the GitHub emulator', () => {
  it('pages comments like the rest of the API', async () => {
    const first = await call(github.url, 'GET', `/repos/${REPO}/issues/5/comments`);
    expect(first.status).toBe(200);
    expect((first.body as Json[]).map((comment) => comment.body)).toHaveLength(30);
    const next = linkTo(first, 'next');
    expect(next).toBeDefined();
    const second = await call(github.url, 'GET', new URL(next ?? '').pathname + new URL(next ?? '').search);
    expect((second.body as Json[]).map((comment) => comment.body)).toEqual(['comment 30', 'comment 31', 'comment 32', 'comment 33', 'comment 34']);
    expect(linkTo(second, 'next')).toBeUndefined();
  });

  it('creates a comment as the App, edits it, and refuses to edit a person’s', async () => {
    const created = await call(github.url, 'POST', `/repos/${REPO}/issues/5/comments`, { body: { body: 'hello' } });
    expect(created.status).toBe(201);
    const comment = created.body as Json & { id: number; user: Json };
    expect(comment.user).toMatchObject({ login: 'latch-app[bot]', type: 'Bot' });
    expect(comment.performed_via_github_app).toMatchObject({ slug: 'latch-app' });
    expect(comment.html_url).toBe(`https://github.com/${REPO}/pull/5#issuecomment-${comment.id}`);
    const edited = await call(github.url, 'PATCH', `/repos/${REPO}/issues/comments/${comment.id}`, { body: { body: 'edited' } });
    expect(edited.status).toBe(200);
    expect((await call(github.url, 'GET', `/repos/${REPO}/issues/comments/${comment.id}`)).body).toMatchObject({ body: 'edited' });
    const persons = (await call(github.url, 'GET', `/repos/${REPO}/issues/5/comments?per_page=1`)).body as Array<{ id: number }>;
    expect((await call(github.url, 'PATCH', `/repos/${REPO}/issues/comments/${persons[0]?.id}`, { body: { body: 'x' } })).status).toBe(403);
  });

  it.each([
    ['an empty body', ''],
    ['a body over 65,536 characters', 'x'.repeat(65_537)],
  ])('refuses %s with 422', async (_case, body) => {
    const answer = await call(github.url, 'POST', `/repos/${REPO}/issues/5/comments`, { body: { body } });
    expect(answer.status).toBe(422);
    expect(answer.body).toMatchObject({ message: 'Validation Failed' });
  });

  it('lists issues by state and label, pull requests included and marked', async () => {
    const open = (await call(github.url, 'GET', `/repos/${REPO}/issues`)).body as Json[];
    expect(open.map((issue) => [issue.number, 'pull_request' in issue])).toEqual([
      [7, false],
      [5, true],
    ]);
    const labelled = (await call(github.url, 'GET', `/repos/${REPO}/issues?labels=help`)).body as Json[];
    expect(labelled.map((issue) => issue.number)).toEqual([7]);
    const closed = (await call(github.url, 'GET', `/repos/${REPO}/issues?state=closed`)).body as Json[];
    expect(closed.map((issue) => issue.number)).toEqual([6]);
  });

  it('opens, edits and closes an issue', async () => {
    const created = await call(github.url, 'POST', `/repos/${REPO}/issues`, { body: { title: 'Drift', body: 'one', labels: ['latch-drift'] } });
    expect(created.status).toBe(201);
    const number = (created.body as { number: number }).number;
    expect(number).toBe(8);
    const closed = await call(github.url, 'PATCH', `/repos/${REPO}/issues/${number}`, { body: { state: 'closed', state_reason: 'completed', body: 'two' } });
    expect(closed.body).toMatchObject({ state: 'closed', state_reason: 'completed', body: 'two', labels: [expect.objectContaining({ name: 'latch-drift' })] });
    expect((await call(github.url, 'PATCH', `/repos/${REPO}/issues/${number}`, { body: { state: 'gone' } })).status).toBe(422);
  });

  it('finds pull requests by commit and says who merged', async () => {
    const byMerge = (await call(github.url, 'GET', `/repos/${REPO}/commits/m6/pulls`)).body as Json[];
    expect(byMerge.map((pull) => [pull.number, pull.merge_commit_sha, pull.merged_at])).toEqual([[6, 'm6', '2026-11-20T10:00:00Z']]);
    expect(((await call(github.url, 'GET', `/repos/${REPO}/commits/c5/pulls`)).body as Json[]).map((pull) => pull.number)).toEqual([5]);
    expect((await call(github.url, 'GET', `/repos/${REPO}/commits/nothing/pulls`)).body).toEqual([]);
    github.conversations.mergePull(REPO, 5, { sha: 'm5', by: 'ana' });
    const pull = (await call(github.url, 'GET', `/repos/${REPO}/pulls/5`)).body as Json;
    expect(pull).toMatchObject({ number: 5, state: 'closed', merged: true, merge_commit_sha: 'm5', merged_by: { login: 'ana' }, labels: [{ name: 'access' }] });
    expect((await call(github.url, 'GET', `/repos/${REPO}/pulls/7`)).status).toBe(404);
  });

  it.each([
    ['an unknown repository', 'GET', '/repos/acme/other/issues'],
    ['an unknown issue', 'GET', '/repos/acme/access/issues/99/comments'],
    ['an unknown comment', 'PATCH', '/repos/acme/access/issues/comments/1'],
  ])('answers 404 for %s', async (_case, method, path) => {
    expect((await call(github.url, method, path, method === 'PATCH' ? { body: { body: 'x' } } : {})).status).toBe(404);
  });

  it('asks for the token like every other route', async () => {
    expect((await call(github.url, 'GET', `/repos/${REPO}/issues`, { authorization: null })).status).toBe(401);
  });
});
