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
  /** `YYYY-MM-DD HH:MM:SS` in the account's time zone, with no offset. */
  creationDateTime: z.string().optional(),
  /** PENDING, then EXPIRED 20 days after creation, or DECLINED. */
  invitationStatus: z.string(),
});
export type CustomerUserAccessInvitation = z.infer<typeof CustomerUserAccessInvitation>;

/**
 * One page of `googleAds:search`. `results` is absent when nothing matched, so the
 * `fieldMask` every answer carries is what tells an empty page from a body that is not one.
 */
export function SearchPage<T extends z.ZodType>(row: T) {
  return z.object({ results: z.array(row).default([]), nextPageToken: z.string().optional(), fieldMask: z.string() });
}

export const AccessRow = z.object({ customerUserAccess: CustomerUserAccess });
/** An invitation with its account's time zone (`customer` is the resource's attributed resource). */
export const InvitationRow = z.object({ customerUserAccessInvitation: CustomerUserAccessInvitation, customer: z.object({ timeZone: z.string().min(1) }) });
export type InvitationRow = z.infer<typeof InvitationRow>;

/** A manager's link to a client, direct or not (level 0 is the manager itself); int64 comes as a string. */
export const CustomerClientRow = z.object({
  customerClient: z.object({
    clientCustomer: z.string().regex(/^customers\/\d+$/),
    level: z.union([z.string(), z.number()]).transform(Number),
  }),
});

/** `customers:listAccessibleCustomers`: the customers the credential reaches directly; absent when none. */
export const AccessibleCustomers = z.object({ resourceNames: z.array(z.string().regex(/^customers\/\d+$/)).default([]) });

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
