import { join, relative } from 'node:path';
import { ConfigError, type ConfigIssue } from '../errors.js';
import { loadRepository, type Repository } from '../load/load.js';
import { code, escapeMarkdown } from '../report/markdown-text.js';
import type { ActionContext } from './context.js';

/** GitHub shows at most ten annotations of each level per step; the rest go to the summary only. */
const ANNOTATED = 10;

export type Validation =
  | { ok: true; repository: Repository; warnings: ConfigIssue[]; description: string }
  | { ok: false; issues: ConfigIssue[] };

/** A path as the pull request's "Files changed" names it: relative to the repository root. */
function repositoryPath(context: ActionContext, file: string): string {
  const prefix = relative(context.run.workspace, context.inputs.configDir);
  return prefix ? join(prefix, file).split('\\').join('/') : file;
}

function annotate(context: ActionContext, issues: readonly ConfigIssue[]): void {
  for (const level of ['error', 'warning'] as const) {
    for (const issue of issues.filter((entry) => entry.severity === level).slice(0, ANNOTATED)) {
      context.runner.annotate(level, `${issue.message}\n${issue.hint}`, {
        file: repositoryPath(context, issue.file),
        startLine: issue.line,
        startColumn: issue.column,
        title: `Latch: ${issue.rule}`,
      });
    }
  }
}

function issueTable(context: ActionContext, issues: readonly ConfigIssue[]): string[] {
  if (issues.length === 0) return [];
  const rows = issues.map(
    (issue) => `| ${issue.severity} | ${code(`${repositoryPath(context, issue.file)}:${issue.line}:${issue.column}`)} | ${escapeMarkdown(issue.message)} | ${escapeMarkdown(issue.hint)} |`,
  );
  return ['| | Where | What | What to do |', '|---|---|---|---|', ...rows, ''];
}

function describe(repository: Repository): string {
  const people = new Set(repository.clients.flatMap((loaded) => Object.values(loaded.data.people).map((person) => person.email.toLowerCase())));
  return `${repository.clients.length} clients and ${people.size} people, all valid`;
}

/**
 * Schemas and guardrails. The first errors and warnings become annotations on their YAML
 * lines; every one of them goes to the job summary.
 */
export async function validateStep(context: ActionContext): Promise<Validation> {
  try {
    const { repository, warnings } = await loadRepository(context.inputs.configDir, { today: context.today });
    annotate(context, warnings);
    const description = describe(repository);
    await context.runner.summary(['## Latch: validation', '', `${description}${warnings.length > 0 ? `, ${warnings.length} warnings` : ''}.`, '', ...issueTable(context, warnings)].join('\n'));
    return { ok: true, repository, warnings, description };
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    annotate(context, error.issues);
    const errors = error.issues.filter((issue) => issue.severity === 'error').length;
    await context.runner.summary(
      ['## Latch: validation failed', '', `${errors} errors: nothing was planned or applied for any client.`, '', ...issueTable(context, error.issues)].join('\n'),
    );
    return { ok: false, issues: error.issues };
  }
}
