import type { ChangeResult } from '../apply/execute.js';
import type { ApplyCounts } from '../apply/run.js';
import type { Change } from '../model/plan.js';

const MARK = { applied: '✓', unchanged: '=', failed: '✗', skipped: '·' } as const;

function describeChange(change: Change): string {
  const level = change.action === 'update' ? `${change.from} -> ${change.to}` : change.action === 'grant' ? change.to : change.from;
  return `${change.action} ${level} ${change.kind} ${change.resource} ${change.principal}`;
}

/**
 * Plain-text result of an apply: one line per change carried out now, then the counts of the
 * whole apply, where "already in place" includes what an earlier, interrupted apply did.
 */
export function renderApplyResults(results: readonly ChangeResult[], counts: ApplyCounts): string {
  const lines = results.map((result) => {
    const detail = result.detail ? ` (${result.detail})` : '';
    return `${MARK[result.status]} ${result.status.padEnd(9)} ${describeChange(result.change)}${detail}`;
  });
  lines.push('', `Applied ${counts.applied}, already in place ${counts.alreadyInPlace}, failed ${counts.failed}, not applied ${counts.notApplied}.`);
  return `${lines.join('\n')}\n`;
}
