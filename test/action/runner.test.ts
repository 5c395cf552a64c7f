import { describe, expect, it } from 'vitest';
import { readInputs } from '../../src/action/inputs.js';
import { commandForEvent } from '../../src/action/main.js';
import type { Runner } from '../../src/action/runner.js';
import { isOurs } from '../../src/action/sticky.js';

/** A runner with the given inputs, the way @actions/core reads them (trimmed, '' when absent). */
function runnerWith(inputs: Record<string, string>): Runner {
  return {
    env: {},
    input: (name) => (inputs[name] ?? '').trim(),
    setOutput: () => Promise.resolve(),
    summary: () => Promise.resolve(),
    annotate: () => undefined,
    info: () => undefined,
  };
}

describe('the runner contract', () => {
  it('reads kebab-case inputs with their defaults', () => {
    const inputs = readInputs(runnerWith({ 'github-token': ' t0ken ', 'config-dir': 'access', 'fail-on-drift': 'False' }), '/work');
    expect(inputs).toMatchObject({
      command: 'auto',
      token: 't0ken',
      configDir: '/work/access',
      failOnDrift: false,
      allowMassRevoke: false,
      onStalePlan: 'apply-reviewed',
      auditFile: '/work/latch-audit.jsonl',
      planFile: '/work/latch-plan.json',
      driftLabel: 'latch-drift',
      revokeExpired: true,
    });
  });

  it.each([
    [{ command: 'deploy' }, /input command is "deploy"; use one of auto, plan, apply, drift, validate/],
    [{ 'allow-mass-revoke': 'yes' }, /input allow-mass-revoke is "yes"; use true or false/],
    [{ 'on-stale-plan': 'apply-all' }, /use one of apply-reviewed, stop/],
  ])('refuses %o', (inputs, message) => {
    expect(() => readInputs(runnerWith(inputs), '/work')).toThrow(message);
  });

  it.each([
    ['pull_request', 'plan'],
    ['push', 'apply'],
    ['schedule', 'drift'],
    ['workflow_dispatch', 'drift'],
  ])('runs %s as %s', (event, command) => {
    expect(commandForEvent(event)).toBe(command);
  });

  it('refuses pull_request_target and other events without a command', () => {
    expect(() => commandForEvent('pull_request_target')).toThrow(/set the command input/);
  });
});

describe('whose comment is whose', () => {
  it.each([
    [{ login: 'latch-app[bot]', type: 'Bot' }, '', true],
    [{ login: 'maria', type: 'User' }, '', false],
    [{ login: 'other-app[bot]', type: 'Bot' }, 'latch-app[bot]', false],
    [{ login: 'Latch-App[bot]', type: 'Bot' }, 'latch-app[bot]', true],
    [null, '', false],
  ])('%o with bot-login "%s" is ours: %s', (user, botLogin, ours) => {
    expect(isOurs(user, botLogin)).toBe(ours);
  });
});
