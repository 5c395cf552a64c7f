import { z } from 'zod';
import { PlatformError } from '../../errors.js';
import type { ActualGrant } from '../../model/grants.js';
import type { Level } from '../../model/kinds.js';
import type { Change } from '../../model/plan.js';
import type { ApplyOutcome } from '../adapter.js';
import { googleCall, isStatus, type CallSpec } from './call.js';
import type { GoogleApi } from './client.js';
import { PLATFORM, ga4Level, ga4Roles, unknownGa4Roles } from './levels.js';
import { collectPages } from './paging.js';
import { AccessBinding, AccessBindingList, Property } from './schema.js';

const PAGE_SIZE = 500;

/** Account-level bindings, read once per account per run: many properties share an account. */
export type AccountBindings = Map<string, Promise<ActualGrant[]>>;

/** `123` or `properties/123`, as `properties/123`; anything else is refused before a call. */
export function propertyName(ref: string, operation: string): string {
  const id = ref.startsWith('properties/') ? ref.slice('properties/'.length) : ref;
  if (!/^\d+$/.test(id)) throw new PlatformError(PLATFORM, operation, `ga4-property reference "${ref}" is not a property id (digits, such as 123456789)`);
  return `properties/${id}`;
}

async function listBindings(api: GoogleApi, parent: string, operation: string): Promise<AccessBinding[]> {
  return collectPages(api, {
    spec: { operation, what: `GET v1alpha/${parent}/accessBindings`, method: 'GET' },
    page: AccessBindingList,
    fetch: (pageToken) =>
      parent.startsWith('accounts/')
        ? api.analytics.accounts.accessBindings.list({ parent, pageSize: PAGE_SIZE, pageToken })
        : api.analytics.properties.accessBindings.list({ parent, pageSize: PAGE_SIZE, pageToken }),
    items: (page) => page.accessBindings ?? [],
    next: (page) => page.nextPageToken,
  });
}

function grantOf(binding: AccessBinding, parent: string): ActualGrant {
  const what = `GET v1alpha/${parent}/accessBindings`;
  const roles = binding.roles ?? [];
  const unknown = unknownGa4Roles(roles);
  const level = ga4Level(roles);
  if (!binding.user) throw new PlatformError(PLATFORM, 'list', `${what}: binding ${binding.name} names no user`);
  if (unknown.length > 0 || !level) {
    throw new PlatformError(PLATFORM, 'list', `${what}: binding ${binding.name} has no role Latch knows (${roles.join(', ') || 'no roles'})`);
  }
  return { principal: binding.user.toLowerCase(), level };
}

/**
 * Bindings of the account a property belongs to, which apply to the property too. They are
 * reported as inherited, never changed here. An account Latch may not read (403) is skipped
 * with a warning: those grants cannot be revoked on the property anyway, so leaving them out
 * never turns into a wrong revocation; any other failure fails the listing.
 */
async function readAccount(api: GoogleApi, account: string): Promise<ActualGrant[]> {
  try {
    const bindings = await listBindings(api, account, 'list');
    return bindings.map((binding) => ({ ...grantOf(binding, account), inheritedFrom: account }));
  } catch (error) {
    if (!(error instanceof PlatformError && error.status === 403 && !error.retryable)) throw error;
    api.logger.warn({ platform: PLATFORM, account }, 'ga4 account access bindings not readable, account-level access not reported');
    return [];
  }
}

async function accountGrants(api: GoogleApi, property: string, cache: AccountBindings): Promise<ActualGrant[]> {
  const spec: CallSpec = { operation: 'list', what: `GET v1alpha/${property}`, method: 'GET' };
  const { parent } = await googleCall(api, spec, Property, () => api.analytics.properties.get({ name: property }));
  if (!parent?.startsWith('accounts/')) return [];
  let pending = cache.get(parent);
  if (!pending) {
    pending = readAccount(api, parent);
    cache.set(parent, pending);
    // A failed read is tried again by the next property rather than failing them all.
    pending.catch(() => cache.delete(parent));
  }
  return pending;
}

/**
 * Every grant on one GA4 property: its own bindings (changeable, by binding name) and its
 * account's (inherited). Costs the property's paged list, one GET of the property, and the
 * account's paged list once per account per run. Returns the complete list or throws.
 */
