import { randomUUID } from 'node:crypto';

/** One Identity Center user; Identity Center keeps e-mails as a list, one of them primary. */
export interface AwsSeedUser {
  id: string;
  userName: string;
  /** Primary work e-mail; absent for a user created through the API without one. */
  email?: string;
  displayName?: string;
}

export interface AwsSeedGroup {
  id: string;
  displayName: string;
  /** User ids. Identity Center groups hold users only, never other groups. */
  members: string[];
}

/** An account assignment: a user or group holds a permission set on an account. */
export interface AwsSeedAssignment {
  account: string;
  permissionSetArn: string;
  principalType: 'USER' | 'GROUP';
  principalId: string;
}

/** An organization's IAM Identity Center, in the shape tests and the demo write it. */
export interface AwsSeed {
  instanceArn: string;
  identityStoreId: string;
  permissionSets: { arn: string; name: string }[];
  /** Member accounts of the organization (12 digits). */
  accounts: string[];
  users: AwsSeedUser[];
  groups: AwsSeedGroup[];
  assignments: AwsSeedAssignment[];
}

/** An asynchronous creation or deletion, as DescribeAccountAssignment{Creation,Deletion}Status shows it. */
export interface AssignmentRequest {
  id: string;
  action: 'create' | 'delete';
  assignment: AwsSeedAssignment;
  status: 'IN_PROGRESS' | 'SUCCEEDED' | 'FAILED';
  /** Status polls still answered IN_PROGRESS; any other call finds the request done. */
  pollsLeft: number;
  failureReason?: string;
  createdAt: number;
}

/** Makes a creation fail the way AWS reports it: FAILED with a reason, the assignment not made. */
export interface AssignmentFailure {
  account?: string;
  permissionSetArn?: string;
  principalId?: string;
  reason: string;
}

export interface AwsState {
  seed: AwsSeed;
  /** Permission sets provisioned to each account; an assignment provisions its set, a deletion leaves it. */
  provisioned: Map<string, Set<string>>;
  requests: Map<string, AssignmentRequest>;
  pollsToComplete: number;
  failures: AssignmentFailure[];
}

export function createState(seed: AwsSeed, pollsToComplete: number, failures: AssignmentFailure[]): AwsState {
  const copy = structuredClone(seed);
  const provisioned = new Map<string, Set<string>>(copy.accounts.map((account) => [account, new Set<string>()]));
  for (const assignment of copy.assignments) provisioned.get(assignment.account)?.add(assignment.permissionSetArn);
  return { seed: copy, provisioned, requests: new Map(), pollsToComplete, failures };
}

function same(a: AwsSeedAssignment, b: AwsSeedAssignment): boolean {
  return a.account === b.account && a.permissionSetArn === b.permissionSetArn && a.principalType === b.principalType && a.principalId === b.principalId;
}

export function hasAssignment(state: AwsState, assignment: AwsSeedAssignment): boolean {
  return state.seed.assignments.some((existing) => same(existing, assignment));
}

function failureFor(state: AwsState, assignment: AwsSeedAssignment): AssignmentFailure | undefined {
  return state.failures.find(
    (failure) =>
      (failure.account === undefined || failure.account === assignment.account) &&
      (failure.permissionSetArn === undefined || failure.permissionSetArn === assignment.permissionSetArn) &&
      (failure.principalId === undefined || failure.principalId === assignment.principalId),
  );
}

/** Starts an asynchronous creation or deletion; it completes after the configured number of polls. */
export function startRequest(state: AwsState, action: AssignmentRequest['action'], assignment: AwsSeedAssignment): AssignmentRequest {
  const request: AssignmentRequest = { id: randomUUID(), action, assignment, status: 'IN_PROGRESS', pollsLeft: state.pollsToComplete, createdAt: Date.now() };
  state.requests.set(request.id, request);
  if (request.pollsLeft <= 0) complete(state, request);
  return request;
}

function complete(state: AwsState, request: AssignmentRequest): void {
  const { assignment } = request;
  if (request.action === 'create') {
    const failure = failureFor(state, assignment);
    if (failure) {
      request.status = 'FAILED';
      request.failureReason = failure.reason;
      return;
    }
    if (!hasAssignment(state, assignment)) state.seed.assignments.push(assignment);
    state.provisioned.get(assignment.account)?.add(assignment.permissionSetArn);
  } else {
    state.seed.assignments = state.seed.assignments.filter((existing) => !same(existing, assignment));
  }
  request.status = 'SUCCEEDED';
}

/**
 * AWS completes a request whether or not anyone polls it (an apply killed half-way leaves one
 * behind): any call other than a poll of that request finds it done, so a later run reads a
 * settled state.
 */
export function advance(state: AwsState, except: string | undefined): void {
  for (const request of state.requests.values()) {
    if (request.id === except || request.status !== 'IN_PROGRESS') continue;
    request.pollsLeft = 0;
    pollRequest(state, request);
  }
}

/** One step of a request: IN_PROGRESS until its steps are used up, then its outcome. */
export function pollRequest(state: AwsState, request: AssignmentRequest): AssignmentRequest {
  if (request.status !== 'IN_PROGRESS') return request;
  request.pollsLeft -= 1;
  if (request.pollsLeft <= 0) complete(state, request);
  return request;
}

/** An assignment made in the console, outside Latch: a client administrator acting on a request, or drift. */
export function assignByHand(state: AwsState, assignment: AwsSeedAssignment): void {
  if (!hasAssignment(state, assignment)) state.seed.assignments.push(assignment);
  state.provisioned.get(assignment.account)?.add(assignment.permissionSetArn);
}
