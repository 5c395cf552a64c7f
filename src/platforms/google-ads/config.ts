import { z } from 'zod';

/** The words validation uses for a customer id that does not match. */
export const GOOGLE_ADS_CUSTOMER_ID = { pattern: /^\d{3}-?\d{3}-?\d{4}$/, says: 'a 10-digit Google Ads customer id, dashes allowed (such as "123-456-7890")' };

const customerId = z.string().regex(GOOGLE_ADS_CUSTOMER_ID.pattern, GOOGLE_ADS_CUSTOMER_ID.says);

/** `google-ads:` of `policies/platforms.yaml`. */
export const GOOGLE_ADS_CONFIG = z.strictObject({
  loginCustomerIds: z
    .record(customerId, customerId)
    .default({})
    .describe('Customer id -> the manager account Latch reaches it through (login-customer-id), for accounts the manager hierarchy does not settle'),
});
