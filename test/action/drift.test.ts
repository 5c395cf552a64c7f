import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main as cli } from '../../src/cli/main.js';
import type { GithubEmulator } from '../../src/emulators/github/index.js';
import { DRIFT_MARKER } from '../../src/report/drift-issue.js';
import { BOT, closeWorld, REPOSITORY, runDrift, startWorld, TOKEN, type GitRepo } from './harness.js';

let github: GithubEmulator;
let repo: GitRepo;
let sha: string;

beforeEach(async () => {
  ({ repo, base: sha, github } = await startWorld(
    () => ({ conversations: { repositories: { [REPOSITORY]: { issues: [{ number: 1, title: 'Unrelated', body: 'mentions <!-- latch:drift --> in passing', user: 'maria-acme' }] } } } }),
    'main',
  ));
});

afterEach(() => closeWorld({ repo, github }));

function drift(inputs: Record<string, string> = {}, env: NodeJS.ProcessEnv = {}) {
  return runDrift({ dir: repo.dir, apiUrl: github.url, sha, inputs, env });
}

function driftIssues() {
  return github.conversations.issues(REPOSITORY).filter((issue) => issue.login === BOT && issue.body?.startsWith(DRIFT_MARKER));
}

function issueWrites(): string[] {
  return github.requests.filter((request) => request.method !== 'GET' && request.path.includes('/issues')).map((request) => `${request.method} ${request.path}`);
}

/** Puts every platform back as the repository says, the way an operator would with the CLI. */
async function repairByHand(): Promise<void> {
  const sink = () => new Writable({ write: (_chunk, _encoding, done) => done() });
  const code = await cli(['apply', '--yes'], {
    stdout: sink(),
    stderr: sink(),
    env: { GITHUB_API_URL: github.url, GITHUB_TOKEN: TOKEN, LATCH_GITHUB_WRITE_INTERVAL_MS: '0', LATCH_TODAY: '2026-11-23' },
    cwd: repo.dir,
    interactive: false,
    confirm: () => Promise.resolve(false),
  });
  expect(code).toBe(0);
  // The one undeclared outside collaborator left sits on a repository no client declares.
  const removed = await fetch(`${github.url}/repos/acme-agency/zephyr-legacy/collaborators/zoe-zephyr`, { method: 'DELETE', headers: { authorization: `token ${TOKEN}` } });
  expect(removed.status).toBe(204);
}

describe('the nightly drift check', () => {
  it('opens one issue, leaves it alone while nothing changes, and closes it when drift is gone', async () => {
    const first = await drift();
    expect(first.code, first.stdout + first.stderr).toBe(2);
    expect(first.outputs.drift).toBe('true');
    expect(first.stdout).toMatch(/^::error::Access drift: \d+ differences and \d+ findings/m);
    const [issue, ...more] = driftIssues();
    expect(more).toEqual([]);
    expect(issue?.state).toBe('open');
    expect(issue?.labels).toEqual(['latch-drift']);
    expect(issue?.title).toMatch(/^Access drift: \d+ differences, 1 finding$/);
    expect(issue?.body).toContain('| Resource | Who | The repository says | The platform has | Why |');
    expect(issue?.body).toMatch(/\| `acme-agency\/apex-web` \| `zoe-zephyr` \| no access \| `push` \| not declared in any client file \|/);
    expect(issue?.body).toMatch(/\| `acme-agency\/apex-web` \| `dana-apex` \| `push` \| `admin` \|/);
    expect(issue?.body).toContain('outside collaborator zoe-zephyr is not declared by any client');
    const opened = issueWrites();
    expect(opened).toEqual([`POST /repos/${REPOSITORY}/issues`]);

    const second = await drift();
    expect(second.code).toBe(2);
    expect(issueWrites()).toEqual(opened);
    expect(driftIssues()).toHaveLength(1);

    github.addCollaboratorByHand('acme-agency/bloom-site', 'jake-freelance', 'admin');
    expect((await drift()).code).toBe(2);
    expect(issueWrites()).toEqual([...opened, `PATCH /repos/${REPOSITORY}/issues/${issue?.number}`]);
    const [updated, ...duplicates] = driftIssues();
    expect(duplicates).toEqual([]);
    expect(updated?.body).toMatch(/\| `acme-agency\/bloom-site` \| `jake-freelance` \| no access \| `admin` \|/);

    await repairByHand();
    const third = await drift();
    expect(third.code, third.stdout).toBe(0);
    expect(third.outputs.drift).toBe('false');
    const [closed] = driftIssues();
    expect(closed?.number).toBe(issue?.number);
    expect(closed?.state).toBe('closed');
    expect(closed?.comments.at(-1)?.body).toContain('Drift is gone as of 2026-11-23');
    expect(closed?.title).toBe('Access drift: resolved on 2026-11-23');
    // The unrelated issue that merely quotes the marker is never touched.
    expect(github.conversations.issues(REPOSITORY).find((entry) => entry.number === 1)?.state).toBe('open');
  });

  it('opens a new issue when drift comes back after one was resolved, and says what kind it is', async () => {
    expect((await drift()).code).toBe(2);
    await repairByHand();
    expect((await drift()).code).toBe(0);
    github.addCollaboratorByHand('acme-agency/bloom-site', 'jake-freelance', 'admin');
    expect((await drift()).code).toBe(2);
    const [resolved, reopened, ...more] = driftIssues();
    expect(more).toEqual([]);
    expect(resolved).toMatchObject({ state: 'closed', title: 'Access drift: resolved on 2026-11-23' });
    expect(reopened).toMatchObject({ state: 'open', title: 'Access drift: 1 difference, 1 finding' });
    expect(reopened?.body).toContain('**Extra access (1)**: on the platform but not declared there, most likely granted by hand');
    expect(reopened?.body).not.toContain('Missing access');
  });

  it('reports drift without failing the job when fail-on-drift is false', async () => {
    const run = await drift({ 'fail-on-drift': 'false' });
    expect(run.code).toBe(0);
    expect(run.outputs.drift).toBe('true');
    expect(driftIssues()).toHaveLength(1);
  });

  it('revokes grants whose end date has passed, with an audit record, and lists them in the issue', async () => {
    // Ken's access to Cobalt ends on 2026-12-31.
    const run = await drift({}, { LATCH_TODAY: '2027-01-04' });
    expect(run.code, run.stdout).toBe(2);
    expect(github.snapshot().repos['acme-agency/cobalt-portal']?.collaborators?.['ken-cobalt']).toBeUndefined();
    const records = (await readFile(join(repo.dir, 'latch-audit.jsonl'), 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(records).toEqual([
      expect.objectContaining({ trigger: 'drift', pr: null, mergedBy: null, commit: sha, status: 'applied', change: expect.objectContaining({ action: 'revoke', principal: 'ken-cobalt', resource: 'acme-agency/cobalt-portal' }) }),
    ]);
    const body = driftIssues()[0]?.body ?? '';
    expect(body).toContain('### Expired grants');
    expect(body).toMatch(/\| `acme-agency\/cobalt-portal` \| `ken-cobalt` \| `push` \| access ended 2026-12-31 .* \| revoked by this run \|/);
  });

  it('leaves expired grants in place when revoke-expired is false, and says so', async () => {
    const run = await drift({ 'revoke-expired': 'false' }, { LATCH_TODAY: '2027-01-04' });
    expect(run.code).toBe(2);
    expect(github.snapshot().repos['acme-agency/cobalt-portal']?.collaborators?.['ken-cobalt']).toBe('push');
    expect(driftIssues()[0]?.body).toContain('not revoked: revoke-expired is false');
  });
});
