import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runLatch } from './cli-harness.js';
import { useDemoWorld } from './demo-world.js';

const world = useDemoWorld();

const latch = (args: string[]) => runLatch(args, { cwd: world.repo.dir, env: { ...world.platforms.env, LATCH_RETRY_BASE_MS: '10' } });

async function edit(path: string, from: string, to: string): Promise<void> {
  const file = join(world.repo.dir, path);
  const text = await readFile(file, 'utf8');
  if (!text.includes(from)) throw new Error(`${path} has no "${from}"`);
  await writeFile(file, text.replace(from, to));
}

interface JsonPlan {
  changes: { action: string; client: string; principal: string; reason: string }[];
  leavers?: { person: string; revocations: number; clients: string[] }[];
}

describe('a leaver, end to end against the emulated platforms', () => {
  it("plans the revocation of all of a leaver's access, as its own section, and applies it past the mass-revocation bound", async () => {
    expect((await latch(['apply', '--yes', '--allow-mass-revoke'])).code).toBe(0);
    await edit('policies/people.yaml', 'maria: { email: maria@acme-agency.com, github: maria-acme }', 'maria: { email: maria@acme-agency.com, github: maria-acme, until: 2026-11-20 }');
    await edit('policies/guardrails.yaml', 'maxCount: 25', 'maxCount: 1');

    const planned = await latch(['plan', '--out', 'plan.json']);
    expect(planned.code, planned.stderr).toBe(2);
    const plan = JSON.parse(await readFile(join(world.repo.dir, 'plan.json'), 'utf8')) as JsonPlan;
    const maria = plan.changes.filter((change) => change.principal === 'maria-acme' || change.principal === 'maria@acme-agency.com');
    expect(maria.length).toBeGreaterThan(1);
    for (const change of maria) {
      expect(change.action).toBe('revoke');
      expect(change.reason).toBe('maria left the agency after 2026-11-20 (policies/people.yaml:4)');
    }
    expect(plan.leavers).toEqual([expect.objectContaining({ person: 'maria', revocations: maria.length, clients: ['apex', 'bloom'] })]);
    expect(planned.stdout).toContain(`Leaving the agency: maria, ${maria.length} revocations on 2 clients`);
    expect(planned.stdout).toContain('policies/people.yaml:4:');

    const applied = await latch(['apply', '--yes']);
    expect(applied.code, applied.stderr).toBe(0);
    const after = JSON.parse((await latch(['plan', '--format', 'json'])).stdout) as JsonPlan;
    expect(after.changes.filter((change) => change.principal.startsWith('maria'))).toEqual([]);
    // Four runs of the real CLI against every emulated platform: more than the default per-test time on a busy machine.
  }, 240_000);
});
