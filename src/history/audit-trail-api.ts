import { z } from 'zod';
import { PlatformError } from '../errors.js';
import { attempt, type GithubApi } from '../platforms/github/client.js';

/** The repository the trail lives in; the Action's `Conversations` is one. */
export interface TrailRepository {
  /** The connected client, with retries and write pacing. */
  api: GithubApi;
  owner: string;
  repo: string;
}

/** The parts of the Git Data API's answers the trail reads. */
const Ref = z.object({ object: z.object({ sha: z.string() }) });
const Commit = z.object({ sha: z.string(), tree: z.object({ sha: z.string() }) });
const Tree = z.object({ sha: z.string(), truncated: z.boolean(), tree: z.array(z.object({ path: z.string(), type: z.string(), sha: z.string() })) });
const Blob = z.object({ content: z.string(), encoding: z.literal('base64') });
const Created = z.object({ sha: z.string() });

function where(github: TrailRepository, path: string): string {
  return `/repos/${github.owner}/${github.repo}/git${path}`;
}

/** The branch's tip commit, or undefined when the branch does not exist (404). */
export async function readTip(github: TrailRepository, branch: string): Promise<string | undefined> {
  const { api, owner, repo } = github;
  try {
    return await attempt(api, 'audit', `GET ${where(github, `/ref/heads/${branch}`)}`, async () =>
      Ref.parse((await api.octokit.request('GET /repos/{owner}/{repo}/git/ref/{ref}', { owner, repo, ref: `heads/${branch}` })).data).object.sha,
    );
  } catch (error) {
    if (error instanceof PlatformError && error.status === 404) return undefined;
    throw error;
  }
}

/** The root tree of a commit. */
export async function treeOf(github: TrailRepository, commit: string): Promise<string> {
  const { api, owner, repo } = github;
  return attempt(api, 'audit', `GET ${where(github, `/commits/${commit}`)}`, async () =>
    Commit.parse((await api.octokit.request('GET /repos/{owner}/{repo}/git/commits/{commit_sha}', { owner, repo, commit_sha: commit })).data).tree.sha,
  );
}

/** Every file of a tree, path to blob id; a truncated listing is refused rather than read as complete. */
export async function listFiles(github: TrailRepository, tree: string): Promise<Map<string, string>> {
  const { api, owner, repo } = github;
  const listing = await attempt(api, 'audit', `GET ${where(github, `/trees/${tree}`)}`, async () =>
    Tree.parse((await api.octokit.request('GET /repos/{owner}/{repo}/git/trees/{tree_sha}', { owner, repo, tree_sha: tree, recursive: '1' })).data),
  );
  if (listing.truncated) throw new PlatformError('github', 'audit', `GET ${where(github, `/trees/${tree}`)}: the listing is truncated, so the trail cannot be read completely`);
  return new Map(listing.tree.filter((entry) => entry.type === 'blob').map((entry) => [entry.path, entry.sha]));
}

export async function readBlob(github: TrailRepository, sha: string): Promise<string> {
  const { api, owner, repo } = github;
  const blob = await attempt(api, 'audit', `GET ${where(github, `/blobs/${sha}`)}`, async () =>
    Blob.parse((await api.octokit.request('GET /repos/{owner}/{repo}/git/blobs/{file_sha}', { owner, repo, file_sha: sha })).data),
  );
  return Buffer.from(blob.content, 'base64').toString('utf8');
}

export async function createBlob(github: TrailRepository, content: string): Promise<string> {
  const { api, owner, repo } = github;
  return attempt(api, 'audit', `POST ${where(github, '/blobs')}`, async () =>
    Created.parse((await api.octokit.request('POST /repos/{owner}/{repo}/git/blobs', { owner, repo, content, encoding: 'utf-8' })).data).sha,
  );
}

/** A tree that is `base` (when given) with the files set to the blobs named. */
export async function createTree(github: TrailRepository, base: string | undefined, files: ReadonlyMap<string, string>): Promise<string> {
  const { api, owner, repo } = github;
  const tree = [...files].map(([path, sha]) => ({ path, mode: '100644' as const, type: 'blob' as const, sha }));
  return attempt(api, 'audit', `POST ${where(github, '/trees')}`, async () =>
    Created.parse((await api.octokit.request('POST /repos/{owner}/{repo}/git/trees', { owner, repo, tree, ...(base ? { base_tree: base } : {}) })).data).sha,
  );
}

export async function createCommit(github: TrailRepository, message: string, tree: string, parent: string | undefined): Promise<string> {
  const { api, owner, repo } = github;
  return attempt(api, 'audit', `POST ${where(github, '/commits')}`, async () =>
    Created.parse((await api.octokit.request('POST /repos/{owner}/{repo}/git/commits', { owner, repo, message, tree, parents: parent ? [parent] : [] })).data).sha,
  );
}

/**
 * Moves the branch to `commit`, or creates it when `from` is undefined. Returns GitHub's
 * refusal when another writer got there first (422: not a fast-forward, or the branch
 * exists already), undefined when the branch moved.
 */
export async function moveBranch(github: TrailRepository, branch: string, from: string | undefined, commit: string): Promise<PlatformError | undefined> {
  const { api, owner, repo } = github;
  try {
    if (from === undefined) {
      await attempt(api, 'audit', `POST ${where(github, '/refs')}`, () =>
        api.octokit.request('POST /repos/{owner}/{repo}/git/refs', { owner, repo, ref: `refs/heads/${branch}`, sha: commit }),
      );
    } else {
      // Never forced: an update that would drop another run's commit is refused by GitHub.
      await attempt(api, 'audit', `PATCH ${where(github, `/refs/heads/${branch}`)}`, () =>
        api.octokit.request('PATCH /repos/{owner}/{repo}/git/refs/{ref}', { owner, repo, ref: `heads/${branch}`, sha: commit, force: false }),
      );
    }
    return undefined;
  } catch (error) {
    if (error instanceof PlatformError && error.status === 422) return error;
    throw error;
  }
}
