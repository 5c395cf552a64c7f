import { pino } from 'pino';
import type { ManagedResource } from '../../../src/model/grants.js';
import type { Change } from '../../../src/model/plan.js';
import type { PlatformContext } from '../../../src/platforms/adapter.js';
import type { AwsSeed } from '../../../src/emulators/aws/index.js';

export const ACCESS_KEY = 'AKIALATCHTESTKEY0001';
export const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYsecretvalue';
export const INSTANCE = 'arn:aws:sso:::instance/ssoins-1234567890abcdef';
export const STORE = 'd-1234567890';
export const PS = {
  readOnly: 'arn:aws:sso:::permissionSet/ssoins-1234567890abcdef/ps-0000000000000001',
  powerUser: 'arn:aws:sso:::permissionSet/ssoins-1234567890abcdef/ps-0000000000000002',
  admin: 'arn:aws:sso:::permissionSet/ssoins-1234567890abcdef/ps-0000000000000003',
  billing: 'arn:aws:sso:::permissionSet/ssoins-1234567890abcdef/ps-0000000000000004',
} as const;
export const PROD = '111122223333';
export const STAGING = '444455556666';
export const BIG = '777788889999';

/** An organization with two client accounts, a group, a user without e-mail, and a big account for paging. */
export function seed(): AwsSeed {
  const many = Array.from({ length: 120 }, (_, index) => ({ id: `u-many-${index}`, userName: `p${index}`, email: `person${String(index).padStart(3, '0')}@apex.com` }));
  return {
    instanceArn: INSTANCE,
    identityStoreId: STORE,
    permissionSets: [
      { arn: PS.readOnly, name: 'ReadOnly' },
      { arn: PS.powerUser, name: 'PowerUser' },
      { arn: PS.admin, name: 'Administrator' },
      { arn: PS.billing, name: 'Billing' },
    ],
    accounts: [PROD, STAGING, BIG],
    users: [
      { id: 'u-maria', userName: 'maria', email: 'Maria@Acme-Agency.com' },
      { id: 'u-dana', userName: 'dana', email: 'dana@apexoutdoor.com' },
      { id: 'u-nomail', userName: 'breakglass' },
      { id: 'u-ivo', userName: 'ivo', email: 'ivo@acme-agency.com' },
      { id: 'u-lee', userName: 'lee', email: 'lee@acme-agency.com' },
      ...many,
    ],
    groups: [{ id: 'g-ops', displayName: 'agency-ops', members: ['u-ivo', 'u-maria'] }],
    assignments: [
      { account: PROD, permissionSetArn: PS.admin, principalType: 'USER', principalId: 'u-maria' },
      { account: PROD, permissionSetArn: PS.readOnly, principalType: 'USER', principalId: 'u-dana' },
      { account: PROD, permissionSetArn: PS.readOnly, principalType: 'GROUP', principalId: 'g-ops' },
      { account: STAGING, permissionSetArn: PS.billing, principalType: 'USER', principalId: 'u-dana' },
      ...many.map((user) => ({ account: BIG, permissionSetArn: PS.powerUser, principalType: 'USER' as const, principalId: user.id })),
    ],
  };
}

export function config(): PlatformContext['config'] {
  return {
    aws: {
      region: 'eu-west-1',
      instanceArn: INSTANCE,
      identityStoreId: STORE,
      permissionSets: { 'read-only': PS.readOnly, 'power-user': PS.powerUser, administrator: PS.admin },
    },
  };
}

export function context(env: NodeJS.ProcessEnv): PlatformContext {
  return {
    config: config(),
    env: { AWS_ACCESS_KEY_ID: ACCESS_KEY, AWS_SECRET_ACCESS_KEY: SECRET, LATCH_RETRY_BASE_MS: '0', ...env },
    logger: pino({ level: 'silent' }),
  };
}

export function account(ref = PROD, client = 'apex'): ManagedResource {
  return { client, key: 'prod', kind: 'aws-account', ref, mode: 'manage', audience: 'any', at: { file: `clients/${client}.yaml`, line: 9, column: 3 } };
}

const base = { client: 'apex', kind: 'aws-account', reason: 'test', resource: PROD } as const;

export function grant(principal: string, to: string, resource: string = PROD): Change {
  return { ...base, resource, principal, action: 'grant', from: null, to };
}

export function update(principal: string, from: string, to: string): Change {
  return { ...base, principal, action: 'update', from, to };
}

export function revoke(principal: string, from: string, handle?: string): Change {
  return { ...base, principal, action: 'revoke', from, to: null, ...(handle ? { handle } : {}) };
}

/** Records the waits the adapter asks for without spending them. */
export function recordingSleep(): { waits: number[]; sleep: (ms: number) => Promise<void> } {
  const waits: number[] = [];
  return { waits, sleep: async (ms) => void waits.push(ms) };
}

/** An AWS JSON 1.1 error answer, as a fault. */
export function awsFault(type: string, status: number, message: string, headers: Record<string, string> = {}) {
  return { status, body: { __type: type, message }, headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-errortype': type, ...headers } };
}
