import { z } from 'zod';

/** TikTok API for Business v1.3 answers, only the fields Latch reads. */

/**
 * Every answer, errors included, is this envelope, usually with HTTP 200: `code` 0 means
 * success, anything else is an error named by its code and message.
 */
export const Envelope = z.object({
  code: z.number().int(),
  message: z.string(),
  request_id: z.string().optional(),
  data: z.unknown().optional(),
});
export type Envelope = z.infer<typeof Envelope>;

/** `data.page_info` of every paged list. */
export const PageInfo = z.object({
  page: z.number().int().positive(),
  page_size: z.number().int().positive(),
  total_number: z.number().int().nonnegative(),
  total_page: z.number().int().nonnegative(),
});
export type PageInfo = z.infer<typeof PageInfo>;

export function Page<T extends z.ZodType>(item: T) {
  return z.object({ list: z.array(item), page_info: PageInfo });
}

/** Whether a person joined the Business Center (BOUND) or was invited and has not (PENDING, REJECTED). */
export const RelationStatus = z.enum(['BOUND', 'PENDING', 'REJECTED']);

/** `bc/member/get/` and `bc/asset/member/get/`: a member of the Business Center, with their role on the asset in the latter. */
export const Member = z.object({
  user_id: z.string().optional(),
  user_email: z.string().optional(),
  user_role: z.string().optional(),
  relation_status: RelationStatus,
  advertiser_role: z.string().optional(),
});
export type Member = z.infer<typeof Member>;

/** `bc/asset/get/` with `asset_type=ADVERTISER`: an ad account the Business Center owns or a partner shares. */
export const Asset = z.object({
  asset_id: z.string().min(1),
  asset_name: z.string().optional(),
  relation_type: z.string().optional(),
  advertiser_role: z.string().optional(),
});
export type Asset = z.infer<typeof Asset>;
