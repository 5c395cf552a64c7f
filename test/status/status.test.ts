import { describe, expect, it } from 'vitest';
import { expandDesired } from '../../src/desire/expand.js';
import type { ActualGrant, ManagedResource, ResourceReading } from '../../src/model/grants.js';
import type { AccessRequest, Change, Plan } from '../../src/model/plan.js';
import { renderStatusJson, renderStatusMarkdown, renderStatusText } from '../../src/report/status.js';
import { classifyClients, statusExitCode, type StatusInput } from '../../src/status/classify.js';
import { unresolvedFailures } from '../../src/status/failures.js';
import { APEX, apexWith, GUARDRAILS, load, yaml } from '../fixtures/load/repo.js';

const TODAY = '2026-11-23';
const BLOOM = yaml('client: bloom', 'name: Bloom', 'domains: [bloom.com]', 'resources:', '  site: { kind: github-repo, ref: acme-agency/bloom-site }', 'people:', '  bo: { email: bo@bloom.com, github: bo-bloom, role: client-admin }');

function resource(client: string, ref: string): ManagedResource {
  return { client, key: ref.split('/')[1] ?? ref, kind: 'github-repo', ref, mode: 'manage', audience: 'any', at: { file: `clients/${client}.yaml`, line: 7, column: 3 } };
}

const EMPTY_PLAN: Plan = { fingerprint: 'sha256:0', changes: [], held: [], unread: [], findings: [], warnings: [] };
const invited = (principal: string, createdAt: string, expired = false): ActualGrant => ({ principal, level: 'push', pending: { id: '7', expired, createdAt } });
const revoke: Change = { action: 'revoke', client: 'apex', kind: 'github-repo', resource: 'acme-agency/apex-web', principal: 'zoe', from: 'push', to: null, reason: 'not declared' };
const update: Change = { action: 'update', client: 'apex', kind: 'github-repo', resource: 'acme-agency/apex-web', principal: 'dana-apex', from: 'admin', to: 'push', reason: 'role client-admin' };
const request: AccessRequest = {
  client: 'bloom', kind: 'meta-ad-account', resource: 'act_1', key: 'ads', principal: 'bo@bloom.com', wanted: 'analyze', actual: null, status: 'missing', ageDays: 4, ask: 'give bo analyze', reason: 'role', steps: [],
};

interface Case {
  name: string;
  apex?: string;
  guardrails?: string;
  plan?: Partial<Plan>;
  readings?: ResourceReading[];
  failures?: StatusInput['failures'];
  expected: Record<string, string>;
  exit: number;
}

const cases: Case[] = [
  { name: 'everything in order', expected: { apex: 'healthy', bloom: 'healthy' }, exit: 0 },
  {
    name: 'an invitation not accepted yet',
    readings: [{ resource: resource('bloom', 'acme-agency/bloom-site'), ok: true, grants: [invited('bo-bloom', '2026-11-20T09:00:00Z')] }],
    expected: { bloom: 'onboarding: 1 invitation not accepted yet (bo-bloom on acme-agency/bloom-site, 3 days old)' },
    exit: 0,
  },
  {
    name: 'an expired invitation is not onboarding (the plan sends it again)',
    readings: [{ resource: resource('bloom', 'acme-agency/bloom-site'), ok: true, grants: [invited('bo-bloom', '2026-10-01T09:00:00Z', true)] }],
    expected: { bloom: 'healthy' },
    exit: 0,
  },
  { name: 'an open access request', plan: { requests: [request] }, expected: { bloom: 'onboarding: 1 access request open with the client (1 missing, oldest 4 days)' }, exit: 0 },
  { name: 'changes to apply', plan: { changes: [revoke, update] }, expected: { apex: 'needs-attention: 2 changes to apply (1 update, 1 revoke)', bloom: 'healthy' }, exit: 2 },
  {
    name: 'an unread resource',
    plan: { unread: [{ client: 'apex', kind: 'github-repo', resource: 'acme-agency/apex-web', error: '404' }] },
    expected: { apex: 'needs-attention: 1 resource could not be read (acme-agency/apex-web)' },
    exit: 1,
  },
  {
    name: 'a failed apply',
    failures: [{ client: 'apex', kind: 'github-repo', resource: 'acme-agency/apex-web', principal: 'dana-apex', at: '2026-11-20T10:00:00Z' }],
    expected: { apex: 'needs-attention: 1 change failed to apply (last 2026-11-20)' },
    exit: 2,
  },
  {
    name: 'access ending within the warning window',
    apex: apexWith({ 11: '  dana: { email: dana@apexoutdoor.com, github: dana-apex, role: client-admin, until: 2026-12-01 }' }),
    expected: { apex: 'needs-attention: access ending within 14 days (dana 2026-12-01)' },
    exit: 2,
  },
  { name: 'an overdue review', guardrails: `${GUARDRAILS}review: { maxDays: 30 }\n`, apex: apexWith({}, ['reviewed: { on: 2026-11-01, by: maria }']), expected: { apex: 'healthy', bloom: 'needs-attention: review overdue (never reviewed (limit 30 days))' }, exit: 2 },
  { name: 'a finding no client owns', plan: { findings: [{ platform: 'github', subject: 'zoe', message: 'outside collaborator zoe is not declared' }] }, expected: { apex: 'healthy' }, exit: 2 },
];

