import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startAwsEmulator, type AwsEmulator, type AwsSeed } from '../../../src/emulators/aws/index.js';
import { runLatch } from '../../e2e/cli-harness.js';
import { ACCESS_KEY, INSTANCE, PROD, PS, SECRET, STAGING, STORE } from './helpers.js';

/*
 * The real CLI (build/, run `npm run build` first) against the AWS emulator, on a repository
 * of three clients: Apex manages its production account, Bloom owns one it only lets Latch
 * verify, Cobalt is another client whose admin still holds access on Apex's account.
 */
const BLOOM_ACCOUNT = '222233334444';

function files(neverTouch: string[] = [], extraApexPeople: string[] = []): Record<string, string> {
  return {
    // A handful of grants: one revocation is already a large share, which is what this repository is about.
    'policies/guardrails.yaml': `agencyDomains: [acme-agency.com]\nmassRevoke: { maxCount: 25, maxShare: 1 }\nneverTouch: [${neverTouch.join(', ')}]\n`,
    'policies/roles.yaml': [
      'roles:',
      '  agency-lead: { description: Runs the account, side: agency, levels: { aws-account: read-only } }',
      '  agency-engineer: { description: Builds, side: agency, levels: { aws-account: power-user } }',
      '  client-admin: { description: Client ops, side: client, levels: { aws-account: read-only } }',
      '',
    ].join('\n'),
    'policies/platforms.yaml': [
      'aws:',
      '  region: eu-west-1',
      `  instanceArn: ${INSTANCE}`,
      `  identityStoreId: ${STORE}`,
      `  permissionSets: { read-only: ${PS.readOnly}, power-user: ${PS.powerUser}, administrator: ${PS.admin} }`,
      '',
    ].join('\n'),
    'clients/apex.yaml': [
      'client: apex',
      'name: Apex',
      'domains: [apexoutdoor.com]',
      'resources:',
      `  prod: { kind: aws-account, ref: "${PROD}" }`,
      'people:',
      '  maria: { email: maria@acme-agency.com, role: agency-lead }',
      '  lee: { email: lee@acme-agency.com, role: agency-engineer }',
      ...extraApexPeople,
      '',
    ].join('\n'),
    'clients/bloom.yaml': [
      'client: bloom',
      'name: Bloom',
      'domains: [bloombotanicals.com]',
      'resources:',
      `  data: { kind: aws-account, ref: "${BLOOM_ACCOUNT}", mode: verify }`,
      'people:',
      '  ivo: { email: ivo@acme-agency.com, role: agency-engineer }',
      '',
    ].join('\n'),
    'clients/cobalt.yaml': ['client: cobalt', 'name: Cobalt', 'domains: [cobaltfreight.com]', 'people:', '  ken: { email: ken@cobaltfreight.com, role: client-admin }', ''].join('\n'),
  };
}

function seed(): AwsSeed {
  return {
    instanceArn: INSTANCE,
    identityStoreId: STORE,
    permissionSets: [
      { arn: PS.readOnly, name: 'ReadOnly' },
      { arn: PS.powerUser, name: 'PowerUser' },
      { arn: PS.admin, name: 'AdministratorAccess' },
    ],
    accounts: [PROD, STAGING, BLOOM_ACCOUNT],
    users: [
      { id: 'u-maria', userName: 'maria', email: 'maria@acme-agency.com' },
      { id: 'u-lee', userName: 'lee', email: 'lee@acme-agency.com' },
      { id: 'u-ivo', userName: 'ivo', email: 'ivo@acme-agency.com' },
      { id: 'u-ken', userName: 'ken', email: 'ken@cobaltfreight.com' },
      { id: 'u-kim', userName: 'kim', email: 'kim@cobaltfreight.com' },
    ],
    groups: [{ id: 'g-legacy', displayName: 'legacy-admins', members: ['u-kim'] }],
    assignments: [
      { account: PROD, permissionSetArn: PS.admin, principalType: 'USER', principalId: 'u-ken' },
      { account: PROD, permissionSetArn: PS.admin, principalType: 'USER', principalId: 'u-maria' },
      { account: BLOOM_ACCOUNT, permissionSetArn: PS.readOnly, principalType: 'USER', principalId: 'u-ken' },
    ],
  };
}

interface JsonPlan {
  changes: { action: string; resource: string; principal: string; from: string | null; to: string | null; reason: string }[];
  findings: { platform: string; subject: string; message: string }[];
  held: { principal: string; rule: string }[];
  requests?: { principal: string; status: string; steps: string[] }[];
}

let emulator: AwsEmulator;
let dir: string;

