import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GithubEmulator } from '../../src/emulators/github/index.js';
import { PLAN_MARKER } from '../../src/report/pr-comment.js';
import { BOT, closeWorld, pullRequestEvent, REPOSITORY, runAction, startWorld, TOKEN, type GitRepo } from './harness.js';

const PR = 7;
let github: GithubEmulator;
let repo: GitRepo;
let base: string;

beforeEach(async () => {
  ({ repo, base, github } = await startWorld((commit) => ({
    conversations: {
      repositories: {
        [REPOSITORY]: {
          issues: [{ number: 1, title: 'Onboarding checklist' }],
          // A person quoting the marker must not have their comment taken over.
          pulls: [{ number: PR, title: 'Access for Noor', user: 'maria-acme', head: { ref: 'noor', sha: commit }, base: { ref: 'main', sha: commit } }],
          comments: [{ issue: PR, body: `${PLAN_MARKER}\n> quoting the bot here`, user: 'maria-acme' }],
        },
      },
    },
  })));
});

afterEach(() => closeWorld({ repo, github }));

async function edit(file: string, change: (text: string) => string): Promise<void> {
  const path = join(repo.dir, file);
  await writeFile(path, change(await readFile(path, 'utf8')));
}

function planRun(head: string, extra: { inputs?: Record<string, string>; headRepo?: string | null } = {}) {
  return runAction({
    dir: repo.dir,
    apiUrl: github.url,
    eventName: 'pull_request',
    payload: pullRequestEvent({ number: PR, head, base, headRepo: extra.headRepo }),
    sha: head,
    inputs: extra.inputs,
  });
}

function botComments() {
  const pull = github.conversations.issues(REPOSITORY).find((issue) => issue.number === PR);
  return (pull?.comments ?? []).filter((comment) => comment.login === BOT);
}

function commentWrites(): string[] {
  return github.requests.filter((request) => request.method !== 'GET' && request.path.includes('/issues/')).map((request) => `${request.method} ${request.path}`);
}

function platformReads(): number {
  return github.requests.filter((request) => request.path === '/graphql' || request.path.includes('/collaborators') || request.path.includes('/teams/')).length;
}

describe('the Action on a pull request', () => {
  it('posts one plan comment, edits it in place, and leaves it alone when nothing changed', async () => {
    await edit('clients/bloom.yaml', (text) => text.replace('people:\n', 'people:\n  noor:   { email: noor@bloombotanicals.com, github: noor-bloom, role: client-contributor }\n'));
    const head = await repo.commit('Noor joins Bloom');

    // A whole-agency plan, so drift outside this pull request's client (Zoe on Apex) shows too.
    const all = { inputs: { 'plan-scope': 'all' } };
    const first = await planRun(head, all);
    expect(first.code, first.stdout + first.stderr).toBe(0);
    expect(first.outputs['has-changes']).toBe('true');
    const planFile = JSON.parse(await readFile(first.outputs['plan-file'] ?? '', 'utf8')) as { fingerprint: string };
    expect(planFile.fingerprint).toBe(first.outputs.fingerprint);
    const [comment, ...others] = botComments();
    expect(others).toEqual([]);
    expect(comment?.body.startsWith(PLAN_MARKER)).toBe(true);
    expect(comment?.body).toContain(`${first.outputs.fingerprint}`);
    expect(comment?.body).toMatch(/\*\*\+\d+\*\* to grant · \*\*~\d+\*\* to update · \*\*−\d+\*\* to revoke/);
    // Noor is what the pull request brings; Zoe on Apex was there before it.
    const [introduced = '', existing = ''] = (comment?.body ?? '').split('### Drift that already existed');
    expect(introduced).toContain('### Changes this pull request makes');
    expect(introduced).toContain('noor-bloom');
    expect(introduced).not.toContain('zoe-zephyr');
    expect(existing).toContain('zoe-zephyr');
    expect(existing).not.toContain('noor-bloom');
    expect(comment?.body).toMatch(/<!-- latch:reviewed v1 head=[0-9a-f]{40} fingerprint=sha256:[0-9a-f]{64} changes=/);
    expect(first.summary).toContain('## Latch: validation');
    expect(first.summary).toContain('noor-bloom');
    const writesAfterFirst = commentWrites();
    expect(writesAfterFirst).toEqual([`POST /repos/${REPOSITORY}/issues/${PR}/comments`]);

    const again = await planRun(head, all);
    expect(again.code).toBe(0);
    expect(commentWrites()).toEqual(writesAfterFirst);
    expect(again.stdout).toContain('plan comment unchanged');

    await edit('clients/apex.yaml', (text) => text.replace(/ {2}sam: .*\n/, ''));
    const next = await repo.commit('Sam leaves Apex');
    const third = await planRun(next, all);
    expect(third.code).toBe(0);
    expect(commentWrites()).toEqual([...writesAfterFirst, `PATCH /repos/${REPOSITORY}/issues/comments/${comment?.id}`]);
    const [updated, ...duplicates] = botComments();
    expect(duplicates).toEqual([]);
    expect(updated?.id).toBe(comment?.id);
    expect(updated?.body.split('### Drift that already existed')[0]).toContain('sam-apex');
    const human = github.conversations.issues(REPOSITORY).find((issue) => issue.number === PR)?.comments.find((entry) => entry.login === 'maria-acme');
    expect(human?.body).toBe(`${PLAN_MARKER}\n> quoting the bot here`);
  });

  it('finds its comment by the bot login given as input', async () => {
    const head = await repo.commit('no change');
    expect((await planRun(head, { inputs: { 'bot-login': BOT } })).code).toBe(0);
    expect((await planRun(head, { inputs: { 'bot-login': BOT } })).stdout).toContain('plan comment unchanged');
    // Another login is another author: its comment would be a separate one.
    expect((await planRun(head, { inputs: { 'bot-login': 'other-app[bot]' } })).stdout).toContain('plan comment created');
  });

  it('annotates validation errors on their YAML lines and plans nothing', async () => {
    await edit('clients/bloom.yaml', (text) => text.replace(/(olivia: \{[^}]*role: )client-admin/, '$1client-boss'));
    const head = await repo.commit('a role that does not exist');
    const run = await planRun(head);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^::error title=Latch%3A [a-z-]+,file=clients\/bloom\.yaml,line=\d+,col=\d+::.*client-boss/m);
    expect(run.summary).toContain('## Latch: validation failed');
    expect(run.summary).toContain('clients/bloom.yaml:');
    expect(platformReads()).toBe(0);
    expect(botComments()[0]?.body).toContain('The files do not validate');
    expect(botComments()[0]?.body).not.toContain('latch:reviewed');
  });

  it.each([
    ['from a fork', 'someone/access', TOKEN],
    ['whose fork was deleted', null, TOKEN],
    ['run without a token', REPOSITORY, ''],
  ])('validates a pull request %s and says plainly that no plan was made', async (_case, headRepo, token) => {
    const head = await repo.commit('fork change');
    const run = await planRun(head, { headRepo, inputs: { 'github-token': token } });
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs['has-changes']).toBe('false');
    expect(run.summary).toContain('## Latch: no plan was made');
    expect(run.summary).toContain('3 clients');
    expect(run.stdout).toContain('::notice::No plan was made.');
    expect(platformReads()).toBe(0);
    const comments = botComments();
    if (token) expect(comments[0]?.body).toContain('**No plan was made.**');
    else expect(comments).toEqual([]);
  });
});
