/**
 * The workspace an emulated Slack holds, and the Web API methods Latch calls, answering the
 * way Slack does: HTTP 200 with `{ok: true, ...}` or `{ok: false, error}`, cursor pages with
 * `response_metadata.next_cursor` ("" on the last page). Maps throughout, so a benchmark
 * with thousands of channels stays fast.
 */

/** The workspace to start from. */
export interface SlackSeed {
  /** Team id, e.g. `T0ACME`. */
  team: string;
  /** The bot token's own user; added as a bot user when `users` lacks it. Default `U0LATCHBOT`. */
  botUserId?: string;
  users: Array<{ id: string; email: string; name?: string; isBot?: boolean; deleted?: boolean }>;
  /**
   * By channel id (`G…` ids are private). The bot user is made a member of every channel, as
   * it must be to manage it, unless `withoutApp` leaves it out; `general` marks #general.
   */
  channels: Record<string, { name?: string; members: string[]; archived?: boolean; withoutApp?: boolean; general?: boolean }>;
}

export type SeedUser = SlackSeed['users'][number];

interface Channel {
  name: string;
  /** Insertion-ordered, like Slack's member lists. */
  members: Set<string>;
  archived: boolean;
  general: boolean;
}

/** A method's answer body; the HTTP status is always 200. */
export type SlackBody = Record<string, unknown>;
export type Args = Record<string, string>;

type Page<T> = { slice: T[]; next: string } | { failure: SlackBody };

export const DEFAULT_BOT_USER = 'U0LATCHBOT';
const MAX_LIMIT = 1000;
const MAX_INVITEES = 1000;

/** Scopes each method needs (public channels), checked only when the emulator is given a scope list. */
export const REQUIRED_SCOPE: Record<string, string> = {
  'conversations.members': 'channels:read',
  'users.list': 'users:read',
  'users.info': 'users:read',
  'users.lookupByEmail': 'users:read.email',
  'conversations.invite': 'channels:manage',
  'conversations.kick': 'channels:manage',
  'chat.postMessage': 'chat:write',
};

/** Slack truncates beyond 40,000 characters and refuses longer text with `msg_too_long`. */
const MAX_MESSAGE_LENGTH = 40_000;

/** A message an app posted with chat.postMessage. */
export interface PostedMessage {
  channel: string;
  text: string;
  ts: string;
}

function fail(error: string, extra: SlackBody = {}): SlackBody {
  return { ok: false, error, ...extra };
}

function encodeCursor(offset: number): string {
  return Buffer.from(`next:${offset}`).toString('base64');
}

/** The offset a cursor stands for, or undefined when the cursor is not one of ours. */
function decodeCursor(cursor: string): number | undefined {
  const match = /^next:(\d+)$/.exec(Buffer.from(cursor, 'base64').toString('utf8'));
  return match ? Number(match[1]) : undefined;
}

export class Workspace {
  readonly team: string;
  readonly botUserId: string;
  private readonly users = new Map<string, SeedUser>();
  private readonly byEmail = new Map<string, string>();
  private readonly channels = new Map<string, Channel>();
  /** When set, pages hold at most this many items whatever `limit` asks (Slack may return fewer). */
  maxPageSize: number | undefined;
  /** When set, the token holds only these scopes. */
  scopes: readonly string[] | undefined;
  /** A workspace preference keeps the app from removing members (`restricted_action`). */
  kickRestricted = false;

  constructor(seed: SlackSeed) {
    this.team = seed.team;
    this.botUserId = seed.botUserId ?? DEFAULT_BOT_USER;
    for (const user of seed.users) this.addUser({ ...user });
    if (!this.users.has(this.botUserId)) this.addUser({ id: this.botUserId, email: '', name: 'latch', isBot: true });
    for (const [id, channel] of Object.entries(seed.channels)) {
      const members = new Set(channel.withoutApp ? channel.members : [this.botUserId, ...channel.members]);
      this.channels.set(id, { name: channel.name ?? id.toLowerCase(), members, archived: channel.archived ?? false, general: channel.general ?? false });
    }
  }

