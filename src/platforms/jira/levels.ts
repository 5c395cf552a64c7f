import type { PlatformsConfig } from '../../load/model.js';
import { JIRA_KINDS } from './kinds.js';

/**
 * Jira speaks project roles, named per site; Latch speaks levels. `policies/platforms.yaml`
 * (`jira.roles`) names the role of each level. Roles it does not name are not Latch's: they
 * are neither read nor changed. A person in several named roles has the highest one's level.
 */

export type JiraLevel = (typeof JIRA_KINDS)[0]['levels'][number];

/** Lowest first. */
export const JIRA_LEVELS: readonly JiraLevel[] = JIRA_KINDS[0].levels;

export function isJiraLevel(value: string): value is JiraLevel {
  return (JIRA_LEVELS as readonly string[]).includes(value);
}

/** Level -> the site's role name, for the levels the configuration names. */
export type RoleNames = Partial<Record<JiraLevel, string>>;

export function roleNamesOf(config: PlatformsConfig): RoleNames | undefined {
  return config.jira?.roles;
}

/** The level a role name gives, or undefined for a role that is not Latch's (names compare case-insensitively, as Jira keeps them unique). */
export function levelOfRole(names: RoleNames, role: string): JiraLevel | undefined {
  const wanted = role.trim().toLowerCase();
  return JIRA_LEVELS.find((level) => names[level]?.trim().toLowerCase() === wanted);
}

/** The highest of some levels; undefined for none. */
export function highestLevel(levels: Iterable<JiraLevel>): JiraLevel | undefined {
  let best: JiraLevel | undefined;
  for (const level of levels) if (best === undefined || JIRA_LEVELS.indexOf(level) > JIRA_LEVELS.indexOf(best)) best = level;
  return best;
}
