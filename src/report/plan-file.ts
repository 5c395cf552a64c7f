import { z } from 'zod';
import { isLevelOf, RESOURCE_KINDS } from '../model/kinds.js';

const Kind = z.enum(RESOURCE_KINDS);
const Side = z.enum(['agency', 'client']);

const Trace = z.object({
  file: z.string(),
  line: z.number().int(),
  column: z.number().int(),
  source: z.enum(['role', 'grant']),
  role: z.string().optional(),
  why: z.string().optional(),
});

const Pending = z.object({ id: z.string(), expired: z.boolean(), createdAt: z.string().optional() });

const changeFields = {
  client: z.string().nullable(),
  kind: Kind,
  resource: z.string().min(1),
  principal: z.string().min(1),
  reason: z.string(),
  because: z.array(Trace).optional(),
  pending: Pending.optional(),
  handle: z.string().optional(),
  side: Side.optional(),
};

const Change = z
  .discriminatedUnion('action', [
    z.object({ ...changeFields, action: z.literal('grant'), from: z.null(), to: z.string() }),
    z.object({ ...changeFields, action: z.literal('update'), from: z.string(), to: z.string() }),
    z.object({ ...changeFields, action: z.literal('revoke'), from: z.string(), to: z.null() }),
  ])
  .superRefine((change, context) => {
    for (const field of ['from', 'to'] as const) {
      const level = change[field];
      if (level !== null && !isLevelOf(change.kind, level)) {
        context.addIssue({ code: 'custom', path: [field], message: `"${level}" is not a level of ${change.kind}` });
      }
    }
  });

const Target = { client: z.string().nullable(), kind: Kind, resource: z.string() };

/** A plan as `latch plan --out` saves it (renderJson); fields the planner adds later are ignored. */
export const PlanFile = z.object({
  fingerprint: z.string().regex(/^sha256:[0-9a-f]{64}$/, 'expected sha256: and 64 hex digits'),
  changes: z.array(Change),
  held: z.array(z.object({ rule: z.enum(['never-touch', 'last-admin']), ...Target, principal: z.string(), reason: z.string() })).default([]),
  unread: z.array(z.object({ ...Target, error: z.string() })).default([]),
  findings: z.array(z.object({ platform: z.string(), subject: z.string(), message: z.string() })).default([]),
  warnings: z
    .array(z.object({ message: z.string(), file: z.string().optional(), line: z.number().int().optional(), column: z.number().int().optional() }))
    .default([]),
  offboarding: z
    .array(z.object({ client: z.string(), name: z.string(), file: z.string(), revocations: z.number().int(), resources: z.number().int() }))
    .optional(),
  leavers: z
    .array(
      z.object({
        person: z.string(),
        until: z.string(),
        file: z.string(),
        line: z.number().int(),
        principals: z.array(z.string()),
        revocations: z.number().int(),
        clients: z.array(z.string()),
      }),
    )
    .optional(),
});
export type PlanFile = z.infer<typeof PlanFile>;
