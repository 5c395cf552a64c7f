import type { ChangeResult } from '../apply/execute.js';
import { countResults } from '../apply/execute.js';
import type { Change } from '../model/plan.js';

const MARK = { applied: '✓', unchanged: '=', failed: '✗', skipped: '·' } as const;

function describeChange(change: Change): string {
  const level = change.action === 'update' ? `${change.from} -> ${change.to}` : change.action === 'grant' ? change.to : change.from;
  return `${change.action} ${level} ${change.kind} ${change.resource} ${change.principal}`;
}

/** Plain-text result of an apply: one line per change, then the counts. */
export function renderApplyResults(results: readonly ChangeResult[]): string {
  const lines = results.map((result) => {
    const detail = result.detail ? ` (${result.detail})` : '';
    return `${MARK[result.status]} ${result.status.padEnd(9)} ${describeChange(result.change)}${detail}`;
  });
  const counts = countResults(results);
  lines.push(
    '',
    `Applied ${counts.applied}, already in place ${counts.unchanged}, failed ${counts.failed}, skipped ${counts.skipped}.`,
  );
  return `${lines.join('\n')}\n`;
}
