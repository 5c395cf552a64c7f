import type { Level } from '../../model/kinds.js';

/**
 * Latch's `aws-account` levels, lowest first. Each site maps them to its own permission sets
 * (`aws.permissionSets` in policies/platforms.yaml); Identity Center has no built-in roles.
 */
export const AWS_LEVELS = ['read-only', 'power-user', 'administrator'] as const;
export type AwsLevel = (typeof AWS_LEVELS)[number];

export function isAwsLevel(value: string): value is AwsLevel {
  return (AWS_LEVELS as readonly string[]).includes(value);
}

/** Level ↔ permission set ARN, both ways, from the site's configuration. */
export interface PermissionSetMap {
  /** The level a permission set stands for; undefined for a set the configuration does not map. */
  levelOf(permissionSetArn: string): AwsLevel | undefined;
  /** The permission set that gives a level; throws on a level of another kind. */
  arnOf(level: Level): string;
}

/** Builds the map; two levels on one permission set would make a reading ambiguous, so that is refused. */
export function permissionSetMap(arns: Readonly<Record<AwsLevel, string>>): PermissionSetMap {
  const byArn = new Map<string, AwsLevel>();
  for (const level of AWS_LEVELS) {
    const arn = arns[level];
    const earlier = byArn.get(arn);
    if (earlier) throw new Error(`aws.permissionSets maps both ${earlier} and ${level} to ${arn}; each level needs its own permission set`);
    byArn.set(arn, level);
  }
  return {
    levelOf: (arn) => byArn.get(arn),
    arnOf: (level) => {
      if (!isAwsLevel(level)) throw new Error(`"${level}" is not an aws-account level (${AWS_LEVELS.join(', ')})`);
      return arns[level];
    },
  };
}
