import { describe, expect, it } from 'vitest';
import { startAwsEmulator, type AwsEmulator, type AwsEmulatorOptions } from '../../../src/emulators/aws/index.js';
import { createAwsAdapter, type AwsTuning } from '../../../src/platforms/aws/index.js';
import { emulatorPerTest, failure } from '../emulator-per-test.js';
import { ACCESS_KEY, PROD, PS, account, awsFault, context, grant, recordingSleep, revoke, seed, update } from './helpers.js';

const emulators = emulatorPerTest<AwsEmulator>();
let emulator: AwsEmulator;

async function start(options: Partial<AwsEmulatorOptions> = {}): Promise<AwsEmulator> {
  emulator = emulators.started(await startAwsEmulator({ seed: seed(), accessKeyId: ACCESS_KEY, ...options }));
  return emulator;
}

function adapter(tuning: AwsTuning = {}) {
  return createAwsAdapter(context({ LATCH_AWS_ENDPOINT_URL: emulator.url }), { sleep: async () => undefined, ...tuning });
}

function assignmentsOf(userId: string) {
  return emulator
    .snapshot()
    .assignments.filter((assignment) => assignment.account === PROD && assignment.principalId === userId)
    .map((assignment) => assignment.permissionSetArn)
    .sort();
}

function operations(): string[] {
  return emulator.requests.map((request) => request.path.replace(/^\/\w+\./, ''));
}

describe('aws apply', () => {
  it('grants by creating an account assignment and polling it to completion', async () => {
    await start({ pollsToComplete: 3 });
    const { waits, sleep } = recordingSleep();
    expect(await adapter({ sleep, pollIntervalMs: 250 }).apply(grant('lee@acme-agency.com', 'power-user'))).toEqual({ status: 'applied' });
    expect(assignmentsOf('u-lee')).toEqual([PS.powerUser]);
    expect(operations()).toEqual([
      'GetUserId',
      'ListAccountAssignmentsForPrincipal',
      'CreateAccountAssignment',
      'DescribeAccountAssignmentCreationStatus',
      'DescribeAccountAssignmentCreationStatus',
      'DescribeAccountAssignmentCreationStatus',
    ]);
    expect(waits).toEqual([250, 250, 250]);
  });

  it('finds the user by e-mail whatever its case, and leaves them the one level granted', async () => {
    await start();
    await adapter().apply(grant('MARIA@acme-agency.com', 'read-only'));
    expect(assignmentsOf('u-maria')).toEqual([PS.readOnly]);
  });

  it('updates by assigning the new permission set before removing the old one', async () => {
    await start();
    const outcome = await adapter().apply(update('maria@acme-agency.com', 'administrator', 'read-only'));
    expect(outcome.status).toBe('applied');
    expect(assignmentsOf('u-maria')).toEqual([PS.readOnly]);
    const writes = operations().filter((operation) => /^(Create|Delete)AccountAssignment$/.test(operation));
    expect(writes).toEqual(['CreateAccountAssignment', 'DeleteAccountAssignment']);
  });

  it('revokes every direct assignment of the user on the account, leaving the group alone', async () => {
    await start();
    expect(await adapter().apply(revoke('maria@acme-agency.com', 'administrator'))).toEqual({ status: 'applied' });
    expect(assignmentsOf('u-maria')).toEqual([]);
    expect(emulator.snapshot().assignments.some((assignment) => assignment.principalId === 'g-ops')).toBe(true);
  });

  it('revokes a user without an e-mail by the handle the reading gave', async () => {
    const withNoMail = seed();
    withNoMail.assignments.push({ account: PROD, permissionSetArn: PS.powerUser, principalType: 'USER', principalId: 'u-nomail' });
    await start({ seed: withNoMail });
    const aws = adapter();
    const [found] = (await aws.list(account())).filter((candidate) => candidate.principal === 'aws-user:breakglass');
    await aws.apply(revoke('aws-user:breakglass', 'power-user', found?.handle));
    expect(assignmentsOf('u-nomail')).toEqual([]);
  });

  it.each([
    ['grant', grant('dana@apexoutdoor.com', 'read-only')],
    ['update', update('maria@acme-agency.com', 'read-only', 'administrator')],
    ['revoke', revoke('lee@acme-agency.com', 'read-only')],
  ])('a %s the account already reflects is unchanged and writes nothing', async (_action, change) => {
    await start();
    expect(await adapter().apply(change)).toEqual({ status: 'unchanged' });
    expect(operations().filter((operation) => /^(Create|Delete)/.test(operation))).toEqual([]);
  });

  it('a re-run after a crash only does what is left', async () => {
    await start();
    const aws = adapter();
    await aws.apply(grant('lee@acme-agency.com', 'administrator'));
    expect(await aws.apply(grant('lee@acme-agency.com', 'administrator'))).toEqual({ status: 'unchanged' });
  });

  it('cannot grant to a person without an Identity Center user, and says so', async () => {
    await start();
    const error = await failure(adapter().apply(grant('nobody@acme-agency.com', 'read-only')));
    expect(error.message).toContain('no Identity Center user with the e-mail nobody@acme-agency.com');
    expect(error.message).toContain('create the user first');
    expect(operations().filter((operation) => operation.startsWith('Create'))).toEqual([]);
  });

  it('reports a failed assignment with the reason AWS gives', async () => {
    await start({ failures: [{ principalId: 'u-lee', reason: 'Received a 404 status error: Not supported policy arn:aws:iam::aws:policy/Nope' }] });
    const error = await failure(adapter().apply(grant('lee@acme-agency.com', 'read-only')));
    expect(error.message).toContain('failed: Received a 404 status error');
    expect(error.retryable).toBe(false);
    expect(assignmentsOf('u-lee')).toEqual([]);
  });

  it('gives up retryably on an assignment that stays in progress', async () => {
    await start({ pollsToComplete: 50 });
    const error = await failure(adapter({ maxPolls: 3 }).apply(grant('lee@acme-agency.com', 'read-only')));
    expect(error.retryable).toBe(true);
    expect(error.message).toContain('still in progress after 3 status checks');
  });

  it('finishes on a re-run when an earlier run left an assignment in progress: AWS completes it unpolled', async () => {
    await start({ pollsToComplete: 3 });
    expect((await failure(adapter({ maxPolls: 1 }).apply(grant('lee@acme-agency.com', 'read-only')))).retryable).toBe(true);
    expect(await adapter().apply(grant('lee@acme-agency.com', 'read-only'))).toEqual({ status: 'unchanged' });
    expect(assignmentsOf('u-lee')).toEqual([PS.readOnly]);
  });

  it('retries a ConflictException, as the reference recommends', async () => {
    await start({ switches: { faults: [{ path: '/SWBExternalService.CreateAccountAssignment', ...awsFault('ConflictException', 409, 'previous write not propagated') }] } });
    expect(await adapter().apply(grant('lee@acme-agency.com', 'read-only'))).toEqual({ status: 'applied' });
    expect(operations().filter((operation) => operation === 'CreateAccountAssignment')).toHaveLength(2);
  });

  it('reports permission denied on a write', async () => {
    await start({ switches: { faults: [{ path: '/SWBExternalService.CreateAccountAssignment', ...awsFault('AccessDeniedException', 403, 'not authorized to perform iam:CreateRole') }] } });
    const error = await failure(adapter().apply(grant('lee@acme-agency.com', 'read-only')));
    expect(error.status).toBe(403);
    expect(error.message).toContain('iam:CreateRole');
  });
});
