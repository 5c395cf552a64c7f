import pLimit from 'p-limit';
import type { DesiredGrant } from '../src/model/grants.js';

/**
 * The same agency read the way a per-grant reconciler reads it: Terraform's GitHub provider,
 * one resource per declared grant. Its `github_repository_collaborator` read lists the
 * repository's invitations, then pages through its collaborators until the login appears,
 * plain REST without conditional requests; its `github_team_membership` read is one GET of
 * the membership, sent with the ETag kept in state once the grant exists, so an unchanged
 * membership can answer 304 (which GitHub does not charge). Every call goes to the same
 * emulator, so it is counted the same way as Latch's.
 */
export interface PeerOptions {
  baseUrl: string;
  token: string;
  concurrency: number;
  /** ETags of team memberships from an earlier run (the provider's state); filled in as read. */
  etags: Map<string, string>;
}

/** Calls the reader made and grants it could not read; calls are also in the emulator's count. */
export interface PeerResult {
  calls: number;
  failed: number;
}

function nextPage(link: string | null): string | undefined {
  return link?.split(',').find((part) => part.includes('rel="next"'))?.match(/<([^>]+)>/)?.[1];
}

export async function readPerGrant(grants: readonly DesiredGrant[], options: PeerOptions): Promise<PeerResult> {
  const limit = pLimit(options.concurrency);
  const result: PeerResult = { calls: 0, failed: 0 };
  const headers = { authorization: `token ${options.token}`, accept: 'application/vnd.github+json' };

  /** One counted GET; throws when `failed` says the status is no answer (by default anything but 200 and 304). */
  async function get(url: string, extra: Record<string, string> = {}, failed = (status: number) => status !== 200 && status !== 304): Promise<Response> {
    result.calls += 1;
    const response = await fetch(url.startsWith('http') ? url : `${options.baseUrl}${url}`, { headers: { ...headers, ...extra } });
    if (failed(response.status)) throw new Error(`${response.status} for ${url}`);
    return response;
  }

  /** Pages through a list until `found` says stop; returns whether it did. */
  async function scan(first: string, found: (items: Array<{ login?: string; invitee?: { login?: string } | null }>) => boolean): Promise<boolean> {
    for (let url: string | undefined = first; url; ) {
      const response = await get(url);
      if (found((await response.json()) as Array<{ login?: string }>)) return true;
      url = nextPage(response.headers.get('link'));
    }
    return false;
  }

  async function readRepoGrant(grant: DesiredGrant): Promise<void> {
    const login = grant.principal.toLowerCase();
    const invited = await scan(`/repos/${grant.resource}/invitations?per_page=100`, (items) => items.some((item) => item.invitee?.login?.toLowerCase() === login));
    if (invited) return;
    await scan(`/repos/${grant.resource}/collaborators?per_page=100`, (items) => items.some((item) => item.login?.toLowerCase() === login));
  }

  async function readTeamGrant(grant: DesiredGrant): Promise<void> {
    const [org, slug] = grant.resource.split('/');
    const url = `/orgs/${org}/teams/${slug}/memberships/${grant.principal}`;
    const etag = options.etags.get(url);
    // A 404 is an answer here: the membership is missing and would be created.
    const response = await get(url, etag ? { 'if-none-match': etag } : {}, (status) => status >= 500 || status === 401 || status === 403);
    const fresh = response.headers.get('etag');
    if (fresh) options.etags.set(url, fresh);
    await response.arrayBuffer();
  }

  await Promise.all(
    grants.map((grant) =>
      limit(async () => {
        try {
          if (grant.kind === 'github-repo') await readRepoGrant(grant);
          else if (grant.kind === 'github-team') await readTeamGrant(grant);
        } catch {
          result.failed += 1;
        }
      }),
    ),
  );
  return result;
}
