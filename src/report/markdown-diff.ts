import { structuredPatch } from 'diff';
import type { Change } from '../model/plan.js';

/**
 * Beyond this many edits in one resource the diff algorithm's quadratic cost shows (an
 * offboarded repository with thousands of people); the lines are then written directly,
 * in the order the diff would give them: what goes, then what comes.
 */
const MAX_EDITS = 400;

interface ResourceLines {
  header: string;
  before: string[];
  after: string[];
}

function linesByResource(changes: readonly Change[]): ResourceLines[] {
  const width = Math.max(...changes.map((change) => change.principal.length));
  const levelWidth = Math.max(...changes.flatMap((change) => [change.from?.length ?? 0, change.to?.length ?? 0]));
  const resources = new Map<string, ResourceLines>();
  for (const change of changes) {
    const header = `${change.kind} ${change.resource}`;
    let lines = resources.get(header);
    if (!lines) {
      lines = { header, before: [], after: [] };
      resources.set(header, lines);
    }
    const name = change.principal.padEnd(width);
    const reason = change.reason.replace(/\s*\r?\n\s*/g, ' ');
    if (change.from !== null) lines.before.push(change.action === 'revoke' ? `  ${name}  ${change.from.padEnd(levelWidth)}  # ${reason}` : `  ${name}  ${change.from}`);
    if (change.to !== null) lines.after.push(`  ${name}  ${change.to.padEnd(levelWidth)}  # ${reason}`);
  }
  return [...resources.values()];
}

function resourceDiff(lines: ResourceLines): string[] {
  const text = (side: string[]) => `${[lines.header, ...side].join('\n')}\n`;
  const patch = structuredPatch('before', 'after', text(lines.before), text(lines.after), undefined, undefined, {
    context: Number.MAX_SAFE_INTEGER,
    maxEditLength: MAX_EDITS,
  });
  if (!patch) return [` ${lines.header}`, ...lines.before.map((line) => `-${line}`), ...lines.after.map((line) => `+${line}`)];
  return patch.hunks.flatMap((hunk) => hunk.lines).filter((line) => !line.startsWith('\\'));
}

/**
 * The access lines of one client's changed resources as a unified diff body: each resource
 * is a context line, the access it loses is `-`, the access it gets is `+` with its reason.
 */
export function clientDiff(changes: readonly Change[]): string {
  return linesByResource(changes).flatMap(resourceDiff).join('\n');
}
