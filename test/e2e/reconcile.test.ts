import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bloomActsOnRequest } from '../../src/demo/ads-seeds.js';
import { bloomAssignsInAws } from '../../src/demo/aws-seed.js';
import { bloomAddsToJira } from '../../src/demo/jira-seed.js';
import { startDemoPlatforms, type SandboxPlatforms } from '../../src/sandbox/platforms.js';
import { DEMO_TOKENS } from '../../src/demo/tokens.js';
import { bloomActsOnTiktok } from '../../src/demo/tiktok-seed.js';
import type { GithubEmulator } from '../../src/emulators/github/index.js';
import { copyExampleRepo, runLatch } from './cli-harness.js';

const TOKEN = DEMO_TOKENS.github;

interface JsonChange {
  action: string;
  kind: string;
  resource: string;
  principal: string;
  from: string | null;
  to: string | null;
  reason: string;
}

let platforms: SandboxPlatforms;
let github: GithubEmulator;
let repo: { dir: string; remove: () => Promise<void> };

function env(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { ...platforms.env, LATCH_RETRY_BASE_MS: '10', ...extra };
}

const latch = (args: string[], extra?: NodeJS.ProcessEnv) => runLatch(args, { cwd: repo.dir, env: env(extra) });

/** Write calls that reached any platform: Slack speaks POST for reads too, so its writes are named; GraphQL queries and Drive's batches of GETs read. */
function writes(): number {
  const rest = [github, platforms.google].flatMap((emulator) => emulator.requests).filter((request) => request.method !== 'GET' && request.path !== '/graphql' && request.path !== '/batch/drive/v3');
  const slack = platforms.slack.requests.filter((request) => /conversations\.(invite|kick)$/.test(request.path));
  return rest.length + slack.length;
}

beforeEach(async () => {
  platforms = await startDemoPlatforms();
  github = platforms.github;
  repo = await copyExampleRepo();
});

afterEach(async () => {
  await platforms.close();
  await repo.remove();
});

