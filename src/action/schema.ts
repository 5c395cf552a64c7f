import { z } from 'zod';

/**
 * The parts of GitHub's issue, comment and pull request answers the Action reads, and
 * nothing more.
 */

/** The author of a comment or issue; null for a deleted account ("ghost"). */
const Author = z.object({ login: z.string(), type: z.string() }).nullable();

/** `GET /repos/{owner}/{repo}/issues/{number}/comments` item. */
export const IssueComment = z.object({
  id: z.number().int(),
  body: z.string().nullish(),
  user: Author,
  html_url: z.string(),
});
export type IssueComment = z.infer<typeof IssueComment>;

/** `GET /repos/{owner}/{repo}/issues` item; pull requests are listed too, with `pull_request`. */
export const Issue = z.object({
  number: z.number().int(),
  state: z.string(),
  title: z.string(),
  body: z.string().nullish(),
  html_url: z.string(),
  user: Author,
  pull_request: z.object({}).passthrough().optional(),
});
export type Issue = z.infer<typeof Issue>;

/** `GET /repos/{owner}/{repo}/commits/{sha}/pulls` item. */
export const PullRequestSummary = z.object({
  number: z.number().int(),
  html_url: z.string(),
  merged_at: z.string().nullable(),
  merge_commit_sha: z.string().nullable(),
  labels: z.array(z.object({ name: z.string() })),
  base: z.object({ ref: z.string() }),
});
export type PullRequestSummary = z.infer<typeof PullRequestSummary>;

/** `GET /repos/{owner}/{repo}/pulls/{number}`: only the full answer says who merged. */
export const PullRequest = PullRequestSummary.extend({
  merged_by: z.object({ login: z.string() }).nullable(),
  /** The branch's last commit: the reviewed plan must have been made at it. */
  head: z.object({ sha: z.string() }),
});
export type PullRequest = z.infer<typeof PullRequest>;
