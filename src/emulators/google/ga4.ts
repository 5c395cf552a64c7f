import type { EmulatorRequest, EmulatorResponse, Router } from '../harness.js';
import { googleError, invalid, isAnswer, pageOf } from './errors.js';
import { addBinding, type Binding, type BindingHolder, type GoogleState } from './state.js';

const KNOWN_ROLES: ReadonlySet<string> = new Set(
  ['viewer', 'analyst', 'editor', 'admin', 'no-cost-data', 'no-revenue-data'].map((role) => `predefinedRoles/${role}`),
);
const PAGE = { size: 200, max: 500 };

function notFound(): EmulatorResponse {
  return googleError(404, 'notFound', 'Requested entity was not found.');
}

function render(binding: Binding): Record<string, unknown> {
  return { name: binding.name, user: binding.user, roles: [...binding.roles] };
}

function listOf(holder: BindingHolder, request: EmulatorRequest, maxPageSize: number): EmulatorResponse {
  const page = pageOf([...holder.bindings.values()], request, 'pageSize', { size: PAGE.size, max: Math.min(PAGE.max, maxPageSize) });
  if (isAnswer(page)) return page;
  const body = { accessBindings: page.items.map(render) };
  return { status: 200, body: page.nextPageToken ? { ...body, nextPageToken: page.nextPageToken } : body };
}

/** The roles of a request body, or the 400 Google gives for them. */
function rolesOf(body: unknown, allowEmpty: boolean): string[] | EmulatorResponse {
  const roles: unknown = typeof body === 'object' && body !== null ? Reflect.get(body, 'roles') : undefined;
  if (!Array.isArray(roles) || roles.some((role) => typeof role !== 'string')) return invalid('roles must be a list of role names.');
  const names = roles.filter((role): role is string => typeof role === 'string');
  if (!allowEmpty && names.length === 0) return invalid('At least one role is required.');
  const unknown = names.find((role) => !KNOWN_ROLES.has(role));
  return unknown ? invalid(`Invalid role: ${unknown}`) : names;
}

function create(state: GoogleState, request: EmulatorRequest): EmulatorResponse {
  const id = request.params.property ?? '';
  const property = state.properties.get(id);
  if (!property) return notFound();
  const user: unknown = typeof request.body === 'object' && request.body !== null ? Reflect.get(request.body, 'user') : undefined;
  if (typeof user !== 'string' || !user.includes('@')) return invalid('user must be an e-mail address.');
  const roles = rolesOf(request.body, false);
  if (!Array.isArray(roles)) return roles;
  if (property.byUser.has(user.toLowerCase())) return googleError(409, 'alreadyExists', `An access binding already exists for ${user.toLowerCase()}.`);
  return { status: 200, body: render(addBinding(state, property, `properties/${id}`, { user, roles })) };
}

/** The binding a `properties/{p}/accessBindings/{b}` path names, with its property. */
function bindingAt(state: GoogleState, request: EmulatorRequest): { holder: BindingHolder; binding: Binding } | EmulatorResponse {
  const { property: id = '', binding: bindingId = '' } = request.params;
  const holder = state.properties.get(id);
  const binding = holder?.bindings.get(`properties/${id}/accessBindings/${bindingId}`);
  return holder && binding ? { holder, binding } : notFound();
}

function drop(holder: BindingHolder, binding: Binding): void {
  holder.bindings.delete(binding.name);
  holder.byUser.delete(binding.user);
}

/** Analytics Admin v1alpha: properties, their access bindings and their accounts' bindings. */
export function addGa4Routes(router: Router, state: GoogleState, maxPageSize: number): void {
  router.route('GET', '/v1alpha/properties/:property', (request) => {
    const id = request.params.property ?? '';
    const property = state.properties.get(id);
    if (!property) return notFound();
    return { status: 200, body: { name: `properties/${id}`, displayName: `Property ${id}`, ...(property.account ? { parent: `accounts/${property.account}` } : {}) } };
  });
  router.route('GET', '/v1alpha/properties/:property/accessBindings', (request) => {
    const property = state.properties.get(request.params.property ?? '');
    return property ? listOf(property, request, maxPageSize) : notFound();
  });
  router.route('POST', '/v1alpha/properties/:property/accessBindings', (request) => create(state, request));
  router.route('GET', '/v1alpha/properties/:property/accessBindings/:binding', (request) => {
    const found = bindingAt(state, request);
    return 'binding' in found ? { status: 200, body: render(found.binding) } : found;
  });
  router.route('PATCH', '/v1alpha/properties/:property/accessBindings/:binding', (request) => {
    const found = bindingAt(state, request);
    if (!('binding' in found)) return found;
    const roles = rolesOf(request.body, true);
    if (!Array.isArray(roles)) return roles;
    // An empty role list deletes the binding, as the API documents.
    if (roles.length === 0) drop(found.holder, found.binding);
    else found.binding.roles = roles;
    return { status: 200, body: render(found.binding) };
  });
  router.route('DELETE', '/v1alpha/properties/:property/accessBindings/:binding', (request) => {
    const found = bindingAt(state, request);
    if (!('binding' in found)) return found;
    drop(found.holder, found.binding);
    return { status: 200, body: {} };
  });
  router.route('GET', '/v1alpha/accounts/:account/accessBindings', (request) => {
    const account = state.accounts.get(request.params.account ?? '');
    return account ? listOf(account, request, maxPageSize) : notFound();
  });
}
