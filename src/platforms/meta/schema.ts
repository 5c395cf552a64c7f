import { z } from 'zod';

/** Graph API answers, only the fields Latch reads. */

/** Cursor paging: `next` is present only when another page exists. */
export const Paging = z.object({
  cursors: z.object({ after: z.string().optional() }).optional(),
  next: z.string().optional(),
});
export type Paging = z.infer<typeof Paging>;

export function Page<T extends z.ZodType>(item: T) {
  return z.object({ data: z.array(item), paging: Paging.optional() });
}

/** `GET /act_{id}/assigned_users`: business-scoped user ids and their unpacked tasks. */
export const AssignedUser = z.object({
  id: z.string(),
  tasks: z.array(z.string()).default([]),
});
export type AssignedUser = z.infer<typeof AssignedUser>;

/** `GET /{business_id}/business_users`: people who accepted the business invitation. */
export const BusinessUser = z.object({
  id: z.string(),
  email: z.string().optional(),
  role: z.string().optional(),
});
export type BusinessUser = z.infer<typeof BusinessUser>;

/** `GET /{business_id}/pending_users`: business invitations not accepted yet. */
export const PendingUser = z.object({
  id: z.string(),
  email: z.string(),
  role: z.string().optional(),
  status: z.string().optional(),
  created_time: z.string().optional(),
  expiration_time: z.string().optional(),
});
export type PendingUser = z.infer<typeof PendingUser>;

/** `POST /{business_id}/business_users`. */
export const Created = z.object({ id: z.string() });

/** Writes on `assigned_users`. */
export const Success = z.object({ success: z.boolean() });

/** Every Graph error has this envelope; the code, not the HTTP status, says what happened. */
export const GraphError = z.object({
  error: z.object({
    message: z.string(),
    type: z.string().optional(),
    code: z.number(),
    error_subcode: z.number().optional(),
  }),
});
export type GraphError = z.infer<typeof GraphError>;

/**
 * `X-Business-Use-Case-Usage`: per business object, per use case, how much of the quota
 * is used and, when throttled, how many minutes until calls are allowed again.
 */
export const BusinessUseCaseUsage = z.record(
  z.string(),
  z.array(
    z.object({
      type: z.string().optional(),
      call_count: z.number().optional(),
      estimated_time_to_regain_access: z.number().optional(),
    }),
  ),
);
