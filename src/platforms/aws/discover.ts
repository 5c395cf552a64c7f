import type { Discovered, PlatformContext, PlatformImporter } from '../adapter.js';
import { allPages, createAwsApi, readSettings } from './client.js';
import { AccountsPage } from './schema.js';
import { AWS_LEVELS } from './levels.js';

/**
 * Every account one of the mapped permission sets is provisioned to: complete, or throws.
 * Account names live in AWS Organizations, which Latch does not call, so each account is
 * named by its id; rename the resources in the written files.
 */
async function discover(context: PlatformContext): Promise<Discovered[]> {
  const api = createAwsApi(readSettings(context.config, context.env), context.logger);
  const accounts = new Set<string>();
  for (const level of AWS_LEVELS) {
    const arn = api.settings.levels.arnOf(level);
    const found = await allPages(
      api,
      'discover',
      `ListAccountsForProvisionedPermissionSet ${arn}`,
      (sdk, token) => sdk.sso.send(new sdk.ssoAdmin.ListAccountsForProvisionedPermissionSetCommand({ InstanceArn: api.settings.instanceArn, PermissionSetArn: arn, MaxResults: 100, NextToken: token })),
      AccountsPage,
      (page) => page.AccountIds,
    );
    for (const account of found) accounts.add(account);
  }
  return [...accounts].sort().map((account): Discovered => ({ kind: 'aws-account', ref: account, name: account }));
}

/** The adapter names Identity Center users by e-mail already; users without one (`aws-user:…`) have none to give. */
function emails(_context: PlatformContext, principals: readonly string[]): Promise<Map<string, string>> {
  return Promise.resolve(new Map(principals.filter((principal) => principal.includes('@')).map((principal) => [principal, principal.toLowerCase()])));
}

/** Import from AWS: the accounts the site's permission sets reach through IAM Identity Center. */
export const awsImporter: PlatformImporter = {
  discover,
  emails,
  describe: (context) => `IAM Identity Center ${context.config.aws?.instanceArn ?? '(no aws section in policies/platforms.yaml)'}`,
};