  /** Someone joins the workspace (or a seed user arrives); replaces a user with the same id. */
  addUser(user: SeedUser): void {
    this.users.set(user.id, user);
    if (user.email) this.byEmail.set(user.email.toLowerCase(), user.id);
  }

  snapshot(): SlackSeed {
    const channels: SlackSeed['channels'] = {};
    for (const [id, channel] of this.channels) {
      channels[id] = { name: channel.name, members: [...channel.members], archived: channel.archived };
      if (!channel.members.has(this.botUserId)) channels[id].withoutApp = true;
      if (channel.general) channels[id].general = true;
    }
    return { team: this.team, botUserId: this.botUserId, users: [...this.users.values()].map((user) => ({ ...user })), channels };
  }

  /** Someone joins a channel in the Slack UI, behind Latch's back. */
  joinByHand(channel: string, userId: string): void {
    const found = this.channels.get(channel);
    if (!found) throw new Error(`no channel ${channel} in the emulated workspace`);
    if (!this.users.has(userId)) throw new Error(`no user ${userId} in the emulated workspace`);
    found.members.add(userId);
  }

  /** Someone removes the app from a channel in the Slack UI. */
  removeApp(channel: string): void {
    const found = this.channels.get(channel);
    if (!found) throw new Error(`no channel ${channel} in the emulated workspace`);
    found.members.delete(this.botUserId);
  }

  /**
   * The channel as the app may see it: a private channel the app is not in does not exist
   * for it (`channel_not_found`); a public one can be read but not changed.
   */
  private visible(id: string | undefined): Channel | undefined {
    const channel = this.channels.get(id ?? '');
    if (!channel) return undefined;
    return id?.startsWith('G') && !channel.members.has(this.botUserId) ? undefined : channel;
  }

  /** Messages posted so far, oldest first. */
  readonly messages: PostedMessage[] = [];

  /**
   * chat.postMessage as Slack documents it: a bot posts only where it is a member
   * (`not_in_channel`), never to an archived channel (`is_archived`), and needs text.
   */
  chatPostMessage(args: Args): SlackBody {
    const channel = this.visible(args.channel);
    if (!args.channel || !channel) return fail('channel_not_found');
    if (channel.archived) return fail('is_archived');
    if (!channel.members.has(this.botUserId)) return fail('not_in_channel');
    const text = args.text ?? '';
    if (text === '') return fail('no_text');
    if (text.length > MAX_MESSAGE_LENGTH) return fail('msg_too_long');
    const ts = `${1_700_000_000 + this.messages.length}.000100`;
    this.messages.push({ channel: args.channel, text, ts });
    return { ok: true, channel: args.channel, ts, message: { type: 'message', text, user: this.botUserId, ts } };
  }

  /** `missing_scope` as Slack words it, when the method's scope is not held. */
  scopeFailure(method: string): SlackBody | undefined {
    const needed = REQUIRED_SCOPE[method];
    if (!this.scopes || !needed || this.scopes.includes(needed)) return undefined;
    return fail('missing_scope', { needed, provided: this.scopes.join(',') });
  }

  private page<T>(items: readonly T[], args: Args, defaultLimit: number): Page<T> {
    const asked = args.limit === undefined || args.limit === '' ? defaultLimit : Number(args.limit);
    if (!Number.isInteger(asked) || asked < 0) return { failure: fail('invalid_limit') };
    let size = Math.min(asked === 0 ? defaultLimit : asked, MAX_LIMIT);
    if (this.maxPageSize) size = Math.min(size, this.maxPageSize);
    const offset = args.cursor ? decodeCursor(args.cursor) : 0;
    if (offset === undefined || offset > items.length) return { failure: fail('invalid_cursor') };
    const end = offset + size;
    return { slice: items.slice(offset, end), next: end < items.length ? encodeCursor(end) : '' };
  }

