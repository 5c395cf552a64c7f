import {
  createComment,
  createIssue,
  listComments,
  listOpenIssues,
  updateComment,
  updateIssue,
  type Conversations,
} from './github-api.js';
import type { Issue, IssueComment } from './schema.js';

/** What an `ensure…` call did: GitHub is written to only when something changed. */
export interface Ensured {
  /** What was written. */
  action: 'created' | 'updated' | 'unchanged';
  /** Comment id or issue number. */
  id: number;
  /** Web address of the comment or issue. */
  url: string;
}

/**
 * Whether a comment or issue was written by Latch. A hidden marker alone is not enough:
 * anyone can paste it. With `botLogin` (the App's `slug[bot]`) only that account counts;
 * without it any bot account does (App tokens cannot call `GET /user` to learn their own
 * login), and a person's comment quoting the marker never does.
 */
export function isOurs(user: { login: string; type: string } | null, botLogin: string): boolean {
  if (!user) return false;
  if (botLogin) return user.login.toLowerCase() === botLogin.toLowerCase();
  return user.type === 'Bot';
}

function sameText(a: string | null | undefined, b: string): boolean {
  return (a ?? '').replace(/\r\n/g, '\n').trimEnd() === b.replace(/\r\n/g, '\n').trimEnd();
}

/** The oldest of Latch's comments on an issue or pull request that starts with `marker`. */
export async function findComment(github: Conversations, issue: number, marker: string, botLogin: string): Promise<IssueComment | undefined> {
  const comments = await listComments(github, issue);
  return comments.find((comment) => (comment.body ?? '').startsWith(marker) && isOurs(comment.user, botLogin));
}

/** One comment per marker on an issue or pull request: created once, then edited in place, never rewritten unchanged. */
export async function ensureComment(github: Conversations, issue: number, marker: string, body: string, botLogin: string): Promise<Ensured> {
  const existing = await findComment(github, issue, marker, botLogin);
  if (!existing) {
    const created = await createComment(github, issue, body);
    return { action: 'created', id: created.id, url: created.html_url };
  }
  if (sameText(existing.body, body)) return { action: 'unchanged', id: existing.id, url: existing.html_url };
  const updated = await updateComment(github, existing.id, body);
  return { action: 'updated', id: updated.id, url: updated.html_url };
}

/**
 * The open issue of `marker`. Looked up by label first (one short list); when the label was
 * dropped (GitHub drops labels a token may not set), every open issue is searched.
 */
export async function findIssue(github: Conversations, marker: string, label: string, botLogin: string): Promise<Issue | undefined> {
  const matches = (issues: Issue[]) => issues.filter((issue) => (issue.body ?? '').startsWith(marker) && isOurs(issue.user, botLogin)).sort((a, b) => a.number - b.number)[0];
  return matches(await listOpenIssues(github, label)) ?? matches(await listOpenIssues(github));
}

export interface IssueContent {
  /** Issue title. */
  title: string;
  /** Issue body, starting with its marker. */
  body: string;
}

/** One open issue per marker: opened once, its body and title rewritten only when they change. */
export async function ensureIssue(github: Conversations, marker: string, content: IssueContent, label: string, botLogin: string): Promise<Ensured> {
  const existing = await findIssue(github, marker, label, botLogin);
  if (!existing) {
    const created = await createIssue(github, { ...content, labels: [label] });
    return { action: 'created', id: created.number, url: created.html_url };
  }
  if (sameText(existing.body, content.body) && existing.title === content.title) return { action: 'unchanged', id: existing.number, url: existing.html_url };
  const updated = await updateIssue(github, existing.number, content);
  return { action: 'updated', id: updated.number, url: updated.html_url };
}

/**
 * Closes the open issue of `marker` with a closing comment, and a new `title` when given;
 * undefined when none is open.
 */
export async function closeIssue(github: Conversations, marker: string, label: string, botLogin: string, comment: string, title?: string): Promise<Issue | undefined> {
  const existing = await findIssue(github, marker, label, botLogin);
  if (!existing) return undefined;
  await createComment(github, existing.number, comment);
  return updateIssue(github, existing.number, { state: 'closed', state_reason: 'completed', ...(title ? { title } : {}) });
}
