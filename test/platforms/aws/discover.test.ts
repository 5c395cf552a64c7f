import { afterEach, describe, expect, it } from 'vitest';
import { startAwsEmulator, type AwsEmulator } from '../../../src/emulators/aws/index.js';
import { awsImporter } from '../../../src/platforms/aws/discover.js';
import { onlyLocalNetwork } from '../emulator-per-test.js';
import { ACCESS_KEY, BIG, PROD, PS, STAGING, awsFault, context, seed } from './helpers.js';

let emulator: AwsEmulator | undefined;

onlyLocalNetwork();
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

describe('latch import --platform aws', () => {
  it('discovers every account a mapped permission set reaches, paged, each once', async () => {
    const twoAccounts = seed();
    twoAccounts.assignments.push({ account: PROD, permissionSetArn: PS.powerUser, principalType: 'USER', principalId: 'u-lee' });
    emulator = await startAwsEmulator({ seed: twoAccounts, accessKeyId: ACCESS_KEY, maxPageSize: 1 });
    const found = await awsImporter.discover(context({ LATCH_AWS_ENDPOINT_URL: emulator.url }));
    // STAGING holds only the unmapped Billing set: nothing Latch could manage there.
    expect(found).toEqual([
      { kind: 'aws-account', ref: PROD, name: PROD },
      { kind: 'aws-account', ref: BIG, name: BIG },
    ]);
    expect(found.some((account) => account.ref === STAGING)).toBe(false);
    expect(emulator.requests.filter((request) => request.path === '/SWBExternalService.ListAccountsForProvisionedPermissionSet').length).toBe(4);
  });

  it('fails closed when a page fails: no partial list', async () => {
    emulator = await startAwsEmulator({
      seed: seed(),
      accessKeyId: ACCESS_KEY,
      maxPageSize: 1,
      switches: { faults: [{ path: '/SWBExternalService.ListAccountsForProvisionedPermissionSet', after: 1, ...awsFault('AccessDeniedException', 403, 'not authorized') }] },
    });
    await expect(awsImporter.discover(context({ LATCH_AWS_ENDPOINT_URL: emulator.url }))).rejects.toThrow(/permission denied/);
  });

  it('maps e-mail principals to themselves and nothing else', async () => {
    expect([...(await awsImporter.emails(context({}), ['Maria@Acme-Agency.com', 'aws-user:breakglass']))]).toEqual([['Maria@Acme-Agency.com', 'maria@acme-agency.com']]);
  });
});
