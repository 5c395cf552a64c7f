import { z } from 'zod';
import { PlatformError } from '../../errors.js';
import { createApis, readSettings, type GoogleApi } from './client.js';
import { PLATFORM } from './levels.js';
import { collectPages } from './paging.js';
import type { Discovered, PlatformContext, PlatformImporter } from '../adapter.js';

const FOLDERS_QUERY = "mimeType='application/vnd.google-apps.folder' and trashed=false";

/** `drive.files.list`: one page of folders. */
const FolderPage = z.object({
  files: z.array(z.object({ id: z.string().min(1), name: z.string() })).nullish(),
  incompleteSearch: z.boolean().nullish(),
  nextPageToken: z.string().nullish(),
});
type FolderPage = z.infer<typeof FolderPage>;

/** `accountSummaries.list`: one page of accounts with their properties. */
const AccountSummaryPage = z.object({
  accountSummaries: z
    .array(z.object({ propertySummaries: z.array(z.object({ property: z.string().regex(/^properties\/\d+$/), displayName: z.string() })).nullish() }))
    .nullish(),
  nextPageToken: z.string().nullish(),
});

/** `groups.list`: one page of the customer's groups. */
const GroupPage = z.object({
  groups: z.array(z.object({ email: z.string().includes('@') })).nullish(),
  nextPageToken: z.string().nullish(),
});

const apis = new WeakMap<PlatformContext, GoogleApi>();

/** One client per run, from the same settings and credential as the adapter. */
function apiOf(context: PlatformContext): GoogleApi {
  let api = apis.get(context);
  if (!api) {
    api = createApis(readSettings(context.env, context.config), context.env, context.logger).read;
    apis.set(context, api);
  }
  return api;
}

function customerOf(context: PlatformContext): string {
  const customer = context.config.google?.customer;
  if (!customer) throw new PlatformError(PLATFORM, 'discover', 'policies/platforms.yaml names no Google Workspace customer (google.customer)');
  return customer;
}

/** Drive says when it did not search everywhere; half a list must not pass for the whole. */
function folderItems(page: FolderPage): NonNullable<FolderPage['files']> {
  if (page.incompleteSearch) throw new PlatformError(PLATFORM, 'discover', 'GET drive/v3/files: Drive answered an incomplete search');
  return page.files ?? [];
}

async function folders(api: GoogleApi): Promise<Discovered[]> {
  const found = await collectPages(api, {
    spec: { operation: 'discover', what: 'GET drive/v3/files', method: 'GET' },
    page: FolderPage,
    fetch: (pageToken) =>
      api.drive.files.list({
        q: FOLDERS_QUERY,
        supportsAllDrives: true,
        includeItemsFromAllDrives: true,
        fields: 'nextPageToken,incompleteSearch,files(id,name)',
        pageSize: 1000,
        pageToken,
      }),
    items: folderItems,
    next: (page) => page.nextPageToken,
  });
  return found.map((folder): Discovered => ({ kind: 'drive-folder', ref: folder.id, name: folder.name }));
}

async function properties(api: GoogleApi): Promise<Discovered[]> {
  const accounts = await collectPages(api, {
    spec: { operation: 'discover', what: 'GET v1alpha/accountSummaries', method: 'GET' },
    page: AccountSummaryPage,
    fetch: (pageToken) => api.analytics.accountSummaries.list({ pageSize: 200, pageToken }),
    items: (page) => page.accountSummaries ?? [],
    next: (page) => page.nextPageToken,
  });
  return accounts.flatMap((account) =>
    (account.propertySummaries ?? []).map((summary): Discovered => ({ kind: 'ga4-property', ref: summary.property.slice('properties/'.length), name: summary.displayName })),
  );
}

async function groups(api: GoogleApi, customer: string): Promise<Discovered[]> {
  const found = await collectPages(api, {
    spec: { operation: 'discover', what: 'GET admin/directory/v1/groups', method: 'GET' },
    page: GroupPage,
    fetch: (pageToken) => api.directory.groups.list({ customer, maxResults: 200, pageToken }),
    items: (page) => page.groups ?? [],
    next: (page) => page.nextPageToken,
  });
  return found.map((group): Discovered => {
    const email = group.email.toLowerCase();
    return { kind: 'google-group', ref: email, name: email.slice(0, email.indexOf('@')) };
  });
}

/** Every folder, GA4 property and group the credential sees: complete, or throws. */
async function discover(context: PlatformContext): Promise<Discovered[]> {
  const api = apiOf(context);
  const customer = customerOf(context);
  const found = await Promise.all([folders(api), properties(api), groups(api, customer)]);
  return found.flat();
}

/** Google names people by e-mail already; link sharing (`anyone`, `domain:…`) has none. */
function emails(_context: PlatformContext, principals: readonly string[]): Promise<Map<string, string>> {
  return Promise.resolve(new Map(principals.filter((principal) => principal.includes('@')).map((principal) => [principal, principal.toLowerCase()])));
}

/** Import from Google: Drive folders, GA4 properties and Workspace groups, grouped by name like repositories. */
export const googleImporter: PlatformImporter = {
  discover,
  emails,
  describe: (context) => `Google Workspace customer ${context.config.google?.customer ?? '(no customer in policies/platforms.yaml)'}`,
};
