import type { ActualGrant } from '../model/grants.js';
import type { Discovered } from '../platforms/adapter.js';

/** One discovered resource with the grants its platform lists today. */
export interface Observed extends Discovered {
  /** The complete grant list, pending invitations included. */
  grants: ActualGrant[];
}