function summarise(input: StatusInput): Record<string, string> {
  const report = classifyClients(input);
  return Object.fromEntries(report.clients.map((client) => [client.client, client.status === 'healthy' ? 'healthy' : `${client.status}: ${[...client.attention, ...client.waiting].join('; ')}`]));
}

describe('classifyClients', () => {
  it.each(cases)('$name', ({ apex, guardrails, plan, readings, failures, expected, exit }) => {
    const { repository } = load({ clients: { 'clients/apex.yaml': apex ?? APEX, 'clients/bloom.yaml': BLOOM }, guardrails });
    const input: StatusInput = { repository, desired: expandDesired(repository, TODAY), readings: readings ?? [], plan: { ...EMPTY_PLAN, ...plan }, today: TODAY, failures };
    expect(summarise(input)).toMatchObject(expected);
    expect(statusExitCode(classifyClients(input), input.plan)).toBe(exit);
  });

  it('renders worst first, one line per client, in text, markdown and json', () => {
    const { repository } = load({ clients: { 'clients/apex.yaml': APEX, 'clients/bloom.yaml': BLOOM } });
    const report = classifyClients({ repository, desired: expandDesired(repository, TODAY), readings: [], plan: { ...EMPTY_PLAN, changes: [update], findings: [{ platform: 'github', subject: 'zoe', message: 'zoe is not declared' }] }, today: TODAY });
    expect(renderStatusText(report)).toBe(
      [
        'Client status on 2026-11-23: 2 clients: 1 healthy, 0 onboarding, 1 needs attention.',
        '',
        'apex   needs attention  1 change to apply (1 update)',
        'bloom  healthy',
        '',
        'Organisation (1 finding, no client owns them):',
        '  github: zoe is not declared',
        '',
      ].join('\n'),
    );
    expect(renderStatusMarkdown(report)).toContain('| 🔴 | apex | needs attention | 1 change to apply (1 update) |');
    const json = JSON.parse(renderStatusJson(report)) as { clients: { client: string; status: string }[] };
    expect(json.clients.map((client) => `${client.client}:${client.status}`)).toEqual(['apex:needs-attention', 'bloom:healthy']);
  });
});

describe('unresolvedFailures', () => {
  const record = (at: string, status: string, principal = 'dana-apex') =>
    JSON.stringify({ at, status, detail: status === 'failed' ? 'github apply: 422' : null, change: { action: 'grant', client: 'apex', kind: 'github-repo', resource: 'acme-agency/apex-web', principal, from: null, to: 'push' } });
  it.each([
    { name: 'a failure stays until something succeeds', lines: [record('2026-11-20T10:00:00Z', 'failed')], failed: ['dana-apex'] },
    { name: 'a later success clears it', lines: [record('2026-11-20T10:00:00Z', 'failed'), record('2026-11-21T10:00:00Z', 'applied')], failed: [] },
    { name: 'a later failure after a success counts', lines: [record('2026-11-20T10:00:00Z', 'applied'), record('2026-11-21T10:00:00Z', 'failed')], failed: ['dana-apex'] },
    { name: 'skipped records change nothing', lines: [record('2026-11-20T10:00:00Z', 'failed'), record('2026-11-21T10:00:00Z', 'skipped')], failed: ['dana-apex'] },
    { name: 'lines that are not records are ignored', lines: ['not json', '{"at": 1}', record('2026-11-20T10:00:00Z', 'failed', 'sam-apex')], failed: ['sam-apex'] },
  ])('$name', ({ lines, failed }) => {
    expect(unresolvedFailures(lines.join('\n')).map((failure) => failure.principal)).toEqual(failed);
  });
});
