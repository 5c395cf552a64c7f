/** Escapes text that is shown as Markdown prose (reasons, messages written in YAML by people). */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>|~#]/g, (character) => `\\${character}`).replace(/\r?\n/g, ' ');
}

/** Escapes text inside HTML such as a `<summary>`. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Inline code that survives backticks in the value. */
export function code(text: string): string {
  const flat = text.replace(/\r?\n/g, ' ');
  if (!flat.includes('`')) return `\`${flat}\``;
  return `\`\` ${flat} \`\``;
}

/** A fence longer than any run of backticks inside, so the block cannot be closed early. */
export function fenced(language: string, body: string): string {
  const longest = Math.max(0, ...[...body.matchAll(/`+/g)].map((match) => match[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${language}\n${body}\n${fence}`;
}

/** A bullet list of at most `limit` items, with a closing line counting the rest. */
export function bulletList(items: readonly string[], limit: number): string[] {
  const shown = items.slice(0, limit).map((item) => `- ${item}`);
  if (items.length > limit) shown.push(`- … and ${items.length - limit} more`);
  return shown;
}
