import { describeError } from '../errors.js';
import { appendAuditTrail, type AppendOptions, type TrailRepository } from './audit-trail.js';
import type { TrailRecord } from './audit-trail-records.js';

/** How a run tells its operator: the Action's runner is one. */
export interface TrailReporter {
  /** An annotation on the run. */
  annotate(level: 'error', message: string): void;
  /** A line in the log. */
  info(text: string): void;
}

/** Where a run's records go and who hears about it. */
export interface TrailTarget {
  /** The access repository. */
  github: TrailRepository;
  /** The append-only branch, e.g. `latch-audit`. */
  branch: string;
  reporter: TrailReporter;
  /** Name of the file that holds the same records in the run's artifact, for the failure message. */
  artifact: string;
  /** Retry knobs; defaults in production. */
  options?: AppendOptions;
}

/**
 * Puts a run's records on the trail branch. Returns false, after an error annotation, when it
 * could not: the records stay in the artifact file and the caller fails the job, so a record
 * never vanishes without someone being told.
 */
export async function keepAuditTrail(target: TrailTarget, records: readonly TrailRecord[]): Promise<boolean> {
  if (records.length === 0) return true;
  const { github, branch, reporter } = target;
  const count = `${records.length} audit record${records.length === 1 ? '' : 's'}`;
  try {
    const result = await appendAuditTrail(github, branch, records, target.options);
    const where = result.files.length > 0 ? ` (${result.files.join(', ')}, commit ${result.commit?.slice(0, 7) ?? ''})` : '';
    reporter.info(`Audit trail: ${result.appended} records appended to branch ${branch}${where}${result.present > 0 ? `, ${result.present} were there already` : ''}.`);
    return true;
  } catch (error) {
    reporter.annotate(
      'error',
      `Latch could not append ${count} to branch ${branch} of ${github.owner}/${github.repo}: ${describeError(error)}. ` +
        `The records are in ${target.artifact} (artifact latch-audit) of this run; the GitHub App needs Contents: write on this repository. ` +
        `Copy them to the branch before the artifact expires.`,
    );
    return false;
  }
}
