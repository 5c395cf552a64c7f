import type { EmulatorResponse } from '../harness.js';
import { awsError, field, isAnswer, ok, page, required, text } from './protocol.js';
import { hasAssignment, pollRequest, startRequest, type AssignmentRequest, type AwsSeedAssignment, type AwsState } from './state.js';

type Handler = (state: AwsState, body: unknown, pageSize: number) => EmulatorResponse;

function checkInstance(state: AwsState, body: unknown): EmulatorResponse | undefined {
  const instance = text(body, 'InstanceArn');
  if (instance === undefined) return required(body, ['InstanceArn']);
  if (instance !== state.seed.instanceArn) return awsError('ResourceNotFoundException', `Instance ${instance} does not exist`);
  return undefined;
}

function checkAccount(state: AwsState, account: string | undefined, member: string): EmulatorResponse | undefined {
  if (account === undefined || !/^\d{12}$/.test(account)) {
    return awsError('ValidationException', `1 validation error detected: Value '${account ?? 'null'}' at '${member}' failed to satisfy constraint: Member must satisfy regular expression pattern: \\d{12}`);
  }
  if (!state.provisioned.has(account)) return awsError('ResourceNotFoundException', `Account ${account} is not a member of the organization`);
  return undefined;
}

function checkPermissionSet(state: AwsState, arn: string | undefined): EmulatorResponse | undefined {
  if (arn === undefined) return awsError('ValidationException', "1 validation error detected: Value null at 'permissionSetArn' failed to satisfy constraint: Member must not be null");
  if (!state.seed.permissionSets.some((set) => set.arn === arn)) return awsError('ResourceNotFoundException', `PermissionSet ${arn} does not exist`);
  return undefined;
}

function listed<T>(items: readonly T[], body: unknown, pageSize: number, key: string, shape: (item: T) => unknown): EmulatorResponse {
  const result = page(items, body, pageSize);
  if (isAnswer(result)) return result;
  return ok({ [key]: result.items.map(shape), ...(result.next ? { NextToken: result.next } : {}) });
}

function statusOf(request: AssignmentRequest): Record<string, unknown> {
  const { assignment } = request;
  return {
    Status: request.status,
    RequestId: request.id,
    ...(request.failureReason ? { FailureReason: request.failureReason } : {}),
    TargetId: assignment.account,
    TargetType: 'AWS_ACCOUNT',
    PermissionSetArn: assignment.permissionSetArn,
    PrincipalType: assignment.principalType,
    PrincipalId: assignment.principalId,
    CreatedDate: request.createdAt / 1000,
  };
}

function principalExists(state: AwsState, type: string | undefined, id: string | undefined): boolean {
  if (type === 'USER') return state.seed.users.some((user) => user.id === id);
  if (type === 'GROUP') return state.seed.groups.some((group) => group.id === id);
  return false;
}

function assignmentRequest(state: AwsState, body: unknown, action: AssignmentRequest['action']): EmulatorResponse {
  const refused = checkInstance(state, body) ?? required(body, ['TargetId', 'TargetType', 'PermissionSetArn', 'PrincipalType', 'PrincipalId']);
  if (refused) return refused;
  if (text(body, 'TargetType') !== 'AWS_ACCOUNT') return awsError('ValidationException', "Value at 'targetType' failed to satisfy constraint: Member must satisfy enum value set: [AWS_ACCOUNT]");
  const type = text(body, 'PrincipalType');
  if (type !== 'USER' && type !== 'GROUP') return awsError('ValidationException', "Value at 'principalType' failed to satisfy constraint: Member must satisfy enum value set: [USER, GROUP]");
  const invalid = checkAccount(state, text(body, 'TargetId'), 'targetId') ?? checkPermissionSet(state, text(body, 'PermissionSetArn'));
  if (invalid) return invalid;
  const assignment: AwsSeedAssignment = {
    account: text(body, 'TargetId') as string,
    permissionSetArn: text(body, 'PermissionSetArn') as string,
    principalType: type,
    principalId: text(body, 'PrincipalId') as string,
  };
  if (!principalExists(state, type, assignment.principalId)) return awsError('ResourceNotFoundException', `Principal ${assignment.principalId} does not exist`);
  const busy = [...state.requests.values()].some(
    (other) => other.status === 'IN_PROGRESS' && other.assignment.account === assignment.account && other.assignment.principalId === assignment.principalId && other.assignment.permissionSetArn === assignment.permissionSetArn,
  );
  // The reference's ConflictException: a previous write for the same assignment has not propagated yet.
  if (busy) return awsError('ConflictException', 'An operation on this account assignment is already in progress');
  if (action === 'delete' && !hasAssignment(state, assignment)) return awsError('ResourceNotFoundException', 'The account assignment does not exist');
  const request = startRequest(state, action, assignment);
  return ok({ [action === 'create' ? 'AccountAssignmentCreationStatus' : 'AccountAssignmentDeletionStatus']: statusOf(request) });
}

