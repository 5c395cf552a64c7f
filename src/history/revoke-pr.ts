import type { Logger } from 'pino';
import { z } from 'zod';
import { UsageError } from '../errors.js';
import { git } from '../git.js';
import { attempt, createApi, readSettings } from '../platforms/github/client.js';
import { createBlob, createCommit, createTree, moveBranch, readTip, treeOf, type TrailRepository } from './audit-trail-api.js';

/** The files of one change to propose: path from the repository's root to the new content. */
interface ProposedChange {
  /** Branch the pull request merges into. */
  base: string;
  /** Branch created for it; must not exist yet. */
  branch: string;
  title: string;
  body: string;
  /** Commit message. */
  message: string;
  files: ReadonlyMap<string, string>;
}

const Pull = z.object({ number: z.number(), html_url: z.string() });

/**
 * Commits the files on a new branch off `base` through the Git Data API and opens a pull
 * request from it. Returns its number and address, or throws a PlatformError.
 */
async function openPullRequest(github: TrailRepository, change: ProposedChange): Promise<{ number: number; url: string }> {
  const tip = await readTip(github, change.base);
  if (tip === undefined) throw new Error(`branch ${change.base} does not exist in ${github.owner}/${github.repo}`);
  const blobs = new Map<string, string>();
  for (const [path, content] of change.files) blobs.set(path, await createBlob(github, content));
  const tree = await createTree(github, await treeOf(github, tip), blobs);
  const commit = await createCommit(github, change.message, tree, tip);
  const refused = await moveBranch(github, change.branch, undefined, commit);
  if (refused) throw new Error(`branch ${change.branch} could not be created: ${refused.message}`);
  const { api, owner, repo } = github;
  const pull = await attempt(api, 'pull-request', `POST /repos/${owner}/${repo}/pulls`, async () =>
    Pull.parse((await api.octokit.request('POST /repos/{owner}/{repo}/pulls', { owner, repo, title: change.title, body: change.body, head: change.branch, base: change.base })).data),
  );
  return { number: pull.number, url: pull.html_url };
}

/** What the pull request is about, for its title and description. */
export interface RevocationSummary {
  person: string;
  reason: string;
  by: string;
  /** YYYY-MM-DD. */
  on: string;
}

/**
 * Opens the pull request that makes the files agree with an emergency revocation, in the
 * repository `GITHUB_REPOSITORY` names, against the branch checked out at `dir`.
 */
export async function proposeRevocation(
  context: { dir: string; env: NodeJS.ProcessEnv; logger: Logger },
  files: ReadonlyMap<string, string>,
  about: RevocationSummary,
): Promise<{ number: number; url: string }> {
  const [owner, repo] = (context.env.GITHUB_REPOSITORY ?? '').split('/');
  if (!owner || !repo) throw new UsageError('--pr needs GITHUB_REPOSITORY (owner/name) of the access repository, with GITHUB_TOKEN and GITHUB_API_URL');
  const base = (await git(context.dir, ['rev-parse', '--abbrev-ref', 'HEAD'])).trim();
  const api = createApi(readSettings(context.env), context.logger);
  const slug = about.person.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return openPullRequest(
    { api, owner, repo },
    {
      base,
      branch: `latch-revoke-${slug}-${about.on}`,
      title: `Remove ${about.person}: revoked in an emergency on ${about.on}`,
      body: `${about.person}'s access was revoked in an emergency on ${about.on} by ${about.by}: ${about.reason}\n\nThis change makes the files agree. Until it is merged, plans and drift runs do not grant the access again.\n`,
      message: `Remove ${about.person}, revoked in an emergency on ${about.on}\n\n${about.reason}`,
      files,
    },
  );
}
