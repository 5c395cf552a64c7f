import { PlatformError } from '../../errors.js';
import type { ActualGrant } from '../../model/grants.js';
import type { Change } from '../../model/plan.js';
import type { ApplyOutcome } from '../adapter.js';
import type { SlackClient } from './client.js';
import { PLATFORM, SlackApiError } from './errors.js';
import { Done, MembersPage } from './schema.js';
import type { Directory, SlackPerson } from './users.js';

/** The one level of `slack-channel`. */
export const MEMBER = 'member';
/** Principals of bots start with this; they have no e-mail and are never changed. */
export const BOT_PREFIX = 'bot:';

/** Public (`C…`) and private (`G…`, older workspaces) channel ids; direct messages (`D…`) are not managed. */
const CHANNEL_ID = /^[CG][A-Z0-9]{2,}$/;
/** A user id as `conversations.members` returns it (`U…`, `W…` on Enterprise Grid). */
const USER_ID = /^[UW][A-Z0-9]{2,}$/;

export function isChannelId(ref: string): boolean {
  return CHANNEL_ID.test(ref);
}

/** Every member id of a channel, all pages, or a thrown error: never part of the list. */
async function memberIds(client: SlackClient, channel: string, operation: string): Promise<string[]> {
  const ids: string[] = [];
  const seen = new Set<string>();
  let cursor = '';
  do {
    const args: Record<string, string> = { channel, limit: String(client.pageSize) };
    if (cursor) args.cursor = cursor;
    const page = await client.call('conversations.members', args, MembersPage, { operation, subject: `channel ${channel}` });
    ids.push(...page.members);
    seen.add(cursor);
    cursor = page.response_metadata?.next_cursor ?? '';
    if (cursor && seen.has(cursor)) {
      throw new SlackApiError(operation, 'conversations.members', 'invalid_cursor', `conversations.members for channel ${channel}: Slack returned the same page cursor twice`);
    }
  } while (cursor);
  return ids;
}

/** How one member of a channel reads as a grant; undefined for someone who holds no access. */
function toGrant(person: SlackPerson, channel: string): ActualGrant | undefined {
  // A deactivated account cannot sign in: it holds no access, so there is nothing to revoke.
  if (person.deleted) return undefined;
  if (person.bot) return { principal: `${BOT_PREFIX}${(person.name ?? person.id).toLowerCase()}`, level: MEMBER, owner: true, handle: person.id };
  if (!person.email) {
    // Without the e-mail the member cannot be matched to the repository: fail closed.
    throw new SlackApiError(
      'list',
      'users.list',
      'email_hidden',
      `channel ${channel}: member ${person.id} has no e-mail Latch can see; the token needs the users:read.email scope (members from another organisation may hide theirs)`,
    );
  }
  return { principal: person.email, level: MEMBER, handle: person.id };
}

/**
 * The members of a channel as grants, keyed by lower-cased e-mail. The token's own user is
 * left out (it must stay in every channel it manages); other bots come back as `owner`, so
 * they are shown and never revoked; deactivated accounts are left out. Complete or throws.
 */
export async function listChannelGrants(client: SlackClient, directory: Directory, channel: string): Promise<ActualGrant[]> {
  const [self, ids] = await Promise.all([directory.selfId('list'), memberIds(client, channel, 'list'), directory.loadAll('list')]);
  const grants: ActualGrant[] = [];
  for (const id of new Set(ids)) {
    if (id === self) continue;
    const grant = toGrant(await directory.byId(id, 'list'), channel);
    if (grant) grants.push(grant);
  }
  return grants.sort((a, b) => a.principal.localeCompare(b.principal));
}

async function targetOf(directory: Directory, change: Change): Promise<SlackPerson | undefined> {
  // A revocation planned from a listing carries the member's id: no lookup needed.
  if (change.action === 'revoke' && change.handle && USER_ID.test(change.handle)) {
    return { id: change.handle, email: change.principal, bot: false, deleted: false };
  }
  return directory.byEmail(change.principal, change.action);
}

