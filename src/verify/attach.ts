import type { DesiredState } from '../desire/expand.js';
import type { ManagedResource, ResourceReading } from '../model/grants.js';
import type { Plan, Unread } from '../model/plan.js';
import { compareUnread, resourceKey } from '../plan/order.js';
import { planRequests, type RequestOptions } from './requests.js';

export interface VerifyInput extends RequestOptions {
  desired: DesiredState;
  /** Verify-mode resources in scope: each must have a successful reading to be judged. */
  resources: readonly ManagedResource[];
  readings: readonly ResourceReading[];
  today: string;
}

/**
 * Pure: the plan with its access requests. A verify-mode resource that could not be read
 * is listed as unread ("could not verify"), like a managed one, so the run fails closed
 * instead of claiming anything about it. Changes and the fingerprint stay as they are.
 */
export function attachRequests(plan: Plan, input: VerifyInput): Plan {
  if (input.resources.length === 0) return plan;
  const readings = new Map(input.readings.map((reading) => [resourceKey(reading.resource.kind, reading.resource.ref), reading]));
  const unread: Unread[] = [];
  for (const resource of input.resources) {
    const reading = readings.get(resourceKey(resource.kind, resource.ref));
    if (reading?.ok) continue;
    const error = reading ? reading.error : 'not read';
    unread.push({ client: resource.client, kind: resource.kind, resource: resource.ref, error: `could not verify: ${error}` });
  }
  const requests = planRequests(input.desired, input.readings, input.today, input);
  return { ...plan, unread: [...plan.unread, ...unread].sort(compareUnread), requests };
}
