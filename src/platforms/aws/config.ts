import { z } from 'zod';

const instanceArn = /^arn:aws(-[a-z]+)*:sso:::instance\/(sso)?ins-[a-zA-Z0-9-.]{16}$/;
const permissionSetArn = z
  .string()
  .regex(/^arn:aws(-[a-z]+)*:sso:::permissionSet\/(sso)?ins-[a-zA-Z0-9-.]{16}\/ps-[a-zA-Z0-9-./]{16}$/)
  .describe('arn:aws:sso:::permissionSet/ssoins-…/ps-…');

/** `aws:` of `policies/platforms.yaml`: the agency's IAM Identity Center and the permission set of each level. */
export const AWS_CONFIG = z.strictObject({
  region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/).describe('The region of the IAM Identity Center instance, such as eu-west-1'),
  instanceArn: z.string().regex(instanceArn).describe('The Identity Center instance: arn:aws:sso:::instance/ssoins-…'),
  identityStoreId: z
    .string()
    .regex(/^d-[0-9a-f]{10}$|^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/)
    .describe("The instance's identity store, such as d-1234567890"),
  permissionSets: z
    .strictObject({
      'read-only': permissionSetArn,
      'power-user': permissionSetArn,
      administrator: permissionSetArn,
    })
    .describe('The permission set ARN that gives each aws-account level'),
});
