const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Text for an element's content or a quoted attribute: client names, reasons and logins are
 * whatever someone wrote in a file or on a platform, so every one of them goes through here.
 */
export function esc(value: string | number): string {
  return String(value).replace(/[&<>"']/g, (character) => ENTITIES[character] ?? character);
}

/** A fragment id from a slug: slugs are validated, but an id never carries anything else. */
export function anchor(prefix: string, slug: string): string {
  return `${prefix}-${slug.replace(/[^a-z0-9_-]/gi, '_')}`;
}

/** `<section>` with its heading, the shape every part of the page has. */
export function section(id: string, title: string, body: string): string {
  return `<section id="${esc(id)}" aria-labelledby="${esc(id)}-h"><h2 id="${esc(id)}-h">${esc(title)}</h2>${body}</section>`;
}

/** A table inside a box that scrolls sideways, so a wide table never widens the page. Cells are markup the caller escaped. */
export function table(head: readonly string[], rows: readonly string[][], caption?: string): string {
  const th = head.map((cell) => `<th scope="col">${esc(cell)}</th>`).join('');
  const body = rows.map((row) => `<tr>${row.map((cell) => `<td>${cell}</td>`).join('')}</tr>`).join('');
  const captionHtml = caption ? `<caption>${esc(caption)}</caption>` : '';
  return `<div class="scroll" tabindex="0"><table>${captionHtml}<thead><tr>${th}</tr></thead><tbody>${body}</tbody></table></div>`;
}

/** "none", said plainly, for an empty part of the page. */
export function none(text = 'None.'): string {
  return `<p class="none">${esc(text)}</p>`;
}
