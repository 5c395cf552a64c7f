import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startDemoPlatforms, type SandboxPlatforms } from '../../src/sandbox/platforms.js';
import { DEMO_TOKENS } from '../../src/demo/tokens.js';
import { DEMO_GITHUB } from '../../src/demo/github-seed.js';
import { startGithubEmulator, type GithubEmulator } from '../../src/emulators/github/index.js';
import { makeGitRepo, pullRequestEvent, pushEvent, REPOSITORY, runAction, TOKEN, type GitRepo } from '../action/harness.js';
import { copyExampleRepo, runLatch } from '../e2e/cli-harness.js';

const SLOW = 300_000;

/** The credential values of an environment: what must never be written anywhere. */
function credentials(env: NodeJS.ProcessEnv): string[] {
  return Object.entries(env)
    .filter(([name, value]) => /TOKEN|SECRET|KEY/.test(name) && value !== undefined && !/^https?:/.test(value))
    .map(([, value]) => value as string);
}

function expectNone(secrets: readonly string[], texts: Record<string, string>): void {
  for (const secret of secrets) {
    for (const [where, text] of Object.entries(texts)) expect(text.includes(secret), `${where} holds a credential`).toBe(false);
  }
}

/** A platform answering a write with an error that echoes the credential back, as some do. */
function echoing(token: string) {
  return { method: 'PUT', path: '/collaborators/', status: 401, body: { message: `Bad credentials: token ${token} is not valid`, documentation_url: 'https://docs.github.com/rest' }, times: 50 };
}

describe('the CLI', () => {
  let platforms: SandboxPlatforms | undefined;
  let repo: { dir: string; remove: () => Promise<void> } | undefined;
  afterEach(async () => {
    await platforms?.close();
    await repo?.remove();
  });

  it(
    'writes no credential in plan, apply, logs or the plan file, even when a platform echoes one',
    async () => {
      platforms = await startDemoPlatforms();
      repo = await copyExampleRepo();
      const env = { ...platforms.env, LATCH_RETRY_BASE_MS: '10' };
      const secrets = credentials(env);
      expect(secrets.length).toBeGreaterThanOrEqual(3);
      const cwd = repo.dir;
      const plan = await runLatch(['plan', '--out', 'plan.json', '--verbose', '--log-format', 'json'], { cwd, env });
      const markdown = await runLatch(['plan', '--format', 'markdown'], { cwd, env });
      platforms.github.switches.faults.push(echoing(DEMO_TOKENS.github));
      const apply = await runLatch(['apply', '--plan', 'plan.json', '--verbose', '--log-format', 'json'], { cwd, env });
      expect(apply.code).toBe(1);
      expect(apply.stdout).toMatch(/failed\s+grant push github-repo/);
      expectNone(secrets, {
        'plan stdout': plan.stdout,
        'plan stderr': plan.stderr,
        'markdown plan': markdown.stdout + markdown.stderr,
        'apply stdout': apply.stdout,
        'apply stderr': apply.stderr,
        'plan file': await readFile(join(cwd, 'plan.json'), 'utf8'),
      });
    },
    SLOW,
  );
});

describe('the Action', () => {
  let github: GithubEmulator | undefined;
  let repo: GitRepo | undefined;
  afterEach(async () => {
    await github?.close();
    await repo?.remove();
  });

  it(
    'writes no credential in comments, summaries, outputs, logs, the plan file or the audit records',
    async () => {
      repo = await makeGitRepo();
      const base = await repo.commit('base');
      const bloom = join(repo.dir, 'clients/bloom.yaml');
      await writeFile(bloom, (await readFile(bloom, 'utf8')).replace('people:\n', 'people:\n  noor: { email: noor@bloombotanicals.com, github: noor-bloom, role: client-contributor }\n'));
      const head = await repo.commit('Noor joins Bloom');
      const seed = structuredClone(DEMO_GITHUB);
      seed.users = [...(seed.users ?? []), 'noor-bloom'];
      github = await startGithubEmulator({ seed, token: TOKEN, conversations: { repositories: { [REPOSITORY]: {} } } });
      github.conversations.addPull(REPOSITORY, { number: 5, title: 'Noor', user: 'priya-acme', head: { ref: 'noor', sha: head }, base: { ref: 'main', sha: base } });
      const planFile = join(repo.dir, 'latch-plan.json');
      const auditFile = join(repo.dir, 'latch-audit.jsonl');
      const inputs = { 'plan-file': planFile, 'audit-file': auditFile };
      const env = { RUNNER_DEBUG: '1' };
      const plan = await runAction({ dir: repo.dir, apiUrl: github.url, eventName: 'pull_request', payload: pullRequestEvent({ number: 5, head, base }), sha: head, inputs, env });
      expect(plan.code, plan.stdout + plan.stderr).toBe(0);
      github.switches.faults.push(echoing(TOKEN));
      github.conversations.mergePull(REPOSITORY, 5, { sha: head, by: 'maria-acme' });
      const apply = await runAction({ dir: repo.dir, apiUrl: github.url, eventName: 'push', payload: pushEvent({ before: base, after: head }), sha: head, inputs, env });
      expect(apply.code).toBe(1);
      const comments = github.conversations.issues(REPOSITORY).flatMap((issue) => issue.comments.map((comment) => comment.body));
      expect(comments.join('\n')).toContain('failed');
      expectNone([TOKEN], {
        'plan stdout': plan.stdout,
        'plan stderr': plan.stderr,
        'plan summary': plan.summary,
        'plan outputs': JSON.stringify(plan.outputs),
        'apply stdout': apply.stdout,
        'apply stderr': apply.stderr,
        'apply summary': apply.summary,
        'apply outputs': JSON.stringify(apply.outputs),
        comments: comments.join('\n'),
        'plan file': await readFile(planFile, 'utf8'),
        'audit records': await readFile(auditFile, 'utf8'),
      });
    },
    SLOW,
  );
});
