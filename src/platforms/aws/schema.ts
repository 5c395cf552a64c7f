import { z } from 'zod';

/*
 * The SDK deserialises AWS JSON 1.1 but leaves a missing member undefined; these shapes name
 * the members Latch relies on, so an answer without its list is an error, never an empty list.
 */

export const ProvisionedPage = z.object({ PermissionSets: z.array(z.string()), NextToken: z.string().optional() });
export type ProvisionedPage = z.infer<typeof ProvisionedPage>;

export const AccountsPage = z.object({ AccountIds: z.array(z.string()), NextToken: z.string().optional() });

export const Assignment = z.object({
  AccountId: z.string(),
  PermissionSetArn: z.string(),
  PrincipalType: z.enum(['USER', 'GROUP']),
  PrincipalId: z.string().min(1),
});
export type Assignment = z.infer<typeof Assignment>;

export const AssignmentsPage = z.object({ AccountAssignments: z.array(Assignment), NextToken: z.string().optional() });

export const PermissionSet = z.object({ PermissionSet: z.object({ Name: z.string(), PermissionSetArn: z.string() }) });

/** An asynchronous creation or deletion, as Create/Delete and Describe…Status answer it. */
export const OperationStatus = z.object({
  Status: z.enum(['IN_PROGRESS', 'FAILED', 'SUCCEEDED']),
  RequestId: z.string().min(1),
  FailureReason: z.string().optional(),
});
export type OperationStatus = z.infer<typeof OperationStatus>;

export const CreationStatus = z.object({ AccountAssignmentCreationStatus: OperationStatus });
export const DeletionStatus = z.object({ AccountAssignmentDeletionStatus: OperationStatus });

export const UserId = z.object({ UserId: z.string().min(1) });

export const User = z.object({
  UserId: z.string(),
  UserName: z.string().optional(),
  Emails: z.array(z.object({ Value: z.string().optional(), Primary: z.boolean().optional() })).optional(),
});
export type User = z.infer<typeof User>;

export const Group = z.object({ GroupId: z.string(), DisplayName: z.string().optional() });

export const MembershipsPage = z.object({
  GroupMemberships: z.array(z.object({ MemberId: z.object({ UserId: z.string().optional() }).optional() })),
  NextToken: z.string().optional(),
});
