import type { PlatformContext } from '../platforms/adapter.js';
import type { ActualGrant } from '../model/grants.js';
import type { ResourceKind } from '../model/kinds.js';

/** A resource a platform shows, before Latch knows which client it belongs to. */
export interface Discovered {
  /** Resource kind. */
  kind: ResourceKind;
  /** The platform's reference, as a client file writes it (`org/repo`, `org/team`). */
  ref: string;
  /** The name clients are told apart by (`apex-web`): the repository name or team slug. */
  name: string;
}

/** One discovered resource with the grants its platform lists today. */
export interface Observed extends Discovered {
  /** The complete grant list, pending invitations included. */
  grants: ActualGrant[];
}

/** What one platform contributes to an import: its resources, and e-mails for its logins. */
export interface PlatformImporter {
  /** Platform id, as `--platform` names it. */
  id: string;
  /** Every resource of the platform's scope (`policies/platforms.yaml`), complete or throws. */
  discover(context: PlatformContext): Promise<Discovered[]>;
  /** E-mail addresses the platform publishes for some principals; the others are missing from the map. */
  emails(context: PlatformContext, principals: readonly string[]): Promise<Map<string, string>>;
  /** One line for the report: where the resources came from. */
  describe(context: PlatformContext): string;
}