function describeStatus(state: AwsState, body: unknown, action: AssignmentRequest['action']): EmulatorResponse {
  const member = action === 'create' ? 'AccountAssignmentCreationRequestId' : 'AccountAssignmentDeletionRequestId';
  const refused = checkInstance(state, body) ?? required(body, [member]);
  if (refused) return refused;
  const request = state.requests.get(text(body, member) as string);
  if (!request || request.action !== action) return awsError('ResourceNotFoundException', `Request ${text(body, member) ?? ''} does not exist`);
  return ok({ [action === 'create' ? 'AccountAssignmentCreationStatus' : 'AccountAssignmentDeletionStatus']: statusOf(pollRequest(state, request)) });
}

/** The SWBExternalService operations Latch calls, by name. */
export const SSO_ADMIN: Record<string, Handler> = {
  ListPermissionSets: (state, body, pageSize) => checkInstance(state, body) ?? listed(state.seed.permissionSets, body, pageSize, 'PermissionSets', (set) => set.arn),

  DescribePermissionSet: (state, body) => {
    const refused = checkInstance(state, body) ?? checkPermissionSet(state, text(body, 'PermissionSetArn'));
    if (refused) return refused;
    const set = state.seed.permissionSets.find((candidate) => candidate.arn === text(body, 'PermissionSetArn'));
    return ok({ PermissionSet: { Name: set?.name, PermissionSetArn: set?.arn, SessionDuration: 'PT1H' } });
  },

  ListPermissionSetsProvisionedToAccount: (state, body, pageSize) => {
    const refused = checkInstance(state, body) ?? checkAccount(state, text(body, 'AccountId'), 'accountId');
    if (refused) return refused;
    return listed([...(state.provisioned.get(text(body, 'AccountId') as string) ?? [])], body, pageSize, 'PermissionSets', (arn) => arn);
  },

  ListAccountsForProvisionedPermissionSet: (state, body, pageSize) => {
    const arn = text(body, 'PermissionSetArn');
    const refused = checkInstance(state, body) ?? checkPermissionSet(state, arn);
    if (refused) return refused;
    const accounts = [...state.provisioned].filter(([, sets]) => sets.has(arn as string)).map(([account]) => account);
    return listed(accounts, body, pageSize, 'AccountIds', (account) => account);
  },

  ListAccountAssignments: (state, body, pageSize) => {
    const arn = text(body, 'PermissionSetArn');
    const refused = checkInstance(state, body) ?? checkAccount(state, text(body, 'AccountId'), 'accountId') ?? checkPermissionSet(state, arn);
    if (refused) return refused;
    const account = text(body, 'AccountId');
    const found = state.seed.assignments.filter((assignment) => assignment.account === account && assignment.permissionSetArn === arn);
    return listed(found, body, pageSize, 'AccountAssignments', (assignment) => ({
      AccountId: assignment.account,
      PermissionSetArn: assignment.permissionSetArn,
      PrincipalType: assignment.principalType,
      PrincipalId: assignment.principalId,
    }));
  },

  ListAccountAssignmentsForPrincipal: (state, body, pageSize) => {
    const refused = checkInstance(state, body) ?? required(body, ['PrincipalId', 'PrincipalType']);
    if (refused) return refused;
    const account = text(field(body, 'Filter'), 'AccountId');
    const found = state.seed.assignments.filter(
      (assignment) => assignment.principalId === text(body, 'PrincipalId') && assignment.principalType === text(body, 'PrincipalType') && (account === undefined || assignment.account === account),
    );
    return listed(found, body, pageSize, 'AccountAssignments', (assignment) => ({
      AccountId: assignment.account,
      PermissionSetArn: assignment.permissionSetArn,
      PrincipalType: assignment.principalType,
      PrincipalId: assignment.principalId,
    }));
  },

  CreateAccountAssignment: (state, body) => assignmentRequest(state, body, 'create'),
  DeleteAccountAssignment: (state, body) => assignmentRequest(state, body, 'delete'),
  DescribeAccountAssignmentCreationStatus: (state, body) => describeStatus(state, body, 'create'),
  DescribeAccountAssignmentDeletionStatus: (state, body) => describeStatus(state, body, 'delete'),
};
