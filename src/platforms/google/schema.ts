import { z } from 'zod';

/** Shapes of the Google answers Latch reads, with only the fields it uses. */

/** Where a Drive permission comes from: the item itself, or a parent (shared drives). */
export const PermissionDetail = z.object({
  inherited: z.boolean().nullish(),
  inheritedFrom: z.string().nullish(),
  role: z.string().nullish(),
});
export type PermissionDetail = z.infer<typeof PermissionDetail>;

export const Permission = z.object({
  id: z.string(),
  type: z.string(),
  role: z.string(),
  emailAddress: z.string().nullish(),
  domain: z.string().nullish(),
  deleted: z.boolean().nullish(),
  permissionDetails: z.array(PermissionDetail).nullish(),
});
export type Permission = z.infer<typeof Permission>;

/** A Drive item as `files.get` answers it: `driveId` only for items in a shared drive. */
export const DriveItem = z.object({ id: z.string(), driveId: z.string().nullish() });
export type DriveItem = z.infer<typeof DriveItem>;

/** Drive always answers `permissions`, empty or not (it is asked for in `fields`). */
export const PermissionList = z.object({
  permissions: z.array(Permission),
  nextPageToken: z.string().nullish(),
});
export type PermissionList = z.infer<typeof PermissionList>;

export const AccessBinding = z.object({
  name: z.string(),
  user: z.string().nullish(),
  roles: z.array(z.string()).nullish(),
});
export type AccessBinding = z.infer<typeof AccessBinding>;

/** Analytics Admin leaves an empty `accessBindings` out (proto3 JSON), but never sends null. */
export const AccessBindingList = z.object({
  accessBindings: z.array(AccessBinding).optional(),
  nextPageToken: z.string().nullish(),
});
export type AccessBindingList = z.infer<typeof AccessBindingList>;

/** A GA4 property: its name proves the answer is the property; only its parent account is used. */
export const Property = z.object({ name: z.string().regex(/^properties\/\d+$/), parent: z.string().nullish() });
export type Property = z.infer<typeof Property>;

export const Member = z.object({
  id: z.string().nullish(),
  email: z.string().nullish(),
  role: z.string().nullish(),
  type: z.string().nullish(),
});
export type Member = z.infer<typeof Member>;

/** Directory leaves an empty `members` out, so its `kind` is what proves the answer is a member list. */
export const MemberList = z.object({
  kind: z.literal('admin#directory#members'),
  members: z.array(Member).optional(),
  nextPageToken: z.string().nullish(),
});
export type MemberList = z.infer<typeof MemberList>;

/** Google's error body, both the classic (`errors[].reason`) and the newer (`status`) vocabulary. */
export const GoogleErrorBody = z.object({
  error: z.object({
    code: z.number().nullish(),
    message: z.string().nullish(),
    status: z.string().nullish(),
    errors: z.array(z.object({ reason: z.string().nullish() })).nullish(),
    /** `google.rpc.ErrorInfo` and friends; the scope error's reason is `ACCESS_TOKEN_SCOPE_INSUFFICIENT`. */
    details: z.array(z.object({ reason: z.string().nullish() })).nullish(),
  }),
});
export type GoogleErrorBody = z.infer<typeof GoogleErrorBody>;
