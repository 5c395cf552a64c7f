import type { KindFacts } from '../kind.js';

/*
 * The client's own steps use the IAM Identity Center console's words: "AWS accounts" under
 * "Multi-account permissions", "Assign users or groups", "Change permission sets" and
 * "Remove access" (IAM Identity Center User Guide, "Assign user access to AWS accounts").
 */
const CONSOLE = 'In the IAM Identity Center console of your organization';

/** `aws-account`: an AWS account of the organization, reached through IAM Identity Center account assignments. */
export const AWS_KINDS = [
  {
    kind: 'aws-account',
    platform: 'aws',
    levels: ['read-only', 'power-user', 'administrator'],
    identity: 'email',
    writeLevel: 'power-user',
    ref: {
      says: 'a 12-digit AWS account id, such as "123456789012" (quote it, or YAML drops leading zeros)',
      example: '123456789012',
      pattern: /^\d{12}$/,
      maxLength: 12,
      owned: false,
      canonical: (ref: string) => ref,
    },
    guide: {
      account: (ref: string) => `AWS account ${ref}`,
      // The client's permission sets are theirs to name; in brackets, the AWS managed policy of the same reach.
      words: {
        'read-only': 'a read-only permission set (ReadOnlyAccess)',
        'power-user': 'a power user permission set (PowerUserAccess)',
        administrator: 'an administrator permission set (AdministratorAccess)',
      },
      open: (ref: string) => `${CONSOLE}, open Multi-account permissions → AWS accounts and select account ${ref}.`,
      add: (who: string, level: string) =>
        `Choose Assign users or groups, select the Identity Center user with the e-mail ${who} (no such user? create one under Users first), then ${level}, then Submit.`,
      change: (who: string, level: string) =>
        `Under Assigned users and groups, select ${who}, choose Change permission sets, keep only ${level}, then Save changes.`,
      reinvite: (who: string, level: string) => `Choose Assign users or groups, select ${who}, then ${level}, then Submit.`,
      accept: (who: string) => `Nothing to do for you: ${who} signs in through the AWS access portal.`,
      remove: (who: string) => `Under Assigned users and groups, select ${who}, then Remove access.`,
      cancel: (who: string) => `Under Assigned users and groups, select ${who}, then Remove access.`,
    },
  },
] as const satisfies readonly KindFacts[];
