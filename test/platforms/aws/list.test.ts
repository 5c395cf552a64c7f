import { describe, expect, it } from 'vitest';
import { startAwsEmulator, type AwsEmulator, type AwsEmulatorOptions } from '../../../src/emulators/aws/index.js';
import { awsFactory, createAwsAdapter, type AwsTuning } from '../../../src/platforms/aws/index.js';
import { emulatorPerTest, failure } from '../emulator-per-test.js';
import { ACCESS_KEY, BIG, PROD, SECRET, STAGING, account, awsFault, context, recordingSleep, seed } from './helpers.js';

/**
 * What IAM Identity Center documents and Latch relies on (the emulator models these):
 *
 * - AWS JSON 1.1: `POST /`, `X-Amz-Target: SWBExternalService.<Op>` / `AWSIdentityStore.<Op>`,
 *   errors as `__type` plus `x-amzn-errortype`, statuses from the service models.
 *   https://smithy.io/2.0/aws/protocols/aws-json-1_1-protocol.html
 * - A request without a SigV4 signature: MissingAuthenticationToken, 403.
 *   https://docs.aws.amazon.com/singlesignon/latest/APIReference/CommonErrors.html
 * - ListPermissionSetsProvisionedToAccount, ListAccountAssignments: `MaxResults` 1–100, `NextToken`
 *   until absent; the service may return fewer results than the maximum while more remain.
 *   https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_ListAccountAssignments.html
 *   https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_ListAccountAssignmentsForPrincipal.html
 * - CreateAccountAssignment / DeleteAccountAssignment are asynchronous: poll
 *   Describe…Status until IN_PROGRESS becomes SUCCEEDED or FAILED (with FailureReason);
 *   ConflictException means a previous write has not propagated: retry with backoff.
 *   https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_CreateAccountAssignment.html
 *   https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_DescribeAccountAssignmentCreationStatus.html
 * - GetUserId accepts the unique attributes `userName` and `emails.value` only; DescribeUser
 *   lists e-mails with a `Primary` flag; ListGroupMemberships names members by `MemberId.UserId`;
 *   ResourceNotFoundException names the ResourceType; ThrottlingException carries Retry-After.
 *   https://docs.aws.amazon.com/singlesignon/latest/IdentityStoreAPIReference/API_GetUserId.html
 *   https://docs.aws.amazon.com/singlesignon/latest/IdentityStoreAPIReference/API_DescribeUser.html
 *   https://docs.aws.amazon.com/singlesignon/latest/IdentityStoreAPIReference/API_ListGroupMemberships.html
 */

const emulators = emulatorPerTest<AwsEmulator>();
let emulator: AwsEmulator;

async function start(options: Partial<AwsEmulatorOptions> = {}): Promise<AwsEmulator> {
  emulator = emulators.started(await startAwsEmulator({ seed: seed(), accessKeyId: ACCESS_KEY, ...options }));
  return emulator;
}

function adapter(tuning: AwsTuning = {}, env: NodeJS.ProcessEnv = {}) {
  return createAwsAdapter(context({ LATCH_AWS_ENDPOINT_URL: emulator.url, ...env }), { sleep: async () => undefined, ...tuning });
}

function operations(): string[] {
  return emulator.requests.map((request) => request.path.replace(/^\/\w+\./, ''));
}

describe('aws factory', () => {
  it('declares its kind', () => {
    expect(awsFactory).toMatchObject({ id: 'aws', kinds: ['aws-account'] });
  });

  it.each([
    ['AWS_ACCESS_KEY_ID', { AWS_ACCESS_KEY_ID: undefined }],
    ['AWS_SECRET_ACCESS_KEY', { AWS_SECRET_ACCESS_KEY: undefined }],
  ])('names the missing %s', (name, env) => {
    expect(() => createAwsAdapter(context(env))).toThrow(name);
  });

  it('needs the aws section of policies/platforms.yaml', () => {
    expect(() => createAwsAdapter({ ...context({}), config: {} })).toThrow(/no aws section/);
  });
});

