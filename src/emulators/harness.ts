import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request as a route handler sees it. */
export interface EmulatorRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  /** Parsed JSON body, form body as an object, or undefined. */
  body: unknown;
  /** Named segments of the matched route (`:owner` -> params.owner). */
  params: Record<string, string>;
  /** Absolute base URL of this emulator, for Link headers. */
  baseUrl: string;
}

export interface EmulatorResponse {
  status: number;
  headers?: Record<string, string>;
  /** Serialised as JSON unless undefined (then an empty body). */
  body?: unknown;
}

export type RouteHandler = (request: EmulatorRequest) => EmulatorResponse | Promise<EmulatorResponse>;

interface Route {
  method: string;
  pattern: RegExp;
  names: string[];
  handler: RouteHandler;
}

/** An injected failure: the next `times` requests matching method and path get this answer. */
export interface Fault {
  method?: string;
  /** Matched against the path (string: substring; RegExp: test). */
  path: string | RegExp;
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** How many matching requests fail; default 1. */
  times?: number;
  /** Let this many matching requests through before failing (e.g. fail the second page). */
  after?: number;
  /**
   * Sent as the body byte for byte instead of JSON (an HTML error page, truncated JSON);
   * `content-type` then comes from `headers` or defaults to text/html.
   */
  raw?: string;
  /** Holds the answer this long first (a stalled platform); the socket stays open meanwhile. */
  hangMs?: number;
}

/** Switches tests, the demo and the benchmark turn on a running emulator. */
export interface EmulatorSwitches {
  /** Added before every answer. */
  latencyMs: number;
  /** Every `every`-th request is answered as rate limited, telling the client to wait `retryAfterSeconds`. */
  rateLimit?: { every: number; retryAfterSeconds: number };
  faults: Fault[];
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: string;
  status: number;
  authorization?: string;
}

/** Builds the platform's own rate-limit answer (status, headers and error body differ per API). */
export type RateLimitAnswer = (retryAfterSeconds: number) => EmulatorResponse;

export interface Emulator {
  url: string;
  switches: EmulatorSwitches;
  /** Every request answered, in order. */
  requests: RecordedRequest[];
  close(): Promise<void>;
}

/** A tiny router: `route('GET', '/repos/:owner/:repo/collaborators', handler)`. */
export class Router {
  private readonly routes: Route[] = [];

  route(method: string, path: string, handler: RouteHandler): this {
    const names: string[] = [];
    const source = path
      .split('/')
      .map((segment) => {
        if (!segment.startsWith(':')) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        names.push(segment.slice(1));
        return '([^/]+)';
      })
      .join('/');
    this.routes.push({ method, pattern: new RegExp(`^${source}$`), names, handler });
    return this;
  }

  match(method: string, path: string): { handler: RouteHandler; params: Record<string, string> } | undefined {
    for (const route of this.routes) {
      if (route.method !== method) continue;
      const found = route.pattern.exec(path);
      if (!found) continue;
      const params: Record<string, string> = {};
      route.names.forEach((name, index) => {
        params[name] = decodeURIComponent(found[index + 1] ?? '');
      });
      return { handler: route.handler, params };
    }
    return undefined;
  }
}

export interface StartOptions {
  router: Router;
  rateLimitAnswer: RateLimitAnswer;
  notFound?: (request: EmulatorRequest) => EmulatorResponse;
  /** Checked before routing; return an answer to refuse the request (e.g. 401 without a token). */
  authorize?: (request: EmulatorRequest) => EmulatorResponse | undefined;
  switches?: Partial<EmulatorSwitches>;
  /** Headers added to every answer, refusals and injected faults included; an answer's own headers win. */
  commonHeaders?: (request: EmulatorRequest, answer: EmulatorResponse) => Record<string, string>;
  /** Fixed port for the demo; tests use 0 (any free port). */
  port?: number;
  /**
   * What injected faults match and requests are recorded under; default the URL path. APIs
   * that POST every operation to `/` name the operation here (`/SWBExternalService.ListInstances`).
   */
  routeKey?: (request: EmulatorRequest) => string;
}