export async function listGa4Grants(api: GoogleApi, ref: string, accounts: AccountBindings): Promise<ActualGrant[]> {
  const property = propertyName(ref, 'list');
  const [own, inherited] = await Promise.all([listBindings(api, property, 'list'), accountGrants(api, property, accounts)]);
  const grants = [...own.map((binding) => ({ ...grantOf(binding, property), handle: binding.name })), ...inherited];
  return grants.sort((a, b) => a.principal.localeCompare(b.principal));
}

async function findBinding(api: GoogleApi, property: string, principal: string, operation: string): Promise<AccessBinding | undefined> {
  const bindings = await listBindings(api, property, operation);
  return bindings.find((binding) => binding.user?.toLowerCase() === principal);
}

/** Sets an existing binding to `level`, keeping its data restrictions; `unchanged` when it already is. */
async function setLevel(api: GoogleApi, binding: AccessBinding, level: Level, operation: string): Promise<ApplyOutcome> {
  const current = binding.roles ?? [];
  const roles = ga4Roles(level, current, operation);
  if (ga4Level(current) === level && unknownGa4Roles(current).length === 0) return { status: 'unchanged', detail: `already ${level}` };
  const spec: CallSpec = { operation, what: `PATCH v1alpha/${binding.name}`, method: 'PATCH' };
  await googleCall(api, spec, AccessBinding, () => api.analytics.properties.accessBindings.patch({ name: binding.name, requestBody: { name: binding.name, roles } }));
  return { status: 'applied' };
}

async function bind(api: GoogleApi, property: string, change: Change, level: Level): Promise<ApplyOutcome> {
  const spec: CallSpec = { operation: change.action, what: `POST v1alpha/${property}/accessBindings`, method: 'POST' };
  const requestBody = { user: change.principal, roles: ga4Roles(level, [], change.action) };
  try {
    await googleCall(api, spec, AccessBinding, () => api.analytics.properties.accessBindings.create({ parent: property, requestBody }));
    return { status: 'applied' };
  } catch (error) {
    if (!isStatus(error, 409)) throw error;
  }
  // Bound since the plan was made (a re-run after a crash): make sure the level is right.
  const existing = await findBinding(api, property, change.principal, change.action);
  if (!existing) throw new PlatformError(PLATFORM, change.action, `${spec.what}: Google says ${change.principal} is bound already, but no binding lists them`, { status: 409 });
  return setLevel(api, existing, level, change.action);
}

async function getBinding(api: GoogleApi, name: string, operation: string): Promise<AccessBinding | undefined> {
  const spec: CallSpec = { operation, what: `GET v1alpha/${name}`, method: 'GET' };
  try {
    return await googleCall(api, spec, AccessBinding, () => api.analytics.properties.accessBindings.get({ name }));
  } catch (error) {
    if (isStatus(error, 404)) return undefined;
    throw error;
  }
}

async function rebind(api: GoogleApi, property: string, change: Change & { to: Level }): Promise<ApplyOutcome> {
  // Read the binding first: its data restrictions must survive the new level.
  const binding = change.handle ? await getBinding(api, change.handle, change.action) : await findBinding(api, property, change.principal, change.action);
  if (!binding) return bind(api, property, change, change.to);
  return setLevel(api, binding, change.to, change.action);
}

async function unbind(api: GoogleApi, property: string, change: Change): Promise<ApplyOutcome> {
  const name = change.handle ?? (await findBinding(api, property, change.principal, change.action))?.name;
  if (!name) return { status: 'unchanged', detail: 'no binding any more' };
  const spec: CallSpec = { operation: change.action, what: `DELETE v1alpha/${name}`, method: 'DELETE' };
  try {
    await googleCall(api, spec, z.unknown(), () => api.analytics.properties.accessBindings.delete({ name }), false);
    return { status: 'applied' };
  } catch (error) {
    if (isStatus(error, 404)) return { status: 'unchanged', detail: 'no binding any more' };
    throw error;
  }
}

/** Carries out one change on a GA4 property; writes to one property run one at a time. */
export function applyGa4Change(api: GoogleApi, ref: string, change: Change): Promise<ApplyOutcome> {
  const property = propertyName(ref, change.action);
  return api.queue.run(`ga4:${property}`, () => {
    if (change.action === 'revoke') return unbind(api, property, change);
    if (change.action === 'grant') return bind(api, property, change, change.to);
    return rebind(api, property, change);
  });
}
