import { z } from 'zod';

/**
 * Shapes of the Slack Web API answers Latch reads, with only the fields it uses. Every
 * method answers HTTP 200 with `ok`; a failure carries `error` (and, for `missing_scope`,
 * the scope it `needed` and the ones the token `provided`).
 */

export const Failure = z.object({
  ok: z.literal(false),
  error: z.string(),
  needed: z.string().optional(),
  provided: z.string().optional(),
});
export type Failure = z.infer<typeof Failure>;

/** `response_metadata.next_cursor` is an empty string (or absent) on the last page. */
const ResponseMetadata = z.object({ next_cursor: z.string().optional() }).optional();

/** `conversations.members`: user ids only. */
export const MembersPage = z.object({
  ok: z.literal(true),
  members: z.array(z.string()),
  response_metadata: ResponseMetadata,
});
export type MembersPage = z.infer<typeof MembersPage>;

/** A user object as `users.list`, `users.info` and `users.lookupByEmail` return it. */
export const User = z.object({
  id: z.string(),
  name: z.string().optional(),
  deleted: z.boolean().optional(),
  is_bot: z.boolean().optional(),
  // Slack leaves unset profile fields out, or sends null or "".
  profile: z.object({ email: z.string().nullish() }).optional(),
});
export type User = z.infer<typeof User>;

/** `users.list`. */
export const UsersPage = z.object({
  ok: z.literal(true),
  members: z.array(User),
  response_metadata: ResponseMetadata,
});
export type UsersPage = z.infer<typeof UsersPage>;

/** `users.info` and `users.lookupByEmail`. */
export const UserAnswer = z.object({ ok: z.literal(true), user: User });
export type UserAnswer = z.infer<typeof UserAnswer>;

/** `auth.test`: who the token is. */
export const AuthTest = z.object({ ok: z.literal(true), user_id: z.string() });
export type AuthTest = z.infer<typeof AuthTest>;

/** `conversations.invite` and `conversations.kick`: nothing beyond `ok` is used. */
export const Done = z.object({ ok: z.literal(true) });
export type Done = z.infer<typeof Done>;
