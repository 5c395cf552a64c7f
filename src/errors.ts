/** Typed errors with their context in fields; the CLI maps them to exit codes in one place. */

export interface ConfigIssue {
  /** Path relative to the config directory. */
  file: string;
  line: number;
  column: number;
  severity: 'error' | 'warning';
  /** Stable rule id, e.g. `unknown-role`, `ref-claimed-twice`. */
  rule: string;
  /** A sentence a non-engineer understands. */
  message: string;
  /** What to do about it. */
  hint: string;
}

/** The repository's YAML is wrong: nothing is planned or applied for any client. */
export class ConfigError extends Error {
  readonly issues: ConfigIssue[];
  constructor(issues: ConfigIssue[]) {
    const first = issues[0];
    super(first ? `${formatIssue(first)}${issues.length > 1 ? ` (and ${issues.length - 1} more)` : ''}` : 'invalid configuration');
    this.name = 'ConfigError';
    this.issues = issues;
  }
}

export function formatIssue(issue: ConfigIssue): string {
  return `${issue.file}:${issue.line}:${issue.column}: ${issue.severity}: ${issue.message} (${issue.rule})\n  hint: ${issue.hint}`;
}

/** A platform API call failed. `retryable` tells the executor whether trying again can help. */
export class PlatformError extends Error {
  readonly platform: string;
  readonly operation: string;
  readonly status: number | undefined;
  readonly retryable: boolean;
  constructor(platform: string, operation: string, message: string, options: { status?: number; retryable?: boolean; cause?: unknown } = {}) {
    super(`${platform} ${operation}: ${message}`, { cause: options.cause });
    this.name = 'PlatformError';
    this.platform = platform;
    this.operation = operation;
    this.status = options.status;
    this.retryable = options.retryable ?? false;
  }
}

/** The command line was used wrongly (unknown flag, missing argument). */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** A plan Latch refuses to apply as is (mass revocation, stale plan). */
export class RefusalError extends Error {
  readonly hint: string;
  constructor(message: string, hint: string) {
    super(message);
    this.name = 'RefusalError';
    this.hint = hint;
  }
}

/** A one-line description of any thrown value, for reports. Callers scrub secrets where they hold them. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
