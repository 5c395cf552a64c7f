import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT } from './harness.js';

interface Step {
  uses?: string;
  with?: Record<string, string>;
}

interface Job {
  permissions?: Record<string, string>;
  steps: Step[];
}

interface Workflow {
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  concurrency?: { group: string; 'cancel-in-progress': boolean };
  jobs: Record<string, Job>;
}

const DIR = join(ROOT, '.github/workflows');

async function workflows(): Promise<Array<[string, Workflow, string]>> {
  const files = (await readdir(DIR)).filter((file) => file.endsWith('.yml')).sort();
  return Promise.all(files.map(async (file) => {
    const text = await readFile(join(DIR, file), 'utf8');
    return [file, parse(text) as Workflow, text] as [string, Workflow, string];
  }));
}

describe('the workflows', () => {
  it('are the four the loop needs', async () => {
    expect((await workflows()).map(([file]) => file)).toEqual(['apply.yml', 'ci.yml', 'drift.yml', 'plan.yml']);
  });

  it('never run on pull_request_target', async () => {
    for (const [file, workflow, text] of await workflows()) {
      expect(Object.keys(workflow.on), file).not.toContain('pull_request_target');
      expect(text, file).not.toMatch(/^\s*pull_request_target\s*:/m);
    }
  });

  it('pin every action to a full commit sha', async () => {
    for (const [file, workflow] of await workflows()) {
      for (const job of Object.values(workflow.jobs)) {
        for (const step of job.steps) {
          if (!step.uses || step.uses.startsWith('./')) continue;
          expect(step.uses, file).toMatch(/^[\w.-]+\/[\w.-]+(?:\/[\w.-]+)*@[0-9a-f]{40}$/);
        }
      }
    }
  });

  it('plan pull requests that touch access files, with the Action as on the base branch', async () => {
    const plan = (await workflows()).find(([file]) => file === 'plan.yml')?.[1];
    expect(plan?.on).toEqual({ pull_request: { paths: ['clients/**', 'policies/**'] } });
    const steps = plan?.jobs.plan?.steps ?? [];
    expect(steps.find((step) => step.with?.path === '.latch')?.with?.ref).toBe('${{ github.event.pull_request.base.sha }}');
    expect(steps.some((step) => step.uses === './.latch')).toBe(true);
  });

  it('apply and drift take turns in one concurrency group, never cancelling a queued run', async () => {
    const all = new Map((await workflows()).map(([file, workflow]) => [file, workflow]));
    expect(all.get('apply.yml')?.concurrency).toEqual({ group: 'latch-platforms', 'cancel-in-progress': false });
    expect(all.get('drift.yml')?.concurrency).toEqual(all.get('apply.yml')?.concurrency);
    expect(Object.keys(all.get('drift.yml')?.on ?? {})).toEqual(['schedule', 'workflow_dispatch']);
    expect(all.get('apply.yml')?.on).toEqual({ push: { branches: ['main'], paths: ['clients/**', 'policies/**'] } });
  });
});

describe('action.yml', () => {
  it('runs the bundle on node24 and declares every input and output the code uses', async () => {
    const action = parse(await readFile(join(ROOT, 'action.yml'), 'utf8')) as { runs: { using: string; main: string }; inputs: Record<string, unknown>; outputs: Record<string, unknown> };
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' });
    const inputs = Object.keys(action.inputs);
    for (const name of inputs) expect(name).toMatch(/^[a-z]+(-[a-z]+)*$/);
    const source = await readFile(join(ROOT, 'src/action/inputs.ts'), 'utf8');
    const read = [...source.matchAll(/(?:input|oneOf|flag)\((?:runner, )?'([a-z-]+)'/g)].map((match) => match[1]);
    expect(new Set(read)).toEqual(new Set(inputs));
    const files = await readdir(join(ROOT, 'src/action'));
    const code = (await Promise.all(files.map((file) => readFile(join(ROOT, 'src/action', file), 'utf8')))).join('\n');
    const set = new Set([...code.matchAll(/setOutput\('([a-z-]+)'/g)].map((match) => match[1]));
    expect(set).toEqual(new Set(Object.keys(action.outputs)));
  });
});
