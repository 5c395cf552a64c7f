import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { Io } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import { progressLine } from '../../src/cli/progress.js';
import { githubWorkspacePerTest } from '../e2e/github-workspace.js';
import { onlyLocalNetwork } from '../platforms/emulator-per-test.js';

const TOKEN = 'ghs_cliOutcomeToken00000000000000000000';
const CLEAR = '\r\u001b[2K';

onlyLocalNetwork();
const world = githubWorkspacePerTest(TOKEN);

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function capture(): { stream: Writable; text: () => string } {
  let text = '';
  return {
    stream: new Writable({
      write(chunk: Buffer | string, _encoding, done) {
        text += chunk.toString();
        done();
      },
    }),
    text: () => text,
  };
}

/** The CLI in this process, as at a terminal without a person (no progress) unless `progress` is given. */
async function latch(argv: string[], progress?: (stderr: Writable) => Pick<Io, 'stderr' | 'progress'>): Promise<Run> {
  const stdout = capture();
  const stderr = capture();
  const io: Io = {
    stdout: stdout.stream,
    stderr: stderr.stream,
    env: world.env({ LATCH_RETRY_BASE_MS: '1', LATCH_TODAY: '2026-11-23' }),
    cwd: world.repo.dir,
    interactive: false,
    confirm: () => Promise.resolve(false),
    ...progress?.(stderr.stream),
  };
  const code = await main(argv, io);
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

async function applyAll(): Promise<void> {
  const apply = await latch(['apply', '--yes']);
  expect(apply.code, apply.stderr).toBe(0);
}

describe('what a run says it found', () => {
  it('never says "No changes." when a read failed: plan, drift and status exit 1', async () => {
    await applyAll();
    world.github.switches.faults.push({ method: 'GET', path: '/repos/acme-agency/apex-web/', status: 500, times: 1000 });
    for (const command of ['plan', 'drift']) {
      const run = await latch([command]);
      expect(run.code).toBe(1);
      expect(run.stdout).not.toContain('No changes');
      expect(run.stdout).toContain('Nothing planned for what was not read: the plan is incomplete (1 resource not read).');
    }
    const status = await latch(['status']);
    expect(status.code).toBe(1);
    expect(status.stdout).toMatch(/^apex +needs attention +1 resource could not be read \(acme-agency\/apex-web\)/m);
  });

  it('never says "No changes." when drift found something no change repairs', async () => {
    await applyAll();
    const drift = await latch(['drift']);
    expect(drift.code).toBe(2);
    expect(drift.stdout).toContain('outside collaborator zoe-zephyr is not declared by any client');
    expect(drift.stdout).not.toContain('No changes');
    expect(drift.stdout).toContain('Nothing to apply, but not in sync: 1 finding (listed above).');
  });
});

describe('progress of the reads', () => {
  it('draws "reading: github n/total" with the time left on a terminal, clears it at the end, and keeps stdout clean', async () => {
    let clock = 0;
    const run = await latch(['plan'], (stderr) => {
      const line = progressLine(stderr, () => (clock += 1000));
      return { stderr: line.stream, progress: line.update };
    });
    const terminal = run.stderr;
    expect(run.code).toBe(2);
    expect(terminal).toContain(`${CLEAR}reading: github 0/6`);
    expect(terminal).toMatch(/reading: github 3\/6 … about \d+ s left/);
    expect(terminal.endsWith(CLEAR)).toBe(true);
    expect(run.stdout).not.toContain('reading:');
    expect(run.stdout).not.toContain('\u001b[2K');
  });

  it('draws nothing when stderr is not a terminal a person watches', async () => {
    const run = await latch(['plan']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('');
  });
});
