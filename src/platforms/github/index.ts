import { PlatformError } from '../../errors.js';
import type { ManagedResource } from '../../model/grants.js';
import type { ResourceKind } from '../../model/kinds.js';
import type { Change } from '../../model/plan.js';
import type { AdapterFactory, PlatformAdapter, PlatformContext } from '../adapter.js';
import { githubImporter } from './discover.js';
import { GITHUB_KINDS } from './kinds.js';
import { auditOutsideCollaborators } from './audit.js';
import { PLATFORM, type GithubTuning } from './client.js';
import { connect } from './connect.js';
import { createCollaboratorReader } from './collaborators.js';
import { checkQuota } from './quota.js';
import { applyRepoChange, listRepoGrants } from './repo.js';
import { applyTeamChange, listTeamGrants } from './team.js';
import { createTeamReader } from './team-members.js';
import { createUserResolver } from './users.js';

export { DEFAULT_WRITE_INTERVAL_MS, type GithubTuning } from './client.js';

const KINDS = GITHUB_KINDS.map((facts) => facts.kind);
type GithubKind = (typeof KINDS)[number];

function isGithubKind(kind: ResourceKind): kind is GithubKind {
  return (KINDS as readonly ResourceKind[]).includes(kind);
}

/** `owner/name` with exactly one slash and nothing empty, split; undefined for anything else. */
function partsOf(ref: string): [string, string] | undefined {
  const parts = ref.split('/');
  const [owner, name] = parts;
  return parts.length === 2 && owner && name ? [owner, name] : undefined;
}

/** A reference not of the form `owner/name` is refused before a call. */
function splitRef(kind: ResourceKind, ref: string, operation: string): [string, string] {
  const parts = partsOf(ref);
  if (!parts) {
    const shape = kind === 'github-team' ? 'org/team-slug' : 'org/repo';
    throw new PlatformError(PLATFORM, operation, `${kind} reference "${ref}" is not of the form ${shape}`);
  }
  return parts;
}

function kindOf(kind: ResourceKind, operation: string): GithubKind {
  if (!isGithubKind(kind)) throw new PlatformError(PLATFORM, operation, `resource kind ${kind} is not a GitHub kind`);
  return kind;
}

/**
 * The GitHub adapter. Configuration comes from the environment only: `GITHUB_API_URL`
 * (default https://api.github.com), `GITHUB_TOKEN` (required) and
 * `LATCH_GITHUB_WRITE_INTERVAL_MS` (pause between writes, default 1000 ms, GitHub's advice
 * for avoiding secondary rate limits; writes that e-mail someone wait three times as long).
 * `policies/platforms.yaml` sets the share of the hourly quotas reads leave alone
 * (`github.rateLimit.reserve`). `tuning` shortens 5xx backoff and injects the budget's
 * clock for tests.
 */
export function createGithubAdapter(context: PlatformContext, tuning: GithubTuning = {}): PlatformAdapter {
  const api = connect(context, tuning);
  const collaborators = createCollaboratorReader(api);
  const teams = createTeamReader(api);
  const users = createUserResolver(api);
  const org = context.config.github?.org;
  const auditOutside = context.config.github?.audit.outsideCollaborators ?? false;

  return {
    id: PLATFORM,
    kinds: KINDS,
    calls: api.octokit.calls,

    /**
     * Checks that reading these resources fits the hourly quotas above the reserve (throws,
     * naming the numbers and the reset time, when it does not: nothing is read then), and
     * announces them so that their GraphQL reads are batched ahead.
     */
    async prepare(resources: readonly ManagedResource[]) {
      const repos: Array<{ owner: string; repo: string }> = [];
      const teamRefs: Array<{ org: string; slug: string }> = [];
      for (const resource of resources) {
        const parts = partsOf(resource.ref);
        if (!isGithubKind(resource.kind) || !parts) continue;
        const [owner, name] = parts;
        if (resource.kind === 'github-repo') repos.push({ owner, repo: name });
        else teamRefs.push({ org: owner, slug: name });
      }
      const orgs = new Set(teamRefs.map((ref) => ref.org.toLowerCase())).size;
      await checkQuota(api, { repos: repos.length, teams: teamRefs.length, orgs }, tuning.now ?? Date.now);
      collaborators.expect(repos);
      teams.expect(teamRefs);
    },

    async list(resource: ManagedResource) {
      const kind = kindOf(resource.kind, 'list');
      const [owner, name] = splitRef(kind, resource.ref, 'list');
      if (kind === 'github-repo') return listRepoGrants(api, collaborators, { owner, repo: name });
      return listTeamGrants(api, teams, { org: owner, slug: name });
    },

    async apply(change: Change) {
      const kind = kindOf(change.kind, change.action);
      const [owner, name] = splitRef(kind, change.resource, change.action);
      if (kind === 'github-repo') return applyRepoChange(api, { owner, repo: name }, change);
      try {
        return await applyTeamChange(api, { org: owner, slug: name }, change);
      } finally {
        teams.forget();
      }
    },

    resolvePrincipals: users,

    async audit(input) {
      if (!auditOutside || !org) return [];
      return auditOutsideCollaborators(api, org, input);
    },
  };
}

export const githubFactory = {
  id: PLATFORM,
  kinds: KINDS,
  create: (context: PlatformContext) => createGithubAdapter(context, retryTuning(context.env)),
  importer: githubImporter,
} satisfies AdapterFactory;

/**
 * `LATCH_RETRY_BASE_MS` shortens the wait before retrying a 5xx answer (default 1000 ms):
 * emulators and end-to-end tests inject failures and need not wait like production does.
 */
function retryTuning(env: NodeJS.ProcessEnv): GithubTuning {
  const raw = env.LATCH_RETRY_BASE_MS;
  if (!raw) return {};
  const base = Number(raw);
  return Number.isInteger(base) && base >= 0 ? { retryBaseMs: base } : {};
}
