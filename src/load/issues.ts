import type { ConfigIssue } from '../errors.js';
import type { SourcePosition } from '../model/grants.js';

/** Builds an error issue at a position. */
export function error(at: SourcePosition, rule: string, message: string, hint: string): ConfigIssue {
  return { file: at.file, line: at.line, column: at.column, severity: 'error', rule, message, hint };
}

/** Builds a warning issue at a position: reported, never blocking. */
export function warning(at: SourcePosition, rule: string, message: string, hint: string): ConfigIssue {
  return { file: at.file, line: at.line, column: at.column, severity: 'warning', rule, message, hint };
}

function compareIssues(a: ConfigIssue, b: ConfigIssue): number {
  if (a.severity !== b.severity) return a.severity === 'error' ? -1 : 1;
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return a.line - b.line || a.column - b.column || a.rule.localeCompare(b.rule) || a.message.localeCompare(b.message);
}

/** Errors first, then by file, line and column; identical issues (one cause reached twice) once. */
export function sortIssues(issues: readonly ConfigIssue[]): ConfigIssue[] {
  const seen = new Set<string>();
  const unique: ConfigIssue[] = [];
  for (const issue of issues) {
    const id = JSON.stringify([issue.file, issue.line, issue.column, issue.severity, issue.rule, issue.message]);
    if (seen.has(id)) continue;
    seen.add(id);
    unique.push(issue);
  }
  return unique.sort(compareIssues);
}

/** Writes a list the way a sentence does: "a, b and c". */
export function listing(items: readonly string[]): string {
  if (items.length === 0) return '(none)';
  if (items.length === 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
