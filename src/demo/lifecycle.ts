import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { git } from '../git.js';
import type { GithubEmulator } from '../emulators/github/index.js';

const AS_MARIA = ['-c', 'user.name=Maria', '-c', 'user.email=maria@acme-agency.com'];

/** The example repository becomes a clone with history, then Cobalt's file is deleted in a second commit. */
export async function cobaltOffboarded(workdir: string): Promise<string> {
  await git(workdir, ['init', '-q', '-b', 'main']);
  await git(workdir, ['add', '-A']);
  await git(workdir, [...AS_MARIA, 'commit', '-q', '-m', 'Access as code']);
  await rm(join(workdir, 'clients/cobalt.yaml'));
  await git(workdir, ['add', '-A']);
  await git(workdir, [...AS_MARIA, 'commit', '-q', '-m', 'Offboard Cobalt Freight (#42)']);
  return 'The contract with Cobalt Freight ended: pull request #42 deleted clients/cobalt.yaml and was merged.\nThe apply after the merge offboards Cobalt (--base HEAD~1: the commit before the merge).';
}

/** Someone gives Cobalt's ken his repository back by hand, during the watch. */
export function kenBackOnCobaltPortal(github: GithubEmulator): string {
  github.addCollaboratorByHand('acme-agency/cobalt-portal', 'ken-cobalt', 'push');
  return 'Days later, a colleague gives ken-cobalt push on acme-agency/cobalt-portal again in the GitHub UI.\nCobalt is offboarded, but its resources stay watched for offboarding.watchDays.';
}

export const SAM_COMPROMISED = "Sam's laptop (Apex) is stolen: his access goes now, everywhere, before any review.";
