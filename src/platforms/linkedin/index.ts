import { oneKindAdapter } from '../one-kind.js';
import type { AdapterFactory, PlatformAdapter, PlatformContext } from '../adapter.js';
import { linkedinImporter } from './discover.js';
import { LINKEDIN_KINDS } from './kinds.js';
import { PLATFORM, accountUrn, createLinkedinApi, readSettings, type LinkedinTuning } from './client.js';
import { applyUserChange, listAccountUsers } from './users.js';

export { LINKEDIN_VERSION, type LinkedinTuning } from './client.js';

const KINDS = LINKEDIN_KINDS.map((facts) => facts.kind);

/**
 * The LinkedIn adapter (Marketing API, ad account users). Configuration comes from the
 * environment only: `LATCH_LINKEDIN_API_URL` (default https://api.linkedin.com/rest),
 * `LATCH_LINKEDIN_TOKEN` (scope rw_ads) and `LATCH_LINKEDIN_VERSION` (default the pinned
 * LINKEDIN_VERSION). LinkedIn never shows a member's e-mail, so principals are member
 * URNs (`urn:li:person:...`), compared as written, only trimmed. There are no invitations.
 */
export function createLinkedinAdapter(context: PlatformContext, tuning: LinkedinTuning = {}): PlatformAdapter {
  const api = createLinkedinApi(readSettings(context.env), context.logger, tuning);
  return oneKindAdapter({
    id: PLATFORM,
    kindWords: 'a LinkedIn kind',
    kinds: KINDS,
    calls: api.http.calls,
    target: accountUrn,
    list: (account) => listAccountUsers(api, account),
    apply: (account, change) => applyUserChange(api, account, change),
  });
}

export const linkedinFactory = {
  id: PLATFORM,
  kinds: KINDS,
  create: (context: PlatformContext) => createLinkedinAdapter(context),
  importer: linkedinImporter,
} satisfies AdapterFactory;
