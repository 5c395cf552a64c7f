import type { Level } from '../../model/kinds.js';

/**
 * Meta speaks tasks, Latch speaks levels. The ad account tasks Meta documents are MANAGE,
 * ADVERTISE, ANALYZE, DRAFT and AA_ANALYZE; an assigned user's `tasks` come back unpacked (a
 * MANAGE user also lists ADVERTISE, ANALYZE and DRAFT), so the highest task present is the
 * level. DRAFT (Creative Hub mockups) and AA_ANALYZE (Analytics) do not include View
 * performance: alone they read as `limited`, access that is seen, raised or revoked like any
 * other, never mistaken for `analyze`.
 * https://developers.facebook.com/docs/marketing-api/reference/ad-account/assigned_users/
 */

export type MetaTask = 'MANAGE' | 'ADVERTISE' | 'ANALYZE' | 'DRAFT' | 'AA_ANALYZE';
export type MetaLevel = 'limited' | 'analyze' | 'advertise' | 'manage';

export const META_TASKS: readonly MetaTask[] = ['MANAGE', 'ADVERTISE', 'ANALYZE', 'DRAFT', 'AA_ANALYZE'];

/** What Latch sends for a level: the task set Meta itself reports for it. */
const TASKS_OF_LEVEL = {
  manage: ['MANAGE', 'ADVERTISE', 'ANALYZE', 'DRAFT'],
  advertise: ['ADVERTISE', 'ANALYZE', 'DRAFT'],
  analyze: ['ANALYZE'],
  limited: ['DRAFT'],
} as const satisfies Record<MetaLevel, readonly MetaTask[]>;

/** Highest first; the first one present decides. */
const LEVEL_OF_TASK: readonly (readonly [MetaTask, MetaLevel])[] = [
  ['MANAGE', 'manage'],
  ['ADVERTISE', 'advertise'],
  ['ANALYZE', 'analyze'],
  ['DRAFT', 'limited'],
  ['AA_ANALYZE', 'limited'],
];

export function isMetaLevel(value: string): value is MetaLevel {
  return Object.hasOwn(TASKS_OF_LEVEL, value);
}

export function isMetaTask(value: string): value is MetaTask {
  return (META_TASKS as readonly string[]).includes(value);
}

/** The Latch level of an assigned user's tasks; undefined when no documented task is present. */
export function levelFromTasks(tasks: readonly string[]): MetaLevel | undefined {
  return LEVEL_OF_TASK.find(([task]) => tasks.includes(task))?.[1];
}

/** The tasks to send for a Latch level; throws on a level of another kind. */
export function tasksForLevel(level: Level): MetaTask[] {
  if (!isMetaLevel(level)) throw new Error(`"${level}" is not a meta-ad-account level`);
  return [...TASKS_OF_LEVEL[level]];
}
