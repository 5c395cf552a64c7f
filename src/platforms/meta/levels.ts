import type { Level } from '../../model/kinds.js';

/**
 * Meta speaks tasks, Latch speaks levels. An assigned user's `tasks` come back unpacked
 * (a MANAGE user also lists ADVERTISE, ANALYZE and DRAFT), so the highest task present is
 * the level. DRAFT alone (prepare ads, publish nothing) reads as `analyze`: it is access to
 * the account, so an undeclared drafter is seen and revoked, and Latch never grants DRAFT.
 */

export type MetaTask = 'MANAGE' | 'ADVERTISE' | 'ANALYZE' | 'DRAFT';
export type MetaLevel = 'analyze' | 'advertise' | 'manage';

export const META_TASKS: readonly MetaTask[] = ['MANAGE', 'ADVERTISE', 'ANALYZE', 'DRAFT'];

/** What Latch sends for a level: the task set Meta itself reports for it. */
const TASKS_OF_LEVEL = {
  manage: ['MANAGE', 'ADVERTISE', 'ANALYZE', 'DRAFT'],
  advertise: ['ADVERTISE', 'ANALYZE', 'DRAFT'],
  analyze: ['ANALYZE'],
} as const satisfies Record<MetaLevel, readonly MetaTask[]>;

/** Highest first; the first one present decides. */
const LEVEL_OF_TASK: readonly (readonly [MetaTask, MetaLevel])[] = [
  ['MANAGE', 'manage'],
  ['ADVERTISE', 'advertise'],
  ['ANALYZE', 'analyze'],
  ['DRAFT', 'analyze'],
];

export function isMetaLevel(value: string): value is MetaLevel {
  return Object.hasOwn(TASKS_OF_LEVEL, value);
}

export function isMetaTask(value: string): value is MetaTask {
  return (META_TASKS as readonly string[]).includes(value);
}

/** The Latch level of an assigned user's tasks; undefined when no known task is present. */
export function levelFromTasks(tasks: readonly string[]): MetaLevel | undefined {
  return LEVEL_OF_TASK.find(([task]) => tasks.includes(task))?.[1];
}

/** The tasks to send for a Latch level; throws on a level of another kind. */
export function tasksForLevel(level: Level): MetaTask[] {
  if (!isMetaLevel(level)) throw new Error(`"${level}" is not a meta-ad-account level`);
  return [...TASKS_OF_LEVEL[level]];
}
