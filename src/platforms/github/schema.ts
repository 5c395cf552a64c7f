import { z } from 'zod';

/**
 * The parts of GitHub's REST answers Latch reads, and nothing more: a field GitHub adds
 * never breaks a read, a field Latch relies on that goes missing always does.
 */

const login = z.string().min(1);

/** `GET /repos/{owner}/{repo}/invitations` item. `invitee` is null for an invitation by e-mail. */
export const RepoInvitation = z.object({
  id: z.number().int(),
  invitee: z.object({ login }).nullable(),
  email: z.string().nullish(),
  permissions: z.string(),
  created_at: z.string().optional(),
  expired: z.boolean().optional(),
});
export type RepoInvitation = z.infer<typeof RepoInvitation>;

/** `GET /orgs/{org}/teams/{slug}/members` and `GET /orgs/{org}/outside_collaborators` item. */
export const User = z.object({ login });
export type User = z.infer<typeof User>;

/** `GET /orgs/{org}/teams/{slug}/invitations` item: an organisation invitation that carries the team. */
export const TeamInvitation = z.object({
  id: z.number().int(),
  login: z.string().nullish(),
  email: z.string().nullish(),
  role: z.string().nullish(),
  created_at: z.string().optional(),
  failed_at: z.string().nullish(),
  expired: z.boolean().optional(),
});
export type TeamInvitation = z.infer<typeof TeamInvitation>;

/** `PUT /orgs/{org}/teams/{slug}/memberships/{username}` answer. */
export const TeamMembership = z.object({
  state: z.string(),
});
export type TeamMembership = z.infer<typeof TeamMembership>;

/** `GET /orgs/{org}/invitations/{id}/teams` item. */
export const InvitationTeam = z.object({ slug: z.string().min(1) });

/** A `PermissionGranter`: which of the three kinds, and its name. */
const PermissionGranter = z.discriminatedUnion('__typename', [
  z.object({ __typename: z.literal('Repository'), nameWithOwner: z.string() }),
  z.object({ __typename: z.literal('Team'), slug: z.string() }),
  z.object({ __typename: z.literal('Organization'), login: z.string() }),
]);

/** A `PermissionSource`: `permission` speaks READ/WRITE/ADMIN/NONE only; `roleName` names triage, maintain or a custom role. */
export const PermissionSource = z.object({
  permission: z.enum(['READ', 'WRITE', 'ADMIN', 'NONE']),
  roleName: z.string().nullish(),
  source: PermissionGranter,
});
export type PermissionSource = z.infer<typeof PermissionSource>;

/** Where a connection's next page starts, if it has one. */
const PageInfo = z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() });
export type PageInfo = z.infer<typeof PageInfo>;

/** `repository.collaborators` of the direct-collaborators query: one page, complete or invalid. */
export const CollaboratorPage = z.object({
  pageInfo: PageInfo,
  edges: z.array(
    z.object({
      node: z.object({ login }),
      permissionSources: z.array(PermissionSource),
    }),
  ),
});
export type CollaboratorPage = z.infer<typeof CollaboratorPage>;

/** The rate-limit block every query asks for: the batch's cost is logged, the remaining points pace the reads. */
export const GraphqlRateLimit = z.object({ cost: z.number(), remaining: z.number(), resetAt: z.string(), limit: z.number().optional() });
export type GraphqlRateLimit = z.infer<typeof GraphqlRateLimit>;

/** One GraphQL error; `path` names the field it made null (an alias, in a batch). */
export const GraphqlError = z.object({ message: z.string(), type: z.string().optional(), path: z.array(z.union([z.string(), z.number()])).optional() });
export type GraphqlError = z.infer<typeof GraphqlError>;

/** One bucket of `GET /rate_limit`, which costs nothing. */
const RateResource = z.object({ limit: z.number(), remaining: z.number(), reset: z.number() });
export type RateResource = z.infer<typeof RateResource>;

/** `GET /rate_limit`: the buckets Latch spends, REST (`core`) and GraphQL. */
export const RateLimitOverview = z.object({ resources: z.object({ core: RateResource, graphql: RateResource.optional() }) });

/** GraphQL's envelope: errors arrive with HTTP 200, each naming by `path` the field it made null. */
export const GraphqlEnvelope = z.object({
  data: z.record(z.string(), z.unknown()).nullish(),
  errors: z.array(GraphqlError).optional(),
});

/** A team's `members` (with role; child teams' members included) and `childTeams`: one page of each. */
export const TeamAccessPage = z.object({
  members: z.object({
    pageInfo: PageInfo,
    edges: z.array(z.object({ role: z.enum(['MEMBER', 'MAINTAINER']), node: z.object({ login }) })),
  }),
  childTeams: z.object({ pageInfo: PageInfo, nodes: z.array(z.object({ slug: z.string().min(1) })) }),
});
export type TeamAccessPage = z.infer<typeof TeamAccessPage>;
