import { join } from 'node:path';
import { expect, it } from 'vitest';
import { bloomActsOnRequest } from '../../src/demo/ads-seeds.js';
import { runLatch, type CliRun } from '../e2e/cli-harness.js';
import { useDemoWorld } from '../e2e/demo-world.js';

const world = useDemoWorld();

function env(): NodeJS.ProcessEnv {
  return { ...world.platforms.env, LATCH_RETRY_BASE_MS: '10' };
}

/** Writes that reached a platform and were carried out: Slack speaks POST for reads too, so its writes are named. */
function writes(): Array<{ method: string; path: string }> {
  const ok = (request: { status: number }) => request.status < 300;
  const rest = [world.platforms.github, world.platforms.google].flatMap((emulator) => emulator.requests).filter((request) => request.method !== 'GET' && request.path !== '/graphql' && ok(request));
  const slack = world.platforms.slack.requests.filter((request) => /conversations\.(invite|kick)$/.test(request.path) && ok(request));
  return [...rest, ...slack];
}

/** Runs `apply --plan` and kills it once `after` writes have landed in all runs so far. */
function killedApply(planFile: string, after: number): Promise<CliRun> {
  return runLatch(['apply', '--plan', planFile, '--concurrency', '1'], {
    cwd: world.repo.dir,
    env: env(),
    onSpawn: (kill) => {
      const timer = setInterval(() => {
        if (writes().length >= after) {
          clearInterval(timer);
          kill();
        }
      }, 5);
    },
  });
}

async function changesLeft(): Promise<number> {
  const plan = await runLatch(['plan', '--format', 'json'], { cwd: world.repo.dir, env: env() });
  return (JSON.parse(plan.stdout) as { changes: unknown[] }).changes.length;
}

it(
  'finishes a reviewed plan after several kills, writing nothing twice, and counts what the killed runs did as already in place',
  async () => {
    const planFile = join(world.repo.dir, 'plan.json');
    expect((await runLatch(['plan', '--out', planFile], { cwd: world.repo.dir, env: env() })).code).toBe(2);
    const reviewed = await changesLeft();
    world.platforms.github.switches.latencyMs = 120;
    world.platforms.google.switches.latencyMs = 120;
    for (const after of [2, 5, 8]) {
      const killed = await killedApply(planFile, after);
      expect(killed.code).toBeNull();
    }
    world.platforms.github.switches.latencyMs = 0;
    world.platforms.google.switches.latencyMs = 0;
    const left = await changesLeft();
    const landed = reviewed - left;
    expect(landed).toBeGreaterThanOrEqual(2);
    expect(left).toBeGreaterThan(0);

    const resumed = await runLatch(['apply', '--plan', planFile], { cwd: world.repo.dir, env: env() });
    expect(resumed.code, resumed.stdout + resumed.stderr).toBe(0);
    expect(resumed.stdout).toContain(`Applied ${left}, already in place ${landed}, failed 0, not applied 0.`);
    expect(resumed.stdout.match(/^ {2}\w+ /gm)?.length).toBe(landed);

    const again = await runLatch(['apply', '--plan', planFile], { cwd: world.repo.dir, env: env() });
    expect(again.stdout).toContain(`Applied 0, already in place ${reviewed}, failed 0, not applied 0.`);

    // GitHub names the change in the path: the same write twice would be the same path twice.
    const github = world.platforms.github.requests.filter((request) => request.method !== 'GET' && request.path !== '/graphql' && request.status < 300).map((request) => `${request.method} ${request.path}`);
    expect(new Set(github).size).toBe(github.length);
    const invites = world.platforms.github.snapshot().repos['acme-agency/bloom-site']?.invitations ?? [];
    expect(invites.filter((invitation) => invitation.invitee === 'leo-bloom')).toHaveLength(1);
    bloomActsOnRequest(world.platforms.googleAds);
    expect(await changesLeft()).toBe(0);
  },
  600_000,
);
