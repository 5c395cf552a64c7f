import type { EmulatorResponse } from '../harness.js';
import { awsError, field, isAnswer, ok, page, required, text } from './protocol.js';
import type { AwsSeedUser, AwsState } from './state.js';

type Handler = (state: AwsState, body: unknown, pageSize: number) => EmulatorResponse;

function checkStore(state: AwsState, body: unknown): EmulatorResponse | undefined {
  const store = text(body, 'IdentityStoreId');
  if (store === undefined) return required(body, ['IdentityStoreId']);
  if (store !== state.seed.identityStoreId) return awsError('ResourceNotFoundException', `Identity store ${store} does not exist`, { ResourceType: 'IDENTITY_STORE', ResourceId: store });
  return undefined;
}

function describe(state: AwsState, user: AwsSeedUser): Record<string, unknown> {
  return {
    IdentityStoreId: state.seed.identityStoreId,
    UserId: user.id,
    UserName: user.userName,
    ...(user.displayName ? { DisplayName: user.displayName } : {}),
    ...(user.email ? { Emails: [{ Value: user.email, Type: 'work', Primary: true }] } : {}),
    UserStatus: 'ENABLED',
  };
}

/**
 * GetUserId's unique attributes are `userName` and `emails.value`, nothing else (the
 * reference: "the only valid paths are userName and emails.value"). Identity Center
 * compares them without regard to case, as it does at sign-in.
 */
function userByAttribute(state: AwsState, path: string, value: string): AwsSeedUser | undefined {
  const wanted = value.toLowerCase();
  if (path === 'userName') return state.seed.users.find((user) => user.userName.toLowerCase() === wanted);
  return state.seed.users.find((user) => user.email?.toLowerCase() === wanted);
}

/** The AWSIdentityStore operations Latch calls, by name. */
export const IDENTITY_STORE: Record<string, Handler> = {
  GetUserId: (state, body) => {
    const refused = checkStore(state, body);
    if (refused) return refused;
    const unique = field(field(body, 'AlternateIdentifier'), 'UniqueAttribute');
    const path = text(unique, 'AttributePath');
    const value = field(unique, 'AttributeValue');
    if (path !== 'userName' && path !== 'emails.value') return awsError('ValidationException', 'Invalid AttributePath: the only valid paths are userName and emails.value');
    if (typeof value !== 'string') return awsError('ValidationException', 'AttributeValue must be a string');
    const user = userByAttribute(state, path, value);
    if (!user) return awsError('ResourceNotFoundException', 'USER not found.', { ResourceType: 'USER' });
    return ok({ IdentityStoreId: state.seed.identityStoreId, UserId: user.id });
  },

  DescribeUser: (state, body) => {
    const refused = checkStore(state, body) ?? required(body, ['UserId']);
    if (refused) return refused;
    const user = state.seed.users.find((candidate) => candidate.id === text(body, 'UserId'));
    if (!user) return awsError('ResourceNotFoundException', 'USER not found.', { ResourceType: 'USER', ResourceId: text(body, 'UserId') });
    return ok(describe(state, user));
  },

  DescribeGroup: (state, body) => {
    const refused = checkStore(state, body) ?? required(body, ['GroupId']);
    if (refused) return refused;
    const group = state.seed.groups.find((candidate) => candidate.id === text(body, 'GroupId'));
    if (!group) return awsError('ResourceNotFoundException', 'GROUP not found.', { ResourceType: 'GROUP', ResourceId: text(body, 'GroupId') });
    return ok({ IdentityStoreId: state.seed.identityStoreId, GroupId: group.id, DisplayName: group.displayName });
  },

  ListGroupMemberships: (state, body, pageSize) => {
    const refused = checkStore(state, body) ?? required(body, ['GroupId']);
    if (refused) return refused;
    const group = state.seed.groups.find((candidate) => candidate.id === text(body, 'GroupId'));
    if (!group) return awsError('ResourceNotFoundException', 'GROUP not found.', { ResourceType: 'GROUP', ResourceId: text(body, 'GroupId') });
    const result = page(group.members, body, pageSize);
    if (isAnswer(result)) return result;
    const memberships = result.items.map((userId) => ({ IdentityStoreId: state.seed.identityStoreId, MembershipId: `${group.id}-${userId}`, GroupId: group.id, MemberId: { UserId: userId } }));
    return ok({ GroupMemberships: memberships, ...(result.next ? { NextToken: result.next } : {}) });
  },

  ListUsers: (state, body, pageSize) => {
    const refused = checkStore(state, body);
    if (refused) return refused;
    const result = page(state.seed.users, body, pageSize);
    if (isAnswer(result)) return result;
    return ok({ Users: result.items.map((user) => describe(state, user)), ...(result.next ? { NextToken: result.next } : {}) });
  },
};
