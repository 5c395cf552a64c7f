import { oneKindAdapter } from '../one-kind.js';
import type { AdapterFactory, PlatformAdapter, PlatformContext } from '../adapter.js';
import { metaImporter } from './discover.js';
import { META_KINDS } from './kinds.js';
import { accountId, applyAccountChange, listAccountGrants } from './accounts.js';
import { PLATFORM, createMetaApi, readSettings, type MetaTuning } from './client.js';
import { createDirectoryCache, type MetaInvitation } from './directory.js';

export type { MetaTuning } from './client.js';
export type { MetaInvitation } from './directory.js';
export { UNRESOLVED_PREFIX } from './accounts.js';

const KINDS = META_KINDS.map((facts) => facts.kind);

/** The Meta adapter; business invitations are business-wide, so they are read apart from any ad account. */
export interface MetaAdapter extends PlatformAdapter {
  /** Pending invitations to the business (expired ones marked), for status reports; read once per run. */
  pendingInvitations(): Promise<MetaInvitation[]>;
}

/**
 * The Meta adapter (Marketing API, ad account assigned users). Configuration comes from the
 * environment only: `LATCH_META_API_URL` (default https://graph.facebook.com/v25.0),
 * `LATCH_META_TOKEN` (a system user token with ads_management and business_management) and
 * `LATCH_META_BUSINESS_ID` (the agency's Business Manager, in whose scope people are
 * resolved and invited). The business's people and pending invitations are read once per
 * adapter, that is once per run.
 */
export function createMetaAdapter(context: PlatformContext, tuning: MetaTuning = {}): MetaAdapter {
  const api = createMetaApi(readSettings(context.env), context.logger, tuning);
  const directory = createDirectoryCache(api);
  return {
    ...oneKindAdapter({
      id: PLATFORM,
      kindWords: 'a Meta kind',
      kinds: KINDS,
      calls: api.http.calls,
      target: accountId,
      list: (account) => listAccountGrants(api, directory, account),
      apply: (account, change) => applyAccountChange(api, directory, account, change),
    }),
    async pendingInvitations() {
      const { invitations } = await directory.get('list');
      return [...invitations.values()].sort((a, b) => a.email.localeCompare(b.email));
    },
  };
}

export const metaFactory = {
  id: PLATFORM,
  kinds: KINDS,
  create: (context: PlatformContext) => createMetaAdapter(context),
  importer: metaImporter,
} satisfies AdapterFactory;
