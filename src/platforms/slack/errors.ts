import { PlatformError } from '../../errors.js';
import { METHODS, type SlackMethod } from './methods.js';
import type { Failure } from './schema.js';

export const PLATFORM = 'slack';

/** Names the call in errors: the operation (`list`, `grant`, `revoke`) and its subject. */
export interface CallContext {
  operation: string;
  /** What the call is about, e.g. `channel C0123ABC` or `dana@apex.com`. */
  subject: string;
}

/** A Slack method answered `{ok: false, error}` (or could not be called): the code is kept in a field. */
export class SlackApiError extends PlatformError {
  /** Slack's error code (`channel_not_found`), or `ratelimited`, `http_<status>`, `network`, `malformed_response`. */
  readonly code: string;
  readonly method: SlackMethod;
  constructor(operation: string, method: SlackMethod, code: string, message: string, options: { status?: number; retryable?: boolean; cause?: unknown } = {}) {
    super(PLATFORM, operation, message, options);
    this.name = 'SlackApiError';
    this.code = code;
    this.method = method;
  }
}

interface Explanation {
  text: string;
  retryable?: boolean;
}

const AUTH_REFUSED = 'SLACK_TOKEN was refused; check that it is a current bot token of this workspace';
const TRANSIENT = { text: 'Slack had a temporary problem; try again', retryable: true };

/** What each error code means for the person reading the report. */
const EXPLAIN: Record<string, Explanation> = {
  channel_not_found: { text: 'the channel does not exist, or the Slack app cannot see it (a private channel needs the app added to it)' },
  not_in_channel: { text: 'the Slack app is not a member of the channel; add the app to the channel first' },
  is_archived: { text: 'the channel is archived; unarchive it, or remove it from the client file' },
  cant_invite: { text: 'Slack does not let this person be invited to this channel (a guest limited to other channels, or a workspace setting)' },
  cant_invite_self: { text: "Latch's own Slack user is never invited or removed" },
  cant_kick_self: { text: "Latch's own Slack user is never invited or removed" },
  cant_kick_from_general: { text: "nobody can be removed from the workspace's #general channel" },
  restricted_action: { text: 'a workspace setting (who may add or remove channel members) stops the Slack app from doing this; a workspace admin must allow it' },
  not_supported: { text: 'Slack does not support this for this channel and user (a Slack Connect channel or an external member)' },
  user_not_found: { text: 'Slack does not know this user id' },
  method_not_supported_for_channel_type: { text: 'this is not a channel (direct messages cannot be managed)' },
  invalid_cursor: { text: 'Slack refused the page cursor' },
  invalid_auth: { text: AUTH_REFUSED },
  not_authed: { text: 'no token reached Slack; check SLACK_TOKEN' },
  account_inactive: { text: 'SLACK_TOKEN belongs to a deleted user or workspace' },
  token_revoked: { text: 'SLACK_TOKEN has been revoked' },
  token_expired: { text: 'SLACK_TOKEN has expired' },
  ratelimited: { text: 'Slack rate limit reached; try again later', retryable: true },
  fetch_members_failed: TRANSIENT,
  internal_error: TRANSIENT,
  fatal_error: TRANSIENT,
  service_unavailable: TRANSIENT,
  request_timeout: TRANSIENT,
};

/** Turns a `{ok: false}` answer into an error naming the method, the subject and what to do. */
export function failureError(operation: string, method: SlackMethod, subject: string, failure: Failure, status: number): SlackApiError {
  const code = failure.error;
  if (code === 'missing_scope') {
    const needed = failure.needed ?? METHODS[method].scopes;
    const provided = failure.provided ? ` (it has ${failure.provided})` : '';
    const text = `the token lacks the Slack scope ${needed}${provided}; add it to the app and reinstall it`;
    return new SlackApiError(operation, method, code, `${method} for ${subject}: missing_scope: ${text}`, { status });
  }
  const explained = EXPLAIN[code];
  const text = explained ? `${code}: ${explained.text}` : `Slack answered ${code}`;
  return new SlackApiError(operation, method, code, `${method} for ${subject}: ${text}`, { status, retryable: explained?.retryable ?? false });
}