async function readBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  if (chunks.length === 0) return undefined;
  const text = Buffer.concat(chunks).toString('utf8');
  const type = request.headers['content-type'] ?? '';
  if (type.includes('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(text));
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function matchesFault(fault: Fault, method: string, path: string): boolean {
  if (fault.method && fault.method !== method) return false;
  return typeof fault.path === 'string' ? path.includes(fault.path) : fault.path.test(path);
}

/** The first fault matching a request, used up by one; undefined when none matches. */
export function takeFault(faults: Fault[], method: string, path: string): Fault | undefined {
  const index = faults.findIndex((fault) => matchesFault(fault, method, path));
  if (index < 0) return undefined;
  const fault = faults[index] as Fault;
  if (fault.after && fault.after > 0) {
    fault.after -= 1;
    return undefined;
  }
  const remaining = (fault.times ?? 1) - 1;
  if (remaining <= 0) faults.splice(index, 1);
  else fault.times = remaining;
  return fault;
}

function send(response: ServerResponse, answer: EmulatorResponse): void {
  const headers: Record<string, string> = { ...answer.headers };
  if (answer.body === undefined) {
    response.writeHead(answer.status, headers);
    response.end();
    return;
  }
  headers['content-type'] ??= 'application/json; charset=utf-8';
  response.writeHead(answer.status, headers);
  response.end(typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What a fault answers, after its hang. */
export async function faultAnswer(fault: Fault): Promise<EmulatorResponse> {
  if (fault.hangMs) await sleep(fault.hangMs);
  if (fault.raw !== undefined) return { status: fault.status, headers: { 'content-type': 'text/html; charset=utf-8', ...fault.headers }, body: fault.raw };
  return { status: fault.status, headers: fault.headers, body: fault.body ?? { message: 'injected failure' } };
}

/** Starts an emulator on 127.0.0.1 and resolves once it listens. */
export async function startEmulator(options: StartOptions): Promise<Emulator> {
  const switches: EmulatorSwitches = { latencyMs: 0, faults: [], ...options.switches };
  const requests: RecordedRequest[] = [];
  let counter = 0;
  let baseUrl = '';

  const server: Server = createServer((incoming, response) => {
    void (async () => {
      const url = new URL(incoming.url ?? '/', baseUrl);
      const request: EmulatorRequest = {
        method: incoming.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        headers: incoming.headers,
        body: await readBody(incoming),
        params: {},
        baseUrl,
      };
      if (switches.latencyMs > 0) await sleep(switches.latencyMs);
      counter += 1;
      let answer: EmulatorResponse;
      const key = options.routeKey?.(request) ?? request.path;
      const fault = takeFault(switches.faults, request.method, key);
      const refused = options.authorize?.(request);
      if (refused) answer = refused;
      else if (fault) answer = await faultAnswer(fault);
      else if (switches.rateLimit && counter % switches.rateLimit.every === 0) {
        answer = options.rateLimitAnswer(switches.rateLimit.retryAfterSeconds);
      } else {
        const found = options.router.match(request.method, request.path);
        if (found) answer = await found.handler({ ...request, params: found.params });
        else answer = options.notFound?.(request) ?? { status: 404, body: { message: 'Not Found' } };
      }
      const common = options.commonHeaders?.(request, answer);
      if (common) answer = { ...answer, headers: { ...common, ...answer.headers } };
      requests.push({
        method: request.method,
        path: key,
        query: url.search,
        status: answer.status,
        authorization: incoming.headers.authorization,
      });
      send(response, answer);
    })().catch((error: unknown) => {
      send(response, { status: 500, body: { message: error instanceof Error ? error.message : String(error) } });
    });
  });

  // A fixed port someone else holds is an error to report, not an unhandled 'error' event.
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  baseUrl = `http://127.0.0.1:${port}`;
  return {
    url: baseUrl,
    switches,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
