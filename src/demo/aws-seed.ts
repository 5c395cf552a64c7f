import type { AwsEmulator, AwsSeed } from '../emulators/aws/index.js';

/** Fake credentials the AWS emulator checks (the access key id; the secret is never sent). */
export const DEMO_AWS_CREDENTIALS = { accessKeyId: 'AKIADEMOLATCHNEVER01', secretAccessKey: 'demoAwsSecretKeyNeverPrinted000000000000' } as const;

const INSTANCE = 'arn:aws:sso:::instance/ssoins-7223a1b2c3d4e5f6';
const permissionSet = (id: string) => `arn:aws:sso:::permissionSet/ssoins-7223a1b2c3d4e5f6/ps-${id}`;
export const DEMO_AWS_PERMISSION_SETS = {
  readOnly: permissionSet('a1b2c3d4e5f60001'),
  powerUser: permissionSet('a1b2c3d4e5f60002'),
  admin: permissionSet('a1b2c3d4e5f60003'),
} as const;

/** Apex's production account, in the agency's organization (`mode: manage`). */
export const DEMO_APEX_PROD = '210987654321';
/** Bloom's data account: Bloom's own administrators assign it (`mode: verify`). */
export const DEMO_BLOOM_DATA = '345678901234';

/**
 * The agency's IAM Identity Center as the demo finds it. The worst case first: ken, Cobalt's
 * admin, still holds AdministratorAccess on Apex's production account from a joint project.
 * maria has AdministratorAccess where her role gives read-only, tom has nothing yet; on
 * Bloom's account priya is verified and maria's power user access is not given yet.
 */
export const DEMO_AWS: AwsSeed = {
  instanceArn: INSTANCE,
  identityStoreId: 'd-9067a1b2c3',
  permissionSets: [
    { arn: DEMO_AWS_PERMISSION_SETS.readOnly, name: 'ReadOnly' },
    { arn: DEMO_AWS_PERMISSION_SETS.powerUser, name: 'PowerUser' },
    { arn: DEMO_AWS_PERMISSION_SETS.admin, name: 'AdministratorAccess' },
  ],
  accounts: [DEMO_APEX_PROD, DEMO_BLOOM_DATA],
  users: [
    { id: 'u-maria', userName: 'maria', email: 'maria@acme-agency.com' },
    { id: 'u-tom', userName: 'tom', email: 'tom@acme-agency.com' },
    { id: 'u-priya', userName: 'priya', email: 'priya@acme-agency.com' },
    { id: 'u-ken', userName: 'ken', email: 'ken@cobaltfreight.com' },
    { id: 'u-olivia', userName: 'olivia', email: 'olivia@bloombotanicals.com' },
  ],
  groups: [],
  assignments: [
    { account: DEMO_APEX_PROD, permissionSetArn: DEMO_AWS_PERMISSION_SETS.admin, principalType: 'USER', principalId: 'u-ken' },
    { account: DEMO_APEX_PROD, permissionSetArn: DEMO_AWS_PERMISSION_SETS.admin, principalType: 'USER', principalId: 'u-maria' },
    { account: DEMO_BLOOM_DATA, permissionSetArn: DEMO_AWS_PERMISSION_SETS.readOnly, principalType: 'USER', principalId: 'u-priya' },
    { account: DEMO_BLOOM_DATA, permissionSetArn: DEMO_AWS_PERMISSION_SETS.admin, principalType: 'USER', principalId: 'u-olivia' },
  ],
};

/** What Bloom's administrator does after reading `latch request bloom`. Returns the story. */
export function bloomAssignsInAws(aws: Pick<AwsEmulator, 'assignByHand'>): string {
  aws.assignByHand({ account: DEMO_BLOOM_DATA, permissionSetArn: DEMO_AWS_PERMISSION_SETS.powerUser, principalType: 'USER', principalId: 'u-maria' });
  return 'Olivia assigns maria the PowerUser permission set on Bloom\'s AWS account.';
}

/** Drift: Cobalt's admin gets AdministratorAccess on Apex's production account again, by hand. Returns the story. */
export function kenBackOnApexProd(aws: Pick<AwsEmulator, 'assignByHand'>): string {
  aws.assignByHand({ account: DEMO_APEX_PROD, permissionSetArn: DEMO_AWS_PERMISSION_SETS.admin, principalType: 'USER', principalId: 'u-ken' });
  return "Someone assigns ken@cobaltfreight.com (Cobalt) AdministratorAccess on Apex's production AWS account in the IAM Identity Center console.";
}

/** Points Latch's AWS adapter at the emulator with the demo's fake credentials. */
export function demoAwsEnv(url: string): Record<string, string> {
  return { LATCH_AWS_ENDPOINT_URL: url, LATCH_AWS_POLL_INTERVAL_MS: '50', AWS_ACCESS_KEY_ID: DEMO_AWS_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: DEMO_AWS_CREDENTIALS.secretAccessKey };
}
