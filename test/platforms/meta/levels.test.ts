import { describe, expect, it } from 'vitest';
import { levelFromTasks, tasksForLevel } from '../../../src/platforms/meta/levels.js';

describe('Meta tasks and Latch levels', () => {
  it.each([
    [['MANAGE', 'ADVERTISE', 'ANALYZE', 'DRAFT'], 'manage'],
    [['MANAGE'], 'manage'],
    [['ADVERTISE', 'ANALYZE', 'DRAFT'], 'advertise'],
    [['DRAFT', 'ADVERTISE'], 'advertise'],
    [['ANALYZE'], 'analyze'],
    [['ANALYZE', 'DRAFT'], 'analyze'],
    [['DRAFT'], 'limited'],
    [['AA_ANALYZE'], 'limited'],
    [['DRAFT', 'AA_ANALYZE'], 'limited'],
    [['ANALYZE', 'AA_ANALYZE'], 'analyze'],
    [['ANALYZE', 'SOMETHING_NEW'], 'analyze'],
    [[], undefined],
    [['SOMETHING_NEW'], undefined],
  ])('tasks %j read as %s', (tasks, level) => {
    expect(levelFromTasks(tasks)).toBe(level);
  });

  it.each([
    ['manage', ['MANAGE', 'ADVERTISE', 'ANALYZE', 'DRAFT']],
    ['advertise', ['ADVERTISE', 'ANALYZE', 'DRAFT']],
    ['analyze', ['ANALYZE']],
    ['limited', ['DRAFT']],
  ])('level %s is sent as %j and reads back as itself', (level, tasks) => {
    expect(tasksForLevel(level)).toEqual(tasks);
    expect(levelFromTasks(tasksForLevel(level))).toBe(level);
  });

  it('refuses a level of another kind', () => {
    expect(() => tasksForLevel('admin')).toThrow(/not a meta-ad-account level/);
  });
});
