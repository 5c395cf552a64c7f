/**
 * Google's HTTP batch format (Drive's "Batch requests" guide): a `multipart/mixed` POST whose
 * parts are `application/http` requests, each with a `Content-ID`; the answer is
 * `multipart/mixed` again, one complete HTTP response per part, whose `Content-ID` is
 * `response-` followed by the request's. Headers of the outer request (the credential among
 * them) apply to every part, so no part carries one.
 */

/** One request of a batch: a GET by path and query, named by `id`. */
export interface InnerRequest {
  id: string;
  /** Path and query from the API root, e.g. `/drive/v3/files/1AbC/permissions?fields=…`. */
  path: string;
}

/** One part of a batch answer. */
export interface InnerAnswer {
  status: number;
  /** Lower-case names. */
  headers: Record<string, string>;
  /** Parsed JSON; the raw text when it is not JSON; undefined when empty. */
  body: unknown;
}

/** The body of a batch of GETs, parts separated by `boundary`. */
export function encodeBatch(boundary: string, requests: readonly InnerRequest[]): string {
  const parts = requests.map((request) =>
    [`--${boundary}`, 'Content-Type: application/http', 'Content-Transfer-Encoding: binary', `Content-ID: <${request.id}>`, '', `GET ${request.path} HTTP/1.1`, '', ''].join('\r\n'),
  );
  return `${parts.join('')}--${boundary}--\r\n`;
}

/** The boundary of a `multipart/mixed` content type; undefined for any other type. */
export function boundaryOf(contentType: string | undefined): string | undefined {
  if (!contentType || !/^\s*multipart\/mixed\s*;/i.test(contentType)) return undefined;
  const match = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return match?.[1] ?? match?.[2];
}

/** What comes before the first empty line (leading empty lines skipped), and what follows it. */
function splitAtBlank(text: string): [string, string] {
  const trimmed = text.replace(/^\n+/, '');
  const end = trimmed.indexOf('\n\n');
  return end < 0 ? [trimmed, ''] : [trimmed.slice(0, end), trimmed.slice(end + 2)];
}

/** `Name: value` lines by lower-case name, the first of each kept. */
function headersOf(lines: readonly string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] ??= line.slice(colon + 1).trim();
  }
  return headers;
}

function parseBody(text: string): unknown {
  const body = text.trim();
  if (body === '') return undefined;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return body;
  }
}

/** `<response-item-3>` or `response-item-3` -> `item-3`; undefined when it answers no request. */
function answeredId(contentId: string | undefined): string | undefined {
  const bare = contentId?.replace(/^<(.*)>$/, '$1');
  return bare?.startsWith('response-') ? bare.slice('response-'.length) : undefined;
}

/**
 * The parts of a batch answer by the id of the request each answers; undefined when the
 * answer lacks its closing delimiter (cut off). A part without a readable status line or
 * `Content-ID` is left out, so the request it answers stays unanswered.
 */
export function decodeBatch(text: string, boundary: string): Map<string, InnerAnswer> | undefined {
  const answers = new Map<string, InnerAnswer>();
  const normalised = `\n${text.replace(/\r\n/g, '\n')}`;
  const closing = normalised.indexOf(`\n--${boundary}--`);
  if (closing < 0) return undefined;
  const sections = normalised.slice(0, closing).split(`\n--${boundary}\n`).slice(1);
  for (const section of sections) {
    const [head, message] = splitAtBlank(section);
    const id = answeredId(headersOf(head.split('\n'))['content-id']);
    const [responseHead, body] = splitAtBlank(message);
    const [statusLine = '', ...lines] = responseHead.split('\n');
    const status = /^HTTP\/\d(?:\.\d)?\s+(\d{3})\b/.exec(statusLine)?.[1];
    if (!id || !status) continue;
    answers.set(id, { status: Number(status), headers: headersOf(lines), body: parseBody(body) });
  }
  return answers;
}
