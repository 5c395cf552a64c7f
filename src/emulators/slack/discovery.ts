import type { Args, SlackBody, Workspace } from './state.js';

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;

function cursorOf(offset: number): string {
  return Buffer.from(`list:${offset}`).toString('base64');
}

function offsetOf(cursor: string): number | undefined {
  const match = /^list:(\d+)$/.exec(Buffer.from(cursor, 'base64').toString('utf8'));
  return match ? Number(match[1]) : undefined;
}

/**
 * `conversations.list` as Slack answers it: channels of the requested `types`
 * (`public_channel`, `private_channel`; default public), archived ones unless
 * `exclude_archived`, in pages of `limit` with a cursor. `latch import` discovers with it.
 */
export function conversationsList(workspace: Workspace, args: Args): SlackBody {
  const types = new Set((args.types ?? 'public_channel').split(',').map((type) => type.trim()));
  const limit = Math.min(Number.parseInt(args.limit ?? '', 10) || DEFAULT_LIMIT, MAX_LIMIT);
  const start = args.cursor ? offsetOf(args.cursor) : 0;
  if (start === undefined) return { ok: false, error: 'invalid_cursor' };
  const channels = Object.entries(workspace.snapshot().channels)
    .filter(([id, channel]) => types.has(id.startsWith('G') ? 'private_channel' : 'public_channel') && !(args.exclude_archived === 'true' && channel.archived))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([id, channel]) => ({ id, name: channel.name ?? id.toLowerCase(), is_channel: true, is_private: id.startsWith('G'), is_archived: channel.archived ?? false }));
  const page = channels.slice(start, start + limit);
  const next = start + limit < channels.length ? cursorOf(start + limit) : '';
  return { ok: true, channels: page, response_metadata: { next_cursor: next } };
}
