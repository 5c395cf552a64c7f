import { describe, expect, it } from 'vitest';
import { LEVELS } from '../../../src/model/kinds.js';
import { AWS_KINDS } from '../../../src/platforms/aws/kinds.js';
import { AWS_LEVELS, permissionSetMap } from '../../../src/platforms/aws/levels.js';
import { PS } from './helpers.js';

const map = permissionSetMap({ 'read-only': PS.readOnly, 'power-user': PS.powerUser, administrator: PS.admin });

describe('aws levels', () => {
  it.each([
    ['read-only', PS.readOnly],
    ['power-user', PS.powerUser],
    ['administrator', PS.admin],
  ])('%s is the permission set %s, both ways', (level, arn) => {
    expect(map.arnOf(level)).toBe(arn);
    expect(map.levelOf(arn)).toBe(level);
  });

  it('maps no level to a permission set the configuration does not name', () => {
    expect(map.levelOf(PS.billing)).toBeUndefined();
  });

  it('refuses a level of another kind', () => {
    expect(() => map.arnOf('admin')).toThrow(/not an aws-account level/);
  });

  it('refuses one permission set for two levels, since a reading would be ambiguous', () => {
    expect(() => permissionSetMap({ 'read-only': PS.readOnly, 'power-user': PS.readOnly, administrator: PS.admin })).toThrow(/both read-only and power-user/);
  });

  it('are the levels the core knows, lowest first', () => {
    expect(LEVELS['aws-account']).toEqual(AWS_LEVELS);
    expect(AWS_KINDS[0].levels).toEqual(AWS_LEVELS);
  });

  it.each([
    ['123456789012', undefined],
    ['012345678901', undefined],
    ['12345678901', 'not'],
    ['1234-5678-9012', 'not'],
  ])('the ref %s is %s refused by its form', (ref, refused) => {
    expect(AWS_KINDS[0].ref.pattern.test(ref)).toBe(refused === undefined);
  });
});
