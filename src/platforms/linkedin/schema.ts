import { z } from 'zod';

/** LinkedIn Marketing API answers, only the fields Latch reads. */

export const AdAccountUser = z.object({
  account: z.string(),
  user: z.string(),
  role: z.string(),
});
export type AdAccountUser = z.infer<typeof AdAccountUser>;

/** A finder page: `start/count` paging, `total` when LinkedIn knows it. */
export const AdAccountUsersPage = z.object({
  elements: z.array(AdAccountUser),
  paging: z.object({ start: z.number(), count: z.number(), total: z.number().optional() }).optional(),
});
export type AdAccountUsersPage = z.infer<typeof AdAccountUsersPage>;

/** LinkedIn's error envelope. */
export const ErrorBody = z.object({
  status: z.number().optional(),
  serviceErrorCode: z.number().optional(),
  code: z.string().optional(),
  message: z.string().default(''),
});
export type ErrorBody = z.infer<typeof ErrorBody>;
