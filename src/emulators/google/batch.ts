import { randomBytes } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import { faultAnswer, takeFault, type EmulatorRequest, type EmulatorResponse, type EmulatorSwitches, type RecordedRequest, type Router } from '../harness.js';
import { googleError, unknownRoute } from './errors.js';

/**
 * Drive's batch endpoint as its "Batch requests" guide describes it: a `multipart/mixed` POST
 * of `application/http` parts, each a request to Drive v3 (path or full URL, optional HTTP
 * version, its own headers and body); headers of the outer request, except `Content-*`, apply
 * to every part unless the part sets them. The answer is `multipart/mixed`, one complete HTTP
 * response per part in the same order, each `Content-ID: response-<the part's id>`. Every
 * part is authorised, fault-injected and counted like a request of its own (Drive counts n
 * batched calls as n requests against its quota); the batch is one HTTP request.
 */

/** "You're limited to 100 calls in a single batch request." */
const MAX_PARTS = 100;

export interface BatchContext {
  router: Router;
  /** Checks one part's credential and scopes as a request of its own. */
  authorize(request: EmulatorRequest): EmulatorResponse | undefined;
  /** The running emulator's switches: their faults match a part by its own method and path. */
  switches(): EmulatorSwitches;
  /** Every part answered, in order. */
  recorded: RecordedRequest[];
}

interface Part {
  contentId: string | undefined;
  request: EmulatorRequest;
}

function boundaryOf(contentType: string | undefined): string | undefined {
  if (!contentType || !/^\s*multipart\/mixed\s*;/i.test(contentType)) return undefined;
  const match = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return match?.[1] ?? match?.[2];
}

function splitAtBlank(text: string): [string, string] {
  const trimmed = text.replace(/^\n+/, '');
  const end = trimmed.indexOf('\n\n');
  return end < 0 ? [trimmed, ''] : [trimmed.slice(0, end), trimmed.slice(end + 2)];
}

function headerLines(lines: readonly string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

function jsonOrText(text: string): unknown {
  const body = text.trim();
  if (body === '') return undefined;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return body;
  }
}

/** The parts of a batch body; undefined when it is not one. */
function partsOf(outer: EmulatorRequest, boundary: string, text: string): Part[] | undefined {
  const normalised = `\n${text.replace(/\r\n/g, '\n')}`;
  const end = normalised.indexOf(`\n--${boundary}--`);
  if (end < 0) return undefined;
  const inherited = Object.fromEntries(Object.entries(outer.headers).filter(([name]) => !name.startsWith('content-')));
  const parts: Part[] = [];
  for (const section of normalised.slice(0, end).split(`\n--${boundary}\n`).slice(1)) {
    const [head, message] = splitAtBlank(section);
    const [requestHead, body] = splitAtBlank(message);
    const [line = '', ...lines] = requestHead.split('\n');
    const found = /^(GET|POST|PATCH|PUT|DELETE)\s+(\S+)(?:\s+HTTP\/\d(?:\.\d)?)?$/.exec(line.trim());
    if (!found) return undefined;
    const url = new URL(found[2] ?? '/', outer.baseUrl);
    const request: EmulatorRequest = {
      method: found[1] ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: { ...inherited, ...headerLines(lines) },
      body: jsonOrText(body),
      params: {},
      baseUrl: outer.baseUrl,
    };
    parts.push({ contentId: headerLines(head.split('\n'))['content-id'], request });
  }
  return parts;
}

async function answerPart(context: BatchContext, part: Part, index: number): Promise<EmulatorResponse> {
  const { request } = part;
  // What Drive answers a call past the limit (reported in google-api-python-client#2201).
  if (index >= MAX_PARTS) return googleError(403, 'forbidden', 'Exceeds allowed inner batch requests soft limit. Please retry.');
  if (!request.path.startsWith('/drive/v3/')) return googleError(400, 'badRequest', 'All the requests of a batch must go to the same API (drive/v3).');
  const refused = context.authorize(request);
  if (refused) return refused;
  const fault = takeFault(context.switches().faults, request.method, request.path);
  if (fault) return faultAnswer(fault);
  const found = context.router.match(request.method, request.path);
  return found ? found.handler({ ...request, params: found.params }) : unknownRoute(request);
}

function responseId(contentId: string | undefined): string | undefined {
  if (contentId === undefined) return undefined;
  const bracketed = /^<(.*)>$/.exec(contentId);
  return bracketed ? `<response-${bracketed[1] ?? ''}>` : `response-${contentId}`;
}

function renderPart(boundary: string, contentId: string | undefined, answer: EmulatorResponse): string {
  const id = responseId(contentId);
  const headers: Record<string, string> = { ...answer.headers };
  let body = '';
  if (answer.body !== undefined) {
    headers['content-type'] ??= 'application/json; charset=UTF-8';
    body = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body, null, 1);
  }
  const head = [`--${boundary}`, 'Content-Type: application/http', ...(id ? [`Content-ID: ${id}`] : []), ''];
  const status = `HTTP/1.1 ${answer.status} ${STATUS_CODES[answer.status] ?? ''}`.trimEnd();
  const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}`);
  return [...head, status, ...lines, '', body, ''].join('\r\n');
}

async function batch(context: BatchContext, request: EmulatorRequest): Promise<EmulatorResponse> {
  const boundary = boundaryOf(request.headers['content-type']);
  const parts = boundary && typeof request.body === 'string' ? partsOf(request, boundary, request.body) : undefined;
  if (!parts || parts.length === 0) return googleError(400, 'badRequest', `Invalid multipart request with ${parts?.length ?? 0} mime parts.`);
  const answerBoundary = `batch_${randomBytes(9).toString('base64url')}`;
  const rendered: string[] = [];
  for (const [index, part] of parts.entries()) {
    const answer = await answerPart(context, part, index);
    context.recorded.push({ method: part.request.method, path: part.request.path, query: part.request.query.size > 0 ? `?${part.request.query.toString()}` : '', status: answer.status });
    rendered.push(renderPart(answerBoundary, part.contentId, answer));
  }
  return { status: 200, headers: { 'content-type': `multipart/mixed; boundary=${answerBoundary}` }, body: `${rendered.join('')}--${answerBoundary}--\r\n` };
}

/** `POST /batch/drive/v3`. */
export function addBatchRoute(router: Router, context: BatchContext): void {
  router.route('POST', '/batch/drive/v3', (request) => batch(context, request));
}
