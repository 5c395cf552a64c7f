import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_GITHUB, DEMO_PUBLIC_EMAILS } from '../../src/demo/github-seed.js';
import { startGithubEmulator, type GithubEmulator, type GithubSeed } from '../../src/emulators/github/index.js';
import { DEMO_SLACK } from '../../src/demo/google-slack-seeds.js';
import { startSlackEmulator } from '../../src/emulators/slack/index.js';
import { runLatch } from '../e2e/cli-harness.js';
import { examplePolicies, GITHUB_CLIENTS, workspace, type Workspace } from '../e2e/workspace.js';

const TOKEN = 'ghs_importTestToken000000000000000000';
const SLACK_TOKEN = 'xoxb-import-test-token';
let github: GithubEmulator | undefined;
let repo: Workspace | undefined;

afterEach(async () => {
  await github?.close();
  await repo?.remove();
  github = undefined;
  repo = undefined;
});

async function start(seed: GithubSeed, files: Record<string, string>): Promise<{ github: GithubEmulator; repo: Workspace }> {
  github = await startGithubEmulator({ seed, token: TOKEN });
  repo = await workspace(files);
  return { github, repo };
}

function latch(args: string[], cwd: string, url: string) {
  return runLatch(args, { cwd, env: { GITHUB_API_URL: url, GITHUB_TOKEN: TOKEN, LATCH_RETRY_BASE_MS: '1' } });
}

describe('latch import --platform github', () => {
  it('imports the demo organisation into files that validate, from policies alone', async () => {
    const seed = structuredClone(DEMO_GITHUB);
    seed.emails = { ...DEMO_PUBLIC_EMAILS };
    seed.repos['acme-agency/website'] = { collaborators: { 'maria-acme': 'admin' } };
    const { github: emulator, repo: dir } = await start(seed, await examplePolicies());
    const run = await latch(['import', '--platform', 'github'], dir.dir, emulator.url);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('Wrote 4 client files to imported/clients');
    expect(run.stdout).toContain('- github-repo acme-agency/website: "website" has no client prefix (a name before the first "-"); 1 person has access');
    expect(run.stdout).toContain('- ken-cobalt (ken@cobaltfreight.com) has push on site of bloom, but cobaltfreight.com is cobalt\'s domain: a person of another client');
    expect(run.stdout).toContain('- zoe-zephyr (zephyr): no e-mail known, written commented out');
    expect((await readdir(join(dir.dir, 'imported', 'clients'))).sort()).toEqual(['apex.yaml', 'bloom.yaml', 'cobalt.yaml', 'zephyr.yaml']);
    expect(await dir.read('imported/IMPORT-REPORT.md')).toBe(run.stdout);
    const apex = await dir.read('imported/clients/apex.yaml');
    expect(apex).toContain('  maria-acme: { role: agency-lead }');
    expect(apex).toContain('  dana-apex: { email: dana@apexoutdoor.com, github: dana-apex, role: client-contributor }');
    expect(apex).toContain('  tom-acme: { role: agency-engineer }');
    // Agency people are written once, in people.yaml, with every identity; client files name them by key.
    const people = await dir.read('imported/policies/people.yaml');
    expect(people).toContain('  maria-acme: { email: maria@acme-agency.com, github: maria-acme }\n');
    expect(people.match(/maria-acme:/g)).toHaveLength(1);

    const validate = await latch(['validate', '--dir', 'imported'], dir.dir, emulator.url);
    expect(validate.code, validate.stderr).toBe(0);
    expect(validate.stdout).toContain('Valid: 4 clients');
    expect(emulator.requests.filter((request) => request.method !== 'GET' && request.path !== '/graphql')).toEqual([]);
  });

  it('validates even when no e-mail is known at all: everyone is written commented out', async () => {
    const { github: emulator, repo: dir } = await start(structuredClone(DEMO_GITHUB), await examplePolicies());
    const run = await latch(['import', '--platform', 'github', '--out', 'start'], dir.dir, emulator.url);
    expect(run.code, run.stderr).toBe(0);
    expect(await dir.read('start/clients/cobalt.yaml')).toContain('people: {}   # every person below needs an e-mail first\n  # ken-cobalt: { email: TODO, github: ken-cobalt }   # no e-mail known; has push on portal');
    const validate = await latch(['validate', '--dir', 'start'], dir.dir, emulator.url);
    expect(validate.code, validate.stderr).toBe(0);
  });

  it('skips what the repository already declares and takes e-mails from its people', async () => {
    const { github: emulator, repo: dir } = await start(structuredClone(DEMO_GITHUB), { ...(await examplePolicies()), ...GITHUB_CLIENTS });
    const run = await latch(['import', '--platform', 'github'], dir.dir, emulator.url);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('## Already declared in clients/ (skipped) (6)');
    expect(await readdir(join(dir.dir, 'imported', 'clients'))).toEqual(['zephyr.yaml']);
  });

  it('reports a repository it could not read and imports the rest', async () => {
    const { github: emulator, repo: dir } = await start(structuredClone(DEMO_GITHUB), await examplePolicies());
    emulator.switches.faults.push({ method: 'GET', path: '/repos/acme-agency/cobalt-portal/invitations', status: 500, times: 10 });
    const run = await latch(['import', '--platform', 'github'], dir.dir, emulator.url);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('## Could not be read (skipped) (1)\n\n- github-repo acme-agency/cobalt-portal: github list: GET /repos/acme-agency/cobalt-portal/invitations: 500');
    expect(await readdir(join(dir.dir, 'imported', 'clients'))).not.toContain('cobalt.yaml');
  });

  it.each([
    { platform: 'gitlab', says: 'unknown platform "gitlab"' },
  ])('refuses --platform $platform', async ({ platform, says }) => {
    const { github: emulator, repo: dir } = await start(structuredClone(DEMO_GITHUB), await examplePolicies());
    const run = await latch(['import', '--platform', platform], dir.dir, emulator.url);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(says);
  });
});

describe('latch import --platform slack', () => {
  it('imports the demo workspace\'s channels, people by e-mail, into files that validate', async () => {
    const slack = await startSlackEmulator({ seed: structuredClone(DEMO_SLACK), token: SLACK_TOKEN });
    try {
      const dir = await workspace(await examplePolicies());
      repo = dir;
      const env = { LATCH_SLACK_API_URL: slack.url, SLACK_TOKEN: SLACK_TOKEN };
      const run = await runLatch(['import', '--platform', 'slack'], { cwd: dir.dir, env });
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toContain('# Import from Slack workspace T0ACME, 2026-11-23');
      const apex = await dir.read('imported/clients/apex.yaml');
      expect(apex).toContain('  project: { kind: slack-channel, ref: C0APEX01 }');
      expect(apex).toContain('  dana: { email: dana@apexoutdoor.com, role: client-viewer }');
      expect(apex).toContain('  maria: { role: agency-engineer }');
      const validate = await runLatch(['validate', '--dir', 'imported'], { cwd: dir.dir, env });
      expect(validate.code, validate.stderr).toBe(0);
      expect(slack.requests.map((request) => request.path).filter((path) => path.endsWith('conversations.list'))).toHaveLength(1);
    } finally {
      await slack.close();
    }
  });
});
