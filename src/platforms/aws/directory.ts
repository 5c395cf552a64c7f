import pLimit from 'p-limit';
import { PlatformError } from '../../errors.js';
import { PLATFORM, allPages, call, type AwsApi } from './client.js';
import { Group, MembershipsPage, User, UserId } from './schema.js';

/** Principal of an Identity Center user without an e-mail: named by user name, changed by id (the grant's handle). */
export const UNNAMED_PREFIX = 'aws-user:';

/** How an Identity Center user is known to Latch. */
export interface Person {
  /** The e-mail, lower-cased, or `aws-user:<UserName>` when the user has none. */
  principal: string;
  userId: string;
}

/** A group as account assignments see it: its name and its users. */
export interface GroupMembers {
  name: string;
  members: Person[];
}

/** Identity store reads at once: the store's own quotas are per second, shared with the console's users. */
const CONCURRENCY = 4;

/** The identity store, read lazily and remembered for the run: the same user appears on many accounts. */
export interface Directory {
  person(userId: string, operation: string): Promise<Person>;
  group(groupId: string, operation: string): Promise<GroupMembers>;
  /** The user id of an e-mail, or undefined when the identity store has no such user. */
  userIdOf(email: string, operation: string): Promise<string | undefined>;
}

/** The primary e-mail, else the first one: Identity Center marks at most one primary. */
function emailOf(user: User): string | undefined {
  const emails = (user.Emails ?? []).filter((email) => email.Value);
  return (emails.find((email) => email.Primary) ?? emails[0])?.Value?.toLowerCase();
}

function remember<T>(cache: Map<string, Promise<T>>, key: string, load: () => Promise<T>): Promise<T> {
  let entry = cache.get(key);
  if (!entry) {
    entry = load();
    // A failure is not remembered: the next resource asks again rather than inheriting it.
    entry.catch(() => cache.delete(key));
    cache.set(key, entry);
  }
  return entry;
}

export function createDirectory(api: AwsApi): Directory {
  const store = api.settings.identityStoreId;
  const people = new Map<string, Promise<Person>>();
  const groups = new Map<string, Promise<GroupMembers>>();
  const limit = pLimit(CONCURRENCY);

  const person = (userId: string, operation: string) =>
    remember(people, userId, async () => {
      const user = await limit(() => call(api, operation, `DescribeUser ${userId}`, (sdk) => sdk.identity.send(new sdk.identityStore.DescribeUserCommand({ IdentityStoreId: store, UserId: userId })), User));
      return { principal: emailOf(user) ?? `${UNNAMED_PREFIX}${user.UserName ?? userId}`, userId };
    });

  const group = (groupId: string, operation: string) =>
    remember(groups, groupId, async () => {
      const what = `ListGroupMemberships ${groupId}`;
      const described = await call(api, operation, `DescribeGroup ${groupId}`, (sdk) => sdk.identity.send(new sdk.identityStore.DescribeGroupCommand({ IdentityStoreId: store, GroupId: groupId })), Group);
      const memberships = await allPages(
        api,
        operation,
        what,
        (sdk, token) => sdk.identity.send(new sdk.identityStore.ListGroupMembershipsCommand({ IdentityStoreId: store, GroupId: groupId, MaxResults: 100, NextToken: token })),
        MembershipsPage,
        (page) => page.GroupMemberships,
      );
      const userIds = memberships.map((membership) => membership.MemberId?.UserId);
      if (userIds.some((userId) => !userId)) throw new PlatformError(PLATFORM, operation, `${what}: a membership without a user id`);
      const members = await Promise.all(userIds.map((userId) => person(userId as string, operation)));
      return { name: described.DisplayName ?? groupId, members };
    });

  return {
    person,
    group,
    async userIdOf(email, operation) {
      const what = `GetUserId emails.value=${email}`;
      try {
        const found = await call(
          api,
          operation,
          what,
          (sdk) => sdk.identity.send(new sdk.identityStore.GetUserIdCommand({ IdentityStoreId: store, AlternateIdentifier: { UniqueAttribute: { AttributePath: 'emails.value', AttributeValue: email } } })),
          UserId,
        );
        return found.UserId;
      } catch (error) {
        const missing = error instanceof PlatformError && error.status === 404 ? (error.cause as { resourceType?: string } | undefined)?.resourceType : 'other';
        if (missing === undefined || missing === 'USER') return undefined;
        throw error;
      }
    },
  };
}
