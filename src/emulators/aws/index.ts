import { Router, startEmulator, type Emulator, type EmulatorRequest, type EmulatorResponse, type EmulatorSwitches } from '../harness.js';
import { IDENTITY_STORE } from './identitystore.js';
import { JSON_11, awsError, text } from './protocol.js';
import { SSO_ADMIN } from './sso-admin.js';
import { advance, assignByHand, createState, type AssignmentFailure, type AwsSeed, type AwsSeedAssignment, type AwsState } from './state.js';

export type { AwsSeed, AwsSeedAssignment, AwsSeedGroup, AwsSeedUser, AssignmentFailure } from './state.js';

/** The two services' target prefixes, as the SDK sends them in `X-Amz-Target`. */
const SERVICES = { SWBExternalService: SSO_ADMIN, AWSIdentityStore: IDENTITY_STORE } as const;

export interface AwsEmulatorOptions {
  seed: AwsSeed;
  /** When set, the SigV4 `Credential=` must name this access key id (any other is unrecognised). */
  accessKeyId?: string;
  /** Status polls a creation or deletion stays IN_PROGRESS for (any other call finds it done); default 1. */
  pollsToComplete?: number;
  /** Creations that end FAILED with a reason instead of succeeding. */
  failures?: AssignmentFailure[];
  /** Most items per page whatever MaxResults asks (the service may return fewer); tests lower it to see paging. */
  maxPageSize?: number;
  switches?: Partial<EmulatorSwitches>;
  port?: number;
}

/** A running IAM Identity Center (sso-admin and identitystore) plus the hands of a client's administrator. */
export interface AwsEmulator extends Emulator {
  /** Current state, in the seed's shape. */
  snapshot(): AwsSeed;
  /** Someone assigns in the IAM Identity Center console, outside Latch: a client acting on a request, or drift. */
  assignByHand(assignment: AwsSeedAssignment): void;
}

function target(request: EmulatorRequest): string {
  const value = request.headers['x-amz-target'];
  return typeof value === 'string' ? value : '';
}

/**
 * Signature V4 is required but not verified: a request without it is refused as AWS refuses
 * it (MissingAuthenticationTokenException), and one signed with an unknown access key as
 * UnrecognizedClientException.
 */
function authorize(options: AwsEmulatorOptions, request: EmulatorRequest): EmulatorResponse | undefined {
  const header = request.headers.authorization ?? '';
  const key = /^AWS4-HMAC-SHA256 Credential=([^/,\s]+)\//.exec(header)?.[1];
  if (!key) return awsError('MissingAuthenticationTokenException', 'Missing Authentication Token');
  if (options.accessKeyId !== undefined && key !== options.accessKeyId) {
    return awsError('UnrecognizedClientException', 'The security token included in the request is invalid.');
  }
  return undefined;
}

function dispatch(state: AwsState, pageSize: number, request: EmulatorRequest): EmulatorResponse {
  const [service, operation] = target(request).split('.');
  const handlers: Record<string, (state: AwsState, body: unknown, pageSize: number) => EmulatorResponse> | undefined = SERVICES[service as keyof typeof SERVICES];
  const handler = handlers && operation ? handlers[operation] : undefined;
  if (!handler) return awsError('UnknownOperationException', `Unknown operation ${target(request) || '(no X-Amz-Target)'}`);
  if (!String(request.headers['content-type'] ?? '').startsWith(JSON_11)) return awsError('SerializationException', `Content-Type must be ${JSON_11}`);
  if (typeof request.body !== 'object' || request.body === null) return awsError('SerializationException', 'The request body is not a JSON object');
  advance(state, text(request.body, 'AccountAssignmentCreationRequestId') ?? text(request.body, 'AccountAssignmentDeletionRequestId'));
  return handler(state, request.body, pageSize);
}

function snapshotOf(state: AwsState): AwsSeed {
  return structuredClone(state.seed);
}

/**
 * Serves the part of IAM Identity Center Latch uses on 127.0.0.1, in the SDK's own
 * protocol (AWS JSON 1.1, `POST /`): permission sets, account assignments with their
 * asynchronous creation and deletion, and the identity store's users, groups and
 * memberships, with NextToken paging, the services' error types and throttling.
 * Requests are recorded and faults matched under `/<X-Amz-Target>`.
 */
export async function startAwsEmulator(options: AwsEmulatorOptions): Promise<AwsEmulator> {
  const state = createState(options.seed, options.pollsToComplete ?? 1, options.failures ?? []);
  const pageSize = options.maxPageSize ?? 100;
  const router = new Router().route('POST', '/', (request) => dispatch(state, pageSize, request));
  const emulator = await startEmulator({
    router,
    rateLimitAnswer: () => awsError('ThrottlingException', 'Rate exceeded'),
    notFound: (request) => awsError('UnknownOperationException', `Unknown operation ${request.method} ${request.path}`),
    authorize: (request) => authorize(options, request),
    routeKey: (request) => `/${target(request)}`,
    switches: options.switches,
    port: options.port,
  });
  return { ...emulator, snapshot: () => snapshotOf(state), assignByHand: (assignment) => assignByHand(state, assignment) };
}