async function invite(client: SlackClient, channel: string, person: SlackPerson, principal: string): Promise<ApplyOutcome> {
  if (person.deleted) {
    throw new SlackApiError('grant', 'conversations.invite', 'user_deactivated', `conversations.invite for ${principal}: the Slack account is deactivated; reactivate it or remove the person`);
  }
  try {
    await client.call('conversations.invite', { channel, users: person.id }, Done, { operation: 'grant', subject: `${principal} in channel ${channel}` });
    return { status: 'applied', detail: 'added to the channel' };
  } catch (error) {
    if (error instanceof SlackApiError && error.code === 'already_in_channel') return { status: 'unchanged', detail: 'already in the channel' };
    throw error;
  }
}

/**
 * Slack answers `not_in_channel` both when the person is not in the channel and when the
 * app is not: only the member list tells which, so a revocation is never reported done
 * while the person may still be in.
 */
async function confirmOut(client: SlackClient, channel: string, self: string, person: SlackPerson, principal: string): Promise<ApplyOutcome> {
  const members = new Set(await memberIds(client, channel, 'revoke'));
  const subject = `conversations.kick for ${principal} in channel ${channel}`;
  if (!members.has(self)) {
    const text = `${subject}: not_in_channel: the Slack app is not a member of the channel, so it cannot remove anyone; add the app to the channel (/invite @the-app in the channel) and apply again`;
    throw new SlackApiError('revoke', 'conversations.kick', 'not_in_channel', text);
  }
  if (members.has(person.id)) {
    throw new SlackApiError('revoke', 'conversations.kick', 'not_in_channel', `${subject}: Slack answered not_in_channel, yet ${principal} is still a member; nothing was removed`);
  }
  return { status: 'unchanged', detail: 'already out of the channel' };
}

async function kick(client: SlackClient, channel: string, self: string, person: SlackPerson, principal: string): Promise<ApplyOutcome> {
  try {
    await client.call('conversations.kick', { channel, user: person.id }, Done, { operation: 'revoke', subject: `${principal} in channel ${channel}` });
    return { status: 'applied', detail: 'removed from the channel' };
  } catch (error) {
    if (error instanceof SlackApiError && error.code === 'not_in_channel') return confirmOut(client, channel, self, person, principal);
    throw error;
  }
}

/**
 * Adds or removes one member. Idempotent: someone already in (or, the member list
 * confirming it, already out of) the channel resolves `unchanged`; an app that is not in
 * the channel is a failure telling the admin to add it. Bots and the token's own user are
 * never changed, and a channel has one level, so an update is refused.
 */
export async function applyChannelChange(client: SlackClient, directory: Directory, change: Change): Promise<ApplyOutcome> {
  const channel = change.resource;
  const { action, principal } = change;
  if (action === 'update') {
    throw new PlatformError(PLATFORM, action, `channel ${channel}: a Slack channel has one level (member), so ${principal} cannot go from ${change.from} to ${change.to}`);
  }
  if (principal.startsWith(BOT_PREFIX)) {
    throw new PlatformError(PLATFORM, action, `channel ${channel}: ${principal} is a bot; Latch never adds or removes bots`);
  }
  const method = action === 'grant' ? 'conversations.invite' : 'conversations.kick';
  const [self, person] = await Promise.all([directory.selfId(action), targetOf(directory, change)]);
  if (!person) {
    // Someone with no Slack account cannot be in the channel: nothing to remove.
    if (action === 'revoke') return { status: 'unchanged', detail: 'no Slack user with this e-mail' };
    throw new SlackApiError(action, method, 'users_not_found', `no Slack user with e-mail ${principal}; they must join the workspace before they can be added to channel ${channel}`);
  }
  if (person.id === self) {
    throw new SlackApiError(action, method, action === 'grant' ? 'cant_invite_self' : 'cant_kick_self', `channel ${channel}: ${principal} is Latch's own Slack user, which is never changed`);
  }
  return action === 'grant' ? invite(client, channel, person, principal) : kick(client, channel, self, person, principal);
}
