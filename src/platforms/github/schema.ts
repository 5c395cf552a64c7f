import { z } from 'zod';

/**
 * The parts of GitHub's REST answers Latch reads, and nothing more: a field GitHub adds
 * never breaks a read, a field Latch relies on that goes missing always does.
 */

const login = z.string().min(1);

/** `GET /repos/{owner}/{repo}/collaborators` item. */
export const Collaborator = z.object({
  login,
  permissions: z
    .object({
      admin: z.boolean(),
      maintain: z.boolean().optional(),
      push: z.boolean(),
      triage: z.boolean().optional(),
      pull: z.boolean(),
    })
    .optional(),
  role_name: z.string().optional(),
});
export type Collaborator = z.infer<typeof Collaborator>;

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
