import { expect } from 'vitest';
import type { Fault } from '../../src/emulators/harness.js';
import { startDemoPlatforms, type SandboxPlatforms } from '../../src/sandbox/platforms.js';
import { copyExampleRepo, runLatch } from '../e2e/cli-harness.js';

/** Which emulator of the demo a fault goes to. */
export type Platform = 'github' | 'google' | 'slack' | 'meta' | 'googleAds' | 'linkedin';

/**
 * One fault a platform can throw at a plan, and what the plan must make of it: `recovered`
 * (retried until the complete list came back: the resource's plan is the fault-free one) or
 * `unread` (given up: nothing planned for it, and the run says so).
 */
export interface FaultScenario {
  name: string;
  platform: Platform;
  /** The resource the fault hits, as the plan names it. */
  resource: string;
  fault: Fault;
  expect: 'recovered' | 'unread';
  /** For `unread`: what the reason given must say. */
  because?: RegExp;
  /** Small pages, so that a fault can hit a later page of a list. */
  paged?: boolean;
}

interface JsonChange {
  action: string;
  kind: string;
  resource: string;
  principal: string;
  from: string | null;
  to: string | null;
}

interface JsonRequest {
  resource: string;
  principal: string;
  status: string;
  actual: string | null;
}

interface JsonPlan {
  changes: JsonChange[];
  unread: { resource: string; error: string }[];
  requests?: JsonRequest[];
}

export const PAGE_SIZE = 1;

/** Short waits everywhere, so that retries, timeouts and hung answers play out in a test's time. */
const FAST = { LATCH_RETRY_BASE_MS: '10', LATCH_HTTP_TIMEOUT_MS: '2000', LATCH_READ_DEADLINE_MS: '30000' };

const changeKey = (change: JsonChange) => `${change.action} ${change.kind} ${change.resource} ${change.principal} ${change.from}->${change.to}`;
const requestKey = (request: JsonRequest) => `${request.resource} ${request.principal} ${request.status} ${request.actual}`;

async function planAgainst(platforms: SandboxPlatforms): Promise<{ code: number | null; plan: JsonPlan; stderr: string }> {
  const repo = await copyExampleRepo();
  try {
    const run = await runLatch(['plan', '--format', 'json'], { cwd: repo.dir, env: { ...platforms.env, ...FAST } });
    let plan: JsonPlan;
    try {
      plan = JSON.parse(run.stdout) as JsonPlan;
    } catch {
      throw new Error(`plan printed no JSON (exit ${run.code}):\n${run.stdout}\n${run.stderr}`);
    }
    return { code: run.code, plan, stderr: run.stderr };
  } finally {
    await repo.remove();
  }
}

const baselines = new Map<boolean, Promise<JsonPlan>>();

/** The plan with no fault at all, once per page size. */
function baseline(paged: boolean): Promise<JsonPlan> {
  let found = baselines.get(paged);
  if (!found) {
    found = (async () => {
      const platforms = await startDemoPlatforms({ maxPageSize: paged ? PAGE_SIZE : undefined });
      try {
        const { plan } = await planAgainst(platforms);
        expect(plan.unread).toEqual([]);
        return plan;
      } finally {
        await platforms.close();
      }
    })();
    baselines.set(paged, found);
  }
  return found;
}

/**
 * Plans the demo agency with the scenario's fault injected and checks what must hold under
 * any fault: no crash and no stack trace, no change or verification the fault-free plan does
 * not have (so no wrong revocation), and every resource either planned exactly as without
 * the fault or reported unread.
 */
export async function survive(scenario: FaultScenario): Promise<void> {
  const expected = await baseline(scenario.paged ?? false);
  const platforms = await startDemoPlatforms({ maxPageSize: scenario.paged ? PAGE_SIZE : undefined });
  try {
    platforms[scenario.platform].switches.faults.push(structuredClone(scenario.fault));
    const { code, plan, stderr } = await planAgainst(platforms);
    expect(stderr).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n|Unhandled|TypeError|SyntaxError/);
    expect(code === 1 || code === 2, `exit ${code}`).toBe(true);

    const allowed = new Set(expected.changes.map(changeKey));
    const wrong = plan.changes.filter((change) => !allowed.has(changeKey(change)));
    expect(wrong, 'changes the fault-free plan does not have').toEqual([]);
    const claims = new Set((expected.requests ?? []).map(requestKey));
    expect((plan.requests ?? []).filter((request) => !claims.has(requestKey(request))), 'verifications the fault-free plan does not have').toEqual([]);

    const unread = new Map(plan.unread.map((entry) => [entry.resource, entry.error]));
    const touched = new Set([...expected.changes, ...plan.changes].map((change) => change.resource));
    for (const resource of touched) {
      if (unread.has(resource)) {
        expect(plan.changes.filter((change) => change.resource === resource), `changes planned on unread ${resource}`).toEqual([]);
        continue;
      }
      const mine = (changes: JsonChange[]) => changes.filter((change) => change.resource === resource).map(changeKey).sort();
      expect(mine(plan.changes), `plan of ${resource}`).toEqual(mine(expected.changes));
    }

    if (scenario.expect === 'recovered') {
      expect(unread.get(scenario.resource), `${scenario.resource} should have been read after retrying`).toBeUndefined();
      expect(code).toBe(2);
    } else {
      expect(unread.has(scenario.resource), `${scenario.resource} should be unread`).toBe(true);
      expect(code).toBe(1);
      if (scenario.because) expect(unread.get(scenario.resource)).toMatch(scenario.because);
    }
  } finally {
    await platforms.close();
  }
}
