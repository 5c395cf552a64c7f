import { Router, startEmulator, type Emulator, type EmulatorRequest, type EmulatorResponse, type EmulatorSwitches } from '../harness.js';
import { Workspace, type Args, type PostedMessage, type SeedUser, type SlackBody, type SlackSeed } from './state.js';
import { conversationsList } from './discovery.js';

export type { SlackSeed } from './state.js';

/** An emulated Slack workspace. `url` is the API base (`http://127.0.0.1:<port>/api/`), ready for `LATCH_SLACK_API_URL`. */
export interface SlackEmulator extends Emulator {
  /** The workspace as it is now (the bot user is a member of every channel). */
  snapshot(): SlackSeed;
  /** Someone joins a channel in the Slack UI, behind Latch's back: drift. */
  joinByHand(channel: string, userId: string): void;
  /** Someone joins the workspace after Latch read its user list. */
  addUser(user: SeedUser): void;
  /** Someone removes the app from a channel in the Slack UI. */
  removeApp(channel: string): void;
  /** Messages posted with chat.postMessage, oldest first. */
  messages(): PostedMessage[];
}

export interface SlackEmulatorOptions {
  seed: SlackSeed;
  /** The only token accepted; when absent any non-empty token is. */
  token?: string;
  switches?: Partial<EmulatorSwitches>;
  /** Fixed port for the demo; default any free port. */
  port?: number;
  /** Pages hold at most this many items whatever `limit` asks, as Slack may return fewer. */
  maxPageSize?: number;
  /** Scopes the token holds; when given, methods needing another answer `missing_scope`. Default: all. */
  scopes?: string[];
  /** A workspace preference keeps apps from removing members: `conversations.kick` answers `restricted_action`. */
  kickRestricted?: boolean;
}

type Handler = (workspace: Workspace, args: Args) => SlackBody;

const METHODS: Record<string, Handler> = {
  'auth.test': (workspace) => workspace.authTest(),
  'conversations.members': (workspace, args) => workspace.conversationsMembers(args),
  'conversations.list': conversationsList,
  'users.list': (workspace, args) => workspace.usersList(args),
  'users.info': (workspace, args) => workspace.usersInfo(args),
  'users.lookupByEmail': (workspace, args) => workspace.usersLookupByEmail(args),
  'conversations.invite': (workspace, args) => workspace.conversationsInvite(args),
  'conversations.kick': (workspace, args) => workspace.conversationsKick(args),
  'chat.postMessage': (workspace, args) => workspace.chatPostMessage(args),
};

/** Slack reads arguments from the query string, a form body or a JSON body alike. */
function argsOf(request: EmulatorRequest): Args {
  const args: Args = Object.fromEntries(request.query);
  if (request.body && typeof request.body === 'object') {
    for (const [name, value] of Object.entries(request.body)) {
      if (typeof value === 'string') args[name] = value;
      else if (typeof value === 'number' || typeof value === 'boolean') args[name] = String(value);
      else if (Array.isArray(value)) args[name] = value.join(',');
    }
  }
  return args;
}

function tokenOf(request: EmulatorRequest): string | undefined {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length);
  return argsOf(request).token;
}

function ok(body: SlackBody): EmulatorResponse {
  return { status: 200, body };
}

/** Starts an emulated Slack Web API on 127.0.0.1: POST or GET `/api/<method>`. */
export async function startSlackEmulator(options: SlackEmulatorOptions): Promise<SlackEmulator> {
  const workspace = new Workspace(options.seed);
  workspace.maxPageSize = options.maxPageSize;
  workspace.scopes = options.scopes;
  workspace.kickRestricted = options.kickRestricted ?? false;
  const router = new Router();
  for (const [method, handler] of Object.entries(METHODS)) {
    const answer = (request: EmulatorRequest) => ok(workspace.scopeFailure(method) ?? handler(workspace, argsOf(request)));
    router.route('POST', `/api/${method}`, answer).route('GET', `/api/${method}`, answer);
  }
  const emulator = await startEmulator({
    router,
    switches: options.switches,
    port: options.port,
    // Slack answers HTTP 429 with Retry-After in seconds.
    rateLimitAnswer: (seconds) => ({ status: 429, headers: { 'retry-after': String(seconds) }, body: { ok: false, error: 'ratelimited' } }),
    notFound: () => ({ status: 404, body: { ok: false, error: 'unknown_method' } }),
    authorize: (request) => {
      const token = tokenOf(request);
      if (!token) return ok({ ok: false, error: 'not_authed' });
      if (options.token !== undefined && token !== options.token) return ok({ ok: false, error: 'invalid_auth' });
      return undefined;
    },
  });
  return {
    ...emulator,
    url: `${emulator.url}/api/`,
    close: () => emulator.close(),
    snapshot: () => workspace.snapshot(),
    joinByHand: (channel, userId) => workspace.joinByHand(channel, userId),
    addUser: (user) => workspace.addUser({ ...user }),
    removeApp: (channel) => workspace.removeApp(channel),
    messages: () => workspace.messages.map((message) => ({ ...message })),
  };
}
