import * as core from '@actions/core';

/**
 * The runner's side of an Action: inputs, outputs, the job summary, annotations and log lines.
 * `actionsRunner` speaks to GitHub through `@actions/core`; tests pass their own Runner. The
 * core of Latch never sees this: the Action hands it plain data.
 */
export interface Runner {
  /** An input as the workflow's `with:` gives it, trimmed; '' when not given. */
  input(name: string): string;
  /** Sets a step output (`steps.<id>.outputs.<name>`). */
  setOutput(name: string, value: string): Promise<void>;
  /** Appends Markdown to the job summary. */
  summary(markdown: string): Promise<void>;
  /** An annotation shown on the run and, with a place, on the file's line in the pull request. */
  annotate(level: AnnotationLevel, message: string, place?: AnnotationPlace): void;
  /** A line in the step log. */
  info(text: string): void;
  /** The environment the Action runs in. */
  env: NodeJS.ProcessEnv;
}

export type AnnotationLevel = 'error' | 'warning' | 'notice';

export interface AnnotationPlace {
  /** Path relative to the repository root. */
  file: string;
  /** 1-based line. */
  startLine: number;
  /** 1-based column. */
  startColumn?: number;
  /** Short title shown above the message. */
  title?: string;
}

/** The job summary holds at most 1 MiB per step; beyond it the runner drops the summary. */
export const SUMMARY_LIMIT_BYTES = 1024 * 1024;

/** The Runner of a real workflow run. Outside GitHub (no GITHUB_STEP_SUMMARY) the summary goes to the log. */
export function actionsRunner(env: NodeJS.ProcessEnv = process.env): Runner {
  return {
    env,
    input: (name) => core.getInput(name),
    async setOutput(name, value) {
      core.setOutput(name, value);
    },
    async summary(markdown) {
      if (env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(markdown, true).write();
      else core.info(markdown);
    },
    annotate(level, message, place) {
      const properties = place ? { file: place.file, startLine: place.startLine, startColumn: place.startColumn, title: place.title } : undefined;
      if (level === 'error') core.error(message, properties);
      else if (level === 'warning') core.warning(message, properties);
      else core.notice(message, properties);
    },
    info: (text) => core.info(text),
  };
}
