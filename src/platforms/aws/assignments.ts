import { PlatformError } from '../../errors.js';
import type { ActualGrant } from '../../model/grants.js';
import type { Change } from '../../model/plan.js';
import type { ApplyOutcome } from '../adapter.js';
import { PLATFORM, allPages, call, type AwsApi } from './client.js';
import { UNNAMED_PREFIX, type Directory } from './directory.js';
import { AssignmentsPage, CreationStatus, DeletionStatus, PermissionSet, ProvisionedPage, type Assignment, type OperationStatus } from './schema.js';

/** The 12-digit account id; anything else is refused before a call. */
export function accountId(ref: string, operation: string): string {
  const trimmed = ref.trim();
  if (/^\d{12}$/.test(trimmed)) return trimmed;
  throw new PlatformError(PLATFORM, operation, `aws-account reference "${ref}" is not a 12-digit AWS account id`);
}

async function assignmentsOn(api: AwsApi, account: string, permissionSetArn: string): Promise<Assignment[]> {
  const { instanceArn } = api.settings;
  return allPages(
    api,
    'list',
    `ListAccountAssignments ${account} ${permissionSetArn}`,
    (sdk, token) => sdk.sso.send(new sdk.ssoAdmin.ListAccountAssignmentsCommand({ InstanceArn: instanceArn, AccountId: account, PermissionSetArn: permissionSetArn, MaxResults: 100, NextToken: token })),
    AssignmentsPage,
    (page) => page.AccountAssignments,
  );
}

async function permissionSetName(api: AwsApi, arn: string): Promise<string> {
  const what = `DescribePermissionSet ${arn}`;
  const described = await call(api, 'list', what, (sdk) => sdk.sso.send(new sdk.ssoAdmin.DescribePermissionSetCommand({ InstanceArn: api.settings.instanceArn, PermissionSetArn: arn })), PermissionSet);
  return described.PermissionSet.Name;
}

/**
 * Everyone assigned to one account, with the level of each permission set: users directly,
 * group members as inherited from the group (changed on the group, never revoked here).
 * Returns the complete list or throws. A permission set held on the account that maps to no
 * level makes the whole account unread: Latch never guesses what it allows.
 */
export async function listAccountGrants(api: AwsApi, directory: Directory, account: string): Promise<ActualGrant[]> {
  const sets = await allPages(
    api,
    'list',
    `ListPermissionSetsProvisionedToAccount ${account}`,
    (sdk, token) => sdk.sso.send(new sdk.ssoAdmin.ListPermissionSetsProvisionedToAccountCommand({ InstanceArn: api.settings.instanceArn, AccountId: account, MaxResults: 100, NextToken: token })),
    ProvisionedPage,
    (page: ProvisionedPage) => page.PermissionSets,
  );
  const grants: ActualGrant[] = [];
  for (const arn of sets) {
    const assignments = await assignmentsOn(api, account, arn);
    if (assignments.length === 0) continue;
    const level = api.settings.levels.levelOf(arn);
    if (!level) {
      const name = await permissionSetName(api, arn);
      throw new PlatformError(
        PLATFORM,
        'list',
        `account ${account} has assignments of the permission set ${name} (${arn}), which aws.permissionSets in policies/platforms.yaml does not map to a level; map it or remove those assignments`,
      );
    }
    if (assignments.some((assignment) => assignment.AccountId !== account || assignment.PermissionSetArn !== arn)) {
      throw new PlatformError(PLATFORM, 'list', `ListAccountAssignments ${account}: an assignment of another account or permission set in the answer`);
    }
    const resolved = await Promise.all(assignments.map((assignment) => grantsOf(directory, assignment, level)));
    grants.push(...resolved.flat());
  }
  return grants.sort((a, b) => a.principal.localeCompare(b.principal) || a.level.localeCompare(b.level));
}

/** A user's own grant, or one inherited grant per member of a group. */
async function grantsOf(directory: Directory, assignment: Assignment, level: string): Promise<ActualGrant[]> {
  if (assignment.PrincipalType === 'USER') {
    const person = await directory.person(assignment.PrincipalId, 'list');
    return [{ principal: person.principal, level, handle: person.userId }];
  }
  const group = await directory.group(assignment.PrincipalId, 'list');
  return group.members.map((member) => ({ principal: member.principal, level, inheritedFrom: `Identity Center group ${group.name}` }));
}

type Action = 'create' | 'delete';

