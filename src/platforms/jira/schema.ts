import { z } from 'zod';

/** Jira Cloud REST v3 answers, only the fields Latch reads. */

/** `GET /project/{key}/role`: each project role's name and the URL of its actors (ending in its id). */
export const RoleLinks = z.record(z.string(), z.string());
export type RoleLinks = z.infer<typeof RoleLinks>;

/** One actor of a project role: a user by account id, or a group. */
export const RoleActor = z.object({
  type: z.string(),
  displayName: z.string().optional(),
  actorUser: z.object({ accountId: z.string().min(1) }).optional(),
  actorGroup: z.object({ name: z.string().optional(), displayName: z.string().optional(), groupId: z.string().optional() }).optional(),
});
export type RoleActor = z.infer<typeof RoleActor>;

/** `GET /project/{key}/role/{id}`: the role with every actor, in one answer (the endpoint does not page). */
export const ProjectRole = z.object({
  id: z.number().int(),
  name: z.string(),
  actors: z.array(RoleActor),
});
export type ProjectRole = z.infer<typeof ProjectRole>;

/** A user; `emailAddress` is null or absent when the user's profile visibility hides it. */
export const User = z.object({
  accountId: z.string().min(1),
  accountType: z.string().optional(),
  emailAddress: z.string().nullish(),
});
export type User = z.infer<typeof User>;

/** Jira's offset page (`PageBean`): complete only once `isLast` is true. */
export function PageBean<T extends z.ZodType>(item: T) {
  return z.object({ startAt: z.number().int(), maxResults: z.number().int(), total: z.number().int().optional(), isLast: z.boolean(), values: z.array(item) });
}

/** `GET /user/bulk`: the users of the given account ids, paged. */
export const UserPage = PageBean(User);
export type UserPage = z.infer<typeof UserPage>;

/** `GET /user/search`: a plain list, paged by `startAt`/`maxResults`. */
export const UserList = z.array(User);

/** `GET /project/search`: projects, paged. */
export const ProjectPage = PageBean(z.object({ key: z.string(), name: z.string() }));
export type ProjectPage = z.infer<typeof ProjectPage>;

/** Jira's error body (`ErrorCollection`). */
export const ErrorCollection = z.object({
  errorMessages: z.array(z.string()).default([]),
  errors: z.record(z.string(), z.string()).default({}),
});
export type ErrorCollection = z.infer<typeof ErrorCollection>;
