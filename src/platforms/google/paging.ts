import type { z } from 'zod';
import { PlatformError } from '../../errors.js';
import { googleCall, type Caller, type CallSpec } from './call.js';
import { PLATFORM } from './levels.js';

/** How one paged Google list is read. */
export interface PagedList<Page, Item> {
  spec: CallSpec;
  page: z.ZodType<Page>;
  fetch(pageToken: string | undefined): Promise<{ data: unknown }>;
  items(page: Page): readonly Item[];
  next(page: Page): string | null | undefined;
  /** Token of the first page to read (the rest of a list begun elsewhere); none reads from the start. */
  startToken?: string;
}

/**
 * Reads every page of a list. Returns the complete list or throws: a page that fails (after
 * retries) or does not parse fails the whole list, so nothing is ever planned from half of it.
 */
export async function collectPages<Page, Item>(caller: Caller, list: PagedList<Page, Item>): Promise<Item[]> {
  const all: Item[] = [];
  const seen = new Set<string>();
  let token = list.startToken;
  if (token !== undefined) seen.add(token);
  do {
    const page = await googleCall(caller, list.spec, list.page, () => list.fetch(token));
    all.push(...list.items(page));
    token = list.next(page) || undefined;
    if (token !== undefined) {
      // A token handed out twice would loop forever.
      if (seen.has(token)) throw new PlatformError(PLATFORM, list.spec.operation, `${list.spec.what}: the same page token came back twice`);
      seen.add(token);
    }
  } while (token !== undefined);
  return all;
}
