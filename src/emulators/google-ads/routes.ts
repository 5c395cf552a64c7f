import type { EmulatorRequest, EmulatorResponse, Router } from '../harness.js';
import { adsError, noCustomer, notFound } from './errors.js';
import { addInvitation, isAccessRole, pendingFor, userByEmail, type CustomerState, type GoogleAdsState } from './state.js';

function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[name] : undefined;
}

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

function invalidRole(role: unknown): EmulatorResponse {
  return adsError(400, 'fieldError', 'INVALID_VALUE', `The field's value is invalid: access_role "${String(role)}".`);
}

function invitationMutate(state: GoogleAdsState, customer: CustomerState, operation: unknown): EmulatorResponse {
  const create = field(operation, 'create');
  const removal = field(operation, 'remove');
  if (create !== undefined) {
    const email = String(field(create, 'emailAddress') ?? '').trim();
    const role = field(create, 'accessRole');
    if (!EMAIL.test(email)) return adsError(400, 'accessInvitationError', 'INVALID_EMAIL_ADDRESS', 'The email address is invalid for sending an invitation.');
    if (typeof role !== 'string' || !isAccessRole(role)) return invalidRole(role);
    if (userByEmail(customer, email)) return adsError(400, 'accessInvitationError', 'EMAIL_ADDRESS_ALREADY_HAS_ACCESS', 'Email address already has access to this customer.');
    if (pendingFor(state, customer, email)) return adsError(400, 'accessInvitationError', 'EMAIL_ADDRESS_ALREADY_HAS_PENDING_INVITATION', 'Email address already has a pending invitation.');
    const entry = addInvitation(state, customer, { email, role });
    return { status: 200, body: { result: { resourceName: `customers/${customer.id}/customerUserAccessInvitations/${entry.id}` } } };
  }
  if (typeof removal === 'string') {
    const id = new RegExp(`^customers/${customer.id}/customerUserAccessInvitations/(\\d+)$`).exec(removal)?.[1];
    const entry = id ? customer.invitations.get(id) : undefined;
    // A declined invitation is gone from the account; pending and expired ones can be revoked.
    if (!entry || entry.status === 'DECLINED') return notFound(removal);
    customer.invitations.delete(entry.id);
    return { status: 200, body: { result: { resourceName: removal } } };
  }
  return adsError(400, 'mutateError', 'OPERATION_NOT_SET', 'The mutate operation is empty.');
}

/** Google Ads keeps one admin: demoting or removing the last one is refused. */
function lastAdmin(customer: CustomerState, userId: string): EmulatorResponse | undefined {
  const admins = [...customer.users.values()].filter((user) => user.role === 'ADMIN');
  if (admins.length !== 1 || admins[0]?.id !== userId) return undefined;
  const code = customer.manager ? 'LAST_ADMIN_USER_OF_MANAGER' : 'LAST_ADMIN_USER_OF_SERVING_CUSTOMER';
  return adsError(400, 'customerUserAccessError', code, 'The last admin user of this account cannot be removed or lose admin access.');
}

function userMutate(customer: CustomerState, operation: unknown): EmulatorResponse {
  const update = field(operation, 'update');
  const removal = field(operation, 'remove');
  const name = typeof removal === 'string' ? removal : String(field(update, 'resourceName') ?? '');
  const id = new RegExp(`^customers/${customer.id}/customerUserAccesses/(\\d+)$`).exec(name)?.[1];
  const user = id ? customer.users.get(id) : undefined;
  if (update === undefined && typeof removal !== 'string') return adsError(400, 'mutateError', 'OPERATION_NOT_SET', 'The mutate operation is empty.');
  if (!user) return notFound(name);
  if (typeof removal === 'string') {
    const refused = lastAdmin(customer, user.id);
    if (refused) return refused;
    customer.users.delete(user.id);
    return { status: 200, body: { result: { resourceName: name } } };
  }
  const mask = String(field(operation, 'updateMask') ?? '');
  if (!/(^|,)\s*(accessRole|access_role)\s*(,|$)/.test(mask)) return adsError(400, 'fieldMaskError', 'FIELD_NOT_FOUND', 'The update mask must name access_role.');
  const role = field(update, 'accessRole');
  if (typeof role !== 'string' || !isAccessRole(role)) return invalidRole(role);
  if (role !== 'ADMIN') {
    const refused = lastAdmin(customer, user.id);
    if (refused) return refused;
  }
  user.role = role;
  return { status: 200, body: { result: { resourceName: name } } };
}

/** The REST paths Latch uses, at the root and under the pinned version. */
export function addRoutes(router: Router, state: GoogleAdsState, version: string): void {
  const withCustomer = (run: (request: EmulatorRequest, customer: CustomerState) => EmulatorResponse) => (request: EmulatorRequest) => {
    const customer = state.customers.get(request.params.cid ?? '');
    return customer ? run(request, customer) : noCustomer();
  };
  for (const prefix of ['', `/${version}`]) {
    router.route('POST', `${prefix}/customers/:cid/customerUserAccessInvitations:mutate`, withCustomer((request, customer) => invitationMutate(state, customer, field(request.body, 'operation'))));
    router.route('POST', `${prefix}/customers/:cid/customerUserAccesses:mutate`, withCustomer((request, customer) => userMutate(customer, field(request.body, 'operation'))));
  }
}