describe('plan, apply, drift against the emulated GitHub, Google and Slack', () => {
  it('plans the messy organisation, applies it, then finds nothing left to do', async () => {
    const plan = await latch(['plan', '--format', 'json']);
    expect(plan.stderr).toBe('');
    expect(plan.code).toBe(2);
    const parsed = JSON.parse(plan.stdout) as { fingerprint: string; changes: JsonChange[] };
    expect(parsed.fingerprint).toMatch(/^sha256:[0-9a-f]{64}$/);
    const summary = parsed.changes.map((c) => `${c.action} ${c.kind} ${c.resource} ${c.principal} ${c.from}->${c.to}`).sort();
    expect(summary).toEqual(
      [
        'grant github-repo acme-agency/bloom-site leo-bloom null->push',
        'revoke github-repo acme-agency/apex-web zoe-zephyr push->null',
        'revoke github-repo acme-agency/bloom-site ken-cobalt push->null',
        'update github-repo acme-agency/apex-api sam-apex admin->push',
        'update github-repo acme-agency/apex-api tom-acme push->maintain',
        'update github-repo acme-agency/apex-web dana-apex admin->push',
        'revoke drive-folder 1ApexInternalNotes dana@apexoutdoor.com reader->null',
        'revoke drive-folder 1BloomCampaignAssets anyone reader->null',
        'revoke drive-folder 1BloomCampaignAssets ken@cobaltfreight.com reader->null',
        'grant drive-folder 1BloomCampaignAssets nina@acme-agency.com null->writer',
        'update ga4-property 312345678 olivia@bloombotanicals.com viewer->analyst',
        'revoke google-group bloom-team@acme-agency.com intern2025@acme-agency.com member->null',
        'grant google-group bloom-team@acme-agency.com nina@acme-agency.com null->member',
        'grant slack-channel C0BLOOM01 leo@bloombotanicals.com null->member',
        'revoke slack-channel C0BLOOM01 zoe@zephyrlabs.io member->null',
        'grant tiktok-ad-account 7012345678901234567 nina@acme-agency.com null->operator',
        'revoke aws-account 210987654321 ken@cobaltfreight.com administrator->null',
        'update aws-account 210987654321 maria@acme-agency.com administrator->read-only',
        'grant aws-account 210987654321 tom@acme-agency.com null->power-user',
        'grant jira-project APEX sam@apexoutdoor.com null->member',
      ].sort(),
    );
    expect(writes()).toBe(0);

    const apply = await latch(['apply', '--yes']);
    expect(apply.code, apply.stderr).toBe(0);
    expect(apply.stdout).toContain('Applied 20');

    const state = github.snapshot();
    expect(state.repos['acme-agency/apex-web']?.collaborators?.['dana-apex']).toBe('push');
    expect(state.repos['acme-agency/apex-web']?.collaborators?.['zoe-zephyr']).toBeUndefined();
    expect(state.repos['acme-agency/apex-web']?.collaborators?.['acme-bot']).toBe('admin');
    const bloomAssets = platforms.google.snapshot().drive?.['1BloomCampaignAssets']?.map((p) => `${p.email}:${p.role}`).sort();
    expect(bloomAssets).toEqual(
      ['acme-owner@acme-agency.com:owner', 'leo@bloombotanicals.com:commenter', 'maria@acme-agency.com:writer', 'nina@acme-agency.com:writer', 'olivia@bloombotanicals.com:writer', 'priya@acme-agency.com:organizer'],
    );
    expect(platforms.slack.snapshot().channels.C0BLOOM01?.members).toContain('U08LEO');
    expect(platforms.slack.snapshot().channels.C0BLOOM01?.members).not.toContain('U09ZOE');
    const samInvites = state.repos['acme-agency/apex-api']?.invitations?.filter((i) => i.invitee === 'sam-apex') ?? [];
    expect(samInvites.map((i) => i.permissions)).toEqual(['push']);

    bloomActsOnRequest(platforms.googleAds);
    bloomActsOnTiktok(platforms.tiktok);
    bloomAssignsInAws(platforms.aws);
    bloomAddsToJira(platforms.jira);
    const again = await latch(['plan']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('No changes');
  });

  it('reports access granted by hand as drift with exit 2', async () => {
    expect((await latch(['apply', '--yes'])).code).toBe(0);
    github.addCollaboratorByHand('acme-agency/apex-web', 'jake-freelance', 'admin');
    const drift = await latch(['drift']);
    expect(drift.code).toBe(2);
    expect(drift.stdout).toContain('jake-freelance');
    expect(drift.stdout).toContain('zoe-zephyr');
  });

  it('fails closed when a list fails half-way: no change for that resource, exit 1', async () => {
    github.switches.faults.push({ method: 'GET', path: '/repos/acme-agency/apex-web/invitations', status: 500, times: 20 });
    const plan = await latch(['plan', '--format', 'json']);
    expect(plan.code).toBe(1);
    const parsed = JSON.parse(plan.stdout) as { changes: JsonChange[]; unread: { resource: string }[] };
    expect(parsed.unread.map((u) => u.resource)).toContain('acme-agency/apex-web');
    expect(parsed.changes.some((c) => c.resource === 'acme-agency/apex-web')).toBe(false);
    expect(parsed.changes.some((c) => c.resource === 'acme-agency/bloom-site')).toBe(true);
  });

  it('keeps going when one change fails, reports it, and the next run finishes without duplicates', async () => {
    github.switches.faults.push({ method: 'DELETE', path: '/repos/acme-agency/bloom-site/collaborators/ken-cobalt', status: 500, times: 20 });
    const first = await latch(['apply', '--yes']);
    expect(first.code).toBe(1);
    expect(first.stdout).toMatch(/failed\s+revoke push github-repo acme-agency\/bloom-site ken-cobalt/);
    expect(first.stdout).toContain('Applied 19');
    github.switches.faults.length = 0;
    const second = await latch(['apply', '--yes']);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('Applied 1');
    const invites = github.snapshot().repos['acme-agency/bloom-site']?.invitations ?? [];
    expect(invites.filter((i) => i.invitee === 'leo-bloom')).toHaveLength(1);
  });

  it('finishes an apply killed half-way from the reviewed plan, duplicating nothing', async () => {
    const planFile = join(repo.dir, 'plan.json');
    expect((await latch(['plan', '--out', planFile])).code).toBe(2);
    github.switches.latencyMs = 150;
    await runLatch(['apply', '--plan', planFile, '--concurrency', '1'], {
      cwd: repo.dir,
      env: env(),
      onSpawn: (kill) => {
        const timer = setInterval(() => {
          if (writes() >= 2) {
            clearInterval(timer);
            kill();
          }
        }, 5);
      },
    });
    const done = writes();
    expect(done).toBeGreaterThanOrEqual(2);
    expect(done).toBeLessThan(16);
    github.switches.latencyMs = 0;
    const resumed = await latch(['apply', '--plan', planFile]);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stdout).toContain('Already in place');
    bloomActsOnRequest(platforms.googleAds);
    bloomActsOnTiktok(platforms.tiktok);
    bloomAssignsInAws(platforms.aws);
    bloomAddsToJira(platforms.jira);
    expect((await latch(['plan'])).code).toBe(0);
    const invites = github.snapshot().repos['acme-agency/bloom-site']?.invitations ?? [];
    expect(invites.filter((i) => i.invitee === 'leo-bloom')).toHaveLength(1);
  });

  it('refuses a mass revocation beyond the bound unless allowed', async () => {
    const guardrails = join(repo.dir, 'policies/guardrails.yaml');
    await writeFile(guardrails, (await readFile(guardrails, 'utf8')).replace('maxCount: 25', 'maxCount: 1'));
    const refused = await latch(['apply', '--yes']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('--allow-mass-revoke');
    expect(writes()).toBe(0);
    const allowed = await latch(['apply', '--yes', '--allow-mass-revoke']);
    expect(allowed.code).toBe(0);
  });

  it('applies nothing at all when one client file is invalid', async () => {
    const apex = join(repo.dir, 'clients/apex.yaml');
    await writeFile(apex, (await readFile(apex, 'utf8')).replace('role: agency-engineer', 'role: agency-enginer'));
    const apply = await latch(['apply', '--yes']);
    expect(apply.code).toBe(1);
    expect(apply.stderr).toMatch(/clients\/apex\.yaml:\d+:\d+/);
    expect(apply.stderr).not.toContain('    at ');
    expect(Object.values(platforms.calls()).reduce((a, b) => a + b, 0)).toBe(0);
  });

  it('never prints the token, even in verbose JSON logs and failures', async () => {
    github.switches.faults.push({ method: 'PUT', path: '/collaborators/', status: 500, times: 50 });
    const run = await latch(['apply', '--yes', '--verbose', '--log-format', 'json']);
    expect(run.code).toBe(1);
    expect(`${run.stdout}${run.stderr}`).not.toContain(TOKEN);
    const unauthorised = await latch(['plan'], { GITHUB_TOKEN: 'ghs_wrongTokenValue987654321' });
    expect(unauthorised.code).toBe(1);
    expect(`${unauthorised.stdout}${unauthorised.stderr}`).not.toContain('ghs_wrongTokenValue987654321');
  });

  it('says which variable is missing when there is no token', async () => {
    const run = await runLatch(['plan'], { cwd: repo.dir, env: { ...platforms.env, GITHUB_TOKEN: undefined } });
    expect(run.code).toBe(1);
    expect(`${run.stdout}${run.stderr}`).toContain('GITHUB_TOKEN');
  });

  it('runs the demo end to end', async () => {
    const demo = await runLatch(['demo'], { cwd: repo.dir });
    expect(demo.code, demo.stdout + demo.stderr).toBe(0);
    expect(demo.stdout).toContain('jake-freelance');
    expect(demo.stdout).not.toContain('ghs_demoTokenNeverPrinted');
  });
});
