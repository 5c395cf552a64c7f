import { z } from 'zod';

/** Google Ads REST answers (JSON names are camelCase), only the fields Latch reads. */

export const CustomerUserAccess = z.object({
  resourceName: z.string(),
  emailAddress: z.string(),
  accessRole: z.string(),
});
export type CustomerUserAccess = z.infer<typeof CustomerUserAccess>;

export const CustomerUserAccessInvitation = z.object({
  resourceName: z.string(),
  emailAddress: z.string(),
  accessRole: z.string(),
  /** `YYYY-MM-DD HH:MM:SS` in the account's time zone. */
  creationDateTime: z.string().optional(),
});
export type CustomerUserAccessInvitation = z.infer<typeof CustomerUserAccessInvitation>;

/** One page of `googleAds:search`; `results` is absent when nothing matched. */
export function SearchPage<T extends z.ZodType>(row: T) {
  return z.object({ results: z.array(row).default([]), nextPageToken: z.string().optional() });
}

export const AccessRow = z.object({ customerUserAccess: CustomerUserAccess });
export const InvitationRow = z.object({ customerUserAccessInvitation: CustomerUserAccessInvitation });

/** `…:mutate` with one operation. */
export const MutateResult = z.object({ result: z.object({ resourceName: z.string() }).optional() });

/** A Google Ads failure: the status, and in `details` the GoogleAdsFailure with its error codes. */
export const ErrorBody = z.object({
  error: z.object({
    code: z.number().optional(),
    message: z.string().default(''),
    status: z.string().optional(),
    details: z
      .array(
        z.object({
          retryDelay: z.string().optional(),
          errors: z
            .array(
              z.object({
                errorCode: z.record(z.string(), z.string()).optional(),
                message: z.string().optional(),
                details: z.object({ quotaErrorDetails: z.object({ retryDelay: z.string().optional() }).optional() }).optional(),
              }),
            )
            .optional(),
        }),
      )
      .optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;