describe('aws list', () => {
  it('lists direct assignments by e-mail and group members as inherited from the group', async () => {
    await start();
    const grants = await adapter().list(account());
    expect(grants).toEqual([
      { principal: 'dana@apexoutdoor.com', level: 'read-only', handle: 'u-dana' },
      { principal: 'ivo@acme-agency.com', level: 'read-only', inheritedFrom: 'Identity Center group agency-ops' },
      { principal: 'maria@acme-agency.com', level: 'administrator', handle: 'u-maria' },
      { principal: 'maria@acme-agency.com', level: 'read-only', inheritedFrom: 'Identity Center group agency-ops' },
    ]);
    for (const request of emulator.requests) expect(request.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIALATCHTESTKEY0001\//);
  });

  it('names a user without an e-mail by user name, with the id as handle', async () => {
    const withNoMail = seed();
    withNoMail.assignments.push({ account: PROD, permissionSetArn: withNoMail.permissionSets[1]?.arn ?? '', principalType: 'USER', principalId: 'u-nomail' });
    await start({ seed: withNoMail });
    const grants = await adapter().list(account());
    expect(grants).toContainEqual({ principal: 'aws-user:breakglass', level: 'power-user', handle: 'u-nomail' });
  });

  it('follows NextToken over several pages, short pages included', async () => {
    await start({ maxPageSize: 25 });
    const grants = await adapter().list(account(BIG));
    expect(grants).toHaveLength(120);
    expect(new Set(grants.map((grant) => grant.principal)).size).toBe(120);
    expect(operations().filter((operation) => operation === 'ListAccountAssignments')).toHaveLength(5);
  });

  it('reads the identity store once per run for a user on many accounts', async () => {
    await start();
    const aws = adapter();
    await aws.list(account());
    await aws.list(account());
    expect(operations().filter((operation) => operation === 'DescribeUser' || operation === 'ListGroupMemberships')).toHaveLength(4);
  });

  it('makes an account with assignments of an unmapped permission set unread, naming the set', async () => {
    await start();
    const error = await failure(adapter().list(account(STAGING)));
    expect(error.message).toContain('permission set Billing');
    expect(error.message).toContain('aws.permissionSets');
  });

  it('reports an account that is not in the organization as not found', async () => {
    await start();
    const error = await failure(adapter().list(account('999999999999')));
    expect(error.status).toBe(404);
  });

  it('refuses a ref that is not a 12-digit account id before any call', async () => {
    await start();
    const error = await failure(adapter().list(account('1111-2222')));
    expect(error.message).toContain('12-digit');
    expect(emulator.requests).toHaveLength(0);
  });

  it('reports refused credentials without the secret', async () => {
    await start({ accessKeyId: 'AKIAOTHERKEY00000000' });
    const error = await failure(adapter().list(account()));
    expect(error.status).toBe(401);
    expect(error.message).toContain('UnrecognizedClientException');
    expect(error.message).not.toContain(SECRET);
  });

  it('reports AccessDeniedException as permission denied', async () => {
    await start({ switches: { faults: [{ path: '/SWBExternalService.ListPermissionSetsProvisionedToAccount', ...awsFault('AccessDeniedException', 403, 'User is not authorized to perform sso:ListPermissionSetsProvisionedToAccount') }] } });
    const error = await failure(adapter().list(account()));
    expect(error.status).toBe(403);
    expect(error.message).toContain('permission denied');
  });

  it('waits out a ThrottlingException with Retry-After, then succeeds', async () => {
    await start({ switches: { faults: [{ path: '/AWSIdentityStore.DescribeUser', ...awsFault('ThrottlingException', 429, 'Rate exceeded', { 'retry-after': '2' }) }] } });
    const { waits, sleep } = recordingSleep();
    const grants = await adapter({ sleep }).list(account());
    expect(grants).toHaveLength(4);
    expect(waits).toHaveLength(1);
    expect(waits[0]).toBeGreaterThan(1000);
  });

  it('fails retryably when throttling outlasts the retries', async () => {
    await start({ switches: { faults: [{ path: '/SWBExternalService.ListAccountAssignments', times: 10, ...awsFault('ThrottlingException', 429, 'Rate exceeded') }] } });
    const error = await failure(adapter({ retries: 2 }).list(account()));
    expect(error.retryable).toBe(true);
    expect(error.message).toContain('throttled');
  });

  it('throws when a page half-way through the list fails: never a partial list', async () => {
    await start({ maxPageSize: 40, switches: { faults: [{ path: '/SWBExternalService.ListAccountAssignments', after: 2, times: 10, ...awsFault('InternalServerException', 500, 'internal') }] } });
    const error = await failure(adapter({ retries: 1 }).list(account(BIG)));
    expect(error.retryable).toBe(true);
  });

  it.each([
    ['an answer without its list', { status: 200, body: { NextToken: null } }, /malformed response at PermissionSets/],
    ['an HTML error page', { status: 502, raw: '<html><body>Bad Gateway</body></html>' }, /HTTP 502/],
    ['truncated JSON', { status: 200, raw: '{"PermissionSets": ["arn', headers: { 'content-type': 'application/x-amz-json-1.1' } }, /./],
  ])('fails closed on %s', async (_what, fault, message) => {
    await start({ switches: { faults: [{ path: '/SWBExternalService.ListPermissionSetsProvisionedToAccount', times: 10, ...fault }] } });
    const error = await failure(adapter({ retries: 0 }).list(account()));
    expect(error.message).toMatch(message);
  });

  it('refuses repeated NextTokens as malformed paging', async () => {
    await start({
      switches: {
        faults: [{ path: '/SWBExternalService.ListPermissionSetsProvisionedToAccount', times: 10, status: 200, body: { PermissionSets: [], NextToken: 'again' }, headers: { 'content-type': 'application/x-amz-json-1.1' } }],
      },
    });
    const error = await failure(adapter().list(account()));
    expect(error.message).toContain('NextToken repeated');
  });

  it('is refused without a signature, as AWS refuses it', async () => {
    await start();
    const answer = await fetch(emulator.url, { method: 'POST', headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'SWBExternalService.ListPermissionSets' }, body: '{}' });
    expect(answer.status).toBe(403);
    expect(answer.headers.get('x-amzn-errortype')).toBe('MissingAuthenticationTokenException');
  });
});
