import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_GITHUB } from '../../../src/demo/github-seed.js';
import { startGithubEmulator, type GithubEmulator } from '../../../src/emulators/github/index.js';
import { call, TOKEN } from './fetch.js';

const GIT = '/repos/acme-agency/access/git';
let github: GithubEmulator;

beforeAll(async () => {
  github = await startGithubEmulator({ seed: DEMO_GITHUB, token: TOKEN, git: { repositories: { 'acme-agency/access': {}, 'acme-agency/empty': { empty: true } } } });
});

afterAll(async () => {
  await github.close();
});

function message(body: unknown): unknown {
  return (body as { message?: unknown }).message;
}

async function commitOn(parent: string | undefined, path: string, content: string, baseTree?: string): Promise<{ sha: string; tree: string }> {
  const tree = await call(github.url, 'POST', `${GIT}/trees`, { body: { ...(baseTree ? { base_tree: baseTree } : {}), tree: [{ path, mode: '100644', type: 'blob', content }] } });
  expect(tree.status).toBe(201);
  const treeSha = (tree.body as { sha: string }).sha;
  const commit = await call(github.url, 'POST', `${GIT}/commits`, { body: { message: path, tree: treeSha, parents: parent ? [parent] : [] } });
  expect(commit.status).toBe(201);
  return { sha: (commit.body as { sha: string }).sha, tree: treeSha };
}

describe('the Git Data API of the GitHub emulator, as documented', () => {
  it('stores blobs under the id git computes and returns them base64-encoded', async () => {
    const created = await call(github.url, 'POST', `${GIT}/blobs`, { body: { content: 'line one\n', encoding: 'utf-8' } });
    expect(created.status).toBe(201);
    const { stdout } = await promisify(execFile)('sh', ['-c', "printf 'line one\\n' | git hash-object --stdin"]);
    expect((created.body as { sha: string }).sha).toBe(stdout.trim());
    const read = await call(github.url, 'GET', `${GIT}/blobs/${stdout.trim()}`);
    expect(read.body).toMatchObject({ encoding: 'base64', size: 9, content: Buffer.from('line one\n').toString('base64') });
    expect((await call(github.url, 'GET', `${GIT}/blobs/${'0'.repeat(40)}`)).status).toBe(404);
  });

  it('creates a ref once (422 when it exists), moves it only forward unless forced, and keeps base_tree entries', async () => {
    const first = await commitOn(undefined, 'audit/2026-11.jsonl', 'a\n');
    expect((await call(github.url, 'GET', `${GIT}/ref/heads%2Flatch-audit`)).status).toBe(404);
    const created = await call(github.url, 'POST', `${GIT}/refs`, { body: { ref: 'refs/heads/latch-audit', sha: first.sha } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ ref: 'refs/heads/latch-audit', object: { type: 'commit', sha: first.sha } });
    const again = await call(github.url, 'POST', `${GIT}/refs`, { body: { ref: 'refs/heads/latch-audit', sha: first.sha } });
    expect([again.status, message(again.body)]).toEqual([422, 'Reference already exists']);

    const next = await commitOn(first.sha, 'audit/2026-12.jsonl', 'b\n', first.tree);
    const sideways = await commitOn(first.sha, 'audit/2026-12.jsonl', 'c\n', first.tree);
    expect((await call(github.url, 'PATCH', `${GIT}/refs/heads/latch-audit`, { body: { sha: next.sha, force: false } })).status).toBe(200);
    const refused = await call(github.url, 'PATCH', `${GIT}/refs/heads%2Flatch-audit`, { body: { sha: sideways.sha, force: false } });
    expect([refused.status, message(refused.body)]).toEqual([422, 'Update is not a fast forward']);
    expect([...(github.git.files('acme-agency/access', 'latch-audit') ?? [])]).toEqual([
      ['audit/2026-11.jsonl', 'a\n'],
      ['audit/2026-12.jsonl', 'b\n'],
    ]);
    expect((await call(github.url, 'PATCH', `${GIT}/refs/heads/latch-audit`, { body: { sha: sideways.sha, force: true } })).status).toBe(200);
    const listed = await call(github.url, 'GET', `${GIT}/trees/${first.tree}?recursive=1`);
    expect(listed.body).toMatchObject({ truncated: false, tree: [{ path: 'audit', type: 'tree' }, { path: 'audit/2026-11.jsonl', type: 'blob', size: 2 }] });
  });

  it('refuses unknown objects with 422 and answers 409 for a repository with no commit', async () => {
    const noTree = await call(github.url, 'POST', `${GIT}/commits`, { body: { message: 'x', tree: '1'.repeat(40), parents: [] } });
    expect([noTree.status, message(noTree.body)]).toEqual([422, 'Tree SHA does not exist']);
    const noRef = await call(github.url, 'PATCH', `${GIT}/refs/heads/nowhere`, { body: { sha: '1'.repeat(40) } });
    expect([noRef.status, message(noRef.body)]).toEqual([422, 'Reference does not exist']);
    const empty = await call(github.url, 'GET', '/repos/acme-agency/empty/git/ref/heads%2Fmain');
    expect([empty.status, message(empty.body)]).toEqual([409, 'Git Repository is empty.']);
    expect((await call(github.url, 'GET', '/repos/acme-agency/unknown/git/ref/heads%2Fmain')).status).toBe(404);
  });
});
