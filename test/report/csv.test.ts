import { describe, expect, it } from 'vitest';
import type { RegisterRow } from '../../src/history/register-row.js';
import { csvField, renderCsv } from '../../src/report/csv.js';
import { REGISTER_COLUMNS, renderRegisterCsv } from '../../src/report/register.js';

describe('csvField (RFC 4180)', () => {
  it.each([
    { value: 'plain', field: 'plain' },
    { value: 'release manager, v2', field: '"release manager, v2"' },
    { value: 'the "v2" launch', field: '"the ""v2"" launch"' },
    { value: 'two\nlines', field: '"two\nlines"' },
    { value: 'carriage\rreturn', field: '"carriage\rreturn"' },
    { value: "it's fine; really", field: "it's fine; really" },
    { value: 7, field: '7' },
    { value: undefined, field: '' },
    { value: null, field: '' },
    { value: '', field: '' },
  ])('$value -> $field', ({ value, field }) => {
    expect(csvField(value)).toBe(field);
  });

  it('writes a header, CRLF after every record, and keeps quoted line breaks inside one record', () => {
    expect(renderCsv(['a', 'b'], [['1', 'x,y'], ['2', 'line\nbreak']])).toBe('a,b\r\n1,"x,y"\r\n2,"line\nbreak"\r\n');
  });
});

describe('renderRegisterCsv', () => {
  it('has a stable column order and quotes justifications written by people', () => {
    const row: RegisterRow = {
      client: 'apex',
      person: 'tom',
      email: 'tom@acme-agency.com',
      side: 'agency',
      platform: 'github',
      kind: 'github-repo',
      resource: 'acme-agency/apex-api',
      principal: 'tom-acme',
      level: 'maintain',
      status: 'current',
      grantedOn: '2026-03-02T09:30:00Z',
      grantedBy: 'Carla Díaz',
      grantedPr: 5,
      mergedBy: 'Priya Shah',
      justification: 'release manager, for the "v2" launch',
      expectedEnd: '2027-03-31',
    };
    const [header, line, rest] = renderRegisterCsv({ rows: [row] }).split('\r\n');
    expect(header).toBe(
      'client,person,email,side,platform,kind,resource,principal,level,status,granted_on,granted_by,granted_pr,granted_commit,merged_by,applied_on,justification,expected_end,revoked_on,revoked_by,revoked_pr,revoked_commit,revocation_applied_on,revocation_applied_by',
    );
    expect(REGISTER_COLUMNS).toHaveLength(24);
    expect(line).toBe(
      'apex,tom,tom@acme-agency.com,agency,github,github-repo,acme-agency/apex-api,tom-acme,maintain,current,2026-03-02T09:30:00Z,Carla Díaz,5,,Priya Shah,,"release manager, for the ""v2"" launch",2027-03-31,,,,,,',
    );
    expect(rest).toBe('');
  });
});
