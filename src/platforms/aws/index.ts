import type { ActualGrant } from '../../model/grants.js';
import { oneKindAdapter } from '../one-kind.js';
import type { AdapterFactory, AuditInput, PlatformAdapter, PlatformContext } from '../adapter.js';
import { accountId, applyAccountChange, listAccountGrants } from './assignments.js';
import { crossClientFindings } from './audit.js';
import { PLATFORM, createAwsApi, readSettings, type AwsTuning } from './client.js';
import { createDirectory } from './directory.js';
import { awsImporter } from './discover.js';
import { AWS_KINDS } from './kinds.js';

export type { AwsTuning } from './client.js';
export { UNNAMED_PREFIX } from './directory.js';

const KINDS = AWS_KINDS.map((facts) => facts.kind);

/**
 * The AWS adapter (IAM Identity Center account assignments). The Identity Center instance,
 * its identity store and the permission set of each level come from policies/platforms.yaml
 * (`aws`); credentials from the run's environment only (`AWS_ACCESS_KEY_ID`,
 * `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`), never from ~/.aws or instance metadata.
 * Identity store users and groups are read once per run.
 */
export function createAwsAdapter(context: PlatformContext, tuning: AwsTuning = {}): PlatformAdapter {
  const api = createAwsApi(readSettings(context.config, context.env), context.logger, tuning);
  const directory = createDirectory(api);
  // What this run read, by account: the cross-client audit judges exactly these grants.
  const readings = new Map<string, ActualGrant[]>();
  return {
    ...oneKindAdapter({
      id: PLATFORM,
      kindWords: 'an AWS kind',
      kinds: KINDS,
      calls: api.calls,
      target: accountId,
      async list(account, resource) {
        const grants = await listAccountGrants(api, directory, account);
        readings.set(resource.ref, grants);
        return grants;
      },
      apply: (account, change) => applyAccountChange(api, directory, account, change),
    }),
    audit: async (input: AuditInput) => crossClientFindings(readings, input),
  };
}

export const awsFactory = {
  id: PLATFORM,
  kinds: KINDS,
  create: (context: PlatformContext) => createAwsAdapter(context),
  importer: awsImporter,
} satisfies AdapterFactory;
