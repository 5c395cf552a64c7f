import type { SlackClient } from './client.js';
import { SlackApiError } from './errors.js';
import { AuthTest, UserAnswer, UsersPage, type User } from './schema.js';

/** Slackbot is a member of nothing Latch manages, but is not flagged `is_bot`. */
const SLACKBOT = 'USLACKBOT';

/** A workspace user as Latch needs to know them. */
export interface SlackPerson {
  id: string;
  /** Lower-cased; absent for bots, and for people whose e-mail the token may not see. */
  email?: string;
  /** The handle, used to name bots. */
  name?: string;
  bot: boolean;
  /** Deactivated: cannot sign in, so holds no access. */
  deleted: boolean;
}

/**
 * Maps user ids and e-mails both ways with as few calls as Slack allows: `auth.test` once,
 * `users.list` once per run (paged), `users.lookupByEmail` and `users.info` only for someone
 * the list did not have, each answer cached. Every lookup either answers or throws.
 */
export interface Directory {
  /** The token's own user, never invited or removed. */
  selfId(operation: string): Promise<string>;
  /** Reads the whole user list (once per run), so a channel's members resolve without a call each. */
  loadAll(operation: string): Promise<void>;
  /** The user behind an id seen in a channel; loads the whole list on first use; throws when Slack does not know the id. */
  byId(id: string, operation: string): Promise<SlackPerson>;
  /** The user with this e-mail, or undefined when the workspace has none. */
  byEmail(email: string, operation: string): Promise<SlackPerson | undefined>;
  /** Without a call: the user with this e-mail in the list read this run, null when the list has none, undefined when no list was read. */
  listed(email: string): SlackPerson | null | undefined;
}

function toPerson(user: User): SlackPerson {
  const email = user.profile?.email?.trim().toLowerCase();
  return {
    id: user.id,
    email: email || undefined,
    name: user.name,
    bot: user.is_bot === true || user.id === SLACKBOT,
    deleted: user.deleted === true,
  };
}

interface Everyone {
  byId: Map<string, SlackPerson>;
  byEmail: Map<string, SlackPerson>;
}

/**
 * Keeps a promise so that concurrent callers share one request. A failure that may pass
 * (a rate limit, a 5xx) is forgotten so the next caller tries again; a failure that will not
 * (a bad token, a missing scope) is kept, so a run over many channels does not repeat it.
 */
function memo<T>(load: (operation: string) => Promise<T>): (operation: string) => Promise<T> {
  let pending: Promise<T> | undefined;
  return (operation) => {
    pending ??= load(operation).catch((error: unknown) => {
      if (error instanceof SlackApiError && error.retryable) pending = undefined;
      throw error;
    });
    return pending;
  };
}

export function createDirectory(client: SlackClient): Directory {
  const selfId = memo(async (operation) => (await client.call('auth.test', {}, AuthTest, { operation, subject: 'the token' })).user_id);

  /** Set once the whole list has been read. */
  let loaded: Everyone | undefined;
  const everyone = memo(async (operation): Promise<Everyone> => {
    const found: Everyone = { byId: new Map(), byEmail: new Map() };
    let cursor = '';
    const seen = new Set<string>();
    do {
      const args: Record<string, string> = { limit: String(client.pageSize) };
      if (cursor) args.cursor = cursor;
      const page = await client.call('users.list', args, UsersPage, { operation, subject: 'the workspace' });
      for (const user of page.members) {
        const person = toPerson(user);
        found.byId.set(person.id, person);
        // An address can outlive a deactivated account and come back on a new one: the active one wins.
        const holder = person.email ? found.byEmail.get(person.email) : undefined;
        if (person.email && (!holder || holder.deleted)) found.byEmail.set(person.email, person);
      }
      seen.add(cursor);
      cursor = page.response_metadata?.next_cursor ?? '';
      if (cursor && seen.has(cursor)) throw new SlackApiError(operation, 'users.list', 'invalid_cursor', 'users.list for the workspace: Slack returned the same page cursor twice');
    } while (cursor);
    loaded = found;
    return found;
  });

  const stragglers = new Map<string, Promise<SlackPerson>>();
  const lookedUp = new Map<string, Promise<SlackPerson | undefined>>();

  async function byId(id: string, operation: string): Promise<SlackPerson> {
    const known = (await everyone(operation)).byId.get(id);
    if (known) return known;
    // Someone who joined after the list was read, or a member from another workspace (Slack Connect).
    let pending = stragglers.get(id);
    if (!pending) {
      pending = client.call('users.info', { user: id }, UserAnswer, { operation, subject: `user ${id}` }).then((answer) => toPerson(answer.user));
      pending.catch(() => stragglers.delete(id));
      stragglers.set(id, pending);
    }
    return pending;
  }

  async function lookup(email: string, operation: string): Promise<SlackPerson | undefined> {
    try {
      const answer = await client.call('users.lookupByEmail', { email }, UserAnswer, { operation, subject: email });
      return toPerson(answer.user);
    } catch (error) {
      if (error instanceof SlackApiError && error.code === 'users_not_found') return undefined;
      throw error;
    }
  }

  async function byEmail(address: string, operation: string): Promise<SlackPerson | undefined> {
    const email = address.trim().toLowerCase();
    // The whole list is read only by runs that list channels; an apply of a few changes asks
    // about each person instead of paging through the workspace.
    const known = loaded?.byEmail.get(email);
    if (known) return known;
    let pending = lookedUp.get(email);
    if (!pending) {
      pending = lookup(email, operation);
      pending.catch(() => lookedUp.delete(email));
      lookedUp.set(email, pending);
    }
    return pending;
  }

  return {
    selfId,
    loadAll: async (operation) => {
      await everyone(operation);
    },
    byId,
    byEmail,
    listed: (email) => (loaded ? (loaded.byEmail.get(email.trim().toLowerCase()) ?? null) : undefined),
  };
}