/** Waits for an asynchronous creation or deletion to end; a FAILED one is an error with AWS's reason. */
async function settle(api: AwsApi, operation: string, action: Action, first: OperationStatus, what: string): Promise<void> {
  let status = first;
  for (let poll = 0; status.Status === 'IN_PROGRESS'; poll += 1) {
    if (poll >= api.tuning.maxPolls) {
      throw new PlatformError(PLATFORM, operation, `${what}: still in progress after ${poll} status checks (request ${status.RequestId}); run apply again to see it through`, { retryable: true });
    }
    await api.tuning.sleep(api.tuning.pollIntervalMs);
    const input = { InstanceArn: api.settings.instanceArn };
    status =
      action === 'create'
        ? (await call(api, operation, `DescribeAccountAssignmentCreationStatus ${status.RequestId}`, (sdk) => sdk.sso.send(new sdk.ssoAdmin.DescribeAccountAssignmentCreationStatusCommand({ ...input, AccountAssignmentCreationRequestId: status.RequestId })), CreationStatus)).AccountAssignmentCreationStatus
        : (await call(api, operation, `DescribeAccountAssignmentDeletionStatus ${status.RequestId}`, (sdk) => sdk.sso.send(new sdk.ssoAdmin.DescribeAccountAssignmentDeletionStatusCommand({ ...input, AccountAssignmentDeletionRequestId: status.RequestId })), DeletionStatus)).AccountAssignmentDeletionStatus;
  }
  if (status.Status === 'FAILED') throw new PlatformError(PLATFORM, operation, `${what} failed: ${status.FailureReason ?? 'AWS gave no reason'} (request ${status.RequestId})`);
}

async function change(api: AwsApi, operation: string, action: Action, account: string, userId: string, permissionSetArn: string, who: string): Promise<void> {
  const input = { InstanceArn: api.settings.instanceArn, TargetId: account, TargetType: 'AWS_ACCOUNT' as const, PermissionSetArn: permissionSetArn, PrincipalType: 'USER' as const, PrincipalId: userId };
  const what = `${action === 'create' ? 'CreateAccountAssignment' : 'DeleteAccountAssignment'} ${account} ${permissionSetArn} for ${who}`;
  const first =
    action === 'create'
      ? (await call(api, operation, what, (sdk) => sdk.sso.send(new sdk.ssoAdmin.CreateAccountAssignmentCommand(input)), CreationStatus)).AccountAssignmentCreationStatus
      : (await call(api, operation, what, (sdk) => sdk.sso.send(new sdk.ssoAdmin.DeleteAccountAssignmentCommand(input)), DeletionStatus)).AccountAssignmentDeletionStatus;
  await settle(api, operation, action, first, what);
}

/** The permission sets a user holds directly on the account (group assignments are the group's). */
async function heldBy(api: AwsApi, operation: string, account: string, userId: string): Promise<string[]> {
  const held = await allPages(
    api,
    operation,
    `ListAccountAssignmentsForPrincipal ${userId}`,
    (sdk, token) => sdk.sso.send(new sdk.ssoAdmin.ListAccountAssignmentsForPrincipalCommand({ InstanceArn: api.settings.instanceArn, PrincipalId: userId, PrincipalType: 'USER', Filter: { AccountId: account }, MaxResults: 100, NextToken: token })),
    AssignmentsPage,
    (page) => page.AccountAssignments,
  );
  return held.filter((assignment) => assignment.AccountId === account && assignment.PrincipalType === 'USER' && assignment.PrincipalId === userId).map((assignment) => assignment.PermissionSetArn);
}

/**
 * Carries out one change on an account, from what the user holds now, so a re-run after a
 * crash only does what is left. A grant or update creates the level's assignment first and
 * then deletes the user's other ones, so access never lapses in between; a revocation
 * deletes every direct assignment of the user on the account. Latch does not create
 * Identity Center users: a person without one cannot be granted.
 */
export async function applyAccountChange(api: AwsApi, directory: Directory, account: string, planned: Change): Promise<ApplyOutcome> {
  const operation = planned.action;
  const unnamed = planned.principal.startsWith(UNNAMED_PREFIX);
  const userId = unnamed ? planned.handle : await directory.userIdOf(planned.principal.toLowerCase(), operation);
  if (!userId) {
    if (operation === 'revoke') return { status: 'unchanged', detail: 'no Identity Center user with this e-mail, so nothing assigned' };
    throw new PlatformError(
      PLATFORM,
      operation,
      `no Identity Center user with the e-mail ${planned.principal} in identity store ${api.settings.identityStoreId}; create the user first (Latch does not create Identity Center users), then run apply again`,
    );
  }
  const held = await heldBy(api, operation, account, userId);
  const wanted = planned.action === 'revoke' ? undefined : api.settings.levels.arnOf(planned.to);
  let done = 0;
  if (wanted && !held.includes(wanted)) {
    await change(api, operation, 'create', account, userId, wanted, planned.principal);
    done += 1;
  }
  for (const arn of held.filter((candidate) => candidate !== wanted)) {
    await change(api, operation, 'delete', account, userId, arn, planned.principal);
    done += 1;
  }
  if (done === 0) return { status: 'unchanged' };
  return { status: 'applied', ...(planned.action === 'update' && held.length > 0 ? { detail: 'new permission set assigned before the old one was removed' } : {}) };
}
