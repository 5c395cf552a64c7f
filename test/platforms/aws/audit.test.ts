import { describe, expect, it } from 'vitest';
import type { ActualGrant } from '../../../src/model/grants.js';
import type { AuditInput } from '../../../src/platforms/adapter.js';
import { crossClientFindings } from '../../../src/platforms/aws/audit.js';
import { PROD, STAGING, account } from './helpers.js';

const input: AuditInput = {
  principals: new Set(['maria@acme-agency.com', 'tom@acme-agency.com', 'ken@cobaltfreight.com']),
  resources: [account(PROD, 'apex'), account(STAGING, 'bloom')],
  clientsOf: new Map([
    ['maria@acme-agency.com', ['apex', 'bloom']],
    ['tom@acme-agency.com', ['cobalt']],
    ['ken@cobaltfreight.com', ['apex', 'cobalt']],
  ]),
  clientDomains: new Map([
    ['apex', ['apexoutdoor.com']],
    ['bloom', ['bloombotanicals.com']],
    ['cobalt', ['CobaltFreight.com']],
  ]),
};

function subjects(grants: ActualGrant[], ref = PROD): string[] {
  return crossClientFindings(new Map([[ref, grants]]), input).map((finding) => finding.subject);
}

describe('aws cross-client audit', () => {
  it.each([
    ['an agency person declared for this client', { principal: 'maria@acme-agency.com', level: 'read-only' }, []],
    ["this client's own people, declared or not", { principal: 'dana@apexoutdoor.com', level: 'administrator' }, []],
    ['an agency person declared for another client only', { principal: 'tom@acme-agency.com', level: 'read-only' }, [`${PROD} tom@acme-agency.com`]],
    ["another client's address, even declared in this client's file", { principal: 'ken@cobaltfreight.com', level: 'administrator' }, [`${PROD} ken@cobaltfreight.com`]],
    ["another client's address through a group", { principal: 'kim@cobaltfreight.com', level: 'administrator', inheritedFrom: 'Identity Center group legacy' }, [`${PROD} kim@cobaltfreight.com`]],
    ['someone nobody declares at no client domain', { principal: 'jake@freelance.example', level: 'read-only' }, []],
  ])('%s', (_what, grant: ActualGrant, expected) => {
    expect(subjects([grant])).toEqual(expected);
  });

  it('names the account, its client, the level and where the access comes from', () => {
    const [finding] = crossClientFindings(new Map([[PROD, [{ principal: 'kim@cobaltfreight.com', level: 'administrator', inheritedFrom: 'Identity Center group legacy' }]]]), input);
    expect(finding).toEqual({
      platform: 'aws',
      subject: `${PROD} kim@cobaltfreight.com`,
      message: `kim@cobaltfreight.com has administrator through Identity Center group legacy on AWS account ${PROD} of apex (clients/apex.yaml): an address of cobalt, another client's person on this account`,
    });
  });

  it('judges only the accounts this run read', () => {
    expect(crossClientFindings(new Map(), input)).toEqual([]);
  });
});
