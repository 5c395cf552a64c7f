import { esc } from './html/escape.js';

/**
 * Text people wrote (reasons, names, refs, messages) made inert for GitHub and for Latch:
 * one line; no HTML comment can open or close; none of Latch's marker tags
 * (`latch:reviewed`, `latch:plan`, `latch:apply`, `latch:drift`) can appear, so no parser finds
 * one in it (a label such as `latch:allow-mass-revoke` stays whole to be copied); no `@name` or `@org/team` pings anyone. The breaks are a zero-width
 * joiner, so the text reads the same. E-mail addresses are left whole: GitHub mentions need a
 * non-word character before the `@`.
 */
export function inert(text: string): string {
  return text
    .replace(/\r\n?|\n/g, ' ')
    .replace(/latch:(?=(?:reviewed|plan|apply|drift)\b)/gi, (match) => `${match.slice(0, 5)}\u200d:`)
    .replace(/<!/g, '<\u200d!')
    .replace(/--(?=!?>)/g, '-\u200d-')
    .replace(/(?<![\p{L}\p{N}_])@(?!\u200d)/gu, '@\u200d');
}

/** Escapes text that is shown as Markdown prose (reasons, messages written in YAML by people). */
export function escapeMarkdown(text: string): string {
  return inert(text).replace(/[\\`*_[\]<>|~#]/g, (character) => `\\${character}`);
}

/** Escapes text inside HTML such as a `<summary>`: made inert for GitHub, then escaped as the report page escapes. */
export function escapeHtml(text: string): string {
  return esc(inert(text));
}

function longestBackticks(text: string): number {
  return Math.max(0, ...[...text.matchAll(/`+/g)].map((match) => match[0].length));
}

/** Inline code that survives backticks in the value: the delimiter is longer than any run inside. */
export function code(text: string): string {
  const flat = inert(text);
  const longest = longestBackticks(flat);
  if (longest === 0) return `\`${flat}\``;
  const fence = '`'.repeat(longest + 1);
  return `${fence} ${flat} ${fence}`;
}

/**
 * A fence longer than any run of backticks inside, so the block cannot be closed early. Each
 * line is made inert: GitHub does not parse HTML in a code block, but a marker reader would.
 */
export function fenced(language: string, body: string): string {
  const safe = body.split('\n').map(inert).join('\n');
  const fence = '`'.repeat(Math.max(3, longestBackticks(safe) + 1));
  return `${fence}${language}\n${safe}\n${fence}`;
}

/** A bullet list of at most `limit` items, with a closing line counting the rest. */
export function bulletList(items: readonly string[], limit: number): string[] {
  const shown = items.slice(0, limit).map((item) => `- ${item}`);
  if (items.length > limit) shown.push(`- … and ${items.length - limit} more`);
  return shown;
}
