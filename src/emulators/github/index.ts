import { startEmulator, type Emulator, type EmulatorSwitches } from '../harness.js';
import { acceptInvitationsOf, addCollaboratorByHand, expireAllInvitations, snapshotOf } from './by-hand.js';
import { checkToken, ConditionalRouter, rateLimited } from './http.js';
import { countRest, createRateLimits, rateLimitBody, refuseWhenSpent, type Bucket, type BucketSeed } from './rate-limits.js';
import { addIssueRoutes, conversationsHandle, type ConversationsHandle, type ConversationsSeed } from './issues.js';
import { createConversations } from './issues-state.js';
import { addDiscoveryRoutes } from './discovery-routes.js';
import { addGitRoutes } from './git-routes.js';
import { createGitState, gitHandle, type GitHandle, type GitSeed } from './git-state.js';
import { addGraphqlRoute } from './graphql.js';
import { addOrgRoutes } from './org-routes.js';
import { addPullRoutes } from './pull-routes.js';
import { pushBranch, type PushedCommit, type PushResult } from './push.js';
import { addRepoRoutes } from './repo-routes.js';
import { notFound } from './shapes.js';
import type { GithubSeed, RepoPermission } from './seed.js';
import { createState } from './state.js';

export type { GithubSeed, RepoPermission, SeedInvitation, TeamRole } from './seed.js';
export type { Bucket, BucketSeed } from './rate-limits.js';
export type { ConversationsHandle, ConversationsSeed } from './issues.js';
export type { GitHandle, GitSeed } from './git-state.js';
export type { PushedCommit, PushResult } from './push.js';

/** A running GitHub REST emulator plus the hands of the people who use GitHub's UI. */
export interface GithubEmulator extends Emulator {
  /** Current state, in the seed's shape (pending invitations included), deep-copied. */
  snapshot(): GithubSeed;
  /** What a person does by hand in the GitHub UI (for drift tests and the demo). */
  addCollaboratorByHand(repo: string, login: string, permission: RepoPermission): void;
  /** The user accepts every pending repo/team invitation (expired ones cannot be accepted). */
  acceptInvitations(login: string): void;
  /** Marks every pending repo invitation expired. */
  expireInvitations(): void;
  /** Issues, pull requests and comments of the repositories the Action works in. */
  conversations: ConversationsHandle;
  /** Branches and files of the repositories served through the Git Data API. */
  git: GitHandle;
  /** `git push` of a branch by `pusher`, commits newest first; merges the open pull requests whose head reaches their base. */
  push(repository: string, branch: string, commits: readonly PushedCommit[], pusher: string): PushResult;
  /** Rate-limit points charged since start, per bucket (`core`: REST requests, `graphql`: query costs). */
  pointsSpent(): Record<Bucket, number>;
}

export interface GithubEmulatorOptions {
  /** The organisation as it is before the test; read, never changed. */
  seed: GithubSeed;
  /** When set, every request must carry `Authorization: token <t>` or `Bearer <t>`. */
  token?: string;
  /** Latency, rate limiting and faults, changeable later through `switches` on the emulator. */
  switches?: Partial<EmulatorSwitches>;
  /** Fixed port (the demo); default any free port. */
  port?: number;
  /** Status of a rate-limited answer; GitHub uses both. Default 403. */
  rateLimitStatus?: 403 | 429;
  /** Issues, pull requests and comments served for the Action; none when absent. */
  conversations?: ConversationsSeed;
  /** Git repositories; every repository of `conversations` also has one, with a README on main. */
  git?: GitSeed;
  /** Primary rate-limit buckets at start: a smaller limit, or part of the quota already spent. */
  rateLimits?: Partial<Record<Bucket, BucketSeed>>;
}

/**
 * Serves the part of GitHub's REST API Latch uses on 127.0.0.1: repository collaborators and
 * invitations, organisation members, outside collaborators and invitations, team
 * memberships and `GET /rate_limit`, with GitHub's shapes, status codes, vocabularies,
 * pagination and rate-limit headers. Every request is answered from indexed maps, so a seed
 * of thousands of repositories answers as fast as a small one.
 */
export async function startGithubEmulator(options: GithubEmulatorOptions): Promise<GithubEmulator> {
  const state = createState(options.seed);
  const limits = createRateLimits(options.rateLimits);
  const router = new ConditionalRouter();
  addRepoRoutes(router, state);
  addOrgRoutes(router, state);
  addDiscoveryRoutes(router, state, options.seed.emails);
  addGraphqlRoute(router, state, limits);
  const conversations = createConversations(options.conversations);
  addIssueRoutes(router, conversations);
  const git = createGitState(options.git, Object.keys(options.conversations?.repositories ?? {}));
  addGitRoutes(router, git);
  addPullRoutes(router, conversations, git);
  router.route('GET', '/rate_limit', () => ({ status: 200, body: rateLimitBody(limits) }));

  const emulator = await startEmulator({
    router,
    rateLimitAnswer: (retryAfterSeconds) => rateLimited(options.rateLimitStatus ?? 403, retryAfterSeconds),
    notFound: () => notFound(),
    authorize: (request) => checkToken(options.token, request) ?? refuseWhenSpent(limits, request),
    commonHeaders: (request, answer) => countRest(limits, request, answer),
    switches: options.switches,
    port: options.port,
  });
  return {
    ...emulator,
    snapshot: () => snapshotOf(state),
    addCollaboratorByHand: (repo, login, permission) => addCollaboratorByHand(state, repo, login, permission),
    acceptInvitations: (login) => acceptInvitationsOf(state, login),
    expireInvitations: () => expireAllInvitations(state),
    conversations: conversationsHandle(conversations),
    git: gitHandle(git),
    push: (repository, branch, commits, pusher) => pushBranch(git, conversations, repository, branch, commits, pusher),
    pointsSpent: () => ({ ...limits.spent }),
  };
}
