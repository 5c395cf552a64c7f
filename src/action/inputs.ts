import { isAbsolute, resolve } from 'node:path';
import type { StalePlanPolicy } from '../apply/decide.js';
import { UsageError } from '../errors.js';
import type { Runner } from './runner.js';

export type ActionCommand = 'plan' | 'apply' | 'drift' | 'validate';

/** The Action's inputs (action.yml), checked and with their defaults. */
export interface ActionInputs {
  /** What to do; `auto` in action.yml picks it from the event. */
  command: ActionCommand | 'auto';
  /** Token for the platforms (reads, and on apply and drift the changes); '' when the run has none (a fork). */
  token: string;
  /** Token for this repository's pull requests and issues (plan and result comments, drift issue); `token` when not given. */
  commentToken: string;
  /** Absolute path of the directory holding clients/ and policies/. */
  configDir: string;
  /** Git ref the plan is made against (offboarding, introduced versus existing drift); '' for the event's. */
  baseRef: string;
  /** What pull-request plans and the apply on merge read: what the change can affect, or every client. */
  planScope: 'changed' | 'all';
  /** Whether every apply may pass the mass-revocation bound. */
  allowMassRevoke: boolean;
  /** A label on the merged pull request that allows a mass revocation, as reviewers' explicit consent. */
  massRevokeLabel: string;
  /** Whether drift fails the job (exit 2). */
  failOnDrift: boolean;
  /** What an apply does when the plan changed since review. */
  onStalePlan: StalePlanPolicy;
  /** Login the sticky comments and the drift issue belong to; '' means any bot account. */
  botLogin: string;
  /** Absolute path of the JSON Lines audit file. */
  auditFile: string;
  /** Append-only branch of the access repository that keeps every audit record. */
  auditBranch: string;
  /** Absolute path where the full plan is written as JSON. */
  planFile: string;
  /** Label of the drift issue. */
  driftLabel: string;
  /** Whether the drift run revokes grants whose `until` has passed. */
  revokeExpired: boolean;
  /** Absolute path where the drift run writes the report page (HTML). */
  reportFile: string;
}

const COMMANDS = ['auto', 'plan', 'apply', 'drift', 'validate'] as const;
const STALE = ['apply-reviewed', 'stop'] as const;
const SCOPES = ['changed', 'all'] as const;

function oneOf<T extends string>(runner: Runner, name: string, allowed: readonly T[], fallback: T): T {
  const value = runner.input(name) || fallback;
  const found = allowed.find((candidate) => candidate === value);
  if (found === undefined) throw new UsageError(`input ${name} is "${value}"; use one of ${allowed.join(', ')}`);
  return found;
}

/** The YAML 1.2 core schema's booleans, as the runner's own boolean inputs accept them. */
function flag(runner: Runner, name: string, fallback: boolean): boolean {
  const value = runner.input(name);
  if (value === '') return fallback;
  if (['true', 'True', 'TRUE'].includes(value)) return true;
  if (['false', 'False', 'FALSE'].includes(value)) return false;
  throw new UsageError(`input ${name} is "${value}"; use true or false`);
}

/** A single branch name git and GitHub both accept, without the `refs/heads/` prefix. */
function branch(name: string, given: string, fallback: string): string {
  const value = given || fallback;
  const valid = /^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/.test(value) && !/(^|\/)[.-]|\.\.|\.lock(\/|$)|\.$/.test(value);
  if (!valid) throw new UsageError(`input ${name} is "${value}"; use a branch name such as ${fallback}`);
  return value;
}

function path(workspace: string, value: string): string {
  return isAbsolute(value) ? value : resolve(workspace, value);
}

export function readInputs(runner: Runner, workspace: string): ActionInputs {
  return {
    command: oneOf(runner, 'command', COMMANDS, 'auto'),
    token: runner.input('github-token'),
    commentToken: runner.input('comment-token') || runner.input('github-token'),
    configDir: path(workspace, runner.input('config-dir') || '.'),
    baseRef: runner.input('base-ref'),
    planScope: oneOf(runner, 'plan-scope', SCOPES, 'changed'),
    allowMassRevoke: flag(runner, 'allow-mass-revoke', false),
    massRevokeLabel: runner.input('mass-revoke-label') || 'latch:allow-mass-revoke',
    failOnDrift: flag(runner, 'fail-on-drift', true),
    onStalePlan: oneOf(runner, 'on-stale-plan', STALE, 'apply-reviewed'),
    botLogin: runner.input('bot-login'),
    auditFile: path(workspace, runner.input('audit-file') || 'latch-audit.jsonl'),
    auditBranch: branch('audit-branch', runner.input('audit-branch'), 'latch-audit'),
    planFile: path(workspace, runner.input('plan-file') || 'latch-plan.json'),
    driftLabel: runner.input('drift-label') || 'latch-drift',
    revokeExpired: flag(runner, 'revoke-expired', true),
    reportFile: path(workspace, runner.input('report-file') || 'latch-report.html'),
  };
}