  private renderUser(user: SeedUser): SlackBody {
    const showEmail = !user.isBot && user.email && (!this.scopes || this.scopes.includes('users:read.email'));
    return {
      id: user.id,
      team_id: this.team,
      name: user.name ?? user.email.split('@')[0] ?? user.id,
      deleted: user.deleted ?? false,
      is_bot: user.isBot ?? false,
      profile: showEmail ? { email: user.email } : {},
    };
  }

  authTest(): SlackBody {
    return { ok: true, url: `https://${this.team.toLowerCase()}.slack.com/`, team: this.team, user: 'latch', team_id: this.team, user_id: this.botUserId, bot_id: 'B0LATCH' };
  }

  conversationsMembers(args: Args): SlackBody {
    const channel = this.visible(args.channel);
    if (!channel) return fail('channel_not_found');
    const page = this.page([...channel.members], args, 100);
    if ('failure' in page) return page.failure;
    return { ok: true, members: page.slice, response_metadata: { next_cursor: page.next } };
  }

  usersList(args: Args): SlackBody {
    // Without a limit Slack tries to send everyone at once.
    const page = this.page([...this.users.values()], args, this.users.size || 1);
    if ('failure' in page) return page.failure;
    return { ok: true, members: page.slice.map((user) => this.renderUser(user)), cache_ts: Math.floor(Date.now() / 1000), response_metadata: { next_cursor: page.next } };
  }

  usersInfo(args: Args): SlackBody {
    const user = this.users.get(args.user ?? '');
    return user ? { ok: true, user: this.renderUser(user) } : fail('user_not_found');
  }

  usersLookupByEmail(args: Args): SlackBody {
    const id = this.byEmail.get((args.email ?? '').toLowerCase());
    const user = id === undefined ? undefined : this.users.get(id);
    return user ? { ok: true, user: this.renderUser(user) } : fail('users_not_found');
  }

  conversationsInvite(args: Args): SlackBody {
    const channel = this.visible(args.channel);
    if (!channel) return fail('channel_not_found');
    if (channel.archived) return fail('is_archived');
    if (!channel.members.has(this.botUserId)) return fail('not_in_channel');
    const invitees = (args.users ?? '').split(',').map((id) => id.trim()).filter(Boolean);
    if (invitees.length === 0) return fail('no_user');
    if (invitees.length > MAX_INVITEES) return fail('too_many_users');
    const errors: SlackBody[] = [];
    for (const id of invitees) {
      const user = this.users.get(id);
      let error: string | undefined;
      if (!user) error = 'user_not_found';
      else if (id === this.botUserId) error = 'cant_invite_self';
      else if (user.deleted) error = 'cant_invite';
      else if (channel.members.has(id)) error = 'already_in_channel';
      if (error) errors.push({ user: id, ok: false, error });
    }
    const force = args.force === 'true';
    // All or nothing, unless `force` asks to invite the valid ones anyway.
    if (errors.length > 0 && !force) return fail(String(errors[0]?.error), { errors });
    const failed = new Set(errors.map((entry) => String(entry.user)));
    for (const id of invitees) if (!failed.has(id)) channel.members.add(id);
    const answer: SlackBody = { ok: true, channel: this.renderChannel(args.channel ?? '', channel) };
    return errors.length > 0 ? { ...answer, errors } : answer;
  }

  /** Slack answers `not_in_channel` alike when the caller or the person is not in the channel. */
  conversationsKick(args: Args): SlackBody {
    const channel = this.visible(args.channel);
    if (!channel) return fail('channel_not_found');
    const id = args.user ?? '';
    if (!this.users.has(id)) return fail('user_not_found');
    if (id === this.botUserId) return fail('cant_kick_self');
    if (!channel.members.has(this.botUserId) || !channel.members.has(id)) return fail('not_in_channel');
    if (channel.general) return fail('cant_kick_from_general');
    if (this.kickRestricted) return fail('restricted_action');
    channel.members.delete(id);
    return { ok: true };
  }

  private renderChannel(id: string, channel: Channel): SlackBody {
    return { id, name: channel.name, is_channel: true, is_private: id.startsWith('G'), is_archived: channel.archived, is_member: true, num_members: channel.members.size };
  }
}