async function writeRepo(contents: Record<string, string>): Promise<void> {
  for (const [path, text] of Object.entries(contents)) {
    await mkdir(join(dir, path, '..'), { recursive: true });
    await writeFile(join(dir, path), text);
  }
}

function latch(args: string[]) {
  return runLatch(args, {
    cwd: dir,
    env: { LATCH_AWS_ENDPOINT_URL: emulator.url, AWS_ACCESS_KEY_ID: ACCESS_KEY, AWS_SECRET_ACCESS_KEY: SECRET, LATCH_RETRY_BASE_MS: '0', LATCH_AWS_POLL_INTERVAL_MS: '0', LATCH_TODAY: '2026-12-01' },
  });
}

async function plan(command: 'plan' | 'drift' = 'plan'): Promise<{ code: number | null; plan: JsonPlan; output: string }> {
  const run = await latch([command, '--format', 'json']);
  return { code: run.code, plan: JSON.parse(run.stdout) as JsonPlan, output: run.stdout + run.stderr };
}

beforeEach(async () => {
  emulator = await startAwsEmulator({ seed: seed(), accessKeyId: ACCESS_KEY, pollsToComplete: 2 });
  dir = await mkdtemp(join(tmpdir(), 'latch-aws-'));
});

afterEach(async () => {
  await emulator.close();
  await rm(dir, { recursive: true, force: true });
});

describe('latch against IAM Identity Center', { timeout: 60_000 }, () => {
  it('plans, applies, then finds nothing left to do; another client\'s admin is revoked as such', async () => {
    await writeRepo(files());
    const first = await plan();
    expect(first.code).toBe(2);
    expect(first.plan.changes.map((change) => `${change.action} ${change.principal} ${change.from ?? ''}->${change.to ?? ''}`).sort()).toEqual([
      'grant lee@acme-agency.com ->power-user',
      'revoke ken@cobaltfreight.com administrator->',
      'update maria@acme-agency.com administrator->read-only',
    ]);
    expect(first.plan.changes.find((change) => change.principal === 'ken@cobaltfreight.com')?.reason).toContain("another client's person");
    expect(first.output).not.toContain(SECRET);

    const applied = await latch(['apply', '--yes']);
    expect(applied.code).toBe(0);
    expect(applied.stdout + applied.stderr).not.toContain(SECRET);

    const again = await plan();
    expect(again.plan.changes).toEqual([]);
    expect(again.code).toBe(2); // Bloom's account still waits for Bloom: an open access request
  });

  it("asks Bloom in its own console's words, and flags another client's person there as unexpected", async () => {
    await writeRepo(files());
    const request = await latch(['request', 'bloom']);
    expect(request.code).toBe(2);
    expect(request.stdout).toContain('Give ivo@acme-agency.com power-user');
    expect(request.stdout).toContain('Multi-account permissions → AWS accounts and select account 222233334444');
    expect(request.stdout).toContain('Remove ken@cobaltfreight.com (read-only) from AWS account 222233334444');

    emulator.assignByHand({ account: BLOOM_ACCOUNT, permissionSetArn: PS.powerUser, principalType: 'USER', principalId: 'u-ivo' });
    const { plan: verified } = await plan();
    expect(verified.requests?.find((item) => item.principal === 'ivo@acme-agency.com')?.status).toBe('verified');
  });

  it("finds another client's person whatever the files say: declared here, in neverTouch, or through a group", async () => {
    // Apex's file declares Cobalt's ken, and neverTouch holds him; kim has AdministratorAccess through a group.
    await writeRepo(files(['ken@cobaltfreight.com'], ['  ken: { email: ken@cobaltfreight.com, role: client-admin }']));
    emulator.assignByHand({ account: PROD, permissionSetArn: PS.admin, principalType: 'GROUP', principalId: 'g-legacy' });
    const drift = await plan('drift');
    expect(drift.code).toBe(2);
    expect(drift.plan.held.map((held) => `${held.rule} ${held.principal}`)).toEqual(['never-touch ken@cobaltfreight.com']);
    const findings = drift.plan.findings.filter((finding) => finding.platform === 'aws').map((finding) => finding.message);
    expect(findings).toEqual([
      expect.stringMatching(/^ken@cobaltfreight\.com has administrator on AWS account 111122223333 of apex .*an address of cobalt, another client's person/),
      expect.stringMatching(/^kim@cobaltfreight\.com has administrator through Identity Center group legacy-admins on AWS account 111122223333/),
      expect.stringMatching(/^ken@cobaltfreight\.com has read-only on AWS account 222233334444 of bloom/),
    ]);
  });
});
