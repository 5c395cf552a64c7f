import { readOnce, type ReadOnce } from '../read-once.js';
import { getAll, type TiktokApi } from './client.js';
import { Member } from './schema.js';

/** `bc/member/get/` pages hold at most 20 members. */
const MEMBER_PAGE_SIZE = 20;

/** An invitation to the Business Center not accepted: it names the invitee by e-mail only. */
export interface TiktokInvitation {
  /** Lower-cased. */
  email: string;
  /** The invitee declined: the e-mail must be removed before TikTok takes a new invitation. */
  rejected: boolean;
}

/** The Business Center's members and invitations, read once per run. */
export interface Directory {
  /** Members who joined, by lower-cased e-mail: their `user_id` is what assignments name. */
  members: ReadonlyMap<string, string>;
  /** Open or declined invitations by lower-cased e-mail. */
  invitations: Map<string, TiktokInvitation>;
}

/** The directory, read on first use; a failed read is not cached, so a later call tries again. */
export type DirectoryCache = ReadOnce<Directory>;

async function readDirectory(api: TiktokApi, operation: string): Promise<Directory> {
  const list = await getAll(api, operation, '/bc/member/get/', { bc_id: api.settings.bcId }, Member, MEMBER_PAGE_SIZE);
  const members = new Map<string, string>();
  const invitations = new Map<string, TiktokInvitation>();
  for (const member of list) {
    // Someone whose e-mail the token cannot see cannot be matched to anyone declared.
    const email = member.user_email?.trim().toLowerCase();
    if (!email) continue;
    if (member.relation_status === 'BOUND' && member.user_id) members.set(email, member.user_id);
    else if (member.relation_status !== 'BOUND') invitations.set(email, { email, rejected: member.relation_status === 'REJECTED' });
  }
  return { members, invitations };
}

export function createDirectoryCache(api: TiktokApi): DirectoryCache {
  return readOnce((operation) => readDirectory(api, operation));
}
